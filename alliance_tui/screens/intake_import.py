"""Importing a client's filled intake form from the review: the path, what it would add, then the coach's say.

The same review-then-apply flow as `alliance-tui intake import`: reading the
form changes nothing; ctrl+s adds the answers to the discovery notes (marked
as from the intake) and offers each as a draft agreement for the alliance
editor, in one write. Every refusal (not a form, someone else's, empty, a
second import) is said on this screen and the path typed is kept.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from ..models.intake import IntakeAnswers
from ..models.timeutil import local_date
from ..models.undo import CardChanged, UndoStack
from ..models.wording import plural
from ..store import StoreError
from ..widgets.app_header import AppHeader
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from .base import AllianceScreen


class IntakeImportScreen(AllianceScreen):
    CSS_PATH = "intake_import.tcss"
    AUTO_FOCUS = "#form-path"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "apply",
            "Add answers",
            id="intake_import.apply",
            tooltip="Add the answers shown to the discovery notes, each a draft agreement for the editor",
            priority=True,
        ),
        Binding("escape", "back", "Back", id="intake_import.back", tooltip="Back to the review; nothing is changed"),
    ]

    def __init__(self, client_id: str, path: str = "", undo: UndoStack | None = None) -> None:
        """`undo`: the review's ctrl+z, which takes the import back once this screen has closed."""
        super().__init__()
        self.client_id = client_id
        self.start_path = path
        self.undo = undo
        self.answers: IntakeAnswers | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="intake-title")
        yield TextInput(
            value=self.start_path, placeholder="The filled form's path, e.g. ~/Downloads/intake.md", id="form-path"
        )
        with VerticalScroll(id="intake-body"):
            yield Static(id="intake-preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        name = self.store.summary(self.client_id).name
        self.sub_title = f"{name}: import the intake form"
        title = Text()
        title.append(f"Import {name}'s filled intake form", style="bold")
        title.append(" · Enter reads it and changes nothing · ctrl+s adds it · Esc leaves", style="dim")
        self.query_one("#intake-title", Static).update(title)
        self.say(Text("Type or paste the path of the form the client sent back, then Enter.", style="dim"))

    def say(self, text: Text) -> None:
        self.query_one("#intake-preview", Static).update(text)

    @on(Input.Submitted, "#form-path")
    def read_form(self) -> None:
        from ..store.intake import read_form

        self.answers = None
        typed = self.query_one("#form-path", Input).value.strip()
        if not typed:
            self.say(Text("No path typed yet.", style="bold yellow"))
            return
        try:
            self.answers = read_form(self.store, Path(typed).expanduser(), self.client_id)
        except StoreError as exc:
            self.say(Text(exc.message, style="bold yellow"))
            return
        self.say(preview(self.answers))

    def action_apply(self) -> None:
        from ..store.intake import apply_intake

        if self.answers is None:
            self.say(
                Text("Read a form first: type its path and press Enter. Nothing was changed.", style="bold yellow")
            )
            return
        fields = ("discovery_notes", "intake_drafts")
        try:
            before = self.store.present(self.answers.client_id).client
            client, drafts = apply_intake(self.store, self.answers, local_date(self.alliance_app.clock()).isoformat())
        except StoreError as exc:
            self.answers = None
            self.say(Text(exc.message, style="bold yellow"))
            return
        takes_back = ""
        if self.undo is not None:
            self.undo.push(
                CardChanged(
                    f"Intake form added to {client.name}'s discovery notes",
                    client.id,
                    before={name: getattr(before, name) for name in fields},
                    after={name: getattr(client, name) for name in fields},
                )
            )
            takes_back = " ctrl+z on the review takes it back."
        self.notify(
            f"{plural(len(self.answers.answers), 'answer')} added to {client.name}'s discovery notes, marked as from "
            f"the intake; {plural(drafts, 'draft agreement')} to accept, edit or skip in the editor (e).{takes_back}",
            title="Intake added",
            timeout=8,
            markup=False,
        )
        self.dismiss()

    def action_back(self) -> None:
        self.dismiss()


def preview(answers: IntakeAnswers) -> Text:
    """What ctrl+s would add, answer by answer, with the category each draft would go to."""
    total = len(answers.answers) + len(answers.unanswered)
    text = Text()
    text.append(f"{len(answers.answers)} of {total} answered. ", style="bold")
    text.append("ctrl+s adds them to the discovery notes, each offered as a draft agreement.\n", style="dim")
    for answer in answers.answers:
        text.append(f"\n{answer.question.category}", style="bold")
        text.append(" (draft) · ", style="dim")
        text.append(answer.question.text, style="italic")
        text.append("\n")
        text.append(answer.text)  # the client's words as text, never markup
        text.append("\n")
    if answers.unanswered:
        text.append("\nLeft blank: ", style="dim")
        text.append("; ".join(q.text for q in answers.unanswered), style="dim")
    return text
