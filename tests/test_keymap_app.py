"""Remapping keys from the config file, in the running app; a bad entry never stops the rest."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot

from alliance_tui.app import AllianceApp
from alliance_tui.commands.app_wide import create_config_file
from alliance_tui.config import binding_catalogue, key_name_problem, normalize_key, resolve_keymap, sample_config
from alliance_tui.models.config import build_user_config
from alliance_tui.screens.help import HelpScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .screen_text import run_palette_command
from .waits import handled, toast_saying, toasts


def make_app(store: PracticeStore, config: Path) -> AllianceApp:
    return AllianceApp(store, clock=lambda: FROZEN_NOW, cursor_blink=False, config_file=config)


async def told(pilot: Pilot[None], words: str) -> list[str]:
    """Wait for a notification on screen with these words; every one that has them."""
    await toast_saying(pilot, words)
    return [text for text in toasts(pilot.app) if words in text]


async def test_remap_applies_and_bad_entries_are_reported(store: PracticeStore, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        "[keys]\n"
        'app.help = "f2"\n'
        'dashbord.sesion = "x"\n'
        'app.quit = "ctrl+nonsense"\n'
        '"app.command_palette" = "ctrl+k, ctrl+p"\n',
        encoding="utf-8",
    )
    app = make_app(store, config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await handled(pilot)
        unknown = await told(pilot, "dashbord.sesion")
        assert len(unknown) == 1 and "line 3" in unknown[0] and "config.toml" in unknown[0]
        assert "unknown action id" in unknown[0]
        bad_key = await told(pilot, "ctrl+nonsense")
        assert len(bad_key) == 1 and "[keys] app.quit" in bad_key[0] and "line 4" in bad_key[0]
        # The good entries still apply.
        await pilot.press("f1")
        await handled(pilot)
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2")
        await handled(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = {a.key_label for a in app.screen.actions if a.action == "help"}
        assert keys == {"f2"}
        await pilot.press("escape")
        await handled(pilot)
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+k")
        await handled(pilot)
        assert type(app.screen).__name__ == "CommandPalette"


async def test_unparsable_config_still_opens_with_defaults(store: PracticeStore, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys\napp.help = "f2"\n', encoding="utf-8")
    app = make_app(store, config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await handled(pilot)
        (problem,) = await told(pilot, "config.toml")
        assert "line 1" in problem and "not valid TOML" in problem
        await pilot.press("f1")
        await handled(pilot)
        assert isinstance(app.screen, HelpScreen)


def test_key_names_are_checked_against_textual() -> None:
    for good in ("f2", "ctrl+p", "?", "escape", "space", "shift+tab", "ctrl+slash", "question_mark", "A", "pageup"):
        assert key_name_problem(good) is None, good
    for bad in ("ctrl+nonsense", "f99", "escap"):
        assert key_name_problem(bad) is not None, bad
    assert normalize_key("?") == "question_mark"
    assert normalize_key("Ctrl+/") == "ctrl+slash"


def test_every_declared_binding_is_remappable_and_described() -> None:
    from alliance_tui.config.keymap import declared_bindings

    declared = declared_bindings()
    assert declared, "the app declares bindings"
    missing = [
        f"{cls.__name__}: {b.key} -> {b.action}"
        for cls, b in declared
        if not b.system and not (b.id and b.description and b.tooltip)
    ]
    assert not missing, f"bindings without an id, a description or a tooltip: {missing}"
    ids = [b.id for _, b in declared if b.id]
    assert len(ids) == len(set(ids)), "binding ids are unique"


def test_sample_config_round_trips_without_problems() -> None:
    catalogue = binding_catalogue()
    assert {"app.help", "app.quit", "app.command_palette", "help.close"} <= set(catalogue)
    text = sample_config(catalogue)
    uncommented = "\n".join(
        line[2:].split("  #")[0] if line.startswith("# ") and " = " in line else line for line in text.splitlines()
    )
    data = tomllib.loads(uncommented)
    config, problems = build_user_config(data, uncommented.splitlines())
    assert problems == []
    result = resolve_keymap(config, catalogue)
    assert result.problems == []
    assert set(result.keymap) == set(catalogue)


def test_keys_that_work_while_typing_cannot_be_plain_characters() -> None:
    catalogue = binding_catalogue()
    assert catalogue["app.help"].priority
    config, _ = build_user_config({"keys": {"app.help": "?", "app.quit": "f4", "app.command_palette": "f3"}})
    result = resolve_keymap(config, catalogue)
    assert result.keymap == {"app.quit": "f4", "app.command_palette": "f3"}
    (problem,) = result.problems
    assert problem.entry == "[keys] app.help" and "while you type" in problem.message


async def test_the_palette_writes_a_sample_config_that_the_next_run_reads(store: PracticeStore, tmp_path: Path) -> None:
    from alliance_tui.store.config_file import read_user_config

    config = tmp_path / "conf" / "config.toml"
    app = make_app(store, config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await handled(pilot)
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys: create config file" in names and "Keys: config file" not in names
        run_palette_command(app, "Keys: create config file")
        await handled(pilot)
        await told(pilot, "Written to")
        assert "Keys: config file" in [c.title for c in app.get_system_commands(app.screen)]
        create_config_file(app)  # never overwrites the coach's file (the palette offers it no more)
        await handled(pilot)
        await told(pilot, "already exists")
    loaded = read_user_config(config)
    assert loaded.problems == () and loaded.config.keys == {}
    assert "app.help" in config.read_text(encoding="utf-8")
    assert (config.stat().st_mode & 0o777) == 0o600


async def test_a_clash_is_reported_once_and_the_displaced_action_stays_in_the_palette(
    demo_store: PracticeStore, tmp_path: Path
) -> None:
    from alliance_tui.commands import ScreenActionCommands, screen_actions

    config = tmp_path / "config.toml"
    config.write_text('[keys]\ndashboard.session = "ctrl+r"\n', encoding="utf-8")
    app = make_app(demo_store, config)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        await pilot.press("down")
        await handled(pilot)
        clashes = await told(pilot, "is also the key of")
        assert len(clashes) == 1 and "'History' (Dashboard)" in clashes[0] and "line 2" in clashes[0]
        actions = {a.description: a for a in screen_actions(app.screen)}
        assert actions["Session"].keys == ["ctrl+r"] and not actions["Session"].key_taken
        assert actions["History"].key_taken
        offered = {text for text, _, _ in ScreenActionCommands(app.screen).commands()}
        assert {"Session", "History"} <= offered


async def test_taking_a_textual_key_is_reported_once(store: PracticeStore, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\ndashboard.archived = "tab"\n', encoding="utf-8")
    app = make_app(store, config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await handled(pilot)
        for _ in range(3):
            await pilot.press("down")
        await handled(pilot)
        taken = await told(pilot, "replaced the key of")
        assert len(taken) == 1 and "Focus Next" in taken[0]
