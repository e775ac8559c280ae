"""A client's history read for the screens that show it: the review, the prep sheet, the alliance history.

What is held of a client (store/client_records.py) is the present; the ended
sessions are in files of their own, read here only when a screen asks, each
into a frozen value that is the caller's own. Each read takes only what its
screen shows (review_read.py, prep_read.py, history_read.py); the whole record
is read only when a screen needs it all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ClientUnavailable, FileProblem, UnknownRecord

if TYPE_CHECKING:
    from ..models.alliance import AllianceVersion
    from ..models.history_view import HistoryView
    from ..models.prep_view import PrepView
    from ..models.present import SessionEntries
    from ..models.record import ClientRecord
    from ..models.session import Session
    from .client_records import ClientRecords
    from .core import StoreCore

STILL_WORKS = "The live session still works; nothing was changed."


def unreadable(name: str, what: str, exc: FileProblem) -> ClientUnavailable:
    """An ended session's file refused: said so, with the live session left as it is."""
    return ClientUnavailable(f"{name}'s {what} cannot be read: {exc.message} {STILL_WORKS}")


class ClientHistory:
    """Reads the ended sessions of a held client, under the store's lock, into values for one screen."""

    def __init__(self, core: StoreCore, clients: ClientRecords) -> None:
        self.core = core
        self.clients = clients

    def record(self, client_id: str) -> ClientRecord:
        """Everything about one client, for the screens that show it all (review, exports, erase).

        The caller's own: its lists are new ones, and the records in them are
        frozen, so nothing done with it changes what the store holds.
        """
        with self.core.lock:
            live = self.clients.held(client_id)
            try:
                return self.clients.files[client_id].load_whole()  # read now: the caller's own, built for it alone
            except FileProblem as exc:
                raise unreadable(live.client.name, "earlier sessions", exc) from exc

    def review(self, client_id: str, latest: int | None) -> HistoryView:
        """What the client review shows: every session, and the entries of the latest ones (None: of every one).

        Reads the present, the digest of the ended sessions and the latest
        sessions' own files (store/review_read.py), so a client's twentieth
        year opens as their first; the whole record only when asked for it all.
        """
        from ..models.history_view import HistoryView

        with self.core.lock:
            live = self.clients.held(client_id)
            if latest is not None:
                from .review_read import read_review

                file = self.clients.files[client_id]
                try:
                    view = read_review(file, live, latest, writable=not self.core.read_only)
                except FileProblem as exc:
                    raise unreadable(live.client.name, "earlier sessions", exc) from exc
                if view is not None:
                    return view
            return HistoryView.whole(self.record(client_id))

    def prep(self, client_id: str) -> PrepView:
        """What the prep sheet shows: the present and the latest ended session's file (store/prep_read.py)."""
        from ..models.prep_view import PrepView
        from ..models.present import Present
        from .prep_read import read_prep

        with self.core.lock:
            live = self.clients.held(client_id)
            file = self.clients.files[client_id]
            try:
                view = read_prep(file, live)
            except FileProblem as exc:
                raise unreadable(live.client.name, "last session", exc) from exc
            if view is not None:
                return view
            return PrepView.of(self.record(client_id), Present.build(live, file.archived))

    def alliance_history(self, client_id: str) -> ClientRecord:
        """What the alliance history shows: the client, every session and every version whole, no entries.

        Read from the present and the digest of the ended sessions
        (store/history_read.py), never from every session's notes.
        """
        from .history_read import read_alliance_history

        with self.core.lock:
            live = self.clients.held(client_id)
            file = self.clients.files[client_id]
            try:
                return read_alliance_history(file, live, writable=not self.core.read_only)
            except FileProblem as exc:
                raise unreadable(live.client.name, "earlier sessions", exc) from exc

    def sessions(self, client_id: str) -> tuple[Session, ...]:
        """Every session held with this client, oldest first."""
        with self.core.lock:
            return tuple(self.record(client_id).sessions)

    def session_entries(self, client_id: str, session_number: int) -> SessionEntries:
        """One session and what was written in it, for a screen that shows that session."""
        from ..models.present import SessionEntries

        with self.core.lock:
            held = self.record(client_id)
            if held.session(session_number) is None:
                raise UnknownRecord("That session is not in this client's file.")
            return SessionEntries.of(held, session_number)

    def versions(self, client_id: str) -> tuple[AllianceVersion, ...]:
        """Every version of the alliance, each whole, oldest first."""
        with self.core.lock:
            return tuple(self.record(client_id).versions)
