"""What a live session needs of a client, and nothing of their history.

A coaching call works on the present: the client's card, the alliance as it
stands and as the session began, the commitments still in play, this
session's own entries, and a few figures drawn from the past (the last pauses,
when the alliance was last revisited). Kept to that, it costs the same in a
client's first year and their twentieth. Frozen, with tuples: what a screen is
handed it cannot change.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .alliance import AllianceVersion
from .client import Client
from .commitments import Commitment
from .contacts import Contact
from .contacts import since as contacts_since
from .coverage import Touched, missing_areas, session_anchor, touched_after, touched_by_versions
from .ladder import SuccessLadder, ladder_of
from .notes import Note, NoteKind
from .nudges import THINK_TIME_WINDOW, Nudge, last_revisit_session, nudges_for
from .pauses import PauseRecord
from .programme import Programme, current_programme, in_programme
from .record import ClientRecord
from .revisit import RevisitDraft
from .session import Session
from .trends import pause_trend

EARLIER_SESSIONS = 10  # the pause medians of this many sessions before this one are kept at hand


class Present(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    client: Client
    session: Session | None = None  # the open session, else the latest; None before the first
    sessions_held: int = 0
    hours_held: float = 0.0  # ended sessions, as the hours log counts them (the dashboard's credential totals)
    current_alliance: AllianceVersion | None = None
    alliance_at_start: AllianceVersion | None = None  # as the open session (or the next one) began
    version_count: int = 0
    commitments: tuple[Commitment, ...] = ()  # every one still open, and those made or checked in the open session
    notes: tuple[Note, ...] = ()  # the open session's
    pauses: tuple[PauseRecord, ...] = ()  # the open session's
    recent_pauses: tuple[float, ...] = ()  # the last few, of any session (the think-time nudge)
    earlier_pause_medians: tuple[tuple[int, float], ...] = ()  # (session, median) of the sessions before this one
    last_revisit: int | None = None
    any_full_design: bool = False
    programmes: tuple[Programme, ...] = ()  # as stored: none until the first renewal
    contacts: tuple[Contact, ...] = ()  # between sessions, since the last session ended (oldest first)
    revisit_draft: RevisitDraft | None = None  # a revisit that decides, left half-way

    @property
    def programme(self) -> Programme:
        """The programme running now (programme 1 until the first renewal)."""
        return current_programme(self.programmes, self.client)

    def in_programme(self, session_number: int) -> tuple[int, int]:
        """(n, m): that session is session n of its programme's m."""
        return in_programme(self.programmes, session_number, self.client)

    ladders: tuple[SuccessLadder, ...] = ()  # the success ladder of each programme (small: kept at hand)
    touched: tuple[tuple[str, int], ...] = ()  # (category, the last session that changed it): coverage

    @property
    def ladder(self) -> SuccessLadder | None:
        """The success ladder of the programme the client is in now, if one is set."""
        return ladder_of(self.ladders, self.programme.number)

    @property
    def open_session(self) -> Session | None:
        return self.session if self.session is not None and self.session.is_open else None

    @property
    def next_session_number(self) -> int:
        """The number of the session being held now, or the one to hold next."""
        if self.session is None:
            return 1
        return self.session.number if self.session.is_open else self.session.number + 1

    @property
    def open_commitments(self) -> list[Commitment]:
        return [c for c in self.commitments if c.needs_checkin]

    def notes_of(self, session_number: int, kind: NoteKind | None = None) -> tuple[Note, ...]:
        """The notes of that session, if it is the one at hand (a session not yet begun has none)."""
        return tuple(n for n in self.notes if n.session_number == session_number and (kind is None or n.kind is kind))

    def pauses_of(self, session_number: int) -> tuple[PauseRecord, ...]:
        return tuple(p for p in self.pauses if p.session_number == session_number)

    def session_numbered(self, number: int) -> Session | None:
        return self.session if self.session is not None and self.session.number == number else None

    def nudges(self, every_sessions: int) -> list[Nudge]:
        return nudges_for(
            self.client,
            upcoming=self.next_session_number,
            programme=self.programme,
            any_full_design=self.any_full_design,
            last_revisit=self.last_revisit,
            recent_pauses=self.recent_pauses,
            every_sessions=every_sessions,
            missing=[a.name for a in missing_areas(self.current_alliance)],
        )

    @classmethod
    def of(cls, record: ClientRecord) -> Present:
        """The present drawn from a whole record (nothing of it kept aside)."""
        return cls.build(record, Archived())

    @classmethod
    def build(cls, live: ClientRecord, archived: Archived, touched: Touched | None = None) -> Present:
        """The present from the records still at hand and the figures kept from those put away.

        live holds what is not yet in a session's own file: the open (or
        latest) session, the commitments still open, entries since the last
        session ended, and the alliance versions saved since then (whole).
        touched: the coverage figures of the build before (coverage_figures),
        so only versions added since are compared.
        """
        session = live.open_session or live.last_session
        # Entries are the open session's: an ended one's are in its own file, or soon will be.
        number = live.open_session.number if live.open_session is not None else None
        upcoming = live.next_session_number if live.sessions else archived.through + 1
        at_start = [v for v in live.versions if live.session_of(v) < upcoming]
        held = archived.sessions_held + sum(1 for s in live.sessions if s.number > archived.through)
        hours = hours_after(archived.hours_held, live.sessions, archived.through)
        medians = dict(archived.pause_medians)
        medians.update((t.session_number, t.median_seconds) for t in pause_trend(live))
        marks = [m for m in (archived.last_revisit, last_revisit_session(live)) if m is not None]
        ended = max((s.ended for s in live.sessions if s.ended is not None), default=None)
        return cls(
            client=live.client,
            session=session,
            sessions_held=held,
            hours_held=hours,
            current_alliance=live.versions[-1] if live.versions else archived.alliance,
            alliance_at_start=at_start[-1] if at_start else archived.alliance,
            version_count=archived.version_count + len(live.versions),
            commitments=tuple(
                c
                for c in live.commitments
                if c.needs_checkin or (number is not None and number in (c.session_number, c.checked_in_session))
            ),
            notes=tuple(live.notes_of(number)) if number is not None else (),
            pauses=tuple(p for p in live.pauses if number is not None and p.session_number == number),
            recent_pauses=(*archived.recent_pauses, *(p.actual_seconds for p in live.pauses))[-THINK_TIME_WINDOW:],
            earlier_pause_medians=tuple((n, m) for n, m in sorted(medians.items()) if n < upcoming)[-EARLIER_SESSIONS:],
            last_revisit=max(marks) if marks else None,
            any_full_design=archived.any_full_design or any(v.full_design for v in live.versions),
            programmes=tuple(sorted(live.programmes, key=lambda p: p.number)),
            contacts=contacts_since(live.contacts, ended),
            revisit_draft=live.revisit_draft[-1] if live.revisit_draft else None,
            ladders=tuple(live.ladders),
            touched=coverage_figures(live, archived, touched).figures,
        )


