"""What a revisit decided about each agreement, and the answers it captured: kept with the version it made."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .fields import Label, NoteText, OptionalNote


class Decision(StrEnum):
    KEEP = "keep"
    CHANGE = "change"
    DROP = "drop"
    ADD = "add"


class ItemDecision(BaseModel):
    """What the revisit decided about one agreement, and why (the reason shows in the history)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    item_id: str = Field(min_length=1, max_length=64)
    decision: Decision
    category: Label
    wording: NoteText  # as it stands after the revisit (for a drop: as it was)
    reason: OptionalNote = ""


class RevisitAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    question: Label
    answer: NoteText


# The three questions every revisit captures, in the order they are asked.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("well", "What is going well?"),
    ("less-well", "What is going less well?"),
    ("change", "What do we need to change?"),
)
