"""Faults a coach's machine throws at the data: each gets a clear message and loses nothing saved."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from alliance_tui.store import (
    CLIENT_SCHEMA_VERSION,
    SCHEMA_VERSION,
    ChangedOnDisk,
    ClientUnavailable,
    PracticeStore,
    PracticeUnavailable,
    ReadOnlyPractice,
    WriteFailed,
    atomic,
)
from tests.conftest import FROZEN_NOW

IS_ROOT = os.geteuid() == 0


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def client_path(store: PracticeStore, client_id: str) -> Path:
    return store.clients_dir / f"{client_id}.json"


@pytest.fixture
def two_clients(data_dir: Path) -> tuple[str, str]:
    """A closed practice with two clients who have history."""
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        ana = store.add_client("Ana")
        bo = store.add_client("Bo")
        for client in (ana, bo):
            store.start_session(client.id)
            store.log_note(client.id, f"{client.name}'s first note")
        return ana.id, bo.id


# ----------------------------------------------------------------- permissions


def test_directories_are_0700_and_files_0600(store: PracticeStore) -> None:
    client = store.add_client("Ana")
    store.log_note(client.id, "private")
    store.update_settings(theme="nord")
    assert mode(store.data_dir) == 0o700
    assert mode(store.clients_dir) == 0o700
    for path in [store.practice_path, client_path(store, client.id), store.data_dir / ".lock"]:
        assert mode(path) == 0o600, path


def test_an_existing_open_directory_is_made_private(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    with PracticeStore(data_dir):
        assert mode(data_dir) == 0o700


def test_files_stay_private_under_a_permissive_umask(data_dir: Path) -> None:
    old = os.umask(0)
    try:
        with PracticeStore(data_dir) as store:
            client = store.add_client("Ana")
            store.log_note(client.id, "x")
            assert mode(client_path(store, client.id)) == 0o600
            assert mode(store.practice_path) == 0o600
    finally:
        os.umask(old)


# ----------------------------------------------------------------- the lock


def test_second_store_in_the_same_process_is_read_only(store: PracticeStore) -> None:
    client = store.add_client("Ana")
    second = PracticeStore(store.data_dir).open()
    try:
        assert second.read_only
        assert f"process {os.getpid()}" in second.read_only_reason
        assert "read-only" in second.read_only_reason
        assert second.read_only_reason in second.problems
        assert [s.name for s in second.summaries()] == ["Ana"]  # reading still works
        with pytest.raises(ReadOnlyPractice, match="read-only"):
            second.log_note(client.id, "lost?")
        with pytest.raises(ReadOnlyPractice):
            second.add_client("Bo")
    finally:
        second.close()
    assert store.record(client.id).notes == []
    store.log_note(client.id, "the first window still writes")


def test_the_lock_is_released_on_close(data_dir: Path) -> None:
    PracticeStore(data_dir).open().close()
    first = PracticeStore(data_dir).open()
    assert not first.read_only
    first.close()
    again = PracticeStore(data_dir).open()
    assert not again.read_only
    again.close()


def test_second_process_is_read_only_with_a_clear_message(store: PracticeStore) -> None:
    client = store.add_client("Ana")
    script = textwrap.dedent(
        """
        import json, sys
        from alliance_tui.store import PracticeStore, ReadOnlyPractice
        store = PracticeStore(sys.argv[1]).open()
        try:
            store.log_note(sys.argv[2], "from the second window")
            error = ""
        except ReadOnlyPractice as exc:
            error = exc.message
        print(json.dumps({"read_only": store.read_only, "reason": store.read_only_reason, "error": error,
                          "names": [s.name for s in store.summaries()]}))
        store.close()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(store.data_dir), client.id], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["read_only"] is True
    assert f"Another Alliance TUI (process {os.getpid()}) has this practice open" in seen["reason"]
    assert seen["error"].startswith("Not saved. Another Alliance TUI") and "read-only" in seen["error"]
    assert seen["names"] == ["Ana"]
    assert store.record(client.id).notes == []


# ----------------------------------------------------------------- damaged files


