"""What every part of the practice store shares: where the practice is, its lock, who is told of changes.

The store is split by job (store/practice.py is the facade); each part is
handed this one object, so they all see the same read-only state, the same
lock and the same list of problems for the coach.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ..models.timeutil import Clock, utcnow
from .errors import ReadOnlyPractice, StoreError, UnknownRecord, WriteFailed
from .lock import PracticeLock
from .paths import usable_client_id

PRACTICE_FILE = "practice.json"
CLIENTS_DIR = "clients"

Listener = Callable[[str | None, str], None]  # (client_id or None for the practice, kind of change)


def file_stamp(path: Path) -> list[int] | None:
    """A file's modification time and size, as the index keeps it to know the file unchanged."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


class StoreCore:
    """The state the store's parts share; it reads and writes no data of its own."""

    def __init__(self, data_dir: Path, *, clock: Clock = utcnow, read_only: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.read_only = read_only
        self.read_only_reason = "opened read-only" if read_only else ""
        self.problems: list[str] = []  # shown to the coach once the app is up
        self.on_problem: Callable[[str], None] | None = None  # a window told of problems found while it runs
        self.on_progress: Callable[[str], None] | None = None  # told before a long read at open
        self.lock = threading.RLock()  # every write passes through it: TinyDB is not thread-safe
        self.practice_lock = PracticeLock(self.data_dir)
        self.listeners: list[Listener] = []
        # Takes the practice back after its folder was deleted (store/folder_guard.py); set by the facade.
        self.recover_folder: Callable[[], str] | None = None

    @property
    def clients_dir(self) -> Path:
        return self.data_dir / CLIENTS_DIR

    @property
    def practice_path(self) -> Path:
        return self.data_dir / PRACTICE_FILE

    def client_path(self, client_id: str) -> Path:
        """Where a client's file is (a search reads it as text, without building their records)."""
        if not usable_client_id(client_id):
            raise UnknownRecord("That client is not in this practice.")
        return self.clients_dir / f"{client_id}.json"

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Be told of every change once it is on disk: listener(client_id, kind); returns how to stop.

        client_id is None for a practice-wide change ("settings": what every
        client's screen shows; "index": the client list's summaries). A client's
        kind is "records" after a write, "reloaded" when memory went back to
        the file after a refused one. Called on the thread that wrote, under
        the store's lock: a listener only takes note (the app posts a message).
        """
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    def changed(self, client_id: str | None, kind: str) -> None:
        for listener in list(self.listeners):
            listener(client_id, kind)

    @property
    def open_elsewhere(self) -> str:
        """Who else has the practice open ('process 123'), or '' when no other window holds it."""
        return (self.practice_lock.holder or "another process") if self.practice_lock.contended else ""

    def tell(self, message: str) -> None:
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
        with self.lock:
            try:
                self.recover_if_folder_lost()
            except StoreError as exc:  # the folder cannot be made again: said once now, and at each write
                if exc.message not in self.problems:
                    self.tell(exc.message)

    def recover_if_folder_lost(self) -> None:
        if not self.read_only and self.practice_lock.held and not self.practice_lock.still_ours():
            if self.recover_folder is None:
                return
            try:
                self.tell(self.recover_folder())
            except OSError as exc:
                raise WriteFailed.from_os_error(self.data_dir, exc) from exc

    def check_writable(self) -> None:
        self.recover_if_folder_lost()
        if self.read_only:
            reason = self.read_only_reason if self.read_only_reason.endswith(".") else "This window is read-only."
            raise ReadOnlyPractice(f"Not saved. {reason}")
