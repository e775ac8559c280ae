"""The present of a client: what a live session needs, frozen, and the same as the whole record says."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from alliance_tui.models.notes import NoteKind
from alliance_tui.models.nudges import revisit_nudges
from alliance_tui.models.trends import pause_trend
from alliance_tui.store import PracticeStore, UnknownRecord
from tests.conftest import client_id


@pytest.mark.parametrize("name", ["Maya Okafor", "Daniel Reyes", "Priya Natarajan", "Sofia Lindqvist", "Tom Becker"])
def test_the_present_agrees_with_the_whole_record(demo_store: PracticeStore, name: str) -> None:
    cid = client_id(demo_store, name)
    record = demo_store.record(cid)
    present = demo_store.present(cid)
    number = record.next_session_number
    assert present.client == record.client
    assert present.next_session_number == number
    assert present.sessions_held == len(record.sessions)
    assert present.open_session == record.open_session
    assert present.current_alliance == record.current_alliance
    assert present.alliance_at_start == record.version_before_session(number)
    assert present.version_count == len(record.versions)
    assert set(present.open_commitments) == set(record.open_commitments)
    assert present.notes_of(number) == tuple(record.notes_of(number))
    assert present.notes_of(number, NoteKind.REVISIT) == tuple(record.notes_of(number, NoteKind.REVISIT))
    assert present.pauses_of(number) == tuple(p for p in record.pauses if p.session_number == number)
    every = demo_store.settings.revisit_every_sessions
    assert present.nudges(every) == revisit_nudges(record, every)
    earlier = [(t.session_number, t.median_seconds) for t in pause_trend(record) if t.session_number < number]
    assert list(present.earlier_pause_medians) == earlier[-len(present.earlier_pause_medians) or len(earlier) :]


def test_the_present_cannot_be_changed_by_a_screen(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    present = demo_store.present(cid)
    with pytest.raises(ValidationError, match="frozen"):
        present.sessions_held = 99  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        present.client.name = "Someone else"  # type: ignore[misc]
    assert isinstance(present.notes, tuple) and isinstance(present.commitments, tuple)
    assert demo_store.present(cid) == present


def test_a_whole_record_is_the_callers_own(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Daniel Reyes")
    mine = demo_store.record(cid)
    count = len(mine.notes)
    mine.notes.clear()
    mine.sessions.append(mine.sessions[0])
    again = demo_store.record(cid)
    assert len(again.notes) == count and again.sessions == demo_store.record(cid).sessions
    assert again.notes is not demo_store.record(cid).notes


def test_history_is_read_by_the_part_shown(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Daniel Reyes")
    record = demo_store.record(cid)
    assert demo_store.sessions(cid) == tuple(record.sessions)
    assert demo_store.versions(cid) == tuple(record.versions)
    for session in record.sessions:
        entries = demo_store.session_entries(cid, session.number)
        assert entries.session == session
        assert entries.notes == tuple(record.notes_of(session.number))
        assert {c.id for c in entries.commitments_made} == {
            c.id for c in record.commitments if c.session_number == session.number
        }
    with pytest.raises(UnknownRecord, match="session"):
        demo_store.session_entries(cid, 999)


def test_a_note_logged_shows_in_the_present_at_once(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    session = demo_store.start_session(cid)
    note = demo_store.log_note(cid, "[bold]not markup[/bold]", session_number=session.number)
    assert demo_store.present(cid).notes_of(session.number)[-1] == note
