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

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("Times must carry a timezone.")
    return value.astimezone(UTC)


def format_utc(value: datetime) -> str:
    return to_utc(value).strftime(_FORMAT)


UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(to_utc),
    PlainSerializer(format_utc, return_type=str, when_used="json"),
]
