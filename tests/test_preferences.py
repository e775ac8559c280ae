"""[preferences] in the coach's config file: validated entry by entry, applied where they belong."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from alliance_tui.app import AllianceApp
from alliance_tui.screens.client_form import ClientFormScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.config_file import read_user_config

from .conftest import FROZEN_NOW
from .waits import handled


def test_a_wrong_preference_is_named_with_its_line_and_the_others_still_apply(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[preferences]\ntheme = "nord"\nthink_time_seconds = 2\ncolour = "red"\n', encoding="utf-8")
    loaded = read_user_config(config)
    assert loaded.config.preferences is not None
    assert loaded.config.preferences.theme == "nord"
    assert loaded.config.preferences.think_time_seconds is None
    messages = loaded.messages()
    assert any("line 3" in m and "think_time_seconds" in m and "5" in m for m in messages), messages
    assert any("line 4" in m and "unknown preference 'colour'" in m for m in messages), messages


def test_think_time_as_text_is_refused_not_guessed(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[preferences]\nthink_time_seconds = "45"\n', encoding="utf-8")
    loaded = read_user_config(config)
    assert loaded.config.preferences is not None and loaded.config.preferences.think_time_seconds is None
    assert any("line 2" in m for m in loaded.messages())


async def test_a_new_client_starts_with_the_coachs_own_think_time(tmp_path: Path, store: PracticeStore) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[preferences]\nthink_time_seconds = 45\n", encoding="utf-8")
    app = AllianceApp(store, clock=lambda: FROZEN_NOW, cursor_blink=False, config_file=config)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ClientFormScreen())
        await handled(pilot)
        assert app.screen.query_one("#think_time_seconds", Input).value == "45"
