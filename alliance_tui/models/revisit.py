"""A revisit that decides: each current agreement kept, reworded or dropped, new ones added, and the answers.

The walk is a draft, saved in the client's present after every decision, so a
revisit left half-way (a call cut short, Esc pressed) resumes where it stood.
Finishing turns it into one alliance version: the items as decided, a reason
per change, and the going-well / less-well / change answers attached.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from .alliance import AllianceItem
from .base import Record
from .decisions import QUESTIONS, Decision, ItemDecision, RevisitAnswer
from .fields import UtcDatetime


class RevisitDraft(Record):
    """A revisit under way: what was decided so far, against the version it started from."""

    started: UtcDatetime
    base_version: int = Field(default=0, ge=0)  # the alliance version being walked (0: none yet)
    session_number: int | None = Field(default=None, ge=1)
    decisions: tuple[ItemDecision, ...] = ()
    added: tuple[AllianceItem, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()  # (question key, answer)

    @property
    def is_empty(self) -> bool:
        """Nothing decided, added or asked yet: saving it would record a revisit that never happened."""
        return not (self.decisions or self.added or self.answers)

    def decision_for(self, item_id: str) -> ItemDecision | None:
        return next((d for d in self.decisions if d.item_id == item_id), None)

    def decide(self, decision: ItemDecision) -> RevisitDraft:
        """This draft with one more decision (a second one for the same item replaces the first)."""
        kept = tuple(d for d in self.decisions if d.item_id != decision.item_id)
        return self.model_copy(update={"decisions": (*kept, decision)})

    def add(self, item: AllianceItem) -> RevisitDraft:
        return self.model_copy(update={"added": (*self.added, item)})

    def answer(self, key: str, text: str) -> RevisitDraft:
        kept = tuple((k, a) for k, a in self.answers if k != key)
        return self.model_copy(update={"answers": (*kept, (key, text))} if text.strip() else {"answers": kept})

    def answer_to(self, key: str) -> str:
        return next((a for k, a in self.answers if k == key), "")

    def undecided(self, items: Sequence[AllianceItem]) -> list[AllianceItem]:
        decided = {d.item_id for d in self.decisions}
        return [i for i in items if i.id not in decided]

    def result(self, items: Sequence[AllianceItem]) -> list[AllianceItem]:
        """The agreement once the revisit is saved: undecided items are kept as they are."""
        out: list[AllianceItem] = []
        for item in items:
            found = self.decision_for(item.id)
            if found is None or found.decision is Decision.KEEP:
                out.append(item)
            elif found.decision is Decision.CHANGE:
                out.append(item.model_copy(update={"wording": found.wording, "reason": found.reason or item.reason}))
        return [*out, *self.added]

    def all_decisions(self, items: Sequence[AllianceItem]) -> tuple[ItemDecision, ...]:
        """One decision per item walked (undecided ones kept) and one per item added, in the agreement's order."""
        walked = [
            self.decision_for(i.id)
            or ItemDecision(item_id=i.id, decision=Decision.KEEP, category=i.category, wording=i.wording)
            for i in items
        ]
        added = [
            ItemDecision(item_id=i.id, decision=Decision.ADD, category=i.category, wording=i.wording, reason=i.reason)
            for i in self.added
        ]
        return (*walked, *added)

    def attached_answers(self) -> tuple[RevisitAnswer, ...]:
        texts = dict(QUESTIONS)
        return tuple(RevisitAnswer(question=texts.get(k, k), answer=a) for k, a in self.answers)

    def summary(self, items: Sequence[AllianceItem]) -> str:
        """The version's reason: what the revisit decided, counted."""
        counts = {kind: 0 for kind in Decision}
        for d in self.all_decisions(items):
            counts[d.decision] += 1
        parts = [
            f"{counts[k]} {label}"
            for k, label in (
                (Decision.KEEP, "kept"),
                (Decision.CHANGE, "changed"),
                (Decision.DROP, "dropped"),
                (Decision.ADD, "added"),
            )
            if counts[k]
        ]
        return "Revisit: " + (", ".join(parts) if parts else "nothing to decide")


__all__ = ["QUESTIONS", "Decision", "ItemDecision", "RevisitAnswer", "RevisitDraft"]
