"""What ctrl+z takes back: each write a screen made, as plain data, newest last.

A screen pushes one step per write it made and pops the newest on ctrl+z; the
store does the taking back (`PracticeStore.undo`), so a step only says what
to take back: a record added (removed again), a record changed (its earlier
copy put back), or a question of the coach's own added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The tables of a client's file a step may name.
TABLES = frozenset({"notes", "commitments", "pauses", "versions", "sessions", "contacts", "programmes", "ladders"})


@dataclass(frozen=True)
class Added:
    """A record written new (a note, a commitment, a pause, an alliance version, a session begun)."""

    label: str
    client_id: str
    table: str
    record_id: str


@dataclass(frozen=True)
class Changed:
    """A record changed (a check-in, today's focus, a note reworded): `before` is the copy to put back."""

    label: str
    client_id: str
    table: str
    before: Any  # the record as it was: a frozen pydantic model of the table's kind


@dataclass(frozen=True)
class PromptAdded:
    """A revisit question of the coach's own, added to the practice's settings."""

    label: str
    prompt_id: str


@dataclass(frozen=True)
class PromptRemoved:
    """A question of the coach's own, removed: it goes back where it was in the list."""

    label: str
    prompt: Any  # the RevisitPrompt as it was
    position: int


@dataclass(frozen=True)
class ThinkTimeChanged:
    """The client's think time changed from the call: it goes back to seconds, the session as it was."""

    label: str
    client_id: str
    seconds: int
    session: Any  # the Session as it was (None: not recorded with a session)


@dataclass(frozen=True)
class CardChanged:
    """Fields of the client's card changed in one write (an intake form added): `before` goes back.

    Only while those fields still read as the write left them (`after`): a change made
    since, in the editor say, is never silently thrown away.
    """

    label: str
    client_id: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class StyleChanged:
    """The coach's style statement rewritten: `before` goes back, only while it still reads `after`."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class SettingsChanged:
    """Practice settings changed in one write (a category added, a starting point saved): `before` goes back.

    Only while those settings still read as the write left them (`after`), as for a client's card.
    """

    label: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class ExportWritten:
    """A file written for the client (a recap): removed again, or its earlier text put back.

    Only while it still holds what was written: a file edited since is the coach's, never thrown away.
    """

    label: str
    path: Any  # the file's Path
    before: bytes | None  # what it held before (None: it was new)
    written: bytes


UndoStep = (
    Added
    | Changed
    | PromptAdded
    | PromptRemoved
    | ThinkTimeChanged
    | CardChanged
    | StyleChanged
    | SettingsChanged
    | ExportWritten
)


@dataclass
class UndoStack:
    """The writes of one screen's life, newest last; nothing here touches the disk."""

    steps: list[UndoStep] = field(default_factory=list)

    def push(self, step: UndoStep) -> None:
        if isinstance(step, Added | Changed) and step.table not in TABLES:
            raise ValueError(f"not a table of a client's file: {step.table}")
        self.steps.append(step)

    def newest(self) -> UndoStep | None:
        return self.steps[-1] if self.steps else None

    def pop(self) -> UndoStep | None:
        return self.steps.pop() if self.steps else None

    def __len__(self) -> int:
        return len(self.steps)


def undone_message(step: UndoStep) -> str:
    """What the coach is told once a step is taken back."""
    return f"↶ Undone: {step.label[:1].lower()}{step.label[1:]}"
