"""What the coach does in a session: start and end it, notes, commitments, pauses, the alliance.

Each works on the client's present alone (clients/<id>.json), one write, so a
call costs the same in a client's twentieth year as in their first; ending a
session too: its records are put away into the session's own file afterwards,
off the coach's key (put_away_ended).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from ..models.kinds import NoteKind, RequestedBy
from .core import StoreCore
from .errors import InvalidInput
from .validating import validating

if TYPE_CHECKING:
    from ..models.alliance import AllianceItem, AllianceVersion
    from ..models.commitments import Commitment, CommitmentStatus
    from ..models.notes import Note
    from ..models.pauses import PauseRecord
    from ..models.present import Present
    from ..models.session import Session
    from .client_records import ClientRecords
    from .client_writes import ClientWrites


class SessionOperations:
    """The in-call writes, each on disk when it returns."""

    def __init__(self, core: StoreCore, clients: ClientRecords, writes: ClientWrites) -> None:
        self.core = core
        self.clients = clients
        self.writes = writes

    # ----------------------------------------------------------------- writing: alliance

    def adjust_alliance(
        self,
        client_id: str,
        items: list[AllianceItem],
        *,
        reason: str = "",
        session_number: int | None = None,
        full_design: bool = False,
    ) -> AllianceVersion:
        """Save the whole agreement as a new version; old versions are never rewritten."""
        with self.core.lock:
            self.core.check_writable()
            present = self.clients.present_of(client_id)
            return self._save_version(client_id, present, items, reason, session_number, full_design)

    def add_alliance_item(
        self,
        client_id: str,
        category: str,
        wording: str,
        *,
        requested_by: RequestedBy = RequestedBy.CLIENT,
        session_number: int | None = None,
        reason: str = "",
    ) -> AllianceVersion:
        """One new agreement on top of the current ones: the in-session adjustment."""
        from ..models.alliance import AllianceItem

        with validating():
            new = AllianceItem(
                category=category,
                wording=wording,
                requested_by=requested_by,
                agreed_in_session=session_number,
                reason=reason,
            )
        with self.core.lock:
            self.core.check_writable()
            present = self.clients.present_of(client_id)
            current = present.current_alliance.items if present.current_alliance else []
            return self._save_version(
                client_id,
                present,
                [*current, new],
                reason or f"Added in session: {new.wording}"[:2000],
                session_number,
                False,
            )

    def _save_version(
        self,
        client_id: str,
        present: Present,
        items: list[AllianceItem],
        reason: str,
        session_number: int | None,
        full_design: bool,
    ) -> AllianceVersion:
        """The new version written as what changed since the current one (store lock held, present just built).

        An item that is the current version's own (read from disk, validated,
        frozen) is kept as it is; any other is validated afresh from its fields,
        so an adjustment costs its new item, not the whole agreement again.
        """
        from ..models.alliance import AllianceItem, AllianceVersion

        ids = [i.id for i in items]
        if len(set(ids)) != len(ids):
            raise InvalidInput("The same agreement appears twice in this version; nothing was saved.")
        previous = present.current_alliance
        known = {id(i) for i in previous.items} if previous is not None else set()
        with validating():
            version = AllianceVersion(
                number=present.version_count + 1,
                created=self.core.clock(),
                session_number=session_number,
                reason=reason,
                full_design=full_design,
                items=[i if id(i) in known else AllianceItem.model_validate(i.model_dump()) for i in items],
            )
        self.writes.write(client_id, lambda f: f.insert_version(previous, version))
        self.clients.held(client_id).versions.append(version)
        self.clients.keep_summary(client_id)
        return version

    # ----------------------------------------------------------------- writing: sessions

    def session_to_start(
        self, client_id: str, planned_minutes: int | None = None, *, started: datetime | None = None
    ) -> Session:
        """The session start_session would give now, written nowhere: the open one, else the next.

        A session screen shows it from the start; it is written (start_session)
        only with the first entry, check-in or pause logged in it.
        """
        from ..models.session import Session

        with self.core.lock:
            present = self.clients.present_of(client_id)
            if present.open_session is not None:
                return present.open_session
            with validating():
                return Session(
                    number=present.next_session_number,
                    started=started or self.core.clock(),
                    planned_minutes=planned_minutes or present.client.session_minutes,
                )

    def start_session(
        self, client_id: str, planned_minutes: int | None = None, *, started: datetime | None = None
    ) -> Session:
        """Resume the open session if there is one, otherwise start the next (begun at `started`, else now)."""
        with self.core.lock:
            session = self.session_to_start(client_id, planned_minutes, started=started)
            record = self.clients.held(client_id)
            if session.is_open and any(s.id == session.id for s in record.sessions):
                return session
            self.core.check_writable()
            self.writes.write(client_id, lambda f: f.insert("sessions", session))
            record.sessions.append(session)
            self.clients.keep_summary(client_id)
            return session

    def update_session(self, client_id: str, session_id: str, **changes: Any) -> Session:
        return self.writes.replace(client_id, "sessions", session_id, **changes)

    def end_session(self, client_id: str, session_id: str) -> Session:
        """End it now, in one write of the present; ending an ended session keeps its real end time.

        The ended session stays in the present, read everywhere as if put away,
        until put_away_ended moves it into its own file, off the coach's key
        (store/client_writes.py). A clock set back since the start cannot make
        it end before it began: it ends at its start, which the hours log
        flags instead of counting 0.00 hours.
        """
        with self.core.lock:
            found = next((s for s in self.clients.held(client_id).sessions if s.id == session_id), None)
            if found is None:
                earlier = self.clients.files[client_id].held_in_history("sessions", session_id)
                if earlier is not None:  # put away in its own file long ago: ended already
                    return cast("Session", earlier)
                # Refused as any change to a record that is not there.
                return self.writes.replace(client_id, "sessions", session_id, ended=self.core.clock())
            if not found.is_open:
                return found
            now = self.core.clock()
            if now < found.started:
                return self.writes.replace(client_id, "sessions", session_id, ended=found.started, clock_set_back=True)
            return self.writes.replace(client_id, "sessions", session_id, ended=now)

    def discard_session_if_empty(self, client_id: str, session_id: str) -> bool:
        """Forget a session opened by mistake, so "sessions held" stays true.

        Only the latest session, still open, with nothing in it: no focus or
        measure of success, notes, commitments made or checked in, pauses or
        alliance versions. Anything else is kept; returns whether it went.
        """
        from tinydb import Query

        with self.core.lock:
            record = self.clients.held(client_id)
            session = next((s for s in record.sessions if s.id == session_id), None)
            if session is None or not session.is_open or session.focus or session.success_measure:
                return False
            n = session.number
            if any(s.number > n for s in record.sessions):
                return False
            linked = (record.notes, record.commitments, record.pauses, record.versions)
            if any(m.session_number == n for models in linked for m in models):
                return False
            if any(c.checked_in_session == n for c in record.commitments):
                return False
            self.core.check_writable()
            self.writes.write(
                client_id, lambda f: f.db.table("sessions", cache_size=0).remove(Query().id == session_id)
            )
            record.sessions = [s for s in record.sessions if s.id != session_id]
            self.clients.keep_summary(client_id)
            return True

    # ----------------------------------------------------------------- writing: notes, commitments, pauses

    def log_note(
        self,
        client_id: str,
        text: str,
        *,
        kind: NoteKind = NoteKind.NOTE,
        private: bool = True,
        session_number: int | None = None,
        prompt: str = "",
    ) -> Note:
        from ..models.notes import Note

        with validating(text="Revisit answer" if kind is NoteKind.REVISIT else "Note"):
            note = Note(
                text=text,
                kind=kind,
                private=private,
                created=self.core.clock(),
                session_number=session_number,
                prompt=prompt,
            )
        # Of all notes only a revisit answer can change the dashboard's summary (its nudges);
        # recomputing it meant a scan of every note the client has, on every note logged.
        return self.writes.insert(client_id, "notes", note, summary_may_change=note.kind is NoteKind.REVISIT)

    def update_note(self, client_id: str, note_id: str, **changes: Any) -> Note:
        return self.writes.replace(client_id, "notes", note_id, **changes)

    def add_commitment(
        self,
        client_id: str,
        what: str,
        *,
        by_when: str = "",
        how_accountable: str = "",
        session_number: int | None = None,
    ) -> Commitment:
        from ..models.commitments import Commitment

        with validating():
            commitment = Commitment(
                what=what,
                by_when=by_when,
                how_accountable=how_accountable,
                created=self.core.clock(),
                session_number=session_number,
            )
        return self.writes.insert(client_id, "commitments", commitment)

    def check_in(
        self,
        client_id: str,
        commitment_id: str,
        status: CommitmentStatus,
        *,
        note: str = "",
        session_number: int | None = None,
    ) -> Commitment:
        return self.writes.replace(
            client_id,
            "commitments",
            commitment_id,
            status=status,
            checkin_note=note,
            checked_in_session=session_number,
            checked_in_at=self.core.clock(),
        )

    def record_pause(
        self,
        client_id: str,
        *,
        target_seconds: int,
        actual_seconds: float,
        started: datetime,
        session_number: int | None = None,
    ) -> PauseRecord:
        from ..models.pauses import PauseRecord

        with validating():
            pause = PauseRecord(
                target_seconds=target_seconds,
                actual_seconds=round(actual_seconds, 3) if isinstance(actual_seconds, float) else actual_seconds,
                started=started,
                session_number=session_number,
            )
        return self.writes.insert(client_id, "pauses", pause)
