"""Which records an ended session puts away in that session's own file, and which stay at hand.

Pure: it decides by record ids, and the store moves the stored documents. What
stays is what a live session needs (models/present.py): the client, the open
session (and a copy of the latest one ended), commitments still open, and
anything tied to a session not yet ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .present import Archived
from .record import ClientRecord
from .session import Session


def session_at(record: ClientRecord, when: datetime) -> int:
    """The last session begun before that moment; 0 before the first."""
    return max((s.number for s in record.sessions if s.started < when), default=0)


def _target(anchor: int, low: int, through: int) -> int | None:
    """The session file a record anchored to that session goes to, or None while its session is not yet ended."""
    if anchor > through:
        return None
    return min(max(anchor, low), through)


def sort_out(record: ClientRecord, low: int, through: int) -> dict[str, dict[str, int]]:
    """For each table, record id -> the number of the session file it goes to; anything not named stays.

    Sessions low..through are ended and put away now (low is the first not put
    away before). A record made between two sessions goes with the session
    before it, and never into a file already written (low). Versions go as
    the longest run from the oldest, so the ones at hand always follow on from
    the last one put away.
    """
    moves: dict[str, dict[str, int]] = {
        name: {} for name in ("sessions", "notes", "pauses", "versions", "commitments", "contacts")
    }

    def place(table: str, pairs: Iterable[tuple[str, int]]) -> None:
        for record_id, anchor in pairs:
            target = _target(anchor, low, through)
            if target is not None:
                moves[table][record_id] = target

    # A session put away before stays where it is (the present may hold a copy of it).
    place("sessions", ((s.id, s.number) for s in record.sessions if not s.is_open and s.number >= low))
    place("notes", ((n.id, n.session_number or session_at(record, n.created)) for n in record.notes))
    place("pauses", ((p.id, p.session_number or session_at(record, p.started)) for p in record.pauses))
    # A contact goes with the session after it: it stays at hand until that session ends.
    place("contacts", ((c.id, session_at(record, c.created) + 1) for c in record.contacts))
    place(
        "commitments",
        (
            (c.id, c.checked_in_session or session_at(record, c.checked_in_at or c.created))
            for c in record.commitments
            if not c.needs_checkin
        ),
    )
    for version in sorted(record.versions, key=lambda v: v.number):
        target = _target(record.session_of(version), low, through)
        if target is None:
            break
        moves["versions"][version.id] = target
    return moves


@dataclass(frozen=True)
class Settled:
    """A client's present as it will be once every ended session in it is put away, worked out without writing.

    The store writes exactly this (store/client_file.py put_away), and the
    readers use it while an ended session still waits in the present, so what
    they show is the same before and after.
    """

    present: ClientRecord  # what stays in the present file
    archived: Archived  # its figures of what is put away
    files: dict[int, ClientRecord]  # each session file's records added (the client, and those records only)
    moves: dict[str, dict[str, int]]  # for each table, record id -> the session file it goes to (sort_out)


def ended_through(record: ClientRecord, archived: Archived) -> int | None:
    """The last ended session not yet put away, or None when none waits."""
    return max((s.number for s in record.sessions if not s.is_open and s.number > archived.through), default=None)


def settle(live: ClientRecord, archived: Archived, through: int | None = None) -> Settled:
    """live (the present as held) with every ended session up to through (all of them, when None) put away."""
    through = ended_through(live, archived) if through is None else through
    if through is None:
        return Settled(live, archived, {}, {})
    moves = sort_out(live, archived.through + 1, through)
    latest = max((s for s in live.sessions if not s.is_open and s.number <= through), key=_number, default=None)
    tables = [name for name in moves if name != "sessions"]
    files: dict[int, dict[str, list[object]]] = {}
    for name in moves:
        for model in getattr(live, name):
            target = moves[name].get(model.id)
            if target is not None:
                files.setdefault(target, {}).setdefault(name, []).append(model)
    put = ClientRecord(
        client=live.client,
        sessions=[s for s in live.sessions if not s.is_open and s.number <= through],
        **{name: [m for m in getattr(live, name) if m.id in moves[name]] for name in tables},
    )

    def stays(session: Session) -> bool:
        # Still open (or ended after through), and a copy of the latest session ended; older copies go.
        if latest is None:
            return session.id not in moves["sessions"]
        return (session.id not in moves["sessions"] or session.id == latest.id) and session.number >= latest.number

    present = live.model_copy(
        update={
            "sessions": [s for s in live.sessions if stays(s)],
            **{name: [m for m in getattr(live, name) if m.id not in moves[name]] for name in tables},
        }
    )
    return Settled(
        present,
        archived.after(put, through),
        {n: ClientRecord.model_validate({"client": live.client, **docs}) for n, docs in sorted(files.items())},
        moves,
    )


def _number(session: Session) -> int:
    return session.number
