"""Draft agreements from the intake, as the alliance editor lists them: accepted, edited or skipped by the coach.

A draft is offered below the agreement, never in it. Accepting one (y) or
editing it first (r) adds it to the working agreement like any other
addition; skipping it (d) sets it aside. Nothing is written until the coach
saves with ctrl+s: then the accepted ones are in the new version and the
drafts decided on leave the client's card; the others wait for another day.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Input, OptionList

from ..models.alliance import AllianceItem, RequestedBy
from ..models.drafts import DraftItem
from ..models.wording import plural
from ..store import StoreError
from ..widgets.version_diff import TAG_WIDTH, hanging
from .base import AllianceScreen

DRAFT_PREFIX = "draft-"
FROM_INTAKE = "From the intake form"


def reason_for(draft: DraftItem) -> str:
    """Why an accepted draft is in the agreement: where it was offered from."""
    if not draft.source or draft.source.startswith("intake"):
        return FROM_INTAKE
    return f"From {draft.source}"


class DraftBook:
    """The drafts on the editor's list and what the coach decided for each, until the version is saved."""

    def __init__(self, drafts: list[DraftItem]) -> None:
        self.drafts = drafts
        self.skipped: set[str] = set()
        self.accepted_as: dict[str, str] = {}  # the agreement's id -> the draft it came from

    @property
    def accepted(self) -> set[str]:
        return set(self.accepted_as.values())

    @property
    def decided(self) -> bool:
        return bool(self.skipped or self.accepted_as)

    def listed(self) -> list[DraftItem]:
        """Every draft not accepted (a skipped one stays listed, struck through, so u can bring it back)."""
        return [d for d in self.drafts if d.id not in self.accepted]

    def waiting(self) -> list[DraftItem]:
        """What stays on the client's card after the save: neither accepted nor skipped."""
        return [d for d in self.drafts if d.id not in self.accepted and d.id not in self.skipped]

    def find(self, option_id: str | None) -> DraftItem | None:
        if option_id is None or not option_id.startswith(DRAFT_PREFIX):
            return None
        wanted = option_id.removeprefix(DRAFT_PREFIX)
        return next((d for d in self.drafts if d.id == wanted), None)

    def accept(self, draft: DraftItem, item_id: str) -> None:
        self.skipped.discard(draft.id)
        self.accepted_as[item_id] = draft.id

    def forget_item(self, item_id: str) -> None:
        """An accepted draft's agreement undone or removed: the draft is offered again."""
        self.accepted_as.pop(item_id, None)

    def toggle_skip(self, draft: DraftItem) -> bool:
        """Skipped now (True) or offered again (False)."""
        if draft.id in self.skipped:
            self.skipped.discard(draft.id)
            return False
        self.skipped.add(draft.id)
        return True

    def heading(self) -> Text:
        """How many wait, and from where: the intake, your style, a starting point."""
        counts: dict[str, int] = {}
        for draft in self.waiting():
            whence = reason_for(draft).removeprefix("From ").replace("intake form", "intake")
            counts[whence] = counts.get(whence, 0) + 1
        if set(counts) <= {"the intake"}:
            said = f"Drafts from the intake ({len(self.waiting())} waiting): "
        else:
            said = "Drafts waiting: " + ", ".join(f"{n} from {whence}" for whence, n in counts.items()) + ". "
        text = Text(said, style="bold")
        text.append("y accepts · r edits, then accepts · d skips · u brings a skipped one back", style="dim")
        return text

    def label(self, draft: DraftItem) -> Table:
        skipped = draft.id in self.skipped
        body = Text()
        body.append(f"{draft.category}: ", style="bold dim" if skipped else "bold")
        body.append(Text(draft.wording, style="strike dim" if skipped else "italic"))
        if draft.source:
            body.append(f"  ({draft.source.split(', ref')[0]})", style="dim")
        tag = Text("– skipped" if skipped else "? draft", style="dim" if skipped else "bold cyan")
        return hanging([(tag, body)], tag_width=TAG_WIDTH)


class DraftsInEditor(AllianceScreen):
    """The alliance editor's keys on the drafts offered: accept (y), edit (r), skip (d), bring back (u).

    Drafts come from the client's intake answers, the coach's style (until a
    first full design) and a starting point (while nothing is agreed).

    Mixed into AllianceEditorScreen, which provides the working agreement and
    the form; kept apart so the editor's own class stays about agreements.
    """

    client_id: str
    drafts: DraftBook
    intake: list[DraftItem]  # the client's own drafts, kept on their card; the rest are offers
    drafting: str | None  # the draft the add form is accepting, edited
    warned_unsaved: bool

    # The editor's own, used here.
    def refresh_items(self) -> None:
        raise NotImplementedError

    def add_working_item(self, item: AllianceItem, reason: str) -> None:
        raise NotImplementedError

    def open_add_form(self) -> None:
        raise NotImplementedError

    def fill_categories(self, select: str | None = None) -> None:
        raise NotImplementedError

    def session_number(self) -> int | None:
        raise NotImplementedError

    def highlighted_draft(self) -> DraftItem | None:
        option_list = self.query_one("#items", OptionList)
        index = option_list.highlighted
        if index is None or index >= option_list.option_count:
            return None
        return self.drafts.find(option_list.get_option_at_index(index).id)

    def action_accept_draft(self) -> None:
        """The highlighted draft, as the client wrote it, added to the working agreement (saved with ctrl+s)."""
        draft = self.highlighted_draft()
        if draft is None:
            self.notify("Highlight a draft first (below the agreement).", timeout=4)
            return
        new = AllianceItem(
            category=draft.category,
            wording=draft.wording,
            requested_by=RequestedBy.CLIENT,
            reason=reason_for(draft),
            agreed_in_session=self.session_number(),
        )
        self.add_working_item(new, reason_for(draft))
        self.drafts.accept(draft, new.id)
        self.refresh_items()

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
