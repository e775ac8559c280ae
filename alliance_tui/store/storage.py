"""A TinyDB Storage that is atomic, durable, cached and schema-checked.

TinyDB's JSONStorage rewrites its file in place (a kill mid-write truncates it)
and treats unreadable JSON as an empty database (the next write wipes it). This
storage raises on bad data instead, keeps the parsed data in memory while this
process holds the practice lock, and refuses to write over a file that was
changed behind its back.
"""

from __future__ import annotations

from pathlib import Path

import orjson
from tinydb.storages import Storage

from .atomic import atomic_write_bytes, ensure_private_dir
from .errors import ChangedOnDisk, ReadOnlyPractice, WriteFailed
from .jsonfile import META_TABLE, SCHEMA_VERSION, Data, check_data, identity_stamp, load_json, meta_table

_stamp = identity_stamp


def _encode(value: object) -> bytes:
    try:
        return orjson.dumps(value)
    except (orjson.JSONEncodeError, TypeError) as exc:
        raise WriteFailed(
            f"Not saved: the data could not be encoded ({exc}). What was already saved is unchanged."
        ) from exc


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
    def __init__(self, path: str | Path, kind: str, read_only: bool = False, temp_dir: Path | None = None) -> None:
        self.temp_dir = temp_dir  # where its temporary files are made, if not beside it (atomic_write_bytes)
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

    def adopt(self, data: Data, stamp: tuple[int, int, int]) -> None:
        """Take over a parse of this file made elsewhere (load_json), with the stamp taken before it was read.

        The practice store reads its index without TinyDB at start-up and hands
        that parse over when it first needs TinyDB, so the file is parsed once.
        """
        if self._cache is None:
            self._cache = data
            self._stamp = stamp

    def write(self, data: Data) -> None:
        try:
            if self.read_only:
                raise ReadOnlyPractice(
                    "This window is read-only: another Alliance TUI has the practice open. Nothing was saved."
                )
            if META_TABLE not in data:
                data[META_TABLE] = meta_table(self.kind)
            self._save(_encode(data))
        except BaseException:
            # TinyDB mutated our cached dict before calling write(); forget it so
            # the next read sees what is really on disk.
            self.forget()
            raise
        self._cache = data
        self._stamp = _stamp(self.path)

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
                self._replace_file(payload)
            except FileNotFoundError:
                if self.path.parent.exists():
                    raise
                # The folder itself was deleted while the app ran: what memory holds
                # is now the only copy, so the folder is made again and it is saved.
                ensure_private_dir(self.path.parent)
                self._replace_file(payload)
        except OSError as exc:
            raise WriteFailed.from_os_error(self.path, exc) from exc

    def _replace_file(self, payload: bytes) -> None:
        from .crypto.vault import seal_for

        sealed = seal_for(self.path, payload)  # as it is when the practice is encrypted (store/crypto)
        if self.temp_dir is None:
            atomic_write_bytes(self.path, sealed)
        else:
            atomic_write_bytes(self.path, sealed, temp_dir=self.temp_dir)

    def unchanged_on_disk(self) -> bool:
        """True when the file is still exactly the one this storage last read or wrote."""
        return self._stamp is not None and _stamp(self.path) == self._stamp

    def forget(self) -> None:
        self._cache = None
        self._stamp = None
