"""Contact between sessions: a question by message, a call, an email, logged outside any session.

Contacts are never sessions: they count toward no session number, no hours
and no programme. They are kept in the client's present until the next
session ends, then put away with that session like its notes. A client's
card may say how many contacts between two sessions are fine; past that, the
review says so quietly (pace_note).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .base import Record
from .contact_words import CHANNELS, describe_line, next_channel
from .fields import NoteText, UtcDatetime
from .kinds import Channel, StartedBy


class Contact(Record):
    created: UtcDatetime
    channel: Channel = Channel.MESSAGE
    started_by: StartedBy = StartedBy.CLIENT
    note: NoteText
    private: bool = True  # like a note: the coach's own unless marked shared


def since(contacts: Sequence[Contact], last_ended: datetime | None) -> tuple[Contact, ...]:
    """The contacts logged after the last session ended (all of them before any ended), oldest first."""
    return tuple(sorted((c for c in contacts if last_ended is None or c.created > last_ended), key=_created))


def _created(contact: Contact) -> datetime:
    return contact.created


def contact_line(contact: Contact) -> str:
    """One contact as the review lists it (the note itself is shown as text by the caller)."""
    who = "client" if contact.started_by is StartedBy.CLIENT else "coach"
    lock = "🔒" if contact.private else "↗"
    return f"{lock} {contact.channel.value}, {who} started"


def pace_note(contacts: Sequence[Contact], agreed: int, since_session: int | None) -> str:
    """A quiet line when the contacts since the last session go past what was agreed; '' otherwise.

    agreed is the number of contacts between two sessions the client's card
    says is fine; 0 means nothing was agreed, and nothing is said.
    """
    if agreed <= 0 or len(contacts) <= agreed:
        return ""
    since = f"since session {since_session}" if since_session else "so far"
    plural = "contact" if agreed == 1 else "contacts"
    return f"{len(contacts)} contacts {since}: more than the {agreed} {plural} between sessions agreed."


__all__ = ["CHANNELS", "Channel", "Contact", "StartedBy", "describe_line", "next_channel", "pace_note", "since"]
