"""The domain in pydantic: no Textual, no TinyDB, no disk.

Each name is imported from its module on first use (PEP 562), so a caller that
needs only a light part (the dashboard's ClientSummary, the clock) does not
pay for pydantic and every record model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .alliance import DEFAULT_CATEGORIES, AllianceItem, AllianceVersion, RequestedBy
    from .client import Client
    from .commitments import Commitment, CommitmentStatus
    from .diff import ChangeKind, ItemChange, diff_versions
    from .notes import Note, NoteKind
    from .nudges import Nudge, NudgeKind, revisit_nudges
    from .pauses import PauseRecord
    from .prompts import BUILTIN_PROMPTS, BuiltinPrompt, PromptSet, RevisitPrompt, prompts_for_moment
    from .record import ClientRecord
    from .session import Session
    from .settings import PracticeSettings
    from .summary import ClientSummary
    from .text import TextRefused
    from .timeutil import Clock, UtcDatetime, format_utc, utcnow

# Which module each public name lives in.
_WHERE = {
    "DEFAULT_CATEGORIES": "alliance",
    "AllianceItem": "alliance",
    "AllianceVersion": "alliance",
    "RequestedBy": "alliance",
    "Client": "client",
    "Commitment": "commitments",
    "CommitmentStatus": "commitments",
    "ChangeKind": "diff",
    "ItemChange": "diff",
    "diff_versions": "diff",
    "Note": "notes",
    "NoteKind": "notes",
    "Nudge": "nudges",
    "NudgeKind": "nudges",
    "revisit_nudges": "nudges",
    "PauseRecord": "pauses",
    "BUILTIN_PROMPTS": "prompts",
    "BuiltinPrompt": "prompts",
    "PromptSet": "prompts",
    "RevisitPrompt": "prompts",
    "prompts_for_moment": "prompts",
    "ClientRecord": "record",
    "Session": "session",
    "PracticeSettings": "settings",
    "ClientSummary": "summary",
    "TextRefused": "text",
    "Clock": "timeutil",
    "UtcDatetime": "timeutil",
    "format_utc": "timeutil",
    "utcnow": "timeutil",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once found, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [
    "BUILTIN_PROMPTS",
    "DEFAULT_CATEGORIES",
    "AllianceItem",
    "AllianceVersion",
    "BuiltinPrompt",
    "ChangeKind",
    "Client",
    "ClientRecord",
    "ClientSummary",
    "Clock",
    "Commitment",
    "CommitmentStatus",
    "ItemChange",
    "Note",
    "NoteKind",
    "Nudge",
    "NudgeKind",
    "PauseRecord",
    "PracticeSettings",
    "PromptSet",
    "RequestedBy",
    "RevisitPrompt",
    "Session",
    "TextRefused",
    "UtcDatetime",
    "diff_versions",
    "format_utc",
    "prompts_for_moment",
    "revisit_nudges",
    "utcnow",
]
