"""The multi-line text field, honouring the app's cursor-blink setting like TextInput."""

from __future__ import annotations

from textual.widgets import TextArea

from .inputs import blink_allowed


class TextEditor(TextArea):
    def on_mount(self) -> None:
        if not blink_allowed(self):
            self.cursor_blink = False
