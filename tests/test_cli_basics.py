"""The command line answers --help and --version, and refuses a practice it cannot open in one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_tui import __version__
from alliance_tui.store import SCHEMA_VERSION, PracticeStore


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m alliance_tui` with no terminal: anything that reached the app would fail or hang."""
    return subprocess.run(
        [sys.executable, "-m", "alliance_tui", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={**os.environ, **(env or {}), "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )


def one_clear_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("alliance-tui: ")
    return lines[0]


def test_help() -> None:
    done = cli("--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: alliance-tui")
    for option in ("--data-dir", "--demo", "--version", "--log-level"):
        assert option in done.stdout
    for place in ("practice:", "config:", "log:", "alliance-tui.log", "config.toml"):
        assert place in done.stdout, "--help says where the practice, the config and the log live"


def test_version() -> None:
    done = cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"alliance-tui {__version__}"


@pytest.fixture
def newer_practice(tmp_path: Path) -> Path:
    data_dir = tmp_path / "practice"
    with PracticeStore(data_dir) as store:
        store.add_client("Ana")
    path = data_dir / "practice.json"
    data = json.loads(path.read_text())
    data["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    return data_dir


def test_newer_practice_refused_before_the_app_starts(newer_practice: Path) -> None:
    before = (newer_practice / "practice.json").read_bytes()
    line = one_clear_line(cli("--data-dir", str(newer_practice)))
    assert "newer Alliance TUI" in line and "Upgrade" in line
    assert str(newer_practice / "practice.json") in line
    assert (newer_practice / "practice.json").read_bytes() == before


def test_newer_practice_from_the_environment_is_refused_the_same_way(newer_practice: Path) -> None:
    line = one_clear_line(cli(env={"ALLIANCE_TUI_DATA": str(newer_practice)}))
    assert "newer Alliance TUI" in line


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "notes.txt"
    not_a_dir.write_text("not a practice")
    line = one_clear_line(cli("--data-dir", str(not_a_dir)))
    assert "Cannot use" in line and str(not_a_dir) in line
    assert not_a_dir.read_text() == "not a practice"
