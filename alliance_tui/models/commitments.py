"""Commitments made at the end of a session and checked in at the start of the next."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .base import Record
from .text import NoteText, OptionalNote, OptionalShort
from .timeutil import UtcDatetime


class CommitmentStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"
    DROPPED = "dropped"
    CARRIED = "carried_forward"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]

    @property
    def is_settled(self) -> bool:
        """Settled commitments leave the check-in list; carried ones stay open."""
        return self not in (CommitmentStatus.OPEN, CommitmentStatus.CARRIED)


_LABELS = {
    CommitmentStatus.OPEN: "open",
    CommitmentStatus.DONE: "done",
    CommitmentStatus.PARTLY: "partly done",
    CommitmentStatus.NOT_DONE: "not done",
    CommitmentStatus.DROPPED: "dropped",
    CommitmentStatus.CARRIED: "carried forward",
}
_SYMBOLS = {
    CommitmentStatus.OPEN: "○",
    CommitmentStatus.DONE: "✔",
    CommitmentStatus.PARTLY: "◐",
    CommitmentStatus.NOT_DONE: "✘",
    CommitmentStatus.DROPPED: "–",
    CommitmentStatus.CARRIED: "↻",
}


class Commitment(Record):
    what: NoteText
    by_when: OptionalShort = ""
    how_accountable: OptionalNote = ""
    created: UtcDatetime
    session_number: int | None = Field(default=None, ge=1)
    status: CommitmentStatus = CommitmentStatus.OPEN
    checkin_note: OptionalNote = ""
    checked_in_session: int | None = Field(default=None, ge=1)
    checked_in_at: UtcDatetime | None = None

    @property
    def needs_checkin(self) -> bool:
        return not self.status.is_settled
