"""The clients' records as this window holds them: each present file read on first use, and kept.

The present (clients/<id>.json) is held in memory while the client is open;
a screen is never handed what is held, only frozen values built from it
(models/present.py). The history (the session files) is read only for the
screens that show it (store/client_history.py). The index's summary of each
held client is kept in step from here.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.calendar import contact_emails
from ..models.summary import ClientSummary
from .core import StoreCore, file_stamp
from .errors import ClientUnavailable, FileProblem, UnknownRecord
from .practice_index import PracticeIndex
from .practice_settings import PracticeSettingsStore

if TYPE_CHECKING:
    from ..models.coverage import Touched
    from ..models.present import Present
    from ..models.record import ClientRecord
    from .client_file import ClientFile


class ClientRecords:
    """Reads clients' files, keeps what is at hand of each, and keeps their summaries in the index in step."""

    def __init__(
        self, core: StoreCore, index: PracticeIndex, prefs: PracticeSettingsStore, *, defer_changed: bool = False
    ) -> None:
        self.core = core
        self.index = index
        self.prefs = prefs
        # With defer_changed, a client file changed since the index was written is not read at open:
        # its summary from the index stands until check_changed (a worker, after the first frame) or
        # the coach opening that client reads it. A 50 MB file then costs no start-up time.
        self.defer_changed = defer_changed
        self.unchecked: dict[str, Path] = {}
        self.records: dict[str, ClientRecord] = {}
        self.files: dict[str, ClientFile] = {}
        self.touched: dict[str, Touched] = {}  # each client's coverage figures as last built (models/coverage.py)
        self.broken: dict[str, str] = {}
        self.broken_stamps: dict[str, list[int] | None] = {}  # the file as it was when it failed
        self.unsaved: set[str] = set()  # summaries changed by in-call writes, not yet in the index (save_index)
        self.stale: set[str] = set()  # summaries changed by in-call writes, not yet drawn again (refresh_stale)

    # ----------------------------------------------------------------- what is held

    def present(self, client_id: str) -> Present:
        """What a live session needs of this client (models/present.py), frozen."""
        with self.core.lock:
            return self.present_of(client_id)

    def present_of(self, client_id: str) -> Present:
        """The present, for a caller already holding the lock."""
        from ..models.present import Present, coverage_figures

        live = self.held(client_id)
        archived = self.files[client_id].archived
        # The coverage figures of the build before: an adjustment compares only its own version.
        touched = self.touched[client_id] = coverage_figures(live, archived, self.touched.get(client_id))
        return Present.build(live, archived, touched)

    def is_loaded(self, client_id: str) -> bool:
        return client_id in self.records

    def held(self, client_id: str) -> ClientRecord:
        """What is at hand of one client (its present file), loaded on first use and kept: never handed out."""
        with self.core.lock:
            if client_id in self.records:
                return self.records[client_id]
            path = self.core.client_path(client_id)
            recovering = client_id in self.broken
            if recovering:
                if file_stamp(path) == self.broken_stamps.get(client_id):
                    raise ClientUnavailable(self.broken[client_id])
                # The file changed since it failed (restored or repaired): try it again.
                message = self.broken.pop(client_id)
                self.core.problems = [p for p in self.core.problems if p != message]
            if not path.exists():
                if client_id in self.index.entries:
                    name = self.index.entries[client_id].name
                    self.mark_broken(client_id, f"The file for {name} is missing from {self.core.clients_dir}.")
                    raise ClientUnavailable(self.broken[client_id])
                raise UnknownRecord("That client is not in this practice.")
            try:
                file, record = self._read_client_file(path)
            except FileProblem as exc:
                entries = self.index.entries
                whose = f"{entries[client_id].name}'s file" if client_id in entries else "A client file"
                self.mark_broken(client_id, f"{whose} cannot be opened: {exc.message}")
                raise ClientUnavailable(self.broken[client_id]) from exc
            self.files[client_id] = file
            self.records[client_id] = record
            if self.unchecked.pop(client_id, None) is not None or recovering:
                self.refresh_summary(client_id)
            return record

    def _read_client_file(self, path: Path) -> tuple[ClientFile, ClientRecord]:
        """A client's file opened and its records built; nothing is left open when it cannot be read."""
        from .client_file import ClientFile

        file = ClientFile(path, read_only=self.core.read_only)
        try:
            record = file.load()
        except FileProblem:
            file.close()
            raise
        return file, record

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
        stamp = file_stamp(path)
        file = ClientFile(path, read_only=True)
        try:
            present = Present.build(file.load(), file.archived)
        except FileProblem as exc:
            with self.core.lock:
                if self.unchecked.pop(client_id, None) is not None and client_id not in self.records:
                    self.mark_broken(
                        client_id, f"{self.index.entries[client_id].name}'s file cannot be opened: {exc.message}"
                    )
            return
        finally:
            file.close()
        with self.core.lock:
            if self.unchecked.pop(client_id, None) is None or client_id in self.records:
                return  # opened meanwhile, which brought the summary up to date
            if file_stamp(path) == stamp:
                self.refresh_summary(client_id, present=present)

    def release(self, client_id: str) -> None:
        """Let go of a loaded client's records; the next record() reads them from disk again."""
        with self.core.lock:
            if client_id in self.unsaved:
                self.unsaved.discard(client_id)
                self.index.write_summaries([client_id])
            file = self.files.get(client_id)
            if file is not None:
                self.index.save_stamps({client_id: file})  # as close() would: the next start trusts the index
            self.records.pop(client_id, None)
            self.touched.pop(client_id, None)
            file = self.files.pop(client_id, None)
            if file is not None:
                file.close()

    def forget(self, client_id: str) -> None:
        """Let go of a client without writing anything (erased, or their file gone)."""
        file = self.files.pop(client_id, None)
        if file is not None:
            file.close()
        self.records.pop(client_id, None)
        self.touched.pop(client_id, None)
        self.stale.discard(client_id)
        self.unsaved.discard(client_id)

    def close(self) -> None:
        self.save_index()
        self.index.save_stamps(self.files)
        for file in self.files.values():
            file.close()
        self.files.clear()
        self.touched.clear()

    def mark_broken(self, client_id: str, message: str) -> None:
        self.broken[client_id] = message
        self.broken_stamps[client_id] = file_stamp(self.core.clients_dir / f"{client_id}.json")
        if message not in self.core.problems:
            self.core.problems.append(message)
        self.index.mark_problem(client_id, message)

    # ----------------------------------------------------------------- summaries

    def refresh_summary(self, client_id: str, *, write_index: bool = True, present: Present | None = None) -> None:
        """Keep the dashboard's index in step, writing it only when it changed."""
        self.stale.discard(client_id)
        present = present if present is not None else self.present_of(client_id)
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
            nudges=[n.text for n in present.nudges(self.prefs.settings.revisit_every_sessions)],
            emails=contact_emails(client.contact),
        )
        self.index.entries[client_id] = summary
        if write_index:
            self.index.write_summaries([client_id])

    def keep_summary(self, client_id: str) -> None:
        """After an in-call write: the summary is drawn again when next read, and saved at the next save_index.

        The index is a cache of the clients' files: a check-in or a session's
        end need not wait for a second file to be replaced, nor for the client
        list's line to be worked out again while nobody looks at it. Should
        the app stop before the index is saved, the next start finds the
        client's file changed since the index saw it and reads their summary.
        """
        self.stale.add(client_id)
        self.unsaved.add(client_id)

    def refresh_stale(self) -> None:
        """The summaries in-call writes changed, drawn again (the index calls this before any is read)."""
        with self.core.lock:
            while self.stale:
                client_id = self.stale.pop()
                with contextlib.suppress(ClientUnavailable, UnknownRecord):
                    self.refresh_summary(client_id, write_index=False)

    def save_index(self) -> None:
        """The summaries in-call writes changed, into the index in one write (none when none changed)."""
        with self.core.lock:
            if not self.unsaved:
                return
            client_ids = sorted(c for c in self.unsaved if c in self.index.entries)
            self.unsaved.clear()
            self.index.write_summaries(client_ids)

    def refresh_all_summaries(self) -> None:
        """Every readable client's summary again (the revisit interval changed), in one index write."""
        refreshed = []
        for client_id in list(self.index.entries):
            if client_id not in self.broken:
                with contextlib.suppress(ClientUnavailable, UnknownRecord):
                    self.refresh_summary(client_id, write_index=False)
                    refreshed.append(client_id)
        self.index.write_summaries(refreshed)
