"""Client files changed since the app last closed: start-up reads none of them; a worker checks them after."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.models.session import Session
from alliance_tui.screens import changed_files
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.atomic import atomic_write_bytes
from alliance_tui.store.client_file import client_file_bytes

from .conftest import FROZEN_NOW, watch_reads
from .waits import toast_saying


def changed_behind_the_index(data_dir: Path) -> str:
    """Ana's file gains a session written by another program: the index still says none were held."""
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        ana = store.add_client("Ana").id
        store.add_client("Bo")
        record = store.record(ana)
    held = Session(number=1, started=FROZEN_NOW - timedelta(days=7), ended=FROZEN_NOW - timedelta(days=7, hours=-1))
    record.sessions.append(held)
    atomic_write_bytes(data_dir / "clients" / f"{ana}.json", client_file_bytes(record))
    return ana


def test_opening_reads_no_changed_client_file_and_the_check_brings_it_up_to_date(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = changed_behind_the_index(data_dir)
    read = watch_reads(monkeypatch)
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW, defer_changed=True) as store:
        assert [p.name for p in read] == ["practice.json"]
        assert store.summary(ana).sessions_held == 0  # as the index knew it, until checked
        assert set(store.unchecked) == {ana}
        store.check_changed(ana)
        assert store.summary(ana).sessions_held == 1 and store.unchecked == {}
        assert not store.is_loaded(ana), "a check does not keep the whole file in memory"
    with PracticeStore(data_dir, defer_changed=True) as again:
        assert again.unchecked == {} and again.summary(ana).sessions_held == 1


def test_opening_the_client_first_brings_their_summary_up_to_date(data_dir: Path) -> None:
    ana = changed_behind_the_index(data_dir)
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW, defer_changed=True) as store:
        assert len(store.record(ana).sessions) == 1
        assert store.summary(ana).sessions_held == 1 and store.unchecked == {}
        store.check_changed(ana)  # the worker arriving late changes nothing
        assert store.summary(ana).sessions_held == 1


def test_a_damaged_file_found_by_the_check_is_marked(data_dir: Path) -> None:
    ana = changed_behind_the_index(data_dir)
    path = data_dir / "clients" / f"{ana}.json"
    path.write_bytes(path.read_bytes()[:50])
    with PracticeStore(data_dir, defer_changed=True) as store:
        store.check_changed(ana)
        assert "Ana's file cannot be opened" in store.summary(ana).problem


async def test_the_app_says_it_is_reading_a_large_file_and_updates_the_list(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed_behind_the_index(data_dir)
    monkeypatch.setattr(changed_files, "ANNOUNCE_BYTES", 0)  # every file counts as large here
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW, defer_changed=True).open()
    app = AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    try:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            shown = await toast_saying(pilot, "Reading Ana's file")
            assert "changed since Alliance TUI last closed" in shown
            await toast_saying(pilot, "the client list is up to date")
            assert isinstance(app.screen, DashboardScreen)
            assert store.unchecked == {}
            assert store.summary(store.summaries()[0].id).sessions_held == 1
    finally:
        store.close()


def test_files_that_must_be_read_at_open_are_announced_first(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No index to trust (it was deleted): every file is read before the practice opens, said beforehand."""
    from alliance_tui.store import reconcile

    changed_behind_the_index(data_dir)
    (data_dir / "practice.json").unlink()
    monkeypatch.setattr(reconcile, "LONG_READ_BYTES", 0)
    said: list[str] = []
    store = PracticeStore(data_dir, defer_changed=True)
    store.on_progress = said.append
    with store:  # opens it
        assert said == [f"Reading 2 client files ({0:.0f} MB) to bring the practice index up to date…"]
        assert store.unchecked == {} and len(store.summaries()) == 2
