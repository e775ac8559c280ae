"""Clean-up rules for everything a coach types.

One set of rules for every text field, so what is stored is exactly what is shown
back: control characters are dropped (newlines kept where a field allows them),
surrounding whitespace trimmed, and empty or overlong text refused with a message
a coach can act on.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 80
SHORT_MAX = 200
NOTE_MAX = 2_000
LONG_MAX = 10_000
PROMPT_MAX = 500

# C0/C1 controls and DEL, except newline and tab, plus the bidi/formatting
# characters that can reorder or hide what the coach sees (Unicode "Cf" category
# is handled separately because emoji sequences legitimately use ZWJ).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNSAFE_FORMAT = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


class TextRefused(ValueError):
    """Raised when text cannot be accepted; its message is meant for the coach."""


def _is_blank(ch: str) -> bool:
    """Whitespace and invisible format characters: text made only of these is empty."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def _normalise(value: str, *, multiline: bool) -> str:
    """The documented clean-up, without the empty and length checks."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\t", "    ")
    text = _CONTROL.sub("", text)
    # Lone surrogates cannot be encoded as UTF-8 (so never saved); bidi overrides
    # can make text display differently from what was typed.
    text = "".join(ch for ch in text if ch not in _UNSAFE_FORMAT and not "\ud800" <= ch <= "\udfff")
    if not multiline:
        text = " ".join(text.split("\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    text = unicodedata.normalize("NFC", text)
    if all(_is_blank(ch) for ch in text):
        return ""
    return text


# Anything _normalise would change: controls (tab and CR included), line and
# paragraph separators, bidi overrides, lone surrogates, whitespace before a newline.
_DIRTY_LINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|[^\S\n]\n")
_DIRTY_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _already_clean(text: str, *, multiline: bool) -> bool:
    """True when _normalise(text) == text, checked in C-speed passes.

    Nearly all text arrives clean (everything read back from disk was cleaned
    when written), and a client's file holds thousands of notes: this keeps
    opening a long-running client fast without a second set of rules.
    """
    dirty = _DIRTY_LINES if multiline else _DIRTY_LINE
    return (
        bool(text)
        and text == text.strip()
        and not _is_blank(text[0])
        and dirty.search(text) is None
        and unicodedata.is_normalized("NFC", text)
    )


def clean(value: object, *, field: str = "", max_len: int, multiline: bool) -> str:
    """Return the cleaned text or raise TextRefused with a coach-readable reason."""
    if not isinstance(value, str):
        raise TextRefused(f"{field} must be text".strip())
    text = value if _already_clean(value, multiline=multiline) else _normalise(value, multiline=multiline)
    if not text:
        raise TextRefused(f"{field} cannot be empty".strip())
    if len(text) > max_len:
        raise TextRefused(f"{field} is {len(text):,} characters long; the limit is {max_len:,}".strip())
    return text


def clean_optional(value: object, *, field: str = "", max_len: int, multiline: bool) -> str:
    """Like clean(), but empty text is allowed and stored as an empty string."""
    if value is None or value == "":
        return ""
    if (
        isinstance(value, str)
        and not _already_clean(value, multiline=multiline)
        and not _normalise(value, multiline=multiline)
    ):
        return ""
    return clean(value, field=field, max_len=max_len, multiline=multiline)


_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def pasted_text(text: str, *, multiline: bool) -> str:
    """Pasted text as text only: control bytes (ESC and the like) dropped, never read as keys.

    A one-line field keeps every pasted line, joined by spaces; a multi-line
    field keeps the lines. Tabs become spaces, as everywhere else.
    """
    lines = [_CONTROL.sub("", line.replace("\t", " ")) for line in _LINE_BREAK.split(text)]
    if multiline:
        return "\n".join(lines)
    return " ".join(stripped for line in lines if (stripped := line.strip()))
