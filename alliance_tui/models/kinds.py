"""Plain enumerations the store takes as arguments, importable without pydantic."""

from __future__ import annotations

from enum import StrEnum


class NoteKind(StrEnum):
    NOTE = "note"
    ADJUSTMENT = "adjustment"
    COMMITMENT = "commitment"
    REVISIT = "revisit"


class RequestedBy(StrEnum):
    CLIENT = "client"
    COACH = "coach"
    BOTH = "both"
