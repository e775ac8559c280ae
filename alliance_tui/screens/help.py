"""F1: every key of the screen underneath, what it does and why, grouped by where it works.

Built from the live bindings (after the coach's keymap), so it can never list a
key that does something else. It is a screen the coach asked for; escape or F1
closes it and leaves the screen underneath exactly as it was.
"""

from __future__ import annotations

import re
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from ..commands.bindings import ScreenAction, grouped, screen_actions
from ..widgets.footer import KeyFooter
from .too_small import TooSmallScreen


def toggle_help(app: App[Any]) -> None:
    """F1 shows the keys of the screen in view, and F1 on the help closes it again."""
    if isinstance(app.screen, HelpScreen):
        app.screen.dismiss(None)
        return
    if isinstance(app.screen, TooSmallScreen):
        return  # the notice is all that fits; help would be a broken layout
    app.push_screen(HelpScreen(screen_actions(app.screen), screen_title=screen_label(app.screen)))


def screen_label(screen: DOMNode) -> str:
    """'ClientReviewScreen' -> 'Client review', for titles the coach reads."""
    name = type(screen).__name__.removesuffix("Screen")
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name) or [name]
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def _table(actions: list[ScreenAction]) -> Table:
    table = Table(box=None, expand=True, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("Key", style="bold", width=12)
    table.add_column("Action", width=22)
    table.add_column("Why", ratio=1)
    seen: set[tuple[str, str, str, bool]] = set()
    for action in actions:
        row = (
            action.key_label,
            action.description,
            action.tooltip,
            action.enabled and not action.hidden_by_typing and not action.key_taken,
        )
        if row in seen:  # e.g. nine "1-9 Ask prompt" bindings read as one line
            continue
        seen.add(row)
        description = Text(action.description)
        if action.key_taken:
            description.append(" (key given to another action: use ctrl+p)", style="italic")
        elif not action.enabled:
            description.append(" (not available now)", style="italic")
        elif action.hidden_by_typing:
            description.append(" (not while typing)", style="italic")
        table.add_row(Text(action.key_label), description, Text(action.tooltip, style="italic"))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys of the screen below; a snapshot taken when F1 was pressed."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Close help",
            id="help.close",
            tooltip="Go back to where you were; nothing there has changed",
        ),
    ]

    def __init__(self, actions: list[ScreenAction], screen_title: str = "") -> None:
        super().__init__()
        self.actions = actions
        self.screen_title = screen_title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys" + (f" on {self.screen_title}" if self.screen_title else "")
            body.border_subtitle = "esc closes · ↑↓ scroll"
            groups = grouped(self.actions)
            if not groups:
                yield Static("This screen has no keys of its own.", classes="help-empty")
            for name, actions in groups.items():
                yield Static(Text(name), classes="help-group")
                yield Static(_table(actions), classes="help-table")
            yield Static(
                Text(
                    "Every action is also in the command palette (ctrl+p). "
                    "Keys can be changed in the config file: 'alliance-tui config sample' prints one with every "
                    "action id, 'alliance-tui config check' checks yours, 'alliance-tui config path' says where it is."
                ),
                classes="help-note",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()

    def on_click(self, event: events.Click) -> None:
        """A click outside the list closes it, as a coach using the mouse would expect."""
        if event.widget is self:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
