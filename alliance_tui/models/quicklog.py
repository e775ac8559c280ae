"""The quick-log line: what kind of entry it holds, and how its words are read.

The kind (private note, shared note, adjustment in a category, commitment) is
the line's own state, chosen by a key and shown beside it; the words typed
are text. Typed at the start of an empty line, a short prefix chooses the
kind as the key would (and is not kept in the words):

a:  or  a tone:                            an alliance adjustment (in the category a short word points to)
c:                                          a commitment: what | by when | how accountable
s:                                          a note shared with the client
n:                                          a private note (what the line holds unless told otherwise)

In an adjustment, "perm: ..." still picks the category by its first word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .alliance import DEFAULT_CATEGORIES
from .text import NOTE_MAX, SHORT_MAX, TextRefused, clean, clean_optional

DEFAULT_ADJUSTMENT_CATEGORY = "Style and tone"

# Words a coach reaches for first, beyond the start of a category's own words.
_ALIASES = {
    "tone": "Style and tone",
    "style": "Style and tone",
    "goal": "Focus",
    "goals": "Focus",
    "scope": "Focus",
    "ask": "Permissions",
    "permission": "Permissions",
    "challenge": "Permissions",
    "account": "Accountability",
    "think": "Think time",
    "pause": "Think time",
    "silence": "Think time",
    "between": "Between sessions",
    "contact": "Between sessions",
    "coach": "Coach's requests",
    "requests": "Coach's requests",
    "sched": "Logistics",
    "when": "Logistics",
}

PREFIX = re.compile(r"^\s*([acn])(?:\s+([^:|]{1,40}?))?\s*:\s?(.*)$", re.IGNORECASE | re.DOTALL)

_INNER_CATEGORY = re.compile(r"^\s*([^:|]{2,40}?)\s*:\s?(.*)$", re.DOTALL)


class EntryKind(StrEnum):
    NOTE = "note"
    ADJUSTMENT = "adjustment"
    COMMITMENT = "commitment"
    LADDER = "ladder"  # the success ladder: good | great | amazing (models/ladder.py)


@dataclass(frozen=True)
class QuickEntry:
    kind: EntryKind
    text: str
    category: str = ""
    by_when: str = ""
    how_accountable: str = ""
    ladder: tuple[str, str, str] = ("", "", "")


def find_category(word: str, categories: tuple[str, ...]) -> str | None:
    """The category a short word means: exact, alias, or the start of a word in its name."""
    wanted = word.strip().casefold()
    if not wanted:
        return None
    for category in categories:
        if category.casefold() == wanted:
            return category
    alias = _ALIASES.get(wanted)
    if alias in categories:
        return alias
    starts = [c for c in categories if c.casefold().startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    words = [c for c in categories if any(w.startswith(wanted) for w in re.split(r"[\s']+", c.casefold()))]
    return words[0] if len(words) >= 1 and len(wanted) >= 3 else (starts[0] if starts else None)


def named_category(words: str, categories: tuple[str, ...]) -> str | None:
    """The category a typed name means only if it is the whole name or a short alias.

    Stricter than find_category, so "a: we agreed: ..." keeps its own words.
    """
    wanted = " ".join(words.replace("\u2019", "'").split()).casefold()
    for category in categories:
        if " ".join(category.split()).casefold() == wanted:
            return category
    for category in categories:
        if short_name(category) == wanted:
            return category
    alias = _ALIASES.get(wanted)
    return alias if alias in categories else None


def _inner_category(word: str, categories: tuple[str, ...]) -> str | None:
    """A category typed after "a: ": one short word, or a category's full name."""
    if len(word.split()) == 1 and find_category(word, categories):
        return find_category(word, categories)
    return named_category(word, categories)


def next_category(current: str, categories: tuple[str, ...]) -> str:
    """Tab cycles through the categories, wrapping round."""
    if current not in categories:
        return categories[0]
    return categories[(categories.index(current) + 1) % len(categories)]


def entry_kind(line: str) -> EntryKind:
    """What the line would be saved as, for the hint beside the field."""
    match = PREFIX.match(line)
    if match is None:
        return EntryKind.NOTE
    return {"a": EntryKind.ADJUSTMENT, "c": EntryKind.COMMITMENT}.get(match.group(1).lower(), EntryKind.NOTE)


SHORT_NAMES = {
    "Logistics": "logistics",
    "Focus": "focus",
    "Style and tone": "tone",
    "Permissions": "permissions",
    "Accountability": "accountability",
    "Think time": "think",
    "Feedback": "feedback",
    "Between sessions": "between",
    "Coach's requests": "coach",
}


def short_name(category: str) -> str:
    """The word that brings this category back through find_category."""
    return SHORT_NAMES.get(category, category.casefold())


def with_category(line: str, category: str) -> str:
    """The line rewritten as an adjustment in the given category (what Tab does)."""
    match = PREFIX.match(line)
    body = match.group(3) if match else line
    return f"a {short_name(category)}: {body}"


def bare_prefix(line: str, categories: tuple[str, ...] = DEFAULT_CATEGORIES) -> bool:
    """Only a prefix, with nothing after it: "a: ", "c: ", "a permissions: "."""
    match = PREFIX.match(line)
    if match is None or match.group(3).strip():
        return False
    word = (match.group(2) or "").strip()
    return not word or (named_category(word, categories) or find_category(word, categories)) is not None


