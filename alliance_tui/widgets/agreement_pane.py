"""The alliance at a glance, with today's session agreement on top and editable in place."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static

from ..models import DEFAULT_CATEGORIES, AllianceVersion, ChangeKind, diff_versions
from .inputs import TextInput

FIELDS = {"focus": "Today's focus", "success_measure": "Went well if"}

_MARKS = {
    ChangeKind.ADDED: ("✚", "new today"),
    ChangeKind.REWORDED: ("✎", "changed today"),
    ChangeKind.RECATEGORISED: ("✎", "moved today"),
}


@dataclass(frozen=True)
class AgreementView:
    current: AllianceVersion | None = None
    before_session: AllianceVersion | None = None
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    saved: dict[str, str] = field(default_factory=dict)


def alliance_text(view: AgreementView) -> Text:
    """Grouped by category; what changed in this session carries a symbol and a word."""
    if view.current is None or not view.current.items:
        return Text("No agreements yet. Log one with a: (for example  a tone: be direct with me)", style="dim")
    marks = {
        change.item.id: _MARKS[change.kind]
        for change in diff_versions(view.before_session, view.current)
        if change.kind in _MARKS
    }
    out = Text()
    for category, items in view.current.by_category(view.categories):
        if out:
            out.append("\n")
        out.append(category, style="bold")
        for item in items:
            out.append("\n")
            mark = marks.get(item.id)
            out.append(f" {mark[0]} " if mark else " • ", style="bold" if mark else "dim")
            out.append(item.wording)
            if mark:
                out.append(f"  ({mark[1]})", style="italic")
    return out


class AgreementPane(Vertical):
    class SessionAgreementEdited(Message):
        """The coach finished editing today's focus or success measure."""

        def __init__(self, field_name: str, value: str) -> None:
            super().__init__()
            self.field_name = field_name
            self.value = value

    view: reactive[AgreementView] = reactive(AgreementView, always_update=True)

    def compose(self) -> ComposeResult:
        for name, label in FIELDS.items():
            with Horizontal(classes="agreement-field"):
                yield Label(label, classes="agreement-label")
                yield TextInput(id=f"session-{name}", placeholder="(Enter to save)", compact=True)
        yield Static(id="agreement-message", markup=False)
        with VerticalScroll(id="alliance-scroll", can_focus=False):
            yield Static(id="alliance-items")

    def watch_view(self, view: AgreementView) -> None:
        if not self.is_mounted:
            return
        self.query_one("#alliance-items", Static).update(alliance_text(view))
        for name in FIELDS:
            box = self.query_one(f"#session-{name}", Input)
            saved = view.saved.get(name, "")
            if not box.has_focus and box.value != saved and not box.has_class("-unsaved"):
                box.value = saved

    def on_mount(self) -> None:
        self.watch_view(self.view)

    def show_message(self, message: str) -> None:
        self.query_one("#agreement-message", Static).update(Text(message))
        self.set_class(bool(message), "-has-message")

    def field_saved(self, field_name: str) -> None:
        self.query_one(f"#session-{field_name}", Input).remove_class("-unsaved")
        self.show_message("")

    def field_refused(self, field_name: str, message: str) -> None:
        self.query_one(f"#session-{field_name}", Input).add_class("-unsaved")
        self.show_message(message)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._maybe_save(event.input)

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        self._maybe_save(event.input)

    def _maybe_save(self, box: Input) -> None:
        name = (box.id or "").removeprefix("session-")
        if name not in FIELDS:
            return
        if box.value == self.view.saved.get(name, "") and not box.has_class("-unsaved"):
            return
        self.post_message(self.SessionAgreementEdited(name, box.value))
