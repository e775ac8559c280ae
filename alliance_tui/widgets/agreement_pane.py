"""The alliance at a glance, with today's session agreement on top and editable in place."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static

from ..models.alliance import DEFAULT_CATEGORIES, AllianceVersion
from ..models.diff import ChangeKind, diff_versions
from ..models.ladder import Landing, SuccessLadder
from .hanging import Hanging
from .in_place import in_place
from .inputs import TextInput
from .on_demand import say

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
    ladder: SuccessLadder | None = None  # this programme's success ladder, once set
    landed: Landing | None = None  # where this session landed on it


def ladder_block(ladder: SuccessLadder, landed: Landing | None) -> Text:
    """The ladder in two lines: where today landed, in the client's words (the whole ladder is a ctrl+b away)."""
    block = Text()
    block.append("Success ladder", style="bold")
    if landed is None:
        block.append(" · today not marked (ctrl+b twice)", style="dim")
        return block
    block.append("\n")
    block.append(" ◆ ", style="bold")
    block.append(f"today: {landed.label}", style="italic")
    words = ladder.words_for(landed)
    if words:
        block.append(f" · {words}")
    return block


def alliance_groups(view: AgreementView) -> list[tuple[Text, bool]]:
    """One block per category; what changed in this session carries a symbol and a word.

    Each block says whether it holds something changed today, so the pane can
    bring the newest change into view on a small terminal.
    """
    ladder = [(ladder_block(view.ladder, view.landed), False)] if view.ladder is not None else []
    if view.current is None or not view.current.items:
        empty = Text("No agreements yet. Log one with ctrl+r (Tab picks its category)", style="dim")
        return [*ladder, (empty, False)]
    marks = {
        change.item.id: _MARKS[change.kind]
        for change in diff_versions(view.before_session, view.current)
        if change.kind in _MARKS
    }
    groups: list[tuple[Text, bool]] = list(ladder)
    for category, items in view.current.by_category(view.categories):
        block = Text()
        block.append(category, style="bold")
        changed = False
        for item in items:
            block.append("\n")
            mark = marks.get(item.id)
            changed = changed or mark is not None
            block.append(f" {mark[0]} " if mark else " • ", style="bold" if mark else "dim")
            block.append(item.wording)
            if mark:
                block.append(f"  ({mark[1]})", style="italic")
        groups.append((block, changed))
    return groups


def hung(block: Text) -> list[RenderableType]:
    """A category block drawn with its wrapped wording kept under the wording, not under the bullet.

    Its heading, then one hanging row per item: the mark in a column of two
    cells, the wording beside it (what a two-column `Table.grid` draws, in one pass).
    """
    lines = block.split("\n")
    return [lines[0], *(Hanging(line[:2], line[3:], 2) for line in lines[1:])]


class AgreementPane(Vertical):
    BINDINGS = [
        Binding(
            "escape",
            "done_editing",
            "Done",
            id="agreement.done",
            tooltip="Leave the field (it is saved) and go back to where you were",
        ),
    ]

    class DoneEditing(Message):
        """The coach left today's focus with Escape."""

    @dataclass
    class SessionAgreementEdited(Message):
        """The coach finished editing today's focus or success measure."""

        field_name: str
        value: str
        submitted: bool = False  # Enter, rather than moving away

    view: reactive[AgreementView] = reactive(AgreementView, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: set[str] = set()
        self._drawn: AgreementView | None = None  # the view on screen: the same one again is not redrawn
        # The parts, kept rather than looked up: a view can come as they leave, and then there is nothing to find.
        self._boxes = {
            name: TextInput(id=f"session-{name}", placeholder="(Enter to save)", compact=True, select_on_focus=False)
            for name in FIELDS
        }
        self._scroll = VerticalScroll(id="alliance-scroll", can_focus=False)
        self._alliance = Static(id="alliance", classes="alliance-group")

    def compose(self) -> ComposeResult:
        for name, label in FIELDS.items():
            with Horizontal(classes="agreement-field"):
                yield Label(label, classes="agreement-label")
                yield self._boxes[name]
        # The message line (#agreement-message) is mounted when there is first something to say.
        with self._scroll:
            yield self._alliance

    def watch_view(self, view: AgreementView) -> None:
        if not in_place(self, self._alliance, *self._boxes.values()) or view is self._drawn:
            return
        self._drawn = view
        self._show_groups(view)
        for name, box in self._boxes.items():
            saved = view.saved.get(name, "")
            if not box.has_focus and box.value != saved and not box.has_class("-unsaved"):
                box.value = saved

    def on_mount(self) -> None:
        self.watch_view(self.view)

    def _show_groups(self, view: AgreementView) -> None:
        """The whole alliance in one block: one widget to style and lay out, however many categories."""
        block = self._alliance
        groups = alliance_groups(view)
        parts = [hung(text) for text, _ in groups]
        block.update(Group(*(row for rows in parts for row in rows)))
        block.set_class(any(changed for _, changed in groups), "-changed")
        fresh = next((n for n, (text, changed) in enumerate(groups) if changed and text.plain not in self._shown), None)
        # Bring a fresh change into view once, without fighting the coach's own scrolling.
        if fresh is not None:
            above = [row for rows in parts[:fresh] for row in rows]
            # Twice deferred: the block's new height is only laid out after the first refresh.
            self.call_after_refresh(self.call_after_refresh, self._scroll_to_rows, above, parts[fresh])
        self._shown = {text.plain for text, _ in groups}

    def _scroll_to_rows(self, above: list[RenderableType], rows: list[RenderableType]) -> None:
        """Scroll the alliance so that `rows`, drawn below `above`, are in view."""
        block, scroll = self._alliance, self._scroll
        width = block.size.width
        if not width or not in_place(block, scroll):
            return
        console = self.app.console
        options = console.options.update(width=width, height=None)
        top = len(console.render_lines(Group(*above), options, pad=False)) if above else 0
        height = len(console.render_lines(Group(*rows), options, pad=False))
        y = block.virtual_region.y + block.styles.gutter.top + top
        scroll.scroll_to_region(Region(0, y, width, height), animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "done_editing":
            return any(box.has_focus for box in self._boxes.values())
        return True

    def action_done_editing(self) -> None:
        self.post_message(self.DoneEditing())

    def show_message(self, message: str) -> None:
        say(self, "agreement-message", message, before="#alliance-scroll")

    def field_saved(self, field_name: str) -> None:
        self._boxes[field_name].remove_class("-unsaved")
        self.show_message("")

    def field_refused(self, field_name: str, message: str) -> None:
        self._boxes[field_name].add_class("-unsaved")
        self.show_message(message)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._maybe_save(event.input, submitted=True):
            self.post_message(self.DoneEditing())  # nothing to save: Enter still means "done"

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        self._maybe_save(event.input)

    def _maybe_save(self, box: Input, submitted: bool = False) -> bool:
        name = (box.id or "").removeprefix("session-")
        if name not in FIELDS:
            return False
        if box.value == self.view.saved.get(name, "") and not box.has_class("-unsaved"):
            return False
        self.post_message(self.SessionAgreementEdited(name, box.value, submitted))
        return True
