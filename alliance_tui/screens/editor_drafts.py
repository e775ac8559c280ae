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

from ..models.drafts import DraftItem
from ..widgets.version_diff import TAG_WIDTH, hanging

DRAFT_PREFIX = "draft-"
FROM_INTAKE = "From the intake form"


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
        waiting = len(self.waiting())
        text = Text(f"Drafts from the intake ({waiting} waiting): ", style="bold")
        text.append("y accepts · r edits, then accepts · d skips · u brings a skipped one back", style="dim")
        return text

    def label(self, draft: DraftItem) -> Table:
        skipped = draft.id in self.skipped
        body = Text()
        body.append(f"{draft.category}: ", style="bold dim" if skipped else "bold")
        body.append(Text(draft.wording, style="strike dim" if skipped else "italic"))
        tag = Text("– skipped" if skipped else "? draft", style="dim" if skipped else "bold cyan")
        return hanging([(tag, body)], tag_width=TAG_WIDTH)
