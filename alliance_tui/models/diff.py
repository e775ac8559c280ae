"""Comparing two alliance versions item by item.

Items keep their id across rewording and recategorising, so a change of words is
reported as a rewording rather than a removal plus an addition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from .alliance import AllianceItem, AllianceVersion


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    REWORDED = "reworded"
    RECATEGORISED = "recategorised"
    UNCHANGED = "unchanged"

    @property
    def symbol(self) -> str:
        return {"added": "+", "removed": "-", "reworded": "~", "recategorised": ">", "unchanged": " "}[self.value]


@dataclass(frozen=True)
class ItemChange:
    kind: ChangeKind
    before: AllianceItem | None
    after: AllianceItem | None

    @property
    def item(self) -> AllianceItem:
        found = self.after or self.before
        assert found is not None
        return found


def diff_versions(old: AllianceVersion | None, new: AllianceVersion) -> list[ItemChange]:
    """Every item of both versions, in the new version's order, removed ones last."""
    before = {i.id: i for i in old.items} if old else {}
    changes: list[ItemChange] = []
    for after in new.items:
        prior = before.get(after.id)
        if prior is None:
            changes.append(ItemChange(ChangeKind.ADDED, None, after))
        elif prior.wording != after.wording:
            changes.append(ItemChange(ChangeKind.REWORDED, prior, after))
        elif prior.category != after.category:
            changes.append(ItemChange(ChangeKind.RECATEGORISED, prior, after))
        else:
            changes.append(ItemChange(ChangeKind.UNCHANGED, prior, after))
    kept = {i.id for i in new.items}
    changes += [ItemChange(ChangeKind.REMOVED, i, None) for i in (old.items if old else []) if i.id not in kept]
    return changes


class WordChange(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


_TOKENS = re.compile(r"\w+|\s+|[^\w\s]+")


def word_changes(old: str, new: str) -> list[tuple[WordChange, str]]:
    """A rewording as runs of kept, removed and added words, in reading order.

    Whole words, not letters: "weekly" to "fortnightly" reads as one word
    swapped, not a scatter of changed letters. Joining the SAME and REMOVED runs
    gives back ``old``; joining SAME and ADDED gives back ``new``.
    """
    a = _TOKENS.findall(old)
    b = _TOKENS.findall(new)
    out: list[tuple[WordChange, str]] = []

    def put(kind: WordChange, tokens: list[str]) -> None:
        if not tokens:
            return
        text = "".join(tokens)
        if out and out[-1][0] is kind:
            out[-1] = (kind, out[-1][1] + text)
        else:
            out.append((kind, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            put(WordChange.SAME, a[i1:i2])
        else:
            put(WordChange.REMOVED, a[i1:i2])
            put(WordChange.ADDED, b[j1:j2])
    return out
