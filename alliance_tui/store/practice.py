"""The practice store: the one place that reads and writes a coach's data.

It speaks the domain's language (add a client, start a session, log a note,
adjust the alliance, check a commitment in...), takes and returns models, and
every call that returns has put its data on disk. All writes pass through one
lock, because TinyDB is not thread-safe.

Opening reads the practice index (practice.json) straight from disk, without
TinyDB or pydantic, when it is as this version writes it: the dashboard needs
only the summaries in it, so the first frame is drawn before either is
imported. TinyDB takes over that same parse on the first write, and the record
models are imported when a client is first opened. A damaged, newer or
unreadable index goes through TinyDB at once, as it always did.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from ..models.calendar import contact_emails
from ..models.kinds import NoteKind, RequestedBy
from ..models.settings_doc import DEFAULT_THEME, plainly_valid, theme_of
from ..models.summary import ClientSummary, InvalidSummary
from ..models.timeutil import Clock, utcnow
from .atomic import ensure_private_dir, fsync_dir, remove_stale_temporaries, write_data_file
from .errors import (
    ClientUnavailable,
    FileProblem,
    InvalidInput,
    NewerSchema,
    PracticeUnavailable,
    ReadOnlyPractice,
    SealRefused,
    StoreError,
    UnknownRecord,
    WriteFailed,
)
from .jsonfile import META_TABLE, Data, check_data, identity_stamp, read_data_bytes
from .lock import PracticeLock
from .paths import usable_client_id

if TYPE_CHECKING:
    from pydantic import BaseModel
    from tinydb import TinyDB

    from ..models.alliance import AllianceItem, AllianceVersion
    from ..models.client import Client
    from ..models.commitments import Commitment, CommitmentStatus
    from ..models.notes import Note
    from ..models.pauses import PauseRecord
    from ..models.present import Present, SessionEntries
    from ..models.prompts import RevisitPrompt
    from ..models.record import ClientRecord
    from ..models.session import Session
    from ..models.settings import PracticeSettings
    from ..models.undo import UndoStep
    from .client_file import ClientFile
    from .crypto.vault import Vault
    from .migrate import Progress

PRACTICE_FILE = "practice.json"
CLIENTS_DIR = "clients"
PRACTICE_KIND = "practice"

M = TypeVar("M", bound="BaseModel")


@contextlib.contextmanager
def validating(**labels: str) -> Iterator[None]:
    """Turn a pydantic refusal into a message for the coach; ``labels`` names fields for this call."""
    from pydantic import ValidationError

    from ..models.errors import describe

    try:
        yield
    except ValidationError as exc:
        raise InvalidInput(describe(exc, labels)) from exc


def revise(model: M, **changes: Any) -> M:
    """A validated copy (model_copy would skip validation)."""
    with validating():
        return type(model).model_validate({**model.model_dump(), **changes})


def _replace_settings(db: TinyDB, doc: dict[str, Any]) -> None:
    """The stored settings become exactly doc, in one write: nothing left over from an older form of them."""
    table = db.table("settings", cache_size=0)

    def become_doc(stored: MutableMapping[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    if table.all():
        table.update(become_doc)
    else:
        table.insert(doc)


def _plain_bytes(path: Path) -> bytes:
    return read_data_bytes(path, path.read_bytes())


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _file_stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


Listener = Callable[[str | None, str], None]  # (client_id or None for the practice, kind of change)
LONG_READ_BYTES = 5_000_000  # client files to read at open beyond this are announced (on_progress)


class PracticeStore:
    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock = utcnow,
        read_only: bool = False,
        defer_changed: bool = False,
        vault: Vault | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.vault = vault  # an encrypted practice's key, unlocked (store/crypto): its files are sealed and opened
        self.clock = clock
        self.read_only = read_only
        self.read_only_reason = "opened read-only" if read_only else ""
        self.problems: list[str] = []  # shown to the coach once the app is up
        self.on_problem: Callable[[str], None] | None = None  # a window told of problems found while it runs
        self.index_set_aside: Path | None = None  # a damaged index moved aside at this open (settings_rescue.py)
        # With defer_changed, a client file changed since the index was written is not read at open:
        # its summary from the index stands until check_changed (a worker, after the first frame) or
        # the coach opening that client reads it. A 50 MB file then costs no start-up time.
        self.defer_changed = defer_changed
        self.on_progress: Callable[[str], None] | None = None  # told before a long read at open
        self.unchecked: dict[str, Path] = {}
        self._lock = threading.RLock()
        self._practice_lock = PracticeLock(self.data_dir)
        self._db: TinyDB | None = None  # made on first use: opening needs no TinyDB
        self._index_open = False
        self._index_parse: tuple[Data, tuple[int, int, int]] | None = None  # for TinyDB to take over
        self._settings: PracticeSettings | None = None  # validated on first use
        self._settings_doc: dict[str, Any] | None = None  # stored settings, plainly valid, not yet validated
        self._summaries: dict[str, ClientSummary] = {}
        self._records: dict[str, ClientRecord] = {}
        self._files: dict[str, ClientFile] = {}
        self._broken: dict[str, str] = {}
        self._broken_stamps: dict[str, list[int] | None] = {}  # the file as it was when it failed
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Be told of every change once it is on disk: listener(client_id, kind); returns how to stop.

        client_id is None for a practice-wide change ("settings": what every
        client's screen shows; "index": the client list's summaries). A client's
        kind is "records" after a write, "reloaded" when memory went back to
        the file after a refused one. Called on the thread that wrote, under
        the store's lock: a listener only takes note (the app posts a message).
        """
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self, client_id: str | None, kind: str) -> None:
        for listener in list(self._listeners):
            listener(client_id, kind)

    # ----------------------------------------------------------------- opening

    @property
    def clients_dir(self) -> Path:
        return self.data_dir / CLIENTS_DIR

    @property
    def practice_path(self) -> Path:
        return self.data_dir / PRACTICE_FILE

    def open(self, progress: Progress | None = None) -> PracticeStore:
        """Open the practice; a practice of an earlier layout is moved first (store/migrate.py), with progress."""
        if self.vault is not None:
            from .crypto.vault import attach

            attach(self.vault)
        try:
            if not self.read_only:  # a read-only view never creates anything
                ensure_private_dir(self.data_dir)
                ensure_private_dir(self.clients_dir)
        except OSError as exc:
            if not self.practice_path.exists():
                raise PracticeUnavailable(
                    f"Cannot use {self.data_dir} for the practice: {exc.strerror or exc}."
                ) from exc
        if not self.read_only and not self._practice_lock.acquire():
            self.read_only = True
            if self._practice_lock.contended:
                self.read_only_reason = (
                    f"Another Alliance TUI ({self._practice_lock.holder}) has this practice open: "
                    "this window is read-only, so nothing can be lost."
                )
            else:
                self.read_only_reason = (
                    f"The practice in {self.data_dir} cannot be written to ({self._practice_lock.holder}): "
                    "this window is read-only. Nothing was changed."
                )
            self.problems.append(self.read_only_reason)
        if not self.read_only:
            remove_stale_temporaries(self.data_dir)
            remove_stale_temporaries(self.clients_dir)
        self._open_practice_file()
        self._reconcile_index()
        if not self.read_only:
            from .migrate import move_practice

            message = move_practice(self, progress)
            if message:
                self.problems.append(message)
        return self

    def index_meta(self) -> dict[str, Any]:
        """The practice index's own description of itself (schema, kind, layout)."""
        docs = self._index_docs(META_TABLE)
        return dict(docs[0]) if docs else {}

    def mark_layout(self, layout: int) -> None:
        self._practice_write(lambda db: db.table(META_TABLE, cache_size=0).update({"layout": layout}), index_only=True)

    def move_client(self, client_id: str) -> None:
        """One client of an earlier layout: their ended sessions into files of their own, then let go."""
        with self._lock:
            self._held(client_id)
            self._put_away(client_id)
            self.release(client_id)

    def _open_practice_file(self) -> None:
        self._index_open = True
        if self._open_index_directly():
            return
        from tinydb import TinyDB

        from .storage import AtomicJSONStorage

        path = self.practice_path
        self._db = TinyDB(path, storage=AtomicJSONStorage, kind=PRACTICE_KIND, read_only=self.read_only)
        if path.exists():
            try:
                self._db.storage.read()  # parsed once, and kept for TinyDB
            except NewerSchema as exc:
                self.close()
                raise PracticeUnavailable(exc.message) from exc
            except FileProblem as exc:
                unreadable = exc.detail.startswith("cannot be read") or isinstance(exc, SealRefused)
                if self.read_only or not os.access(path, os.R_OK) or unreadable:
                    # Unreadable (or refused as tampered) is not damaged: leave the file exactly where it is.
                    self.close()
                    raise PracticeUnavailable(exc.message) from exc
                aside = path.with_name(f"{PRACTICE_FILE}.damaged-{self.clock().strftime('%Y%m%dT%H%M%S')}")
                for n in range(2, 1000):
                    if not aside.exists():
                        break
                    aside = path.with_name(f"{PRACTICE_FILE}.damaged-{self.clock().strftime('%Y%m%dT%H%M%S')}-{n}")
                try:
                    os.replace(path, aside)
                    fsync_dir(self.data_dir)
                except OSError as move_exc:
                    self.close()
                    raise PracticeUnavailable(
                        f"{exc.message} It could not be moved aside ({move_exc.strerror or move_exc}), "
                        "so the practice was not opened and nothing was changed."
                    ) from move_exc
                self.index_set_aside = aside
                why = exc.detail.replace(" It was left untouched.", "").rstrip(".")
                why = f"it {why}" if why.startswith("is ") else why
                self.problems.append(
                    f"The practice index {path} could not be used: {why}. It was moved aside to {aside.name}; "
                    "clients were recovered from their own files, and practice settings reset to defaults."
                )
                self._db.storage.forget()  # type: ignore[attr-defined]
        settings_docs = self._db.table("settings", cache_size=0).all()
        if settings_docs:
            self._validate_settings(settings_docs[0])
        self._read_summaries(self._db.table("clients", cache_size=0).all())

    def _open_index_directly(self) -> bool:
        """The index read as it is on disk, without TinyDB; False when it needs TinyDB's full path.

        Only a file that parses and passes the same checks as the storage's
        (layout, kind, schema version) is read here; a missing one is an empty
        index. Anything else returns False, and _open_practice_file deals with
        it exactly as before (its messages, moving a damaged index aside).
        """
        path = self.practice_path
        stamp = identity_stamp(path)  # before reading, as the storage does
        data: Data = {}
        if stamp is not None:
            try:
                data = check_data(path, orjson.loads(read_data_bytes(path, path.read_bytes())), PRACTICE_KIND)
            except (OSError, orjson.JSONDecodeError, FileProblem):
                return False
            self._index_parse = (data, stamp)
        settings_docs = list(data.get("settings", {}).values())
        if settings_docs and not plainly_valid(settings_docs[0]):
            self._validate_settings(settings_docs[0])  # anything unusual: checked now, as ever
        elif settings_docs:
            self._settings_doc = dict(settings_docs[0])  # its own: TinyDB may later change the stored one
        self._read_summaries(list(data.get("clients", {}).values()))
        return True

    def _read_summaries(self, docs: Iterable[Mapping[str, Any]]) -> None:
        for doc in docs:
            try:
                summary = ClientSummary.from_index(doc["summary"])
            except (KeyError, TypeError, InvalidSummary):
                continue  # not to be trusted: _reconcile_index reads that client's own file
            self._summaries[summary.id] = summary

    def _validate_settings(self, doc: object) -> None:
        from pydantic import ValidationError

        from ..models.errors import describe
        from ..models.settings import PracticeSettings

        try:
            self._settings = PracticeSettings.model_validate(doc)
        except ValidationError as exc:
            self._settings, left_out = PracticeSettings.salvage(doc)
            kept = self._keep_settings_as_they_were(doc)
            self.problems.append(
                f"Practice settings could not all be read ({describe(exc).rstrip('.')}). Left out, with the defaults "
                f"in their place: {', '.join(left_out)}; everything else was kept. {kept}"
            )

    def _keep_settings_as_they_were(self, doc: object) -> str:
        """The stored settings, copied beside the index before the next settings change replaces them."""
        if self.read_only:
            return "This window is read-only: nothing was changed."
        try:
            copy = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
            # Opened again before any settings change: the copy kept last time stands, no new one each start.
            kept = self.data_dir.glob(f"{PRACTICE_FILE}.settings-*")
            aside = next((p for p in kept if _plain_bytes(p) == copy), None)
            if aside is None:
                aside = self.data_dir / f"{PRACTICE_FILE}.settings-{self.clock().strftime('%Y%m%dT%H%M%S')}"
                write_data_file(aside, copy)
        except (OSError, TypeError, FileProblem) as exc:
            return f"A copy of them could not be kept ({getattr(exc, 'strerror', None) or exc})."
        return f"A copy of them as they were is in {aside.name}."

    def _index_docs(self, table: str) -> list[dict[str, Any]]:
        """The documents of one table of the index: from the parse made at open while TinyDB is not needed."""
        if self._db is None:  # no file at all is an empty index
            return list(self._index_parse[0].get(table, {}).values()) if self._index_parse is not None else []
        return list(self._database().table(table, cache_size=0).all())

    def _database(self) -> TinyDB:
        """The index through TinyDB, made on first use from the parse made at open."""
        if self._db is None:
            from tinydb import TinyDB

            from .storage import AtomicJSONStorage

            self._db = TinyDB(
                self.practice_path, storage=AtomicJSONStorage, kind=PRACTICE_KIND, read_only=self.read_only
            )
            if self._index_parse is not None:
                self._db.storage.adopt(*self._index_parse)  # type: ignore[attr-defined]
                self._index_parse = None
        return self._db

    def _reconcile_index(self) -> None:
        """The index is a cache: trust it only where the client's file is unchanged."""
        stamps = {
            summary.get("id"): doc.get("stamp")
            for doc in self._index_docs("clients")
            if isinstance(summary := doc.get("summary"), dict)
        }
        found = self.clients_dir.glob("*.json") if self.clients_dir.is_dir() else []
        # Only names this store could have written; anything else in the folder is not a client.
        on_disk = {p.stem: p for p in found if usable_client_id(p.stem)}
        stale = []
        to_read = []
        for client_id, path in on_disk.items():
            if client_id in self._summaries and stamps.get(client_id) == _file_stamp(path):
                continue
            if client_id in self._summaries and self.defer_changed:
                self.unchecked[client_id] = path
                continue
            to_read.append(client_id)
        self._say_long_read([on_disk[c] for c in to_read])
        for client_id in to_read:
            with contextlib.suppress(ClientUnavailable):
                self._refresh_summary(client_id, write_index=False)
                stale.append(client_id)
        self._write_index(stale)  # one write for all of them, however many
        for client_id, summary in list(self._summaries.items()):
            if client_id not in on_disk:
                self._mark_broken(client_id, f"The file for {summary.name} is missing from {self.clients_dir}.")

    def _say_long_read(self, paths: list[Path]) -> None:
        """Files that must be read before the practice opens (no summary of them in the index): a long read is said."""
        if self.on_progress is None or not paths:
            return
        size = 0
        for path in paths:
            with contextlib.suppress(OSError):
                size += path.stat().st_size
        if size >= LONG_READ_BYTES:
            from ..models.wording import plural

            self.on_progress(
                f"Reading {plural(len(paths), 'client file')} ({size / 1_000_000:.0f} MB) to bring the practice "
                "index up to date…"
            )

    def close(self) -> None:
        with self._lock:
            self._save_stamps()
            for file in self._files.values():
                file.close()
            self._files.clear()
            if self._db is not None:
                self._db.close()
                self._db = None
            self._index_open = False
            self._index_parse = None
            self._practice_lock.release()
            if self.vault is not None:
                from .crypto.vault import detach

                detach(self.vault)

    def _save_stamps(self, only: str | None = None) -> None:
        """Record the files this window wrote, in one index write at close.

        Notes do not change a client's summary, so their writes leave the index
        alone; without this the next start would re-read every client touched.
        A file changed by someone else keeps its old stamp and is re-read.
        """
        if self.read_only or not self._index_open or not self._files:
            return
        from tinydb import Query

        table = self._database().table("clients", cache_size=0)
        fresh: dict[str, list[int]] = {}
        files = self._files if only is None else {only: self._files[only]} if only in self._files else {}
        for client_id, file in files.items():
            stamp = _file_stamp(file.path)
            if stamp is None or not file.storage.unchanged_on_disk():
                continue
            existing = table.get(Query().summary.id == client_id)
            if isinstance(existing, dict) and existing.get("stamp") != stamp:
                fresh[client_id] = stamp
        if not fresh:
            return

        def restamp(doc: Any) -> None:
            doc["stamp"] = fresh[doc["summary"]["id"]]

        with contextlib.suppress(StoreError):
            self._practice_write(
                lambda db: db.table("clients", cache_size=0).update(restamp, Query().summary.id.one_of(list(fresh))),
                index_only=True,
            )

    def __enter__(self) -> PracticeStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- reading

    @property
    def settings(self) -> PracticeSettings:
        if self._settings is None:
            with self._lock:  # a worker thread may ask at the same moment
                if self._settings is None:
                    # Plainly valid when the practice was opened (or absent): this cannot fail.
                    self._validate_settings(self._settings_doc if self._settings_doc is not None else {})
                    self._settings_doc = None
        assert self._settings is not None
        return self._settings

    @property
    def theme(self) -> str:
        """The saved theme, without validating the rest of the settings (start-up needs only this)."""
        if self._settings is not None:
            return self._settings.theme
        return theme_of(self._settings_doc) if self._settings_doc is not None else DEFAULT_THEME

    def summaries(self, include_archived: bool = True) -> list[ClientSummary]:
        with self._lock:  # a worker thread may be writing while the screen reads
            found = [s for s in self._summaries.values() if include_archived or not s.archived]
        return sorted(found, key=lambda s: s.name.casefold())

    def summary(self, client_id: str) -> ClientSummary:
        try:
            return self._summaries[client_id]
        except KeyError:
            raise UnknownRecord("That client is not in this practice.") from None

    def find_client(self, name: str) -> ClientSummary | None:
        """The client of that name, ignoring case and runs of spaces ("ana  lima" is Ana Lima)."""
        wanted = _name_key(name)
        with self._lock:
            return next((s for s in self._summaries.values() if _name_key(s.name) == wanted), None)

    def record(self, client_id: str) -> ClientRecord:
        """Everything about one client, for the screens that show it all (review, exports, erase).

        The caller's own: its lists are new ones, and the records in them are
        frozen, so nothing done with it changes what the store holds.
        """
        with self._lock:
            self._held(client_id)
            file = self._files[client_id]
            try:
                return file.load_whole()  # read now: the caller's own, built for it alone
            except FileProblem as exc:
                name = self._held(client_id).client.name
                raise ClientUnavailable(
                    f"{name}'s earlier sessions cannot all be read: {exc.message} "
                    "The live session still works; nothing was changed."
                ) from exc

    def present(self, client_id: str) -> Present:
        """What a live session needs of this client (models/present.py), frozen."""

        with self._lock:
            return self._present(client_id)

    def _present(self, client_id: str) -> Present:
        from ..models.present import Present

        live = self._held(client_id)
        return Present.build(live, self._files[client_id].archived)

    def sessions(self, client_id: str) -> tuple[Session, ...]:
        """Every session held with this client, oldest first."""
        with self._lock:
            return tuple(self.record(client_id).sessions)

    def session_entries(self, client_id: str, session_number: int) -> SessionEntries:
        """One session and what was written in it, for a screen that shows that session."""
        from ..models.present import SessionEntries

        with self._lock:
            held = self.record(client_id)
            if held.session(session_number) is None:
                raise UnknownRecord("That session is not in this client's file.")
            return SessionEntries.of(held, session_number)

    def versions(self, client_id: str) -> tuple[AllianceVersion, ...]:
        """Every version of the alliance, each whole, oldest first."""
        with self._lock:
            return tuple(self.record(client_id).versions)

    def _held(self, client_id: str) -> ClientRecord:
        """What is at hand of one client (its present file), loaded on first use and kept: never handed out."""
        return self._load(client_id)

    def _read_client_file(self, path: Path) -> tuple[ClientFile, ClientRecord]:
        """A client's file opened and its records built; nothing is left open when it cannot be read."""
        from .client_file import ClientFile

        file = ClientFile(path, read_only=self.read_only)
        try:
            record = file.load()
        except FileProblem:
            file.close()
            raise
        return file, record

    def _load(self, client_id: str) -> ClientRecord:
        with self._lock:
            if client_id in self._records:
                return self._records[client_id]
            path = self._client_path(client_id)
            recovering = client_id in self._broken
            if recovering:
                if _file_stamp(path) == self._broken_stamps.get(client_id):
                    raise ClientUnavailable(self._broken[client_id])
                # The file changed since it failed (restored or repaired): try it again.
                message = self._broken.pop(client_id)
                self.problems = [p for p in self.problems if p != message]
            if not path.exists():
                if client_id in self._summaries:
                    name = self._summaries[client_id].name
                    self._mark_broken(client_id, f"The file for {name} is missing from {self.clients_dir}.")
                    raise ClientUnavailable(self._broken[client_id])
                raise UnknownRecord("That client is not in this practice.")
            try:
                file, record = self._read_client_file(path)
            except FileProblem as exc:
                whose = f"{self._summaries[client_id].name}'s file" if client_id in self._summaries else "A client file"
                self._mark_broken(client_id, f"{whose} cannot be opened: {exc.message}")
                raise ClientUnavailable(self._broken[client_id]) from exc
            self._files[client_id] = file
            self._records[client_id] = record
            if self.unchecked.pop(client_id, None) is not None or recovering:
                self._refresh_summary(client_id)
            return record

    def check_changed(self, client_id: str) -> None:
        """Bring one deferred client's summary up to date with their file (see defer_changed).

        Made for a worker thread: the file is read and checked without holding the
        store's lock, so the screens go on; only the new summary is put in under it.
        """
        from ..models.present import Present
        from .client_file import ClientFile

        path = self.unchecked.get(client_id)
        if path is None:
            return
        stamp = _file_stamp(path)
        file = ClientFile(path, read_only=True)
        try:
            present = Present.build(file.load(), file.archived)
        except FileProblem as exc:
            with self._lock:
                if self.unchecked.pop(client_id, None) is not None and client_id not in self._records:
                    self._mark_broken(
                        client_id, f"{self._summaries[client_id].name}'s file cannot be opened: {exc.message}"
                    )
            return
        finally:
            file.close()
        with self._lock:
            if self.unchecked.pop(client_id, None) is None or client_id in self._records:
                return  # opened meanwhile, which brought the summary up to date
            if _file_stamp(path) == stamp:
                self._refresh_summary(client_id, present=present)

    def is_loaded(self, client_id: str) -> bool:
        return client_id in self._records

    # ----------------------------------------------------------------- writing: practice

    def add_client(self, name: str, **fields: Any) -> Client:
        from ..models.client import Client
        from .client_file import ClientFile

        with self._lock:
            self._check_writable()
            with validating():
                client = Client(name=name, created=self.clock(), **fields)
            self._check_unique_name(client.name, None)
            ClientFile.create(self._client_path(client.id), client)
            self._refresh_summary(client.id)
            return client

    def update_client(self, client_id: str, **changes: Any) -> Client:
        with self._lock:
            self._check_writable()
            record = self._held(client_id)
            client = revise(record.client, **changes)
            self._check_unique_name(client.name, client_id)
            self._write(client_id, lambda f: f.set_client(client))
            record.client = client
            self._refresh_summary(client_id)
            return client

    def import_record(self, record: ClientRecord) -> Client:
        """Add a client with their whole history in one write (bulk import).

        Used where thousands of records would otherwise cost one fsynced write
        each; the file is the same as the one-call-at-a-time path would leave.
        """
        from ..models.record import ClientRecord
        from .client_file import ClientFile

        with self._lock:
            self._check_writable()
            with validating():
                record = ClientRecord.model_validate(record.model_dump())
            self._check_unique_name(record.client.name, None)
            path = self._client_path(record.client.id)
            if path.exists():
                raise InvalidInput("A client with that id is already in this practice.")
            self._files[record.client.id] = ClientFile.create_from_record(path, record)
            self._records[record.client.id] = record
            self._put_away(record.client.id)  # its ended sessions into their own files, as ending them does
            self._refresh_summary(record.client.id)
            return record.client

    def release(self, client_id: str) -> None:
        """Let go of a loaded client's records; the next record() reads them from disk again."""
        with self._lock:
            self._save_stamps(only=client_id)  # as close() would: the next start trusts the index
            self._records.pop(client_id, None)
            file = self._files.pop(client_id, None)
            if file is not None:
                file.close()

    def set_archived(self, client_id: str, archived: bool) -> Client:
        return self.update_client(client_id, archived=archived)

    def update_settings(self, **changes: Any) -> PracticeSettings:

        with self._lock:
            self._check_writable()
            settings = revise(self.settings, **changes)
            doc = settings.model_dump(mode="json")
            self._practice_write(lambda db: _replace_settings(db, doc))
            previous, self._settings = self.settings, settings
            if previous.revisit_every_sessions != settings.revisit_every_sessions:
                # The revisit nudges in every summary follow this interval.
                refreshed = []
                for client_id in list(self._summaries):
                    if client_id not in self._broken:
                        with contextlib.suppress(ClientUnavailable, UnknownRecord):
                            self._refresh_summary(client_id, write_index=False)
                            refreshed.append(client_id)
                self._write_index(refreshed)
            return settings

    # Read-modify-write of the settings happens under the lock, so two callers never lose each other's change.

    def revise_settings(self, change: Callable[[PracticeSettings], dict[str, Any]]) -> PracticeSettings:
        """The settings changed by what ``change`` makes of them as they stand, under the lock."""
        with self._lock:
            return self.update_settings(**change(self.settings))

    def add_prompt(self, text: str) -> RevisitPrompt:
        from ..models.prompts import RevisitPrompt

        with validating():
            prompt = RevisitPrompt(text=text)
        with self._lock:
            self.update_settings(prompts=[*self.settings.prompts, prompt])
        return prompt

    def remove_prompt(self, prompt_id: str) -> None:
        with self._lock:
            self.update_settings(prompts=[p for p in self.settings.prompts if p.id != prompt_id])

    def add_category(self, name: str) -> str:
        with self._lock:
            with validating():
                settings = revise(self.settings, categories=[*self.settings.categories, name])
            added = settings.categories[-1]
            known = {c.casefold() for c in self.categories()}
            if added.casefold() in known:
                raise InvalidInput(f"There is already a category called '{added}'.")
            self.update_settings(categories=settings.categories)
            return added

    def categories(self) -> tuple[str, ...]:
        from ..models.alliance import DEFAULT_CATEGORIES

        return DEFAULT_CATEGORIES + tuple(self.settings.categories)

    # ----------------------------------------------------------------- writing: alliance

    def adjust_alliance(
        self,
        client_id: str,
        items: list[AllianceItem],
        *,
        reason: str = "",
        session_number: int | None = None,
        full_design: bool = False,
    ) -> AllianceVersion:
        """Save the whole agreement as a new version; old versions are never rewritten."""
        from ..models.alliance import AllianceItem, AllianceVersion

        with self._lock:
            self._check_writable()
            present = self._present(client_id)
            ids = [i.id for i in items]
            if len(set(ids)) != len(ids):
                raise InvalidInput("The same agreement appears twice in this version; nothing was saved.")
            with validating():
                version = AllianceVersion(
                    number=present.version_count + 1,
                    created=self.clock(),
                    session_number=session_number,
                    reason=reason,
                    full_design=full_design,
                    items=[AllianceItem.model_validate(i.model_dump()) for i in items],
                )
            previous = present.current_alliance
            self._write(client_id, lambda f: f.insert_version(previous, version))
            self._held(client_id).versions.append(version)
            self._refresh_summary(client_id)
            return version

    def add_alliance_item(
        self,
        client_id: str,
        category: str,
        wording: str,
        *,
        requested_by: RequestedBy = RequestedBy.CLIENT,
        session_number: int | None = None,
        reason: str = "",
    ) -> AllianceVersion:
        """One new agreement on top of the current ones: the in-session adjustment."""
        from ..models.alliance import AllianceItem

        present = self._present(client_id)
        with validating():
            new = AllianceItem(
                category=category,
                wording=wording,
                requested_by=requested_by,
                agreed_in_session=session_number,
                reason=reason,
            )
        current = present.current_alliance.items if present.current_alliance else []
        return self.adjust_alliance(
            client_id,
            [*current, new],
            reason=reason or f"Added in session: {new.wording}"[:2000],
            session_number=session_number,
        )

    # ----------------------------------------------------------------- writing: sessions

    def session_to_start(
        self, client_id: str, planned_minutes: int | None = None, *, started: datetime | None = None
    ) -> Session:
        """The session start_session would give now, written nowhere: the open one, else the next.

        A session screen shows it from the start; it is written (start_session)
        only with the first entry, check-in or pause logged in it.
        """
        from ..models.session import Session

        with self._lock:
            present = self._present(client_id)
            if present.open_session is not None:
                return present.open_session
            with validating():
                return Session(
                    number=present.next_session_number,
                    started=started or self.clock(),
                    planned_minutes=planned_minutes or present.client.session_minutes,
                )

    def start_session(
        self, client_id: str, planned_minutes: int | None = None, *, started: datetime | None = None
    ) -> Session:
        """Resume the open session if there is one, otherwise start the next (begun at `started`, else now)."""
        with self._lock:
            session = self.session_to_start(client_id, planned_minutes, started=started)
            record = self._held(client_id)
            if session.is_open and any(s.id == session.id for s in record.sessions):
                return session
            self._check_writable()
            self._write(client_id, lambda f: f.insert("sessions", session))
            record.sessions.append(session)
            self._refresh_summary(client_id)
            return session

    def update_session(self, client_id: str, session_id: str, **changes: Any) -> Session:
        return self._replace(client_id, "sessions", session_id, **changes)

    def end_session(self, client_id: str, session_id: str) -> Session:
        """End it now; ending an ended session keeps its real end time (a second press loses nothing).

        A clock set back since the start cannot make it end before it began: it ends
        at its start, which the hours log flags instead of counting 0.00 hours.
        """
        with self._lock:
            found = next((s for s in self._held(client_id).sessions if s.id == session_id), None)
            if found is not None and not found.is_open:
                return found
            now = self.clock()
            if found is not None and now < found.started:
                ended: Session = self._replace(
                    client_id, "sessions", session_id, ended=found.started, clock_set_back=True
                )
            else:
                ended = self._replace(client_id, "sessions", session_id, ended=now)
            self._put_away(client_id)
            return ended

    def _put_away(self, client_id: str) -> None:
        """Every ended session's records into its own file, so the present stays small (store/history.py).

        Ending is already on disk when this runs: a failure here loses nothing
        (the records stay in the present file) and is tried again at the next
        ending or opening.
        """
        live = self._held(client_id)
        file = self._files[client_id]
        ended = [s.number for s in live.sessions if not s.is_open and s.number > file.archived.through]
        if not ended or self.read_only:
            return
        try:
            self._records[client_id] = file.put_away(live, max(ended))
        except StoreError as exc:
            self._reload(client_id)
            message = f"{live.client.name}'s ended sessions could not be moved to their own files ({exc.message})."
            if message not in self.problems:
                self.problems.append(message)

    def discard_session_if_empty(self, client_id: str, session_id: str) -> bool:
        """Forget a session opened by mistake, so "sessions held" stays true.

        Only the latest session, still open, with nothing in it: no focus or
        measure of success, notes, commitments made or checked in, pauses or
        alliance versions. Anything else is kept; returns whether it went.
        """
        from tinydb import Query

        with self._lock:
            record = self._held(client_id)
            session = next((s for s in record.sessions if s.id == session_id), None)
            if session is None or not session.is_open or session.focus or session.success_measure:
                return False
            n = session.number
            if any(s.number > n for s in record.sessions):
                return False
            linked = (record.notes, record.commitments, record.pauses, record.versions)
            if any(m.session_number == n for models in linked for m in models):
                return False
            if any(c.checked_in_session == n for c in record.commitments):
                return False
            self._check_writable()
            self._write(client_id, lambda f: f.db.table("sessions", cache_size=0).remove(Query().id == session_id))
            record.sessions = [s for s in record.sessions if s.id != session_id]
            self._refresh_summary(client_id)
            return True

    # ----------------------------------------------------------------- writing: notes, commitments, pauses

    def log_note(
        self,
        client_id: str,
        text: str,
        *,
        kind: NoteKind = NoteKind.NOTE,
        private: bool = True,
        session_number: int | None = None,
        prompt: str = "",
    ) -> Note:
        from ..models.notes import Note

        with validating(text="Revisit answer" if kind is NoteKind.REVISIT else "Note"):
            note = Note(
                text=text,
                kind=kind,
                private=private,
                created=self.clock(),
                session_number=session_number,
                prompt=prompt,
            )
        # Of all notes only a revisit answer can change the dashboard's summary (its nudges);
        # recomputing it meant a scan of every note the client has, on every note logged.
        return self._insert(client_id, "notes", note, summary_may_change=note.kind is NoteKind.REVISIT)

    def update_note(self, client_id: str, note_id: str, **changes: Any) -> Note:
        return self._replace(client_id, "notes", note_id, **changes)

    def add_commitment(
        self,
        client_id: str,
        what: str,
        *,
        by_when: str = "",
        how_accountable: str = "",
        session_number: int | None = None,
    ) -> Commitment:
        from ..models.commitments import Commitment

        with validating():
            commitment = Commitment(
                what=what,
                by_when=by_when,
                how_accountable=how_accountable,
                created=self.clock(),
                session_number=session_number,
            )
        return self._insert(client_id, "commitments", commitment)

    def check_in(
        self,
        client_id: str,
        commitment_id: str,
        status: CommitmentStatus,
        *,
        note: str = "",
        session_number: int | None = None,
    ) -> Commitment:
        return self._replace(
            client_id,
            "commitments",
            commitment_id,
            status=status,
            checkin_note=note,
            checked_in_session=session_number,
            checked_in_at=self.clock(),
        )

    def record_pause(
        self,
        client_id: str,
        *,
        target_seconds: int,
        actual_seconds: float,
        started: datetime,
        session_number: int | None = None,
    ) -> PauseRecord:
        from ..models.pauses import PauseRecord

        with validating():
            pause = PauseRecord(
                target_seconds=target_seconds,
                actual_seconds=round(actual_seconds, 3) if isinstance(actual_seconds, float) else actual_seconds,
                started=started,
                session_number=session_number,
            )
        return self._insert(client_id, "pauses", pause)

    # ----------------------------------------------------------------- taking back (ctrl+z)

    def remove_record(self, client_id: str, table: str, record_id: str) -> None:
        """Take back a record written by mistake, as if it had never been written.

        An alliance version goes only while it is the latest (it is withdrawn,
        never rewritten); a session only while nothing is logged in it.
        """
        with self._lock:
            self._check_writable()
            record = self._held(client_id)
            items: list[Any] = getattr(record, table)
            if not any(m.id == record_id for m in items):
                raise UnknownRecord("That entry is no longer in this client's file; nothing was undone.")
            if table == "versions" and items[-1].id != record_id:
                raise InvalidInput("A later version of the alliance was saved since; nothing was undone.")
            if table == "sessions":
                number = next(m.number for m in items if m.id == record_id)
                linked = (record.notes, record.commitments, record.pauses, record.versions)
                if any(m.session_number == number for models in linked for m in models) or any(
                    c.checked_in_session == number for c in record.commitments
                ):
                    raise InvalidInput("That session holds entries still; undo them first.")
            self._write(client_id, lambda f: f.remove(table, record_id))
            setattr(record, table, [m for m in items if m.id != record_id])
            self._refresh_summary(client_id)

    def put_record(self, client_id: str, table: str, model: Any) -> None:
        """Put a record back exactly as it was before a change (a check-in's earlier status, say)."""
        with self._lock:
            self._check_writable()
            record = self._held(client_id)
            items: list[Any] = getattr(record, table)
            index = next((i for i, m in enumerate(items) if m.id == model.id), None)
            # Not at hand: put away with its session (a note reworded in the session summary).
            if index is None and self._files[client_id].held_in_history(table, model.id) is None:
                raise UnknownRecord("That entry is no longer in this client's file; nothing was undone.")
            self._write(client_id, lambda f: f.replace(table, model))
            if index is not None:
                items[index] = model
            self._refresh_summary(client_id)

    def undo(self, step: UndoStep) -> None:
        """Take back one write a screen made (models.undo); on disk when it returns."""
        from ..models.undo import Added, Changed, PromptAdded, PromptRemoved

        with self._lock:
            if isinstance(step, Added):
                self.remove_record(step.client_id, step.table, step.record_id)
            elif isinstance(step, Changed):
                self.put_record(step.client_id, step.table, step.before)
            elif isinstance(step, PromptAdded):
                self.remove_prompt(step.prompt_id)
            elif isinstance(step, PromptRemoved):
                prompts = [p for p in self.settings.prompts if p.id != step.prompt.id]
                prompts.insert(min(step.position, len(prompts)), step.prompt)
                self.update_settings(prompts=prompts)

    # ----------------------------------------------------------------- internals

    def client_path(self, client_id: str) -> Path:
        """Where a client's file is (a search reads it as text, without building their records)."""
        return self._client_path(client_id)

    def _client_path(self, client_id: str) -> Path:
        if not usable_client_id(client_id):
            raise UnknownRecord("That client is not in this practice.")
        return self.clients_dir / f"{client_id}.json"

    @property
    def open_elsewhere(self) -> str:
        """Who else has the practice open ('process 123'), or '' when no other window holds it."""
        return (self._practice_lock.holder or "another process") if self._practice_lock.contended else ""

    def _tell(self, message: str) -> None:
        """A problem found while the app runs: kept with the others, and told at once to a window that listens."""
        if message not in self.problems:
            self.problems.append(message)
        if self.on_problem is not None:
            self.on_problem(message)

    def guard_folder(self) -> None:
        """Find a deleted practice folder now, not at the next write: the app calls this every few seconds.

        The sooner the lock is taken again, the less time a second window has to open
        the practice as a second writer. Costs two stat calls when all is well.
        """
        with self._lock:
            try:
                self._recover_if_folder_lost()
            except StoreError as exc:  # the folder cannot be made again: said once now, and at each write
                if exc.message not in self.problems:
                    self._tell(exc.message)

    def _recover_if_folder_lost(self) -> None:
        if not self.read_only and self._practice_lock.held and not self._practice_lock.still_ours():
            from .folder_guard import recover_folder

            try:
                self._tell(recover_folder(self))
            except OSError as exc:
                raise WriteFailed.from_os_error(self.data_dir, exc) from exc

    def _check_writable(self) -> None:
        self._recover_if_folder_lost()
        if self.read_only:
            reason = self.read_only_reason if self.read_only_reason.endswith(".") else "This window is read-only."
            raise ReadOnlyPractice(f"Not saved. {reason}")

    def _check_unique_name(self, name: str, client_id: str | None) -> None:
        existing = self.find_client(name)
        if existing is not None and existing.id != client_id:
            raise InvalidInput(f"There is already a client called {existing.name}.")

    def _mark_broken(self, client_id: str, message: str) -> None:
        self._broken[client_id] = message
        self._broken_stamps[client_id] = _file_stamp(self.clients_dir / f"{client_id}.json")
        if message not in self.problems:
            self.problems.append(message)
        if client_id in self._summaries:
            self._summaries[client_id] = self._summaries[client_id].model_copy(update={"problem": message})
        else:
            # Not in the index (e.g. it was rebuilt): still list it, so the coach sees it exists.
            self._summaries[client_id] = ClientSummary(
                id=client_id, name=f"Unreadable file {client_id}.json", problem=message
            )

    def _write(self, client_id: str, action: Any) -> None:
        file = self._files[client_id]
        was_missing = not file.path.exists()
        try:
            action(file)
        except StoreError:
            self._reload(client_id)
            raise
        except Exception as exc:  # TinyDB refusing what it read: still the coach's words are not lost silently
            self._reload(client_id)
            raise WriteFailed(
                f"Not saved: {file.path} could not be updated ({type(exc).__name__}: {exc}). "
                "What was already saved is unchanged."
            ) from exc
        self._changed(client_id, "records")
        if was_missing:
            # Deleted behind our back while open: this window still held every
            # record, so the file was written again whole rather than lost.
            name = self._records[client_id].client.name
            self._tell(
                f"The file for {name} had disappeared from {self.clients_dir}; it was written again "
                "from what this window holds."
            )

    def _reload(self, client_id: str) -> None:
        """After a failed write, memory goes back to what is on disk."""
        self._changed(client_id, "reloaded")
        self._records.pop(client_id, None)
        file = self._files.pop(client_id, None)
        if file is not None:
            file.forget()
            file.close()

    def _insert(self, client_id: str, table: str, model: M, *, summary_may_change: bool = True) -> M:
        with self._lock:
            self._check_writable()
            record = self._held(client_id)
            self._write(client_id, lambda f: f.insert(table, model))
            getattr(record, table).append(model)
            if summary_may_change:
                self._refresh_summary(client_id)
            return model

    def _replace(self, client_id: str, table: str, record_id: str, **changes: Any) -> Any:
        with self._lock:
            self._check_writable()
            record = self._held(client_id)
            items: list[Any] = getattr(record, table)
            index = next((i for i, m in enumerate(items) if m.id == record_id), None)
            # Not at hand: put away with its session (an edit from the review or the session summary).
            earlier = self._files[client_id].held_in_history(table, record_id) if index is None else None
            if index is None and earlier is None:
                raise UnknownRecord("That record is no longer in this client's file.")
            if "id" in changes and changes["id"] != record_id:
                raise InvalidInput("A record's id cannot be changed.")
            base = items[index] if index is not None else earlier
            assert base is not None
            updated = revise(base, **changes)
            self._write(client_id, lambda f: f.replace(table, updated))
            if index is not None:
                items[index] = updated
            self._refresh_summary(client_id)
            return updated

    def _practice_write(self, action: Any, *, index_only: bool = False) -> None:
        """A write to practice.json; index_only for the dashboard's index, which no client's screen shows."""
        db = self._database()
        try:
            action(db)
        except Exception as exc:
            # Start again from the file as it is: TinyDB's tables remember their
            # next document id, which a file changed behind our back may already use.
            from tinydb import TinyDB

            from .storage import AtomicJSONStorage

            db.close()
            self._db = TinyDB(
                self.practice_path, storage=AtomicJSONStorage, kind=PRACTICE_KIND, read_only=self.read_only
            )
            if isinstance(exc, StoreError):
                raise
            raise WriteFailed(
                f"Not saved: {self.practice_path} could not be updated ({type(exc).__name__}: {exc}). "
                "What was already saved is unchanged."
            ) from exc
        self._changed(None, "index" if index_only else "settings")

    def _refresh_summary(self, client_id: str, *, write_index: bool = True, present: Present | None = None) -> None:
        """Keep the dashboard's index in step, writing it only when it changed."""
        present = present if present is not None else self._present(client_id)
        client = present.client
        summary = ClientSummary(
            id=client_id,
            name=client.name,
            archived=client.archived,
            programme_sessions=client.programme_sessions,
            sessions_held=present.sessions_held,
            programme_first_session=present.programme.first_session,
            hours_held=float(round(present.hours_held, 4)),
            pro_bono=client.pro_bono,
            last_session_at=present.session.started if present.session is not None else None,
            open_commitments=len(present.open_commitments),
            nudges=[n.text for n in present.nudges(self.settings.revisit_every_sessions)],
            emails=contact_emails(client.contact),
        )
        self._summaries[client_id] = summary
        if write_index:
            self._write_index([client_id])

    def _write_index(self, client_ids: list[str]) -> None:
        """Write the summaries that changed, in at most two writes (updates, then new clients)."""
        if self.read_only or not self._index_open or not client_ids:
            return
        from tinydb import Query

        table = self._database().table("clients", cache_size=0)
        current = {doc["summary"].get("id"): doc for doc in table.all() if isinstance(doc.get("summary"), dict)}
        updates: list[tuple[dict[str, Any], Any]] = []
        inserts: list[dict[str, Any]] = []
        for client_id in client_ids:
            summary = self._summaries[client_id].to_index()
            existing = current.get(client_id)
            # Only a changed summary is written: the stamp alone changes on every note,
            # and a stale stamp merely makes the next start re-read this one client.
            if existing is not None and existing.get("summary") == summary:
                continue
            doc = {"summary": summary, "stamp": _file_stamp(self._client_path(client_id))}
            if existing is None:
                inserts.append(doc)
            else:
                updates.append((doc, Query().summary.id == client_id))
        try:
            if updates:
                self._practice_write(
                    lambda db: db.table("clients", cache_size=0).update_multiple(updates), index_only=True
                )
            if inserts:
                self._practice_write(
                    lambda db: db.table("clients", cache_size=0).insert_multiple(inserts), index_only=True
                )
        except StoreError as exc:
            # The clients' own files are already safe; the index is a cache rebuilt on open.
            message = f"The practice index could not be updated ({exc.message}); it will be rebuilt."
            if message not in self.problems:  # a full disk would otherwise repeat it on every write
                self.problems.append(message)
