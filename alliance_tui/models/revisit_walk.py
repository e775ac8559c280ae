"""The rows of a revisit walk and what each shows: pure, so the screen only draws them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .alliance import AllianceItem
from .decisions import QUESTIONS, Decision
from .revisit import RevisitDraft

MARKS = {
    None: "·  to decide",
    Decision.KEEP: "✓  keep",
    Decision.CHANGE: "~  change",
    Decision.DROP: "✕  drop",
    Decision.ADD: "+  new",
}


@dataclass(frozen=True)
class WalkRow:
    """One row: an agreement (item_id), an item added in this revisit, or one of the three questions (question)."""

    mark: str
    text: str
    detail: str = ""
    item_id: str = ""
    question: str = ""
    added: bool = False


def walk_rows(items: Sequence[AllianceItem], draft: RevisitDraft) -> list[WalkRow]:
    rows: list[WalkRow] = []
    for item in items:
        found = draft.decision_for(item.id)
        text = found.wording if found is not None and found.decision is Decision.CHANGE else item.wording
        detail = item.category
        if found is not None and found.reason:
            detail += f" · why: {found.reason}"
        if found is not None and found.decision is Decision.CHANGE:
            detail += f" · was: {item.wording}"
        rows.append(WalkRow(MARKS[found.decision if found else None], text, detail, item_id=item.id))
    for item in draft.added:
        rows.append(WalkRow(MARKS[Decision.ADD], item.wording, item.category, item_id=item.id, added=True))
    for key, question in QUESTIONS:
        answer = draft.answer_to(key)
        rows.append(WalkRow("?  ask" if not answer else "✓  asked", question, answer or "not asked yet", question=key))
    return rows


def next_row(rows: Sequence[WalkRow], draft: RevisitDraft, after: int) -> int:
    """Where the walk goes next: the first row after `after` still to decide or ask, else the first anywhere."""

    def open_row(row: WalkRow) -> bool:
        if row.question:
            return not draft.answer_to(row.question)
        return not row.added and draft.decision_for(row.item_id) is None

    order = [*range(after + 1, len(rows)), *range(0, after + 1)]
    return next((i for i in order if open_row(rows[i])), min(after + 1, len(rows) - 1))


def progress(items: Sequence[AllianceItem], draft: RevisitDraft) -> str:
    decided = sum(1 for i in items if draft.decision_for(i.id) is not None)
    asked = sum(1 for key, _ in QUESTIONS if draft.answer_to(key))
    parts = [f"{decided}/{len(items)} decided"]
    if draft.added:
        parts.append(f"{len(draft.added)} new")
    parts.append(f"{asked}/{len(QUESTIONS)} asked")
    return " · ".join(parts)


def under_way(items: Sequence[AllianceItem], draft: RevisitDraft) -> str:
    """A line saying a revisit was left half-way, and how far it had come."""
    return f"↻ A revisit was left half-way ({progress(items, draft)})"
