"""What happened in a session, once it has ended: the coach's record, before any recap."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..models.commitments import CommitmentStatus
from ..models.diff import ChangeKind, diff_versions
from ..models.notes import Note, NoteKind
from ..models.record import ClientRecord
from ..models.undo import Changed, UndoStack, UndoStep, undone_message
from ..store import StoreError
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from ..widgets.session_header import minutes_text
from .base import AllianceScreen
from .exporting import recap_of_screen

# The recap for the client is built elsewhere; it plugs in here as
# `SessionSummaryScreen.export_recap = function(screen)` and the key lights up. It returns what it wrote, for ctrl+z.
RecapExporter = Callable[["SessionSummaryScreen"], "UndoStep | None"]


RECENT = 12  # a session this recent is read from its own file; an older one with the whole record


def summary_text(record: ClientRecord, number: int) -> Text:
    """Adjustments, commitments, check-ins, pauses, revisit answers and notes of one session."""
    session = record.session(number)
    out = Text()
    if session is None:
        return Text("This session is not in the client's file.")
    position, length = record.in_programme(number)
    out.append(f"{record.client.name}, session {position} of {length}\n", style="bold")
    lasted = minutes_text(session.elapsed_seconds(session.ended or session.started))
    out.append(f"Lasted {lasted} ({session.planned_minutes} min planned)\n")
    if session.focus:
        out.append("Today's focus: ", style="bold")
        out.append(session.focus + "\n")
    if session.success_measure:
        out.append("Went well if: ", style="bold")
        out.append(session.success_measure + "\n")

    def heading(title: str, count: int) -> None:
        out.append(f"\n{title} ({count})\n", style="bold underline")

    before = record.version_before_session(number)
    changes = []
    for version in record.versions:
        if version.session_number == number:
            changes = [c for c in diff_versions(before, version) if c.kind is not ChangeKind.UNCHANGED]
    heading("Alliance adjustments", len(changes))
    for change in changes:
        out.append(f" {change.kind.symbol} {change.kind.value}: ", style="bold")
        out.append(f"{change.item.category}: ")
        out.append(change.item.wording + "\n")

    made = [c for c in record.commitments if c.session_number == number]
    heading("Commitments made", len(made))
    for c in made:
        out.append(" ✚ ")
        out.append(c.what)
        if c.by_when:
            out.append(f"  by {c.by_label()}", style="dim")
        if c.how_accountable:
            out.append(f"  ({c.how_accountable})", style="dim")
        out.append("\n")

    checked = [
        c for c in record.commitments if c.checked_in_session == number and c.status is not CommitmentStatus.OPEN
    ]
    heading("Check-ins", len(checked))
    for c in checked:
        out.append(f" {c.status.symbol} {c.status.label}: ", style="bold")
        out.append(c.what)
        if c.checkin_note:
            out.append(f"  ({c.checkin_note})", style="italic")
        out.append("\n")

    pauses = [p for p in record.pauses if p.session_number == number]
    heading("Pauses", len(pauses))
    if pauses:
        out.append(" " + ", ".join(f"{p.actual_seconds:.0f} s" for p in pauses))
        out.append(f"  (agreed {pauses[-1].target_seconds} s)\n", style="dim")

    answers = record.notes_of(number, NoteKind.REVISIT)
    heading("Revisit answers", len(answers))
    for note in answers:
        out.append(f" {note.prompt}\n", style="italic")
        out.append(f"   {note.text}\n")

    return out


def session_notes(record: ClientRecord, number: int) -> list[Note]:
    """The notes of one session a coach may tidy before the recap (revisit answers are listed above)."""
    return [n for n in record.notes_of(number) if n.kind is not NoteKind.REVISIT]


def note_option(note: Note) -> Option:
    line = Text(no_wrap=False)
    line.append("· private  " if note.private else "◉ shared   ", style="dim" if note.private else "bold")
    line.append(note.text)
    return Option(line, id=note.id)


class SessionSummaryScreen(AllianceScreen):
    CSS_PATH = "session_summary.tcss"

    export_recap: ClassVar[RecapExporter | None] = staticmethod(recap_of_screen)

    BINDINGS = [
        Binding("escape", "back", "Clients", id="summary.back", tooltip="Back to the client list"),
        Binding(
            "ctrl+o",
            "export_recap",
            "Export recap",
            id="summary.export_recap",
            tooltip="Write a recap of what was agreed and committed, for the client, and copy it (ctrl+z removes it)",
        ),
        Binding(
            "ctrl+s",
            "toggle_shared",
            "Share / private",
            id="summary.toggle_shared",
            tooltip="Share the highlighted note with the client in the recap, or make it private again",
        ),
        Binding(
            "w",
            "reword",
            "Reword",
            id="summary.reword",
            tooltip="Tidy the wording of the highlighted note before it goes in the recap (Enter saves it)",
        ),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            priority=True,
            id="summary.undo",
            tooltip="Take back the latest sharing, rewording or recap written here (again for the one before)",
        ),
    ]

    def __init__(self, client_id: str, session_number: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.session_number = session_number
        self._notes: dict[str, Note] = {}  # as last shown: the keys act on these, without reading again
        self.undo_stack = UndoStack()  # sharing and rewording done here, newest last: ctrl+z takes them back

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Session {self.session_number} ended", style="bold"), id="summary-title")
        with VerticalScroll(id="summary-scroll"):
            yield Static(id="summary-body")
            yield Static(id="notes-title")
            yield OptionList(id="summary-notes")
            yield TextInput(id="note-edit", placeholder="The note's wording (Enter saves, Esc cancels)")
            yield Static(id="note-message")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#note-edit").display = False
        self._show()
        notes = self.query_one("#summary-notes", OptionList)
        scroll = self.query_one("#summary-scroll")
        (notes if notes.option_count else scroll).focus(scroll_visible=False)
        # Opens at its top ("Lasted", today's focus, the adjustments), even where the notes sit below the fold.
        self.call_after_refresh(scroll.scroll_home, animate=False)

    def _show(self) -> None:
        """Data down: the summary and the notes list redrawn from what the store holds."""
        try:
            upcoming = self.store.present(self.client_id).next_session_number
            # A recent session: its own file and the present (the client's twentieth year as their first).
            latest = upcoming - self.session_number + 1 if upcoming - self.session_number < RECENT else None
            record = self.store.review(self.client_id, latest).record
        except StoreError as error:
            self.report(error, title="Summary unavailable")
            return
        self.query_one("#summary-body", Static).update(summary_text(record, self.session_number))
        notes = session_notes(record, self.session_number)
        self._notes = {n.id: n for n in notes}
        title = Text(f"\nNotes ({len(notes)})", style="bold underline")
        if notes:
            title.append("   ctrl+s: share with the client or keep private · w: reword", style="dim")
        self.query_one("#notes-title", Static).update(title)
        options = self.query_one("#summary-notes", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([note_option(n) for n in notes])
        options.display = bool(notes)
        if notes:
            options.highlighted = min(highlighted or 0, len(notes) - 1)

    def _highlighted_note(self) -> Note | None:
        options = self.query_one("#summary-notes", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        note_id = options.get_option_at_index(options.highlighted).id
        return self._notes.get(note_id or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export_recap":
            return True if type(self).export_recap is not None else None
        if action in ("toggle_shared", "reword"):
            editing = self.query_one("#note-edit").display
            return True if self._highlighted_note() is not None and not editing else None
        return True

    def action_toggle_shared(self) -> None:
        note = self._highlighted_note()
        if note is None:
            return
        try:
            self.store.update_note(self.client_id, note.id, private=not note.private)
        except StoreError as error:
            self.report(error)
            return
        self._wrote(Changed("Note made private" if not note.private else "Note shared", self.client_id, "notes", note))

    def _wrote(self, step: UndoStep) -> None:
        """On disk: kept for ctrl+z, shown, and named in a quiet line."""
        self.undo_stack.push(step)
        self._show()
        self.query_one("#note-message", Static).update(Text(f"✔ {step.label} · ctrl+z undoes", style="dim"))

    def action_undo(self) -> None:
        step = self.undo_stack.pop()
        message = self.query_one("#note-message", Static)
        if step is None:
            message.update(Text("Nothing to undo here.", style="dim"))
            return
        try:
            self.store.undo(step)
        except StoreError as error:
            self.undo_stack.push(step)
            message.update(Text(f"✘ {error.message} (not undone)", style="bold"))
            return
        self._show()
        message.update(Text(undone_message(step), style="dim"))

    def action_reword(self) -> None:
        note = self._highlighted_note()
        if note is None:
            return
        box = self.query_one("#note-edit", TextInput)
        box.value = note.text
        box.display = True
        self.query_one("#note-message", Static).update("")
        box.focus()
        self.refresh_bindings()

    def _close_edit(self) -> None:
        self.query_one("#note-edit").display = False
        self.query_one("#summary-notes").focus()
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        note = self._highlighted_note()
        if note is None:
            self._close_edit()
            return
        try:
            self.store.update_note(self.client_id, note.id, text=event.value)
        except StoreError as error:
            # Said beside the line; what was typed stays in it.
            self.query_one("#note-message", Static).update(Text(f"✘ {error.message}", style="bold"))
            return
        self._close_edit()
        self._wrote(Changed("Note reworded", self.client_id, "notes", note))

    def action_export_recap(self) -> None:
        exporter = type(self).export_recap
        if exporter is not None:
            step = exporter(self)
            if step is not None:
                self._wrote(step)

    def action_back(self) -> None:
        if self.query_one("#note-edit").display:
            self._close_edit()  # Esc leaves the wording as it was saved
            return
        from .dashboard import DashboardScreen

        # "Clients", as the key says: the client list, whatever the session was opened from.
        app = self.app
        app.pop_screen()
        while len(app.screen_stack) > 1 and not isinstance(app.screen, DashboardScreen):
            app.pop_screen()
