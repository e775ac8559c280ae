"""What the coach has logged in this session, newest last, so nothing vanishes once saved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from ..models.notes import Note, NoteKind
from ..models.wording import plural
from .in_place import in_place

# The pane shows a few lines; redrawing every note of a long session on each
# save made the last note of a three-hour session twice as slow as the first.
SHOWN = 30


def note_line(note: Note) -> Text:
    line = Text()
    if note.kind is NoteKind.REVISIT:
        line.append("? answer ", style="bold")
    elif note.private:
        line.append("✎ private ", style="dim")
    else:
        line.append("◉ shared ", style="bold")
    line.append(note.text)
    return line


class TodayLog(VerticalScroll, can_focus=False):
    notes: reactive[tuple[Note, ...]] = reactive((), always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[Note, ...] | None = None  # the notes on screen: the same tuple again is not redrawn
        # Kept rather than looked up: notes can come as it leaves, and then there is nothing to find.
        self._body = Static(id="today-notes")

    def compose(self) -> ComposeResult:
        yield self._body

    def watch_notes(self, notes: tuple[Note, ...]) -> None:
        if not in_place(self, self._body) or notes is self._drawn:
            return
        self._drawn = notes
        if notes:
            body = Text("\n").join(note_line(n) for n in notes[-SHOWN:])
            if len(notes) > SHOWN:
                earlier = len(notes) - SHOWN
                verb = "is" if earlier == 1 else "are"
                body = Text.assemble(
                    (f"… {plural(earlier, 'earlier note')} from today {verb} in the review\n", "dim"),
                    body,
                )
        else:
            body = Text("Notes and answers logged today show here.", style="dim")
        self._body.update(body)
        self.call_after_refresh(self.scroll_end, animate=False)

    def on_mount(self) -> None:
        self.watch_notes(self.notes)
