"""The client review's read: the present, the digest of every ended session, and the latest sessions' files.

What the review shows grows with the history only where it lists sessions
(store/digest.py keeps that small); the entries it shows are those of the
latest few sessions, read from their own files. Their alliance versions,
stored as what changed, are made whole from the version each file keeps of
the one before its first (history.BASE_TABLE), so no chain of every version
is read. A file written before that was kept returns None: the caller reads
the whole record instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..models.alliance import AllianceVersion
from ..models.commitments import CommitmentStatus
from ..models.history_view import HistoryView
from ..models.put_away import settle
from ..models.record import ClientRecord
from ..models.session import Session
from ..models.trends import follow_through_of, pause_trend_of
from ..models.version_delta import expand_doc
from .client_file import ORDER, TABLES, ClientFile, validated
from .digest import read_digest
from .errors import CorruptFile
from .history import BASE_TABLE, read_session_file, session_names, session_path

SESSIONS = TypeAdapter(list[Session])
STATUSES = {status.value: status for status in CommitmentStatus}


def read_review(file: ClientFile, live: ClientRecord, latest: int, *, writable: bool) -> HistoryView | None:
    """Every session and the entries of the latest ones (live: the present as held, not to be changed).

    A session ended and not yet put away (models/put_away.py) is read from
    the present as its own file will hold it, so the review is the same
    before and after.
    """
    folder = file.history
    settled = settle(live, file.archived)
    entries = read_digest(folder, session_names(folder), writable=writable)
    session_docs: dict[str, dict[str, Any]] = {}
    pauses: dict[str, tuple[int | None, float, float | None]] = {}
    checks: dict[str, tuple[int | None, str]] = {}
    for entry in entries:
        for doc in entry["sessions"]:
            session_docs[str(doc.get("id"))] = doc
        for i, n, s, t in entry["pauses"]:
            pauses[i] = (n, s, t)
        for i, n, s in entry["checks"]:
            checks[i] = (n, s)
    at_hand = {s.id for s in live.sessions}  # the present's copy wins, as everywhere
    put = sessions_of(folder, [d for i, d in session_docs.items() if i not in at_hand])
    sessions = sorted([*put, *live.sessions], key=lambda s: s.number)
    pauses.update((p.id, (p.session_number, p.actual_seconds, p.target_seconds)) for p in live.pauses)
    checks.update((c.id, (c.checked_in_session, c.status.value)) for c in live.commitments)

    shown = tuple(s.number for s in sessions[-latest:]) if latest > 0 else ()
    put_away = [session_path(folder, n) for n in shown if n <= file.archived.through]
    datas = [read_session_file(p) for p in put_away if p.exists()]
    waiting = [settled.files[n] for n in shown if n in settled.files]
    held = [v for v in [file.archived.alliance, *live.versions] if v is not None]
    versions = versions_of(datas, settled.archived.alliance, settled.present.versions, waiting, held)
    if versions is None:
        return None
    lists: dict[str, list[Any]] = {}
    for name in ("notes", "pauses", "commitments"):
        by_id: dict[str, BaseModel] = {}
        for path, data in zip(put_away, datas, strict=False):
            by_id.update((str(d.get("id")), validated(TABLES[name], path, d)) for d in data.get(name, {}).values())
        for source in (*waiting, settled.present):
            by_id.update((m.id, m) for m in getattr(source, name))
        lists[name] = sorted(by_id.values(), key=ORDER[name])
    own = {name: list(value) for name, value in settled.present if isinstance(value, list)}  # the caller's own lists
    record = settled.present.model_copy(update={**own, "sessions": sessions, "versions": versions, **lists})
    return HistoryView(
        record=record,
        pause_trend=tuple(pause_trend_of(pauses.values())),
        follow_through=tuple(follow_through_of((n, STATUSES[s]) for n, s in checks.values() if s in STATUSES)),
        shown=shown,
    )


def sessions_of(folder: Path, docs: list[dict[str, Any]]) -> list[Session]:
    """The digest's sessions, validated in one call (a thousand of them, each checked as any record read)."""
    try:
        return SESSIONS.validate_python(docs)
    except ValidationError as exc:
        raise CorruptFile(folder, f"holds a session that does not validate: {exc.errors()[0]['msg']}.") from exc


def versions_of(
    datas: list[dict[str, Any]],
    archived: AllianceVersion | None,
    at_hand: list[AllianceVersion],
    waiting: Sequence[ClientRecord] = (),
    held: Sequence[AllianceVersion] = (),
) -> list[AllianceVersion] | None:
    """The versions of the files read, whole, with the latest put away and those at hand; None if one cannot be.

    waiting: the files of sessions not yet put away, as they will be (models/put_away.py), each with the
    version before its first one, as a file keeps it (history.BASE_TABLE), taken from held (the present's).
    """
    known: dict[int, AllianceVersion] = {v.number: v for v in [archived, *at_hand] if v is not None}
    before = {v.number: v for v in held}
    for record in waiting:
        for version in record.versions:
            known[version.number] = version
        first = min((v.number for v in record.versions), default=None)
        if first is not None and first - 1 in before:
            known.setdefault(first - 1, before[first - 1])
    for data in datas:
        for doc in data.get(BASE_TABLE, {}).values():
            base = AllianceVersion.model_validate(doc)
            known.setdefault(base.number, base)
        for doc in sorted(data.get("versions", {}).values(), key=lambda d: int(d.get("number", 0))):
            number = int(doc.get("number", 0))
            if number in known:
                continue
            previous = known.get(number - 1)
            if previous is None and number > 1 and "delta" in doc:
                return None  # written before files kept the version before their first
            known[number] = expand_doc(previous, doc)
    return [known[n] for n in sorted(known)]
