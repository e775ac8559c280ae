"""A rewording shows which words changed, not the whole old and new text alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alliance_tui.models.alliance import AllianceItem
from alliance_tui.models.diff import ChangeKind, ItemChange, WordChange, word_changes
from alliance_tui.widgets.version_diff import ADDED_WORDS, REMOVED_WORDS, change_body


def test_one_word_swapped_reads_as_one_word() -> None:
    assert word_changes("Weekly phone calls, 45 minutes", "Fortnightly phone calls, 45 minutes") == [
        (WordChange.REMOVED, "Weekly"),
        (WordChange.ADDED, "Fortnightly"),
        (WordChange.SAME, " phone calls, 45 minutes"),
    ]


words = st.lists(st.sampled_from(["call", "me", "out", "gently", "when", "I", "dodge", "  ", "\n", "[b]"]), max_size=12)


@given(old=words.map(" ".join), new=words.map(" ".join))
def test_the_runs_give_back_both_wordings(old: str, new: str) -> None:
    runs = word_changes(old, new)
    assert "".join(t for k, t in runs if k is not WordChange.ADDED) == old
    assert "".join(t for k, t in runs if k is not WordChange.REMOVED) == new
    assert all(t for _k, t in runs)


def test_the_diff_underlines_added_words_and_strikes_removed_ones() -> None:
    before = AllianceItem(id="i1", category="Style and tone", wording="Be direct with me")
    after = before.model_copy(update={"wording": "Be more direct with me, gently"})
    body = change_body(ItemChange(ChangeKind.REWORDED, before, after))
    assert body.plain == "Style and tone: Be more direct with me, gently\nwas: Be direct with me"
    added = [body.plain[s.start : s.end] for s in body.spans if str(s.style) == ADDED_WORDS]
    removed = [body.plain[s.start : s.end] for s in body.spans if str(s.style) == REMOVED_WORDS]
    assert added == ["more", ", gently"]
    assert removed == []  # every old word is still there


def test_the_old_wording_strikes_the_words_that_went() -> None:
    before = AllianceItem(
        id="i1",
        category="Logistics",
        wording="Weekly phone calls",
    )
    after = before.model_copy(update={"wording": "Fortnightly phone calls"})
    body = change_body(ItemChange(ChangeKind.REWORDED, before, after))
    removed = [body.plain[s.start : s.end] for s in body.spans if str(s.style) == REMOVED_WORDS]
    added = [body.plain[s.start : s.end] for s in body.spans if str(s.style) == ADDED_WORDS]
    assert (added, removed) == (["Fortnightly"], ["Weekly"])
