"""The alliance editor's ground: the working copy of the agreement, the list that shows it, and the one form.

Changes collect here, on screen, each with its reason, until the coach saves
them as one version; the layers above (the drafts, the offers, the changes,
the screen itself) each act through what is here and hold one kind of action.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..models.alliance import DEFAULT_CATEGORIES, AllianceItem, RequestedBy
from ..models.diff import ChangeKind
from ..models.drafts import DraftItem
from ..models.record import ClientRecord
from ..models.undo import UndoStack
from ..models.wording import plural
from ..widgets.app_header import AppHeader
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from ..widgets.version_diff import TAG_WIDTH, change_tag, hanging
from .base import AllianceScreen
from .draft_book import DRAFT_PREFIX, DraftBook

REASON_MAX = 2_000


class Mode(StrEnum):
    ADD = "add"
    REWORD = "reword"
    RECATEGORISE = "recategorise"
    REMOVE = "remove"
    CATEGORY = "category"
    STYLE = "style"
    STARTING = "starting"
    LADDER = "ladder"


FORM_TITLES = {
    Mode.ADD: "Add an agreement (Tab and shift+Tab move between fields)",
    Mode.REWORD: "Reword this agreement",
    Mode.RECATEGORISE: "Move this agreement to another category",
    Mode.REMOVE: "Remove this agreement",
    Mode.CATEGORY: "Add a category of your own (Enter adds it for every client; ctrl+z takes it back)",
    Mode.STYLE: "Your style, as you describe it to a client (each sentence is offered at a first full design;"
    " Enter saves it; ctrl+z takes it back)",
    Mode.STARTING: "Save this alliance as a starting point: its name (the client's name and focus are left out;"
    " Enter saves it; ctrl+z takes it back)",
    Mode.LADDER: "The success ladder, in the client's words: good | great | amazing (Enter saves it; ctrl+z takes"
    " it back)",
}
WORD_ONLY = (Mode.CATEGORY, Mode.STYLE, Mode.STARTING, Mode.LADDER)  # forms of one field, applied on Enter


ASKED_BY = [
    ("Asked for by the client", RequestedBy.CLIENT),
    ("Asked for by the coach", RequestedBy.COACH),
    ("Agreed by both", RequestedBy.BOTH),
]


@dataclass
class Pending:
    """What happened to one item since the editor opened, and why."""

    kind: ChangeKind
    reason: str


class EditorCore(AllianceScreen):
    """What every layer of the alliance editor stands on: the working agreement, its list and the form."""

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.record: ClientRecord | None = None
        self.original: dict[str, AllianceItem] = {}
        self.items: list[AllianceItem] = []
        self.pending: dict[str, Pending] = {}
        self.full_design = False
        self.mode: Mode | None = None
        self.editing: str | None = None  # the item id the form works on
        self.warned_unsaved = False
        self.drafts = DraftBook([])
        self.drafting: str | None = None  # the draft the add form is accepting, edited
        self.intake: list[DraftItem] = []  # the client's own drafts (kept on their card); the rest are offers
        self.point = 0  # which starting point is offered
        self.saved_here = UndoStack()  # the ladder and style written at once from here, for ctrl+z

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="editor-title")
        yield OptionList(id="items")
        with Vertical(id="item-form"):
            yield Static(id="form-title")
            with Horizontal(id="pickers"):
                yield Select[str](
                    [(c, c) for c in DEFAULT_CATEGORIES], id="category", allow_blank=False, prompt="Category"
                )
                yield Select[RequestedBy](ASKED_BY, id="asked-by", allow_blank=False, value=RequestedBy.CLIENT)
            yield TextInput(id="wording", placeholder="The agreement, in the words you both use")
            yield TextInput(id="reason", placeholder="Why? e.g. she asked to be challenged more (Enter applies)")
            yield Static(id="form-message")
        yield KeyFooter()

    # ----------------------------------------------------------------- showing

    def fill_categories(self, select: str | None = None) -> None:
        categories = self.store.categories()
        widget = self.query_one("#category", Select)
        widget.set_options([(Text(c), c) for c in categories])  # a Text: a name like '[/]' is not markup
        widget.value = select if select in categories else categories[0]

    def refresh_items(self) -> None:
        assert self.record is not None
        current = self.record.current_alliance
        title = Text()
        title.append(self.record.client.name, style="bold")
        version = current.number if current else 0
        title.append(f": alliance version {version}" if version else ": nothing agreed yet")
        changes = len(self.pending) + len(self.drafts.skipped)
        if changes:
            title.append(f" · {plural(changes, 'unsaved change')}", style="bold yellow")
            title.append(f" → ctrl+s saves version {version + 1}")
        else:
            title.append(" · no changes yet", style="dim")
        if self.full_design:
            title.append(" · ★ saving as a full design", style="bold")
        for prompt in (self.style_prompt(), self.clock_prompt()):
            if prompt is not None:
                title.append_text(prompt)
        self.query_one("#editor-title", Static).update(title)
        option_list = self.query_one("#items", OptionList)
        keep = option_list.highlighted
        option_list.clear_options()
        shown = self.shown_items()
        options = [Option(self.item_label(item), id=item.id) for item in shown]
        if not options:
            options = [Option(Text("No agreements yet: press a to add one.", style="dim"), id="empty", disabled=True)]
        drafts = self.drafts.listed()
        if drafts:
            options.append(Option(self.drafts.heading(), id="drafts-heading", disabled=True))
            options += [Option(self.drafts.label(d), id=DRAFT_PREFIX + d.id) for d in drafts]
        option_list.add_options(options)
        enabled = [n for n, option in enumerate(options) if not option.disabled]
        if enabled:
            option_list.highlighted = min(enabled, key=lambda n: abs(n - (keep or 0)))

    def shown_items(self) -> list[AllianceItem]:
        """Working items in their saved order, removed ones kept in place so they can be seen and undone."""
        working = {i.id: i for i in self.items}
        order = [*self.original, *(i.id for i in self.items if i.id not in self.original)]
        removed = {i for i, p in self.pending.items() if p.kind is ChangeKind.REMOVED}
        return [working[i] if i in working else self.original[i] for i in order if i in working or i in removed]

    def item_label(self, item: AllianceItem) -> Table:
        pending = self.pending.get(item.id)
        kind = pending.kind if pending else ChangeKind.UNCHANGED
        body = Text()
        body.append(f"{item.category}: ", style="bold")
        body.append(Text(item.wording, style="strike" if kind is ChangeKind.REMOVED else ""))
        body.append(f"  ({item.requested_by.value})", style="dim")
        if pending:
            body.append("\nwhy: ", style="dim")
            body.append(pending.reason, style="dim italic")
        # The tag column only takes room once something has changed.
        return hanging([(change_tag(kind), body)], tag_width=TAG_WIDTH if self.pending else 1)

    def highlighted_item(self) -> AllianceItem | None:
        index = self.query_one("#items", OptionList).highlighted
        shown = self.shown_items()
        if index is None or index >= len(shown):
            return None
        return shown[index]

    def style_prompt(self) -> Text | None:
        """At a first full design: your style, to ask whether it suits this client."""
        assert self.record is not None
        style = self.store.settings.style
        if not style or any(v.full_design for v in self.record.versions):
            return None
        said = style if len(style) <= 160 else style[:159] + "…"
        text = Text("\nYour style: ", style="bold")
        text.append(said, style="italic")
        text.append(" Does it suit this client? Its sentences are offered below.", style="dim")
        return text

    def clock_prompt(self) -> Text | None:
        """When the Think time agreement (as it reads on screen) names other seconds than the clock: k sets them."""
        from ..models.think_time import out_of_step, seconds_in

        assert self.record is not None
        target = self.record.client.think_time_seconds
        item = out_of_step(self.items, target)
        if item is None:
            return None
        text = Text(f"\nThe Think time agreement says {seconds_in(item.wording)} s; the clock is at {target} s: ")
        text.append("ctrl+k sets the clock to match.", style="bold")
        return text

    # ----------------------------------------------------------------- the form

    def open_form(self, mode: Mode, item: AllianceItem | None = None) -> None:
        self.mode = mode
        self.editing = item.id if item else None
        form = self.query_one("#item-form")
        form.add_class("open")
        form.set_class(mode is Mode.REMOVE or mode in WORD_ONLY, "no-category")
        form.set_class(mode in (Mode.STYLE, Mode.STARTING, Mode.LADDER), "no-reason")
        form.set_class(mode is Mode.RECATEGORISE or mode is Mode.REMOVE, "no-wording-edit")
        form.set_class(mode is Mode.ADD, "asking")
        self.query_one("#asked-by", Select).value = RequestedBy.CLIENT
        title = Text(FORM_TITLES[mode], style="bold")
        if item is not None:
            title.append("\n")
            title.append(item.wording, style="italic")
        self.query_one("#form-title", Static).update(title)
        wording = self.query_one("#wording", Input)
        reason = self.query_one("#reason", Input)
        wording.value = item.wording if item and mode is Mode.REWORD else ""
        # Your style and the ladder open on what is kept, the cursor at its end: typing adds to it.
        wording.select_on_focus = mode not in (Mode.STYLE, Mode.LADDER)
        wording.placeholder = {
            Mode.CATEGORY: "Name of the new category",
            Mode.STYLE: "e.g. I am direct and rigorously honest. I will sometimes challenge you.",
            Mode.STARTING: "e.g. Direct, with silence to think",
            Mode.LADDER: "good | great | amazing",
        }.get(mode, "The agreement, in the words you both use")
        reason.value = ""
        self.fill_categories(item.category if item else None)
        self.say("")
        if mode is Mode.RECATEGORISE:
            self.query_one("#category", Select).focus()
        elif mode is Mode.REMOVE:
            reason.focus()
        else:
            wording.focus()

    def close_form(self) -> None:
        self.mode = None
        self.editing = None
        self.drafting = None
        self.query_one("#item-form").remove_class("open")
        self.query_one("#items", OptionList).focus()

    def say(self, message: str) -> None:
        self.query_one("#form-message", Static).update(Text(message))

    def open_add_form(self) -> None:
        self.open_form(Mode.ADD)

    # ----------------------------------------------------------------- the working copy

    def add_working_item(self, item: AllianceItem, reason: str) -> None:
        """An agreement added on screen (saved with the version)."""
        self.items.append(item)
        self.pending[item.id] = Pending(ChangeKind.ADDED, reason)
        self.warned_unsaved = False

    def mark_changed(self, item: AllianceItem, reason: str) -> None:
        before = self.original.get(item.id)
        if before is None:
            self.pending[item.id] = Pending(ChangeKind.ADDED, reason)
        elif before.wording != item.wording:
            self.pending[item.id] = Pending(ChangeKind.REWORDED, reason)
        elif before.category != item.category:
            self.pending[item.id] = Pending(ChangeKind.RECATEGORISED, reason)
        else:
            self.pending.pop(item.id, None)

    def session_number(self) -> int | None:
        assert self.record is not None
        session = self.record.open_session
        return session.number if session else None
