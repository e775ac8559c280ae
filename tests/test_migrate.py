"""A practice written by the previous release opens in the new layout: backed up, moved once, nothing lost."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from alliance_tui.bench.generator import SMALL, generate
from alliance_tui.models.record import ClientRecord
from alliance_tui.models.settings import PracticeSettings
from alliance_tui.store import PracticeStore
from alliance_tui.store.backup import read_backup
from tests.conftest import FROZEN_NOW

TABLES = (
    "versions",
    "sessions",
    "notes",
    "commitments",
    "pauses",
    "ladders",
    "contacts",
    "programmes",
    "revisit_draft",
)


def write_previous_release(data_dir: Path, records: list[ClientRecord], settings: PracticeSettings) -> None:
    """The files as the previous release wrote them: one file per client holding all of it, full copies of versions."""
    (data_dir / "clients").mkdir(parents=True)
    index = {"_meta": {"1": {"schema": 1, "kind": "practice"}}, "settings": {"1": settings.model_dump(mode="json")}}
    (data_dir / "practice.json").write_bytes(orjson.dumps(index))
    for record in records:
        data: dict[str, Any] = {"_meta": {"1": {"schema": 1, "kind": "client"}}}
        data["client"] = {"1": record.client.model_dump(mode="json")}
        for table in TABLES:
            docs = [m.model_dump(mode="json") for m in getattr(record, table)]
            if docs:
                data[table] = {str(n): doc for n, doc in enumerate(docs, start=1)}
        (data_dir / "clients" / f"{record.client.id}.json").write_bytes(orjson.dumps(data))


def everything(store: PracticeStore) -> dict[str, ClientRecord]:
    return {s.id: store.record(s.id) for s in store.summaries()}


def assert_same(found: dict[str, ClientRecord], expected: dict[str, ClientRecord]) -> None:
    """Every record of every client, field by field, and in the order made."""
    assert found.keys() == expected.keys()
    for client_id, record in expected.items():
        assert found[client_id].client == record.client
        for table in TABLES:
            assert getattr(found[client_id], table) == getattr(record, table), (record.client.name, table)


def previous_release_of(source: PracticeStore, target: Path) -> dict[str, ClientRecord]:
    records = everything(source)
    write_previous_release(target, list(records.values()), source.settings)
    return records


def test_the_demo_practice_moves_without_losing_a_word(demo_store: PracticeStore, tmp_path: Path) -> None:
    old = tmp_path / "old"
    before = previous_release_of(demo_store, old)
    progress: list[tuple[int, int]] = []
    said: list[str] = []
    opening = PracticeStore(old, clock=lambda: FROZEN_NOW)
    opening.on_progress = said.append  # the command line prints these before the app draws
    opened = opening.open(progress=lambda done, of: progress.append((done, of)))
    assert said == [
        "This version keeps each ended session in a file of its own: moving the practice once, "
        "after a backup of it as it is…"
    ]
    with contextlib.closing(opened) as st:
        assert progress[-1] == (5, 5) and [d for d, _ in progress] == [1, 2, 3, 4, 5]
        (message,) = st.problems
        assert "ended sessions now have files of their own" in message and "backup" in message
        assert_same(everything(st), before)
        for client_id, record in before.items():
            present = orjson.loads((old / "clients" / f"{client_id}.json").read_bytes())
            ended = {s.number for s in record.sessions if not s.is_open}
            # The present keeps no note of a session already ended: those are in the session's own file.
            assert not [n for n in present.get("notes", {}).values() if n.get("session_number") in ended]
            assert sorted(p.name for p in (old / "clients" / client_id).glob("*.json")) == [
                f"{n:04d}.json" for n in sorted(ended)
            ]
            assert st.present(client_id) == demo_store.present(client_id)
    (backup,) = (old / "backups").iterdir()
    assert {r.client.id: r for r in read_backup(backup).clients} == before  # restorable as it was
    with PracticeStore(old) as again:  # once only
        assert again.problems == []
        assert_same(everything(again), before)
    assert len(list((old / "backups").iterdir())) == 1


def test_a_generated_practice_moves_record_for_record(tmp_path: Path) -> None:
    generate(SMALL, tmp_path / "generated")
    with PracticeStore(tmp_path / "generated") as source:
        before = previous_release_of(source, tmp_path / "old")
    with PracticeStore(tmp_path / "old") as moved:
        assert_same(everything(moved), before)
        for client_id, record in before.items():
            assert moved.summary(client_id).sessions_held == len(record.sessions)
            assert moved.present(client_id).version_count == len(record.versions)
            assert moved.present(client_id).current_alliance == record.current_alliance


class Stopped(BaseException):
    """The process stopping at that moment (not an error the store could catch)."""


def test_a_stop_at_any_step_of_the_move_loses_nothing(
    demo_store: PracticeStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pristine = tmp_path / "pristine"
    before = previous_release_of(demo_store, pristine)
    real_replace = os.replace
    calls: list[int] = []

    def counting(src: Any, dst: Any) -> None:
        calls.append(1)
        real_replace(src, dst)

    shutil.copytree(pristine, tmp_path / "count")
    monkeypatch.setattr(os, "replace", counting)
    PracticeStore(tmp_path / "count").open().close()
    steps = len(calls)
    assert steps > 10  # the backup, every session file, every present file, the index
    for step in range(1, steps + 1):
        practice = tmp_path / f"stop-{step}"
        shutil.copytree(pristine, practice)
        seen: list[int] = []

        def stopping(src: Any, dst: Any, step: int = step, seen: list[int] = seen) -> None:
            seen.append(1)
            if len(seen) == step:
                raise Stopped
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", stopping)
        store = PracticeStore(practice)
        with pytest.raises(Stopped):
            store.open()
        monkeypatch.setattr(os, "replace", real_replace)
        with contextlib.suppress(BaseException):
            store.close()  # the lock, as the process's end would let it go
        with PracticeStore(practice) as reopened:
            assert_same(everything(reopened), before)
        with PracticeStore(practice) as settled:
            assert settled.problems == [], (step, reopened.problems)  # the move finished at the reopening
