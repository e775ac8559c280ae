"""The command palette: every key's action, every client by part of a name, every theme."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled, settled


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, cursor_blink=False)


async def search(pilot: Pilot[None], query: str) -> list[str]:
    """Open the palette, type `query`, and return the command texts it offers."""
    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
        await handled(pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await settled(pilot)  # the palette gathers its hits in a worker, then lists them
    return [str(option.hit.text) for option in app.screen.query_one(CommandList).options]  # type: ignore[attr-defined]


async def choose(pilot: Pilot[None], text: str) -> None:
    """Move the highlight to `text` with the arrow keys and press enter, as a coach would."""
    command_list = pilot.app.screen.query_one(CommandList)
    texts = [str(option.hit.text) for option in command_list.options]  # type: ignore[attr-defined]
    target = texts.index(text)
    while command_list.highlighted != target:
        await pilot.press("down" if (command_list.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await handled(pilot)
    await handled(pilot)


async def test_clients_are_found_by_part_of_their_name(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    opened: list[tuple[str, str]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        app.open_session = lambda client_id: opened.append(("session", client_id))  # type: ignore[method-assign]
        texts = await search(pilot, "dan rey")
        assert texts[0] == "Start session with Daniel Reyes" or texts[0] == "Review Daniel Reyes"
        assert {"Start session with Daniel Reyes", "Review Daniel Reyes"} <= set(texts)
        assert not any("Maya" in t for t in texts)
        await choose(pilot, "Start session with Daniel Reyes")
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    assert opened == [("session", daniel.id)]


async def test_review_command_opens_the_client_review(demo_store: PracticeStore) -> None:
    pytest.importorskip("alliance_tui.screens.review")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        texts = await search(pilot, "review priya")
        assert texts[0] == "Review Priya Natarajan"
        await choose(pilot, "Review Priya Natarajan")
        assert type(app.screen).__name__ == "ClientReviewScreen"
        priya = demo_store.find_client("Priya Natarajan")
        assert priya is not None and getattr(app.screen, "client_id", None) == priya.id


async def test_archived_clients_can_be_reviewed_but_not_started(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        texts = await search(pilot, "tom beck")
        assert "Review Tom Becker (archived)" in texts
        assert "Start session with Tom Becker" not in texts


async def test_client_names_are_never_read_as_markup(store: PracticeStore) -> None:
    store.add_client("[bold]Ana[/] [red]x")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        texts = await search(pilot, "ana")
        assert "Start session with [bold]Ana[/] [red]x" in texts
        rendered = " ".join(str(o.prompt) for o in app.screen.query_one(CommandList).options)
        assert "[bold]Ana[/] [red]x" in rendered


async def test_dashboard_keys_are_palette_commands(demo_store: PracticeStore) -> None:
    from alliance_tui.commands import ScreenActionCommands
    from alliance_tui.config.keymap import declared_bindings

    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        dashboard = app.screen
        # Every key the dashboard declares (even one a focused widget shadows) and the app's help.
        declared = {b.description for _, b in declared_bindings([type(dashboard)]) if b.id}
        assert len(declared) >= 3
        offered = {text for text, _, _ in ScreenActionCommands(dashboard).commands()}
        assert declared | {"Help"} <= offered
        assert "Quit" not in offered  # Textual's system commands already offer it
        # And running one through the palette runs the real action: Help.
        await search(pilot, "help")
        await choose(pilot, "Help")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_session_keys_stay_in_the_palette_while_typing(demo_store: PracticeStore) -> None:
    pytest.importorskip("alliance_tui.screens.session")
    from textual.widgets import Input

    from alliance_tui.commands import ScreenActionCommands

    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        app.open_session(daniel.id)
        await handled(pilot)
        session = app.screen
        inputs = list(session.query(Input))
        assert inputs, "the session screen has a quick-log field"
        inputs[-1].focus()
        await handled(pilot)
        offered = {text for text, _, _ in ScreenActionCommands(session).commands()}
        session_keys = {b.description for b in type(session).BINDINGS if hasattr(b, "description") and b.description}
        # Keys a text field swallows (a, c, t...) are still actions in the palette.
        missing = {d for d in session_keys if not any(t == d or t.startswith(f"{d} (") for t in offered)}
        assert not missing
        assert {"Questions", "Check-in", "Undo"} <= offered


async def test_theme_commands_switch_and_the_system_theme_picker_exists(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        texts = await search(pilot, "theme")
        assert "Theme" in texts  # Textual's own picker
        await pilot.press("escape")
        await handled(pilot)
        texts = await search(pilot, "nord")
        assert "Theme: nord" in texts
        await choose(pilot, "Theme: nord")
        assert app.theme == "nord"
