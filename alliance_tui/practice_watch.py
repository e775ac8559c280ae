"""The app's watch over the practice while it runs: what the store reports, and a look every few seconds.

The store tells the app of each change once it is on disk (`store.subscribe`)
and of problems it finds while the coach works (`store.on_problem`). Each
change becomes a `PracticeChanged` message to the screens that follow the
practice (a session screen, kept or shown), so a screen redraws when told,
never by comparing counts; a problem is said at once. Every few
seconds the folder is looked at (a deleted practice folder is found while the
coach only reads, and the lock taken again before a second window could open
the practice as a second writer), and the client list's summaries the in-call
writes changed are saved to the index.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from weakref import WeakSet

from textual.message import Message

if TYPE_CHECKING:
    from .app import AllianceApp

FOLDER_CHECK_SECONDS = 3  # how soon a deleted practice folder is noticed without a write


@dataclass
class PracticeChanged(Message, bubble=False):  # to its screen only: the app hands these out
    """A change is on disk: one client's (client_id) or the whole practice's (None: the settings).

    drawn is True for the screen that was shown when the app's own thread
    wrote it: that screen made the write, and drew it as it did.
    """

    client_id: str | None
    kind: str
    drawn: bool = False


class Follower(Protocol):
    """A screen told of the practice's changes (it handles PracticeChanged)."""

    def post_message(self, message: Message) -> bool: ...


class PracticeWatch:
    def __init__(self, app: AllianceApp) -> None:
        self.app = app
        self._followers: WeakSet[Follower] = WeakSet()  # a screen let go is forgotten with it
        self._app_thread = threading.get_ident()
        self._unsubscribe = lambda: None

    def start(self) -> None:
        store = self.app.store
        self._app_thread = threading.get_ident()  # on_mount runs on the app's own thread
        store.on_problem = self._practice_problem
        self._unsubscribe = store.subscribe(self._store_changed)
        if not store.read_only:
            self.app.set_interval(FOLDER_CHECK_SECONDS, self._every_few_seconds)

    def stop(self) -> None:
        self._unsubscribe()

    def follow(self, screen: Follower) -> None:
        """From now on, this screen is sent a PracticeChanged message for every change."""
        self._followers.add(screen)

    def _store_changed(self, client_id: str | None, kind: str) -> None:
        """From the store, on the thread that wrote, once the change is on disk: the followers told.

        On the app's thread the messages go to the followers at once, ahead of
        anything the same handler does next (a screen dismissed after saving
        finds the message before it is shown again). From a worker they go by
        way of the app: Textual's post_message is safe from any thread, and the
        store's lock is held, so nothing here may wait on the app.
        """
        if kind == "index":  # the summaries only: the client list reads them as it is shown
            return
        if threading.get_ident() == self._app_thread:
            self.tell_followers(PracticeChanged(client_id, kind), by_app=True)
        else:
            self.app.post_message(PracticeChanged(client_id, kind))

    def tell_followers(self, message: PracticeChanged, by_app: bool = False) -> None:
        """On the app's thread: each screen that follows the practice gets its own copy of the message."""
        shown = self.app.screen if by_app and self.app.screen_stack else None
        for screen in list(self._followers):
            screen.post_message(PracticeChanged(message.client_id, message.kind, drawn=screen is shown))

    def _every_few_seconds(self) -> None:
        """The folder first: one found gone is made again, and its lock taken, before the index is saved into it."""
        self.app.store.guard_folder()
        self.app.store.save_index()

    def _practice_problem(self, message: str) -> None:
        """Found while the coach works (the folder deleted, a file gone): told at once, not kept for the next start."""
        self.app.notify(message, title="Practice data", severity="error", timeout=30, markup=False)
