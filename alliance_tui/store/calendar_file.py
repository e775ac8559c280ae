"""Reading the coach's own calendar: an .ics file, or a folder of them, read-only and offline.

The calendar is the coach's, exported from wherever they keep it; nothing here
ever writes it or reaches the network. Repeating events, their exceptions and
time zones are the iCalendar library's job (icalendar, recurring-ical-events),
not a hand-written parser's. A file that cannot be read is named in one
sentence; the rest of the app works as before.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from ..models.calendar import CalendarEvent, emails_in

MAX_CALENDAR_BYTES = 20 * 1024 * 1024


class CalendarProblem(Exception):
    """A calendar that cannot be used, said for the coach."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def calendar_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".ics" and p.is_file())
    if path.is_file():
        return [path]
    raise CalendarProblem(f"The calendar {path} is not there (no such file or folder).")


CalendarStamp = tuple[tuple[str, int, int], ...]


def calendar_stamp(path: Path) -> CalendarStamp | None:
    """What the calendar is on disk now (each file's name, time and size): a change means read it again.

    Cheap enough to ask every few seconds (one stat per file); None when it is
    not there, which is itself a change worth saying.
    """
    try:
        files = calendar_files(path)
        return tuple((f.name, (st := f.stat()).st_mtime_ns, st.st_size) for f in files)
    except (CalendarProblem, OSError):
        return None


def read_day(path: Path, day: date, tz: tzinfo | None = None) -> list[CalendarEvent]:
    """Every timed event on ``day`` (the coach's local day) in the calendar at ``path``; all-day ones are not calls."""
    import icalendar
    import recurring_ical_events

    zone = tz or datetime.now().astimezone().tzinfo
    start = datetime.combine(day, datetime.min.time(), zone)
    events: list[CalendarEvent] = []
    for file in calendar_files(path):
        try:
            if file.stat().st_size > MAX_CALENDAR_BYTES:
                raise CalendarProblem(f"The calendar {file} is too large to be read ({file.stat().st_size:,} bytes).")
            calendar = icalendar.Calendar.from_ical(file.read_bytes())
            found = recurring_ical_events.of(calendar).between(start, start + timedelta(days=1))
        except CalendarProblem:
            raise
        except OSError as exc:
            raise CalendarProblem(f"The calendar {file} cannot be read ({exc.strerror or exc}).") from None
        except Exception:  # the library's many ways of saying "not iCalendar"
            raise CalendarProblem(f"The calendar {file} is not an iCalendar (.ics) file the app can read.") from None
        for component in found:
            event = _event(component, zone)
            if event is not None:
                events.append(event)
    return sorted(events, key=lambda e: e.start)


def _event(component: Any, zone: tzinfo | None) -> CalendarEvent | None:
    begin = component.get("DTSTART")
    if begin is None or not isinstance(begin.dt, datetime):
        return None  # all day: not a call
    finish = component.get("DTEND")
    start = _aware(begin.dt, zone)
    end = _aware(finish.dt, zone) if finish is not None and isinstance(finish.dt, datetime) else None
    raw = component.get("ATTENDEE") or []
    attendees = raw if isinstance(raw, list) else [raw]
    emails: set[str] = set()
    for attendee in attendees:
        emails |= emails_in(str(attendee))
    title = " ".join(str(component.get("SUMMARY", "")).split())
    return CalendarEvent(start, end, title, tuple(sorted(emails)), str(component.get("UID", "")).strip())


def _aware(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def write_calendar(path: Path, text: str) -> None:
    """The demo practice's own calendar file (a coach's real calendar is never written)."""
    from .atomic import atomic_write_bytes

    atomic_write_bytes(path, text.encode("utf-8"))
