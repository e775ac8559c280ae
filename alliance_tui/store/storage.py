"""A TinyDB Storage that is atomic, durable, cached and schema-checked.

TinyDB's JSONStorage rewrites its file in place (a kill mid-write truncates it)
and treats unreadable JSON as an empty database (the next write wipes it). This
storage raises on bad data instead, keeps the parsed data in memory while this
process holds the practice lock, and refuses to write over a file that was
changed behind its back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .atomic import atomic_write_bytes, ensure_private_dir
from .errors import ChangedOnDisk, CorruptFile, NewerSchema, ReadOnlyPractice, WriteFailed

SCHEMA_VERSION = 1
META_TABLE = "_meta"

Data = dict[str, dict[str, Any]]


def meta_table(kind: str) -> dict[str, dict[str, Any]]:
    return {"1": {"schema": SCHEMA_VERSION, "kind": kind}}


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _encode(value: object) -> bytes:
    try:
        return orjson.dumps(value)
    except (orjson.JSONEncodeError, TypeError) as exc:
        raise WriteFailed(
            f"Not saved: the data could not be encoded ({exc}). What was already saved is unchanged."
        ) from exc


# A table's encoding in pieces: joined, they are its JSON without the closing brace,
# so a document is appended as one more piece and nothing is copied until the write.
Pieces = list[bytes]
MAX_PIECES = 256  # then they are joined into one, so a long session never makes thousands


def _encode_tables(data: Data) -> dict[str, Pieces]:
    return {name: [_encode(table)[:-1]] for name, table in data.items()}


def _join(tables: dict[str, Pieces], names: list[str]) -> bytes:
    """What orjson.dumps gives for the whole data, from each table's own encoding, in one copy."""
    out: list[bytes] = [b"{"]
    for n, name in enumerate(names):
        out.append(b"," + _encode(name) + b":" if n else _encode(name) + b":")
        out += tables[name]
        out.append(b"}")
    out.append(b"}")
    return b"".join(out)


def _shape(data: Data) -> tuple[tuple[str, int, str | None], ...]:
    """Names, sizes and last ids of the tables: a change made to the cached data without a write shows here."""
    return tuple((name, len(table), next(reversed(table), None)) for name, table in data.items())


def check_data(path: Path, data: object, kind: str) -> Data:
    """Validate the outer shape and the schema version of a parsed file."""
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptFile(path, "the file is not an Alliance TUI data file (unexpected layout).")
    # TinyDB turns every document key into an int and every document into a dict
    # on its next write: anything else would fail there, after the file was trusted.
    for name, table in data.items():
        if not all(isinstance(k, str) and k.isdigit() and isinstance(d, dict) for k, d in table.items()):
            raise CorruptFile(path, f"the table {name!r} holds records in an unexpected form.")
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise CorruptFile(path, "the file has no schema version; it is damaged or not ours.")
    if meta.get("kind") != kind:
        raise CorruptFile(path, f"expected a {kind} file, found {meta.get('kind')!r}.")
    if meta["schema"] > SCHEMA_VERSION:
        raise NewerSchema(
            path,
            f"written by a newer Alliance TUI (schema {meta['schema']}; this version reads up to "
            f"{SCHEMA_VERSION}). Upgrade Alliance TUI to open it; the file was left untouched.",
        )
    return data


