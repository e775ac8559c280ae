"""The quick-log line's prefixes, without Textual."""

from __future__ import annotations

import pytest

from alliance_tui.models.alliance import DEFAULT_CATEGORIES
from alliance_tui.models.quicklog import (
    EntryKind,
    QuickEntry,
    entry_kind,
    find_category,
    next_category,
    parse,
    with_category,
)
from alliance_tui.models.text import TextRefused

CATS = (*DEFAULT_CATEGORIES, "Money")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("a: be more direct", QuickEntry(EntryKind.ADJUSTMENT, "be more direct", category="Style and tone")),
        ("A tone: be blunt", QuickEntry(EntryKind.ADJUSTMENT, "be blunt", category="Style and tone")),
        ("a perm: call me out", QuickEntry(EntryKind.ADJUSTMENT, "call me out", category="Permissions")),
        ("a think: 20 seconds", QuickEntry(EntryKind.ADJUSTMENT, "20 seconds", category="Think time")),
        ("a between: email is fine", QuickEntry(EntryKind.ADJUSTMENT, "email is fine", category="Between sessions")),
        ("a coach: tell me", QuickEntry(EntryKind.ADJUSTMENT, "tell me", category="Coach's requests")),
        ("a money: invoice monthly", QuickEntry(EntryKind.ADJUSTMENT, "invoice monthly", category="Money")),
        ("a: perm: call me out", QuickEntry(EntryKind.ADJUSTMENT, "call me out", category="Permissions")),
        ("a: note this: x", QuickEntry(EntryKind.ADJUSTMENT, "note this: x", category="Style and tone")),
        ("n: lit up about the team", QuickEntry(EntryKind.NOTE, "lit up about the team")),
        ("plain words", QuickEntry(EntryKind.NOTE, "plain words")),
        ("A big insight: she saw it", QuickEntry(EntryKind.NOTE, "A big insight: she saw it")),
        ("[red]x[/]", QuickEntry(EntryKind.NOTE, "[red]x[/]")),
        (
            "c: send CV | Friday | email me",
            QuickEntry(EntryKind.COMMITMENT, "send CV", by_when="Friday", how_accountable="email me"),
        ),
        ("c: call Sam", QuickEntry(EntryKind.COMMITMENT, "call Sam")),
        ("c: call Sam | | text me", QuickEntry(EntryKind.COMMITMENT, "call Sam", how_accountable="text me")),
    ],
)
def test_parse(line: str, expected: QuickEntry) -> None:
    assert parse(line, CATS) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "A note cannot be empty"),
        ("   ", "A note cannot be empty"),
        ("a:", "The adjustment cannot be empty"),
        ("a xyz: be direct", "No category matches 'xyz'"),
        ("c: | Friday", "What the client will do cannot be empty"),
        ("c: a | b | c | d", "at most three parts"),
        ("x" * 2001, "the limit is 2,000"),
    ],
)
def test_refused_with_a_reason(line: str, message: str) -> None:
    with pytest.raises(TextRefused, match=message.replace("|", r"\|")):
        parse(line, CATS)


def test_tab_cycles_categories_and_rewrites_the_prefix() -> None:
    assert next_category("Style and tone", DEFAULT_CATEGORIES) == "Permissions"
    assert next_category("Coach's requests", DEFAULT_CATEGORIES) == "Logistics"
    line = with_category("a: be direct", "Permissions")
    assert line == "a permissions: be direct"
    assert parse(line).category == "Permissions"
    for category in DEFAULT_CATEGORIES:
        assert parse(with_category("a: x", category)).category == category


def test_kind_hint_and_lookup() -> None:
    assert entry_kind("c: x") is EntryKind.COMMITMENT
    assert entry_kind("a tone: x") is EntryKind.ADJUSTMENT
    assert entry_kind("hello") is EntryKind.NOTE
    assert find_category("LOG", CATS) == "Logistics"
    assert find_category("", CATS) is None


@pytest.mark.parametrize(
    ("line", "category", "text"),
    [
        ("a: Style and tone: be more direct", "Style and tone", "be more direct"),
        ("a: style AND tone: be more direct", "Style and tone", "be more direct"),
        ("a:  Style  and tone :be more direct", "Style and tone", "be more direct"),
        ("a: Between sessions: email is fine", "Between sessions", "email is fine"),
        ("a: Coach's requests: tell me", "Coach's requests", "tell me"),
        ("a: Coach\u2019s requests: tell me", "Coach's requests", "tell me"),
        ("a: Think time: 20 seconds", "Think time", "20 seconds"),
        ("a: think: 20 seconds", "Think time", "20 seconds"),
        ("a: Money: invoice monthly", "Money", "invoice monthly"),
        ("a Style and tone: be blunt", "Style and tone", "be blunt"),
        ("a: tone: be blunt", "Style and tone", "be blunt"),
    ],
)
def test_a_typed_category_name_chooses_the_category(line: str, category: str, text: str) -> None:
    assert parse(line, CATS) == QuickEntry(EntryKind.ADJUSTMENT, text, category=category)


@pytest.mark.parametrize(
    "line",
    ["a: we agreed on this: be direct", "a: Style and tone please: be direct"],
)
def test_words_that_are_not_a_category_name_stay_in_the_wording(line: str) -> None:
    entry = parse(line, CATS)
    assert entry.category == "Style and tone"
    assert entry.text == line[3:]


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("c: c: Send portfolio | Friday | email me", EntryKind.COMMITMENT, "Send portfolio"),
        ("a: a: perm: challenge me", EntryKind.ADJUSTMENT, "challenge me"),
        ("n: n: he lit up", EntryKind.NOTE, "he lit up"),
    ],
)
def test_a_prefix_typed_twice_counts_once(line: str, kind: EntryKind, text: str) -> None:
    """The a and c keys type the prefix; a coach who types it again out of habit is not penalised."""
    entry = parse(line)
    assert (entry.kind, entry.text) == (kind, text)


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("a: ", True),
        ("c: ", True),
        ("a permissions: ", True),
        ("A tone:", True),
        ("a: be blunt", False),
        ("c: send CV", False),
        ("a thought:", False),
        ("plain note", False),
        ("", False),
    ],
)
def test_a_bare_prefix_is_only_what_the_a_or_c_key_typed(line: str, bare: bool) -> None:
    from alliance_tui.models.quicklog import bare_prefix

    assert bare_prefix(line) is bare
