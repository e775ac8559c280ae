"""A client's ended sessions, one small TinyDB file each, beside their present file.

clients/<id>.json is the present (store/client_file.py); clients/<id>/0042.json
holds session 42 as it ended: the session, its notes and pauses, the alliance
versions saved in it (as what changed) and the commitments settled in it. A
session's file is written once, just after it ends, and afterwards only when the coach
edits something in it; a live session never reads any of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from .errors import CorruptFile
from .jsonfile import Data, load_json, meta_table
from .storage import META_TABLE, AtomicJSONStorage

KIND = "session"
TABLES = ("sessions", "notes", "pauses", "versions", "commitments", "contacts")
# The alliance version just before the file's first one, whole: its versions (stored as what changed) are
# shown whole from this file alone, without the chain of every version before (store/review_read.py).
BASE_TABLE = "base"


def history_dir(present_path: Path) -> Path:
    """clients/<id>/ for clients/<id>.json."""
    return present_path.with_suffix("")


def session_path(folder: Path, number: int) -> Path:
    return folder / f"{number:04d}.json"


def session_files(folder: Path) -> list[Path]:
    """The session files there are, oldest session first (only names this store writes)."""
    return [folder / name for name in session_names(folder)]


def session_names(folder: Path) -> list[str]:
    """The session files' names, oldest first: plain strings, as a twenty-year client has a thousand."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = sorted((int(name[:-5]), name) for name in names if name.endswith(".json") and name[:-5].isdigit())
    return [name for _, name in found]


def read_session_file(path: Path) -> Data:
    return load_json(path, KIND)


def merge_into(path: Path, docs: dict[str, list[dict[str, Any]]]) -> None:
    """Add these documents to a session's file in one atomic write, each replacing any of the same id.

    Merging by id makes putting a session away idempotent: if the app stopped
    after this write and before the present file shrank, doing it again
    leaves the same file.
    """
    existing: Data = read_session_file(path) if path.exists() else {}
    data: Data = {META_TABLE: meta_table(KIND)}
    for table in (*TABLES, BASE_TABLE):
        by_id: dict[str, dict[str, Any]] = {}
        for doc in [*existing.get(table, {}).values(), *docs.get(table, [])]:
            by_id[str(doc.get("id"))] = doc
        if table == BASE_TABLE and by_id:  # only the one before the file's first version
            first = min(by_id.values(), key=lambda d: int(d.get("number", 0)))
            by_id = {str(first.get("id")): first}
        if by_id:
            data[table] = {str(n): doc for n, doc in enumerate(by_id.values(), start=1)}
    storage = AtomicJSONStorage(path, kind=KIND, temp_dir=path.parent.parent)
    storage.write(data)


def update_in_history(folder: Path, table: str, doc: dict[str, Any]) -> Path | None:
    """Replace the document of that id in whichever session's file holds it (newest first); None if none does."""
    for path in reversed(session_files(folder)):
        db = TinyDB(path, storage=AtomicJSONStorage, kind=KIND, temp_dir=folder.parent)
        try:
            if db.table(table, cache_size=0).update(doc, Query().id == doc["id"]):
                return path
        finally:
            db.close()
    return None


def find_in_history(folder: Path, table: str, record_id: str) -> dict[str, Any] | None:
    for path in reversed(session_files(folder)):
        db = TinyDB(path, storage=AtomicJSONStorage, kind=KIND, read_only=True)
        try:
            found = db.table(table, cache_size=0).get(Query().id == record_id)
        finally:
            db.close()
        if isinstance(found, dict):
            return dict(found)
    return None


def history_docs(folder: Path) -> list[tuple[Path, Data]]:
    """Every session file's data, oldest first; a damaged one names itself."""
    out = []
    for path in session_files(folder):
        data = read_session_file(path)
        if not isinstance(data, dict):
            raise CorruptFile(path, "is not a session file.")
        out.append((path, data))
    return out