def parse(
    line: str,
    categories: tuple[str, ...] = DEFAULT_CATEGORIES,
    default_category: str = DEFAULT_ADJUSTMENT_CATEGORY,
) -> QuickEntry:
    """Read one line; raise TextRefused with a message for the coach if it cannot be saved."""
    match = PREFIX.match(line)
    if match is None:
        return QuickEntry(EntryKind.NOTE, clean(line, field="A note", max_len=NOTE_MAX, multiline=False))
    letter, word, body = match.group(1).lower(), (match.group(2) or "").strip(), match.group(3)
    again = PREFIX.match(body)
    if not word and again is not None and again.group(1).lower() == letter and not (again.group(2) or "").strip():
        # The a/c key typed "c: " and the coach typed "c: " again out of habit.
        body = again.group(3)
    if letter == "n":
        if word:
            # "n something: text" is a plain note that happens to contain a colon.
            return QuickEntry(EntryKind.NOTE, clean(line, field="A note", max_len=NOTE_MAX, multiline=False))
        return QuickEntry(EntryKind.NOTE, clean(body, field="A note", max_len=NOTE_MAX, multiline=False))
    if letter == "a":
        category = default_category if default_category in categories else categories[0]
        inner = _INNER_CATEGORY.match(body)
        if not word and inner and _inner_category(inner.group(1), categories):
            # "a: perm: ..." or "a: Style and tone: ..." is what the a key's "a: "
            # plus a typed category gives.
            word, body = inner.group(1), inner.group(2)
        if word:
            found = named_category(word, categories) or find_category(word, categories)
            if found is None and len(word.split()) > 1:
                # "A big insight: ..." is a note that starts with the word "a".
                return QuickEntry(EntryKind.NOTE, clean(line, field="A note", max_len=NOTE_MAX, multiline=False))
            if found is None:
                raise TextRefused(
                    f"No category matches {word!r}. Try one of: "
                    + ", ".join(short_name(c) for c in categories)
                    + " (or Tab to pick)."
                )
            category = found
        text = clean(body, field="The adjustment", max_len=NOTE_MAX, multiline=False)
        return QuickEntry(EntryKind.ADJUSTMENT, text, category=category)
    if word:
        # "c something: text" is not a commitment form: keep it as a note rather than guess.
        return QuickEntry(EntryKind.NOTE, clean(line, field="A note", max_len=NOTE_MAX, multiline=False))
    parts = [p.strip() for p in body.split("|")]
    if len(parts) > 3:
        raise TextRefused("A commitment has at most three parts: what | by when | how accountable.")
    parts += [""] * (3 - len(parts))
    what = clean(parts[0], field="What the client will do", max_len=NOTE_MAX, multiline=False)
    by_when = clean_optional(parts[1], field="By when", max_len=SHORT_MAX, multiline=False)
    how = clean_optional(parts[2], field="How to be held accountable", max_len=NOTE_MAX, multiline=False)
    return QuickEntry(EntryKind.COMMITMENT, what, by_when=by_when, how_accountable=how)


# A kind chosen by typing: the whole line so far is one of these prefixes and a space.
_TYPED_KIND = re.compile(r"^\s*([acns])(?:\s+([^:|]{1,40}?))?\s*:\s$", re.IGNORECASE)


@dataclass(frozen=True)
class LineKind:
    """What the line will save on Enter: shown beside it before the coach presses it."""

    kind: EntryKind = EntryKind.NOTE
    shared: bool = False
    category: str = DEFAULT_ADJUSTMENT_CATEGORY
    replaces: str = ""  # an adjustment that rewords this agreement (its id) rather than adding one

    @property
    def is_default(self) -> bool:
        return self.kind is EntryKind.NOTE and not self.shared


PRIVATE_NOTE = LineKind()


def typed_kind(line: str, categories: tuple[str, ...] = DEFAULT_CATEGORIES) -> LineKind | None:
    """The kind a prefix typed into an empty line chooses ("a: ", "a perm: ", "c: ", "s: "), else None."""
    match = _TYPED_KIND.match(line)
    if match is None:
        return None
    letter, word = match.group(1).lower(), (match.group(2) or "").strip()
    if letter == "a":
        category = (named_category(word, categories) or find_category(word, categories)) if word else None
        if word and category is None:
            return None  # "a big idea: " is the start of a sentence
        return LineKind(EntryKind.ADJUSTMENT, category=category or DEFAULT_ADJUSTMENT_CATEGORY)
    if word:
        return None
    if letter == "c":
        return LineKind(EntryKind.COMMITMENT)
    return LineKind(EntryKind.NOTE, shared=letter == "s")


def parse_as(line_kind: LineKind, text: str, categories: tuple[str, ...] = DEFAULT_CATEGORIES) -> QuickEntry:
    """The words read as the kind the line shows; raise TextRefused with a message for the coach."""
    if line_kind.kind is EntryKind.ADJUSTMENT:
        return parse(f"a: {text}", categories, default_category=line_kind.category)
    if line_kind.kind is EntryKind.COMMITMENT:
        return parse(f"c: {text}", categories)
    if line_kind.kind is EntryKind.LADDER:
        from .ladder import parse_ladder

        return QuickEntry(EntryKind.LADDER, text.strip(), ladder=parse_ladder(text))
    return QuickEntry(EntryKind.NOTE, clean(text, field="A note", max_len=NOTE_MAX, multiline=False))
