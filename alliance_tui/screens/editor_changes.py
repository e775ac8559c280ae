"""The alliance editor's changes to the working agreement: add, reword, move, remove, undo, each with its reason.

Every change goes through the form and waits on screen, marked, until the
version is saved; nothing here writes to the store but a new category.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input, OptionList, Select

from ..models.alliance import AllianceItem, RequestedBy
from ..models.diff import ChangeKind
from ..models.text import TextRefused, clean
from ..store import StoreError
from .draft_book import DRAFT_PREFIX
from .editor_core import REASON_MAX, WORD_ONLY, Mode, Pending
from .editor_offers import OffersInEditor


class ChangesInEditor(OffersInEditor):
    """The keys that change agreements (a r c d n u, ctrl+g) and the form that carries them out.

    The layer where a form's words are applied, whichever form it is: the
    practice's own forms (your style, a starting point, the ladder) are handed
    to the offers below.
    """

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
            from ..models.undo import SettingsChanged

            categories = list(self.store.settings.categories)
            try:
                added = self.store.add_category(wording_raw)
            except StoreError as exc:
                self.say(exc.message)
                return False
            after = list(self.store.settings.categories)
            label = f"Category \u201c{added}\u201d added"
            self.wrote(SettingsChanged(label, {"categories": categories}, {"categories": after}), "for every client")
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
                self.add_working_item(new, reason)
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
