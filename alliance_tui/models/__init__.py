"""The domain in pydantic: no Textual, no TinyDB, no disk."""

from .alliance import DEFAULT_CATEGORIES, AllianceItem, AllianceVersion, RequestedBy
from .client import Client
from .commitments import Commitment, CommitmentStatus
from .diff import ChangeKind, ItemChange, diff_versions
from .notes import Note, NoteKind
from .nudges import Nudge, NudgeKind, revisit_nudges
from .pauses import PauseRecord
from .prompts import BUILTIN_PROMPTS, BuiltinPrompt, PromptSet, RevisitPrompt, prompts_for_moment
from .record import ClientRecord, ClientSummary
from .session import Session
from .settings import PracticeSettings
from .text import TextRefused
from .timeutil import Clock, UtcDatetime, format_utc, utcnow

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
