"""Turning validation failures into one sentence a coach can act on."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

FIELD_LABELS = {
    "name": "Name",
    "pronouns": "Pronouns",
    "contact": "Contact",
    "discovery_notes": "Discovery notes",
    "programme_sessions": "Programme length",
    "contacts_between_sessions": "Contacts between sessions",
    "session_minutes": "Session length",
    "think_time_seconds": "Think time",
    "wording": "Wording",
    "category": "Category",
    "reason": "Reason",
    "text": "Text",
    "what": "What the client will do",
    "by_when": "By when",
    "how_accountable": "How to be held accountable",
    "checkin_note": "Check-in note",
    "focus": "Today's focus",
    "success_measure": "How the client will know it went well",
    "planned_minutes": "Planned length",
    "revisit_every_sessions": "Revisit interval",
    "prompt": "Revisit question",
}

# The same field name means different things in different records: "text" is a
# note, or a question of the coach's own. Keyed by the model's name (the
# ValidationError's title); a caller who knows more (a revisit answer) says so.
MODEL_FIELD_LABELS = {
    "Note": {"text": "Note"},
    "RevisitPrompt": {"text": "Own question"},
    "PracticeSettings": {"text": "Own question", "categories": "Category name", "prompts": "Own questions"},
}

_PREFIXES = ("Value error, ", "Assertion failed, ")

# Pydantic's wording is for programmers; these say the same for a coach.
_TEMPLATES = {
    "missing": "{label} is required",
    "extra_forbidden": "{label} is not something that can be set here",
    "timezone_aware": "{label} must carry a timezone",
    "int_parsing": "{label} should be a whole number",
    "int_from_float": "{label} should be a whole number",
    "int_type": "{label} should be a whole number",
    "float_parsing": "{label} should be a number",
    "float_type": "{label} should be a number",
    "greater_than_equal": "{label} should be at least {ge}",
    "greater_than": "{label} should be more than {gt}",
    "less_than_equal": "{label} should be at most {le}",
    "less_than": "{label} should be less than {lt}",
    "bool_parsing": "{label} should be yes or no",
    "bool_type": "{label} should be yes or no",
    "string_type": "{label} must be text",
    "string_too_long": "{label} is too long; the limit is {max_length:,} characters",
    "string_too_short": "{label} cannot be empty",
}


def _label(loc: tuple[object, ...], labels: Mapping[str, str]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    if not names:
        return ""
    name = names[-1]
    return labels.get(name) or FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def describe(exc: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """One sentence per problem, naming the field in the coach's words.

    ``labels`` names fields for this one call (the text of a revisit answer is
    "Revisit answer", not "Note"), over the model's own and the general ones.
    """
    known = {**MODEL_FIELD_LABELS.get(exc.title, {}), **(labels or {})}
    sentences = []
    for err in exc.errors():
        label = _label(tuple(err.get("loc", ())), known)
        kind = str(err.get("type", ""))
        template = _TEMPLATES.get(kind)
        if kind.startswith(("datetime_", "date_")) and kind != "datetime_type":
            template = "{label} should be a date and time"
        if template and label:
            try:
                sentences.append(template.format(label=label, **(err.get("ctx") or {})) + ".")
                continue
            except (KeyError, ValueError, TypeError):
                pass
        message = str(err.get("msg", "is not valid"))
        for prefix in _PREFIXES:
            if message.startswith(prefix):
                message = message[len(prefix) :]
        if message.startswith("Input ") and label:
            message = message[len("Input ") :]
            sentence = f"{label} {message}"
        elif message and message[0].isupper():
            sentence = message
        else:
            sentence = f"{label} {message}".strip()
        sentences.append(sentence.rstrip(".") + ".")
    return " ".join(dict.fromkeys(sentences)) or "That input is not valid."
