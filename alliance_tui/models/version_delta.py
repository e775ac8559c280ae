"""An alliance version stored as what changed since the one before it.

A long relationship saves a version at most sessions, and nearly every item of
each is the previous version's, unchanged. Storing only the items added or
changed, the ids removed and (when it differs from the obvious one) the new
order keeps every version exactly recoverable, whole, at a fraction of the
bytes and of the validation a full copy per version costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from .alliance import AllianceItem, AllianceVersion


class Delta(BaseModel):
    """The items of one version, given the items of the version before it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    changed: tuple[AllianceItem, ...] = ()  # added, or different in any field from the previous one of that id
    removed: tuple[str, ...] = ()  # ids of the previous version not in this one
    order: tuple[str, ...] | None = None  # every id in order, only when not "kept ones, then added ones"


def _natural_order(before: Sequence[AllianceItem], removed: set[str], changed: Sequence[AllianceItem]) -> list[str]:
    kept = [i.id for i in before if i.id not in removed]
    known = set(kept)
    return kept + [i.id for i in changed if i.id not in known]


def diff(before: Sequence[AllianceItem], after: Sequence[AllianceItem]) -> Delta:
    """What turns the items before into the items after; apply(before, diff(before, after)) == after."""
    previous = {i.id: i for i in before}
    # An item carried over is the very object before (frozen): compared by identity, not field by field.
    changed = tuple(i for i in after if previous.get(i.id) is not i and previous.get(i.id) != i)
    kept = {i.id for i in after}
    removed = tuple(i.id for i in before if i.id not in kept)
    wanted = [i.id for i in after]
    order = None if _natural_order(before, set(removed), changed) == wanted else tuple(wanted)
    return Delta(changed=changed, removed=removed, order=order)


def apply(before: Sequence[AllianceItem], delta: Delta) -> list[AllianceItem]:
    """The items after: unchanged ones are the very objects before (records are never mutated in place)."""
    items = {i.id: i for i in before if i.id not in set(delta.removed)}
    items.update((i.id, i) for i in delta.changed)
    order = delta.order if delta.order is not None else _natural_order(before, set(delta.removed), delta.changed)
    return [items[i] for i in order]


VERSION_FIELDS = ("id", "number", "created", "session_number", "reason", "full_design")
REVISIT_FIELDS = ("revisit", "decisions", "answers")  # stored only on a version a revisit made


def compact_doc(previous: AllianceVersion | None, version: AllianceVersion) -> dict[str, Any]:
    """The stored form of a version: its own fields and its delta from the previous one, as JSON."""
    doc = version.model_dump(mode="json", include=set(VERSION_FIELDS))
    if version.revisit:
        doc.update(version.model_dump(mode="json", include=set(REVISIT_FIELDS)))
    delta = diff(previous.items if previous else (), version.items).model_dump(mode="json")
    # Only the parts there are; each item stored whole, so its meaning never rests on a default.
    doc["delta"] = {key: value for key, value in delta.items() if value}
    return doc


def expand_doc(previous: AllianceVersion | None, doc: dict[str, Any]) -> AllianceVersion:
    """A stored version whole again: a compact one is applied to the previous, a full copy read as it is."""
    if "delta" not in doc:
        return AllianceVersion.model_validate(doc)
    delta = Delta.model_validate(doc["delta"])
    fields = {k: v for k, v in doc.items() if k != "delta"}
    version = AllianceVersion.model_validate({**fields, "items": []})
    # The items are already validated (unchanged ones with the version they came from); no copy of each.
    return version.model_copy(update={"items": apply(previous.items if previous else (), delta)})


def expand_all(docs: Sequence[dict[str, Any]], start: AllianceVersion | None = None) -> list[AllianceVersion]:
    """Every stored version whole, in order, each applied to the one before it (the first to start)."""
    versions: list[AllianceVersion] = []
    for doc in docs:
        versions.append(expand_doc(versions[-1] if versions else start, doc))
    return versions
