"""F1 lists every key of the screen underneath, grouped, and closes without changing anything."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import Static

from alliance_tui.app import AllianceApp
from alliance_tui.screens.help import HelpScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, cursor_blink=False)


def help_text(screen: HelpScreen) -> str:
    """The words on the help screen, as the coach would read them."""
    console = Console(width=100, record=True, file=io.StringIO())
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def test_help_lists_the_dashboard_keys_grouped(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        dashboard = app.screen
        own = [
            b.binding
            for b in dashboard.active_bindings.values()
            if b.node is dashboard and b.binding.id and not b.binding.system
        ]
        assert own, "the dashboard has keys of its own"
        await pilot.press("f1")
        await handled(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_text(help_screen)
        assert "This screen" in text and "Everywhere" in text
        for binding in own:
            assert binding.description in text
            assert binding.tooltip.split()[0] in text
        assert "f1" in text and "Help" in text and "ctrl+q" in text
        assert text.index("This screen") < text.index("Everywhere")
        # F1 again (or escape) goes back to the very same screen.
        await pilot.press("f1")
        await handled(pilot)
        assert app.screen is dashboard
        await pilot.press("f1")
        await handled(pilot)
        await pilot.press("escape")
        await handled(pilot)
        assert app.screen is dashboard


async def test_help_scrolls_at_80x24(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        await pilot.press("f1")
        await handled(pilot)
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert body.has_focus
        assert body.max_scroll_y > 0, "more keys than fit: the list scrolls"
        await pilot.press("end")
        await handled(pilot)
        assert body.scroll_y == body.max_scroll_y
        assert body.region.width <= 80


async def test_help_marks_keys_that_do_nothing_right_now_in_words(demo_store: PracticeStore) -> None:
    from alliance_tui.commands import screen_actions

    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        actions = screen_actions(app.screen)
        assert actions
        actions[0].enabled = False
        app.push_screen(HelpScreen(actions, "Dashboard"))
        await handled(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "(not available" in help_text(app.screen)


def test_help_snapshot(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=(120, 36), press=["f1"])


def test_help_snapshot_light_theme_80x24(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    demo_store.update_settings(theme="textual-light")
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=(80, 24), press=["f1"])


async def test_a_click_outside_the_list_closes_help_and_inside_does_not(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        dashboard = app.screen
        await pilot.press("f1")
        await handled(pilot)
        await pilot.click("#help-body", offset=(10, 5))
        await handled(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.click(offset=(0, 20))  # the dimmed margin beside the list
        await handled(pilot)
        assert app.screen is dashboard