def load_json(path: Path, kind: str) -> Data:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorruptFile(path, f"cannot be read ({exc.strerror or exc}).") from exc
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptFile(path, f"is damaged (not valid JSON: {exc}). It was left untouched.") from exc
    return check_data(path, data, kind)


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, kind: str, read_only: bool = False) -> None:
        self.path = Path(path)
        self.kind = kind
        self.read_only = read_only
        self._cache: Data | None = None
        self._stamp: tuple[int, int, int] | None = None
        # Each table of _cache as last written, and the shape it had then. The cache is changed
        # through write() and append() only (TinyDB writes after every change it makes).
        self._encoded: dict[str, Pieces] | None = None
        self._encoded_shape: tuple[tuple[str, int, str | None], ...] = ()

    def read(self) -> Data | None:
        if self._cache is None:
            stamp = _stamp(self.path)
            if stamp is None:
                return None
            self._cache = load_json(self.path, self.kind)
            self._stamp = stamp
            self._encoded = None
        return self._cache

    def write(self, data: Data) -> None:
        try:
            if self.read_only:
                raise ReadOnlyPractice(
                    "This window is read-only: another Alliance TUI has the practice open. Nothing was saved."
                )
            if META_TABLE not in data:
                data[META_TABLE] = meta_table(self.kind)
            tables = _encode_tables(data)
            self._save(_join(tables, list(data)))
        except BaseException:
            # TinyDB mutated our cached dict before calling write(); forget it so
            # the next read sees what is really on disk.
            self.forget()
            raise
        self._cache = data
        self._stamp = _stamp(self.path)
        self._remember_encoded(data, tables)

    def append(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        """Add one document at the end of a table and save: the bytes write() would write.

        Only the new document is encoded; every other table, and the table's
        earlier documents, reuse the bytes last written. A long-running
        client's file is over a megabyte, and encoding all of it again on
        every note cost more than anything else a note does but the fsync.
        orjson writes keys in order and without spaces, so the pieces joined
        are byte for byte what encoding the whole data would give.
        """
        data = self.read()
        if data is None:
            raise CorruptFile(self.path, "is missing.")
        if META_TABLE not in data or doc_id in data.get(table, {}):
            data.setdefault(table, {})[doc_id] = doc
            self.write(data)
            return
        try:
            if self.read_only:
                raise ReadOnlyPractice(
                    "This window is read-only: another Alliance TUI has the practice open. Nothing was saved."
                )
            tables = self._encoded_of(data)
            new = (b"," if data.get(table) else b"") + _encode(doc_id) + b":" + _encode(doc)
            pieces = tables[table] = [*tables.get(table, [b"{"]), new]
            if len(pieces) > MAX_PIECES:
                tables[table] = [b"".join(pieces)]
            names = list(data) if table in data else [*data, table]
            self._save(_join(tables, names))
        except BaseException:
            self.forget()
            raise
        data.setdefault(table, {})[doc_id] = doc
        self._stamp = _stamp(self.path)
        self._remember_encoded(data, tables)

    def _save(self, payload: bytes) -> None:
        current = _stamp(self.path)
        if current is not None and self._stamp is not None and current != self._stamp:
            raise ChangedOnDisk(
                self.path,
                "was changed outside Alliance TUI while it was open, so it was not overwritten. "
                "Nothing was saved; it is read again as it is now, so try once more.",
            )
        try:
            try:
                atomic_write_bytes(self.path, payload)
            except FileNotFoundError:
                if self.path.parent.exists():
                    raise
                # The folder itself was deleted while the app ran: what memory holds
                # is now the only copy, so the folder is made again and it is saved.
                ensure_private_dir(self.path.parent)
                atomic_write_bytes(self.path, payload)
        except OSError as exc:
            raise WriteFailed.from_os_error(self.path, exc) from exc

    def _encoded_of(self, data: Data) -> dict[str, Pieces]:
        """The tables' last written bytes, re-encoded if the data changed shape since (a safety net)."""
        if self._encoded is None or self._encoded_shape != _shape(data):
            return _encode_tables(data)
        return dict(self._encoded)

    def _remember_encoded(self, data: Data, tables: dict[str, Pieces]) -> None:
        self._encoded = tables
        self._encoded_shape = _shape(data)

    def unchanged_on_disk(self) -> bool:
        """True when the file is still exactly the one this storage last read or wrote."""
        return self._stamp is not None and _stamp(self.path) == self._stamp

    def forget(self) -> None:
        self._cache = None
        self._stamp = None
        self._encoded = None
