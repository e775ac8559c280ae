"""What a renewal compares: the alliance as each programme began.

A new programme is a new chapter, not a blank page: at renewal the coach and
client look at the agreement as it stands against the one they started the
closing programme with.
"""

from __future__ import annotations

from .alliance import AllianceVersion
from .programme import Programme
from .record import ClientRecord


def alliance_at_start(record: ClientRecord, programme: Programme) -> AllianceVersion | None:
    """The alliance as the programme's first session began (for one not yet begun: as it stands now)."""
    return record.version_before_session(programme.first_session)


def programme_span(programme: Programme, held_through: int) -> str:
    """E.g. "sessions 1–8, 8 of 8 held" (what the programme covered, in the coach's words)."""
    last = programme.last_session if programme.last_session is not None else held_through
    held = max(0, last - programme.first_session + 1)
    if held == 0:
        return f"no session held yet of {programme.planned_sessions} planned"
    span = f"session {last}" if held == 1 else f"sessions {programme.first_session}–{last}"
    return f"{span}, {held} of {programme.planned_sessions} held"
