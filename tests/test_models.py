"""Model validation: what a coach types is cleaned the documented way or refused with a clear reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from alliance_tui.models.alliance import AllianceItem, AllianceVersion
from alliance_tui.models.client import Client
from alliance_tui.models.commitments import Commitment, CommitmentStatus
from alliance_tui.models.coverage import AREAS
from alliance_tui.models.diff import ChangeKind, diff_versions
from alliance_tui.models.errors import describe
from alliance_tui.models.notes import Note, NoteKind
from alliance_tui.models.nudges import NudgeKind, revisit_nudges
from alliance_tui.models.pauses import PauseRecord
from alliance_tui.models.prompts import PromptSet, RevisitPrompt, prompts_for_moment
from alliance_tui.models.record import ClientRecord
from alliance_tui.models.session import Session
from alliance_tui.models.text import NOTE_MAX, TextRefused, clean
from alliance_tui.models.timeutil import format_utc

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def refusal(build: object) -> str:
    """The coach-facing sentence for a refused model."""
    assert callable(build)
    with pytest.raises(ValidationError) as info:
        build()
    return describe(info.value)


# ----------------------------------------------------------------- text clean-up


@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t ", "\x00\x07", "\u200b", " \u202e ", "\u3000", "\r\n"])
def test_whitespace_or_invisible_only_text_is_refused(blank: str) -> None:
    assert refusal(lambda: Note(text=blank, created=NOW)) == "Note cannot be empty."
    assert refusal(lambda: Client(name=blank, created=NOW)) == "Name cannot be empty."


def test_control_characters_removed_newlines_kept_in_multiline_fields() -> None:
    note = Note(text="first\x00 line\x07\r\nsecond\x1b[31m line\x7f\x85", created=NOW)
    assert note.text == "first line\nsecond[31m line"


def test_single_line_fields_fold_newlines_into_spaces() -> None:
    client = Client(name="Ana\nMaria\x00 López\r\n", contact="a@b.org\nsecond", created=NOW)
    assert client.name == "Ana Maria López"
    assert client.contact == "a@b.org second"


def test_bidi_overrides_and_surrogates_removed_but_emoji_joiners_kept() -> None:
    family = "👩\u200d👩\u200d👧"
    note = Note(text=f"\u202eevil\u202c {family} \ud800ok", created=NOW)
    assert note.text == f"evil {family} ok"


def test_tabs_become_spaces_and_trailing_whitespace_trimmed_per_line() -> None:
    note = Note(text="  a\tb   \n  c  \n\n", created=NOW)
    assert note.text == "a    b\n  c"


def test_text_is_nfc_normalised_so_it_compares_equal() -> None:
    assert Note(text="Zoe\u0301", created=NOW).text == "Zoé"


def test_markup_like_text_is_kept_exactly() -> None:
    text = "[bold]not bold[/] [red]x[/] [@click=app.quit]y[/]"
    assert Note(text=text, created=NOW).text == text


def test_note_length_bounded_at_2000_characters() -> None:
    assert len(Note(text="x" * NOTE_MAX, created=NOW).text) == NOTE_MAX
    message = refusal(lambda: Note(text="x" * (NOTE_MAX + 1), created=NOW))
    assert message == "Note is 2,001 characters long; the limit is 2,000."


def test_length_counted_after_clean_up() -> None:
    assert len(Note(text="  " + "x" * NOTE_MAX + "\x00" * 50 + "  ", created=NOW).text) == NOTE_MAX


def test_other_bounds() -> None:
    assert refusal(lambda: Client(name="n" * 81, created=NOW)) == "Name is 81 characters long; the limit is 80."
    assert refusal(lambda: Client(name="Ana", think_time_seconds=2, created=NOW)) == "Think time should be at least 5."
    assert (
        refusal(lambda: Client(name="Ana", programme_sessions="many", created=NOW))
        == "Programme length should be a whole number."
    )
    long_prompt = refusal(lambda: Note(text="ok", prompt="p" * 501, created=NOW))
    assert long_prompt == "Revisit question is 501 characters long; the limit is 500."


def test_optional_fields_accept_empty_and_blank_as_empty() -> None:
    client = Client(name="Ana", pronouns="   ", contact="\u202e", discovery_notes="\n\n", created=NOW)
    assert (client.pronouns, client.contact, client.discovery_notes) == ("", "", "")
    commitment = Commitment(what="Draft the plan", by_when=None, created=NOW)  # type: ignore[arg-type]
    assert commitment.by_when == ""


def test_non_text_refused_clearly() -> None:
    assert refusal(lambda: Client(name=42, created=NOW)) == "Name must be text."
    with pytest.raises(TextRefused, match="must be text"):
        clean(b"bytes", field="Text", max_len=10, multiline=False)


def test_clean_is_idempotent_so_reloading_does_not_change_text() -> None:
    for raw in ["e\u0301\n\u0301", " a \r\n\tb\u2028c ", "x" * 10 + "\u00a0", "[b]\x1b[0m"]:
        once = clean(raw, max_len=NOTE_MAX, multiline=True)
        assert clean(once, max_len=NOTE_MAX, multiline=True) == once
        single = clean(raw, max_len=NOTE_MAX, multiline=False)
        assert "\n" not in single
        assert clean(single, max_len=NOTE_MAX, multiline=False) == single


def test_a_record_cannot_be_changed_in_place() -> None:
    """Records handed to screens are shared with the store: a change is a new, validated record."""
    note = Note(text="fine", created=NOW)
    with pytest.raises(ValidationError, match="frozen"):
        note.text = "other"  # type: ignore[misc]
    assert note.text == "fine"


# ----------------------------------------------------------------- time


def test_naive_times_refused() -> None:
    assert refusal(lambda: Note(text="x", created=datetime(2026, 1, 1, 9, 0))) == "Created must carry a timezone."
    assert "Started must carry a timezone." in refusal(lambda: Session(number=1, started=datetime(2026, 1, 1)))


def test_aware_times_stored_as_utc() -> None:
    plus5 = timezone(timedelta(hours=5))
    note = Note(text="x", created=datetime(2026, 1, 1, 10, 0, tzinfo=plus5))
    assert note.created == datetime(2026, 1, 1, 5, 0, tzinfo=UTC)
    assert note.created.utcoffset() == timedelta(0)


def test_serialised_times_are_fixed_width_utc() -> None:
    plus5 = timezone(timedelta(hours=5, minutes=30))
    times = [
        datetime(2026, 1, 1, 0, 0, tzinfo=UTC),
        datetime(2026, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        datetime(2026, 1, 1, 5, 29, 59, 999_999, tzinfo=plus5),
        datetime(999, 12, 31, 23, 59, tzinfo=UTC),
        datetime(2026, 6, 1, 12, 0, 30, 500_000, tzinfo=timezone(timedelta(hours=-8))),
    ]
    dumped = [Note(text="x", created=t).model_dump(mode="json")["created"] for t in times]
    assert {len(s) for s in dumped} == {27}
    assert all(s.endswith("Z") for s in dumped)
    assert dumped[0] == "2026-01-01T00:00:00.000000Z"
    assert dumped[3] == "0999-12-31T23:59:00.000000Z"
    # String order is time order, which is what sorting the stored records relies on.
    assert sorted(dumped) == [format_utc(t) for t in sorted(times)]
    # And the form reads back to the same instant.
    assert [Note.model_validate_json(json.dumps({"text": "x", "created": s})).created for s in dumped] == [
        t.astimezone(UTC) for t in times
    ]


def test_out_of_range_time_is_refused_not_crashed() -> None:
    early = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    assert refusal(lambda: Note(text="x", created=early)) == "That time is out of range."


# ----------------------------------------------------------------- messages


def test_describe_names_fields_in_the_coachs_words() -> None:
    assert refusal(lambda: Client(name="Ana")) == "Created is required."
    assert refusal(lambda: Commitment(what=" ", created=NOW)) == "What the client will do cannot be empty."
    assert refusal(lambda: Note(text="x", created=NOW, kind="gossip")).startswith("Kind should be 'note'")
    assert refusal(lambda: Client(name="Ana", created=NOW, archived="perhaps")) == "Archived should be yes or no."
    nested = refusal(lambda: AllianceVersion(number=1, created=NOW, items=[{"category": "Focus", "wording": ""}]))
    assert nested == "Wording cannot be empty."


def test_describe_never_leaks_pydantic_jargon() -> None:
    builders = [
        lambda: Client(name="", created="yesterday"),
        lambda: PauseRecord(target_seconds=0, actual_seconds=-1, started=NOW),
        lambda: Session(number=0, started=NOW, planned_minutes=1000),
        lambda: Client(name="Ana", created=NOW, colour="red"),
    ]
    for build in builders:
        message = refusal(build)
        assert message.endswith(".")
        for jargon in ("Value error", "Input should", "validation error", "pydantic", "type=", "errors.pydantic"):
            assert jargon not in message, message
    assert refusal(builders[0]) == "Name cannot be empty. Created should be a date and time."


# ----------------------------------------------------------------- records, diffs, nudges, prompts


def _record(**kwargs: object) -> ClientRecord:
    client = Client(name="Ana", created=NOW, programme_sessions=kwargs.pop("programme", 12))  # type: ignore[arg-type]
    return ClientRecord(client=client, **kwargs)  # type: ignore[arg-type]


def _sessions(count: int, open_last: bool = False) -> list[Session]:
    sessions = []
    for n in range(1, count + 1):
        start = NOW + timedelta(days=7 * n)
        ended = None if (open_last and n == count) else start + timedelta(minutes=50)
        sessions.append(Session(number=n, started=start, ended=ended))
    return sessions


def test_record_derived_properties() -> None:
    record = _record(sessions=_sessions(3, open_last=True))
    assert record.open_session is not None and record.open_session.number == 3
    assert record.next_session_number == 3
    assert _record(sessions=_sessions(3)).next_session_number == 4
    assert _record().next_session_number == 1
    done = Commitment(what="a", created=NOW, status=CommitmentStatus.DONE)
    carried = Commitment(what="b", created=NOW, status=CommitmentStatus.CARRIED)
    fresh = Commitment(what="c", created=NOW)
    assert _record(commitments=[done, carried, fresh]).open_commitments == [carried, fresh]


def test_diff_versions_reports_each_kind_of_change() -> None:
    keep = AllianceItem(category="Logistics", wording="Fortnightly calls")
    reword = AllianceItem(category="Style and tone", wording="Be gentle")
    move = AllianceItem(category="Focus", wording="Check in on commitments first")
    drop = AllianceItem(category="Feedback", wording="Celebrate effort first")
    old = AllianceVersion(number=1, created=NOW, items=[keep, reword, move, drop])
    added = AllianceItem(category="Permissions", wording="Call me out on the smooth veneer")
    new = AllianceVersion(
        number=2,
        created=NOW,
        items=[
            keep,
            reword.model_copy(update={"wording": "Be direct with me"}),
            move.model_copy(update={"category": "Accountability"}),
            added,
        ],
    )
    kinds = [(c.kind, c.item.id) for c in diff_versions(old, new)]
    assert kinds == [
        (ChangeKind.UNCHANGED, keep.id),
        (ChangeKind.REWORDED, reword.id),
        (ChangeKind.RECATEGORISED, move.id),
        (ChangeKind.ADDED, added.id),
        (ChangeKind.REMOVED, drop.id),
    ]
    assert all(c.kind is ChangeKind.ADDED for c in diff_versions(None, old))


def test_revisit_nudges_first_design_overdue_programme_end_and_think_time() -> None:
    assert revisit_nudges(_record(sessions=_sessions(1))) == []
    first = revisit_nudges(_record(sessions=_sessions(2)))
    assert [n.kind for n in first] == [NudgeKind.FIRST_DESIGN]
    assert "session 3" in first[0].text

    bare = AllianceVersion(number=1, created=NOW, session_number=3, full_design=True)
    assert [n.kind for n in revisit_nudges(_record(sessions=_sessions(5), versions=[bare]))] == [NudgeKind.COVERAGE]
    # Every area an assessor listens for designed: no coverage nudge, so each rule below is seen alone.
    covering = [AllianceItem(category=area.category, wording=f"About {area.name}") for area in AREAS]
    design = bare.model_copy(update={"items": covering})
    assert revisit_nudges(_record(sessions=_sessions(5), versions=[design])) == []
    overdue = revisit_nudges(_record(sessions=_sessions(6), versions=[design]))
    assert [n.kind for n in overdue] == [NudgeKind.OVERDUE]
    assert "4 sessions since" in overdue[0].text
    assert revisit_nudges(_record(sessions=_sessions(6), versions=[design]), every_sessions=6) == []
    revisit_note = Note(text="More challenge", kind=NoteKind.REVISIT, created=NOW, session_number=6)
    assert revisit_nudges(_record(sessions=_sessions(7), versions=[design], notes=[revisit_note])) == []

    ending = revisit_nudges(_record(programme=6, sessions=_sessions(5), versions=[design]))
    assert [n.kind for n in ending] == [NudgeKind.PROGRAMME_END]
    assert "the last of the 6-session programme" in ending[0].text

    quick = [PauseRecord(target_seconds=30, actual_seconds=9, started=NOW) for _ in range(5)]
    think = revisit_nudges(_record(sessions=_sessions(4), versions=[design], pauses=quick))
    assert [n.kind for n in think] == [NudgeKind.THINK_TIME]
    slow = [*quick[:4], PauseRecord(target_seconds=30, actual_seconds=20, started=NOW)]
    assert revisit_nudges(_record(sessions=_sessions(4), versions=[design], pauses=slow)) == []

    archived = _record(sessions=_sessions(2))
    archived.client = archived.client.model_copy(update={"archived": True})
    assert revisit_nudges(archived) == []


def test_prompts_fit_the_moment() -> None:
    own = [RevisitPrompt(text="What should I stop doing?")]
    assert prompts_for_moment(1, 12, own)[0].prompt_set is PromptSet.CHECK_IN
    assert prompts_for_moment(3, 12, own)[0].prompt_set is PromptSet.DESIGN
    assert prompts_for_moment(12, 12, own)[0].prompt_set is PromptSet.RENEWAL
    assert prompts_for_moment(5, 12, own)[-1] is own[0]


def test_by_category_orders_defaults_then_the_coachs_own() -> None:
    version = AllianceVersion(
        number=1,
        created=NOW,
        items=[
            AllianceItem(category="Zest", wording="a"),
            AllianceItem(category="Feedback", wording="b"),
            AllianceItem(category="Logistics", wording="c"),
        ],
    )
    assert [c for c, _ in version.by_category()] == ["Logistics", "Feedback", "Zest"]


def test_unknown_fields_refused_so_typos_never_reach_disk() -> None:
    with pytest.raises(ValidationError):
        Note.model_validate({"text": "x", "created": NOW, "txet": "y"})
