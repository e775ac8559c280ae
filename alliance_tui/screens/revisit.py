"""A revisit that decides: every current agreement kept, reworded in place or dropped, new ones added.

The coach walks the agreement with the client one item at a time (k keep, c
change, x drop, a add), then asks the three questions (going well, less well,
what to change). Every decision is saved at once as a draft in the client's
present, so leaving (Esc) and coming back later resumes where the walk stood;
ctrl+z takes back the latest decision. ctrl+s turns the walk into one new
alliance version, with a reason per change and the answers attached.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..models.alliance import AllianceItem, AllianceVersion
from ..models.coverage import missing_among, names
from ..models.decisions import QUESTIONS, Decision, ItemDecision
from ..models.revisit import RevisitDraft
from ..models.revisit_walk import WalkRow, next_row, progress, walk_rows
from ..store import StoreError
from ..widgets.footer import KeyFooter
from ..widgets.hanging import Hanging
from ..widgets.inputs import TextInput
from .base import AllianceScreen

MARK_WIDTH = 13  # "·  to decide" and a space

PROMPTS = {
    "reword": "The new wording (Enter, then why) · Esc: leave it as it was",
    "reason": "Why? In a few words (Enter to leave it out)",
    "add": "A new agreement, as the client put it · Tab: category · Enter adds",
}


# In order of importance: a narrow footer leaves out the later ones (F1 lists them all).
WALK_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("k", "decide('keep')", "Keep", id="revisit_walk.keep", tooltip="Keep the highlighted agreement"),
    Binding(
        "c",
        "change",
        "Change",
        id="revisit_walk.change",
        tooltip="Reword the highlighted agreement in place (or answer the question)",
    ),
    Binding("x", "decide('drop')", "Drop", id="revisit_walk.drop", tooltip="Drop the highlighted agreement (asks why)"),
    Binding("a", "add", "Add", id="revisit_walk.add", tooltip="Add a new agreement from this revisit"),
    Binding(
        "ctrl+s",
        "finish",
        "Save revisit",
        id="revisit_walk.finish",
        tooltip="Save the revisit as one new version of the alliance (undecided agreements are kept)",
        priority=True,
    ),
    Binding(
        "ctrl+z",
        "undo",
        "Undo",
        id="revisit_walk.undo",
        tooltip="Take back the latest decision or answer (again for the one before)",
        priority=True,
    ),
    Binding(
        "escape",
        "back",
        "Leave",
        id="revisit_walk.leave",
        tooltip="Close the line, or leave the revisit: what was decided is kept and resumes next time",
    ),
]


class RevisitScreen(AllianceScreen):
    """ctrl+s saves the walk and stays (ctrl+z takes it back); on_saved is told of the version as the coach leaves.

    Leaving before saving keeps the draft for next time.
    """

    CSS_PATH = "revisit.tcss"
    AUTO_FOCUS = "#walk"
    BINDINGS = WALK_KEYS

    def __init__(
        self,
        client_id: str,
        *,
        session_number: int | None = None,
        before_finish: Callable[[], bool] | None = None,
        on_saved: Callable[[AllianceVersion], None] | None = None,
    ) -> None:
        super().__init__()
        self.client_id = client_id
        self.session_number = session_number
        self.before_finish = before_finish  # the session screen writes its session first, if not yet begun
        self.on_saved = on_saved  # the session screen puts the version on its ctrl+z list
        self.items: list[AllianceItem] = []
        self.categories: tuple[str, ...] = ()
        self.draft: RevisitDraft | None = None
        self.earlier: list[tuple[RevisitDraft, str]] = []  # the draft before each write and what it was, for ctrl+z
        self.rows: list[WalkRow] = []
        self.mode = ""  # "", "reword", "reason", "add", "answer"
        self.pending: ItemDecision | None = None  # a change or drop waiting for its reason
        self.question = ""
        self.category = ""
        self.saved: AllianceVersion | None = None  # once ctrl+s saved the walk, until ctrl+z takes it back
        self.saved_from: RevisitDraft | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="walk-head")
        yield OptionList(id="walk")
        yield Static(id="walk-state")
        yield TextInput(id="walk-input", select_on_focus=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        from ..store.revisits import start_revisit

        self.query_one("#walk-input").display = False
        try:
            present = self.store.present(self.client_id)
            self.draft = start_revisit(self.store, self.client_id, self.session_number)
        except StoreError as exc:
            self.query_one("#walk-head", Static).update(Text(exc.message))
            return
        self.items = list(present.current_alliance.items) if present.current_alliance else []
        self.categories = self.store.categories()
        self.category = self.categories[0]
        self.sub_title = present.client.name
        resumed = bool(self.draft.decisions or self.draft.added or self.draft.answers)
        self._draw(next_row(walk_rows(self.items, self.draft), self.draft, -1))
        self._say(
            "Resumed where the revisit stood."
            if resumed
            else "Decide each agreement with the client: k keep · c change · x drop · a add."
        )

    # ----------------------------------------------------------------- drawing

    @property
    def walk(self) -> OptionList:
        return self.query_one("#walk", OptionList)

    @property
    def line(self) -> Input:
        return self.query_one("#walk-input", Input)

    def _draw(self, highlight: int | None = None) -> None:
        assert self.draft is not None
        self.rows = walk_rows(self.items, self.draft)
        where = self.walk.highlighted if highlight is None else highlight
        self.walk.clear_options()
        self.walk.add_options(Option(_row_text(row)) for row in self.rows)
        if self.rows:
            self.walk.highlighted = max(0, min(where or 0, len(self.rows) - 1))
        name = self.sub_title or ""
        head = Text()
        head.append(f"Revisit · {name}", style="bold")
        head.append(f" · {progress(self.items, self.draft)}", style="dim")
        missing = missing_among(self.items)
        if missing:
            head.append(f"\nNot yet designed: {names(missing)} (a adds one)", style="italic")
        self.query_one("#walk-head", Static).update(head)

    def _say(self, message: str) -> None:
        self.query_one("#walk-state", Static).update(Text(message))

    def _row(self) -> WalkRow | None:
        index = self.walk.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def _open_line(self, mode: str, value: str = "", placeholder: str = "") -> None:
        self.mode = mode
        line = self.line
        line.display = True
        line.value = value
        line.placeholder = placeholder
        line.focus()

    def _close_line(self) -> None:
        self.mode = ""
        self.pending = None
        self.line.display = False
        self.walk.focus()

    # ----------------------------------------------------------------- deciding

    def action_decide(self, kind: str) -> None:
        if self._refuse_when_saved():
            return
        row = self._row()
        if row is None or row.question or row.added or self.draft is None:
            self._say("k and x decide an agreement: move to one with the arrows.")
            return
        item = next(i for i in self.items if i.id == row.item_id)
        decision = ItemDecision(item_id=item.id, decision=Decision(kind), category=item.category, wording=item.wording)
        if decision.decision is Decision.DROP:
            self.pending = decision
            self._open_line("reason", placeholder=PROMPTS["reason"])
            self._say(f"Dropping: {item.wording}")
            return
        self._save(self.draft.decide(decision), f"Kept: {item.wording}")

    def action_change(self) -> None:
        if self._refuse_when_saved():
            return
        row = self._row()
        if row is None or self.draft is None:
            return
        if row.question:
            self.question = row.question
            self._open_line(
                "answer", self.draft.answer_to(row.question), placeholder="The client's answer, in their words"
            )
            self._say(dict(QUESTIONS)[row.question])
            return
        if row.added:
            self._say("A new agreement is changed in the alliance editor once the revisit is saved.")
            return
        self._open_line("reword", row.text, placeholder=PROMPTS["reword"])
        self._say("Reword it in place, then Enter.")

    def action_add(self) -> None:
        if self._refuse_when_saved():
            return
        self._open_line("add", placeholder=PROMPTS["add"])
        self._say(f"New agreement · {self.category} (Tab: another category)")

    def on_key(self, event: object) -> None:
        """Tab in the add line cycles the category (the line has no other use for it)."""
        from textual import events

        if isinstance(event, events.Key) and event.key == "tab" and self.mode == "add":
            event.stop()
            event.prevent_default()
            index = self.categories.index(self.category) if self.category in self.categories else -1
            self.category = self.categories[(index + 1) % len(self.categories)]
            self._say(f"New agreement · {self.category} (Tab: another category)")

    @on(OptionList.OptionSelected, "#walk")
    def _selected(self) -> None:
        self.action_change()

    @on(Input.Submitted, "#walk-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.draft is None:
            return
        text = event.value.strip()
        row = self._row()
        if self.mode == "reword" and row is not None:
            if not text or text == row.text:
                self._close_line()
                self._say("Unchanged.")
                return
            item = next(i for i in self.items if i.id == row.item_id)
            self.pending = ItemDecision(item_id=item.id, decision=Decision.CHANGE, category=item.category, wording=text)
            self._open_line("reason", placeholder=PROMPTS["reason"])
            self._say(f"Changing to: {text}")
        elif self.mode == "reason" and self.pending is not None:
            decision = self.pending.model_copy(update={"reason": text})
            verb = "Changed" if decision.decision is Decision.CHANGE else "Dropped"
            self._close_line()
            self._save(self.draft.decide(decision), f"{verb}: {decision.wording}")
        elif self.mode == "add" and text:
            from ..models.alliance import item as new_item

            added = new_item(self.category, text, agreed_in_session=self.session_number)
            self._close_line()
            self._save(self.draft.add(added), f"Added: {text} ({self.category})")
        elif self.mode == "answer":
            key = self.question
            self._close_line()
            if text == self.draft.answer_to(key):
                self._say("Unchanged: nothing written.")
                return
            self._save(self.draft.answer(key, text), f"Answer kept: {text}" if text else "Answer cleared.")

    def _save(self, draft: RevisitDraft, said: str) -> None:
        """Every decision on disk before it shows; the walk moves on to what is still open."""
        from ..store.revisits import save_revisit_draft

        try:
            save_revisit_draft(self.store, self.client_id, draft)
        except StoreError as exc:
            self._say(f"{exc.message} (not saved)")
            return
        if self.draft is not None:
            self.earlier.append((self.draft, said))
        self.draft = draft
        where = self.walk.highlighted or 0
        self._draw(next_row(walk_rows(self.items, draft), draft, where))
        self._say(f"{said} · saved (ctrl+z takes it back)")

    def action_undo(self) -> None:
        from ..store.revisits import discard_revisit_draft, save_revisit_draft

        if self.saved is not None:
            self._undo_saved()
            return
        if not self.earlier:
            self._say("Nothing to undo in this revisit.")
            return
        before, said = self.earlier[-1]
        try:
            if not (before.decisions or before.added or before.answers):
                discard_revisit_draft(self.store, self.client_id)
            else:
                save_revisit_draft(self.store, self.client_id, before)
        except StoreError as exc:
            self._say(f"{exc.message} (not undone)")
            return
        self.earlier.pop()
        self.draft = before
        self._draw()
        self._say(f"↶ Undone: {said}")

    def action_finish(self) -> None:
        from ..store.revisits import finish_revisit

        if self.draft is None or self._refuse_when_saved():
            return
        if self.mode:
            self._close_line()
        if self.draft.is_empty:
            self._say("Nothing decided, added or asked yet: nothing saved.")
            return
        if self.before_finish is not None and not self.before_finish():
            self._say("The session could not be written, so the revisit was not saved; your decisions are kept.")
            return
        try:
            version = finish_revisit(self.store, self.client_id, self.draft)
        except StoreError as exc:
            self._say(f"{exc.message} (your decisions are kept)")
            return
        self.saved, self.saved_from = version, self.draft
        self._say(f"✔ Saved as version {version.number}: {version.reason} · ctrl+z takes it back · Esc leaves")

    def _refuse_when_saved(self) -> bool:
        if self.saved is not None:
            self._say(f"Saved as version {self.saved.number}: ctrl+z takes it back to decide again · Esc leaves")
        return self.saved is not None

    def _undo_saved(self) -> None:
        """ctrl+z after saving: the version goes again and the walk is back as it was, to go on with."""
        from ..models.undo import Added
        from ..store.revisits import save_revisit_draft

        assert self.saved is not None and self.saved_from is not None
        try:
            self.store.undo(Added("Revisit saved", self.client_id, "versions", self.saved.id))
            save_revisit_draft(self.store, self.client_id, self.saved_from)
        except StoreError as exc:
            self._say(f"{exc.message} (not undone)")
            return
        self.saved = None
        self._draw()
        self._say("↶ Undone: the revisit's version. The walk is as it was: go on, or ctrl+s to save again.")

    def action_back(self) -> None:
        if self.mode:
            self._close_line()
            self._say("Closed; nothing written.")
            return
        if self.saved is not None and self.on_saved is not None:
            self.on_saved(self.saved)  # the session screen's ctrl+z can still take it back
        self.dismiss(None)


def _row_text(row: WalkRow) -> Hanging:
    """One row of the walk: its mark, the words as they stand, and under them what it is and why."""
    body = Text(row.text)
    if row.detail:
        body.append(f"\n{row.detail}", style="dim")
    return Hanging(Text(row.mark, style="bold"), body, MARK_WIDTH)
