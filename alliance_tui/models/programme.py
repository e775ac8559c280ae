"""Programmes: the chapters of a coaching relationship, each with its own length and focus.

Session numbers stay global (they name the session files); a programme only
says which run of them belongs together, so "session 3 of 12" is counted
within the programme the session falls in. A client who never renewed has no
stored programme: they are in programme 1, from their first session, as long
as their card says. The current programme's length is the client's
programme_sessions (what the client form edits); a closed one keeps the length
it had when it closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import Field

from .base import Record
from .client import DEFAULT_PROGRAMME, Client
from .fields import OptionalNote, UtcDatetime

IMPLICIT_ID = "programme-1"  # the programme every client is in until the first renewal


class Programme(Record):
    number: int = Field(ge=1)
    first_session: int = Field(default=1, ge=1)  # the global number of its first session
    planned_sessions: int = Field(default=DEFAULT_PROGRAMME, ge=1, le=500)
    focus: OptionalNote = ""
    started: UtcDatetime
    closed: UtcDatetime | None = None
    last_session: int | None = Field(default=None, ge=0)  # the last session held in it, once closed
    closing_summary: OptionalNote = ""

    @property
    def is_open(self) -> bool:
        return self.closed is None

    def position(self, session_number: int) -> int:
        """Where a (global) session number falls in this programme: 1 for its first session."""
        return max(1, session_number - self.first_session + 1)

    def holds(self, session_number: int) -> bool:
        last = self.last_session if self.last_session is not None else session_number
        return self.first_session <= session_number <= last


def implicit_programme(client: Client | None, started: datetime | None = None) -> Programme:
    """Programme 1 of a client who has never renewed: from the first session, as long as their card says."""
    when = (
        started if started is not None else (client.created if client is not None else datetime(2000, 1, 1, tzinfo=UTC))
    )
    return Programme(
        id=IMPLICIT_ID,
        number=1,
        first_session=1,
        planned_sessions=client.programme_sessions if client is not None else DEFAULT_PROGRAMME,
        started=when,
    )


def all_programmes(programmes: Sequence[Programme], client: Client | None = None) -> list[Programme]:
    """Every programme, oldest first; programme 1 is there even when it was never written down."""
    found = sorted(programmes, key=lambda p: p.number)
    if not found or found[0].number != 1:
        found.insert(0, implicit_programme(client))
    if client is not None and found[-1].is_open and found[-1].planned_sessions != client.programme_sessions:
        found[-1] = found[-1].model_copy(update={"planned_sessions": client.programme_sessions})
    return found


def current_programme(programmes: Sequence[Programme] = (), client: Client | None = None) -> Programme:
    """The programme now running: the latest one, or programme 1 when none was ever written."""
    return all_programmes(programmes, client)[-1]


def current_programme_number(programmes: Sequence[Programme] = ()) -> int:
    """The number the current programme goes by (1 until the first renewal)."""
    return max((p.number for p in programmes), default=1)


def programme_of(programmes: Sequence[Programme], session_number: int, client: Client | None = None) -> Programme:
    """The programme a (global) session number belongs to: the latest one begun at or before it."""
    every = all_programmes(programmes, client)
    return next((p for p in reversed(every) if p.first_session <= session_number), every[0])


def in_programme(programmes: Sequence[Programme], session_number: int, client: Client | None = None) -> tuple[int, int]:
    """(n, m) for "session n of m": the session's place within its programme, and that programme's length."""
    programme = programme_of(programmes, session_number, client)
    return programme.position(session_number), programme.planned_sessions
