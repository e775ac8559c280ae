"""The accountability check-in: each earlier commitment settled with one key, a note if wanted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..models.commitments import Commitment, CommitmentStatus
from .hanging import Hanging
from .in_place import in_place
from .inputs import TextInput
from .on_demand import child, mount_hidden, say

STATUS_KEYS = {
    "d": CommitmentStatus.DONE,
    "p": CommitmentStatus.PARTLY,
    "n": CommitmentStatus.NOT_DONE,
    "x": CommitmentStatus.DROPPED,
    "f": CommitmentStatus.CARRIED,
}

CHECKIN_HINT = "ctrl+y, then d done · p partly · n not done · x dropped · f carry · Shift+key adds a note"
CHECKIN_HINT_SHORT = "^y: d ✔  p ◐  n ✘  x –  f ↻  ⇧ + note"


@dataclass(frozen=True)
class AccountabilityView:
    to_check: tuple[Commitment, ...] = ()  # from earlier sessions: open, or checked in this session
    made_today: tuple[Commitment, ...] = ()
    session_number: int = 1
    today: date | None = None  # the coach's day, for "overdue"; None shows no overdue marks


def awaiting(c: Commitment, session_number: int) -> bool:
    """Still to be checked in this session (new, or carried forward from an earlier one)."""
    return c.checked_in_session != session_number or c.status is CommitmentStatus.OPEN


def commitment_line(c: Commitment, session_number: int, detail: str = "dim", today: date | None = None) -> Hanging:
    """One row; `detail` styles the secondary words (by when, how), never a colour alone.

    The status symbol has a column of its own, so wrapped words stay under the words.
    """
    checked = not awaiting(c, session_number)
    line = Text()
    if checked:
        line.append(f"{c.status.label}: ", style="bold")
    line.append(c.what)
    late = not checked and today is not None and c.overdue(today)
    if c.by_when:
        line.append(f"  (by {c.by_label(today)}", style=detail)
        if late:
            line.append(" · ", style=detail)
            line.append("overdue", style="bold italic")
        line.append(")", style=detail)
    if not checked and c.status is CommitmentStatus.CARRIED and c.checked_in_session:
        line.append(f"  carried from session {c.checked_in_session}", style="italic")
    if checked and c.checkin_note:
        line.append("\n")
        line.append(c.checkin_note, style="italic")
    elif not checked and c.how_accountable:
        line.append("\n")
        line.append(c.how_accountable, style=detail)
    return Hanging(Text(c.status.symbol, style="bold"), line, 1)


def made_today_text(view: AccountabilityView) -> Text:
    if not view.made_today:
        return Text("Made today: none yet (ctrl+n: what | by when | how)", style="dim")
    out = Text()
    out.append("Made today", style="bold")
    for c in view.made_today:
        out.append("\n ✚ ")
        out.append(c.what)
        if c.by_when:
            out.append(f"  (by {c.by_label(view.today)})", style="dim")
    return out


class AccountabilityPane(Vertical):
    BINDINGS = [
        Binding(
            "d", "check('d')", "Done", show=False, id="checkin.done", tooltip="Mark the highlighted commitment done"
        ),
        Binding("p", "check('p')", "Partly", show=False, id="checkin.partly", tooltip="Mark it partly done"),
        Binding("n", "check('n')", "Not done", show=False, id="checkin.not_done", tooltip="Mark it not done"),
        Binding("x", "check('x')", "Dropped", show=False, id="checkin.dropped", tooltip="Mark it dropped"),
        Binding(
            "f", "check('f')", "Carry fwd", show=False, id="checkin.carried", tooltip="Carry it forward to next time"
        ),
        *(
            Binding(
                key.upper(),
                f"check('{key}', True)",
                f"{status.label.capitalize()} + note",
                show=False,
                id=f"checkin.{status.value}_with_note",
                tooltip=f"Mark the highlighted commitment {status.label} and add a short note to it",
            )
            for key, status in STATUS_KEYS.items()
        ),
        Binding(
            "escape",
            "cancel_note",
            "Skip note",
            show=False,
            id="checkin.skip_note",
            tooltip="Close the note without saving it",
        ),
    ]

    @dataclass
    class CheckedIn(Message):
        commitment_id: str
        status: CommitmentStatus
        with_note: bool = False

    @dataclass
    class NoteGiven(Message):
        commitment_id: str
        note: str

    class NoteClosed(Message):
        """The note field closed without saving (Esc): the screen puts the coach back where they type."""

    view: reactive[AccountabilityView] = reactive(AccountabilityView, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._note_for: str | None = None
        self._drawn: AccountabilityView | None = None  # the view on screen: the same one again is not redrawn
        # The parts, kept rather than looked up: a view can come as they leave, and then there is nothing to find.
        self._commitments = OptionList(id="commitments")
        self._made_today = Static(id="made-today")

    def compose(self) -> ComposeResult:
        yield Static(CHECKIN_HINT, id="checkin-hint", markup=False)
        yield Static(CHECKIN_HINT_SHORT, id="checkin-hint-short", markup=False)
        yield self._commitments
        # The note field and the message line are mounted when first needed (_note_box, show_message).
        yield self._made_today

    def on_mount(self) -> None:
        self.watch_view(self.view)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw(self.view))

    @property
    def _drawable(self) -> bool:
        return in_place(self, self._commitments, self._made_today)

    @property
    def _detail_style(self) -> str:
        # An ANSI theme leaves "dim" to the terminal, which fades it to nothing on
        # the highlighted row; italic stays legible there.
        return "italic" if self.app.current_theme.ansi else "dim"

    def watch_view(self, view: AccountabilityView) -> None:
        if view is not self._drawn:
            self._draw(view)

    def _draw(self, view: AccountabilityView) -> None:
        if not self._drawable:
            return
        self._drawn = view
        options = self._commitments
        keep = options.highlighted
        options.clear_options()
        if view.to_check:
            options.add_options(
                Option(commitment_line(c, view.session_number, self._detail_style, view.today), id=c.id)
                for c in view.to_check
            )
            options.highlighted = min(keep or 0, len(view.to_check) - 1)
        else:
            options.add_option(Option(Text("Nothing to check in from earlier sessions", style="dim"), disabled=True))
        self._made_today.update(made_today_text(view))

    def focus_list(self) -> None:
        self.screen.set_focus(self._commitments)

    def _highlighted(self) -> Commitment | None:
        options = self._commitments
        if options.highlighted is None or not self.view.to_check:
            return None
        return self.view.to_check[options.highlighted]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("check", "note"):
            return self._note_for is None and self._highlighted() is not None
        if action == "cancel_note":
            return self._note_for is not None
        return True

    def action_check(self, key: str, with_note: bool = False) -> None:
        commitment = self._highlighted()
        if commitment is not None:
            self.post_message(self.CheckedIn(commitment.id, STATUS_KEYS[key], with_note))

    def advance(self) -> None:
        """After a check-in, move on to the next commitment still open."""
        options = self._commitments
        start = options.highlighted or 0
        for offset in range(1, len(self.view.to_check) + 1):
            index = (start + offset) % len(self.view.to_check)
            if awaiting(self.view.to_check[index], self.view.session_number):
                options.highlighted = index
                return

    def action_note(self) -> None:
        commitment = self._highlighted()
        if commitment is None:
            return
        self._note_for = commitment.id
        self.refresh_bindings()
        box = self._note_box()
        box.placeholder = f"Note on: {commitment.what}"[:120]
        box.value = commitment.checkin_note
        box.display = True
        self.screen.set_focus(box)  # at once: keys typed straight after belong here

    def _note_box(self) -> Input:
        """The note field, mounted on first use: most check-ins need no note."""
        box = child(self, "checkin-note", Input)
        if box is None:
            box = mount_hidden(self, TextInput(id="checkin-note", compact=True), before="#checkin-message, #made-today")
        return box

    def note_saved(self) -> None:
        for box in self.query_children("#checkin-note").results(Input):
            box.value = ""
            box.display = False
        self._note_for = None
        self.refresh_bindings()
        self.show_message("")
        self.focus_list()

    def show_message(self, message: str) -> None:
        say(self, "checkin-message", message, before="#made-today")

    @on(OptionList.OptionSelected, "#commitments")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a commitment already checked in opens its note."""
        event.stop()
        commitment = self._highlighted()
        if commitment is not None and awaiting(commitment, self.view.session_number):
            self.show_message("Check it in first: d, p, n, x or f (Shift+key to add a note at once).")
        elif self.check_action("note", ()):
            self.action_note()

    @on(Input.Submitted, "#checkin-note")
    def _note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._note_for is not None:
            self.post_message(self.NoteGiven(self._note_for, event.value))

    def action_cancel_note(self) -> None:
        self.note_saved()
        self.post_message(self.NoteClosed())
