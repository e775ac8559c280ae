"""Plain enumerations the store takes as arguments, importable without pydantic."""

from __future__ import annotations

from enum import StrEnum


class NoteKind(StrEnum):
    NOTE = "note"
    ADJUSTMENT = "adjustment"
    COMMITMENT = "commitment"
    REVISIT = "revisit"


class Channel(StrEnum):
    """How a contact between sessions came (models/contacts.py)."""

    MESSAGE = "message"
    EMAIL = "email"
    CALL = "call"
    PORTAL = "portal"
    OTHER = "other"


class StartedBy(StrEnum):
    CLIENT = "client"
    COACH = "coach"


class RequestedBy(StrEnum):
    CLIENT = "client"
    COACH = "coach"
    BOTH = "both"
