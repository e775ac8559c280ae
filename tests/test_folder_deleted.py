"""The practice folder deleted while the app has it open.

The coach is told at once what happened and what was written back from memory;
the lock is taken again before anything is written, so a second window can
never become a second writer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alliance_tui import practice_watch
from alliance_tui.app import AllianceApp
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore, ReadOnlyPractice
from alliance_tui.store.backup import read_backup
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import FROZEN_NOW, client_id
from .waits import handled, toast_saying


def three_clients(data_dir: Path) -> dict[str, str]:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        ids = {name: store.add_client(name).id for name in ("Ana", "Bo", "Cy")}
        for cid in ids.values():
            store.log_note(cid, "before the folder went")
        store.update_settings(theme="nord")
    return ids


def test_the_folder_is_made_again_the_lock_retaken_and_memory_written_back(data_dir: Path) -> None:
    ids = three_clients(data_dir)
    told: list[str] = []
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    store.on_problem = told.append
    try:
        store.record(ids["Ana"]), store.record(ids["Bo"])  # opened in this window; Cy never was
        shutil.rmtree(data_dir)
        store.log_note(ids["Ana"], "after the folder went")
        (message,) = told
        assert "was deleted while Alliance TUI had it open" in message
        assert "the settings and 2 clients (Ana, Bo)" in message
        assert "Lost with the folder, as this window had not opened them: Cy" in message
        assert store.summary(ids["Cy"]).problem
        # The lock is this window's again: a second window is read-only.
        with PracticeStore(data_dir) as second:
            assert second.read_only and "has this practice open" in second.read_only_reason
        store.log_note(ids["Bo"], "and the next write goes on quietly")
        assert len(told) == 1
    finally:
        store.close()
    with PracticeStore(data_dir) as again:
        assert [n.text for n in again.record(ids["Ana"]).notes] == ["before the folder went", "after the folder went"]
        assert [n.text for n in again.record(ids["Bo"]).notes][-1] == "and the next write goes on quietly"
        assert again.settings.theme == "nord"


def test_a_window_opened_after_the_deletion_stays_the_only_writer(data_dir: Path) -> None:
    ids = three_clients(data_dir)
    told: list[str] = []
    first = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    first.on_problem = told.append
    try:
        first.record(ids["Ana"])
        shutil.rmtree(data_dir)
        with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as second:
            assert not second.read_only
            with pytest.raises(ReadOnlyPractice, match="this window is now read-only"):
                first.log_note(ids["Ana"], "would be a second writer")
            assert first.read_only
            assert told and "another Alliance TUI" in told[0]
            assert not (data_dir / "clients" / f"{ids['Ana']}.json").exists(), "nothing written by the first"
            # What the first window held is kept, as a backup file beside the folder.
            (rescue,) = data_dir.parent.glob("alliance-tui-rescue-*.json")
            assert f"(1 client) was saved to {rescue}" in told[0]
            kept = read_backup(rescue)
            assert [n.text for n in kept.clients[0].notes] == ["before the folder went"]
            assert kept.settings.theme == "nord"
    finally:
        first.close()


def test_the_deleted_folder_is_found_without_waiting_for_a_write(data_dir: Path) -> None:
    ids = three_clients(data_dir)
    told: list[str] = []
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    store.on_problem = told.append
    try:
        store.record(ids["Ana"])
        store.guard_folder()
        assert told == [], "all in place: nothing to say"
        shutil.rmtree(data_dir)
        store.guard_folder()
        assert len(told) == 1 and "the settings and 1 client (Ana)" in told[0]
        with PracticeStore(data_dir) as second:
            assert second.read_only, "the lock was taken again before any second window came"
        store.guard_folder()
        assert len(told) == 1
    finally:
        store.close()


async def test_the_app_notices_it_while_the_coach_only_reads(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(practice_watch, "FOLDER_CHECK_SECONDS", 0.05)
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        shutil.rmtree(demo_store.data_dir)
        await toast_saying(pilot, "was deleted while Alliance TUI had it open")
        assert (demo_store.data_dir / ".lock").exists()


async def test_the_coach_sees_it_at_once_in_the_app(demo_store: PracticeStore) -> None:
    maya = client_id(demo_store, "Maya Okafor")
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.push_screen(SessionScreen(maya))
        await handled(pilot)
        shutil.rmtree(demo_store.data_dir)
        box = app.screen.query_one(QuickLogInput)
        box.value = "The folder is gone"
        box.focus()
        await pilot.press("enter")
        shown = await toast_saying(pilot, "was deleted while Alliance TUI had it open")
        assert "Maya Okafor" in shown
        assert box.value == ""
    with PracticeStore(demo_store.data_dir) as again:
        assert again.record(maya).notes[-1].text == "The folder is gone"
