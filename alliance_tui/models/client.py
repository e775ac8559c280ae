"""A client of the practice and what the coach learned at intake."""

from __future__ import annotations

from pydantic import Field

from .base import Record
from .drafts import DraftItem
from .fields import Name, OptionalLong, OptionalShort, UtcDatetime

DEFAULT_THINK_TIME = 30
DEFAULT_PROGRAMME = 12
DEFAULT_SESSION_MINUTES = 60


class Client(Record):
    name: Name
    pronouns: OptionalShort = ""
    contact: OptionalShort = ""
    discovery_notes: OptionalLong = ""
    programme_sessions: int = Field(default=DEFAULT_PROGRAMME, ge=1, le=500)
    session_minutes: int = Field(default=DEFAULT_SESSION_MINUTES, ge=5, le=480)
    think_time_seconds: int = Field(default=DEFAULT_THINK_TIME, ge=5, le=600)
    # How many contacts between two sessions the client and coach agreed are fine (0: nothing agreed).
    contacts_between_sessions: int = Field(default=0, ge=0, le=99)
    archived: bool = False
    pro_bono: bool = False
    in_hours_log: bool = True
    created: UtcDatetime
    intake_drafts: tuple[DraftItem, ...] = ()  # answers offered to the alliance, until accepted or skipped
