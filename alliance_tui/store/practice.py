"""The practice store: the one place that reads and writes a coach's data.

It speaks the domain's language (add a client, start a session, log a note,
adjust the alliance, check a commitment in...), takes and returns models, and
every call that returns has put its data on disk. All writes pass through one
lock, because TinyDB is not thread-safe.

This class is a facade: each job is done by a part of its own, and the
facade's calls are theirs.

- core.py: where the practice is, its lock, read-only state, problems, listeners
- practice_index.py: practice.json, the one-line summary of each client
- practice_settings.py: the practice's settings, kept in that index
- client_records.py: each client's present, read on first use and held; its summary kept in step
- client_history.py: the ended sessions, read for the screens that show them
- reconcile.py: at open, the index checked against the clients' files
- review_read.py, digest.py: the client review's read of the history
- history_read.py: the alliance history's read (versions and sessions only)
- prep_read.py: the prep sheet's read (the present and the latest session's file)
- client_writes.py: writing one client's file; adding and changing clients
- session_ops.py: the in-call writes (session, notes, commitments, pauses, alliance)
- taking_back.py: ctrl+z
- folder_guard.py, backup.py, erase.py: a deleted folder, backups, erasing a client
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from ..models.timeutil import Clock, utcnow
from .client_history import ClientHistory
from .client_records import ClientRecords
from .client_writes import ClientWrites
from .core import CLIENTS_DIR, PRACTICE_FILE, Listener, StoreCore
from .errors import PracticeUnavailable
from .practice_index import PRACTICE_KIND, PracticeIndex
from .practice_settings import PracticeSettingsStore
from .reconcile import reconcile
from .session_ops import SessionOperations
from .taking_back import TakingBack
from .validating import revise, validating

if TYPE_CHECKING:
    from ..models.settings import PracticeSettings
    from .crypto.vault import Vault
    from .migrate import Progress

__all__ = [
    "CLIENTS_DIR",
    "PRACTICE_FILE",
    "PRACTICE_KIND",
    "Listener",
    "PracticeStore",
    "PracticeUnavailable",
    "revise",
    "validating",
]

T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")
P = ParamSpec("P")


class _Shared(Generic[T]):
    """An attribute of the facade that is the core's, read and set there (store.read_only, store.clock...)."""

    def __init__(self, part: str) -> None:
        self.part = part

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, store: Any, owner: type | None = None) -> T:
        if store is None:  # asked of the class (help(), inspection): the descriptor itself
            return self  # type: ignore[return-value]
        return getattr(getattr(store, self.part), self.name)

    def __set__(self, store: Any, value: T) -> None:
        setattr(getattr(store, self.part), self.name, value)


class _Call(Generic[S, P, R]):
    """A call of the facade that is one part's method (store.log_note is store.session_ops.log_note).

    A class attribute, so the call is found on the class as on any method
    (help(), a test that replaces it for every store).
    """

    def __init__(self, part: str, method: Callable[Concatenate[S, P], R]) -> None:
        self.part = part
        self.name = method.__name__
        self.__doc__ = method.__doc__

    def __get__(self, store: Any, owner: type | None = None) -> Callable[P, R]:
        if store is None:
            return self  # type: ignore[return-value]
        return getattr(getattr(store, self.part), self.name)


