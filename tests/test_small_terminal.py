"""Below 60x20 every screen gives way to one clear 'please enlarge' message, and comes back intact."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.screen import Screen
from textual.widgets import Input, Static

from alliance_tui.app import AllianceApp
from alliance_tui.commands import screen_actions
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.screens.client_form import ClientFormScreen
from alliance_tui.screens.end_session import EndSessionConfirm
from alliance_tui.screens.erase import EraseClientScreen
from alliance_tui.screens.help import HelpScreen
from alliance_tui.screens.history import AllianceHistoryScreen
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.screens.search import SearchScreen
from alliance_tui.screens.session import SessionScreen
from alliance_tui.screens.session_summary import SessionSummaryScreen
from alliance_tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 1.0, cursor_blink=False)


def notice_text(app: AllianceApp) -> str:
    assert isinstance(app.screen, TooSmallScreen)
    return " ".join(str(app.screen.query_one("#enlarge", Static).render()).split())


SCREENS: dict[str, Callable[[str, AllianceApp], Screen[object]]] = {
    "review": lambda cid, app: ClientReviewScreen(cid),
    "history": lambda cid, app: AllianceHistoryScreen(cid),
    "editor": lambda cid, app: AllianceEditorScreen(cid),
    "search": lambda cid, app: SearchScreen(),
    "client form": lambda cid, app: ClientFormScreen(cid),
    "erase": lambda cid, app: EraseClientScreen(cid),
    "session": lambda cid, app: SessionScreen(cid),
    "end session": lambda cid, app: EndSessionConfirm("Sofia", 8),
    "summary": lambda cid, app: SessionSummaryScreen(cid, 7),
    "help": lambda cid, app: HelpScreen(screen_actions(app.screen), screen_title="Dashboard"),
}


async def test_starting_in_a_small_terminal_says_so(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(50, 16)) as pilot:
        await handled(pilot)
        text = notice_text(app)
        assert "Please enlarge the terminal" in text
        assert f"at least {MIN_WIDTH}×{MIN_HEIGHT}" in text and "this one is 50×16" in text
        await pilot.resize_terminal(55, 18)
        await handled(pilot)
        assert "this one is 55×18" in notice_text(app)
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)  # the smallest usable size works
        await handled(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_gives_way_and_comes_back(demo_store: PracticeStore, name: str) -> None:
    app = make_app(demo_store)
    sofia = demo_store.find_client("Sofia Lindqvist")
    assert sofia is not None
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SCREENS[name](sofia.id, app)
        await app.push_screen(screen)
        await handled(pilot)
        typed = next((box for box in screen.query(Input) if box.display), None)
        if typed is not None:
            typed.value = "kept [bold]as typed[/]"
        for width, height in ((MIN_WIDTH - 1, 40), (120, MIN_HEIGHT - 1)):
            await pilot.resize_terminal(width, height)
            await handled(pilot)
            assert "Please enlarge the terminal" in notice_text(app), (width, height)
            await pilot.press("x", "enter")  # keys typed meanwhile go nowhere
            assert app.is_running and app.return_code is None
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await handled(pilot)
        assert app.screen is screen
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)
        if typed is not None:
            assert typed.value == "kept [bold]as typed[/]"


async def test_help_waits_until_the_terminal_is_large_enough(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(50, 16)) as pilot:
        await handled(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("f1")
        await handled(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await handled(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        await pilot.press("f1")
        await handled(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_a_screen_opened_over_the_notice_does_not_leave_it_behind(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(50, 16)) as pilot:
        await handled(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await app.push_screen(SearchScreen())  # e.g. something opened from the palette
        await pilot.resize_terminal(100, 30)
        await handled(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await handled(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
