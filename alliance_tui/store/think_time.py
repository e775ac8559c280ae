"""The agreed think time changed from the call: the client's target and the session's record of it, in one write.

The clock's target is the client's (`Client.think_time_seconds`); the session
records what it was set to in it (`Session.think_time_set`), so the trend can
show target and actual together. Both go in one atomic write of the present
file, and ctrl+z puts both back the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models.client import Client
    from ..models.session import Session
    from .client_file import ClientFile
    from .client_records import ClientRecords
    from .client_writes import ClientWrites
    from .practice import PracticeStore


def set_think_time(
    store: PracticeStore, client_id: str, seconds: int, *, session_id: str | None = None
) -> tuple[Client, Session | None]:
    """The client's think time set to seconds, recorded with the session given; returns both as they were before."""
    from .validating import revise, validating

    with store.core.lock:
        store.core.check_writable()
        present = store.client_records.present_of(client_id)
        before = present.session if present.session is not None and present.session.id == session_id else None
        with validating(think_time_seconds="Think time"):
            session = revise(before, think_time_set=seconds) if before is not None else None
        write_think_time(store.client_writes, store.client_records, client_id, seconds, session)
        return present.client, before


def write_think_time(
    writes: ClientWrites, clients: ClientRecords, client_id: str, seconds: int, session: Session | None
) -> None:
    """The target and (if given) the session record as they are to be, in one write; what undo uses too."""
    from .present_tables import table_docs, write_tables
    from .validating import revise, validating

    record = clients.held(client_id)
    with validating(think_time_seconds="Think time"):
        client = revise(record.client, think_time_seconds=seconds)

    def both(file: ClientFile) -> None:
        tables = {"client": [client.model_dump(mode="json")]}
        if session is not None:
            doc = session.model_dump(mode="json")
            docs = table_docs(file, "sessions")
            tables["sessions"] = [doc if d.get("id") == session.id else d for d in docs]
        write_tables(file, tables)

    writes.write(client_id, both)
    record.client = client
    if session is not None:
        record.sessions = [session if s.id == session.id else s for s in record.sessions]
    clients.refresh_summary(client_id)
