"""Shared fixtures: every test gets its own practice and never sees the real home."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from alliance_tui.store import PracticeStore


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """A test worker's last collections walk only what is garbage, not every object the run left alive.

    Once a worker reports its run finished, pytest-xdist closes it and gives it
    five seconds before interrupting it; pytest's clean-up then runs five full
    collections to find unraisable exceptions. Over the caches hundreds of app
    runs leave (Textual keeps drawn lines, styles and strips) that takes more
    than five seconds on a busy machine, and the interrupt landed inside the
    collector as an unraisable KeyboardInterrupt. Collecting here, before the
    worker reports, and setting what survives aside keeps those five fast; what
    this collection finds is still reported as before.
    """
    if hasattr(session.config, "workerinput"):  # an xdist worker; a single process is never interrupted
        gc.collect()
        gc.freeze()


# The demo and snapshot tests run at this moment, so dates on screen never drift.
FROZEN_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def client_id(store: PracticeStore, name: str) -> str:
    summary = store.find_client(name)
    assert summary is not None
    return summary.id


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("ALLIANCE_TUI_DATA", str(home / "practice"))
    monkeypatch.setenv("ALLIANCE_TUI_CONFIG", str(home / "config" / "alliance-tui"))
    monkeypatch.setenv("ALLIANCE_TUI_LOG", str(home / "log"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "practice"


@pytest.fixture
def store(data_dir: Path) -> Iterator[PracticeStore]:
    """An empty practice with a frozen clock."""
    practice = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    yield practice
    practice.close()


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo practice, built once per test process: its many durable writes cost seconds on a busy disk."""
    from alliance_tui.demo import build_demo

    data_dir = tmp_path_factory.mktemp("demo-built") / "demo"
    build_demo(data_dir, now=FROZEN_NOW).close()
    return data_dir


@pytest.fixture
def demo_store(demo_built: Path, tmp_path: Path) -> Iterator[PracticeStore]:
    """The demo practice as of FROZEN_NOW with a frozen clock: a copy of the test's own, open.

    The files are copied with their times (so the practice's index stays
    trusted, as after the build) and opened with the clock the build leaves.
    """
    import shutil

    from alliance_tui.demo import DemoClock

    data_dir = Path(shutil.copytree(demo_built, tmp_path / "demo"))
    practice = PracticeStore(data_dir, clock=DemoClock(FROZEN_NOW, ticking=False)).open()
    yield practice
    practice.close()


@pytest.fixture
def reopened(demo_store: PracticeStore) -> Iterator[PracticeStore]:
    """The demo practice as a coach starts it: nobody's file read yet."""
    demo_store.close()
    store = PracticeStore(demo_store.data_dir, clock=lambda: FROZEN_NOW).open()
    yield store
    store.close()


def watch_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """From now on, every file read through Path.read_bytes, in order."""
    read: list[Path] = []
    original = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    return read


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo practice with a day's automatic backup, built once for the module (the encryption tests)."""
    from alliance_tui.demo import build_demo
    from alliance_tui.store.auto_backup import take_automatic_backup

    data_dir = tmp_path_factory.mktemp("built") / "demo"
    build_demo(data_dir, now=FROZEN_NOW).close()
    take_automatic_backup(data_dir, now=FROZEN_NOW)
    return data_dir


@pytest.fixture
def practice(built: Path, tmp_path: Path) -> Path:
    """A copy of it of the test's own (the backup's hard links copied as files of their own)."""
    import shutil

    return Path(shutil.copytree(built, tmp_path / "demo"))
