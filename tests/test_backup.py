"""Backup, restore and automatic backups: a coach's data survives mistakes, and restore never destroys."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alliance_tui.models.notes import NoteKind
from alliance_tui.store import PracticeStore
from alliance_tui.store.backup import (
    AUTO_KEEP,
    BackupRefused,
    PracticeBackup,
    automatic_backups,
    read_backup,
    restore_backup,
    take_automatic_backup,
    take_automatic_backup_quietly,
    write_backup,
)

from .conftest import FROZEN_NOW


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, byte for byte (directories by their mode), to prove nothing changed."""
    found: dict[str, bytes] = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs:
            path = Path(dirpath) / name
            found[str(path.relative_to(root)) + "/"] = oct(path.stat().st_mode).encode()
        for name in files:
            path = Path(dirpath) / name
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


def practice_state(data_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The practice as the app sees it: settings and every client's whole record."""
    with PracticeStore(data_dir, read_only=True) as practice:
        records = sorted(
            (practice.record(s.id).model_dump(mode="json") for s in practice.summaries()),
            key=lambda r: r["client"]["id"],
        )
        return practice.settings.model_dump(mode="json"), records


@pytest.fixture
def backup_file(demo_store: PracticeStore, tmp_path: Path) -> Path:
    demo_store.update_settings(revisit_every_sessions=3)
    demo_store.add_category("Money")
    demo_store.add_prompt("What are you not saying?")
    target = tmp_path / "practice-backup.json"
    write_backup(demo_store, target, now=FROZEN_NOW)
    return target


def test_backup_is_one_private_schema_versioned_file(backup_file: Path, demo_store: PracticeStore) -> None:
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    data = orjson.loads(backup_file.read_bytes())
    assert data["format"] == "alliance-tui-backup" and data["schema"] == 1
    assert {c["client"]["name"] for c in data["clients"]} == {s.name for s in demo_store.summaries()}
    assert "Tom Becker" in {c["client"]["name"] for c in data["clients"]}  # archived clients too


def test_backup_then_restore_gives_an_identical_practice(
    backup_file: Path, demo_store: PracticeStore, tmp_path: Path
) -> None:
    demo_store.close()
    target = tmp_path / "restored"
    result = restore_backup(target, read_backup(backup_file), now=FROZEN_NOW)
    assert result.clients == 5 and result.moved_aside is None
    assert practice_state(target) == practice_state(demo_store.data_dir)
    # And the restored practice opens, writes and backs up like any other.
    with PracticeStore(target) as practice:
        maya = practice.find_client("Maya Okafor")
        assert maya is not None
        practice.log_note(maya.id, "After the restore", kind=NoteKind.NOTE)
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert all(
        stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600) for p in (target / "clients").iterdir()
    )


