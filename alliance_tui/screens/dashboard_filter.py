"""Typing filters the client list by name, as any list picker does; ctrl+t shows or hides the archived.

A layer of its own so that what a typed key does on the list is in one place:
a name typed never starts a session or changes a record.
"""

from __future__ import annotations

from textual import events, on
from textual.widgets import Input

from .dashboard_core import DashboardCore


class DashboardFilter(DashboardCore):
    """The filter line and the archived clients: which rows the list shows."""

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_clients()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        """Typed characters filter the list while it keeps focus, so arrows, Enter and ctrl keys still act on it."""
        filter_input = self.query_one("#filter", Input)
        if self.focused is filter_input:
            if event.key in ("escape", "down", "up"):
                event.stop()
                event.prevent_default()
                if event.key == "escape":
                    filter_input.value = ""
                self.table.focus()
            return
        if self.focused is not self.table:
            return
        if event.is_printable and event.character:
            filter_input.value += event.character
        elif event.key == "backspace" and filter_input.value:
            filter_input.value = filter_input.value[:-1]
        elif event.key == "escape" and filter_input.value:
            filter_input.value = ""
        else:
            return
        event.stop()
        event.prevent_default()

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_clients()
