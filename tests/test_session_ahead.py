"""The session screen of the row the coach rests on is built unseen, so its key only has to show it.

Built ahead it writes nothing; shown, it starts the session, with what changed
meanwhile and in the colours of the moment, exactly as a screen built at the
key would look. These tests also fail if Textual stops building a screen the
way build_session_screen_ahead takes it (its pinned private steps).
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from alliance_tui.app import AllianceApp
from alliance_tui.screens import dashboard as dashboard_module
from alliance_tui.screens.dashboard import READ_AHEAD_AFTER, DashboardScreen
from alliance_tui.screens.session import SessionScreen, build_session_screen_ahead, kept_name
from alliance_tui.store import PracticeStore
from alliance_tui.store.errors import ClientUnavailable
from alliance_tui.widgets.client_list import ClientList
from alliance_tui.widgets.session_header import SessionHeader

from .conftest import FROZEN_NOW
from .test_session_flow import FakeMonotonic, screen_text


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=FakeMonotonic(), cursor_blink=False)


def client(store: PracticeStore, name: str) -> str:
    found = store.find_client(name)
    assert found is not None
    return found.id


async def rest_on(app: AllianceApp, pilot: Pilot[None], client_id: str) -> SessionScreen:
    """The client's row highlighted and rested on until their screen is built; it is not shown."""
    dashboard = app.screen
    assert isinstance(dashboard, DashboardScreen)
    dashboard.query_one("#clients", ClientList).move_cursor(row=[s.id for s in dashboard.shown].index(client_id))
    await pilot.pause(READ_AHEAD_AFTER + 0.1)
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.is_screen_installed(kept_name(client_id)) and not any(w.is_running for w in app.workers):
            break
    assert not any(w.is_running for w in app.workers), "the list keeps working after the screen is built"
    screen = app.get_screen(kept_name(client_id))
    assert isinstance(screen, SessionScreen) and screen.built_ahead
    assert app.screen is dashboard
    return screen


def file_bytes(store: PracticeStore, client_id: str) -> bytes:
    return (store.clients_dir / f"{client_id}.json").read_bytes()


async def test_a_rested_on_row_gets_its_screen_built_unseen_and_the_key_shows_it(reopened: PracticeStore) -> None:
    daniel = client(reopened, "Daniel Reyes")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        dashboard = app.screen
        before = file_bytes(reopened, daniel)
        next_number = reopened.record(daniel).next_session_number
        built = await rest_on(app, pilot, daniel)

        # Unseen and unwritten: the list keeps the coach's focus, the file is as it was.
        assert built not in app.screen_stack and not built.started
        assert isinstance(app.focused, ClientList) and app.screen is dashboard
        assert file_bytes(reopened, daniel) == before
        assert reopened.record(daniel).open_session is None

        await pilot.press("s")
        await pilot.pause()
        assert app.screen is built and built.started
        assert built.session is not None and built.session.number == next_number
        assert built.query_one(SessionHeader).session_number == next_number
        opened = PracticeStore(reopened.data_dir, read_only=True).open()
        try:
            on_disk = opened.record(daniel).open_session
        finally:
            opened.close()
        assert on_disk is not None and on_disk.number == next_number  # started durably when shown


async def test_moving_on_lets_go_of_the_screen_built_for_the_row_before(reopened: PracticeStore) -> None:
    daniel, maya = client(reopened, "Daniel Reyes"), client(reopened, "Maya Okafor")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = await rest_on(app, pilot, daniel)
        await rest_on(app, pilot, maya)
        assert not app.is_screen_installed(kept_name(daniel)) and not first.is_attached
        assert reopened.record(daniel).open_session is None


async def test_what_changed_after_it_was_built_is_shown_when_it_is_opened(reopened: PracticeStore) -> None:
    daniel = client(reopened, "Daniel Reyes")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        built = await rest_on(app, pilot, daniel)
        reopened.update_client(daniel, name="Daniel Reyes-Ortiz", think_time_seconds=75)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is built
        assert built.query_one(SessionHeader).client_name == "Daniel Reyes-Ortiz"
        assert "75" in screen_text(app)  # the pause clock's new target


