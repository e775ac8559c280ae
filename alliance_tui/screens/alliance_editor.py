"""Editing the alliance between calls: every change carries its reason, one save is one version.

Changes collect on screen (marked by symbol and word) until the coach saves with
ctrl+s; the store then writes the whole agreement as a new version, so nothing
earlier is ever rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..models.alliance import DEFAULT_CATEGORIES, AllianceItem, RequestedBy
from ..models.diff import ChangeKind
from ..models.drafts import DraftItem, still_drafts
from ..models.record import ClientRecord
from ..models.text import TextRefused, clean
from ..models.undo import UndoStack
from ..models.wording import plural
from ..store import StoreError
from ..widgets.app_header import AppHeader
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from ..widgets.version_diff import TAG_WIDTH, change_tag, hanging
from .editor_drafts import DRAFT_PREFIX, DraftBook
from .editor_offers import OffersInEditor

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
    Mode.CATEGORY: "Add a category of your own",
    Mode.STYLE: "Your style, as you describe it to a client (each sentence is offered at a first full design)",
    Mode.STARTING: "Save this alliance as a starting point: its name (the client's name and focus are left out)",
    Mode.LADDER: "The success ladder, in the client's words: good | great | amazing",
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


class AllianceEditorScreen(OffersInEditor):
    CSS_PATH = "alliance_editor.tcss"
    # In order of importance: a narrow footer leaves out the later ones (F1 lists them all).
    BINDINGS = [
        Binding("a", "add", "Add", id="editor.add", tooltip="Add a new agreement"),
        Binding("r", "reword", "Reword", id="editor.reword", tooltip="Change the wording of the highlighted agreement"),
        Binding(
            "c",
            "recategorise",
            "Category",
            id="editor.recategorise",
            tooltip="Move the highlighted agreement to another category",
        ),
        Binding(
            "d", "remove", "Remove", id="editor.remove", tooltip="Remove the highlighted agreement (with a reason)"
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save version",
            id="editor.save",
            tooltip="Save every change as one new version",
            priority=True,
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="editor.back",
            tooltip="Close the form, or leave (twice if there are unsaved changes)",
        ),
        Binding("u", "undo", "Undo", id="editor.undo", tooltip="Undo the change to the highlighted agreement"),
        Binding(
            "ctrl+z",
            "undo_saved",
            "Undo saved",
            id="editor.undo_saved",
            tooltip="Take back the ladder or style saved here at once (again for the one before)",
            priority=True,
            show=False,
        ),
        Binding(
            "g",
            "toggle_full_design",
            "Full design",
            id="editor.full_design",
            tooltip="Mark this save as a full design or revisit of the alliance",
        ),
        Binding("n", "new_category", "New category", id="editor.category", tooltip="Add a category of your own"),
        Binding(
            "v",
            "walk",
            "Revisit",
            id="editor.walk",
            tooltip="A revisit that decides: keep, change or drop each agreement, add new ones, ask three questions",
        ),
        Binding(
            "o",
            "next_starting_point",
            "Starting point",
            id="editor.starting_point",
            tooltip="Offer (the next of) your starting points below the agreement, to accept or change",
            show=False,
        ),
        Binding(
            "t",
            "save_starting_point",
            "Save as start",
            id="editor.save_starting_point",
            tooltip="Save this client's agreement as a named starting point (their name and focus left out)",
            show=False,
        ),
        Binding(
            "l",
            "ladder",
            "Ladder",
            id="editor.ladder",
            tooltip="Set or change the success ladder: good | great | amazing, in the client's words",
            show=False,
        ),
        Binding(
            "k",
            "clock_in_step",
            "Clock in step",
            id="editor.clock",
            tooltip="Set the pause clock to the seconds the Think time agreement names",
            show=False,
        ),
        Binding(
            "w",
            "style",
            "Your style",
            id="editor.style",
            tooltip="Describe your own style: offered, sentence by sentence, at each client's first full design",
            show=False,
        ),
        Binding(
            "y",
            "accept_draft",
            "Accept draft",
            id="editor.accept_draft",
            tooltip="Add the highlighted draft from the intake to the agreement as it is (r edits it first)",
            show=False,
        ),
    ]

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

    def on_mount(self) -> None:
        self.load()
        self.query_one("#items", OptionList).focus()

    def load(self) -> None:
        """The agreement as saved, with nothing changed yet."""
        try:
            self.record = self.store.record(self.client_id)
        except StoreError as exc:
            self.query_one("#editor-title", Static).update(Text(exc.message))
            return
        current = self.record.current_alliance
        self.items = [i.model_copy() for i in current.items] if current else []
        self.original = {i.id: i for i in self.items}
        self.pending = {}
        agreed = [(i.category, i.wording) for i in self.items]
        self.intake = still_drafts(self.record.client.intake_drafts, agreed)
        self.drafts = DraftBook([])
        self.offer()
        self.sub_title = f"{self.record.client.name}: edit the alliance"
        self.fill_categories()
        self.refresh_items()

    # ----------------------------------------------------------------- the practice's own: your style, starting points

    def action_save_starting_point(self) -> None:
        self.open_form(Mode.STARTING)

    def action_ladder(self) -> None:
        ladder = self.store.present(self.client_id).ladder
        self.open_form(Mode.LADDER)
        self.query_one("#wording", Input).value = ladder.as_line() if ladder is not None else ""

    def action_style(self) -> None:
        self.open_form(Mode.STYLE)
        self.query_one("#wording", Input).value = self.store.settings.style

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

    @on(OptionList.OptionSelected, "#items")
    def _item_chosen(self) -> None:
        self.action_reword()

    @on(Input.Submitted, "#wording")
    def _wording_done(self) -> None:
        if self.mode in WORD_ONLY:
            self.apply_form()
        else:
            self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _reason_done(self) -> None:
        self.apply_form()

    @on(Select.Changed, "#category")
    def _category_chosen(self) -> None:
        if self.mode is not Mode.RECATEGORISE or self.editing is None:
            return
        item = next((i for i in self.items if i.id == self.editing), None)
        if item is not None and self.query_one("#category", Select).value != item.category:
            self.query_one("#reason", Input).focus()

    def apply_form(self) -> bool:
        """Apply what the form says to the working copy; False (and a message) if it cannot be."""
        if self.mode is None:
            return True
        wording_raw = self.query_one("#wording", Input).value
        if self.mode in (Mode.STYLE, Mode.STARTING, Mode.LADDER):
            done = (
                self.apply_ladder(wording_raw)
                if self.mode is Mode.LADDER
                else self.apply_practice_form(style=self.mode is Mode.STYLE, words=wording_raw)
            )
            if not done:
                return False
            self.close_form()
            self.offer()
            self.refresh_items()
            return True
        if self.mode is Mode.CATEGORY:
            try:
                added = self.store.add_category(wording_raw)
            except StoreError as exc:
                self.say(exc.message)
                return False
            self.notify(f"Category {added!r} added.", timeout=3, markup=False)
            self.close_form()
            self.fill_categories()
            return True
        try:
            reason = clean(
                self.query_one("#reason", Input).value, field="The reason", max_len=REASON_MAX, multiline=False
            )
        except TextRefused as exc:
            self.say(f"{exc}: say in a few words why this changed.")
            self.query_one("#reason", Input).focus()
            return False
        category = str(self.query_one("#category", Select).value)
        mode = self.mode
        try:
            if mode is Mode.ADD:
                wording = clean(wording_raw, field="The wording", max_len=2_000, multiline=False)
                new = AllianceItem(
                    category=category,
                    wording=wording,
                    requested_by=RequestedBy(str(self.query_one("#asked-by", Select).value)),
                    reason=reason,
                    agreed_in_session=self.session_number(),
                )
                self.items.append(new)
                self.pending[new.id] = Pending(ChangeKind.ADDED, reason)
                draft = self.drafts.find(DRAFT_PREFIX + self.drafting) if self.drafting else None
                if draft is not None:
                    self.drafts.accept(draft, new.id)
            else:
                index = next(i for i, item in enumerate(self.items) if item.id == self.editing)
                item = self.items[index]
                if mode is Mode.REMOVE:
                    del self.items[index]
                    if self.pending.get(item.id, Pending(ChangeKind.UNCHANGED, "")).kind is ChangeKind.ADDED:
                        del self.pending[item.id]  # removing something never saved: nothing to record
                        self.drafts.forget_item(item.id)
                    else:
                        self.pending[item.id] = Pending(ChangeKind.REMOVED, reason)
                else:
                    changes: dict[str, str] = {"reason": reason}
                    if mode is Mode.REWORD:
                        changes["wording"] = clean(wording_raw, field="The wording", max_len=2_000, multiline=False)
                    else:
                        changes["category"] = category
                    self.items[index] = AllianceItem.model_validate({**item.model_dump(), **changes})
                    self.mark_changed(self.items[index], reason)
        except TextRefused as exc:
            self.say(str(exc) + ".")
            self.query_one("#wording", Input).focus()
            return False
        self.warned_unsaved = False
        self.close_form()
        self.refresh_items()
        return True

    def add_working_item(self, item: AllianceItem, reason: str) -> None:
        """An agreement added on screen (saved with the version)."""
        self.items.append(item)
        self.pending[item.id] = Pending(ChangeKind.ADDED, reason)
        self.warned_unsaved = False

    def open_add_form(self) -> None:
        self.open_form(Mode.ADD)

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

    # ----------------------------------------------------------------- actions

    def _need_item(self) -> AllianceItem | None:
        item = self.highlighted_item()
        if item is None:
            self.notify("No agreement is highlighted.", timeout=3)
            return None
        if self.pending.get(item.id, Pending(ChangeKind.UNCHANGED, "")).kind is ChangeKind.REMOVED:
            self.notify("That agreement is marked for removal: u brings it back.", timeout=4)
            return None
        return item

    def action_add(self) -> None:
        self.open_form(Mode.ADD)

    def action_reword(self) -> None:
        draft = self.highlighted_draft()
        if draft is not None:
            self.edit_draft(draft)
            return
        item = self._need_item()
        if item is not None:
            self.open_form(Mode.REWORD, item)

    def action_recategorise(self) -> None:
        item = self._need_item()
        if item is not None:
            self.open_form(Mode.RECATEGORISE, item)

    def action_remove(self) -> None:
        if self.skip_draft():
            return
        item = self._need_item()
        if item is not None:
            self.open_form(Mode.REMOVE, item)

    def action_new_category(self) -> None:
        self.open_form(Mode.CATEGORY)

    def action_undo(self) -> None:
        if self.restore_draft():
            return
        item = self.highlighted_item()
        if item is None or item.id not in self.pending:
            self.notify("Nothing to undo on this agreement.", timeout=3)
            return
        pending = self.pending.pop(item.id)
        if pending.kind is ChangeKind.ADDED:
            self.items = [i for i in self.items if i.id != item.id]
            self.drafts.forget_item(item.id)  # an accepted draft is offered again
        elif pending.kind is ChangeKind.REMOVED:
            original = list(self.original)
            self.items.append(self.original[item.id])
            self.items.sort(key=lambda i: original.index(i.id) if i.id in self.original else len(original))
        else:
            self.items = [self.original[i.id] if i.id == item.id else i for i in self.items]
        self.refresh_items()

    def action_toggle_full_design(self) -> None:
        self.full_design = not self.full_design
        self.refresh_items()

    def version_reason(self) -> str:
        words = {
            ChangeKind.ADDED: "Added",
            ChangeKind.REWORDED: "Reworded",
            ChangeKind.RECATEGORISED: "Moved",
            ChangeKind.REMOVED: "Removed",
        }
        lines = []
        for item in self.shown_items():
            pending = self.pending.get(item.id)
            if pending:
                lines.append(f"{words[pending.kind]} \u201c{item.wording[:80]}\u201d: {pending.reason}")
        text = "\n".join(lines)
        return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"

    def action_walk(self) -> None:
        """The revisit that walks every agreement; changes made here and not saved must be saved or undone first."""
        if self.pending:
            self.notify(
                "Save (ctrl+s) or undo the changes made here first: the revisit starts from the saved agreement.",
                timeout=6,
            )
            return
        from .revisit import RevisitScreen

        self.app.push_screen(RevisitScreen(self.client_id), lambda _: self.reload_after_revisit())

    def reload_after_revisit(self) -> None:
        """Back from a revisit: the editor shows the agreement as the revisit left it."""
        self.load()

    def action_save(self) -> None:
        if self.record is None:
            return
        if self.mode is not None and not self.apply_form():
            return
        if not self.pending and not self.full_design:
            if self.drafts.decided:
                self.save_drafts()
                self.dismiss()
                return
            self.notify("Nothing to save: no agreement has changed.", timeout=4)
            return
        try:
            version = self.store.adjust_alliance(
                self.client_id,
                self.items,
                reason=self.version_reason() or "Full design of the alliance, no wording changed",
                session_number=self.session_number(),
                full_design=self.full_design,
            )
        except StoreError as exc:
            self.report(exc)
            return
        count = len(self.pending)
        self.notify(f"Saved as version {version.number} ({plural(count, 'change')}).", timeout=4)
        self.pending.clear()
        if self.drafts.decided:
            self.save_drafts()
        self.dismiss()

    def action_back(self) -> None:
        if self.mode is not None:
            self.close_form()
            return
        if (self.pending or self.drafts.skipped) and not self.warned_unsaved:
            self.warned_unsaved = True
            self.notify(
                "Unsaved changes: ctrl+s saves them, Esc again leaves without saving.", severity="warning", timeout=6
            )
            return
        self.dismiss()
