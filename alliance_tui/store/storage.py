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

from .atomic import atomic_write_bytes
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

    def read(self) -> Data | None:
        if self._cache is None:
            stamp = _stamp(self.path)
            if stamp is None:
                return None
            self._cache = load_json(self.path, self.kind)
            self._stamp = stamp
        return self._cache

    def write(self, data: Data) -> None:
        try:
            if self.read_only:
                raise ReadOnlyPractice(
                    "This window is read-only: another Alliance TUI has the practice open. Nothing was saved."
                )
            current = _stamp(self.path)
            if current is not None and self._stamp is not None and current != self._stamp:
                raise ChangedOnDisk(
                    self.path,
                    "was changed outside Alliance TUI while it was open, so it was not overwritten. "
                    "Nothing was saved; it is read again as it is now, so try once more.",
                )
            if META_TABLE not in data:
                data[META_TABLE] = meta_table(self.kind)
            try:
                payload = orjson.dumps(data)
            except (orjson.JSONEncodeError, TypeError) as exc:
                raise WriteFailed(
                    f"Not saved: the data could not be encoded ({exc}). What was already saved is unchanged."
                ) from exc
            try:
                atomic_write_bytes(self.path, payload)
            except OSError as exc:
                raise WriteFailed.from_os_error(self.path, exc) from exc
        except BaseException:
            # TinyDB mutated our cached dict before calling write(); forget it so
            # the next read sees what is really on disk.
            self._cache = None
            self._stamp = None
            raise
        self._cache = data
        self._stamp = _stamp(self.path)

    def unchanged_on_disk(self) -> bool:
        """True when the file is still exactly the one this storage last read or wrote."""
        return self._stamp is not None and _stamp(self.path) == self._stamp

    def forget(self) -> None:
        self._cache = None
        self._stamp = None
