"""The practice settings as stored, read without pydantic when they are plainly valid.

Start-up needs only the theme from the settings. ``plainly_valid`` accepts a
stored settings document only when every field is already in the exact form
``PracticeSettings`` would keep unchanged (so validating it later cannot fail
or alter it); anything else, however unusual, is validated in full when the
practice opens, as it always was.
"""

from __future__ import annotations

import re
from typing import Any

from .text import LONG_MAX, NOTE_MAX, SHORT_MAX, _already_clean

DEFAULT_REVISIT_EVERY = 4
REVISIT_EVERY_MIN = 1
REVISIT_EVERY_MAX = 52
DEFAULT_THEME = "textual-dark"
THEME_MAX = 64
ID_MAX = 64
PROMPT_SETS = ("check-in", "design", "renewal", "own")  # PromptSet's values (a test keeps them equal)
MATCH_KEY_MAX = 1_000
MATCHES_MAX = 5_000
QUESTION_KEY = r"^[a-z][a-z0-9_]{0,39}$"

_SETTINGS_FIELDS = frozenset(
    {
        "revisit_every_sessions",
        "theme",
        "categories",
        "prompts",
        "calendar_matches",
        "intake_questions",
        "style",
        "starting_points",
    }
)
STARTING_POINTS_MAX = 50
STARTING_ITEMS_MAX = 200
_POINT_FIELDS = frozenset({"name", "items"})
_DRAFT_FIELDS = frozenset({"id", "category", "wording", "source"})
_PROMPT_FIELDS = frozenset({"id", "text", "prompt_set"})
_QUESTION_FIELDS = frozenset({"key", "category", "text"})
_QUESTION_KEY = re.compile(QUESTION_KEY)


def _plain_label(value: object) -> bool:
    return type(value) is str and len(value) <= SHORT_MAX and _already_clean(value, multiline=False)


def _plain_prompt(value: object) -> bool:
    if not isinstance(value, dict) or not value.keys() <= _PROMPT_FIELDS:
        return False
    ident = value.get("id")  # without one, validating would invent a new id each time
    if type(ident) is not str or not 1 <= len(ident) <= ID_MAX or not _plain_label(value.get("text")):
        return False
    return "prompt_set" not in value or (type(value["prompt_set"]) is str and value["prompt_set"] in PROMPT_SETS)


def _plain_question(value: object) -> bool:
    if not isinstance(value, dict) or value.keys() != _QUESTION_FIELDS:
        return False
    key = value["key"]
    return (
        type(key) is str
        and _QUESTION_KEY.fullmatch(key) is not None
        and _plain_label(value["category"])
        and _plain_label(value["text"])
    )


def _plain_text(value: object, max_len: int, *, multiline: bool) -> bool:
    """Optional text as it is kept: empty, or already clean."""
    return type(value) is str and len(value) <= max_len and (not value or _already_clean(value, multiline=multiline))


def _plain_draft(value: object) -> bool:
    if not isinstance(value, dict) or value.keys() != _DRAFT_FIELDS:
        return False
    ident = value["id"]
    return (
        type(ident) is str
        and 1 <= len(ident) <= ID_MAX
        and _plain_label(value["category"])
        and bool(value["wording"])
        and _plain_text(value["wording"], NOTE_MAX, multiline=True)
        and _plain_text(value["source"], SHORT_MAX, multiline=False)
    )


def _plain_points(value: object) -> bool:
    if not isinstance(value, list) or len(value) > STARTING_POINTS_MAX:
        return False
    for point in value:
        if not isinstance(point, dict) or point.keys() != _POINT_FIELDS or not _plain_label(point["name"]):
            return False
        items = point["items"]
        if not isinstance(items, list) or len(items) > STARTING_ITEMS_MAX or not all(_plain_draft(d) for d in items):
            return False
    return True


def _plain_matches(value: object) -> bool:
    return (
        isinstance(value, dict)
        and len(value) <= MATCHES_MAX
        and all(type(k) is str and 1 <= len(k) <= MATCH_KEY_MAX for k in value)
        and all(type(v) is str and len(v) <= ID_MAX for v in value.values())
    )


def plainly_valid(doc: object) -> bool:
    """True only when PracticeSettings would accept the document exactly as it is."""
    if not isinstance(doc, dict) or not doc.keys() <= _SETTINGS_FIELDS:
        return False
    every = doc.get("revisit_every_sessions", DEFAULT_REVISIT_EVERY)
    if type(every) is not int or not REVISIT_EVERY_MIN <= every <= REVISIT_EVERY_MAX:
        return False
    theme = doc.get("theme", DEFAULT_THEME)
    if type(theme) is not str or len(theme) > THEME_MAX:
        return False
    categories = doc.get("categories", [])
    if not isinstance(categories, list) or not all(_plain_label(c) for c in categories):
        return False
    prompts = doc.get("prompts", [])
    if not isinstance(prompts, list) or not all(_plain_prompt(p) for p in prompts):
        return False
    if "calendar_matches" in doc and not _plain_matches(doc["calendar_matches"]):
        return False
    if not _plain_text(doc.get("style", ""), LONG_MAX, multiline=True):
        return False
    if not _plain_points(doc.get("starting_points", [])):
        return False
    questions = doc.get("intake_questions", [])
    return isinstance(questions, list) and all(_plain_question(q) for q in questions)


def theme_of(doc: dict[str, Any]) -> str:
    """The theme of a plainly valid settings document."""
    theme = doc.get("theme", DEFAULT_THEME)
    return theme if isinstance(theme, str) else DEFAULT_THEME