def test_corrupt_client_file_is_named_left_untouched_and_the_rest_opens(
    data_dir: Path, two_clients: tuple[str, str]
) -> None:
    ana, bo = two_clients
    damaged = data_dir / "clients" / f"{ana}.json"
    garbage = damaged.read_bytes()[:57]  # a torn write, as an older tool might leave
    damaged.write_bytes(garbage)
    with PracticeStore(data_dir) as store:
        assert any(str(damaged) in p for p in store.problems), store.problems
        assert store.summary(ana).problem and str(damaged) in store.summary(ana).problem
        with pytest.raises(ClientUnavailable) as info:
            store.record(ana)
        assert str(damaged) in info.value.message and "Ana" in info.value.message
        with pytest.raises(ClientUnavailable):
            store.log_note(ana, "not over a damaged file")
        store.log_note(bo, "Bo is unaffected")
        assert len(store.record(bo).notes) == 2
    assert damaged.read_bytes() == garbage


def test_corrupt_client_file_found_lazily_when_the_index_looked_fresh(
    data_dir: Path, two_clients: tuple[str, str]
) -> None:
    ana, _ = two_clients
    damaged = data_dir / "clients" / f"{ana}.json"
    before = damaged.stat()
    flipped = bytearray(damaged.read_bytes())
    flipped[10:20] = b"\xff" * 10  # same size, same times: the index cannot tell
    damaged.write_bytes(bytes(flipped))
    os.utime(damaged, ns=(before.st_atime_ns, before.st_mtime_ns))
    with PracticeStore(data_dir) as store:
        assert store.summary(ana).name == "Ana"
        with pytest.raises(ClientUnavailable, match="holds bytes that are not text"):
            store.record(ana)
        assert store.summary(ana).problem
    assert damaged.read_bytes() == bytes(flipped)


