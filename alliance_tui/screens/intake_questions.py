"""The practice's intake questions, edited in the app: the questionnaire `intake export` sends.

Each question belongs to the alliance category its answer becomes a draft
in. A letter only opens or proposes: `a` and `r` open the line, `c` and `d`
say what Enter will do to the highlighted question (move it to the next
category, take it off the form); Enter writes it, says it, and ctrl+z takes
the last one back.
A form already sent reads back only while its questions are the practice's:
the import says so plainly when they were changed since.
"""

from __future__ import annotations

import uuid

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..models.intake import IntakeQuestion
from ..store import StoreError
from ..widgets.app_header import AppHeader
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from .base import AllianceScreen


class IntakeQuestionsScreen(AllianceScreen):
    CSS_PATH = "intake_questions.tcss"
    BINDINGS = [
        Binding("a", "add", "Add", id="intake_questions.add", tooltip="Add a question to the intake form"),
        Binding("r", "reword", "Reword", id="intake_questions.reword", tooltip="Change the highlighted question"),
        Binding(
            "c",
            "category",
            "Category",
            id="intake_questions.category",
            tooltip="Propose the next alliance category for the question (where its answer becomes a draft);"
            " Enter moves it there",
        ),
        Binding(
            "d",
            "remove",
            "Remove",
            id="intake_questions.remove",
            tooltip="Propose taking the question off the form; Enter takes it off",
        ),
        Binding("ctrl+z", "undo", "Undo", id="intake_questions.undo", tooltip="Take back the last change saved here"),
        Binding(
            "escape",
            "back",
            "Back",
            id="intake_questions.back",
            tooltip="Close the line or leave a proposal as it was, or leave",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.questions: list[IntakeQuestion] = []
        self.earlier: list[list[IntakeQuestion]] = []  # what ctrl+z goes back to, newest last
        self.rewording: str | None = None  # the key being reworded; None: adding
        # What Enter will write, proposed by c or d: the questions as they would be, and what to say of them.
        self.proposed: tuple[list[IntakeQuestion], str] | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="questions-title")
        yield OptionList(id="questions")
        with Vertical(id="question-form"):
            yield TextInput(
                placeholder="The question, as the client will read it (Enter saves)",
                id="question",
                select_on_focus=False,
            )
        yield Static(id="questions-message")
        yield KeyFooter()

    def on_mount(self) -> None:
        from ..store.intake import intake_questions

        self.sub_title = "intake questions"
        self.questions = list(intake_questions(self.store))
        self.show()
        self.query_one("#questions", OptionList).focus()

    def show(self, highlight: int | None = None) -> None:
        title = Text("The intake form's questions", style="bold")
        title.append(" · each answer becomes a draft agreement in its category · saved as you go", style="dim")
        self.query_one("#questions-title", Static).update(title)
        options = self.query_one("#questions", OptionList)
        keep = options.highlighted if highlight is None else highlight
        options.clear_options()
        for number, question in enumerate(self.questions, start=1):
            label = Text(f"{number}. ")
            label.append(f"{question.category}: ", style="bold")
            label.append(question.text)
            options.add_option(Option(label, id=question.key))
        if self.questions:
            options.highlighted = min(keep or 0, len(self.questions) - 1)

    def say(self, message: str) -> None:
        self.query_one("#questions-message", Static).update(Text(message))

    def highlighted(self) -> int | None:
        index = self.query_one("#questions", OptionList).highlighted
        return index if index is not None and index < len(self.questions) else None

    def save(self, questions: list[IntakeQuestion], said: str) -> bool:
        """Written at once (durably) and said; the list before is kept for ctrl+z."""
        from ..store.intake import save_intake_questions

        try:
            saved = save_intake_questions(self.store, questions)
        except StoreError as exc:
            self.say(exc.message)
            return False
        self.earlier.append(self.questions)
        self.questions = list(saved)
        self.say(f"Saved: {said}")
        return True

    # ----------------------------------------------------------------- the line

    def open_line(self, value: str, key: str | None) -> None:
        self.proposed = None
        self.rewording = key
        form = self.query_one("#question-form")
        at = self.highlighted()
        what = f"Reword question {at + 1}" if key is not None and at is not None else "A new question"
        form.border_title = f"{what} · Enter saves · Esc cancels"
        form.add_class("open")
        line = self.query_one("#question", Input)
        line.value = value
        line.focus()

    def close_line(self) -> None:
        self.query_one("#question-form").remove_class("open")
        self.query_one("#questions", OptionList).focus()

    @on(Input.Submitted, "#question")
    def _question_done(self) -> None:
        text = self.query_one("#question", Input).value
        at = self.highlighted()
        if self.rewording is None:
            new = IntakeQuestion(f"q{uuid.uuid4().hex[:10]}", "Focus", text)
            if self.save([*self.questions, new], f"question {len(self.questions) + 1} added in Focus (c moves it)."):
                self.close_line()
                self.show(len(self.questions) - 1)
            return
        changed = [IntakeQuestion(q.key, q.category, text) if q.key == self.rewording else q for q in self.questions]
        shown = text if len(text) <= 60 else text[:59] + "…"
        if self.save(changed, f"question {(at or 0) + 1} reworded: \u201c{shown}\u201d (ctrl+z puts it back)."):
            self.close_line()
            self.show(at)

    # ----------------------------------------------------------------- proposals: Enter writes them

    def propose(self, questions: list[IntakeQuestion], said: str, ask: str) -> None:
        self.proposed = (questions, said)
        self.say(ask)

    def let_go(self, said: str = "") -> None:
        if self.proposed is not None:
            self.proposed = None
            self.say(said)

    @on(OptionList.OptionSelected, "#questions")
    def _enter(self) -> None:
        if self.proposed is None:
            self.say("r rewords the question · c proposes its next category · d proposes taking it off: Enter saves")
            return
        questions, said = self.proposed
        self.proposed = None
        at = self.highlighted()
        if self.save(questions, said):
            self.show(min(at or 0, len(self.questions) - 1))

    @on(OptionList.OptionHighlighted, "#questions")
    def _moved(self) -> None:
        self.let_go("Moved: nothing proposed (c or d again, then Enter).")

    # ----------------------------------------------------------------- actions

    def action_add(self) -> None:
        self.open_line("", None)

    def action_reword(self) -> None:
        at = self.highlighted()
        if at is not None:
            self.open_line(self.questions[at].text, self.questions[at].key)

    def action_category(self) -> None:
        """The next category proposed (c again: the one after); Enter moves the question there."""
        at = self.highlighted()
        if at is None:
            return
        categories = self.store.categories()
        question = self.questions[at]
        proposed = self.proposed[0][at].category if self.proposed is not None else question.category
        known = [c.casefold() for c in categories]
        here = known.index(proposed.casefold()) if proposed.casefold() in known else -1
        category = categories[(here + 1) % len(categories)]
        if category == question.category:
            category = categories[(here + 2) % len(categories)] if len(categories) > 1 else category
        moved = [IntakeQuestion(q.key, category, q.text) if q.key == question.key else q for q in self.questions]
        self.propose(
            moved,
            f"question {at + 1} moved from {question.category} to {category} (ctrl+z moves it back).",
            f"Enter moves question {at + 1} from {question.category} to {category} · c: the next category"
            " · Esc leaves it",
        )

    def action_remove(self) -> None:
        """Taking the question off proposed; Enter takes it off."""
        at = self.highlighted()
        if at is None:
            return
        rest = [q for n, q in enumerate(self.questions) if n != at]
        text = self.questions[at].text
        shown = text if len(text) <= 60 else text[:59] + "…"
        self.propose(
            rest,
            f"question {at + 1} taken off the form: \u201c{shown}\u201d (ctrl+z brings it back).",
            f"Enter takes question {at + 1} off the form: \u201c{shown}\u201d · Esc keeps it",
        )

    def action_undo(self) -> None:
        from ..store.intake import save_intake_questions

        self.proposed = None
        if not self.earlier:
            self.say("Nothing to take back here.")
            return
        try:
            self.questions = list(save_intake_questions(self.store, self.earlier[-1]))
        except StoreError as exc:
            self.say(exc.message)
            return
        self.earlier.pop()
        self.say("Taken back: the questions are as they were before the last change.")
        self.show()

    def action_back(self) -> None:
        if self.proposed is not None:
            self.let_go("Left as it was: nothing saved.")
            return
        if self.query_one("#question-form").has_class("open"):
            self.close_line()
            return
        self.dismiss()
