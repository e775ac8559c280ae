"""Lines and fields a pane shows only now and then, mounted the first time they are needed.

A session screen opens with every pane's message line and answer field
hidden; each hidden widget still had to be mounted and styled on every
opening. A pane asks for one of these when it has something to show.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

W = TypeVar("W", bound=Widget)


def child(parent: Widget, widget_id: str, kind: type[W]) -> W | None:
    """The parent's child with this id, if it has been mounted."""
    for found in parent.query_children(f"#{widget_id}").results(kind):
        return found
    return None


def mount_hidden(parent: Widget, widget: W, *, before: str | None = None, after: str | None = None) -> W:
    """Mount `widget` hidden in `parent`, before the first of `before` it has, or else after `after`."""
    widget.display = False
    for selector in (before or "").split(","):
        selector = selector.strip()
        if selector and parent.query_children(selector):
            parent.mount(widget, before=selector)
            return widget
    if after:
        parent.mount(widget, after=after)
    else:
        parent.mount(widget)
    return widget


def say(parent: Widget, widget_id: str, message: str, *, before: str | None = None) -> None:
    """Show `message` in the parent's message line (hidden when empty), mounting the line on first use."""
    line = child(parent, widget_id, Static)
    if line is None:
        if not message:
            return
        line = mount_hidden(parent, Static(id=widget_id, markup=False), before=before)
    line.update(Text(message))
    line.display = bool(message)
