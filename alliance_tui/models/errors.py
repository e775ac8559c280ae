"""Turning validation failures into one sentence a coach can act on."""

from __future__ import annotations

from pydantic import ValidationError

FIELD_LABELS = {
    "name": "Name",
    "pronouns": "Pronouns",
    "contact": "Contact",
    "discovery_notes": "Discovery notes",
    "programme_sessions": "Programme length",
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
}

_PREFIXES = ("Value error, ", "Assertion failed, ")


def describe(exc: ValidationError) -> str:
    """One sentence per problem, naming the field in the coach's words."""
    sentences = []
    for err in exc.errors():
        message = str(err.get("msg", "is not valid"))
        for prefix in _PREFIXES:
            if message.startswith(prefix):
                message = message[len(prefix) :]
        names = [str(part) for part in err.get("loc", ()) if isinstance(part, str)]
        label = FIELD_LABELS.get(names[-1], names[-1].replace("_", " ").capitalize()) if names else ""
        if message.startswith("Input ") and label:
            message = message[len("Input ") :]
            sentence = f"{label} {message}"
        elif message and message[0].isupper():
            sentence = message
        else:
            sentence = f"{label} {message}".strip()
        sentences.append(sentence.rstrip(".") + ".")
    return " ".join(dict.fromkeys(sentences)) or "That input is not valid."
