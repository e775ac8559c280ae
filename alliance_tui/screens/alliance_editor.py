"""Editing the alliance between calls: every change carries its reason, one save is one version.

Changes collect on screen (marked by symbol and word) until the coach saves with
ctrl+s; the store then writes the whole agreement as a new version, so nothing
earlier is ever rewritten.

This module is the screen as the app knows it: its keys, loading the
agreement, the revisit, saving the version and leaving; the layers below it
(editor_core, editor_drafts, editor_offers, editor_changes) each hold one
kind of action.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static

from ..models.diff import ChangeKind
from ..models.drafts import still_drafts
from ..models.wording import plural
from ..store import StoreError
from .draft_book import DraftBook
from .editor_changes import ChangesInEditor
from .editor_core import REASON_MAX
from .editor_keys import EDITOR_BINDINGS


class AllianceEditorScreen(ChangesInEditor):
    """The editor as the app opens it: its keys and styles, the agreement loaded, the version saved or left."""

    CSS_PATH = "alliance_editor.tcss"
    BINDINGS = EDITOR_BINDINGS

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

    # ----------------------------------------------------------------- saving and leaving

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
