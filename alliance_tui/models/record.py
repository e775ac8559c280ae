"""Everything the practice holds about one client, and what follows from it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .alliance import AllianceVersion
from .client import Client
from .commitments import Commitment
from .contacts import Contact
from .ladder import SuccessLadder
from .notes import Note, NoteKind
from .pauses import PauseRecord
from .programme import Programme
from .revisit import RevisitDraft
from .session import Session
from .summary import ClientSummary


class ClientRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when a client is first opened

    client: Client
    versions: list[AllianceVersion] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    pauses: list[PauseRecord] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)  # between sessions: never sessions, never hours
    programmes: list[Programme] = Field(default_factory=list)  # none until the first renewal (models/programme.py)
    revisit_draft: list[RevisitDraft] = Field(default_factory=list)  # a revisit left half-way: none, or one
    ladders: list[SuccessLadder] = Field(default_factory=list)  # one per programme; always in the present

    @property
    def current_alliance(self) -> AllianceVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def open_session(self) -> Session | None:
        return next((s for s in reversed(self.sessions) if s.is_open), None)

    @property
    def last_session(self) -> Session | None:
        return self.sessions[-1] if self.sessions else None

    @property
    def next_session_number(self) -> int:
        """The number of the session being held now, or the one to hold next."""
        current = self.open_session
        if current is not None:
            return current.number
        return (self.sessions[-1].number + 1) if self.sessions else 1

    @property
    def open_commitments(self) -> list[Commitment]:
        return [c for c in self.commitments if c.needs_checkin]

    def notes_of(self, session_number: int | None, kind: NoteKind | None = None) -> list[Note]:
        return [n for n in self.notes if n.session_number == session_number and (kind is None or n.kind is kind)]

    def session_of(self, version: AllianceVersion) -> int:
        """The session a version was saved in; for one saved between sessions, the last session begun before it.

        0 means before the first session (intake). A version saved between
        sessions 3 and 4 belongs after session 3: it is part of the alliance
        session 4 began with, never of the intake's.
        """
        if version.session_number is not None:
            return version.session_number
        return max((s.number for s in self.sessions if s.started < version.created), default=0)

    def version_before_session(self, session_number: int) -> AllianceVersion | None:
        """The alliance as it stood when the given session began."""
        earlier = [v for v in self.versions if self.session_of(v) < session_number]
        return earlier[-1] if earlier else None

    def in_programme(self, session_number: int) -> tuple[int, int]:
        """(n, m): that session is session n of its programme's m (models/programme.py)."""
        from .programme import in_programme

        return in_programme(self.programmes, session_number, self.client)

    def session(self, number: int) -> Session | None:
        return next((s for s in self.sessions if s.number == number), None)


__all__ = ["ClientRecord", "ClientSummary"]
