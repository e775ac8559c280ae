"""What the coach would read on screen, as plain text, for UI tests."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget

from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW


def widget_text(widget: Widget) -> str:
    """Every line a widget draws, including the parts scrolled out of view."""
    width, height = widget.outer_size
    if not width or not height:
        return ""
    return "\n".join(strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app: App[object], selector: str = "Static, ClientList, OptionList, ResultList") -> str:
    return "\n".join(widget_text(w) for w in app.screen.query(selector) if w.display)


def plain_text(renderable: RenderableType) -> str:
    """A renderable (Text, or a grid of Texts) as plain lines, wide enough not to wrap."""
    if isinstance(renderable, str):
        return renderable
    console = Console(width=400, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def make_app(store: PracticeStore) -> AllianceApp:
    """The app on the demo practice, with wall time and the pause clock frozen."""
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


def run_palette_command(app: App[object], title: str) -> None:
    """One of the palette's app-wide commands, run as choosing it in the palette would."""
    (command,) = [c for c in app.get_system_commands(app.screen) if c.title == title]
    command.callback()
