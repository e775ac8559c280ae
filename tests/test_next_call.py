"""The dashboard opens on the next call from the coach's calendar; a corrected match is remembered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot

from alliance_tui import cli
from alliance_tui.app import AllianceApp
from alliance_tui.demo import write_demo_calendar
from alliance_tui.models.calendar import CalendarEvent, PlannedCall, match_events, next_call, summary_line
from alliance_tui.models.summary import ClientSummary
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.calendar_matches import forget_client_matches, remember_match

from .conftest import FROZEN_NOW
from .screen_text import widget_text
from .waits import settled, toast_saying, until

ADA = ClientSummary(id="a", name="Ada Lovelace", sessions_held=3, nudges=["Revisit"])
BO = ClientSummary(id="b", name="Bo Chen")
NOON = datetime(2026, 12, 2, 12, tzinfo=UTC)


def _event(title: str, hour: int, uid: str = "") -> CalendarEvent:
    return CalendarEvent(datetime(2026, 12, 2, hour, tzinfo=UTC), None, title, (), uid)


def test_a_corrected_match_wins_for_the_whole_series_and_by_title_when_the_uid_changes() -> None:
    weekly = _event("Coaching call", 14, uid="series-1")
    assert match_events([weekly], [ADA, BO])[0].client is None
    remembered = {"uid:series-1": "b", "title:coaching call": "b"}
    assert match_events([weekly], [ADA, BO], remembered)[0] == PlannedCall(weekly, BO, "yours")
    exported_again = _event("Coaching  Call", 14, uid="new-uid")
    assert match_events([exported_again], [ADA, BO], remembered)[0].client == BO
    # "Not a client", said once, outranks the name in the title; a match to an erased client is matched afresh.
    assert match_events([_event("Ada Lovelace", 9, "x")], [ADA], {"uid:x": ""})[0] == PlannedCall(
        _event("Ada Lovelace", 9, "x"), None, "yours"
    )
    assert match_events([_event("Ada Lovelace", 9, "x")], [ADA], {"uid:x": "gone"})[0].matched_by == "name"


def test_the_next_call_is_the_one_under_way_else_the_next_a_client_s_first() -> None:
    calls = [
        PlannedCall(_event("Ada Lovelace", 11), ADA, "name"),
        PlannedCall(_event("Dentist", 13), None),
        PlannedCall(_event("Bo Chen", 15), BO, "name"),
    ]
    assert next_call(calls, NOON - timedelta(hours=2)) == calls[0]
    assert next_call(calls, NOON + timedelta(minutes=30)) == calls[2]  # Ada's hour is over; the dentist is nobody's
    assert next_call(calls, NOON + timedelta(hours=5)) is None
    assert next_call(calls[:2], NOON + timedelta(minutes=30)) == calls[1]  # no client's call left: the event itself
    line = summary_line(calls[0], NOON - timedelta(hours=2, minutes=25), calls_today=2)
    assert line.endswith("Ada Lovelace (in 1 h 25 min) · session 4 of 12 · ⚑ revisit due · 1 other call today")


def test_a_correction_is_kept_in_the_practice_and_goes_with_the_client(store: PracticeStore) -> None:
    bo = store.add_client("Bo Chen").id
    remember_match(store, _event("Coaching call", 14, uid="series-1"), bo)
    assert dict(store.settings.calendar_matches) == {"uid:series-1": bo, "title:coaching call": bo}
    with PracticeStore(store.data_dir, read_only=True) as again:  # durable, and read back without complaint
        assert dict(again.settings.calendar_matches) == {"uid:series-1": bo, "title:coaching call": bo}
    forget_client_matches(store, bo)
    assert store.settings.calendar_matches == {}


def _calendar(path: Path, *events: tuple[str, datetime, str]) -> Path:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for uid, start, title in events:
        stamp = start.strftime("%Y%m%dT%H%M%SZ")
        end = (start + timedelta(minutes=50)).strftime("%Y%m%dT%H%M%SZ")
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART:{stamp}", f"DTEND:{end}"]
        lines += [f"SUMMARY:{title}", "END:VEVENT"]
    path.write_text("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n", encoding="utf-8")
    return path


def _app(store: PracticeStore, calendar: Path, *, demo: bool = False) -> AllianceApp:
    return AllianceApp(
        store, demo=demo, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False, calendar=calendar
    )


def _line(app: AllianceApp) -> str:
    return widget_text(app.screen.query_one("#next-call"))


async def test_the_dashboard_opens_on_the_next_call_with_its_client_selected(demo_store: PracticeStore) -> None:
    app = _app(demo_store, write_demo_calendar(demo_store.data_dir, FROZEN_NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Maya" in _line(app), "the next call's line")
        assert "Today 13:00 Maya Okafor (in 4 h) · session 2 of 6 · 2 other calls today" in _line(app)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        highlighted = screen.highlighted()
        assert highlighted is not None and highlighted.name == "Maya Okafor"
        assert "Maya Okafor · call today at 13:00 (in 4 h)" in widget_text(screen.query_one("#detail"))
        assert "Priya Natarajan" in widget_text(screen.table)  # clients with no call are listed as ever


async def test_a_calendar_read_late_leaves_the_client_a_contact_line_was_opened_for(
    demo_store: PracticeStore,
) -> None:
    app = _app(demo_store, write_demo_calendar(demo_store.data_dir, FROZEN_NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Maya" in _line(app), "the next call's line")
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.next_call is not None
        screen._calendar_selected = False  # as if the calendar had not been read yet
        screen.table.move_cursor(row=0)
        await pilot.press("ctrl+k")  # the contact line opens for the first client in the list...
        await settled(pilot)
        screen._calendar_read(screen.next_call, screen.next_call.read)  # ...and then the read arrives
        await settled(pilot)
        highlighted = screen.highlighted()
        assert highlighted is not None and highlighted.name == "Daniel Reyes"


async def test_a_call_matched_wrongly_is_corrected_with_ctrl_l_and_a_changed_file_is_read_again(
    store: PracticeStore, tmp_path: Path
) -> None:
    ana = store.add_client("Ana Lima").id
    store.add_client("Bo Chen")
    calendar = _calendar(tmp_path / "cal.ics", ("weekly-1", FROZEN_NOW + timedelta(minutes=25), "Coaching call"))
    app = _app(store, calendar)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: "Coaching call" in _line(app), "the unmatched call")
        assert "Today 09:25 Coaching call (in 25 min) · no client matched · ctrl+l" in _line(app)
        await pilot.press("ctrl+l")  # Ana Lima is highlighted: the first in the list
        await toast_saying(pilot, "Remembered: 'Coaching call' is with Ana Lima")
        assert "Today 09:25 Ana Lima (in 25 min) · session 1 of 12" in _line(app)
        assert store.settings.calendar_matches["uid:weekly-1"] == ana

        _calendar(calendar, ("weekly-1", FROZEN_NOW + timedelta(minutes=40), "Coaching call"))
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        screen.poll_calendar()  # the timer's work, without waiting for it
        await settled(pilot)
        assert "Today 09:40 Ana Lima (in 40 min)" in _line(app)
        await pilot.press("ctrl+l")  # on the client it is matched to: once to ask, again to say "no client's call"
        await toast_saying(pilot, "ctrl+l again: it is no client's call")
        await pilot.press("ctrl+l")
        await toast_saying(pilot, "'Coaching call' is no client's call")
        assert store.settings.calendar_matches["uid:weekly-1"] == ""
        assert "No more calls today" in _line(app)

        calendar.unlink()
        app.open_review(ana)  # behind another screen nothing is read: no work behind a call
        await settled(pilot)
        screen.poll_calendar()
        await settled(pilot)
        assert screen.next_call is not None and screen.next_call.read is not None
        assert not screen.next_call.read.problem
        await pilot.press("escape")  # back on the dashboard: read again at once
        await settled(pilot)
        assert _line(app).strip().startswith("The calendar /")
        assert f"The calendar {calendar} is not there" in str(screen.query_one("#next-call").tooltip)
        line = screen.query_one("#next-call")
        assert len(_line(app).strip()) > line.content_size.width  # a path this long...
        assert line.content_size.height > 1  # ...wraps: the problem is read whole, not cut off


def test_today_link_remembers_a_match_and_reads_no_history(
    store: PracticeStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_client("Ana Lima")
    calendar = _calendar(tmp_path / "cal.ics", ("w1", FROZEN_NOW + timedelta(hours=2), "Coaching call"))
    store.close()
    read_whole: list[str] = []
    monkeypatch.setattr(PracticeStore, "record", lambda self, cid: read_whole.append(cid))
    day = FROZEN_NOW.astimezone().date().isoformat()
    args = ["--data-dir", str(store.data_dir), "today", day, "--calendar", str(calendar)]
    assert cli.main(args) == 0
    assert "Coaching call  (no client matched)" in capsys.readouterr().out
    hhmm = (FROZEN_NOW + timedelta(hours=2)).astimezone().strftime("%H:%M")
    assert cli.main([*args, "--link", f"{hhmm}=Ana"]) == 0
    out = capsys.readouterr().out
    assert "Remembered: Coaching call is with Ana Lima" in out
    assert "Ana Lima" in out.splitlines()[-2] and "session 1 of 12" in out
    assert cli.main([*args, "--link", f"{hhmm}=-"]) == 0
    out = capsys.readouterr().out
    assert (
        "Remembered: Coaching call is no client's call" in out
        and "Coaching call  (no client's call, as you said)" in out
    )
    assert cli.main([*args, "--link", "07:77=Ana"]) == cli.EXIT_FAILED
    assert "no call starts at '07:77'" in capsys.readouterr().err
    assert read_whole == []
    with PracticeStore(store.data_dir, read_only=True) as again:
        assert set(again.settings.calendar_matches.values()) == {""}


def test_dashboard_with_the_next_call_snapshot_80x24(
    demo_store: PracticeStore, snap_compare: Callable[..., bool]
) -> None:
    app = _app(demo_store, write_demo_calendar(demo_store.data_dir, FROZEN_NOW), demo=True)

    async def read(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: "Maya" in _line(app), "the next call's line")
        await settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=read)


PEOPLE = [
    ADA,
    BO,
    ClientSummary(id="c", name="Ann Lee", emails=("ann@x.org",)),
    ClientSummary(id="d", name="Old", archived=True),
]
event_st = st.builds(
    lambda title, hour, uid, who: CalendarEvent(datetime(2026, 12, 2, hour, tzinfo=UTC), None, title, who, uid),
    st.sampled_from(["Ada Lovelace", "Bo", "Ann Lee call", "Old catch-up", "Dentist", "ann", ""])
    | st.text(max_size=20),
    st.integers(0, 23),
    st.sampled_from(["", "u1", "u2"]),
    st.sampled_from([(), ("ann@x.org",), ("nobody@x.org",)]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(event_st, max_size=6),
    st.dictionaries(st.sampled_from(["uid:u1", "uid:u2"]), st.sampled_from(["a", "b", "d", "", "gone"])),
)
def test_matching_keeps_every_event_in_order_and_a_correction_always_wins(
    events: list[CalendarEvent], remembered: dict[str, str]
) -> None:
    calls = match_events(events, PEOPLE, remembered)
    assert len(calls) == len(events)
    assert [c.event.start for c in calls] == sorted(e.start for e in events)
    for call in calls:
        assert call.client is None or not call.client.archived  # never an archived client
        said = remembered.get(f"uid:{call.event.uid}") if call.event.uid else None
        if said == "":
            assert (call.client, call.matched_by) == (None, "yours")
        elif said in ("a", "b"):
            assert call.client is not None and (call.client.id, call.matched_by) == (said, "yours")
        else:
            assert call.matched_by != "yours"  # a correction to an archived or erased client is matched afresh
