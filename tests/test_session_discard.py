"""A session opened by mistake (s on the client list) and left empty is not kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled, toast_saying, toasts


def daniel_id(store: PracticeStore) -> str:
    found = store.find_client("Daniel Reyes")
    assert found is not None
    return found.id


def reopened_sessions(store: PracticeStore, client_id: str) -> list[int]:
    again = PracticeStore(store.data_dir).open()
    try:
        return [s.number for s in again.record(client_id).sessions]
    finally:
        again.close()


def test_an_empty_open_session_is_discarded_on_disk(demo_store: PracticeStore) -> None:
    cid = daniel_id(demo_store)
    held = demo_store.summaries()
    session = demo_store.start_session(cid)
    assert session.number == 4
    assert demo_store.discard_session_if_empty(cid, session.id)
    assert demo_store.record(cid).open_session is None
    assert reopened_sessions(demo_store, cid) == [1, 2, 3]
    assert demo_store.summaries() == held
    assert demo_store.start_session(cid).number == 4  # the next one takes the number again


def _note(s: PracticeStore, cid: str, n: int) -> None:
    s.log_note(cid, "x", session_number=n)


def _commitment(s: PracticeStore, cid: str, n: int) -> None:
    s.add_commitment(cid, "call Sam", session_number=n)


def _check_in(s: PracticeStore, cid: str, n: int) -> None:
    s.check_in(cid, s.record(cid).open_commitments[0].id, CommitmentStatus.DONE, session_number=n)


def _pause(s: PracticeStore, cid: str, n: int) -> None:
    s.record_pause(cid, target_seconds=30, actual_seconds=12.0, started=FROZEN_NOW, session_number=n)


def _adjustment(s: PracticeStore, cid: str, n: int) -> None:
    s.add_alliance_item(cid, "Focus", "Career first", session_number=n)


def _focus(s: PracticeStore, cid: str, n: int) -> None:
    session = s.record(cid).open_session
    assert session is not None
    s.update_session(cid, session.id, focus="The move")


@pytest.mark.parametrize("fill", [_note, _commitment, _check_in, _pause, _adjustment, _focus])
def test_a_session_with_anything_in_it_is_kept(
    demo_store: PracticeStore, fill: Callable[[PracticeStore, str, int], None]
) -> None:
    cid = daniel_id(demo_store)
    session = demo_store.start_session(cid)
    fill(demo_store, cid, session.number)
    assert not demo_store.discard_session_if_empty(cid, session.id)
    assert reopened_sessions(demo_store, cid) == [1, 2, 3, 4]


def test_an_ended_or_earlier_session_is_never_discarded(demo_store: PracticeStore) -> None:
    cid = daniel_id(demo_store)
    first = demo_store.record(cid).sessions[0]
    assert not demo_store.discard_session_if_empty(cid, first.id)
    session = demo_store.start_session(cid)
    demo_store.end_session(cid, session.id)
    assert not demo_store.discard_session_if_empty(cid, session.id)
    assert not demo_store.discard_session_if_empty(cid, "no-such-session")
    assert reopened_sessions(demo_store, cid) == [1, 2, 3, 4]


def app_at(store: PracticeStore, clock: Callable[[], object]) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=clock, cursor_blink=False)  # type: ignore[arg-type]


async def test_s_then_escape_on_the_client_list_leaves_no_session(demo_store: PracticeStore) -> None:
    app = app_at(demo_store, lambda: FROZEN_NOW)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")  # Daniel is the first row
        await handled(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("escape")
        await handled(pilot)
        assert not isinstance(app.screen, SessionScreen)
        await toast_saying(pilot, "Session 4 with Daniel Reyes was not kept")
        assert not toasts(app, "error")
    assert reopened_sessions(demo_store, daniel_id(demo_store)) == [1, 2, 3]


async def test_a_session_screen_open_a_while_with_nothing_logged_leaves_no_session(demo_store: PracticeStore) -> None:
    """A session begins with its first entry, check-in or pause: an open screen alone writes nothing."""
    now = [FROZEN_NOW]
    app = app_at(demo_store, lambda: now[0])
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")
        await handled(pilot)
        now[0] = FROZEN_NOW + timedelta(minutes=20)
        assert reopened_sessions(demo_store, daniel_id(demo_store)) == [1, 2, 3]
        await pilot.press("escape")
        await handled(pilot)
        await toast_saying(pilot, "Session 4 with Daniel Reyes was not kept")
    assert reopened_sessions(demo_store, daniel_id(demo_store)) == [1, 2, 3]


async def test_a_session_begins_at_its_first_entry_with_the_time_it_was_opened(demo_store: PracticeStore) -> None:
    now = [FROZEN_NOW]
    app = app_at(demo_store, lambda: now[0])
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")
        await handled(pilot)
        now[0] = FROZEN_NOW + timedelta(minutes=20)  # a real conversation, then the first note
        await pilot.press(*"first words", "enter")
        await handled(pilot)
        now[0] = FROZEN_NOW + timedelta(minutes=40)
        await pilot.press("escape")
        await handled(pilot)
        await toast_saying(pilot, "Session 4 with Daniel Reyes is still open")
    record = demo_store.record(daniel_id(demo_store))
    assert [s.number for s in record.sessions] == [1, 2, 3, 4]
    assert record.sessions[-1].started == FROZEN_NOW


async def test_a_check_in_keeps_the_session(demo_store: PracticeStore) -> None:
    app = app_at(demo_store, lambda: FROZEN_NOW)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")
        await handled(pilot)
        await pilot.press("ctrl+y", "d", "escape")  # a check-in written: Esc leaves, the session kept
        await handled(pilot)
        await toast_saying(pilot, "is still open")
    assert reopened_sessions(demo_store, daniel_id(demo_store)) == [1, 2, 3, 4]
