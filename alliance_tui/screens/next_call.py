"""The dashboard's first line: the next call in the coach's calendar, and who it is with.

The calendar file is the coach's own, read offline on a worker thread (never
while the screen draws) and read again only when it changes on disk: a stat of
each file every few seconds says so. What the line says is worked out on the
screen from the events already read and the practice index, so a session ended
or a match corrected shows at once without reading the calendar again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rich.text import Text

from ..models.calendar import CalendarEvent, PlannedCall, in_words, match_events, minutes_until, next_call, summary_line
from ..models.summary import ClientSummary

POLL_SECONDS = 5.0  # how soon a changed calendar file is read again
TICK_SECONDS = 30.0  # how often "in 25 min" is worked out again


@dataclass(frozen=True)
class CalendarRead:
    """One reading of the calendar for one day: its events, or why there are none."""

    path: Path
    day: date
    stamp: object
    events: tuple[CalendarEvent, ...] = ()
    problem: str = ""


def read_calendar(path: Path, day: date, stamp: object) -> CalendarRead:
    """On a worker thread: the day's events, or the one sentence that names what is wrong with the file."""
    from ..store.calendar_file import CalendarProblem, read_day

    try:
        return CalendarRead(path, day, stamp, tuple(read_day(path, day)))
    except CalendarProblem as exc:
        return CalendarRead(path, day, stamp, problem=exc.message)


class NextCall:
    """What the dashboard knows of today's calendar, and the line it shows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read: CalendarRead | None = None
        self.calls: list[PlannedCall] = []
        self.reading = False

    def wants_reading(self, day: date, stamp: object) -> bool:
        """A first read, a new day, or the file changed (or came or went) on disk."""
        if self.reading:
            return False
        return self.read is None or self.read.day != day or self.read.stamp != stamp

    def match(self, summaries: list[ClientSummary], remembered: dict[str, str]) -> None:
        events = list(self.read.events) if self.read is not None else []
        self.calls = match_events(events, summaries, remembered)

    def upcoming(self, now: datetime) -> PlannedCall | None:
        return next_call(self.calls, now)

    def line(self, now: datetime) -> Text:
        """The line under the title: the next call, or the quiet sentence saying why there is none."""
        if self.read is None:
            return Text(f"Reading your calendar {self.path.name}…", style="dim")
        if self.read.problem:
            return Text(self.read.problem, style="dim")
        call = self.upcoming(now)
        if call is None:
            said = "No more calls today" if self.calls else "No calls today"
            return Text(f"{said} in your calendar ({self.path.name}).", style="dim")
        with_client = sum(1 for c in self.calls if c.client is not None)
        text = Text(summary_line(call, now, calls_today=with_client), style="bold")
        if call.client is None:
            text.append(" · ctrl+l: it is with the highlighted client", style="dim")
        return text

    def calls_with(self, client_id: str, now: datetime) -> str:
        """' · call today at 15:00 (in 3 h)' for a client the calendar has today; '' otherwise."""
        times = [
            f"{c.event.start.astimezone():%H:%M} ({in_words(minutes_until(c.event.start, now))})"
            for c in self.calls
            if c.client is not None and c.client.id == client_id
        ]
        if not times:
            return ""
        return f" · call today at {', '.join(times)}" if len(times) == 1 else f" · calls today at {', '.join(times)}"
