"""The practice index, practice.json: the practice's settings and a one-line summary of each client.

Opening reads the index straight from disk, without TinyDB or pydantic, when
it is as this version writes it: the dashboard needs only the summaries in it,
so the first frame is drawn before either is imported. TinyDB takes over that
same parse on the first write. A damaged, newer or unreadable index goes
through TinyDB at once, as it always did. The index is a cache of the clients'
own files: anything in it that cannot be trusted is read again from them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..models.summary import ClientSummary, InvalidSummary
from .atomic import fsync_dir
from .core import PRACTICE_FILE, StoreCore, file_stamp
from .errors import (
    FileProblem,
    InvalidInput,
    NewerSchema,
    PracticeUnavailable,
    SealRefused,
    StoreError,
    UnknownRecord,
    WriteFailed,
)
from .jsonfile import META_TABLE, Data, check_data, identity_stamp, read_data_bytes

if TYPE_CHECKING:
    from tinydb import TinyDB

    from .client_file import ClientFile

PRACTICE_KIND = "practice"

# The stored settings found at open, and whether they must be validated at once.
SettingsFound = tuple[Mapping[str, Any], bool]


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class PracticeIndex:
    """practice.json through TinyDB, and the summaries read from it (kept in memory for the client list)."""

    def __init__(self, core: StoreCore) -> None:
        self.core = core
        self.set_aside: Path | None = None  # a damaged index moved aside at this open (settings_rescue.py)
        self.db: TinyDB | None = None  # made on first use: opening needs no TinyDB
        self.open_now = False
        self.parse: tuple[Data, tuple[int, int, int]] | None = None  # for TinyDB to take over
        self.entries: dict[str, ClientSummary] = {}
        # Brings up to date the summaries in-call writes left for later, before any is read (set by the facade).
        self.before_read: Callable[[], None] = lambda: None

    # ----------------------------------------------------------------- opening

    def open(self) -> SettingsFound | None:
        """Read the index; returns the stored settings it holds, for the settings to take."""
        self.open_now = True
        read, found = self._open_directly()
        if read:
            return found
        from tinydb import TinyDB

        from .storage import AtomicJSONStorage

        core = self.core
        path = core.practice_path
        self.db = TinyDB(path, storage=AtomicJSONStorage, kind=PRACTICE_KIND, read_only=core.read_only)
        if path.exists():
            try:
                self.db.storage.read()  # parsed once, and kept for TinyDB
            except NewerSchema as exc:
                self.close()
                raise PracticeUnavailable(exc.message) from exc
            except FileProblem as exc:
                unreadable = exc.detail.startswith("cannot be read") or isinstance(exc, SealRefused)
                if core.read_only or not os.access(path, os.R_OK) or unreadable:
                    # Unreadable (or refused as tampered) is not damaged: leave the file exactly where it is.
                    self.close()
                    raise PracticeUnavailable(exc.message) from exc
                self._move_aside(exc)
        settings_docs = self.db.table("settings", cache_size=0).all()
        self.read_summaries(self.db.table("clients", cache_size=0).all())
        return (settings_docs[0], True) if settings_docs else None

    def _move_aside(self, exc: FileProblem) -> None:
        """A damaged index goes aside, named with the time, and the practice opens from the clients' files."""
        core = self.core
        path = core.practice_path
        aside = path.with_name(f"{PRACTICE_FILE}.damaged-{core.clock().strftime('%Y%m%dT%H%M%S')}")
        for n in range(2, 1000):
            if not aside.exists():
                break
            aside = path.with_name(f"{PRACTICE_FILE}.damaged-{core.clock().strftime('%Y%m%dT%H%M%S')}-{n}")
        try:
            os.replace(path, aside)
            fsync_dir(core.data_dir)
        except OSError as move_exc:
            self.close()
            raise PracticeUnavailable(
                f"{exc.message} It could not be moved aside ({move_exc.strerror or move_exc}), "
                "so the practice was not opened and nothing was changed."
            ) from move_exc
        self.set_aside = aside
        why = exc.detail.replace(" It was left untouched.", "").rstrip(".")
        why = f"it {why}" if why.startswith("is ") else why
        core.problems.append(
            f"The practice index {path} could not be used: {why}. It was moved aside to {aside.name}; "
            "clients were recovered from their own files, and practice settings reset to defaults."
        )
        assert self.db is not None
        self.db.storage.forget()  # type: ignore[attr-defined]

    def _open_directly(self) -> tuple[bool, SettingsFound | None]:
        """The index read as it is on disk, without TinyDB; (False, None) when it needs TinyDB's full path.

        Only a file that parses and passes the same checks as the storage's
        (layout, kind, schema version) is read here; a missing one is an empty
        index. Anything else returns (False, None), and open() deals with it exactly as
        before (its messages, moving a damaged index aside).
        """
        path = self.core.practice_path
        stamp = identity_stamp(path)  # before reading, as the storage does
        data: Data = {}
        if stamp is not None:
            try:
                data = check_data(path, orjson.loads(read_data_bytes(path, path.read_bytes())), PRACTICE_KIND)
            except (OSError, orjson.JSONDecodeError, FileProblem):
                return False, None
            self.parse = (data, stamp)
        settings_docs = list(data.get("settings", {}).values())
        self.read_summaries(list(data.get("clients", {}).values()))
        return True, ((settings_docs[0], False) if settings_docs else None)

    def read_summaries(self, docs: Iterable[Mapping[str, Any]]) -> None:
        for doc in docs:
            try:
                summary = ClientSummary.from_index(doc["summary"])
            except (KeyError, TypeError, InvalidSummary):
                continue  # not to be trusted: the client's own file is read at open
            self.entries[summary.id] = summary

    def docs(self, table: str) -> list[dict[str, Any]]:
        """The documents of one table of the index: from the parse made at open while TinyDB is not needed."""
        if self.db is None:  # no file at all is an empty index
            return list(self.parse[0].get(table, {}).values()) if self.parse is not None else []
        return list(self.database().table(table, cache_size=0).all())

    def database(self) -> TinyDB:
        """The index through TinyDB, made on first use from the parse made at open."""
        if self.db is None:
            from tinydb import TinyDB

            from .storage import AtomicJSONStorage

            self.db = TinyDB(
                self.core.practice_path, storage=AtomicJSONStorage, kind=PRACTICE_KIND, read_only=self.core.read_only
            )
            if self.parse is not None:
                self.db.storage.adopt(*self.parse)  # type: ignore[attr-defined]
                self.parse = None
        return self.db

    def forget_file(self) -> None:
        """Drop what was read of practice.json (it was deleted): the next write starts it again."""
        if self.db is not None:
            self.db.close()
            self.db = None
        self.parse = None

    def close(self) -> None:
        self.forget_file()
        self.open_now = False

    def stamps(self) -> dict[Any, Any]:
        """Each client's file as the index last saw it (file_stamp), by client id."""
        return {
            summary.get("id"): doc.get("stamp")
            for doc in self.docs("clients")
            if isinstance(summary := doc.get("summary"), dict)
        }

    def meta(self) -> dict[str, Any]:
        """The practice index's own description of itself (schema, kind, layout)."""
        docs = self.docs(META_TABLE)
        return dict(docs[0]) if docs else {}

    def mark_layout(self, layout: int) -> None:
        self.write(lambda db: db.table(META_TABLE, cache_size=0).update({"layout": layout}), index_only=True)

    # ----------------------------------------------------------------- summaries

    def summaries(self, include_archived: bool = True) -> list[ClientSummary]:
        with self.core.lock:  # a worker thread may be writing while the screen reads
            self.before_read()
            found = [s for s in self.entries.values() if include_archived or not s.archived]
        return sorted(found, key=lambda s: s.name.casefold())

    def summary(self, client_id: str) -> ClientSummary:
        with self.core.lock:
            self.before_read()
        try:
            return self.entries[client_id]
        except KeyError:
            raise UnknownRecord("That client is not in this practice.") from None

    def find_client(self, name: str) -> ClientSummary | None:
        """The client of that name, ignoring case and runs of spaces ("ana  lima" is Ana Lima)."""
        wanted = name_key(name)
        with self.core.lock:
            self.before_read()
            return next((s for s in self.entries.values() if name_key(s.name) == wanted), None)

    def check_unique_name(self, name: str, client_id: str | None) -> None:
        existing = self.find_client(name)
        if existing is not None and existing.id != client_id:
            raise InvalidInput(f"There is already a client called {existing.name}.")

    def mark_problem(self, client_id: str, message: str) -> None:
        """The client's summary says their file cannot be used; an unknown one is listed so the coach sees it."""
        if client_id in self.entries:
            self.entries[client_id] = self.entries[client_id].model_copy(update={"problem": message})
        else:
            # Not in the index (e.g. it was rebuilt): still list it, so the coach sees it exists.
            self.entries[client_id] = ClientSummary(
                id=client_id, name=f"Unreadable file {client_id}.json", problem=message
            )

    def remove(self, client_id: str) -> None:
        """A client erased: out of the index on disk, then out of memory."""
        from tinydb import Query

        self.write(lambda db: db.table("clients", cache_size=0).remove(Query().summary.id == client_id))
        self.entries.pop(client_id, None)

    # ----------------------------------------------------------------- writing

    def write(self, action: Any, *, index_only: bool = False) -> None:
        """A write to practice.json; index_only for the dashboard's index, which no client's screen shows."""
        db = self.database()
        try:
            action(db)
        except Exception as exc:
            # Start again from the file as it is: TinyDB's tables remember their
            # next document id, which a file changed behind our back may already use.
            from tinydb import TinyDB

            from .storage import AtomicJSONStorage

            db.close()
            self.db = TinyDB(
                self.core.practice_path, storage=AtomicJSONStorage, kind=PRACTICE_KIND, read_only=self.core.read_only
            )
            if isinstance(exc, StoreError):
                raise
            raise WriteFailed(
                f"Not saved: {self.core.practice_path} could not be updated ({type(exc).__name__}: {exc}). "
                "What was already saved is unchanged."
            ) from exc
        self.core.changed(None, "index" if index_only else "settings")

    def write_summaries(self, client_ids: list[str]) -> None:
        """Write the summaries that changed, in at most two writes (updates, then new clients)."""
        if self.core.read_only or not self.open_now or not client_ids:
            return
        from tinydb import Query

        self.before_read()
        table = self.database().table("clients", cache_size=0)
        current = {doc["summary"].get("id"): doc for doc in table.all() if isinstance(doc.get("summary"), dict)}
        updates: list[tuple[dict[str, Any], Any]] = []
        inserts: list[dict[str, Any]] = []
        for client_id in client_ids:
            summary = self.entries[client_id].to_index()
            existing = current.get(client_id)
            # Only a changed summary is written: the stamp alone changes on every note,
            # and a stale stamp merely makes the next start re-read this one client.
            if existing is not None and existing.get("summary") == summary:
                continue
            doc = {"summary": summary, "stamp": file_stamp(self.core.client_path(client_id))}
            if existing is None:
                inserts.append(doc)
            else:
                updates.append((doc, Query().summary.id == client_id))
        try:
            if updates:
                self.write(lambda db: db.table("clients", cache_size=0).update_multiple(updates), index_only=True)
            if inserts:
                self.write(lambda db: db.table("clients", cache_size=0).insert_multiple(inserts), index_only=True)
        except StoreError as exc:
            # The clients' own files are already safe; the index is a cache rebuilt on open.
            message = f"The practice index could not be updated ({exc.message}); it will be rebuilt."
            if message not in self.core.problems:  # a full disk would otherwise repeat it on every write
                self.core.problems.append(message)

    def save_stamps(self, files: Mapping[str, ClientFile]) -> None:
        """Record the files this window wrote, in one index write.

        Notes do not change a client's summary, so their writes leave the index
        alone; without this the next start would re-read every client touched.
        A file changed by someone else keeps its old stamp and is re-read.
        """
        if self.core.read_only or not self.open_now or not files:
            return
        from tinydb import Query

        table = self.database().table("clients", cache_size=0)
        fresh: dict[str, list[int]] = {}
        for client_id, file in files.items():
            stamp = file_stamp(file.path)
            if stamp is None or not file.storage.unchanged_on_disk():
                continue
            existing = table.get(Query().summary.id == client_id)
            if isinstance(existing, dict) and existing.get("stamp") != stamp:
                fresh[client_id] = stamp
        if not fresh:
            return

        def restamp(doc: Any) -> None:
            doc["stamp"] = fresh[doc["summary"]["id"]]

        with contextlib.suppress(StoreError):  # a stale stamp only makes the next start read that file again
            self.write(
                lambda db: db.table("clients", cache_size=0).update(restamp, Query().summary.id.one_of(list(fresh))),
                index_only=True,
            )
