"""Which records a session ending puts away in that session's own file, and which stay at hand.

Pure: it decides by record ids, and the store moves the stored documents. What
stays is what a live session needs (models/present.py): the client, the open
session (and a copy of the latest one ended), commitments still open, and
anything tied to a session not yet ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .record import ClientRecord


def session_at(record: ClientRecord, when: datetime) -> int:
    """The last session begun before that moment; 0 before the first."""
    return max((s.number for s in record.sessions if s.started < when), default=0)


def _target(anchor: int, low: int, through: int) -> int | None:
    """The session file a record anchored to that session goes to, or None while its session is not yet ended."""
    if anchor > through:
        return None
    return min(max(anchor, low), through)


def sort_out(record: ClientRecord, low: int, through: int) -> dict[str, dict[str, int]]:
    """For each table, record id -> the number of the session file it goes to; anything not named stays.

    Sessions low..through are ended and put away now (low is the first not put
    away before). A record made between two sessions goes with the session
    before it, and never into a file already written (low). Versions go as
    the longest run from the oldest, so the ones at hand always follow on from
    the last one put away.
    """
    moves: dict[str, dict[str, int]] = {
        name: {} for name in ("sessions", "notes", "pauses", "versions", "commitments", "contacts")
    }

    def place(table: str, pairs: Iterable[tuple[str, int]]) -> None:
        for record_id, anchor in pairs:
            target = _target(anchor, low, through)
            if target is not None:
                moves[table][record_id] = target

    # A session put away before stays where it is (the present may hold a copy of it).
    place("sessions", ((s.id, s.number) for s in record.sessions if not s.is_open and s.number >= low))
    place("notes", ((n.id, n.session_number or session_at(record, n.created)) for n in record.notes))
    place("pauses", ((p.id, p.session_number or session_at(record, p.started)) for p in record.pauses))
    # A contact goes with the session after it: it stays at hand until that session ends.
    place("contacts", ((c.id, session_at(record, c.created) + 1) for c in record.contacts))
    place(
        "commitments",
        (
            (c.id, c.checked_in_session or session_at(record, c.checked_in_at or c.created))
            for c in record.commitments
            if not c.needs_checkin
        ),
    )
    for version in sorted(record.versions, key=lambda v: v.number):
        target = _target(record.session_of(version), low, through)
        if target is None:
            break
        moves["versions"][version.id] = target
    return moves
