"""The calls the coach matched to clients by hand, remembered in the practice settings.

A correction is kept under the event's UID (a repeating call is corrected once
for the whole series) and under its title (a calendar exported again may give
the same call a new UID). Kept with the practice, so a backup carries it and
erasing a client takes their corrections with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..models.calendar import NOT_A_CLIENT, CalendarEvent, match_keys
from ..models.settings_doc import MATCHES_MAX

if TYPE_CHECKING:
    from ..models.settings import PracticeSettings
    from .practice import PracticeStore


def remembered_matches(store: PracticeStore) -> Mapping[str, str]:
    return dict(store.settings.calendar_matches)


def remember_match(store: PracticeStore, event: CalendarEvent, client_id: str | None) -> None:
    """This event (and its series) is with that client from now on; None: it is not a call with a client."""
    if client_id is not None:
        store.summary(client_id)  # UnknownRecord for a client not (or no longer) in the practice
    said = client_id if client_id is not None else NOT_A_CLIENT

    def change(settings: PracticeSettings) -> dict[str, Any]:
        matches = {k: v for k, v in settings.calendar_matches.items() if k not in match_keys(event)}
        while len(matches) + len(match_keys(event)) > MATCHES_MAX:  # the oldest correction makes room
            matches.pop(next(iter(matches)))
        matches.update(dict.fromkeys(match_keys(event), said))
        return {"calendar_matches": matches}

    store.revise_settings(change)


def forget_client_matches(store: PracticeStore, client_id: str) -> None:
    """Every correction naming this client goes (erasing a client leaves no trace of them here)."""
    if client_id not in store.settings.calendar_matches.values():
        return

    def change(settings: PracticeSettings) -> dict[str, Any]:
        return {"calendar_matches": {k: v for k, v in settings.calendar_matches.items() if v != client_id}}

    store.revise_settings(change)
