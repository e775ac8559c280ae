"""Programmes and renewal: the chapters of a client's coaching, kept in their present file.

A client who never renewed has no programme stored (programme 1 is implied,
models/programme.py), so older practices need no rewrite. Renewing writes the
closed programme, the new one and the client's new programme length in one
atomic write of the present file, so a stop in between leaves either the old
chapter or the new, never half of each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.programme import Programme, all_programmes, current_programme
from .errors import InvalidInput

if TYPE_CHECKING:
    from ..models.client import Client
    from .practice import PracticeStore


def programmes(store: PracticeStore, client_id: str) -> tuple[Programme, ...]:
    """Every programme of this client, oldest first (programme 1 even when never written)."""
    with store.core.lock:
        present = store.client_records.present_of(client_id)
        return tuple(all_programmes(present.programmes, present.client))


def renew_programme(
    store: PracticeStore,
    client_id: str,
    *,
    planned_sessions: int,
    focus: str = "",
    closing_summary: str = "",
) -> tuple[Programme, Programme]:
    """Close the current programme with its summary and open the next; returns (closed, opened).

    The next programme begins with the next session to hold. A session still
    open belongs to the programme it began in: end it first.
    """
    from .validating import revise, validating

    with store.core.lock:
        store.core.check_writable()
        present = store.client_records.present_of(client_id)
        if present.open_session is not None:
            raise InvalidInput(
                f"Session {present.open_session.number} is still open: end it before renewing. Nothing was changed."
            )
        now = store.clock()
        current = current_programme(present.programmes, present.client)
        last = present.next_session_number - 1
        with validating(closing_summary="Closing summary", focus="Focus", planned_sessions="Programme length"):
            closed = revise(
                current, closed=now, last_session=max(last, current.first_session - 1), closing_summary=closing_summary
            )
            opened = Programme(
                number=current.number + 1,
                first_session=present.next_session_number,
                planned_sessions=planned_sessions,
                focus=focus,
                started=now,
            )
        client: Client = revise(present.client, programme_sessions=planned_sessions)
        kept = [p for p in present.programmes if p.id != current.id]
        stored = [*kept, closed, opened]
        _write_programmes(store, client_id, stored, client)
        return closed, opened


def restore_programmes(
    store: PracticeStore, client_id: str, stored: tuple[Programme, ...], programme_sessions: int
) -> None:
    """Put the programmes and the programme length back as they were (a renewal undone)."""
    from .validating import revise

    with store.core.lock:
        store.core.check_writable()
        client = revise(store.client_records.present_of(client_id).client, programme_sessions=programme_sessions)
        _write_programmes(store, client_id, list(stored), client)


def _write_programmes(store: PracticeStore, client_id: str, stored: list[Programme], client: Client) -> None:
    from .present_tables import write_tables

    docs = [p.model_dump(mode="json") for p in sorted(stored, key=lambda p: p.number)]
    store.client_writes.write(
        client_id,
        lambda f: write_tables(f, {"programmes": docs or None, "client": [client.model_dump(mode="json")]}),
    )
    record = store.client_records.held(client_id)
    record.programmes = sorted(stored, key=lambda p: p.number)
    record.client = client
    store.client_records.refresh_summary(client_id)
