"""The coach's theme is applied before the first paint and remembered across runs."""

from __future__ import annotations

from pathlib import Path

from alliance_tui.app import FALLBACK_THEME, AllianceApp
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, clock=lambda: FROZEN_NOW, cursor_blink=False)


async def test_theme_choice_survives_a_restart(data_dir: Path) -> None:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.theme = "textual-light"  # what the palette's theme picker does
            await pilot.pause()
            assert store.settings.theme == "textual-light"
    # The choice is on disk, not just in memory.
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as reopened:
        assert reopened.settings.theme == "textual-light"
        second = make_app(reopened)
        assert second.theme == "textual-light"  # before anything is painted
        async with second.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert second.theme == "textual-light"
            assert second.current_theme.dark is False


async def test_an_unknown_saved_theme_falls_back_quietly(store: PracticeStore) -> None:
    store.update_settings(theme="no-such-theme")
    app = make_app(store)
    assert app.theme == FALLBACK_THEME
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("no-such-theme" in n.message for n in app._notifications)
    # Falling back is not a choice the coach made: the saved name is left alone.
    assert store.settings.theme == "no-such-theme"


async def test_a_read_only_practice_keeps_the_theme_for_this_run(data_dir: Path) -> None:
    PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open().close()
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW, read_only=True) as store:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.theme = "nord"
            await pilot.pause()
            assert app.theme == "nord"
            assert any("not remembered" in (n.title or "").lower() for n in app._notifications)
