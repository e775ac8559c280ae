"""Contacts between sessions: logged into the client's present, put away with the next session that ends.

A contact is never a session: it takes no session number, counts no hours
and is no part of the hours log. Only the present is read or written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.contacts import Channel, Contact, StartedBy

if TYPE_CHECKING:
    from .practice import PracticeStore


def log_contact(
    store: PracticeStore,
    client_id: str,
    note: str,
    *,
    channel: Channel = Channel.MESSAGE,
    started_by: StartedBy = StartedBy.CLIENT,
    private: bool = True,
) -> Contact:
    """One contact outside a session, on disk when it returns."""
    from .validating import validating

    with validating(note="Contact note"):
        contact = Contact(created=store.clock(), channel=channel, started_by=started_by, note=note, private=private)
    return store.client_writes.insert(client_id, "contacts", contact, summary_may_change=False)


def contacts_since_last_session(store: PracticeStore, client_id: str) -> tuple[Contact, ...]:
    """Every contact logged since the last session ended (those at hand in the present), oldest first."""
    with store.core.lock:
        return store.client_records.present_of(client_id).contacts
