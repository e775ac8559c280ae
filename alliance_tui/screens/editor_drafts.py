"""Draft agreements from the intake, as the alliance editor lists them: accepted, edited or skipped by the coach.

A draft is offered below the agreement, never in it. Accepting one (y, then
Enter) or editing it first (r) adds it to the working agreement like any other
addition; skipping it (d) sets it aside. Nothing is written until the coach
saves with ctrl+s: then the accepted ones are in the new version and the
drafts decided on leave the client's card; the others wait for another day.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, OptionList, Static

from ..models.drafts import DraftItem
from ..models.wording import plural
from ..store import StoreError
from .draft_book import reason_for
from .editor_core import EditorCore


class DraftsInEditor(EditorCore):
    """The alliance editor's keys on the drafts offered: accept (y), edit (r), skip (d), bring back (u).

    Drafts come from the client's intake answers, the coach's style (until a
    first full design) and a starting point (while nothing is agreed); a
    layer of their own, so what acts on agreements stays apart from them.
    """

    def highlighted_draft(self) -> DraftItem | None:
        option_list = self.query_one("#items", OptionList)
        index = option_list.highlighted
        if index is None or index >= option_list.option_count:
            return None
        return self.drafts.find(option_list.get_option_at_index(index).id)

    def action_accept_draft(self) -> None:
        """The highlighted draft opened to accept: the form shows it as it will be added, and Enter adds it.

        Only Enter changes the agreement, so a y typed in a sentence adds nothing by itself; the version is
        still saved with ctrl+s.
        """
        draft = self.highlighted_draft()
        if draft is None:
            self.notify("Highlight a draft first (below the agreement).", timeout=4)
            return
        self.edit_draft(draft)
        self.query_one("#form-title", Static).update(self.accept_title(draft))
        self.query_one("#reason", Input).focus()

    def accept_title(self, draft: DraftItem) -> Text:
        title = Text("Accept this draft: Enter adds it to the agreement as it reads", style="bold")
        title.append(" (shift+Tab to change its words first; Esc leaves it a draft)\n")
        title.append(f"{draft.category}: ", style="bold")
        title.append(draft.wording, style="italic")
        return title

    def edit_draft(self, draft: DraftItem) -> None:
        """The add form, holding the draft's words and category: Enter twice accepts it as edited."""
        self.open_add_form()
        self.drafting = draft.id
        self.fill_categories(draft.category)
        self.query_one("#wording", Input).value = draft.wording
        self.query_one("#reason", Input).value = reason_for(draft)

    def skip_draft(self) -> bool:
        """d on a draft: skipped, or offered again; False when no draft is highlighted."""
        draft = self.highlighted_draft()
        if draft is None:
            return False
        skipped = self.drafts.toggle_skip(draft)
        self.warned_unsaved = False
        self.refresh_items()
        said = "Skipped (u brings it back)" if skipped else "Offered again"
        self.notify(f"{said}: {draft.wording[:60]}", timeout=3, markup=False)
        return True

    def restore_draft(self) -> bool:
        """u on a skipped draft: offered again; False when the highlighted line is no skipped draft."""
        draft = self.highlighted_draft()
        if draft is None or draft.id not in self.drafts.skipped:
            return False
        self.drafts.toggle_skip(draft)
        self.refresh_items()
        return True

    def save_drafts(self) -> None:
        """The intake's drafts decided on leave the client's card; the rest wait for another day.

        Only the client's own drafts are kept on their card: your style and a
        starting point are offers, made afresh each time the editor opens.
        """
        from ..store.intake import set_drafts

        waiting = [d for d in self.drafts.waiting() if d in self.intake]
        if waiting == self.intake:
            return
        try:
            set_drafts(self.store, self.client_id, waiting)
        except StoreError as exc:
            self.report(exc, title="Drafts not cleared")
            return
        left = len(waiting)
        if left:
            self.notify(f"{plural(left, 'draft')} from the intake still waiting.", timeout=4)
