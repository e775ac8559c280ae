"""Time in one form: timezone-aware in memory, fixed-width UTC on disk.

Fixed width matters because stored times are compared as strings when sorting;
pydantic's default dump emits several forms (``Z`` vs ``+00:00``, with or without
microseconds) that sort wrongly against each other.

The functions here need no pydantic, so the clock and the index are used
without it; ``UtcDatetime``, the annotated type the models use, is in fields.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo

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


def local_date(value: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day a moment falls on where the coach is: the one rule for every day shown.

    ``zone`` None means the machine's local time zone, as the clock on the coach's screen.
    """
    return to_utc(value).astimezone(zone).date()


def format_utc(value: datetime) -> str:
    """Always 27 characters, e.g. 2026-11-20T09:00:00.000000Z (strftime does not pad years)."""
    v = to_utc(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}Z"


def parse_stored_utc(text: str) -> datetime | None:
    """A time exactly as format_utc writes it, or None for anything else (the caller decides)."""
    if len(text) != 27 or text[-1] != "Z" or text[10] != "T" or text[19] != ".":
        return None
    try:
        value = datetime.fromisoformat(text[:-1])
    except ValueError:
        return None
    if value.tzinfo is not None or format_utc(value.replace(tzinfo=UTC)) != text:
        return None
    return value.replace(tzinfo=UTC)
