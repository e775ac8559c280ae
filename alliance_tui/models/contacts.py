"""Contact between sessions: a question by message, a call, an email, logged outside any session.

Contacts are never sessions: they count toward no session number, no hours
and no programme. They are kept in the client's present until the next
session ends, then put away with that session like its notes. A client's
card may say how many contacts between two sessions are fine; past that, the
review says so quietly (pace_note).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from .base import Record
from .fields import NoteText, UtcDatetime


class Channel(StrEnum):
    MESSAGE = "message"
    EMAIL = "email"
    CALL = "call"
    PORTAL = "portal"
    OTHER = "other"


class StartedBy(StrEnum):
    CLIENT = "client"
    COACH = "coach"


CHANNELS: tuple[Channel, ...] = tuple(Channel)


class Contact(Record):
    created: UtcDatetime
    channel: Channel = Channel.MESSAGE
    started_by: StartedBy = StartedBy.CLIENT
    note: NoteText
    private: bool = True  # like a note: the coach's own unless marked shared


def next_channel(channel: Channel) -> Channel:
    """Tab on the contact line: the next channel, round again after the last."""
    return CHANNELS[(CHANNELS.index(channel) + 1) % len(CHANNELS)]


def describe_line(channel: Channel, started_by: StartedBy, private: bool) -> str:
    """The contact line's state, shown before Enter: what Enter will write."""
    who = "from the client" if started_by is StartedBy.CLIENT else "from you"
    return f"✉ contact · {channel.value} · {who} · {'private' if private else 'shared'}"


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
