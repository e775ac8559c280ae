"""The quick-log line: a note, an adjustment or a commitment in a few keystrokes."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from ..models.alliance import DEFAULT_CATEGORIES
from ..models.dates import resolve_by_when, short_date
from ..models.quicklog import PRIVATE_NOTE, EntryKind, LineKind, next_category, parse_as, typed_kind
from ..models.text import TextRefused
from .in_place import in_place
from .inputs import TextInput

# Each whole in the line at 80x24 (58 columns beside the kind); Esc, back to a note, is listed in F1.
HINT = "Enter saves, ctrl+s shared · ctrl+r adjust · ctrl+n commit"
PLACEHOLDERS = {
    EntryKind.NOTE: HINT,
    EntryKind.ADJUSTMENT: "what the client asks for · Tab: category · Enter saves",
    EntryKind.COMMITMENT: "what | by when | how to be held to it · Enter saves",
    EntryKind.LADDER: "good | great | amazing · Enter saves · ctrl+b marks today",
}


class QuickLogInput(TextInput):
    BINDINGS = [
        Binding(
            "tab",
            "cycle_category",
            "Category",
            id="quicklog.category",
            tooltip="Cycle the category of this adjustment",
        ),
        Binding(
            "escape",
            "reset_kind",
            "Back to note",
            id="quicklog.leave",
            tooltip="Back to a private note (the words stay); Esc in a plain note goes back to the clients",
        ),
        Binding(
            "up",
            "recall",
            "Reword last",
            id="quicklog.recall",
            tooltip="In the empty line: bring back the last note logged today to reword it",
        ),
    ]

    line_kind: LineKind = PRIVATE_NOTE  # kept in step by QuickLog, for the keys it offers
    rewording = False  # kept in step by QuickLog
    can_recall = False  # set by QuickLog: there is a note from today to reword

    class ResetAsked(Message):
        pass

    class CategoryAsked(Message):
        pass

    class RecallAsked(Message):
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_category":
            return self.line_kind.kind is EntryKind.ADJUSTMENT
        if action == "reset_kind":
            # Nothing to reset: Esc goes on to the screen (back to the clients).
            return not self.line_kind.is_default or self.rewording
        if action == "recall":
            return self.can_recall and not self.value
        return super().check_action(action, parameters)

    def action_recall(self) -> None:
        self.post_message(self.RecallAsked())

    def action_cycle_category(self) -> None:
        self.post_message(self.CategoryAsked())

    def action_reset_kind(self) -> None:
        self.post_message(self.ResetAsked())


@dataclass(frozen=True)
class LastNote:
    """The note the line can bring back for rewording: the coach's own words, logged today."""

    id: str
    text: str
    private: bool


