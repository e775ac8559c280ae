"""The coach's style statement and the practice's starting points, kept in the practice's settings.

Both are practice-level (the same for every client) and travel with the
settings in backups. A starting point is made from a client's current
alliance with the client's name and specifics left out (models/style.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.style import StartingPoint, starting_point
from .errors import InvalidInput

if TYPE_CHECKING:
    from ..models.settings import PracticeSettings
    from .practice import PracticeStore


def set_style(store: PracticeStore, statement: str) -> PracticeSettings:
    """The coach's style statement, saved as written (empty: none)."""
    return store.update_settings(style=statement)


def change_style(store: PracticeStore, statement: str) -> tuple[str, str] | None:
    """Your style rewritten: (before, after) once on disk, for ctrl+z; None if it reads as before (nothing written)."""
    from .validating import revise

    with store.core.lock:
        before = store.settings.style
        after = revise(store.settings, style=statement).style  # as it would be kept: cleaned, or refused
        if after == before:
            return None
        return before, set_style(store, after).style


def save_starting_point(store: PracticeStore, client_id: str, name: str) -> tuple[StartingPoint, bool]:
    """This client's current alliance saved as a named starting point; True if it replaced one of that name."""
    from .validating import validating

    with store.core.lock:
        present = store.present(client_id)
        alliance = present.current_alliance
        if alliance is None or not alliance.items:
            raise InvalidInput(f"{present.client.name} has no agreement yet to start from; nothing was saved.")
        with validating(name="The starting point's name"):
            point = starting_point(name, present.client.name, alliance.items)
        if not point.items:
            raise InvalidInput("Only this client's own focus is agreed so far: nothing general to keep.")
        others = [p for p in store.settings.starting_points if p.name.casefold() != point.name.casefold()]
        replaced = len(others) < len(store.settings.starting_points)
        store.update_settings(starting_points=[*others, point])
        return point, replaced
