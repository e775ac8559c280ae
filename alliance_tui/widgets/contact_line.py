"""The contact line: a contact between sessions logged in two keys and its words, inline.

It opens under the list (dashboard) or the review's head, says before Enter
what Enter will write (channel, who started it, private or shared) and, after
a save, what was written. It writes nothing itself: Enter posts Submitted and
the screen saves through the store, then calls confirm() or refuse().
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from ..models.contact_words import describe_line, next_channel
from ..models.kinds import Channel, StartedBy
from .inputs import TextInput

HINT = "what was asked or said · Tab: channel · shift+Tab: who started it · ctrl+s: shared · Enter saves · Esc closes"


class ContactLine(Vertical):
    DEFAULT_CSS = """
    ContactLine {
        height: auto;
        display: none;
        padding: 0 1;
    }
    ContactLine.-open {
        display: block;
    }
    ContactLine #contact-state {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    ContactLine #contact-state.-refused {
        color: $error;
    }
    """

    BINDINGS = [
        Binding(
            "tab",
            "channel",
            "Channel",
            id="contact.channel",
            tooltip="The next channel for this contact: message, email, call, portal, other",
        ),
        Binding(
            "shift+tab",
            "who",
            "Who started it",
            id="contact.who",
            tooltip="Started by the client, or by you",
        ),
        Binding(
            "ctrl+s",
            "shared",
            "Shared / private",
            id="contact.shared",
            tooltip="Mark this contact shared with the client, or private again",
        ),
        Binding("escape", "close", "Close", id="contact.close", tooltip="Close the contact line; nothing is written"),
    ]

    @dataclass
    class Submitted(Message):
        """Enter with words in the line: the screen saves it (and then confirms or refuses)."""

        client_id: str
        note: str
        channel: Channel
        started_by: StartedBy
        private: bool

    class Closed(Message):
        """Esc: the line is closed; the screen puts the focus back where it was."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.client_id = ""
        self.client_name = ""
        self.channel = Channel.MESSAGE
        self.started_by = StartedBy.CLIENT
        self.private = True

    def compose(self) -> ComposeResult:
        yield Static(id="contact-state")
        yield TextInput(placeholder=HINT, id="contact-input", select_on_focus=False)

    @property
    def input(self) -> TextInput:
        return self.query_one("#contact-input", TextInput)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open_for(self, client_id: str, name: str) -> None:
        """Open for this client (the words typed so far stay if it is the same client)."""
        if client_id != self.client_id:
            self.input.value = ""
            self.channel, self.started_by, self.private = Channel.MESSAGE, StartedBy.CLIENT, True
        self.client_id, self.client_name = client_id, name
        self.add_class("-open")
        self._show_state()
        self.input.focus()

    def _show_state(self, message: str = "", *, refused: bool = False) -> None:
        state = self.query_one("#contact-state", Static)
        line = Text()
        if message:
            line.append(message + "\n")
        line.append(describe_line(self.channel, self.started_by, self.private) + " · ", style="bold")
        line.append(self.client_name)
        state.update(line)
        state.set_class(refused, "-refused")

    def action_channel(self) -> None:
        self.channel = next_channel(self.channel)
        self._show_state()

    def action_who(self) -> None:
        self.started_by = StartedBy.COACH if self.started_by is StartedBy.CLIENT else StartedBy.CLIENT
        self._show_state()

    def action_shared(self) -> None:
        self.private = not self.private
        self._show_state()

    def action_close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())

    @on(Input.Submitted, "#contact-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self._show_state("Type what was asked or said, then Enter (Esc closes).")
            return
        self.post_message(self.Submitted(self.client_id, event.value, self.channel, self.started_by, self.private))

    def confirm(self, message: str) -> None:
        """Saved: the words go, the line stays open for another, and says what was written."""
        self.input.value = ""
        self.channel, self.started_by, self.private = Channel.MESSAGE, StartedBy.CLIENT, True
        self._show_state(message)

    def refuse(self, message: str) -> None:
        """Not saved: the words stay, and the reason shows in place of the state."""
        self._show_state(message, refused=True)

    def say(self, message: str) -> None:
        self._show_state(message)
