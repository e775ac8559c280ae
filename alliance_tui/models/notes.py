"""What the coach logs: notes, adjustments, commitments and revisit answers."""

from __future__ import annotations

from pydantic import Field

from .base import Record
from .fields import NoteText, OptionalPromptText, UtcDatetime
from .kinds import NoteKind


class Note(Record):
    text: NoteText
    kind: NoteKind = NoteKind.NOTE
    private: bool = True  # a coach's observation is private unless marked shared
    created: UtcDatetime
    session_number: int | None = Field(default=None, ge=1)
    prompt: OptionalPromptText = ""  # the revisit question this answers
