"""Draft agreements: a client's intake answers offered to the alliance, waiting for the coach's say.

A draft is not part of the alliance. It sits on the client's card until the
coach accepts it (as it is or reworded) or skips it in the alliance editor;
only an accepted draft becomes an agreement, in a version the coach saves.
"""

from __future__ import annotations

from .base import Record
from .fields import Label, NoteText, OptionalShort
from .intake import IntakeAnswers

WORDING_MAX = 2_000  # an agreement's wording (fields.NoteText)


class DraftItem(Record):
    category: Label
    wording: NoteText
    source: OptionalShort = ""  # where it came from, e.g. "intake form, ref 3f2a…"


def drafts_from(answers: IntakeAnswers, categories: tuple[str, ...]) -> list[DraftItem]:
    """One draft per answer, in its question's category (Focus when the practice no longer has that category)."""
    known = {c.casefold(): c for c in categories}
    drafts = []
    for answer in answers.answers:
        wording = " ".join(answer.text.split())[:WORDING_MAX]
        category = known.get(answer.question.category.casefold(), "Focus")
        drafts.append(DraftItem(category=category, wording=wording, source=f"intake form, ref {answers.reference}"))
    return drafts


def still_drafts(drafts: tuple[DraftItem, ...] | list[DraftItem], agreed: list[tuple[str, str]]) -> list[DraftItem]:
    """The drafts not already agreed word for word (a save cut short before the drafts were cleared)."""
    done = {(c.casefold(), " ".join(w.split())) for c, w in agreed}
    return [d for d in drafts if (d.category.casefold(), " ".join(d.wording.split())) not in done]
