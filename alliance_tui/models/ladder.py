"""The success ladder: good, great and amazing, in the client's words, and where each session landed.

Practitioners ask a client what good looks like, then great, then amazing;
the three levels are a ladder the coaching is measured against session by
session. One ladder per programme (a client's chapter of sessions); a session
carries its own mark (`Session.landed`), so the marks travel with the
sessions and the ladder stays small enough to live in the present.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import Field

from .base import Record
from .fields import OptionalNote, UtcDatetime
from .text import NOTE_MAX, TextRefused, clean_optional

FIRST_PROGRAMME = 1


class Landing(StrEnum):
    """Where a session landed on the ladder, lowest first."""

    BELOW = "below"
    GOOD = "good"
    GREAT = "great"
    AMAZING = "amazing"

    @property
    def label(self) -> str:
        return "below good" if self is Landing.BELOW else self.value

    @property
    def rung(self) -> int:
        """0 below good, 1 good, 2 great, 3 amazing: the chart's row."""
        return list(Landing).index(self)


# What one press of the marking key moves to: up the ladder, then below good, then no mark.
_CYCLE: dict[Landing | None, Landing | None] = {
    None: Landing.GOOD,
    Landing.GOOD: Landing.GREAT,
    Landing.GREAT: Landing.AMAZING,
    Landing.AMAZING: Landing.BELOW,
    Landing.BELOW: None,
}


def next_landing(current: Landing | None) -> Landing | None:
    return _CYCLE[current]


class SuccessLadder(Record):
    programme: int = Field(default=FIRST_PROGRAMME, ge=1)
    good: OptionalNote = ""
    great: OptionalNote = ""
    amazing: OptionalNote = ""
    set_in_session: int | None = Field(default=None, ge=1)  # None: set outside a session (the editor)
    updated: UtcDatetime

    @property
    def is_empty(self) -> bool:
        return not (self.good or self.great or self.amazing)

    def words_for(self, landing: Landing) -> str:
        """The client's words for that rung ('' below good, or where a rung is not put into words)."""
        return "" if landing is Landing.BELOW else str(getattr(self, landing.value))

    def as_line(self) -> str:
        """The ladder as the log line edits it: good | great | amazing."""
        return " | ".join((self.good, self.great, self.amazing))


def parse_ladder(text: str) -> tuple[str, str, str]:
    """good | great | amazing from one line; raise TextRefused with a message for the coach."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 3:
        raise TextRefused("A success ladder has three parts: good | great | amazing.")
    parts += [""] * (3 - len(parts))
    good, great, amazing = (
        clean_optional(p, field=f"What {name} looks like", max_len=NOTE_MAX, multiline=False)
        for p, name in zip(parts, ("good", "great", "amazing"), strict=True)
    )
    if not (good or great or amazing):
        raise TextRefused("Type what good looks like, then | great | amazing, in the client's words.")
    return good, great, amazing


def ladder_of(ladders: Iterable[SuccessLadder], programme: int) -> SuccessLadder | None:
    return next((ladder for ladder in ladders if ladder.programme == programme), None)


def unchanged(ladder: SuccessLadder | None, good: str, great: str, amazing: str) -> bool:
    """True when these words are the ladder as it stands: an Enter on it as offered saves nothing."""
    return ladder is not None and (ladder.good, ladder.great, ladder.amazing) == (good, great, amazing)


def landing_chart(marks: Sequence[tuple[int, Landing | None]], *, columns: int = 16) -> list[str]:
    """The marks of a programme's sessions as rows of text, amazing at the top; fits 80 columns.

    Each session is one four-character column (its latest `columns` shown);
    a session with no mark shows a dot on the bottom row.
    """
    shown = list(marks)[-columns:]
    if not shown:
        return []
    rows = []
    for landing in reversed(Landing):
        cells = "".join((" ●  " if mark is landing else "    ") for _, mark in shown)
        rows.append(f"{landing.label:<10} │{cells}".rstrip())
    rows.append(f"{'not marked':<10} │" + "".join(" ·  " if mark is None else "    " for _, mark in shown).rstrip())
    rows.append(" " * 11 + "└" + "────" * len(shown))
    rows.append(" " * 12 + "".join(f"S{n}".ljust(4) for n, _ in shown).rstrip())
    return rows


def describe_landings(marks: Sequence[tuple[int, Landing | None]]) -> str:
    """One sentence a coach reads at a glance."""
    marked = [(n, m) for n, m in marks if m is not None]
    if not marked:
        return "No session marked on the ladder yet (in a session: ctrl+b, then ctrl+b again to mark)."
    counts = {landing: sum(1 for _, m in marked if m is landing) for landing in Landing}
    said = ", ".join(f"{counts[landing]} {landing.label}" for landing in reversed(Landing) if counts[landing])
    last_n, last = marked[-1]
    return f"{len(marked)} of {len(marks)} sessions marked ({said}); S{last_n} landed {last.label}."
