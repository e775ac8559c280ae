"""Reading an Alliance TUI data file: the parse and the checks, without TinyDB.

The storage TinyDB writes through (storage.py) reads with these; so does the
practice store when it opens the index straight from disk at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from .errors import CorruptFile, NewerSchema

SCHEMA_VERSION = 1  # of the practice index and of backups
META_TABLE = "_meta"
# A client's file is at 2 once it holds an alliance version stored as a delta
# (models/version_delta.py), at 3 once its ended sessions are in files of their own
# (store/history.py): an older release refuses it rather than read it as less than it is.
CLIENT_SCHEMA_VERSION = 3
NEWEST_SCHEMA = {"client": CLIENT_SCHEMA_VERSION, "session": CLIENT_SCHEMA_VERSION}

Data = dict[str, dict[str, Any]]


def identity_stamp(path: Path) -> tuple[int, int, int] | None:
    """Which file is at path, as it is now: a replaced or rewritten file gets another stamp."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def newest_schema(kind: str) -> int:
    return NEWEST_SCHEMA.get(kind, SCHEMA_VERSION)


# The file's parts and kinds in the coach's words, for the messages about a damaged file.
_TABLE_WORDS = {
    META_TABLE: "its version mark",
    "client": "the client's details",
    "clients": "the client list",
    "settings": "the practice settings",
    "sessions": "the sessions",
    "notes": "the notes",
    "commitments": "the commitments",
    "versions": "the alliance versions",
    "pauses": "the pauses",
}
_KIND_WORDS = {"client": "a client's file", "practice": "the practice index", "session": "a session's file"}

# A practice index made by this version starts in the layout of store/history.py (store/migrate.py).
PRACTICE_LAYOUT = 3


def meta_table(kind: str) -> dict[str, dict[str, Any]]:
    meta: dict[str, Any] = {"schema": newest_schema(kind), "kind": kind}
    if kind == "practice":
        meta["layout"] = PRACTICE_LAYOUT
    return {"1": meta}


def check_data(path: Path, data: object, kind: str, *, documents: bool = True) -> Data:
    """Validate the outer shape and the schema version of a parsed file.

    documents=False leaves out the check of every document's key and form, for
    a reader that only reads (the search) and copes with an odd document itself.
    """
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptFile(path, "is not an Alliance TUI data file: it is not laid out as one.")
    # TinyDB turns every document key into an int and every document into a dict
    # on its next write: anything else would fail there, after the file was trusted.
    for name, table in data.items() if documents else ():
        if not all(isinstance(k, str) and k.isdigit() and isinstance(d, dict) for k, d in table.items()):
            what = _TABLE_WORDS.get(name, f"the part called {name!r}")
            raise CorruptFile(path, f"is damaged: the layout of {what} is not one Alliance TUI writes.")
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise CorruptFile(path, "is damaged or not an Alliance TUI file: it has no version mark.")
    if meta.get("kind") != kind:
        found = meta.get("kind")
        said = f"it is marked as {_KIND_WORDS.get(found, repr(found))}" if found else "it does not say what it holds"
        raise CorruptFile(path, f"is not {_KIND_WORDS.get(kind, kind)}: {said}.")
    if meta["schema"] > newest_schema(kind):
        raise NewerSchema(
            path,
            f"written by a newer Alliance TUI (schema {meta['schema']}; this version reads up to "
            f"{newest_schema(kind)}). Upgrade Alliance TUI to open it; the file was left untouched.",
        )
    return data


def damage(raw: bytes, exc: orjson.JSONDecodeError) -> str:
    """Why a file is not readable, in the coach's words: the JSON library's are for programmers."""
    if not raw.strip():
        return "it is empty"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"it holds bytes that are not text, at byte {bad.start + 1:,} of {len(raw):,}"
    if exc.pos >= len(raw.rstrip()):
        return f"it stops part-way through, after {len(raw):,} bytes, as if cut short"
    return f"it is not laid out as Alliance TUI writes it, at line {exc.lineno:,}, column {exc.colno:,}"


def read_data_bytes(path: Path, raw: bytes) -> bytes:
    """A data file's bytes as read, opened if sealed (store/crypto/vault.py)."""
    from .crypto.vault import open_from

    return open_from(path, raw)


def load_json(path: Path, kind: str, *, documents: bool = True) -> Data:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorruptFile(path, f"cannot be read ({exc.strerror or exc}).") from exc
    raw = read_data_bytes(path, raw)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptFile(path, f"is damaged ({damage(raw, exc)}). It was left untouched.") from exc
    return check_data(path, data, kind, documents=documents)
