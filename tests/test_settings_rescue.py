"""A damaged practice index: the coach's own questions, categories and theme are offered back, on request."""

from __future__ import annotations

import os
from pathlib import Path

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.auto_backup import take_automatic_backup
from alliance_tui.store.settings_rescue import find_settings_rescue, restore_settings

from .conftest import FROZEN_NOW
from .screen_text import screen_text
from .waits import toast_saying, until

QUESTIONS = ("What would make today count?", "Where did I miss you last time?")


def practice_with_own_settings(data_dir: Path) -> None:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        store.add_client("Ana")
        for question in QUESTIONS:
            store.add_prompt(question)
        store.add_category("Energy")
        store.update_settings(theme="nord", revisit_every_sessions=6)


def replace_index(data_dir: Path, damaged: bytes) -> None:
    """Damaged as another program would leave it: a new file in its place (an automatic backup keeps the old)."""
    incoming = data_dir / "incoming"
    incoming.write_bytes(damaged)
    os.replace(incoming, data_dir / "practice.json")


def test_settings_are_found_in_the_damaged_copy_and_restored_on_request(data_dir: Path) -> None:
    practice_with_own_settings(data_dir)
    index = data_dir / "practice.json"
    raw = index.read_bytes()
    replace_index(data_dir, raw[:20] + b"\xff\xff" + raw[22:])  # bytes that are not text, before the settings
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        assert store.index_set_aside is not None
        assert store.settings.prompts == [] and store.settings.theme != "nord"  # nothing restored unasked
        rescue = find_settings_rescue(store)
        assert rescue is not None and rescue.source == store.index_set_aside
        assert rescue.summary == "2 own questions, 1 category, the theme nord and a revisit every 6 sessions"
        store.add_category("Money")  # set since the damage: kept
        settings = restore_settings(store, rescue)
        assert [p.text for p in settings.prompts] == list(QUESTIONS)
        assert settings.categories == ["Money", "Energy"]
        assert settings.theme == "nord" and settings.revisit_every_sessions == 6
        assert find_settings_rescue(store) is None, "nothing left to offer once restored"
    with PracticeStore(data_dir) as again:
        assert [p.text for p in again.settings.prompts] == list(QUESTIONS)


def test_settings_are_found_in_an_automatic_backup_when_the_copy_has_none(data_dir: Path) -> None:
    practice_with_own_settings(data_dir)
    assert take_automatic_backup(data_dir, now=FROZEN_NOW) is not None
    replace_index(data_dir, b'{"_meta": {"1": {"sch')
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        rescue = find_settings_rescue(store)
        assert rescue is not None and rescue.source.parent.name.startswith("auto-")
        assert len(rescue.prompts) == 2 and rescue.categories == ("Energy",)


async def test_the_app_offers_it_quietly_and_restores_from_the_palette(data_dir: Path) -> None:
    practice_with_own_settings(data_dir)
    raw = (data_dir / "practice.json").read_bytes()
    replace_index(data_dir, raw[: raw.index(b"Where did") + 5])  # cut short inside the second question
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    app = AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    try:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            shown = await toast_saying(pilot, "Practice settings can be restored")
            assert "'Restore practice settings'" in shown
            assert isinstance(app.screen, DashboardScreen), "no dialog the coach did not ask for"
            assert store.settings.prompts == []
            await pilot.press("ctrl+p", *"Restore practice settings")
            await until(pilot, lambda: "Restore practice settings:" in screen_text(app), "the command in the palette")
            await pilot.press("enter")
            await until(pilot, lambda: store.settings.prompts, "the settings restored")
            assert [p.text for p in store.settings.prompts] == list(QUESTIONS[:1])  # what the cut left whole
            assert store.settings.categories == ["Energy"]
            assert app.theme == "nord"
    finally:
        store.close()
