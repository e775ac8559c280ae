"""Today's calls from the coach's own calendar file: matched to clients, offline, read-only."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from alliance_tui import cli
from alliance_tui.models.calendar import CalendarEvent, in_words, match_events
from alliance_tui.models.summary import ClientSummary
from alliance_tui.store import PracticeStore
from alliance_tui.store.calendar_file import CalendarProblem, read_day

ADA = ClientSummary(id="a", name="Ada Lovelace", emails=("ada@example.org",))
ANN = ClientSummary(id="b", name="Ann Lee", emails=("ann@example.org",))
ANNA = ClientSummary(id="c", name="Ann Leeson")
OLD = ClientSummary(id="d", name="Old Friend", archived=True)


def _event(title: str, *attendees: str, hour: int = 9) -> CalendarEvent:
    return CalendarEvent(datetime(2026, 12, 2, hour, tzinfo=UTC), None, title, attendees)


def test_an_attendee_email_wins_then_the_full_name_then_a_first_name_only_one_client_has() -> None:
    calls = match_events(
        [
            _event("Coaching", "ann@example.org", hour=12),
            _event("Session with Ada Lovelace", hour=10),
            _event("ada: follow-up", hour=11),
            _event("Ann Leeson chemistry call", hour=13),
            _event("Dentist", hour=8),
            _event("Old Friend catch-up", hour=14),
        ],
        [ADA, ANN, ANNA, OLD],
    )
    assert [(c.event.title, c.client.id if c.client else None, c.matched_by) for c in calls] == [
        ("Dentist", None, ""),
        ("Session with Ada Lovelace", "a", "name"),
        ("ada: follow-up", "a", "first name"),
        ("Coaching", "b", "email"),
        ("Ann Leeson chemistry call", "c", "name"),  # the longest name meant, not "Ann Lee" inside it
        ("Old Friend catch-up", None, ""),  # archived clients are not on today's list
    ]


def test_relative_times_in_words() -> None:
    assert [in_words(m) for m in (25, 60, 125, 0, -3, -40, -120)] == [
        "in 25 min",
        "in 1 h",
        "in 2 h 5 min",
        "now",
        "now",
        "40 min ago",
        "2 h ago",
    ]


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VTIMEZONE\r
TZID:America/Los_Angeles\r
BEGIN:STANDARD\r
DTSTART:19701101T020000\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
TZOFFSETFROM:-0700\r
TZOFFSETTO:-0800\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:weekly@test\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=America/Los_Angeles:20261104T090000\r
DTEND;TZID=America/Los_Angeles:20261104T100000\r
RRULE:FREQ=WEEKLY;COUNT=10\r
EXDATE;TZID=America/Los_Angeles:20261118T090000\r
SUMMARY:Ada Lovelace coaching\r
ATTENDEE;CN=Ada:mailto:ADA@example.org\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:allday@test\r
DTSTAMP:20261101T000000Z\r
DTSTART;VALUE=DATE:20261202\r
SUMMARY:Holiday\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_repeats_exceptions_and_time_zones_come_from_the_library(tmp_path: Path) -> None:
    calendar = tmp_path / "work.ics"
    calendar.write_text(ICS, encoding="utf-8")
    on_the_day = read_day(calendar, date(2026, 12, 2), UTC)
    assert [(e.title, e.start.astimezone(UTC).hour, e.attendees) for e in on_the_day] == [
        ("Ada Lovelace coaching", 17, ("ada@example.org",))  # 09:00 in Los Angeles; the all-day holiday is no call
    ]
    assert read_day(calendar, date(2026, 11, 18), UTC) == []  # the exception
    assert read_day(tmp_path, date(2026, 12, 2), UTC)[0].title == "Ada Lovelace coaching"  # a folder of files


def test_a_bad_or_missing_calendar_is_named_in_one_sentence(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nthis is not\n", encoding="utf-8")
    with pytest.raises(CalendarProblem, match=r"broken\.ics is not an iCalendar"):
        read_day(broken, date(2026, 12, 2))
    with pytest.raises(CalendarProblem, match="is not there"):
        read_day(tmp_path / "gone.ics", date(2026, 12, 2))


def test_today_in_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from alliance_tui.demo import build_demo, write_demo_calendar

    build_demo(tmp_path / "demo").close()
    calendar = write_demo_calendar(tmp_path / "demo")
    day = read_day(calendar, datetime.now().astimezone().date())[0].start.astimezone().date()
    code = cli.main(["--data-dir", str(tmp_path / "demo"), "today", day.isoformat(), "--calendar", str(calendar)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Maya Okafor" in out and "session 2 of 6" in out and "Daniel Reyes" in out and "Sofia Lindqvist" in out
    assert "Supervision group  (no client matched)" in out
    assert "open commitment" in out and "No call today: Priya Natarajan" in out


def test_today_without_a_calendar_says_how_to_set_one(store: PracticeStore, capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    assert cli.main(["--data-dir", str(store.data_dir), "today"]) == cli.EXIT_FAILED
    assert "no calendar is set" in capsys.readouterr().err
