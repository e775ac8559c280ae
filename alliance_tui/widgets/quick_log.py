"""The quick-log line: a note, an adjustment or a commitment in a few keystrokes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from ..models.alliance import DEFAULT_CATEGORIES
from ..models.quicklog import (
    DEFAULT_ADJUSTMENT_CATEGORY,
    PREFIX,
    EntryKind,
    entry_kind,
    find_category,
    next_category,
    parse,
    with_category,
)
from ..models.text import TextRefused
from .in_place import in_place
from .inputs import TextInput

HINT = "a: adjustment · c: what | by when | how · n: or plain text = note"


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
            "leave",
            "Back",
            id="quicklog.leave",
            tooltip="Go back to where you were; what you typed stays here",
        ),
        Binding(
            "up",
            "recall",
            "Reword last",
            id="quicklog.recall",
            tooltip="In the empty line: bring back the last note logged today to reword it",
        ),
    ]

    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    can_recall = False  # set by QuickLog: there is a note from today to reword

    class Leave(Message):
        pass

    class RecallAsked(Message):
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_category":
            return entry_kind(self.value) is EntryKind.ADJUSTMENT
        if action == "recall":
            return self.can_recall and not self.value
        return super().check_action(action, parameters)

    def action_recall(self) -> None:
        self.post_message(self.RecallAsked())

    def action_cycle_category(self) -> None:
        match = PREFIX.match(self.value)
        word = (match.group(2) or "") if match else ""
        current = find_category(word, self.categories) if word else DEFAULT_ADJUSTMENT_CATEGORY
        self.value = with_category(self.value, next_category(current or "", self.categories))
        self.cursor_position = len(self.value)

    def action_leave(self) -> None:
        self.post_message(self.Leave())


@dataclass(frozen=True)
class LastNote:
    """The note the line can bring back for rewording: the coach's own words, logged today."""

    id: str
    text: str
    private: bool


class QuickLog(Vertical):
    """Shows what the line will be saved as, and whether the next note is shared.

    Up in the empty line brings back the last note logged today, so a typo made
    while listening is fixed in two keys rather than left in the record.
    """

    @dataclass
    class Submitted(Message):
        text: str
        shared: bool

    @dataclass
    class Reworded(Message):
        note_id: str
        text: str

    shared_next: reactive[bool] = reactive(False)
    categories: reactive[tuple[str, ...]] = reactive(DEFAULT_CATEGORIES)
    last_note: reactive[LastNote | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rewording: LastNote | None = None
        self._was_empty = True
        # The parts, kept rather than looked up: data can come as they leave, and then there is nothing to find.
        self._kind_label = Static(id="quicklog-kind")
        self._field = QuickLogInput(id="quicklog-input", placeholder=HINT, compact=True, select_on_focus=False)
        self._message_line = Static(id="quicklog-message", markup=False)

    @property
    def rewording(self) -> bool:
        return self._rewording is not None

    def compose(self) -> ComposeResult:
        with Horizontal(id="quicklog-row"):
            yield self._kind_label
            yield self._field
        yield self._message_line

    def on_mount(self) -> None:
        # Its own Mount is still being handled, so only its parts can say they are mounted.
        if not (self.is_attached and in_place(self._kind_label, self._field)):
            return  # quitting as the line mounts takes it and its input off first
        self.input.categories = self.categories  # given before mounting: passed on now
        self.input.can_recall = self.last_note is not None
        self._show_kind()

    def on_click(self) -> None:
        """A click anywhere on the line (its label too) is a click into it."""
        if not self.input.has_focus:
            self.input.focus()

    @property
    def input(self) -> QuickLogInput:
        return self._field

    def watch_shared_next(self) -> None:
        if in_place(self, self._kind_label, self._field):
            self._show_kind()

    def watch_categories(self, categories: tuple[str, ...]) -> None:
        if in_place(self, self._field):
            self.input.categories = categories

    def watch_last_note(self, last_note: LastNote | None) -> None:
        if in_place(self, self._field) and self.input.can_recall != (last_note is not None):
            self.input.can_recall = last_note is not None
            self.input.refresh_bindings()

    @on(QuickLogInput.RecallAsked)
    def _recall(self, event: QuickLogInput.RecallAsked) -> None:
        event.stop()
        if self.last_note is None:
            return
        self._rewording = self.last_note
        self.input.value = self.last_note.text
        self.input.cursor_position = len(self.input.value)
        self._say("Rewording your last note: Enter saves it, Esc leaves it as it was")

    @on(QuickLogInput.Leave)
    def _leave(self) -> None:
        """Esc while rewording puts the note back as it was; the screen then returns focus."""
        if self._rewording is not None:
            self._stop_rewording()
            self.input.value = ""
            self._say("")

    def _stop_rewording(self) -> None:
        self._rewording = None
        self.set_class(False, "-rewording")

    def show_message(self, message: str) -> None:
        self._message_line.update(Text(message))
        self.set_class(bool(message), "-refused")

    def saved(self, confirmation: str) -> None:
        """The entry is on disk: clear the line and say what was kept."""
        self._stop_rewording()
        self.input.value = ""
        self._say(confirmation)

    def _say(self, message: str) -> None:
        self._message_line.update(Text(message, style="dim"))
        self.remove_class("-refused")

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
            self.post_message(self.Submitted(event.value, self.shared_next))

    def _show_kind(self) -> None:
        value = self.input.value
        kind = entry_kind(value)
        category: str | None = None
        try:
            # What Enter would save, so "a: Between sessions: ..." shows Between sessions as typed.
            entry = parse(value, self.categories)
            kind, category = entry.kind, entry.category or None
        except TextRefused:
            pass
        label = Text()
        self.set_class(self._rewording is not None, "-rewording")
        if self._rewording is not None:
            label.append("✎ reword", style="bold")
            label.append(" · private" if self._rewording.private else " · ◉ shared")
        elif kind is EntryKind.ADJUSTMENT:
            if category is None:
                match = PREFIX.match(value)
                word = (match.group(2) or "") if match else ""
                category = find_category(word, self.categories) if word else DEFAULT_ADJUSTMENT_CATEGORY
            label.append("± adjust", style="bold")
            label.append(f" {category or '?'}")
        elif kind is EntryKind.COMMITMENT:
            label.append("✚ commit", style="bold")
        else:
            label.append("✎ note", style="bold")
            if self.shared_next:
                label.append(" · ◉ SHARED", style="bold")
            else:
                label.append(" · private")
        self._kind_label.update(label)
