"""A small digest of a client's ended sessions, so the review shows every session's figures without reading them all.

The review charts think time and follow-through across every session and
lists every session, but shows the entries of the latest few only. What the
charts and the list need of each session's file (the session itself, its
pauses' seconds, the check-ins' outcomes) and what the alliance history needs
(the versions saved in it, as stored: what changed) is kept in clients/<id>/digest.json,
each entry with the file's size and time (a pause: id, session, actual and
agreed seconds): an entry whose file changed since (an edit, a restore) is
read again from it, and a new session's file is added. It is a cache, like
the practice index: nothing is lost without it, and it is rebuilt from the
session files when it is missing or unreadable.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import orjson

from .atomic import write_data_file
from .errors import FileProblem
from .history import read_session_file
from .jsonfile import read_data_bytes
from .paths import HISTORY_DIGEST

Entry = dict[str, Any]


def figures_of(data: dict[str, Any]) -> Entry:
    """What the digest keeps of one session's file: its sessions whole, and two figures of each pause and check-in."""
    pauses = [
        [d.get("id"), d.get("session_number"), d.get("actual_seconds"), d.get("target_seconds")]
        for d in data.get("pauses", {}).values()
    ]
    checks = [
        [d.get("id"), d.get("checked_in_session"), d.get("status")]
        for d in data.get("commitments", {}).values()
        if d.get("checked_in_session") is not None
    ]
    return {
        "sessions": list(data.get("sessions", {}).values()),
        "pauses": pauses,
        "checks": checks,
        "versions": list(data.get("versions", {}).values()),
    }


def _outdated(entry: Entry) -> bool:
    """Kept before the agreed seconds (three figures a pause) or the versions were: read again."""
    return "versions" not in entry or any(len(pause) < 4 for pause in entry.get("pauses", ()))


def _stored(path: Path) -> dict[str, Entry]:
    """The digest as last written; empty when there is none, or it cannot be read (it is rebuilt)."""
    try:
        data = orjson.loads(read_data_bytes(path, path.read_bytes()))
    except (OSError, FileProblem, orjson.JSONDecodeError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def read_digest(folder: Path, names: list[str], *, writable: bool) -> list[Entry]:
    """Each session file's entry (names in folder), in order; read again where the file changed, and saved."""
    path = folder / HISTORY_DIGEST
    stored = _stored(path)
    fresh: dict[str, Entry] = {}
    changed = False
    where = str(folder)
    for name in names:
        try:
            st = os.stat(os.path.join(where, name))
            stamp: list[int] | None = [st.st_mtime_ns, st.st_size]
        except OSError:
            stamp = None
        entry = stored.get(name)
        if not isinstance(entry, dict) or entry.get("stamp") != stamp or _outdated(entry):
            entry = {"stamp": stamp, **figures_of(read_session_file(folder / name))}
            changed = True
        fresh[name] = entry
    if writable and (changed or len(fresh) != len(stored)):
        # A cache: when it cannot be written, the next review reads those files again.
        with contextlib.suppress(OSError):
            write_data_file(path, orjson.dumps({"kind": "digest", "files": fresh}), temp_dir=folder.parent)
    return list(fresh.values())