class QuickLog(Vertical):
    """Shows what the line will be saved as before Enter: a private or shared note, an adjustment, a commitment.

    The kind is chosen by a key (or a prefix typed into the empty line) and
    goes back to a private note after every save, refusal or Esc, so an entry
    never inherits the kind of the one before. Up in the empty line brings
    back the last note logged today, so a typo made while listening is fixed
    in two keys rather than left in the record.
    """

    @dataclass
    class Submitted(Message):
        text: str
        line_kind: LineKind

        @property
        def shared(self) -> bool:
            return self.line_kind.shared

    @dataclass
    class Reworded(Message):
        note_id: str
        text: str

    line_kind: reactive[LineKind] = reactive(PRIVATE_NOTE)
    categories: reactive[tuple[str, ...]] = reactive(DEFAULT_CATEGORIES)
    last_note: reactive[LastNote | None] = reactive(None)
    today: reactive[date | None] = reactive(None)  # the coach's day: a commitment's "by when" shown as a date

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rewording: LastNote | None = None
        self._offered = ""  # words put into the line for the coach to change (choose), not typed
        self._was_empty = True
        # The parts, kept rather than looked up: data can come as they leave, and then there is nothing to find.
        self._kind_label = Static(id="quicklog-kind")
        self._field = QuickLogInput(id="quicklog-input", placeholder=HINT, compact=True, select_on_focus=False)
        self._message_line = Static(id="quicklog-message", markup=False)

    @property
    def rewording(self) -> bool:
        return self._rewording is not None

    @property
    def shared_next(self) -> bool:
        return self.line_kind.shared

    def compose(self) -> ComposeResult:
        with Horizontal(id="quicklog-row"):
            yield self._kind_label
            yield self._field
        yield self._message_line

    def on_mount(self) -> None:
        # Its own Mount is still being handled, so only its parts can say they are mounted.
        if not (self.is_attached and in_place(self._kind_label, self._field)):
            return  # quitting as the line mounts takes it and its input off first
        self.input.can_recall = self.last_note is not None
        self._show_kind()

    def on_click(self) -> None:
        """A click anywhere on the line (its label too) is a click into it."""
        if not self.input.has_focus:
            self.input.focus()

    @property
    def input(self) -> QuickLogInput:
        return self._field

    def choose(self, line_kind: LineKind, *, words: str = "") -> None:
        """The kind the next Enter saves (a key asked for it); the words typed so far stay.

        words, into an empty line, are what is already saved for that kind (the
        success ladder), to change in place; they go again if the line goes
        back to a note unchanged, so they are never saved as a note.
        """
        if self._rewording is not None:
            self._stop_rewording()
            self.input.value = ""
        self.line_kind = line_kind
        if words and not self.input.value:
            self.input.value = words
            self.input.cursor_position = len(words)
            self._offered = words

    def toggle_shared(self) -> None:
        """Shared on, or off again; an adjustment or commitment being typed becomes a shared note."""
        kind = self.line_kind
        self.choose(PRIVATE_NOTE if kind.shared else LineKind(EntryKind.NOTE, shared=True))

    def reset_kind(self) -> None:
        """Back to a private note: after every save, refusal and Esc."""
        if self._offered and self.input.value == self._offered:
            self.input.value = ""  # offered, left unchanged: never a note
        self._offered = ""
        self.line_kind = PRIVATE_NOTE

    def watch_line_kind(self) -> None:
        if in_place(self, self._kind_label, self._field):
            self.input.line_kind = self.line_kind
            self.input.placeholder = PLACEHOLDERS[self.line_kind.kind]
            self._show_kind()
            self.input.refresh_bindings()

    def watch_last_note(self, last_note: LastNote | None) -> None:
        if in_place(self, self._field) and self.input.can_recall != (last_note is not None):
            self.input.can_recall = last_note is not None
            self.input.refresh_bindings()

    @on(QuickLogInput.CategoryAsked)
    def _next_category(self, event: QuickLogInput.CategoryAsked) -> None:
        event.stop()
        kind = self.line_kind
        self.line_kind = LineKind(EntryKind.ADJUSTMENT, category=next_category(kind.category, self.categories))

    @on(QuickLogInput.RecallAsked)
    def _recall(self, event: QuickLogInput.RecallAsked) -> None:
        event.stop()
        if self.last_note is None:
            return
        self.line_kind = PRIVATE_NOTE
        self._rewording = self.last_note
        self.input.rewording = True
        self.input.value = self.last_note.text
        self.input.cursor_position = len(self.input.value)
        self._say("Rewording your last note: Enter saves it, Esc leaves it as it was")

    @on(QuickLogInput.ResetAsked)
    def _reset_asked(self, event: QuickLogInput.ResetAsked) -> None:
        """Esc: a note being reworded is left as it was; any other kind goes back to a private note."""
        event.stop()
        if self._rewording is not None:
            self._stop_rewording()
            self.input.value = ""
            self._say("")
        elif not self.line_kind.is_default:
            self._say(f"Back to a private note ({kind_words(self.line_kind)} not saved)")
        self.reset_kind()

    def _stop_rewording(self) -> None:
        self._rewording = None
        self.input.rewording = False
        self.set_class(False, "-rewording")
        self._show_kind()

    def show_message(self, message: str) -> None:
        """A refusal: said, the words kept, and the line back to a private note."""
        self._message_line.update(Text(message))
        self.set_class(bool(message), "-refused")
        self.reset_kind()

    def saved(self, confirmation: str) -> None:
        """The entry is on disk: clear the line, back to a private note, and say what was kept."""
        self._stop_rewording()
        self.input.value = ""
        self.reset_kind()
        self._say(confirmation)

    def say(self, message: str) -> None:
        """A quiet word about something saved or undone elsewhere on the screen."""
        self._say(message)

    def _say(self, message: str) -> None:
        self._message_line.update(Text(message, style="dim"))
        self.remove_class("-refused")

    @property
    def message(self) -> str:
        """What the line's message says now (for the coach's screen and for tests)."""
        return str(self._message_line.render())

    def forget_confirmation(self) -> None:
        """Something else was saved since: the confirmation no longer speaks for the latest action."""
        if not self.has_class("-refused"):
            self._message_line.update("")

    @on(Input.Changed, "#quicklog-input")
    def _changed(self, event: Input.Changed) -> None:
        if not event.value and self._rewording is not None:
            # Emptied: what is typed next is a new entry, never new words for the old note.
            self._stop_rewording()
            self._say("")
        if self._rewording is None and self.line_kind.is_default:
            typed = typed_kind(event.value, self.categories)
            if typed is not None:
                self.input.value = ""  # the prefix chose the kind; the words start after it
                self.line_kind = typed
                return
        self._show_kind()
        if self.input.can_recall and (not event.value) != self._was_empty:
            self.input.refresh_bindings()  # "Reword last" is offered only in the empty line
        self._was_empty = not event.value

    @on(Input.Submitted, "#quicklog-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._rewording is not None:
            self.post_message(self.Reworded(self._rewording.id, event.value))
        else:
            self.post_message(self.Submitted(event.value, self.line_kind))

    def _show_kind(self) -> None:
        label = Text()
        self.set_class(self._rewording is not None, "-rewording")
        kind = self.line_kind
        self.set_class(kind.kind is EntryKind.ADJUSTMENT, "-adjust")
        self.set_class(kind.kind is EntryKind.COMMITMENT, "-commit")
        self.set_class(kind.kind is EntryKind.LADDER, "-ladder")
        self.set_class(kind.shared, "-shared")
        if self._rewording is not None:
            label.append("✎ reword", style="bold")
            label.append(" · private" if self._rewording.private else " · ◉ shared")
        elif kind.kind is EntryKind.ADJUSTMENT:
            category = kind.category
            with contextlib.suppress(TextRefused):
                # "perm: ..." typed in the words picks Permissions: shown as it will be saved.
                category = parse_as(kind, self.input.value, self.categories).category or category
            label.append("± reword" if kind.replaces else "± adjust", style="bold")
            label.append(f" · {category}")
        elif kind.kind is EntryKind.LADDER:
            label.append("◆ ladder", style="bold")
        elif kind.kind is EntryKind.COMMITMENT:
            label.append("✚ commit", style="bold")
            due = self._due()
            if due is not None:
                label.append(f" · by {short_date(due, self.today)}")
        else:
            label.append("✎ note", style="bold")
            if kind.shared:
                label.append(" · ◉ SHARED", style="bold")
            else:
                label.append(" · private")
        label.append(" ")
        self._kind_label.update(label)

    def _due(self) -> date | None:
        """The day the commitment's "by when" means, as it is being typed (None while it names no day)."""
        if self.today is None:
            return None
        try:
            by_when = parse_as(self.line_kind, self.input.value, self.categories).by_when
        except TextRefused:
            return None
        return resolve_by_when(by_when, self.today) if by_when else None


def kind_words(kind: LineKind) -> str:
    """The kind of entry in a few words, for messages."""
    if kind.kind is EntryKind.ADJUSTMENT:
        return f"adjustment ({kind.category})"
    if kind.kind is EntryKind.COMMITMENT:
        return "commitment"
    if kind.kind is EntryKind.LADDER:
        return "success ladder"
    return "shared note" if kind.shared else "private note"
