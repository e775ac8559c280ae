"""The drafts the alliance editor lists below the agreement, and what the coach decided for each.

Plain data, apart from the screen: the editor's layers (the listing, the keys
on drafts, the offers) all read and change the one book the screen holds.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..models.drafts import DraftItem
from ..widgets.version_diff import TAG_WIDTH, hanging

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
        text.append(
            "y accepts (Enter adds it) · r edits, then accepts · d skips · u brings a skipped one back", style="dim"
        )
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
