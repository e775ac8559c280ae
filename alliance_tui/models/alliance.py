"""The designed alliance: versioned, never rewritten, any two versions comparable."""

from __future__ import annotations

from pydantic import Field

from .base import Record, new_id
from .decisions import ItemDecision, RevisitAnswer
from .fields import Label, NoteText, OptionalNote, UtcDatetime
from .kinds import RequestedBy

DEFAULT_CATEGORIES: tuple[str, ...] = (
    "Logistics",
    "Focus",
    "Style and tone",
    "Permissions",
    "Accountability",
    "Think time",
    "Feedback",
    "Between sessions",
    "Coach's requests",
)


class AllianceItem(Record):
    """One agreement. Its id survives rewording, so versions can be diffed."""

    category: Label
    wording: NoteText
    requested_by: RequestedBy = RequestedBy.BOTH
    agreed_in_session: int | None = Field(default=None, ge=1)  # None means at intake
    reason: OptionalNote = ""


class AllianceVersion(Record):
    number: int = Field(ge=1)
    created: UtcDatetime
    session_number: int | None = Field(default=None, ge=1)
    reason: OptionalNote = ""
    full_design: bool = False  # a whole re-design of the alliance, not a single tweak
    revisit: bool = False  # made by a revisit that walked every item (models/revisit.py)
    decisions: tuple[ItemDecision, ...] = ()  # a revisit's decision per item, each with its reason
    answers: tuple[RevisitAnswer, ...] = ()  # what the client said was going well, less well, to change
    items: list[AllianceItem] = Field(default_factory=list)

    def by_category(self, categories: tuple[str, ...] = DEFAULT_CATEGORIES) -> list[tuple[str, list[AllianceItem]]]:
        """Items grouped in the order the coach knows: defaults first, then the coach's own."""
        order = list(categories) + sorted({i.category for i in self.items} - set(categories))
        groups = [(c, [i for i in self.items if i.category == c]) for c in order]
        return [(c, items) for c, items in groups if items]


def item(category: str, wording: str, **kwargs: object) -> AllianceItem:
    """Convenience constructor with a fresh id."""
    return AllianceItem(id=new_id(), category=category, wording=wording, **kwargs)
