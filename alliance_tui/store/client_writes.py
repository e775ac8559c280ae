"""Writing one client's file: every change on disk before the call returns, memory in step only after.

A refused write sends memory back to what is on disk, so the screens never
show what was not saved. An ended session's records are put away into the
session's own file (store/history.py) after the end, off the coach's key,
which keeps the present small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from .core import StoreCore
from .errors import InvalidInput, StoreError, UnknownRecord, WriteFailed
from .validating import revise, validating

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..models.client import Client
    from ..models.record import ClientRecord
    from .client_records import ClientRecords

M = TypeVar("M", bound="BaseModel")


class ClientWrites:
    """Adds and changes clients, and the record-level writes the session operations are made of."""

    def __init__(self, core: StoreCore, clients: ClientRecords) -> None:
        self.core = core
        self.clients = clients

    # ----------------------------------------------------------------- clients

    def add_client(self, name: str, **fields: Any) -> Client:
        from ..models.client import Client
        from .client_file import ClientFile

        with self.core.lock:
            self.core.check_writable()
            with validating():
                client = Client(name=name, created=self.core.clock(), **fields)
            self.clients.index.check_unique_name(client.name, None)
            ClientFile.create(self.core.client_path(client.id), client)
            self.clients.refresh_summary(client.id)
            return client

    def update_client(self, client_id: str, **changes: Any) -> Client:
        with self.core.lock:
            self.core.check_writable()
            record = self.clients.held(client_id)
            client = revise(record.client, **changes)
            self.clients.index.check_unique_name(client.name, client_id)
            self.write(client_id, lambda f: f.set_client(client))
            record.client = client
            self.clients.refresh_summary(client_id)
            return client

    def set_archived(self, client_id: str, archived: bool) -> Client:
        return self.update_client(client_id, archived=archived)

    def import_record(self, record: ClientRecord) -> Client:
        """Add a client with their whole history in one write (bulk import).

        Used where thousands of records would otherwise cost one fsynced write
        each; the file is the same as the one-call-at-a-time path would leave.
        """
        from ..models.record import ClientRecord
        from .client_file import ClientFile

        with self.core.lock:
            self.core.check_writable()
            with validating():
                record = ClientRecord.model_validate(record.model_dump())
            self.clients.index.check_unique_name(record.client.name, None)
            path = self.core.client_path(record.client.id)
            if path.exists():
                raise InvalidInput("A client with that id is already in this practice.")
            self.clients.files[record.client.id] = ClientFile.create_from_record(path, record)
            self.clients.records[record.client.id] = record
            self.put_away(record.client.id)  # its ended sessions into their own files, as after an end
            self.clients.refresh_summary(record.client.id)
            return record.client

    def move_client(self, client_id: str) -> None:
        """One client of an earlier layout: their ended sessions into files of their own, then let go."""
        with self.core.lock:
            self.clients.held(client_id)
            self.put_away(client_id)
            self.clients.release(client_id)

    # ----------------------------------------------------------------- records

    def write(self, client_id: str, action: Any) -> None:
        """One change to a client's file (action is given the ClientFile); listeners told once it is on disk."""
        file = self.clients.files[client_id]
        was_missing = not file.path.exists()
        try:
            action(file)
        except StoreError:
            self.reload(client_id)
            raise
        except Exception as exc:  # TinyDB refusing what it read: still the coach's words are not lost silently
            self.reload(client_id)
            raise WriteFailed(
                f"Not saved: {file.path} could not be updated ({type(exc).__name__}: {exc}). "
                "What was already saved is unchanged."
            ) from exc
        self.core.changed(client_id, "records")
        if was_missing:
            # Deleted behind our back while open: this window still held every
            # record, so the file was written again whole rather than lost.
            name = self.clients.records[client_id].client.name
            self.core.tell(
                f"The file for {name} had disappeared from {self.core.clients_dir}; it was written again "
                "from what this window holds."
            )

    def reload(self, client_id: str) -> None:
        """After a failed write, memory goes back to what is on disk."""
        self.core.changed(client_id, "reloaded")
        self.clients.records.pop(client_id, None)
        file = self.clients.files.pop(client_id, None)
        if file is not None:
            file.forget()
            file.close()

    def insert(self, client_id: str, table: str, model: M, *, summary_may_change: bool = True) -> M:
        with self.core.lock:
            self.core.check_writable()
            record = self.clients.held(client_id)
            self.write(client_id, lambda f: f.insert(table, model))
            getattr(record, table).append(model)
            if summary_may_change:
                self.clients.keep_summary(client_id)
            return model

    def replace(self, client_id: str, table: str, record_id: str, **changes: Any) -> Any:
        with self.core.lock:
            self.core.check_writable()
            record = self.clients.held(client_id)
            items: list[Any] = getattr(record, table)
            index = next((i for i, m in enumerate(items) if m.id == record_id), None)
            # Not at hand: put away with its session (an edit from the review or the session summary).
            earlier = self.clients.files[client_id].held_in_history(table, record_id) if index is None else None
            if index is None and earlier is None:
                raise UnknownRecord("That record is no longer in this client's file.")
            if "id" in changes and changes["id"] != record_id:
                raise InvalidInput("A record's id cannot be changed.")
            base = items[index] if index is not None else earlier
            assert base is not None
            updated = revise(base, **changes)
            self.write(client_id, lambda f: f.replace(table, updated))
            if index is not None:
                items[index] = updated
            self.clients.keep_summary(client_id)
            return updated

    def put_away_ended(self, client_id: str | None = None) -> None:
        """Sessions ended and still held in the present, put away into their own files (every client held, or one).

        Ending a session is one write of the present, on the coach's key; this
        is the rest, made off it: the app asks once the end is confirmed and
        on screen, and closing the store asks again. Each step is a whole
        atomic write (the sessions' files, then the present shrunk), and a
        stop at any point loses nothing and doubles nothing: until the present
        lets go, a session in both places counts once, as the present has it,
        and the next put_away writes the same files again.
        """
        with self.core.lock:
            for held in [client_id] if client_id is not None else list(self.clients.records):
                if held in self.clients.records and held in self.clients.files:  # not let go or closed since
                    self.put_away(held)

    def put_away(self, client_id: str) -> None:
        """Every ended session's records into its own file, so the present stays small (store/history.py).

        Ending is already on disk when this runs: a failure here loses nothing
        (the records stay in the present file) and is tried again with the
        next put_away_ended.
        """
        live = self.clients.held(client_id)
        file = self.clients.files[client_id]
        ended = [s.number for s in live.sessions if not s.is_open and s.number > file.archived.through]
        if not ended or self.core.read_only:
            return
        try:
            self.clients.records[client_id] = file.put_away(live, max(ended))
        except StoreError as exc:
            self.reload(client_id)
            message = f"{live.client.name}'s ended sessions could not be moved to their own files ({exc.message})."
            if message not in self.core.problems:
                self.core.problems.append(message)
