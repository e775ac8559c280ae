"""The one question the coach asked for: end this session now?"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class EndSessionConfirm(ModalScreen[bool]):
    CSS_PATH = "end_session.tcss"

    BINDINGS = [
        Binding("y", "confirm", "End session", id="end.confirm", tooltip="Record the end time now"),
        Binding("n,escape", "cancel", "Keep going", id="end.cancel", tooltip="Back to the session; nothing changes"),
    ]

    def __init__(self, client_name: str, number: int) -> None:
        super().__init__()
        self.client_name = client_name
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical(id="end-dialog"):
            yield Static(Text(f"End session {self.number} with {self.client_name}?", style="bold"))
            yield Static("The end time is recorded and the summary opens.")
            with Horizontal(id="end-buttons"):
                yield Button("End session (y)", id="end-yes", variant="warning")
                yield Button("Keep going (n)", id="end-no")

    def on_mount(self) -> None:
        self.query_one("#end-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "end-yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