class PracticeStore:
    data_dir: _Shared[Path] = _Shared("core")
    clock: _Shared[Clock] = _Shared("core")
    read_only: _Shared[bool] = _Shared("core")
    read_only_reason: _Shared[str] = _Shared("core")
    problems: _Shared[list[str]] = _Shared("core")  # shown to the coach once the app is up
    on_problem: _Shared[Callable[[str], None] | None] = _Shared("core")  # a window told of problems while it runs
    on_progress: _Shared[Callable[[str], None] | None] = _Shared("core")  # told before a long read at open
    defer_changed: _Shared[bool] = _Shared("client_records")  # see ClientRecords
    unchecked: _Shared[dict[str, Path]] = _Shared("client_records")

    # The calls screens and commands make, each done by the part whose job it is.
    subscribe = _Call("core", StoreCore.subscribe)
    client_path = _Call("core", StoreCore.client_path)
    guard_folder = _Call("core", StoreCore.guard_folder)
    index_meta = _Call("index", PracticeIndex.meta)
    mark_layout = _Call("index", PracticeIndex.mark_layout)
    summaries = _Call("index", PracticeIndex.summaries)
    summary = _Call("index", PracticeIndex.summary)
    find_client = _Call("index", PracticeIndex.find_client)
    update_settings = _Call("prefs", PracticeSettingsStore.update_settings)
    revise_settings = _Call("prefs", PracticeSettingsStore.revise_settings)
    add_prompt = _Call("prefs", PracticeSettingsStore.add_prompt)
    remove_prompt = _Call("prefs", PracticeSettingsStore.remove_prompt)
    add_category = _Call("prefs", PracticeSettingsStore.add_category)
    categories = _Call("prefs", PracticeSettingsStore.categories)
    record = _Call("client_history", ClientHistory.record)
    present = _Call("client_records", ClientRecords.present)
    review = _Call("client_history", ClientHistory.review)
    alliance_history = _Call("client_history", ClientHistory.alliance_history)
    prep = _Call("client_history", ClientHistory.prep)
    sessions = _Call("client_history", ClientHistory.sessions)
    session_entries = _Call("client_history", ClientHistory.session_entries)
    versions = _Call("client_history", ClientHistory.versions)
    check_changed = _Call("client_records", ClientRecords.check_changed)
    is_loaded = _Call("client_records", ClientRecords.is_loaded)
    release = _Call("client_records", ClientRecords.release)
    save_index = _Call("client_records", ClientRecords.save_index)
    add_client = _Call("client_writes", ClientWrites.add_client)
    update_client = _Call("client_writes", ClientWrites.update_client)
    set_archived = _Call("client_writes", ClientWrites.set_archived)
    import_record = _Call("client_writes", ClientWrites.import_record)
    move_client = _Call("client_writes", ClientWrites.move_client)
    put_away_ended = _Call("client_writes", ClientWrites.put_away_ended)
    adjust_alliance = _Call("session_ops", SessionOperations.adjust_alliance)
    add_alliance_item = _Call("session_ops", SessionOperations.add_alliance_item)
    session_to_start = _Call("session_ops", SessionOperations.session_to_start)
    start_session = _Call("session_ops", SessionOperations.start_session)
    update_session = _Call("session_ops", SessionOperations.update_session)
    end_session = _Call("session_ops", SessionOperations.end_session)
    discard_session_if_empty = _Call("session_ops", SessionOperations.discard_session_if_empty)
    log_note = _Call("session_ops", SessionOperations.log_note)
    update_note = _Call("session_ops", SessionOperations.update_note)
    add_commitment = _Call("session_ops", SessionOperations.add_commitment)
    check_in = _Call("session_ops", SessionOperations.check_in)
    record_pause = _Call("session_ops", SessionOperations.record_pause)
    remove_record = _Call("taking_back", TakingBack.remove_record)
    put_record = _Call("taking_back", TakingBack.put_record)
    undo = _Call("taking_back", TakingBack.undo)

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock = utcnow,
        read_only: bool = False,
        defer_changed: bool = False,
        vault: Vault | None = None,
    ) -> None:
        self.vault = vault  # an encrypted practice's key, unlocked (store/crypto): its files are sealed and opened
        self.core = core = StoreCore(data_dir, clock=clock, read_only=read_only)
        self.index = index = PracticeIndex(core)
        self.prefs = prefs = PracticeSettingsStore(core, index)
        self.client_records = clients = ClientRecords(core, index, prefs, defer_changed=defer_changed)
        self.client_history = ClientHistory(core, clients)
        self.client_writes = writes = ClientWrites(core, clients)
        self.session_ops = SessionOperations(core, clients, writes)
        self.taking_back = TakingBack(core, clients, writes, prefs)
        core.recover_folder = self._recover_folder
        prefs.on_revisit_change = clients.refresh_all_summaries
        index.before_read = clients.refresh_stale

    @property
    def clients_dir(self) -> Path:
        return self.core.clients_dir

    @property
    def practice_path(self) -> Path:
        return self.core.practice_path

    @property
    def index_set_aside(self) -> Path | None:
        """A damaged index moved aside at this open (settings_rescue.py)."""
        return self.index.set_aside

    @property
    def open_elsewhere(self) -> str:
        """Who else has the practice open ('process 123'), or '' when no other window holds it."""
        return self.core.open_elsewhere

    @property
    def settings(self) -> PracticeSettings:
        return self.prefs.settings

    @property
    def theme(self) -> str:
        """The saved theme, without validating the rest of the settings (start-up needs only this)."""
        return self.prefs.theme

    def _recover_folder(self) -> str:
        from .folder_guard import recover_folder  # imported only when the folder was lost

        return recover_folder(self)

    def open(self, progress: Progress | None = None) -> PracticeStore:
        """Open the practice; a practice of an earlier layout is moved first (store/migrate.py), with progress."""
        from .atomic import ensure_private_dir, remove_stale_temporaries

        if self.vault is not None:
            from .crypto.vault import attach

            attach(self.vault)

        core = self.core
        try:
            if not core.read_only:  # a read-only view never creates anything
                ensure_private_dir(core.data_dir)
                ensure_private_dir(core.clients_dir)
        except OSError as exc:
            if not core.practice_path.exists():
                raise PracticeUnavailable(
                    f"Cannot use {core.data_dir} for the practice: {exc.strerror or exc}."
                ) from exc
        if not core.read_only and not core.practice_lock.acquire():
            core.read_only = True
            if core.practice_lock.contended:
                core.read_only_reason = (
                    f"Another Alliance TUI ({core.practice_lock.holder}) has this practice open: "
                    "this window is read-only, so nothing can be lost."
                )
            else:
                core.read_only_reason = (
                    f"The practice in {core.data_dir} cannot be written to ({core.practice_lock.holder}): "
                    "this window is read-only. Nothing was changed."
                )
            core.problems.append(core.read_only_reason)
        if not core.read_only:
            remove_stale_temporaries(core.data_dir)
            remove_stale_temporaries(core.clients_dir)
        try:
            found = self.index.open()
        except PracticeUnavailable:
            self.close()  # the lock too: nothing of this practice stays held
            raise
        if found is not None:
            self.prefs.take(found[0], at_once=found[1])
        reconcile(self.client_records)
        if not core.read_only:
            from .migrate import move_practice

            message = move_practice(self, progress)
            if message:
                core.problems.append(message)
        return self

    def close(self) -> None:
        with self.core.lock:
            self.client_writes.put_away_ended()  # what the app had no moment for (core.read_only: nothing)
            self.client_records.close()
            self.index.close()
            self.core.practice_lock.release()
            if self.vault is not None:
                from .crypto.vault import detach

                detach(self.vault)

    def __enter__(self) -> PracticeStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()
