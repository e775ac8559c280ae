"""The lock screen: an encrypted practice opens, and opens again after an idle lock, with its passphrase.

It covers everything: the screens beneath stay as the coach left them (a
session's typed words, a running pause clock) and come back as they were.
The passphrase is checked off the screen's thread (scrypt takes a moment), a
wrong one is said plainly in place, and nothing ever beeps. On the very first
screen the coach may ask for the key to be remembered in the OS keyring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from ..widgets.inputs import TextInput

if TYPE_CHECKING:
    from ..store.crypto.header import Header

Unlocked = tuple[bytes, bool]  # the data key, and whether the coach asked to remember it


class LockScreen(Screen[Unlocked]):
    """Dismissed with the data key once the passphrase typed is the practice's."""

    CSS_PATH = "lock.tcss"
    AUTO_FOCUS = "#passphrase"
    locks_practice = True  # the app keeps its palette closed over this screen
    BINDINGS = [
        Binding(
            "escape",
            "clear",
            "Clear",
            id="lock.clear",
            tooltip="Clear what was typed in the passphrase field",
        ),
    ]

    def __init__(self, header: Header, where: str, *, relock: bool = False, offer_keyring: bool = False) -> None:
        super().__init__()
        self.header = header
        self.where = where
        self.relock = relock
        self.offer_keyring = offer_keyring

    def compose(self) -> ComposeResult:
        title = "Locked after a while idle" if self.relock else "This practice is encrypted"
        with Vertical(id="lock-box"):
            yield Static(Text(title, style="bold"), id="lock-title")
            yield Static(Text(f"Type the passphrase of {self.where}."), id="lock-where")
            if not self.relock:
                forgot = "Forgotten? 'alliance-tui passphrase --recovery-key-file FILE' sets a new one."
                yield Static(Text(forgot, style="dim"), id="lock-forgot")
            yield TextInput(password=True, id="passphrase", placeholder="passphrase")
            if self.offer_keyring:
                yield Checkbox("Remember it in this computer's keyring", id="remember")
            yield Static("", id="lock-message")
            yield Static(Text("Enter unlocks · Esc clears · ctrl+q quits", style="dim"), id="lock-keys")

    def action_clear(self) -> None:
        self.query_one("#passphrase", Input).value = ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value
        if not typed:
            self._say("Type the passphrase, then Enter.")
            return
        event.input.value = ""
        self._say("Checking…")
        self._check(typed)

    def _say(self, message: str) -> None:
        self.query_one("#lock-message", Static).update(Text(message))

    @work(thread=True, exclusive=True, group="unlock")
    def _check(self, typed: str) -> None:
        from ..store.crypto.header import Locked

        try:
            key = self.header.unwrap(typed)
        except Locked:
            self.app.call_from_thread(self._say, "That is not the passphrase. Try again.")
            return
        remember = self.offer_keyring and self.query_one("#remember", Checkbox).value
        self.app.call_from_thread(self.dismiss, (key, remember))


class UnlockApp(App[Unlocked | None]):
    """The first screen of an encrypted practice, before the practice is read at all."""

    TITLE = "Alliance TUI"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="unlock.quit", tooltip="Leave without opening the practice"),
    ]

    def __init__(self, header: Header, where: str, *, offer_keyring: bool, cursor_blink: bool = True) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink  # off in snapshot tests (widgets/inputs.py)
        self.header = header
        self.where = where
        self.offer_keyring = offer_keyring

    def bell(self) -> None:
        """Silent, as the app is."""

    def on_mount(self) -> None:
        self.push_screen(LockScreen(self.header, self.where, offer_keyring=self.offer_keyring), self._unlocked)

    def _unlocked(self, result: Any) -> None:
        self.exit(result)
