"""Think time during the call: the agreed target nudged in steps, and the agreement kept in step with the clock.

A client who gets faster needs less silence; the coach changes the target
from the call in one key, and the "Think time" agreement, which says the same
thing in words, is offered the new number (never changed unasked).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .alliance import AllianceItem

STEP_SECONDS = 5
LOWEST, HIGHEST = 5, 600  # what a client's think time may be (models/client.py)
CATEGORY = "Think time"

_SECONDS = re.compile(r"\b(\d{1,3})(\s*(?:s\b|sec\b|secs\b|seconds?\b))", re.IGNORECASE)


def nudged(current: int, steps: int) -> int:
    """The target one step up or down, kept within what a think time may be."""
    return max(LOWEST, min(HIGHEST, current + steps * STEP_SECONDS))


def seconds_in(wording: str) -> int | None:
    """The number of seconds an agreement names ("45 seconds of silence" is 45), if it names one."""
    found = _SECONDS.search(wording)
    return int(found.group(1)) if found else None


def reworded(wording: str, seconds: int) -> str:
    """The agreement's words with its number of seconds changed to the new target."""
    return _SECONDS.sub(lambda m: f"{seconds}{m.group(2)}", wording, count=1)


def out_of_step(items: Iterable[AllianceItem], target: int) -> AllianceItem | None:
    """The think-time agreement whose number of seconds differs from the clock's target, if one does."""
    for item in items:
        if item.category == CATEGORY:
            said = seconds_in(item.wording)
            if said is not None and said != target:
                return item
    return None
