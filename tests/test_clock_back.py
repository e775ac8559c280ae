"""The computer's clock set back during a session: it cannot end before it began, and the hours say so."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.cli import main
from alliance_tui.exports import hours_log_csv, hours_rows, hours_warnings
from alliance_tui.screens.session import SessionScreen
from alliance_tui.screens.session_summary import SessionSummaryScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled, toast_saying


class Clock:
    """A wall clock the test can set back."""

    def __init__(self) -> None:
        self.now = FROZEN_NOW

    def __call__(self) -> datetime:
        return self.now


def set_back_during_a_session(data_dir: Path, clock: Clock) -> str:
    with PracticeStore(data_dir, clock=clock) as store:
        client = store.add_client("Ana")
        session = store.start_session(client.id)
        clock.now -= timedelta(hours=2)
        ended = store.end_session(client.id, session.id)
        assert ended.ended is not None and ended.ended >= ended.started
        return client.id


def test_a_session_cannot_end_before_it_began(data_dir: Path) -> None:
    cid = set_back_during_a_session(data_dir, Clock())
    with PracticeStore(data_dir) as again:
        (session,) = again.record(cid).sessions
        assert session.ended is not None and session.ended >= session.started


def test_the_hours_log_never_counts_such_a_session_as_nothing_and_warns(data_dir: Path) -> None:
    cid = set_back_during_a_session(data_dir, Clock())
    with PracticeStore(data_dir) as store:
        records = [store.record(cid)]
    (row,) = hours_rows(records)
    assert row.hours == 1.0  # its planned 60 minutes, not 0.00
    assert ",1.00,0.00" in hours_log_csv(records)
    (warning,) = hours_warnings([row])
    assert warning.startswith("Ana: 1 session ended before it began") and "planned length" in warning


def test_the_hours_export_command_warns(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    set_back_during_a_session(data_dir, Clock())
    assert main(["--data-dir", str(data_dir), "export", "hours"]) == 0
    out, err = capsys.readouterr()
    assert ",1.00,0.00" in out
    assert "Check: Ana: 1 session ended before it began" in err


async def test_ending_a_session_after_the_clock_went_back_tells_the_coach(data_dir: Path) -> None:
    clock = Clock()
    store = PracticeStore(data_dir, clock=clock).open()
    cid = store.add_client("Ana").id
    app = AllianceApp(store, clock=clock, monotonic=lambda: 0.0, cursor_blink=False)
    try:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await app.push_screen(SessionScreen(cid))
            await handled(pilot)
            await pilot.press(*"first words", "enter")  # the session begins with its first entry
            clock.now -= timedelta(hours=2)
            app.screen.query_one("#prompts").focus()
            await pilot.press("ctrl+e", "y")
            shown = await toast_saying(pilot, "earlier than when session 1 began")
            assert "Clock set back?" in shown
            assert isinstance(app.screen, SessionSummaryScreen)
    finally:
        store.close()


def test_a_session_ended_the_instant_it_began_is_not_a_clock_set_back(data_dir: Path) -> None:
    """Only a clock that read earlier is doubted: a frozen or coarse clock ending at the start is not."""
    clock = Clock()
    with PracticeStore(data_dir, clock=clock) as store:
        client = store.add_client("Ana")
        session = store.start_session(client.id)
        ended = store.end_session(client.id, session.id)
        assert ended.ended == ended.started and not ended.clock_set_back and not ended.clock_doubt
        clock.now -= timedelta(seconds=1)
        second = store.start_session(client.id)
        clock.now -= timedelta(seconds=1)
        assert store.end_session(client.id, second.id).clock_set_back
