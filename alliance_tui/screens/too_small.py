"""Below the smallest usable size, one clear message instead of a broken layout.

The notice covers whatever screen is open; nothing under it stops or closes, so
a running pause clock keeps its time and a half-typed note stays in its field.
It goes away by itself as soon as the terminal is large enough again.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 20


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


def enlarge_message(size: Size) -> Text:
    return Text.assemble(
        ("Please enlarge the terminal\n\n", "bold"),
        f"Alliance TUI needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {size.width}×{size.height}.\n\n",
        ("Everything is saved and keeps running underneath.", "dim"),
    )


class TooSmallScreen(Screen[None]):
    """Shown by the app whenever the terminal shrinks below MIN_WIDTH x MIN_HEIGHT."""

    CSS_PATH = "too_small.tcss"
    AUTO_FOCUS = None

    # The one in-call action that must not wait for a larger terminal: the client
    # is thinking in silence, and the coach stops the clock when they speak.
    BINDINGS = [
        Binding(
            "ctrl+t",
            "pause_underneath",
            "Think time",
            id="too_small.pause",
            tooltip="Start or stop the pause clock of the session under this notice",
        ),
    ]

    def action_pause_underneath(self) -> None:
        stack = self.app.screen_stack
        if len(stack) > 1:
            below = stack[-2]
            if hasattr(below, "action_toggle_pause"):
                below.action_toggle_pause()

    def compose(self) -> ComposeResult:
        yield Static(enlarge_message(self.app.size), id="enlarge")

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#enlarge", Static).update(enlarge_message(event.size))

    def on_screen_resume(self) -> None:
        """Back on top after something opened over it (help): the terminal may be large again."""
        if not too_small(self.app.size):
            self.dismiss(None)


def guard_size(app: App[Any], size: Size | None = None) -> None:
    """Put the notice up, or take it down, to match the terminal's size (now, or as resized to)."""
    size = size or app.size
    if len(app.screen_stack) < 2:
        return  # starting up: the app's first screen is not there yet
    notice = app.screen if isinstance(app.screen, TooSmallScreen) else None
    if too_small(size):
        if notice is None and not any(isinstance(s, TooSmallScreen) for s in app.screen_stack):
            app.push_screen(TooSmallScreen())
    elif notice is not None:
        app.pop_screen()
