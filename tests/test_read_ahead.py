"""The client the coach rests on is read ahead on a worker thread, one at a time."""

from __future__ import annotations

from alliance_tui.screens.dashboard import READ_AHEAD_AFTER, DashboardScreen
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.client_list import ClientList

from .test_session_flow import make_app, screen_text


def ids(store: PracticeStore) -> dict[str, str]:
    return {s.name: s.id for s in store.summaries(include_archived=False)}


def test_one_client_is_held_ahead_and_asking_for_it_keeps_it(reopened: PracticeStore) -> None:
    clients = ids(reopened)
    daniel, maya, priya = clients["Daniel Reyes"], clients["Maya Okafor"], clients["Priya Natarajan"]

    assert reopened.read_ahead(daniel) is True and reopened.is_loaded(daniel)
    assert reopened.read_ahead(daniel) is False  # already there: nothing read twice

    assert reopened.read_ahead(maya) is True
    assert not reopened.is_loaded(daniel), "the one read ahead before and never asked for is let go"

    reopened.record(maya)  # asked for: now it is an opened client and stays
    assert reopened.read_ahead(priya) is True
    assert reopened.is_loaded(maya) and reopened.is_loaded(priya)

    reopened.release(priya)
    assert reopened.read_ahead(daniel) is True
    assert reopened.is_loaded(maya) and reopened.is_loaded(daniel) and not reopened.is_loaded(priya)


def test_opening_another_client_lets_go_of_the_one_read_ahead(reopened: PracticeStore) -> None:
    clients = ids(reopened)
    daniel, maya = clients["Daniel Reyes"], clients["Maya Okafor"]
    assert reopened.read_ahead(daniel) is True
    reopened.record(maya)  # the coach opened someone else: Daniel's memory goes to Maya
    assert reopened.is_loaded(maya) and not reopened.is_loaded(daniel)
    assert reopened.record(daniel).client.name == "Daniel Reyes"  # still there when asked for


def test_records_read_join_the_frozen_objects_only_where_the_app_freezes(reopened: PracticeStore) -> None:
    """The command line's start freezes what lives long; a test app (nothing frozen) is left alone."""
    import gc

    def collectable(obj: object) -> bool:
        """Still walked by the collections: in a generation, not frozen."""
        return any(o is obj for o in gc.get_objects())

    clients = ids(reopened)
    daniel, maya = clients["Daniel Reyes"], clients["Maya Okafor"]
    gc.unfreeze()
    assert reopened.read_ahead(daniel) is True
    assert gc.get_freeze_count() == 0 and collectable(reopened.record(daniel).notes[0])
    reopened.release(daniel)
    gc.freeze()
    try:
        assert reopened.read_ahead(maya) is True  # read ahead, on the worker thread in the app
        assert not collectable(reopened.record(maya).notes[-1])
        reopened.record(daniel)  # opened at the key: read on the spot
        assert not collectable(reopened.record(daniel).notes[-1])
    finally:
        gc.unfreeze()


async def test_resting_on_a_row_reads_that_client_ahead(reopened: PracticeStore) -> None:
    clients = ids(reopened)
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        rows = [s.id for s in dashboard.shown]
        table = dashboard.query_one("#clients", ClientList)

        # Moving through the list reads nobody: only a row rested on is read.
        for _ in rows[1:]:
            await pilot.press("down")
        await pilot.press("up")
        assert not any(reopened.is_loaded(cid) for cid in rows[:-2])

        await pilot.pause(READ_AHEAD_AFTER + 0.2)
        await app.workers.wait_for_complete()
        rested = rows[table.cursor_row]
        assert [cid for cid in rows if reopened.is_loaded(cid)] == [rested]

        # Opening it finds it ready, and it is the client highlighted.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.client_id == rested
        assert rested in clients.values()


async def test_a_damaged_file_read_ahead_is_reported_when_opened(reopened: PracticeStore) -> None:
    maya = ids(reopened)["Maya Okafor"]
    path = reopened.clients_dir / f"{maya}.json"
    app = make_app(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        path.write_bytes(path.read_bytes()[:40])  # damaged behind the app's back
        table = dashboard.query_one("#clients", ClientList)
        table.move_cursor(row=[s.id for s in dashboard.shown].index(maya))
        await pilot.pause(READ_AHEAD_AFTER + 0.2)
        await app.workers.wait_for_complete()
        assert not reopened.is_loaded(maya) and not list(app._notifications)  # quietly not read, nothing said yet

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert any("cannot be opened" in str(n.message) for n in app._notifications)
        assert "cannot be read" in screen_text(app)


def test_a_clients_revision_moves_with_its_own_writes_and_the_practices_not_anothers(reopened: PracticeStore) -> None:
    clients = ids(reopened)
    daniel, maya = clients["Daniel Reyes"], clients["Maya Okafor"]
    seen = reopened.revision_of(daniel)
    session = reopened.start_session(maya)
    reopened.log_note(maya, "Maya's words", session_number=session.number)
    assert reopened.revision_of(daniel) == seen  # another client's session: nothing of Daniel's changed
    reopened.update_client(daniel, think_time_seconds=40)
    assert reopened.revision_of(daniel) > seen
    seen = reopened.revision_of(daniel)
    reopened.update_settings(revisit_every_sessions=3)  # practice-wide: shown on every client's screen
    assert reopened.revision_of(daniel) > seen
