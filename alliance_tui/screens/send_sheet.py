"""The review's sending sheet: what can be written for the client, each saying what it writes, Enter to write one.

Nothing is written by opening it or by typing on it: the coach picks with the
arrows and writes with Enter, and Esc closes it having written nothing. The
review does the writing (`ReviewSending`), and a toast says where it went.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class Sendable:
    """One page the review can write: the action that writes it, its name, and what goes into it."""

    action: str
    name: str
    what: str


class SendSheet(ModalScreen[str | None]):
    CSS_PATH = "send_sheet.tcss"

    BINDINGS = [
        Binding(
            "enter",
            "write",
            "Write it",
            id="send.write",
            tooltip="Write the highlighted page to the client's exports folder and copy it",
        ),
        Binding("escape", "close", "Close", id="send.close", tooltip="Back to the review; nothing is written"),
    ]

    def __init__(self, client_name: str, folder: str, pages: list[Sendable]) -> None:
        super().__init__()
        self.client_name = client_name
        self.folder = folder
        self.pages = pages

    def compose(self) -> ComposeResult:
        with Vertical(id="send-dialog"):
            yield Static(Text(f"Send to {self.client_name}", style="bold"))
            options = []
            for page in self.pages:
                label = Text(page.name, style="bold")
                label.append(f"\n{page.what}", style="dim")
                options.append(Option(label, id=page.action))
            yield OptionList(*options, id="send-pages")
            hint = Text(f"Saved in {self.folder} and copied to the clipboard. ")
            hint.append("↑↓ picks · Enter writes it · Esc closes, nothing written", style="dim")
            yield Static(hint, id="send-hint")

    def on_mount(self) -> None:
        pages = self.query_one("#send-pages", OptionList)
        pages.highlighted = 0
        pages.focus()

    def action_write(self) -> None:
        pages = self.query_one("#send-pages", OptionList)
        if pages.highlighted is None:
            return
        self.dismiss(self.pages[pages.highlighted].action)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a page writes it, as Enter does."""
        event.stop()
        self.dismiss(self.pages[event.option_index].action)

    def action_close(self) -> None:
        self.dismiss(None)
