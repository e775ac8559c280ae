"""Input widgets that honour the app's cursor-blink setting.

Snapshot tests turn blinking off so that a screenshot never catches the cursor
half-way through a blink; every text field in the app uses these classes (the
multi-line one is in editor.py: TextArea's modules stay out of start-up).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from ..models.text import pasted_text


def blink_allowed(widget: Widget) -> bool:
    return bool(getattr(widget.app, "cursor_blink", True))


class TextInput(Input):
    def __init__(self, *args: Any, compact: bool = False, **kwargs: Any) -> None:
        """A compact field is made compact before anything styles it.

        `Input(compact=True)` adds its class from the constructor, and a class
        change restyles the unmounted field against the whole stylesheet (about
        1 ms a field) just before mounting styles it again; here the class is
        given without that pass, as `classes=` would be.
        """
        super().__init__(*args, **kwargs)
        if compact:
            self.set_reactive(Input.compact, True)
            self.add_class("-textual-compact", update=False)

    def on_mount(self) -> None:
        if not blink_allowed(self):
            self.cursor_blink = False

    def _on_paste(self, event: events.Paste) -> None:
        """Pasted text is text: control bytes dropped, several lines kept joined (Input alone keeps the first)."""
        text = pasted_text(event.text, multiline=False)
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.prevent_default()  # not Input's own paste as well
        event.stop()
