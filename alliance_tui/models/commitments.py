"""Commitments made at the end of a session and checked in at the start of the next."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from .base import Record
from .dates import long_day, resolve_by_when, short_date
from .fields import NoteText, OptionalNote, OptionalShort, UtcDatetime
from .timeutil import local_date


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
    # The day "by when" meant on the day it was said, kept beside the words so it never drifts.
    due: date | None = None

    @model_validator(mode="before")
    @classmethod
    def _resolve_due(cls, data: Any) -> Any:
        """Work out the day once, from the words and the day the commitment was made.

        Records written before dates were understood get theirs the same way when read.
        """
        if not isinstance(data, dict) or data.get("due") is not None or not data.get("by_when"):
            return data
        created = data.get("created")
        if isinstance(created, str):
            try:
                created = datetime.fromisoformat(created.replace("Z", "+00:00"))
            except ValueError:
                return data  # the field's own validation names the problem
        if not isinstance(created, datetime) or created.tzinfo is None:
            return data
        due = resolve_by_when(str(data["by_when"]), local_date(created))
        return data if due is None else {**data, "due": due}

    def by_label(self, today: date | None = None, *, long: bool = False) -> str:
        """The words as typed with the day they meant; "" when no by-when.

        Short: "Next Friday · Fri 11 Dec" for a row; long: "Next Friday (Friday 11 December 2026)" for a letter.
        """
        if not self.by_when:
            return ""
        if self.due is None:
            return self.by_when
        if long:
            return f"{self.by_when} ({long_day(self.due)})"
        return f"{self.by_when} · {short_date(self.due, today)}"

    def overdue(self, today: date) -> bool:
        """Still to be checked in and its day has passed."""
        return self.due is not None and self.due < today and self.needs_checkin

    @property
    def needs_checkin(self) -> bool:
        return not self.status.is_settled
