"""What the dashboard shows of a client without opening their file.

A plain, immutable value rather than a pydantic model: the dashboard is drawn
from these alone, so the first frame needs neither pydantic nor the record
models. Read back from the practice index strictly: anything not exactly as
``to_index`` writes it is refused, and the store then re-reads that client's
own file (as it does for any entry it cannot trust).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from .timeutil import format_utc, parse_stored_utc, to_utc

DEFAULT_PROGRAMME_SESSIONS = 12


class InvalidSummary(ValueError):
    """An index entry that is not a summary as this version writes it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientSummary:
    id: str
    name: str
    archived: bool = False
    programme_sessions: int = DEFAULT_PROGRAMME_SESSIONS
    sessions_held: int = 0
    programme_first_session: int = 1  # where the current programme began (global session number)
    last_session_at: datetime | None = None
    open_commitments: int = 0
    hours_held: float = 0.0  # as the hours log counts them: the dashboard's running totals toward a credential
    pro_bono: bool = False
    nudges: list[str] = field(default_factory=list)
    problem: str = ""  # set when the client's file cannot be read
    emails: tuple[str, ...] = ()  # found in the client's contact, lower case: today's calls are matched by them

    def __post_init__(self) -> None:
        if self.last_session_at is not None:
            object.__setattr__(self, "last_session_at", to_utc(self.last_session_at))

    @property
    def held_in_programme(self) -> int:
        """Sessions held in the current programme: the dashboard's "3 of 12"."""
        return max(0, self.sessions_held - (self.programme_first_session - 1))

    @property
    def revisit_due(self) -> bool:
        return bool(self.nudges)

    def model_copy(self, *, update: dict[str, Any] | None = None) -> ClientSummary:
        """A copy, with some fields changed (the name pydantic models use, so callers read alike)."""
        return replace(self, **(update or {}))

    def to_index(self) -> dict[str, Any]:
        """The entry written to the practice index: the same keys, order and forms as ever."""
        return {
            "id": self.id,
            "name": self.name,
            "archived": self.archived,
            "programme_sessions": self.programme_sessions,
            "sessions_held": self.sessions_held,
            **({"programme_first_session": self.programme_first_session} if self.programme_first_session > 1 else {}),
            "last_session_at": None if self.last_session_at is None else format_utc(self.last_session_at),
            "open_commitments": self.open_commitments,
            "hours_held": self.hours_held,
            "pro_bono": self.pro_bono,
            "nudges": list(self.nudges),
            "problem": self.problem,
            "emails": list(self.emails),
        }

    @classmethod
    def from_index(cls, entry: object) -> ClientSummary:
        """A summary read back from the index; InvalidSummary unless it is exactly in to_index's form."""
        if not isinstance(entry, dict):
            raise InvalidSummary("not a mapping")
        unknown = entry.keys() - _FIELDS
        if unknown:
            raise InvalidSummary(f"unknown fields {sorted(unknown)}")
        for name, kind in _KINDS.items():
            if name in entry and type(entry[name]) is not kind:  # exact types: a bool is not an int here
                raise InvalidSummary(f"{name} is not {kind.__name__}")
        if "id" not in entry or "name" not in entry:
            raise InvalidSummary("id or name missing")
        if "hours_held" not in entry:  # written before the index kept hours: read the client's file once
            raise InvalidSummary("hours_held missing")
        if "emails" not in entry:  # written before the index kept emails: read the client's file once
            raise InvalidSummary("emails missing")
        emails = entry["emails"]
        if not isinstance(emails, list) or not all(type(e) is str for e in emails):
            raise InvalidSummary("emails are not a list of text")
        nudges = entry.get("nudges", [])
        if not isinstance(nudges, list) or not all(type(n) is str for n in nudges):
            raise InvalidSummary("nudges are not a list of text")
        stored = entry.get("last_session_at")
        when = None
        if stored is not None:
            when = parse_stored_utc(stored) if type(stored) is str else None
            if when is None:
                raise InvalidSummary("last_session_at is not a stored time")
        return cls(
            id=entry["id"],
            name=entry["name"],
            archived=entry.get("archived", False),
            programme_sessions=entry.get("programme_sessions", DEFAULT_PROGRAMME_SESSIONS),
            sessions_held=entry.get("sessions_held", 0),
            programme_first_session=entry.get("programme_first_session", 1),
            last_session_at=when,
            open_commitments=entry.get("open_commitments", 0),
            hours_held=entry["hours_held"],
            pro_bono=entry.get("pro_bono", False),
            nudges=list(nudges),
            problem=entry.get("problem", ""),
            emails=tuple(emails),
        )


_KINDS: dict[str, type] = {
    "id": str,
    "name": str,
    "archived": bool,
    "programme_sessions": int,
    "sessions_held": int,
    "programme_first_session": int,
    "open_commitments": int,
    "hours_held": float,
    "pro_bono": bool,
    "problem": str,
}
_FIELDS = frozenset({*_KINDS, "last_session_at", "nudges", "emails"})
