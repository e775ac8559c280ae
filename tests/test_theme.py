"""The coach's theme is applied before the first paint and remembered across runs, in the coach's config file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from alliance_tui.app import FALLBACK_THEME, AllianceApp
from alliance_tui.store import PracticeStore
from alliance_tui.store.config_file import config_path

from .conftest import FROZEN_NOW
from .waits import handled, toast_saying


def make_app(store: PracticeStore, config: Path | None = None) -> AllianceApp:
    return AllianceApp(store, clock=lambda: FROZEN_NOW, cursor_blink=False, config_file=config)


async def test_theme_choice_survives_a_restart_in_the_config_file(data_dir: Path) -> None:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        app = make_app(store)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await handled(pilot)
            app.theme = "textual-light"  # what the palette's theme picker does
            await handled(pilot)
    # The choice is on disk with the coach's settings, not in the practice.
    saved = tomllib.loads(config_path().read_text(encoding="utf-8"))
    assert saved["preferences"]["theme"] == "textual-light"
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as reopened:
        second = make_app(reopened)
        assert second.theme == "textual-light"  # before anything is painted
        async with second.run_test(size=(100, 30)) as pilot:
            await handled(pilot)
            assert second.theme == "textual-light"
            assert second.current_theme.dark is False


async def test_the_theme_follows_the_coach_to_another_practice(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"app.help" = "f1"   # mine\n\n[preferences]\ntheme = "nord"\n', encoding="utf-8")
    with PracticeStore(tmp_path / "other", clock=lambda: FROZEN_NOW) as store:
        app = make_app(store, config)
        assert app.theme == "nord"
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            app.theme = "gruvbox"
            await handled(pilot)
    text = config.read_text(encoding="utf-8")
    assert '"app.help" = "f1"   # mine' in text  # the coach's own lines and comments are kept
    assert tomllib.loads(text)["preferences"] == {"theme": "gruvbox"}


async def test_a_theme_saved_in_an_older_practice_is_still_honoured(store: PracticeStore) -> None:
    store.update_settings(theme="nord")
    assert make_app(store).theme == "nord"


async def test_an_unknown_saved_theme_falls_back_quietly(
    tmp_path: Path, store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[preferences]\ntheme = "no-such-theme"\n', encoding="utf-8")
    app = make_app(store, config)
    assert app.theme == FALLBACK_THEME
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await toast_saying(pilot, "no-such-theme")
    # Falling back is not a choice the coach made: the saved name is left alone.
    assert 'theme = "no-such-theme"' in config.read_text(encoding="utf-8")


async def test_a_full_disk_keeps_the_theme_for_this_run_and_says_so(
    tmp_path: Path, store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from alliance_tui.store import atomic

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    config = tmp_path / "config.toml"
    config.write_text("[preferences]\n", encoding="utf-8")
    app = make_app(store, config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await handled(pilot)
        monkeypatch.setattr(atomic, "atomic_write_bytes", full)
        app.theme = "nord"
        assert "the disk is full" in await toast_saying(pilot, "Theme not remembered")
        assert app.theme == "nord"
    assert config.read_text(encoding="utf-8") == "[preferences]\n"


async def test_a_config_file_broken_by_hand_is_never_rewritten(
    tmp_path: Path, store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[keys\nbroken", encoding="utf-8")
    app = make_app(store, config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.theme = "nord"
        await toast_saying(pilot, "config check")
    assert config.read_text(encoding="utf-8") == "[keys\nbroken"
