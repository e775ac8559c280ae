"""Links planted by another user in a shared folder never receive the coach's data.

A backup or export may be written into a folder other people can write to. Every
name the writer could be expected to use for its temporary file gets a symbolic
link to a file the "attacker" can read; nothing may be written through any of
them, and the file the coach asked for must end up a private regular file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from alliance_tui.cli import main
from alliance_tui.store import PracticeStore

PIDS_AROUND = 300
BAIT = b"the attacker's file, before\n"


def plant_links(folder: Path, name: str, loot: Path) -> list[Path]:
    """Links at the guessable temporary names: the old '.<name>.<pid>.tmp' for pids near ours, and plain variants."""
    here = os.getpid()
    names = [f".{name}.{pid}.tmp" for pid in range(max(1, here - PIDS_AROUND), here + PIDS_AROUND)]
    names += [f".{name}.tmp", f"{name}.tmp", f".{name}.partial", f".{name}.new"]
    links = [folder / n for n in names]
    for link in links:
        link.symlink_to(loot)
    return links


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    loot = folder / "loot"
    loot.write_bytes(BAIT)
    loot.chmod(0o666)
    yield folder, loot


def assert_untouched(loot: Path, links: list[Path]) -> None:
    assert loot.read_bytes() == BAIT
    assert stat.S_IMODE(loot.stat().st_mode) == 0o666
    for link in links:
        assert link.is_symlink() and os.readlink(link) == str(loot)


def assert_private_regular_file(path: Path) -> None:
    info = path.lstat()
    assert stat.S_ISREG(info.st_mode), f"{path} is not a regular file"
    assert stat.S_IMODE(info.st_mode) == 0o600


def test_a_backup_into_a_shared_folder_writes_nothing_through_planted_links(
    capsys: pytest.CaptureFixture[str], demo_store: PracticeStore, shared: tuple[Path, Path]
) -> None:
    folder, loot = shared
    target = folder / "practice-backup.json"
    links = plant_links(folder, target.name, loot)
    code = main(["--data-dir", str(demo_store.data_dir), "backup", str(target)])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert "Backed up 5 clients" in err
    assert_untouched(loot, links)
    assert_private_regular_file(target)
    assert b"Daniel Reyes" in target.read_bytes()
    leftovers = {p.name for p in folder.iterdir()} - {link.name for link in links} - {"loot", target.name}
    assert leftovers == set()


def test_a_backup_over_a_name_that_is_a_link_replaces_the_link_not_its_file(
    capsys: pytest.CaptureFixture[str], demo_store: PracticeStore, shared: tuple[Path, Path]
) -> None:
    folder, loot = shared
    target = folder / "practice-backup.json"
    target.symlink_to(loot)
    code = main(["--data-dir", str(demo_store.data_dir), "backup", str(target), "--overwrite"])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert_untouched(loot, [])
    assert_private_regular_file(target)
    assert b"Daniel Reyes" in target.read_bytes()


@pytest.mark.parametrize("through_link", [False, True])
def test_an_export_to_a_shared_folder_writes_nothing_through_planted_links(
    capsys: pytest.CaptureFixture[str], demo_store: PracticeStore, shared: tuple[Path, Path], through_link: bool
) -> None:
    folder, loot = shared
    target = folder / "recap.md"
    links = plant_links(folder, target.name, loot)
    if through_link:
        target.symlink_to(loot)
    code = main(["--data-dir", str(demo_store.data_dir), "export", "recap", "Daniel Reyes", "-o", str(target)])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert_untouched(loot, links)
    assert_private_regular_file(target)
    assert target.read_text().startswith("# Session 3 recap: Daniel Reyes")


def test_the_practice_files_are_never_written_through_planted_links(data_dir: Path, tmp_path: Path) -> None:
    loot = tmp_path / "loot"
    loot.write_bytes(BAIT)
    loot.chmod(0o666)
    with PracticeStore(data_dir) as store:
        client = store.add_client("Ana")
        links = plant_links(store.clients_dir, f"{client.id}.json", loot)
        links += plant_links(store.data_dir, "practice.json", loot)
        store.log_note(client.id, "private: only the coach may read this")
        store.update_settings(theme="nord")
        assert_untouched(loot, links)
        assert_private_regular_file(store.clients_dir / f"{client.id}.json")
        assert_private_regular_file(store.practice_path)
    with PracticeStore(data_dir, read_only=True) as view:
        assert view.record(client.id).notes[-1].text == "private: only the coach may read this"
