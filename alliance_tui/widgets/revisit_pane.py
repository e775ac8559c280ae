"""Revisit questions that fit this moment; asking one and capturing the answer is one flow."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .hanging import Hanging
from .in_place import in_place
from .inputs import TextInput
from .on_demand import child, mount_hidden


@dataclass(frozen=True)
class RevisitView:
    prompts: tuple[str, ...] = ()
    asked: frozenset[str] = frozenset()
    lead: str = ""  # why these questions come first, in a few words
    own: frozenset[str] = frozenset()  # the coach's own questions: the only ones that can be removed


def prompt_line(number: int, text: str, asked: bool) -> Hanging:
    """Number and asked mark in a column of their own, so a wrapped question stays under itself."""
    line = Text(text)
    if asked:
        line.append("  (asked)", style="italic")
    mark = Text.assemble((f"{number}" if number <= 9 else " ", "bold"), " ", ("✔" if asked else " ", "bold"))
    return Hanging(mark, line, 3)


def _ask_binding(n: int) -> Binding:
    return Binding(
        str(n),
        f"ask({n})",
        "Ask",
        key_display="1-9",
        show=n == 1,
        id=f"revisit.ask_{n}",
        tooltip="Ask question N and type the client's answer (arrows and Enter ask any question)",
    )


class RevisitPane(Vertical):
    BINDINGS = [
        *(_ask_binding(n) for n in range(1, 10)),
        Binding("plus", "own_prompt", "Own question", id="revisit.own", tooltip="Add a revisit question of your own"),
        Binding(
            "w",
            "walk",
            "Walk the agreement",
            id="revisit.walk",
            tooltip="A revisit that decides: keep, change or drop each agreement, add new ones, ask three questions",
        ),
        Binding(
            "delete",
            "remove_prompt",
            "Remove question",
            id="revisit.remove",
            tooltip="Remove the highlighted question of your own (built-in questions stay)",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="revisit.cancel",
            tooltip="Close the answer or question field; what you typed stays until you type again",
        ),
    ]

    @dataclass
    class Answered(Message):
        prompt: str
        answer: str

    @dataclass
    class PromptAdded(Message):
        text: str

    @dataclass
    class PromptRemoved(Message):
        text: str

    class WalkAsked(Message):
        """w: the coach wants the revisit that walks every agreement (screens/revisit.py)."""

    class Closed(Message):
        """The answer or question field closed (Esc): the screen puts the coach back where they type."""

    view: reactive[RevisitView] = reactive(RevisitView, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._asking: str | None = None  # the prompt being answered
        self._adding = False
        self._drawn: RevisitView | None = None  # the view on screen: the same one again is not redrawn
        # The parts, kept rather than looked up: a view can come as they leave, and then there is nothing to find.
        self._lead = Static(id="revisit-lead")
        self._prompts = OptionList(id="prompts")
        self._message = Static(id="revisit-message", markup=False)

    def compose(self) -> ComposeResult:
        yield self._lead
        yield self._prompts
        # The question and its answer field are mounted here when a question is first asked.
        yield self._message

    def on_mount(self) -> None:
        self._close_field()
        self.watch_view(self.view)

    def watch_view(self, view: RevisitView) -> None:
        if not in_place(self, self._lead, self._prompts) or view is self._drawn:
            return
        self._drawn = view
        self._lead.update(Text(view.lead, style="italic"))
        options = self._prompts
        keep = options.highlighted
        options.clear_options()
        options.add_options(
            Option(prompt_line(n, text, text in view.asked), id=f"prompt-{n}")
            for n, text in enumerate(view.prompts, start=1)
        )
        if view.prompts:
            options.highlighted = min(keep or 0, len(view.prompts) - 1)

    def focus_list(self) -> None:
        self.screen.set_focus(self._prompts)

    def action_walk(self) -> None:
        self.post_message(self.WalkAsked())

    def action_ask(self, number: int) -> None:
        self.ask(number)

    def ask(self, number: int) -> None:
        """Open the answer field for prompt `number` (1-based)."""
        if not 1 <= number <= len(self.view.prompts):
            return
        self._prompts.highlighted = number - 1
        prompt = self.view.prompts[number - 1]
        if self._asking != prompt:
            self._answer_box().value = ""
        self._asking = prompt
        self._adding = False
        self._open_field(Text.assemble(("Asked: ", "bold"), prompt), "Their answer · Enter saves · Esc cancels")

    def action_own_prompt(self) -> None:
        if not self._adding:
            # Never a client's answer left in the field: what is saved here is offered to every client.
            self._answer_box().value = ""
        self._asking = None
        self._adding = True
        self._open_field(
            Text("Your own question, kept for every client:", style="bold"),
            "e.g. What should I stop doing? · Enter saves · Esc cancels",
        )

    def _open_field(self, question: Text, placeholder: str) -> None:
        self.refresh_bindings()
        self.add_class("-answering")  # the question and the answer take the list's place
        line = self._question_line()
        line.update(question)
        line.display = True
        box = self._answer_box()
        box.placeholder = placeholder
        box.display = True
        self.show_message("")
        self.screen.set_focus(box)  # at once: keys typed straight after belong here

    def _answer_box(self) -> Input:
        """The answer field, mounted on first use: most sessions open and close without one."""
        box = child(self, "revisit-answer", Input)
        if box is None:
            self._question_line()
            box = mount_hidden(self, TextInput(id="revisit-answer", compact=True), after="#revisit-question")
        return box

    def _question_line(self) -> Static:
        line = child(self, "revisit-question", Static)
        if line is None:
            line = mount_hidden(self, Static(id="revisit-question", markup=False), before="#revisit-message")
        return line

    def _close_field(self) -> None:
        self.remove_class("-answering")
        for widget in self.query_children("#revisit-question, #revisit-answer"):
            widget.display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ask":
            return not self.busy and isinstance(parameters[0], int) and parameters[0] <= len(self.view.prompts)
        if action == "cancel":
            return self._asking is not None or self._adding
        if action == "own_prompt":
            return not (self._asking is not None or self._adding)
        if action == "remove_prompt":
            return not self.busy and self._highlighted_prompt() in self.view.own
        return True

    def _highlighted_prompt(self) -> str | None:
        index = self._prompts.highlighted
        return self.view.prompts[index] if index is not None and index < len(self.view.prompts) else None

    def action_remove_prompt(self) -> None:
        prompt = self._highlighted_prompt()
        if prompt is not None and prompt in self.view.own:
            self.post_message(self.PromptRemoved(prompt))

    def action_cancel(self) -> None:
        self._close()
        self.post_message(self.Closed())

    def _close(self) -> None:
        self._asking = None
        self._adding = False
        self.refresh_bindings()
        self._close_field()
        self.show_message("")

    def done(self) -> None:
        """The answer or question is on disk: close the field and clear it."""
        self._answer_box().value = ""
        self._close()

    def show_message(self, message: str) -> None:
        box = self._message
        box.update(Text(message))
        box.display = bool(message)

    @property
    def busy(self) -> bool:
        return self._asking is not None or self._adding

    @on(OptionList.OptionHighlighted, "#prompts")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # "Remove question" only for the coach's own

    @on(OptionList.OptionSelected, "#prompts")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.ask(event.option_index + 1)

    @on(Input.Submitted, "#revisit-answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._adding:
            self.post_message(self.PromptAdded(event.value))
        elif self._asking is not None:
            self.post_message(self.Answered(self._asking, event.value))
