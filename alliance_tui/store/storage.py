"""A TinyDB Storage that is atomic, durable, cached and schema-checked.

TinyDB's JSONStorage rewrites its file in place (a kill mid-write truncates it)
and treats unreadable JSON as an empty database (the next write wipes it). This
storage raises on bad data instead, keeps the parsed data in memory while this
process holds the practice lock, and refuses to write over a file that was
changed behind its back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .atomic import atomic_write_bytes, ensure_private_dir
from .errors import ChangedOnDisk, CorruptFile, ReadOnlyPractice, WriteFailed
from .jsonfile import META_TABLE, SCHEMA_VERSION, Data, check_data, identity_stamp, load_json, meta_table

_stamp = identity_stamp


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


__all__ = [
    "META_TABLE",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "Data",
    "check_data",
    "load_json",
    "meta_table",
]


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

    def adopt(self, data: Data, stamp: tuple[int, int, int]) -> None:
        """Take over a parse of this file made elsewhere (load_json), with the stamp taken before it was read.

        The practice store reads its index without TinyDB at start-up and hands
        that parse over when it first needs TinyDB, so the file is parsed once.
        """
        if self._cache is None:
            self._cache = data
            self._stamp = stamp
            self._encoded = None

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
