"""Every write leaves a file that is exactly the encoding of its whole data, and a refused write changes nothing."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.notes import NoteKind
from alliance_tui.store import PracticeStore, ReadOnlyPractice, StoreError
from alliance_tui.store import storage as storage_module
from alliance_tui.store.errors import ChangedOnDisk

from .conftest import FROZEN_NOW


def client_path(store: PracticeStore, client_id: str) -> Path:
    return store.clients_dir / f"{client_id}.json"


def assert_canonical(path: Path) -> None:
    """The file is byte for byte what encoding its whole data in one go gives."""
    raw = path.read_bytes()
    assert orjson.dumps(orjson.loads(raw)) == raw


def test_every_kind_of_write_leaves_the_bytes_a_whole_encoding_gives(store: PracticeStore, data_dir: Path) -> None:
    client = store.add_client("Ada [bold]Lovelace[/]")
    path = client_path(store, client.id)
    session = store.start_session(client.id)
    assert_canonical(path)
    texts = ["plain", 'quotes " and \\ backslash', "ünïcödé 日本語 👩‍💻", "[red]x[/]", "line one\nline two"]
    notes = [store.log_note(client.id, text, session_number=session.number) for text in texts]
    assert_canonical(path)
    commitment = store.add_commitment(client.id, "Walk daily", by_when="Friday", session_number=session.number)
    store.record_pause(
        client.id, target_seconds=30, actual_seconds=12.5, started=FROZEN_NOW, session_number=session.number
    )
    assert_canonical(path)
    store.update_note(client.id, notes[1].id, text="edited in place")  # a replace, through TinyDB
    store.log_note(client.id, "after an edit", kind=NoteKind.REVISIT, prompt="What works?")
    store.check_in(client.id, commitment.id, CommitmentStatus.DONE, note="did it", session_number=session.number)
    store.log_note(client.id, "after a check-in", session_number=session.number)
    assert_canonical(path)
    store.close()

    reopened = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    try:
        record = reopened.record(client.id)
        assert [n.text for n in record.notes] == [
            "plain",
            "edited in place",
            *texts[2:],
            "after an edit",
            "after a check-in",
        ]
        assert record.commitments[0].status is CommitmentStatus.DONE
        assert len(record.pauses) == 1
        reopened.log_note(client.id, "after reopening")  # the first append after a read encodes it all
        assert_canonical(path)
        assert reopened.record(client.id).notes[-1].text == "after reopening"
    finally:
        reopened.close()


def test_an_append_refused_by_a_change_on_disk_writes_nothing_and_rereads(store: PracticeStore) -> None:
    client = store.add_client("Grace")
    store.log_note(client.id, "first")
    path = client_path(store, client.id)
    outside = orjson.loads(path.read_bytes())
    outside["notes"]["1"]["text"] = "changed by hand"
    path.write_bytes(orjson.dumps(outside))
    before = path.read_bytes()
    with pytest.raises(ChangedOnDisk):
        store.log_note(client.id, "second")
    assert path.read_bytes() == before
    store.release(client.id)
    store.log_note(client.id, "third")  # the file as it is now, plus the new note
    texts = [n["text"] for n in orjson.loads(path.read_bytes())["notes"].values()]
    assert texts == ["changed by hand", "third"]
    assert_canonical(path)


def test_a_failed_append_keeps_the_file_and_the_next_note_lands(
    store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = store.add_client("Linus")
    store.log_note(client.id, "kept")
    path = client_path(store, client.id)
    before = path.read_bytes()

    def full_disk(target: Path, payload: bytes) -> None:
        raise OSError(28, "No space left on device", str(target))

    with monkeypatch.context() as patch:
        patch.setattr(storage_module, "atomic_write_bytes", full_disk)
        with pytest.raises(StoreError):
            store.log_note(client.id, "lost to a full disk")
    assert path.read_bytes() == before
    store.log_note(client.id, "after the disk has room")
    texts = [n["text"] for n in orjson.loads(path.read_bytes())["notes"].values()]
    assert texts == ["kept", "after the disk has room"]
    assert_canonical(path)


def test_a_read_only_window_refuses_an_append(store: PracticeStore, data_dir: Path) -> None:
    client = store.add_client("Mary")
    store.log_note(client.id, "from the first window")
    second = PracticeStore(data_dir, read_only=True).open()
    try:
        with pytest.raises(ReadOnlyPractice):
            second.log_note(client.id, "from the second window")
    finally:
        second.close()
    texts = [n["text"] for n in orjson.loads(client_path(store, client.id).read_bytes())["notes"].values()]
    assert texts == ["from the first window"]
