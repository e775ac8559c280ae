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
- client_records.py: each client's present, read on first use and held; frozen views
- client_writes.py: writing one client's file; adding and changing clients
- session_ops.py: the in-call writes (session, notes, commitments, pauses, alliance)
- taking_back.py: ctrl+z
- folder_guard.py, backup.py, erase.py: a deleted folder, backups, erasing a client
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..models.timeutil import Clock, utcnow
from .client_records import ClientRecords
from .client_writes import ClientWrites
from .core import CLIENTS_DIR, PRACTICE_FILE, Listener, StoreCore
from .errors import PracticeUnavailable
from .practice_index import PRACTICE_KIND, PracticeIndex
from .practice_settings import PracticeSettingsStore
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
        self.client_writes = writes = ClientWrites(core, clients)
        self.session_ops = ops = SessionOperations(core, clients, writes)
        self.taking_back = back = TakingBack(core, clients, writes, prefs)
        core.recover_folder = self._recover_folder
        prefs.on_revisit_change = clients.refresh_all_summaries

        # The calls screens and commands make, each done by the part whose job it is.
        self.subscribe = core.subscribe
        self.client_path = core.client_path
        self.guard_folder = core.guard_folder
        self.index_meta = index.meta
        self.mark_layout = index.mark_layout
        self.summaries = index.summaries
        self.summary = index.summary
        self.find_client = index.find_client
        self.update_settings = prefs.update_settings
        self.revise_settings = prefs.revise_settings
        self.add_prompt = prefs.add_prompt
        self.remove_prompt = prefs.remove_prompt
        self.add_category = prefs.add_category
        self.categories = prefs.categories
        self.record = clients.record
        self.present = clients.present
        self.sessions = clients.sessions
        self.session_entries = clients.session_entries
        self.versions = clients.versions
        self.check_changed = clients.check_changed
        self.is_loaded = clients.is_loaded
        self.release = clients.release
        self.add_client = writes.add_client
        self.update_client = writes.update_client
        self.set_archived = writes.set_archived
        self.import_record = writes.import_record
        self.move_client = writes.move_client
        self.adjust_alliance = ops.adjust_alliance
        self.add_alliance_item = ops.add_alliance_item
        self.session_to_start = ops.session_to_start
        self.start_session = ops.start_session
        self.update_session = ops.update_session
        self.end_session = ops.end_session
        self.discard_session_if_empty = ops.discard_session_if_empty
        self.log_note = ops.log_note
        self.update_note = ops.update_note
        self.add_commitment = ops.add_commitment
        self.check_in = ops.check_in
        self.record_pause = ops.record_pause
        self.remove_record = back.remove_record
        self.put_record = back.put_record
        self.undo = back.undo

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
        self.client_records.reconcile()
        if not core.read_only:
            from .migrate import move_practice

            message = move_practice(self, progress)
            if message:
                core.problems.append(message)
        return self

    def close(self) -> None:
        with self.core.lock:
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