def coverage_figures(live: ClientRecord, archived: Archived, kept: Touched | None = None) -> Touched:
    """When each category was last touched, from kept (the figures of the build before) and the versions since."""
    start = archived.alliance.id if archived.alliance is not None else None
    basis = (archived.touched, start, archived.through, tuple((s.number, s.started) for s in live.sessions))
    anchor = session_anchor(live.sessions, archived.through)
    return touched_after(kept, basis, archived.alliance, live.versions, anchor, archived.touched)


def hours_after(hours: float, sessions: list[Session], through: int) -> float:
    """hours, with each session after through added one by one in order.

    Added this way, the total is the same to the last digit whether a session
    was put away before it was counted or is still in the present.
    """
    for session in sorted((s for s in sessions if s.number > through), key=lambda s: s.number):
        hours += session.hours
    return hours


class Archived(BaseModel):
    """What the present needs to know of the sessions already put away in their own files.

    Kept in the client's present file and brought up to date in the same write
    that takes a session's entries out of it, so the two never disagree.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    through: int = 0  # every session up to this number is in its own file
    sessions_held: int = 0
    hours_held: float = 0.0
    version_count: int = 0
    alliance: AllianceVersion | None = None  # the latest version put away, whole
    recent_pauses: tuple[float, ...] = ()
    pause_medians: tuple[tuple[int, float], ...] = ()
    last_revisit: int | None = None
    any_full_design: bool = False
    touched: tuple[tuple[str, int], ...] = ()  # (category, the last session that changed it)

    def after(self, put_away: ClientRecord, through: int) -> Archived:
        """These figures once put_away (its sessions, and everything written since the last) is put away too."""
        medians = dict(self.pause_medians)
        medians.update((t.session_number, t.median_seconds) for t in pause_trend(put_away))
        marks = [m for m in (self.last_revisit, last_revisit_session(put_away)) if m is not None]
        return Archived(
            through=max(through, self.through),
            sessions_held=self.sessions_held + sum(1 for s in put_away.sessions if s.number > self.through),
            hours_held=hours_after(self.hours_held, put_away.sessions, self.through),
            version_count=self.version_count + len(put_away.versions),
            alliance=put_away.versions[-1] if put_away.versions else self.alliance,
            recent_pauses=(*self.recent_pauses, *(p.actual_seconds for p in put_away.pauses))[-THINK_TIME_WINDOW:],
            pause_medians=tuple(sorted(medians.items()))[-EARLIER_SESSIONS:],
            last_revisit=max(marks) if marks else None,
            any_full_design=self.any_full_design or any(v.full_design for v in put_away.versions),
            touched=touched_by_versions(
                self.alliance, put_away.versions, session_anchor(put_away.sessions, self.through), self.touched
            ),
        )


class SessionEntries(BaseModel):
    """One session and everything written in it, as a history screen shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    session: Session
    notes: tuple[Note, ...] = ()
    pauses: tuple[PauseRecord, ...] = ()
    commitments_made: tuple[Commitment, ...] = ()
    commitments_checked: tuple[Commitment, ...] = ()
    versions: tuple[AllianceVersion, ...] = ()  # saved in it, or after it and before the next

    @classmethod
    def of(cls, record: ClientRecord, number: int) -> SessionEntries:
        session = record.session(number)
        if session is None:
            raise LookupError(f"No session {number}.")
        return cls(
            session=session,
            notes=tuple(record.notes_of(number)),
            pauses=tuple(p for p in record.pauses if p.session_number == number),
            commitments_made=tuple(c for c in record.commitments if c.session_number == number),
            commitments_checked=tuple(c for c in record.commitments if c.checked_in_session == number),
            versions=tuple(v for v in record.versions if record.session_of(v) == number),
        )
