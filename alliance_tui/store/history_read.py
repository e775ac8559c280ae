"""The alliance history's read: the present and the versions the digest keeps of every ended session.

The history screen shows every version of the alliance and compares any two;
it needs nothing of the sessions' notes, pauses or commitments. The digest
(store/digest.py) keeps each session file's versions as stored (what changed)
beside its sessions, so the versions are made whole from it and the present
alone: no session file is read unless it changed since the digest was written.
"""

from __future__ import annotations

from typing import Any

from ..models.alliance import AllianceVersion
from ..models.record import ClientRecord
from ..models.version_delta import expand_doc
from .client_file import ClientFile
from .digest import read_digest
from .errors import CorruptFile
from .history import session_names
from .review_read import sessions_of


def read_alliance_history(file: ClientFile, live: ClientRecord, *, writable: bool) -> ClientRecord:
    """The client, every session and every version whole; nothing else (live: the present as held)."""
    folder = file.history
    entries = read_digest(folder, session_names(folder), writable=writable)
    at_hand = {s.id for s in live.sessions}
    session_docs: dict[str, dict[str, Any]] = {}
    version_docs: dict[int, dict[str, Any]] = {}
    for entry in entries:
        for doc in entry["sessions"]:
            session_docs[str(doc.get("id"))] = doc
        for doc in entry["versions"]:
            version_docs[int(doc.get("number", 0))] = doc
    put = sessions_of(folder, [d for i, d in session_docs.items() if i not in at_hand])
    sessions = sorted([*put, *live.sessions], key=lambda s: s.number)
    known: dict[int, AllianceVersion] = {v.number: v for v in live.versions}  # whole already, as the present has them
    previous: AllianceVersion | None = None
    try:
        for number in sorted(version_docs):
            previous = known.get(number) or expand_doc(previous, version_docs[number])
            known[number] = previous
    except (KeyError, TypeError, ValueError) as exc:
        raise CorruptFile(folder, "holds an alliance version that does not follow from the one before it.") from exc
    versions = [known[n] for n in sorted(known)]
    return ClientRecord(client=live.client, sessions=sessions, versions=versions)
