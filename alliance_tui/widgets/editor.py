"""The multi-line text field, honouring the app's cursor-blink setting like TextInput."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from ..models.text import pasted_text
from .inputs import blink_allowed


class TextEditor(TextArea):
    def on_mount(self) -> None:
        if not blink_allowed(self):
            self.cursor_blink = False

    async def _on_paste(self, event: events.Paste) -> None:
        """Pasted text is text: its lines kept, control bytes (ESC and the like) dropped."""
        event.prevent_default()
        event.stop()
        text = pasted_text(event.text, multiline=True)
        if text and not self.read_only:
            self.replace(text, *self.selection, maintain_selection_offset=False)