def test_restore_refuses_a_damaged_file_and_changes_nothing(
    backup_file: Path, demo_store: PracticeStore, tmp_path: Path
) -> None:
    demo_store.close()
    before = tree(demo_store.data_dir)
    raw = backup_file.read_bytes()
    data = orjson.loads(raw)
    data["clients"][2]["notes"][0]["created"] = "not a time"
    cases = {
        "truncated.json": raw[: len(raw) // 2],
        "not-ours.json": b'{"hello": "world"}',
        "no-schema.json": orjson.dumps({"format": "alliance-tui-backup"}),
        "bad-record.json": orjson.dumps(data),
        "empty.json": b"",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(BackupRefused, match="Nothing was changed"):
            restore_backup(demo_store.data_dir, read_backup(path), now=FROZEN_NOW, replace=True)
    assert tree(demo_store.data_dir) == before


def test_a_damaged_record_is_named_in_the_refusal(backup_file: Path, tmp_path: Path) -> None:
    data = orjson.loads(backup_file.read_bytes())
    name = data["clients"][1]["client"]["name"]
    data["clients"][1]["commitments"][0]["status"] = "maybe"
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(BackupRefused) as caught:
        read_backup(path)
    assert f"client 2 ({name}), commitments item 1" in caught.value.message


def test_restore_refuses_a_newer_schema_and_changes_nothing(
    backup_file: Path, demo_store: PracticeStore, tmp_path: Path
) -> None:
    demo_store.close()
    before = tree(demo_store.data_dir)
    data = orjson.loads(backup_file.read_bytes())
    data["schema"] = 99
    newer = tmp_path / "newer.json"
    newer.write_bytes(orjson.dumps(data))
    with pytest.raises(BackupRefused, match="newer Alliance TUI"):
        read_backup(newer)
    assert tree(demo_store.data_dir) == before


def test_restore_refuses_duplicate_clients(backup_file: Path, tmp_path: Path) -> None:
    data = orjson.loads(backup_file.read_bytes())
    data["clients"].append(data["clients"][0])
    path = tmp_path / "twice.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(BackupRefused, match="same client twice"):
        read_backup(path)


@pytest.mark.parametrize("bad_id", ["_tom", "maya\n", "-x", "../x", "ana lima"])
def test_restore_refuses_a_client_id_the_practice_would_never_read(
    backup_file: Path, tmp_path: Path, bad_id: str
) -> None:
    """Restored under such an id, the client would be on disk and seen by nothing: gone without a word."""
    data = orjson.loads(backup_file.read_bytes())
    data["clients"][0]["client"]["id"] = bad_id
    path = tmp_path / "odd-id.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(BackupRefused, match="unusable id"):
        read_backup(path)


def test_restore_into_a_practice_with_data_needs_replace_and_keeps_the_old_data(
    backup_file: Path, store: PracticeStore, tmp_path: Path
) -> None:
    store.add_client("Zelda Fitzgerald")
    store.close()
    before = tree(store.data_dir)
    backup = read_backup(backup_file)
    with pytest.raises(BackupRefused, match="--replace"):
        restore_backup(store.data_dir, backup, now=FROZEN_NOW)
    assert tree(store.data_dir) == before

    result = restore_backup(store.data_dir, backup, now=FROZEN_NOW, replace=True)
    assert result.moved_aside is not None and result.moved_aside.parent.name == "backups"
    # The old practice is kept, whole, where the message said.
    kept = {k: v for k, v in tree(result.moved_aside).items() if not k.endswith("/")}
    assert kept == {k: v for k, v in before.items() if k.startswith(("clients/", "practice.json")) and k != "clients/"}
    with PracticeStore(result.moved_aside, read_only=True) as old:
        assert [s.name for s in old.summaries()] == ["Zelda Fitzgerald"]
    with PracticeStore(store.data_dir, read_only=True) as now:
        assert "Zelda Fitzgerald" not in {s.name for s in now.summaries()}
        assert len(now.summaries()) == 5


def test_restore_refuses_while_the_app_holds_the_practice(backup_file: Path, tmp_path: Path) -> None:
    open_practice = PracticeStore(tmp_path / "busy").open()  # empty, but open: the lock is held
    try:
        before = tree(open_practice.data_dir)
        with pytest.raises(BackupRefused, match="Close it, then run restore again"):
            restore_backup(open_practice.data_dir, read_backup(backup_file), now=FROZEN_NOW)
        assert tree(open_practice.data_dir) == before
    finally:
        open_practice.close()


def test_backup_refuses_to_overwrite_or_to_miss_a_damaged_client(demo_store: PracticeStore, backup_file: Path) -> None:
    with pytest.raises(BackupRefused, match="already exists"):
        write_backup(demo_store, backup_file, now=FROZEN_NOW)
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    demo_store.close()
    (demo_store.data_dir / "clients" / f"{daniel.id}.json").write_text("{broken")
    with PracticeStore(demo_store.data_dir, read_only=True) as practice:
        with pytest.raises(BackupRefused, match="Daniel Reyes's file cannot be read"):
            write_backup(practice, backup_file, now=FROZEN_NOW, overwrite=True)
        backup, left_out = write_backup(practice, backup_file, now=FROZEN_NOW, overwrite=True, skip_damaged=True)
    assert left_out == ["Daniel Reyes"] and len(backup.clients) == 4


# ----------------------------------------------------------------- automatic backups


def test_automatic_backup_once_a_day_private_and_rotating(demo_store: PracticeStore) -> None:
    data_dir = demo_store.data_dir
    first = take_automatic_backup(data_dir, now=FROZEN_NOW)
    assert first is not None and first.name == f"auto-{FROZEN_NOW.astimezone():%Y-%m-%d}"
    assert take_automatic_backup(data_dir, now=FROZEN_NOW + timedelta(minutes=5)) is None  # once a day
    for folder in (data_dir / "backups", first, first / "clients"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = [p for p in (first / "clients").rglob("*") if p.is_file()]
    assert any(p.parent != first / "clients" for p in files)  # the ended sessions' files are in it too
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in (first / "clients").rglob("*") if p.is_dir())
    for day in range(1, AUTO_KEEP + 3):
        take_automatic_backup(data_dir, now=FROZEN_NOW + timedelta(days=day))
    kept = automatic_backups(data_dir)
    assert len(kept) == AUTO_KEEP
    assert first not in kept  # the oldest went first


def test_an_automatic_backup_is_not_changed_by_later_writes(demo_store: PracticeStore) -> None:
    snapshot = take_automatic_backup(demo_store.data_dir, now=FROZEN_NOW)
    assert snapshot is not None
    before = tree(snapshot)
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    demo_store.log_note(maya.id, "Written after the snapshot")
    demo_store.update_settings(revisit_every_sessions=5)
    assert tree(snapshot) == before
    assert b"Written after the snapshot" in (demo_store.clients_dir / f"{maya.id}.json").read_bytes()


def test_restoring_an_automatic_backup_undoes_a_mistake(demo_store: PracticeStore) -> None:
    snapshot = take_automatic_backup(demo_store.data_dir, now=FROZEN_NOW)
    assert snapshot is not None
    good = practice_state_open(demo_store)
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    demo_store.update_client(maya.id, name="Typo Name")
    demo_store.close()
    restore_backup(demo_store.data_dir, read_backup(snapshot), now=FROZEN_NOW + timedelta(hours=1), replace=True)
    assert practice_state(demo_store.data_dir) == good


def practice_state_open(practice: PracticeStore) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    records = sorted(
        (practice.record(s.id).model_dump(mode="json") for s in practice.summaries()),
        key=lambda r: r["client"]["id"],
    )
    return practice.settings.model_dump(mode="json"), records


def test_automatic_backup_is_skipped_by_a_read_only_window_and_never_raises(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    with PracticeStore(demo_store.data_dir) as second:  # read-only: the demo store holds the lock
        assert second.read_only
        assert take_automatic_backup_quietly(second) is None
    assert not (demo_store.data_dir / "backups").exists()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("alliance_tui.store.auto_backup.ensure_private_dir", refuse)
    message = take_automatic_backup_quietly(demo_store)
    assert message is not None and "could not be made" in message
    assert message in demo_store.problems


def test_backup_model_round_trips(backup_file: Path) -> None:
    backup = read_backup(backup_file)
    again = PracticeBackup.model_validate(orjson.loads(backup.to_json()))
    assert again == backup


# ----------------------------------------------------------------- any practice survives the round trip

_words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.sampled_from('"\\[]{}#\n'),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() != "")


@st.composite
def _practices(draw: st.DrawFn) -> PracticeBackup:
    from alliance_tui.models.alliance import AllianceItem, AllianceVersion
    from alliance_tui.models.client import Client
    from alliance_tui.models.notes import Note
    from alliance_tui.models.record import ClientRecord
    from alliance_tui.models.session import Session
    from alliance_tui.models.text import TextRefused

    records = []
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        try:
            client = Client(name=f"{draw(_words)} {i}", contact=draw(_words), created=FROZEN_NOW)
            items = [AllianceItem(category=draw(_words), wording=draw(_words)) for _ in range(draw(st.integers(0, 3)))]
            notes = [
                Note(text=draw(_words), private=draw(st.booleans()), created=FROZEN_NOW, session_number=1)
                for _ in range(draw(st.integers(0, 3)))
            ]
        except (ValueError, TextRefused):
            continue
        sessions = [Session(number=1, started=FROZEN_NOW)] if notes else []
        versions = [AllianceVersion(number=1, created=FROZEN_NOW, items=items)] if items else []
        records.append(ClientRecord(client=client, sessions=sessions, notes=notes, versions=versions))
    names = [r.client.name.casefold() for r in records]
    assume(len(set(names)) == len(names))
    return PracticeBackup(created=FROZEN_NOW, clients=records)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(practice=_practices())
def test_any_practice_survives_backup_and_restore(
    practice: PracticeBackup, tmp_path_factory: pytest.TempPathFactory
) -> None:
    first = tmp_path_factory.mktemp("first")
    restore_backup(first, practice, now=FROZEN_NOW)
    with PracticeStore(first, read_only=True) as opened:
        target = first.parent / f"{first.name}.json"
        write_backup(opened, target, now=FROZEN_NOW)
    again = read_backup(target)
    assert sorted(again.clients, key=lambda r: r.client.id) == sorted(practice.clients, key=lambda r: r.client.id)
    second = tmp_path_factory.mktemp("second")
    restore_backup(second, again, now=FROZEN_NOW)
    assert practice_state(second) == practice_state(first)


def test_unreadable_settings_count_as_data_to_keep(backup_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "odd"
    target.mkdir()
    (target / "practice.json").write_bytes(
        orjson.dumps({"_meta": {"1": {"schema": 1, "kind": "practice"}}, "settings": {"1": {"theme": 5}}})
    )
    before = tree(target)
    with pytest.raises(BackupRefused, match="already holds data"):
        restore_backup(target, read_backup(backup_file), now=FROZEN_NOW)
    assert tree(target) == before
