"""The client review reads the present, the digest of the history and the latest sessions' files, and shows the same."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from alliance_tui.models.alliance import item
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.ladder import Landing
from alliance_tui.models.trends import follow_through_trend, pause_trend
from alliance_tui.store import PracticeStore
from alliance_tui.store.paths import HISTORY_DIGEST
from tests.conftest import FROZEN_NOW, watch_reads

SESSIONS = 14
SHOWN = 6


@pytest.fixture
def practice(data_dir: Path) -> Iterator[tuple[PracticeStore, str]]:
    """A client with SESSIONS sessions, each with notes, pauses, a commitment made and one checked in, a version."""
    minutes = iter(range(10_000))
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW + timedelta(minutes=next(minutes))).open()
    client = store.add_client("Ana Lima")
    store.adjust_alliance(client.id, [item("Focus", "Lead the team"), item("Feedback", "Straight talk")])
    made = None
    for n in range(1, SESSIONS + 1):
        session = store.start_session(client.id)
        store.log_note(client.id, f"note of session {n}", session_number=n)
        for seconds in (20.0 + n, 30.0 + n):
            store.record_pause(
                client.id, target_seconds=30, actual_seconds=seconds, started=store.clock(), session_number=n
            )
        if made is not None:
            status = CommitmentStatus.DONE if n % 3 else CommitmentStatus.PARTLY
            store.check_in(client.id, made.id, status, session_number=n)
        made = store.add_commitment(client.id, f"commitment of session {n}", session_number=n)
        if n % 2:
            store.add_alliance_item(client.id, "Focus", f"Agreed in session {n}", session_number=n)
        store.update_session(client.id, session.id, landed=Landing.GOOD if n % 2 else Landing.GREAT)
        if n < SESSIONS:
            store.end_session(client.id, session.id)
            store.put_away_ended(client.id)  # as the app does once the end is on screen
    yield store, client.id
    store.close()


def same_as_whole(store: PracticeStore, client_id: str) -> None:
    view = store.review(client_id, SHOWN)
    whole = store.record(client_id)
    record = view.record
    assert view.shown == tuple(s.number for s in whole.sessions[-SHOWN:])
    assert record.sessions == whole.sessions
    assert list(view.pause_trend) == pause_trend(whole)
    assert list(view.follow_through) == follow_through_trend(whole)
    assert record.current_alliance == whole.current_alliance
    last = whole.sessions[-1].number
    assert record.version_before_session(last) == whole.version_before_session(last)
    assert record.open_commitments == whole.open_commitments
    for number in view.shown:
        assert record.notes_of(number) == whole.notes_of(number)
        assert [c for c in record.commitments if number in (c.session_number, c.checked_in_session)] == [
            c for c in whole.commitments if number in (c.session_number, c.checked_in_session)
        ]
        agreed = [v for v in whole.versions if v.session_number == number]
        assert [v for v in record.versions if v.session_number == number] == agreed
        for version in agreed:  # the one before each, for the review's marks of what changed
            assert next(v for v in record.versions if v.number == version.number - 1) == next(
                v for v in whole.versions if v.number == version.number - 1
            )


def test_the_review_shows_what_the_whole_record_shows(practice: tuple[PracticeStore, str]) -> None:
    store, client_id = practice
    same_as_whole(store, client_id)


def test_the_review_reads_only_the_latest_sessions_files(
    practice: tuple[PracticeStore, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, client_id = practice
    store.review(client_id, SHOWN)  # the digest written
    folder = store.clients_dir / client_id
    read = watch_reads(monkeypatch)
    view = store.review(client_id, SHOWN)
    sessions_read = sorted(p.name for p in read if p.parent == folder and p.name != HISTORY_DIGEST)
    ended = [n for n in view.shown if n < SESSIONS]
    assert sessions_read == [f"{n:04d}.json" for n in ended]
    assert folder / HISTORY_DIGEST in read
    assert len(list(folder.glob("*.json"))) == SESSIONS  # 13 ended sessions and the digest


def test_an_edit_to_an_old_session_reaches_the_review(practice: tuple[PracticeStore, str]) -> None:
    store, client_id = practice
    store.review(client_id, SHOWN)
    first = store.sessions(client_id)[0]
    store.update_session(client_id, first.id, landed=Landing.AMAZING)
    old_note = store.record(client_id).notes_of(1)[0]
    store.update_note(client_id, old_note.id, text="reworded long after")
    view = store.review(client_id, SHOWN)
    assert view.record.sessions[0].landed is Landing.AMAZING
    same_as_whole(store, client_id)


def test_a_damaged_or_missing_digest_is_read_again_from_the_files(practice: tuple[PracticeStore, str]) -> None:
    store, client_id = practice
    digest = store.clients_dir / client_id / HISTORY_DIGEST
    store.review(client_id, SHOWN)
    digest.write_bytes(b"{ not json")
    same_as_whole(store, client_id)
    assert digest.read_bytes().startswith(b"{")
    digest.unlink()
    same_as_whole(store, client_id)
    assert digest.exists()


def test_every_session_asked_for_is_the_whole_record(practice: tuple[PracticeStore, str]) -> None:
    store, client_id = practice
    view = store.review(client_id, None)
    assert view.shown is None
    assert view.record == store.record(client_id)


def test_an_encrypted_practice_keeps_its_digest_sealed(practice: tuple[PracticeStore, str]) -> None:
    from alliance_tui.store.crypto.cipher import is_sealed
    from alliance_tui.store.crypto.convert import convert, start_encryption
    from alliance_tui.store.crypto.header import KdfParams, read_header
    from alliance_tui.store.crypto.vault import Vault

    store, client_id = practice
    first = store.sessions(client_id)[0]
    store.update_session(client_id, first.id, focus="The fear of being seen plainly")
    store.review(client_id, SHOWN)
    data_dir = store.data_dir
    store.close()
    digest = data_dir / "clients" / client_id / HISTORY_DIGEST
    assert b"fear of being seen" in digest.read_bytes()
    _, key = start_encryption(data_dir, "a long enough passphrase", KdfParams(n=2**10))
    convert(data_dir, key, to_sealed=True)
    assert is_sealed(digest.read_bytes())
    header = read_header(data_dir)
    assert header is not None
    with PracticeStore(data_dir, vault=Vault(data_dir, key, header)) as again:
        again.update_session(client_id, first.id, focus="The fear of being seen, said again")
        view = again.review(client_id, SHOWN)  # the entry read again, and the digest written sealed
        assert view.record.sessions[0].focus == "The fear of being seen, said again"
    assert is_sealed(digest.read_bytes())
    assert b"fear of being seen" not in digest.read_bytes()
