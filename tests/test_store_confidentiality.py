"""A coach's notes live in the client's own file and nowhere else: not in logs, not in messages."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest

from alliance_tui.store import InvalidInput, PracticeStore, StoreError, WriteFailed, atomic
from tests.conftest import FROZEN_NOW

SECRET = "Confided: thinking of leaving her husband"


def disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def every_file_holding(root: Path, text: str) -> list[Path]:
    needle = text.encode("utf-8")
    return sorted(p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes())


def test_note_text_reaches_only_the_clients_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    data_dir = tmp_path / "practice"
    messages: list[str] = []
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        client = store.add_client("Ana")
        store.add_client("Bo")
        note = store.log_note(client.id, SECRET)
        store.update_note(client.id, note.id, text=SECRET + " (edited)")
        store.add_commitment(client.id, SECRET + " commitment")
        # Refusals and failures say what went wrong, never what was written.
        for attempt in (
            lambda: store.log_note(client.id, SECRET + "x" * 2000),
            lambda: store.update_note(client.id, "gone", text=SECRET),
        ):
            with pytest.raises(StoreError) as info:
                attempt()
            messages.append(info.value.message)
        monkeypatch.setattr(atomic.os, "fsync", disk_full)
        with pytest.raises(WriteFailed) as failed:
            store.log_note(client.id, SECRET + " during a full disk")
        monkeypatch.undo()
        messages.append(failed.value.message)
        assert SECRET not in " ".join(store.problems)

    assert every_file_holding(tmp_path, SECRET) == [data_dir / "clients" / f"{client.id}.json"]
    assert all(SECRET not in m for m in messages), messages
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_a_refused_note_is_not_written_anywhere(tmp_path: Path) -> None:
    data_dir = tmp_path / "practice"
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        client = store.add_client("Ana")
        with pytest.raises(InvalidInput):
            store.log_note(client.id, SECRET + "y" * 2000)
    assert every_file_holding(tmp_path, SECRET) == []


def test_files_are_readable_by_the_coach_alone(tmp_path: Path) -> None:
    data_dir = tmp_path / "practice"
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        store.log_note(store.add_client("Ana").id, SECRET)
    for path in [data_dir, *data_dir.rglob("*")]:
        assert os.stat(path).st_mode & 0o077 == 0, path
