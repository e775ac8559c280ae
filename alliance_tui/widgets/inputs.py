"""Input widgets that honour the app's cursor-blink setting.

Snapshot tests turn blinking off so that a screenshot never catches the cursor
half-way through a blink; every text field in the app uses these classes.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea


def _blink_allowed(widget: Input | TextArea) -> bool:
    return bool(getattr(widget.app, "cursor_blink", True))


class TextInput(Input):
    def on_mount(self) -> None:
        if not _blink_allowed(self):
            self.cursor_blink = False


class TextEditor(TextArea):
    def on_mount(self) -> None:
        if not _blink_allowed(self):
            self.cursor_blink = False