async def test_a_theme_chosen_after_it_was_built_colours_it_when_opened(reopened: PracticeStore) -> None:
    daniel = client(reopened, "Daniel Reyes")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        built = await rest_on(app, pilot, daniel)
        dark = built.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is built and built.styles.background != dark
        fresh = SessionScreen(client(reopened, "Maya Okafor"))
        await app.push_screen(fresh)
        await pilot.pause()
        assert built.styles.background == fresh.styles.background  # as if built in the light theme


async def test_a_session_that_cannot_start_when_shown_is_said_and_the_list_stays(
    reopened: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    daniel = client(reopened, "Daniel Reyes")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        built = await rest_on(app, pilot, daniel)

        def refused(client_id: str, planned_minutes: int | None = None) -> None:
            raise ClientUnavailable("Daniel's file cannot be written just now.")

        monkeypatch.setattr(reopened, "start_session", refused)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert not any(isinstance(screen, SessionScreen) for screen in app.screen_stack)
        assert any("cannot be written" in str(n.message) for n in app._notifications)
        assert not built.is_attached and built not in app.screen_stack  # let go of, whatever the list builds next
        assert app.is_running and app._exception is None


async def test_quitting_with_a_screen_built_ahead_writes_nothing(reopened: PracticeStore) -> None:
    daniel = client(reopened, "Daniel Reyes")
    before = file_bytes(reopened, daniel)
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await rest_on(app, pilot, daniel)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app._exception is None
    assert file_bytes(reopened, daniel) == before


async def test_the_key_pressed_while_it_is_being_built_opens_it_once(reopened: PracticeStore) -> None:
    daniel = client(reopened, "Daniel Reyes")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        building = app.run_worker(build_session_screen_ahead(app, daniel))
        await pilot.press("s")
        await building.wait()
        await pilot.pause()
        sessions = [s for s in app.screen_stack if isinstance(s, SessionScreen)]
        assert len(sessions) == 1 and app.screen is sessions[0] and sessions[0].started
        assert app._exception is None


async def opened_looks(store: PracticeStore, resized: tuple[int, int] | None = None) -> list[str]:
    """Daniel's session screen as the coach sees it, opened once built ahead and once built at the key."""
    daniel = client(store, "Daniel Reyes")
    looks: list[str] = []
    for ahead in (True, False):
        app = make_app(store)
        with pytest.MonkeyPatch.context() as patch:
            if not ahead:  # a slow moment of the machine must not let the 0.4 s rest build it ahead after all
                patch.setattr(dashboard_module, "READ_AHEAD_AFTER", 3600.0)
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause()
                if ahead:
                    await rest_on(app, pilot, daniel)
                if resized:
                    await pilot.resize_terminal(*resized)
                    await pilot.pause()
                await pilot.press("s")
                await pilot.pause()
                assert isinstance(app.screen, SessionScreen) and app.screen.built_ahead is ahead
                assert app.screen.has_class("-compact") is (resized is not None)
                looks.append(app.export_screenshot())
                await pilot.press("escape")  # nothing logged: the session is not kept, the next run starts it again
                await pilot.pause()
    return looks


async def test_opened_built_ahead_it_looks_as_one_built_at_the_key(demo_store: PracticeStore) -> None:
    looks = await opened_looks(demo_store)
    assert looks[0] == looks[1]


async def test_a_terminal_resized_after_it_was_built_gets_the_layout_of_its_new_size(demo_store: PracticeStore) -> None:
    looks = await opened_looks(demo_store, resized=(80, 24))  # narrower than the three panes: the compact layout
    assert looks[0] == looks[1]


@pytest.mark.parametrize("built_ahead", [True, False])
@pytest.mark.parametrize("steps", range(0, 40, 3))
async def test_quitting_as_a_session_screen_is_built_is_quiet(
    reopened: PracticeStore, built_ahead: bool, steps: int
) -> None:
    """Quitting takes the screen's widgets off while their first handlers are still to run: no traceback."""
    daniel = client(reopened, "Daniel Reyes")
    before = file_bytes(reopened, daniel)
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        if built_ahead:
            app.run_worker(partial(build_session_screen_ahead, app, daniel))
        else:
            app.push_screen(SessionScreen(daniel))
        for _ in range(steps):  # the quit lands at a different step of the building
            await asyncio.sleep(0)
        app.exit()
    assert app._exception is None  # run_test raises it otherwise
    if built_ahead:
        assert file_bytes(reopened, daniel) == before  # never shown: nothing started


async def test_browsing_the_list_holds_one_client_ahead_not_every_one_rested_on(reopened: PracticeStore) -> None:
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        rows = [s.id for s in dashboard.shown if not s.problem]
        for client_id in rows:
            await rest_on(app, pilot, client_id)
        # Only the last row rested on is held: the others' screens and records were let go of.
        assert [cid for cid in rows if reopened.is_loaded(cid)] == [rows[-1]]
        assert [cid for cid in rows if app.is_screen_installed(kept_name(cid))] == [rows[-1]]


async def test_keys_pressed_at_once_after_the_key_act_on_a_started_session(
    reopened: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys queued behind s (during a stall, say) reach a session already on disk, never one still to start."""
    daniel = client(reopened, "Daniel Reyes")
    started_when_paused: list[bool] = []
    record_pause = reopened.record_pause

    def watched(client_id: str, **fields: Any) -> Any:
        started_when_paused.append(reopened.record(client_id).open_session is not None)
        return record_pause(client_id, **fields)

    monkeypatch.setattr(reopened, "record_pause", watched)
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        built = await rest_on(app, pilot, daniel)
        number = reopened.record(daniel).next_session_number
        for key, character in (("s", "s"), ("t", "t"), ("t", "t")):  # open, then a pause started and stopped
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        assert app.screen is built and built.started
        record = reopened.record(daniel)
        assert record.open_session is not None and record.open_session.number == number
        assert [p.session_number for p in record.pauses[-1:]] == [number]
        assert started_when_paused == [True]  # the session was on disk before its pause


async def test_open_then_straight_back_with_nothing_logged_keeps_no_session(reopened: PracticeStore) -> None:
    daniel = client(reopened, "Daniel Reyes")
    before = len(reopened.record(daniel).sessions)
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await rest_on(app, pilot, daniel)
        for key, character in (("s", "s"), ("escape", None)):
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        assert isinstance(app.screen, DashboardScreen)
        assert any(n.title == "Session not kept" for n in app._notifications)
        assert len(reopened.record(daniel).sessions) == before


async def test_a_file_the_read_ahead_could_not_read_is_not_read_again_to_build(reopened: PracticeStore) -> None:
    maya = client(reopened, "Maya Okafor")
    path = reopened.clients_dir / f"{maya}.json"
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        path.write_bytes(path.read_bytes()[:40])  # damaged behind the app's back
        dashboard.query_one("#clients", ClientList).move_cursor(row=[s.id for s in dashboard.shown].index(maya))
        await pilot.pause(READ_AHEAD_AFTER + 0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.is_screen_installed(kept_name(maya))
        assert not reopened.problems, "said only when the coach opens the client"


async def test_a_theme_chosen_while_it_is_being_built_colours_it_when_opened(reopened: PracticeStore) -> None:
    daniel, maya = client(reopened, "Daniel Reyes"), client(reopened, "Maya Okafor")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        building = app.run_worker(partial(build_session_screen_ahead, app, daniel))
        await asyncio.sleep(0)
        app.theme = "textual-light"  # while its widgets are being styled
        await building.wait()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        built = app.screen
        assert isinstance(built, SessionScreen) and built.client_id == daniel
        fresh = SessionScreen(maya)
        await app.push_screen(fresh)
        await pilot.pause()
        assert built.styles.background == fresh.styles.background


async def test_a_read_only_window_builds_nothing_ahead(demo_store: PracticeStore) -> None:
    viewer = PracticeStore(demo_store.data_dir, clock=lambda: FROZEN_NOW, read_only=True).open()
    try:
        app = make_app(viewer)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(READ_AHEAD_AFTER + 0.3)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not any(app.is_screen_installed(kept_name(s.id)) for s in viewer.summaries())
    finally:
        viewer.close()


async def test_another_clients_session_meanwhile_leaves_the_built_screen_as_drawn(reopened: PracticeStore) -> None:
    daniel, maya = client(reopened, "Daniel Reyes"), client(reopened, "Maya Okafor")
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        built = await rest_on(app, pilot, daniel)
        redrawn: list[int] = []
        real = built._refresh
        built._refresh = lambda: (redrawn.append(1), real())[1]  # type: ignore[method-assign]
        session = reopened.start_session(maya)  # elsewhere in the practice, not Daniel's
        reopened.log_note(maya, "Maya's words", session_number=session.number)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is built and built.started and redrawn == []
