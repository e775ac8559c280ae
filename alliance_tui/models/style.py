"""The coach's own style, and starting points: offered when an alliance is designed, never imposed.

A coach may describe her style up front (direct, rigorously honest,
sometimes challenging) and ask how it suits this client: at the first full
design the statement is shown as a prompt and each of its sentences offered
as a draft agreement the client can accept or change. A starting point is an
alliance that worked, saved under a name with its wording kept and the
client's name and specifics left out, offered (always editable) when a new
client's alliance is designed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from .alliance import AllianceItem
from .drafts import DraftItem
from .fields import Label
from .settings_doc import STARTING_ITEMS_MAX

STYLE_CATEGORY = "Style and tone"
FROM_STYLE = "your style"
SPECIFIC_CATEGORIES = frozenset({"Focus"})  # what this client works on: theirs alone, never a starting point


class StartingPoint(BaseModel):
    """A named alliance to start from: categories and wording only (no one's name, reasons or sessions)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Label
    items: tuple[DraftItem, ...] = Field(default=(), max_length=STARTING_ITEMS_MAX)


def style_sentences(statement: str) -> list[str]:
    """The statement's sentences (or lines), each one agreement the client can accept or change."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", statement)
    return [" ".join(p.split()) for p in parts if p.strip()]


def style_drafts(statement: str) -> list[DraftItem]:
    return [DraftItem(category=STYLE_CATEGORY, wording=s, source=FROM_STYLE) for s in style_sentences(statement)]


def _without_names(wording: str, names: Sequence[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        wording = re.sub(
            rf"\b{re.escape(name)}('s)?\b", lambda m: "the client" + (m.group(1) or ""), wording, flags=re.I
        )
    return wording


def starting_point(name: str, client_name: str, items: Iterable[AllianceItem]) -> StartingPoint:
    """An alliance as a starting point: the wording kept, the client's name and their own focus left out."""
    names = [n for n in (client_name, *client_name.split()) if len(n) > 1]
    label = " ".join(name.split())
    return StartingPoint(
        name=label,
        items=tuple(
            DraftItem(category=i.category, wording=_without_names(i.wording, names), source=f"starting point {label}")
            for i in items
            if i.category not in SPECIFIC_CATEGORIES
        ),
    )


def offered(point: StartingPoint) -> list[DraftItem]:
    """Its items as fresh drafts (new ids each time it is offered), so accepting one never touches the saved point."""
    return [DraftItem(category=d.category, wording=d.wording, source=d.source) for d in point.items]