def test_client_record_that_does_not_validate_is_reported(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, _ = two_clients
    path = data_dir / "clients" / f"{ana}.json"
    data = json.loads(path.read_text())
    next(iter(data["notes"].values()))["text"] = "   "
    path.write_text(json.dumps(data))
    with PracticeStore(data_dir) as store, pytest.raises(ClientUnavailable, match="does not validate"):
        store.record(ana)


def test_corrupt_practice_file_is_moved_aside_and_clients_recovered(
    data_dir: Path, two_clients: tuple[str, str]
) -> None:
    index = data_dir / "practice.json"
    index.write_bytes(b'{"_meta": {"1": {"schema": 1, "kind": "practice"}}, "clients": {"1": {"summ')
    damaged = index.read_bytes()
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        assert sorted(s.name for s in store.summaries()) == ["Ana", "Bo"]
        assert all(s.sessions_held == 1 for s in store.summaries())
        (message,) = store.problems
        assert str(index) in message and "moved aside" in message and "recovered" in message
        assert "could not be used: it is damaged (it stops part-way through" in message
        asides = list(data_dir.glob("practice.json.damaged-*"))
        assert [p.read_bytes() for p in asides] == [damaged]
        assert asides[0].name in message
        store.log_note(two_clients[0], "writing goes on")
    with PracticeStore(data_dir) as again:
        assert again.problems == []
        assert len(again.summaries()) == 2


def test_a_second_damaged_practice_file_never_overwrites_the_first_set_aside(data_dir: Path) -> None:
    for content in (b"first damage", b"second damage"):
        data_dir.mkdir(exist_ok=True)
        (data_dir / "practice.json").write_bytes(content)
        PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open().close()
    assert sorted(p.read_bytes() for p in data_dir.glob("practice.json.damaged-*")) == [
        b"first damage",
        b"second damage",
    ]


def test_unreadable_practice_file_is_not_moved(
    data_dir: Path, two_clients: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    index = data_dir / "practice.json"
    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == index:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(PracticeUnavailable, match="cannot be read"):
        PracticeStore(data_dir).open()
    assert index.exists() and not list(data_dir.glob("*.damaged-*"))
    monkeypatch.undo()
    with PracticeStore(data_dir) as store:  # and the lock was let go
        assert not store.read_only


def newer(path: Path) -> bytes:
    data = json.loads(path.read_text())
    newest = CLIENT_SCHEMA_VERSION if data["_meta"]["1"]["kind"] == "client" else SCHEMA_VERSION
    data["_meta"]["1"]["schema"] = newest + 1
    path.write_text(json.dumps(data))
    return path.read_bytes()


def test_newer_schema_client_file_is_refused_and_untouched(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, bo = two_clients
    path = data_dir / "clients" / f"{ana}.json"
    content = newer(path)
    with PracticeStore(data_dir) as store:
        with pytest.raises(ClientUnavailable, match="newer Alliance TUI") as info:
            store.record(ana)
        assert str(path) in info.value.message and "Upgrade" in info.value.message
        store.log_note(bo, "others still work")
    assert path.read_bytes() == content


def test_newer_schema_practice_file_is_refused_and_untouched(data_dir: Path, two_clients: tuple[str, str]) -> None:
    path = data_dir / "practice.json"
    content = newer(path)
    for _ in range(2):  # the refusal lets go of the lock, so it is the same each time
        with pytest.raises(PracticeUnavailable, match="newer Alliance TUI") as info:
            PracticeStore(data_dir).open()
        assert str(path) in info.value.message
    assert path.read_bytes() == content
    assert not list(data_dir.glob("*.damaged-*"))


def test_a_file_of_the_wrong_kind_is_damaged_not_trusted(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, _ = two_clients
    shutil.copy(data_dir / "practice.json", data_dir / "clients" / f"{ana}.json")
    with (
        PracticeStore(data_dir) as store,
        pytest.raises(ClientUnavailable, match="it is marked as the practice index"),
    ):
        store.record(ana)


# ----------------------------------------------------------------- changed while open


def test_client_file_deleted_while_loaded_is_written_again_from_memory(
    data_dir: Path, two_clients: tuple[str, str]
) -> None:
    ana, _ = two_clients
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        before = store.record(ana).model_copy(deep=True)
        client_path(store, ana).unlink()
        note = store.log_note(ana, "after the file vanished")
        assert any("disappeared" in p and "Ana" in p for p in store.problems)
    with PracticeStore(data_dir) as again:
        record = again.record(ana)
        assert record.notes == [*before.notes, note]
        assert record.sessions == before.sessions


def test_client_file_deleted_before_it_was_loaded_is_reported(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, bo = two_clients
    with PracticeStore(data_dir) as store:
        client_path(store, ana).unlink()
        with pytest.raises(ClientUnavailable, match="file for Ana is missing"):
            store.record(ana)
        assert store.summary(ana).problem
        store.log_note(bo, "fine")


def test_client_file_replaced_behind_our_back_is_not_overwritten(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, _ = two_clients
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        store.record(ana)
        path = client_path(store, ana)
        # Someone (a sync tool, another program) replaces the file with their own version.
        theirs = json.loads(path.read_text())
        next(iter(theirs["notes"].values()))["text"] = "their edit"
        replacement = path.with_name("incoming")
        replacement.write_text(json.dumps(theirs))
        os.replace(replacement, path)
        content = path.read_bytes()
        with pytest.raises(ChangedOnDisk, match="changed outside Alliance TUI") as info:
            store.log_note(ana, "mine")
        assert str(path) in info.value.message
        assert path.read_bytes() == content
        # Memory now follows the file as it is, and the next write builds on it.
        assert [n.text for n in store.record(ana).notes] == ["their edit"]
        store.log_note(ana, "mine, again")
    with PracticeStore(data_dir) as again:
        assert [n.text for n in again.record(ana).notes] == ["their edit", "mine, again"]


def test_client_file_edited_in_place_is_detected(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, _ = two_clients
    with PracticeStore(data_dir) as store:
        store.record(ana)
        path = client_path(store, ana)
        with path.open("ab") as handle:
            handle.write(b" ")
        with pytest.raises(ChangedOnDisk):
            store.log_note(ana, "mine")


def test_practice_file_replaced_behind_our_back(data_dir: Path, two_clients: tuple[str, str]) -> None:
    with PracticeStore(data_dir) as store:
        path = store.practice_path
        data = json.loads(path.read_text())
        data["settings"] = {"1": {"theme": "nord"}}
        tmp = path.with_name("incoming")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)
        content = path.read_bytes()
        with pytest.raises(ChangedOnDisk):
            store.update_settings(theme="gruvbox")
        assert path.read_bytes() == content
        assert store.settings.theme != "gruvbox"


# ----------------------------------------------------------------- the disk says no


REAL = {name: getattr(os, name) for name in ("open", "write", "fsync")}


def heal(name: str) -> None:
    """The disk has room (or permission) again."""
    setattr(atomic.os, name, REAL[name])


@pytest.fixture
def inject() -> Iterator[Callable[..., None]]:
    """Make one os call in the atomic writer fail with the given errno, for matching paths only."""
    patched: list[str] = []

    def install(name: str, err: int, only: str = "") -> None:
        real = REAL[name]

        def failing(*args: Any, **kwargs: Any) -> Any:
            target = str(args[0]) if name == "open" else ""
            if name != "open" or only in target:
                raise OSError(err, os.strerror(err))
            return real(*args, **kwargs)

        patched.append(name)
        setattr(atomic.os, name, failing)

    yield install
    for name in patched:
        heal(name)


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_disk_full_during_a_note_rolls_back_and_keeps_earlier_data(
    data_dir: Path, two_clients: tuple[str, str], inject: Callable[..., None], call: str
) -> None:
    ana, _ = two_clients
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        kept = store.log_note(ana, "saved before the disk filled")
        path = client_path(store, ana)
        on_disk = path.read_bytes()
        inject(call, errno.ENOSPC)
        with pytest.raises(WriteFailed) as info:
            store.log_note(ana, "this one cannot be saved")
        heal(call)
        assert "disk is full" in info.value.message
        assert "Not saved" in info.value.message and str(path) in info.value.message
        assert path.read_bytes() == on_disk
        assert not list(store.clients_dir.glob(".*.tmp"))
        assert store.record(ana).notes[-1] == kept  # memory went back to what is on disk
        store.log_note(ana, "after space was freed")
    with PracticeStore(data_dir) as again:
        texts = [n.text for n in again.record(ana).notes]
        assert texts == ["Ana's first note", "saved before the disk filled", "after space was freed"]


def test_disk_full_for_a_new_client_leaves_no_trace(store: PracticeStore, inject: Callable[..., None]) -> None:
    inject("write", errno.ENOSPC)
    with pytest.raises(WriteFailed, match="disk is full"):
        store.add_client("Ana")
    assert store.summaries() == []
    assert not list(store.clients_dir.iterdir())


def test_disk_full_for_settings_keeps_the_old_settings(store: PracticeStore, inject: Callable[..., None]) -> None:
    store.update_settings(theme="nord")
    inject("fsync", errno.ENOSPC)
    with pytest.raises(WriteFailed, match="disk is full"):
        store.update_settings(theme="gruvbox")
    assert store.settings.theme == "nord"
    heal("fsync")
    assert store.add_prompt("Still fine?").text == "Still fine?"
    with PracticeStore(store.data_dir, read_only=True) as view:
        assert view.settings.theme == "nord"


def test_index_write_failure_keeps_the_clients_data(store: PracticeStore, inject: Callable[..., None]) -> None:
    client = store.add_client("Ana")
    inject("open", errno.ENOSPC, only="practice.json")
    session = store.start_session(client.id)  # the summary changes: the index is written at the next save
    store.save_index()
    assert any("index could not be updated" in p for p in store.problems)
    assert store.summary(client.id).sessions_held == 1
    with PracticeStore(store.data_dir, read_only=True) as view:
        assert view.record(client.id).sessions == [session]


def test_permission_denied_on_write_is_reported(data_dir: Path, two_clients: tuple[str, str], inject: Any) -> None:
    """Tests run as root, where chmod cannot deny anything: EACCES is injected instead."""
    ana, _ = two_clients
    with PracticeStore(data_dir) as store:
        inject("open", errno.EACCES, only=".tmp")
        with pytest.raises(WriteFailed, match="permission was denied"):
            store.log_note(ana, "x")
        assert len(store.record(ana).notes) == 1


def test_lock_that_cannot_be_created_means_read_only_not_another_window(
    data_dir: Path, two_clients: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_tui.store import lock

    (data_dir / ".lock").unlink()
    real_open = os.open

    def denied(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(lock.os, "open", denied)
    with PracticeStore(data_dir) as store:
        assert store.read_only
        assert "cannot be written to" in store.read_only_reason
        assert "Another Alliance TUI" not in store.read_only_reason
        assert len(store.summaries()) == 2
        with pytest.raises(ReadOnlyPractice):
            store.log_note(two_clients[0], "x")


@pytest.mark.skipif(IS_ROOT, reason="root ignores directory permissions; see the injected EACCES tests")
def test_read_only_data_directory(data_dir: Path, two_clients: tuple[str, str]) -> None:
    data_dir.chmod(0o500)
    (data_dir / "clients").chmod(0o500)
    try:
        with PracticeStore(data_dir) as store:
            assert len(store.summaries()) == 2
            with pytest.raises((ReadOnlyPractice, WriteFailed)):
                store.log_note(two_clients[0], "x")
    finally:
        (data_dir / "clients").chmod(0o700)
        data_dir.chmod(0o700)


@pytest.fixture
def remountable(tmp_path: Path) -> Iterator[Callable[[str], None]]:
    """A small tmpfs of our own that can be turned read-only for real (EROFS), where mounting is allowed."""
    point = tmp_path / "mnt"
    point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(point)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a file system here (needs root); the injected-errno tests cover this")

    def remount(flag: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{flag}", str(point)], check=True, capture_output=True)

    try:
        yield remount
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_practice_on_a_read_only_file_system(tmp_path: Path, remountable: Callable[[str], None]) -> None:
    """A real EROFS (a disk remounted read-only), not an injected one."""
    data_dir = tmp_path / "mnt" / "practice"
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        client = store.add_client("Ana")
        kept = store.log_note(client.id, "saved while the disk was writable")
    listing = sorted(p.name for p in data_dir.rglob("*"))
    remountable("ro")
    with PracticeStore(data_dir) as view:
        assert view.read_only
        assert "cannot be written to" in view.read_only_reason and "Read-only file system" in view.read_only_reason
        assert view.read_only_reason in view.problems
        assert view.record(client.id).notes == [kept]
        with pytest.raises(ReadOnlyPractice, match="read-only"):
            view.log_note(client.id, "x")
    assert sorted(p.name for p in data_dir.rglob("*")) == listing
    remountable("rw")
    with PracticeStore(data_dir) as again:
        assert not again.read_only
        assert again.record(client.id).notes == [kept]


def test_disk_turned_read_only_while_open(data_dir: Path, two_clients: tuple[str, str], inject: Any) -> None:
    """A disk cannot be remounted read-only under open files, so EROFS mid-session is injected."""
    ana, _ = two_clients
    with PracticeStore(data_dir) as store:
        inject("open", errno.EROFS, only=".tmp")
        with pytest.raises(WriteFailed, match="the disk is read-only"):
            store.log_note(ana, "refused")
        assert len(store.record(ana).notes) == 1


def test_data_dir_that_is_a_file_is_refused_clearly(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "practice"
    not_a_dir.write_text("oops")
    with pytest.raises(PracticeUnavailable, match="Cannot use"):
        PracticeStore(not_a_dir).open()


@pytest.mark.parametrize(
    "clients_table",
    [{"1": "junk"}, {"x": {"summary": {"id": "a"}}}, {"1": {"summary": "not a summary"}}, {"1": {"stamp": [1, 2]}}],
)
def test_practice_index_in_an_odd_shape_is_set_aside_or_ignored(
    data_dir: Path, two_clients: tuple[str, str], clients_table: dict[str, Any]
) -> None:
    index = data_dir / "practice.json"
    data = json.loads(index.read_text())
    data["clients"] = clients_table
    index.write_text(json.dumps(data))
    with PracticeStore(data_dir) as store:
        assert sorted(s.name for s in store.summaries()) == ["Ana", "Bo"]
        store.log_note(two_clients[0], "writing goes on")
    with PracticeStore(data_dir) as again:
        assert len(again.record(two_clients[0]).notes) == 2


def test_client_table_with_foreign_keys_is_damaged_not_written_over(
    data_dir: Path, two_clients: tuple[str, str]
) -> None:
    ana, bo = two_clients
    path = data_dir / "clients" / f"{ana}.json"
    data = json.loads(path.read_text())
    data["notes"] = {"first": next(iter(data["notes"].values()))}
    path.write_text(json.dumps(data))
    content = path.read_bytes()
    with PracticeStore(data_dir) as store:
        with pytest.raises(
            ClientUnavailable, match="is damaged: the layout of the notes is not one Alliance TUI writes"
        ):
            store.log_note(ana, "x")
        store.log_note(bo, "others are fine")
    assert path.read_bytes() == content


def test_data_that_cannot_be_encoded_is_a_refusal_not_a_crash(store: PracticeStore) -> None:
    client = store.add_client("Ana")
    note = store.log_note(client.id, "fine")
    record = store.record(client.id)
    # A model that slipped past validation (here forced in) must not crash the write or poison memory.
    broken = note.model_copy(update={"text": "\ud800"})
    with pytest.raises(WriteFailed, match="could not be encoded"):
        store.client_writes.write(client.id, lambda f: f.insert("notes", broken))
    assert store.record(client.id).notes == record.notes
    store.log_note(client.id, "still fine")
    assert [n.text for n in store.record(client.id).notes] == ["fine", "still fine"]


def test_practice_file_deleted_while_open_is_written_again(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, _ = two_clients
    with PracticeStore(data_dir) as store:
        store.update_settings(theme="nord")
        store.practice_path.unlink()
        store.end_session(ana, store.start_session(ana).id)
        store.start_session(ana)  # a new session changes the summary: the index is written again, whole
        store.save_index()
        assert store.practice_path.exists()
    with PracticeStore(data_dir) as again:
        assert again.settings.theme == "nord"
        assert again.problems == []
        assert sorted(s.name for s in again.summaries()) == ["Ana", "Bo"]


def test_whole_folder_deleted_while_open(data_dir: Path, two_clients: tuple[str, str]) -> None:
    """Deleting the clients folder under a running app loses nothing the app still holds."""
    ana, _ = two_clients
    with PracticeStore(data_dir) as store:
        kept = [n.text for n in store.record(ana).notes]
        shutil.rmtree(data_dir / "clients")
        store.log_note(ana, "x")
        assert stat.S_IMODE((data_dir / "clients").stat().st_mode) == 0o700
    with PracticeStore(data_dir) as again:
        assert [n.text for n in again.record(ana).notes] == [*kept, "x"]


def test_practice_file_replaced_with_more_clients_then_written(data_dir: Path, two_clients: tuple[str, str]) -> None:
    """TinyDB remembers its next record number; a file replaced behind our back may already use it."""
    ana, _ = two_clients
    with PracticeStore(data_dir) as store:
        store.add_client("Dee")  # this window's index table now expects record 4 next
        path = store.practice_path
        data = json.loads(path.read_text())
        for n in range(4, 9):  # someone's copy of the index with more entries
            data["clients"][str(n)] = {"summary": {"id": f"other{n}", "name": f"Other {n}"}, "stamp": None}
        tmp = path.with_name("incoming")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)
        with pytest.raises(ChangedOnDisk):
            store.update_settings(theme="nord")
        store.update_settings(theme="nord")  # the file as it is now, read afresh
        carla = store.add_client("Carla")  # a new index entry: must not collide with theirs
        assert carla.name == "Carla"
    raw = json.loads((data_dir / "practice.json").read_text())
    ids = [doc["summary"]["id"] for doc in raw["clients"].values()]
    # TinyDB would silently write Carla over "Other 4" had it kept its own idea of the next record number.
    assert {carla.id, ana, *(f"other{n}" for n in range(4, 9))} <= set(ids)


def test_a_damaged_file_repaired_while_open_is_used_again(data_dir: Path, two_clients: tuple[str, str]) -> None:
    ana, _ = two_clients
    path = data_dir / "clients" / f"{ana}.json"
    good = path.read_bytes()
    path.write_bytes(good[:40])
    with PracticeStore(data_dir) as store:
        with pytest.raises(ClientUnavailable):
            store.record(ana)
        with pytest.raises(ClientUnavailable):  # still damaged: still refused, still untouched
            store.log_note(ana, "x")
        path.write_bytes(good)  # the coach puts back a good copy
        note = store.log_note(ana, "after the repair")
        assert store.summary(ana).problem == ""
        assert store.summary(ana).name == "Ana"
        assert not any("cannot be opened" in p for p in store.problems)
    with PracticeStore(data_dir) as again:
        assert again.record(ana).notes[-1] == note


def test_a_session_end_refused_leaves_it_open_and_loses_nothing(
    data_dir: Path, two_clients: tuple[str, str], inject: Callable[..., None]
) -> None:
    """Ending is one write of the present: refused, the session is still open, in memory and on disk."""
    ana, _ = two_clients
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        session = store.start_session(ana)
        note = store.log_note(ana, "said just before the end", session_number=session.number)
        inject("open", errno.ENOSPC, only=f".{ana}.json")  # the present's temporary file only
        with pytest.raises(WriteFailed, match="Not saved"):
            store.end_session(ana, session.id)
        heal("open")
        assert not (store.clients_dir / ana).exists()  # nothing put away
        assert store.present(ana).open_session == session
        with PracticeStore(data_dir, read_only=True) as view:
            whole = view.record(ana)
            assert [s for s in whole.sessions if s.id == session.id] == [session]
            assert [n for n in whole.notes if n.id == note.id] == [note]
        ended = store.end_session(ana, session.id)
        assert store.present(ana).open_session is None
        inject("open", errno.ENOSPC, only=f".{ana}-0001.json")  # the session's own file cannot be written
        store.put_away_ended(ana)
        heal("open")
        assert any("could not be moved to their own files" in p for p in store.problems)
        assert store.present(ana).session == ended  # still ended, held in the present
        store.put_away_ended(ana)
        assert (store.clients_dir / ana / "0001.json").exists()
    with PracticeStore(data_dir) as again:
        whole = again.record(ana)
        assert [s for s in whole.sessions if s.id == session.id] == [ended]
        assert [n for n in whole.notes if n.id == note.id] == [note]
        assert again.present(ana).open_session is None
