"""Time in one form: timezone-aware in memory, fixed-width UTC on disk.

Fixed width matters because stored times are compared as strings when sorting;
pydantic's default dump emits several forms (``Z`` vs ``+00:00``, with or without
microseconds) that sort wrongly against each other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, PlainSerializer

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("Times must carry a timezone.")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("That time is out of range.") from None


def format_utc(value: datetime) -> str:
    """Always 27 characters, e.g. 2026-11-20T09:00:00.000000Z (strftime does not pad years)."""
    v = to_utc(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}Z"


UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(to_utc),
    PlainSerializer(format_utc, return_type=str, when_used="json"),
]
