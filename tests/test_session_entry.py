"""One way into a session screen, and a session written only with its first entry.

The dashboard's key, the review's, the command palette's and --client all go
through show_session_screen, which writes nothing: a client whose file cannot
be read shows no screen, and the session begins (is written) just before the
first entry, check-in or pause, so nothing is ever logged to a session that
is not on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.session import SessionScreen, kept_name
from alliance_tui.store import PracticeStore
from alliance_tui.store.errors import ClientUnavailable
from alliance_tui.widgets.client_list import ClientList
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import client_id, watch_reads
from .test_session_flow import make_app, screen_text
from .waits import handled


def told(app: AllianceApp) -> list[tuple[str, str]]:
    """Every message the app showed the coach, as (title, text), recorded through its public notify."""
    shown: list[tuple[str, str]] = []
    notify = app.notify

    def recorded(message: str, *, title: str = "", **options: Any) -> None:
        shown.append((title, str(message)))
        notify(message, title=title, **options)

    app.notify = recorded  # type: ignore[method-assign]
    return shown


class Ticking:
    """A monotonic clock a second further on at each reading: every pause runs long enough to count."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await handled(pilot)
    raise AssertionError(f"never came: {what}")


async def on_row(app: AllianceApp, pilot: Pilot[None], client: str) -> DashboardScreen:
    await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the client list")
    dashboard = app.screen
    assert isinstance(dashboard, DashboardScreen)
    dashboard.query_one("#clients", ClientList).move_cursor(row=[s.id for s in dashboard.shown].index(client))
    await handled(pilot)
    return dashboard


async def test_a_session_that_cannot_begin_is_said_in_the_line_and_the_words_stay(
    reopened: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    daniel = client_id(reopened, "Daniel Reyes")
    before = len(reopened.record(daniel).sessions)
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await on_row(app, pilot, daniel)

        def refused(client_id: str, planned_minutes: int | None = None, **when: Any) -> None:
            raise ClientUnavailable("Daniel's file cannot be written just now.")

        monkeypatch.setattr(reopened, "start_session", refused)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        await pilot.press(*"first words", "enter")
        assert "Daniel's file cannot be written just now. (the session was not begun" in screen_text(app)
        assert app.screen.query_one(QuickLogInput).value == "first words"
        assert len(reopened.record(daniel).sessions) == before
        assert app.is_running


async def test_keys_pressed_at_once_after_the_key_act_on_a_started_session(
    reopened: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys queued at once (during a stall, say): the session is on disk before its pause is."""
    daniel = client_id(reopened, "Daniel Reyes")
    started_when_paused: list[bool] = []
    record_pause = reopened.record_pause

    def watched(client_id: str, **fields: Any) -> Any:
        started_when_paused.append(reopened.record(client_id).open_session is not None)
        return record_pause(client_id, **fields)

    monkeypatch.setattr(reopened, "record_pause", watched)
    app = make_app(reopened, Ticking())
    async with app.run_test(size=(120, 36)) as pilot:
        await on_row(app, pilot, daniel)
        number = reopened.record(daniel).next_session_number
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        assert reopened.record(daniel).open_session is None  # open, and nothing written yet
        for key in ("ctrl+t", "ctrl+t"):  # a pause started and stopped, the keys queued at once
            app.post_message(events.Key(key, None))
        await until(pilot, lambda: bool(started_when_paused), "the pause recorded")
        assert isinstance(app.screen, SessionScreen) and app.screen.client_id == daniel
        record = reopened.record(daniel)
        assert record.open_session is not None and record.open_session.number == number
        assert [p.session_number for p in record.pauses[-1:]] == [number]
        assert started_when_paused == [True]  # the session was on disk before its pause


async def test_open_then_straight_back_with_nothing_logged_keeps_no_session(reopened: PracticeStore) -> None:
    daniel = client_id(reopened, "Daniel Reyes")
    before = len(reopened.record(daniel).sessions)
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        shown = told(app)
        await on_row(app, pilot, daniel)
        for key, character in (("ctrl+s", None), ("escape", None)):
            app.post_message(events.Key(key, character))
        await until(pilot, lambda: any(title == "Session not kept" for title, _ in shown), "the session let go")
        assert isinstance(app.screen, DashboardScreen)
        assert len(reopened.record(daniel).sessions) == before
        assert not app.is_screen_installed(kept_name(daniel))


async def test_a_file_damaged_behind_the_apps_back_is_said_when_opened(reopened: PracticeStore) -> None:
    maya = client_id(reopened, "Maya Okafor")
    path = reopened.clients_dir / f"{maya}.json"
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        shown = told(app)
        path.write_bytes(path.read_bytes()[:40])  # damaged behind the app's back
        await on_row(app, pilot, maya)
        assert not reopened.is_loaded(maya) and not shown  # nothing read, nothing said, until it is opened
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(shown), "the damage said")
        assert isinstance(app.screen, DashboardScreen)
        assert any("cannot be opened" in text for _, text in shown)
        assert "cannot be read" in screen_text(app)


async def test_a_session_screen_pushed_directly_writes_nothing(reopened: PracticeStore) -> None:
    """However a screen is pushed, it shows the open session, else the one its first entry would begin."""
    maya = client_id(reopened, "Maya Okafor")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SessionScreen(maya))
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.session is not None
        on_disk = PracticeStore(reopened.data_dir, read_only=True).open()
        try:
            assert on_disk.record(maya).open_session is None and not screen.started
            assert screen.session.number == on_disk.record(maya).next_session_number
        finally:
            on_disk.close()


def test_listeners_are_told_each_change_once_it_is_on_disk_and_whose_it_is(reopened: PracticeStore) -> None:
    daniel, maya = client_id(reopened, "Daniel Reyes"), client_id(reopened, "Maya Okafor")
    told: list[tuple[str | None, str]] = []
    on_disk: list[bool] = []

    def listener(client: str | None, kind: str) -> None:
        told.append((client, kind))
        if client == maya and kind == "records":
            on_disk.append(b"Maya's words" in (reopened.clients_dir / f"{maya}.json").read_bytes())

    stop = reopened.subscribe(listener)
    session = reopened.start_session(maya)
    reopened.log_note(maya, "Maya's words", session_number=session.number)
    assert (maya, "records") in told and all(c in (maya, None) for c, _ in told)  # nothing of Daniel's
    assert on_disk[-1] is True  # told after the write, never before
    told.clear()
    reopened.update_client(daniel, think_time_seconds=40)
    assert (daniel, "records") in told
    told.clear()
    reopened.update_settings(revisit_every_sessions=3)  # practice-wide: shown on every client's screen
    assert told[0] == (None, "settings")  # then the summaries whose nudges follow the new interval
    assert set(told) <= {(None, "settings"), (None, "index")}
    told.clear()
    stop()
    reopened.log_note(maya, "after", session_number=session.number)
    assert told == []  # no longer told


async def test_opening_a_session_from_the_list_reads_none_of_the_clients_ended_sessions(
    reopened: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session key reads the client's present only: an ended session is read by the screens that show it."""
    daniel = client_id(reopened, "Daniel Reyes")
    ended = reopened.client_path(daniel).with_suffix("")  # the folder of the client's ended sessions
    assert any(ended.glob("*.json")), "the demo's Daniel has sessions behind him"
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await on_row(app, pilot, daniel)
        read = watch_reads(monkeypatch)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        assert read, "the client's present was read"
        assert not [path for path in read if path.parent == ended]
