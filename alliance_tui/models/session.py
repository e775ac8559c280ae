"""A coaching session and what the client wants from it."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from .base import Record
from .client import DEFAULT_SESSION_MINUTES
from .fields import OptionalNote, UtcDatetime
from .ladder import Landing

RUNAWAY_FACTOR = 2  # a session over twice its planned length was left running: counted as planned


class Session(Record):
    number: int = Field(ge=1)
    started: UtcDatetime
    ended: UtcDatetime | None = None
    planned_minutes: int = Field(default=DEFAULT_SESSION_MINUTES, ge=5, le=480)
    focus: OptionalNote = ""  # what the client wants from today
    success_measure: OptionalNote = ""  # how they will know it went well
    # The computer's clock read earlier than the start when it ended: it was ended at its start instead.
    clock_set_back: bool = False
    think_time_set: int | None = Field(default=None, ge=5, le=600)  # the think time as changed in this session
    landed: Landing | None = None  # where it landed on the client's success ladder (models/ladder.py)

    @property
    def clock_doubt(self) -> bool:
        """Its length cannot be trusted: ended on a clock set back (or, in older files, before it began)."""
        return self.clock_set_back or (self.ended is not None and self.ended < self.started)

    @property
    def is_open(self) -> bool:
        return self.ended is None

    @property
    def hours(self) -> float:
        """Hours as the hours log counts them: the planned length when the real one cannot be trusted
        (still open, ended on a clock set back, or over twice as long as planned: left running)."""
        planned = self.planned_minutes / 60
        if self.ended is None or self.clock_doubt:
            return planned
        actual = (self.ended - self.started).total_seconds() / 3600
        return planned if actual > planned * RUNAWAY_FACTOR else actual

    def elapsed_seconds(self, now: datetime) -> float:
        end = self.ended or now
        return max(0.0, (end - self.started).total_seconds())
