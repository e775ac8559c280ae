"""The app's watch over the practice while it runs: what the store reports, and a look every few seconds.

The store tells the app of each change once it is on disk (`store.subscribe`)
and of problems it finds while the coach works (`store.on_problem`). The
changes are counted per client, so a kept session screen knows whether what
it shows is still what is on disk; a problem is said at once. Every few
seconds the folder is looked at (a deleted practice folder is found while the
coach only reads, and the lock taken again before a second window could open
the practice as a second writer), and the client list's summaries the in-call
writes changed are saved to the index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import AllianceApp

FOLDER_CHECK_SECONDS = 3  # how soon a deleted practice folder is noticed without a write


class PracticeWatch:
    def __init__(self, app: AllianceApp) -> None:
        self.app = app
        self._changes: dict[str | None, int] = {}  # writes per client (None: practice-wide), from the store
        self._unsubscribe = lambda: None

    def start(self) -> None:
        store = self.app.store
        store.on_problem = self._practice_problem
        self._unsubscribe = store.subscribe(self._store_changed)
        if not store.read_only:
            self.app.set_interval(FOLDER_CHECK_SECONDS, self._every_few_seconds)

    def stop(self) -> None:
        self._unsubscribe()

    def changes_seen(self, client_id: str) -> tuple[int, int]:
        """Where this client's changes, and the practice's, stand: a screen keeps it to know what it shows."""
        return self._changes.get(client_id, 0), self._changes.get(None, 0)

    def _store_changed(self, client_id: str | None, kind: str) -> None:
        """From the store, on the thread that wrote, once the change is on disk: counted for the screens.

        Counted at once rather than by message, so a screen that wrote and
        redrew, or one brought back before a message would have arrived, reads
        the count as it is.
        """
        if kind != "index":  # the summaries only: the client list reads them as it is shown
            self._changes[client_id] = self._changes.get(client_id, 0) + 1

    def _every_few_seconds(self) -> None:
        """The folder first: one found gone is made again, and its lock taken, before the index is saved into it."""
        self.app.store.guard_folder()
        self.app.store.save_index()

    def _practice_problem(self, message: str) -> None:
        """Found while the coach works (the folder deleted, a file gone): told at once, not kept for the next start."""
        self.app.notify(message, title="Practice data", severity="error", timeout=30, markup=False)
