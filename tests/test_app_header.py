"""A screen left within a frame of opening never stops the app over its title bar."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from alliance_tui.widgets.app_header import AppHeader

from .waits import settled


class Titled(Screen[None]):
    def __init__(self, header: Header) -> None:
        super().__init__()
        self.header = header

    def compose(self) -> ComposeResult:
        yield self.header


async def title_after_the_header_is_taken_apart(header: Header) -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        screen = Titled(header)
        await app.push_screen(screen)
        await settled(pilot)
        await header.remove_children()  # what leaving the screen does, before Header's queued title arrives
        screen.sub_title = "a client's name"
        await settled(pilot)


async def test_textual_header_alone_stops_the_app() -> None:
    """The race this header guards against is real in the pinned Textual: if this passes, AppHeader can go."""
    try:
        await title_after_the_header_is_taken_apart(Header())
    except Exception as exc:  # run_test re-raises what stopped the app
        assert "HeaderTitle" in str(exc)
    else:
        raise AssertionError("Textual's Header no longer fails here: AppHeader can be retired")


async def test_app_header_lets_the_title_go_nowhere() -> None:
    await title_after_the_header_is_taken_apart(AppHeader())
