"""Recaps, the alliance document and the hours log: what leaves the practice, and what never does."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from alliance_tui.exports import (
    NothingToExport,
    alliance_document,
    hours_log_csv,
    hours_rows,
    md_block,
    md_inline,
    session_hours,
    session_recap,
)
from alliance_tui.exports.hours import HEADER
from alliance_tui.models.alliance import AllianceItem, AllianceVersion, RequestedBy
from alliance_tui.models.client import Client
from alliance_tui.models.commitments import Commitment
from alliance_tui.models.notes import Note, NoteKind
from alliance_tui.models.record import ClientRecord
from alliance_tui.models.session import Session
from alliance_tui.models.text import TextRefused
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW

MD = MarkdownIt("commonmark")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _client(name: str = "Ada Lovelace", **fields: object) -> Client:
    return Client(name=name, created=T0, **fields)


def _session(number: int, minutes: float | None = 50, planned: int = 60, start: datetime | None = None) -> Session:
    started = start or T0 + timedelta(days=7 * (number - 1))
    ended = started + timedelta(minutes=minutes) if minutes is not None else None
    return Session(number=number, started=started, ended=ended, planned_minutes=planned)


def _demo_client(store: PracticeStore, name: str) -> ClientRecord:
    found = store.find_client(name)
    assert found is not None
    return store.record(found.id)


# ----------------------------------------------------------------- the recap


def test_recap_holds_agreement_adjustments_commitments_and_shared_notes(store: PracticeStore) -> None:
    client = store.add_client("Ada Lovelace")
    store.adjust_alliance(client.id, [AllianceItem(category="Focus", wording="Leaving law")], reason="intake")
    session = store.start_session(client.id)
    store.update_session(client.id, session.id, focus="Decide about the offer", success_measure="A yes or a no")
    store.add_alliance_item(client.id, "Style and tone", "Be blunt with me", session_number=1)
    store.add_commitment(
        client.id, "Call the recruiter", by_when="Friday", how_accountable="Text me when done", session_number=1
    )
    store.log_note(client.id, "She lit up talking about design.", private=False, session_number=1)
    store.log_note(client.id, "Possible burnout: watch for it.", private=True, session_number=1)
    store.log_note(client.id, "An earlier shared note", private=False, session_number=None)

    recap = session_recap(store.record(client.id), 1, tz=UTC)

    assert recap.startswith("# Session 1 recap: Ada Lovelace\n\n2 March 2026\n") or "Session 1 recap" in recap
    for expected in (
        "What you wanted from today: Decide about the offer",
        "How you would know it went well: A yes or a no",
        "New, Style and tone: Be blunt with me (you asked for this)",
        "- Call the recruiter",
        "By when: Friday",
        "How you want to be held to it: Text me when done",
        "She lit up talking about design.",
    ):
        assert expected in recap
    assert "burnout" not in recap
    assert "earlier shared note" not in recap
    assert "Leaving law" not in recap  # unchanged agreements are the alliance document's job


def test_recap_of_missing_session_says_so() -> None:
    record = ClientRecord(client=_client())
    with pytest.raises(NothingToExport, match="has no session 3"):
        session_recap(record, 3)


def test_recap_with_nothing_shared_says_so() -> None:
    record = ClientRecord(
        client=_client(),
        sessions=[_session(1)],
        notes=[Note(text="private thought", created=T0, session_number=1)],
    )
    recap = session_recap(record, 1, tz=UTC)
    assert "Nothing from this session was marked to share." in recap
    assert "private thought" not in recap


def test_recap_lists_check_ins_made_in_the_session_and_shared_revisit_answers() -> None:
    from alliance_tui.models.commitments import CommitmentStatus

    done = Commitment(
        what="Draft the budget",
        created=T0,
        session_number=1,
        status=CommitmentStatus.PARTLY,
        checkin_note="private-ish detail",
        checked_in_session=2,
    )
    answer = Note(
        text="More challenge, please",
        kind=NoteKind.REVISIT,
        private=False,
        prompt="What would you like more of?",
        created=T0,
        session_number=2,
    )
    record = ClientRecord(client=_client(), sessions=[_session(1), _session(2)], commitments=[done], notes=[answer])
    recap = session_recap(record, 2, tz=UTC)
    assert "- Draft the budget: partly done" in recap
    assert "private-ish detail" not in recap
    assert "*What would you like more of?*\n  More challenge, please" in recap


def test_recap_reports_rewording_and_removal_in_the_session() -> None:
    keep = AllianceItem(category="Logistics", wording="Weekly, 60 minutes")
    gone = AllianceItem(category="Feedback", wording="Celebrate first")
    v1 = AllianceVersion(number=1, created=T0, items=[keep, gone])
    reworded = keep.model_copy(update={"wording": "Fortnightly, 90 minutes"})
    v2 = AllianceVersion(number=2, created=T0 + timedelta(days=7), session_number=2, items=[reworded])
    record = ClientRecord(client=_client(), versions=[v1, v2], sessions=[_session(1), _session(2)])
    recap = session_recap(record, 2, tz=UTC)
    assert "- Changed, Logistics: Fortnightly, 90 minutes (we agreed this together)" in recap
    assert "- No longer part of our agreement: Celebrate first" in recap


# Text a coach might type, including Markdown and markup-like text; the sentinel is
# wrapped in spaces so that Unicode normalisation cannot merge it with a neighbour.
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from("#*_[]<>`\\-+=|&!\n "),
    min_size=1,
    max_size=60,
)


def _note(text: str, private: bool, session: int, kind: NoteKind) -> Note | None:
    try:
        return Note(text=text, private=private, created=T0, session_number=session, kind=kind)
    except (ValueError, TextRefused):
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shared=st.lists(st.tuples(_TEXT, st.sampled_from([1, 2]), st.sampled_from(list(NoteKind))), max_size=6),
    private=st.lists(
        st.tuples(
            st.sampled_from(["copy", "prefix", "suffix", "fresh"]),
            st.integers(min_value=0, max_value=5),
            _TEXT,
            st.sampled_from([1, 2]),
            st.sampled_from(list(NoteKind)),
        ),
        min_size=1,
        max_size=6,
    ),
    session=st.sampled_from([1, 2]),
)
def test_a_private_note_never_appears_in_a_recap(
    shared: list[tuple[str, int, NoteKind]],
    private: list[tuple[str, int, str, int, NoteKind]],
    session: int,
) -> None:
    notes: list[Note] = []
    shared_notes = [n for n in (_note(t, False, s, k) for t, s, k in shared) if n is not None]
    notes += shared_notes
    secrets: list[str] = []
    for i, (how, pick, text, s, kind) in enumerate(private):
        secret = f"PRIVATEzq{i}x"
        secrets.append(secret)
        base = shared_notes[pick % len(shared_notes)].text if shared_notes else text
        body = {
            "copy": f"{base} {secret} ",
            "prefix": f" {secret} {base}",
            "suffix": f"{base}\n {secret} ",
            "fresh": f"{text} {secret} ",
        }[how]
        note = _note(body, True, s, kind)
        assume(note is not None)
        assert note is not None
        notes.append(note)
    record = ClientRecord(client=_client(), sessions=[_session(1), _session(2)], notes=notes)

    recap = session_recap(record, session, tz=UTC)

    for secret in secrets:
        assert secret not in recap
    for note in shared_notes:
        if note.session_number == session:
            assert md_block(note.text, indent=2) in recap


# ----------------------------------------------------------------- Markdown that cannot break


def _inline_children(src: str) -> list[tuple[str, str]]:
    tokens = MD.parse(src)
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1, src
    return [(c.type, c.content) for c in inline[0].children or []]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_user_text_renders_as_exactly_what_was_typed(text: str) -> None:
    note = _note(text, False, 1, NoteKind.NOTE)  # text as the practice stores it
    assume(note is not None)
    assert note is not None
    line = note.text.replace("\n", " ").strip()  # one line, as md_inline makes it
    children = _inline_children(f"- {md_inline(note.text)}")
    assert {kind for kind, _ in children} <= {"text"}
    assert "".join(content for _, content in children) == line


@pytest.mark.parametrize(
    "text",
    ["# heading", "- item", "1. first", "> quote", "[red]x[/]", "[bold]", "**loud**", "<script>", "`code`", "a | b"],
)
def test_markdown_like_notes_stay_literal_in_a_list_item(text: str) -> None:
    children = _inline_children(f"- {md_inline(text)}")
    assert children == [("text", text)]


def test_multi_line_note_stays_inside_its_list_item() -> None:
    block = md_block("First line\n# not a heading\n\n    not code\n- not a list", indent=2)
    tokens = MD.parse(f"- {block}\n")
    types = [t.type for t in tokens]
    assert types.count("list_item_open") == 1
    assert "heading_open" not in types and "code_block" not in types
    text = " ".join(t.content for t in tokens if t.type == "inline")
    assert "# not a heading" in text and "- not a list" in text and "not code" in text


# ----------------------------------------------------------------- the alliance document


def test_alliance_document_groups_by_category_with_version_and_date(demo_store: PracticeStore) -> None:
    record = _demo_client(demo_store, "Daniel Reyes")
    doc = alliance_document(record, categories=demo_store.categories(), tz=UTC)
    current = record.versions[-1]
    assert doc.startswith("# How we work together: Daniel Reyes\n")
    created = current.created.astimezone(UTC)
    assert f"Version {current.number}, agreed {created.day} {created:%B %Y}" in doc
    headings = [line[3:] for line in doc.splitlines() if line.startswith("## ")]
    # The agreement by category, then what is still to design (Daniel has never designed challenge, say).
    assert headings == [*(c for c, _ in current.by_category(demo_store.categories())), "Not yet designed"]
    assert "- Challenge: how hard to push" in doc and "- Coach's requests" in doc
    for item in current.items:
        assert md_block(item.wording, indent=2) in doc


def test_alliance_document_leaves_reasons_out_unless_asked() -> None:
    item = AllianceItem(category="Permissions", wording="Call me out", reason="He dodged twice")
    record = ClientRecord(client=_client(), versions=[AllianceVersion(number=1, created=T0, items=[item])])
    assert "dodged" not in alliance_document(record, tz=UTC)
    assert "why: He dodged twice" in alliance_document(record, with_reasons=True, tz=UTC)


def test_alliance_document_of_an_earlier_version_says_it_is_earlier(demo_store: PracticeStore) -> None:
    record = _demo_client(demo_store, "Daniel Reyes")
    assert len(record.versions) >= 2
    doc = alliance_document(record, version_number=1, tz=UTC)
    assert "Version 1," in doc
    assert f"the current one is version {record.versions[-1].number}" in doc
    with pytest.raises(NothingToExport, match="not 99"):
        alliance_document(record, version_number=99)


def test_alliance_document_without_an_alliance_is_refused_clearly() -> None:
    with pytest.raises(NothingToExport, match="no alliance recorded yet"):
        alliance_document(ClientRecord(client=_client()))


def test_alliance_document_escapes_the_coachs_words() -> None:
    item = AllianceItem(category="[bold]Own[/]", wording="# Call me out *every* time", requested_by=RequestedBy.CLIENT)
    record = ClientRecord(client=_client("Ann [x]"), versions=[AllianceVersion(number=1, created=T0, items=[item])])
    doc = alliance_document(record, tz=UTC)
    headings = [(t.type, t.tag) for t in MD.parse(doc) if t.type == "heading_open"]
    assert headings == [("heading_open", "h1"), ("heading_open", "h2"), ("heading_open", "h2")]  # + not yet designed
    rendered = MD.render(doc)
    assert "<em>every</em>" not in rendered and "*every*" in rendered
    assert "[bold]Own[/]" in rendered and "Ann [x]" in rendered


# ----------------------------------------------------------------- the hours log


def test_hours_use_real_length_planned_when_open_and_planned_when_runaway() -> None:
    assert session_hours(_session(1, minutes=45)) == pytest.approx(0.75)
    assert session_hours(_session(1, minutes=None, planned=90)) == pytest.approx(1.5)
    assert session_hours(_session(1, minutes=60 * 20, planned=60)) == pytest.approx(1.0)
    assert session_hours(_session(1, minutes=110, planned=60)) == pytest.approx(110 / 60)


def test_hours_log_has_the_icf_columns_and_one_row_per_client() -> None:
    paid = ClientRecord(
        client=_client("Ada Lovelace", contact="ada@example.org"),
        sessions=[_session(1, 60), _session(2, 45), _session(3, None, planned=30)],
    )
    free = ClientRecord(client=_client("Ben Okri", pro_bono=True), sessions=[_session(1, 90, planned=90)])
    nobody = ClientRecord(client=_client("Cy Twombly"))
    rows = list(csv.reader(io.StringIO(hours_log_csv([free, paid, nobody], tz=UTC))))
    assert tuple(rows[0]) == HEADER
    assert rows[1:] == [
        ["Ada Lovelace", "ada@example.org", "Individual", "1", "2026-03-02", "2026-03-16", "3", "2.25", "0.00"],
        ["Ben Okri", "", "Individual", "1", "2026-03-02", "2026-03-02", "1", "0.00", "1.50"],
    ]


def test_clients_who_did_not_consent_are_left_out_or_anonymised() -> None:
    shy = ClientRecord(
        client=_client("Private Person", contact="secret@example.org", in_hours_log=False),
        sessions=[_session(1, 60)],
    )
    open_ = ClientRecord(client=_client("Open Person"), sessions=[_session(1, 60, start=T0 + timedelta(days=1))])
    left_out = hours_log_csv([shy, open_], tz=UTC)
    assert "Private Person" not in left_out and "secret@" not in left_out
    assert len(left_out.strip().splitlines()) == 2
    anonymised = hours_log_csv([shy, open_], anonymise=True, tz=UTC)
    assert "Private Person" not in anonymised and "secret@" not in anonymised
    rows = list(csv.reader(io.StringIO(anonymised)))
    assert rows[1][:2] == ["Client 1", ""] and rows[1][7] == "1.00"
    assert rows[2][0] == "Open Person"


def test_hours_log_period_and_formula_safety() -> None:
    record = ClientRecord(
        client=_client("=HYPERLINK(1)", contact="+44 7700 900123"),
        sessions=[_session(1, 60), _session(2, 60), _session(3, 60)],
    )
    rows = hours_rows([record], since=date(2026, 3, 5), until=date(2026, 3, 12), tz=UTC)
    assert [(r.sessions, r.hours, r.first.isoformat()) for r in rows] == [(1, 1.0, "2026-03-09")]
    cells = list(csv.reader(io.StringIO(hours_log_csv([record], tz=UTC))))[1]
    assert cells[0] == "'=HYPERLINK(1)" and cells[1] == "'+44 7700 900123"


def test_hours_log_of_the_demo_practice_counts_every_session(demo_store: PracticeStore) -> None:
    records = [demo_store.record(s.id) for s in demo_store.summaries()]
    rows = hours_rows(records, tz=UTC)
    assert sum(r.sessions for r in rows) == sum(len(r.sessions) for r in records)
    assert all(r.first <= r.last <= FROZEN_NOW.date() for r in rows)


def _between_sessions_record(*, full_design: bool = False) -> ClientRecord:
    """Intake, a change in session 2, then one saved after session 3 (no session open)."""
    goal = AllianceItem(category="Focus", wording="Leaving law", agreed_in_session=None)
    blunt = AllianceItem(category="Style and tone", wording="Be blunt with me", agreed_in_session=2)
    texts = AllianceItem(category="Between sessions", wording="Text me reminders", agreed_in_session=None)
    day = timedelta(days=1)
    return ClientRecord(
        client=_client(),
        sessions=[_session(n) for n in (1, 2, 3)],
        versions=[
            AllianceVersion(number=1, created=T0 - day, items=[goal]),
            AllianceVersion(number=2, created=T0 + 7 * day, session_number=2, items=[goal, blunt]),
            AllianceVersion(
                number=3, created=T0 + 16 * day, items=[goal, blunt, texts], full_design=full_design, reason="by email"
            ),
        ],
    )


def test_a_version_saved_between_sessions_follows_the_session_before_it() -> None:
    record = _between_sessions_record()
    v1, v2, v3 = record.versions
    assert [record.session_of(v) for v in record.versions] == [0, 2, 3]
    assert record.version_before_session(1) == v1
    assert record.version_before_session(3) == v2, "session 3 began before the change by email"
    assert record.version_before_session(4) == v3


def test_a_recap_sent_long_ago_is_not_rewritten_by_a_later_change() -> None:
    recap = session_recap(_between_sessions_record(), 2, tz=UTC)
    assert "New, Style and tone: Be blunt with me" in recap
    assert "Text me reminders" not in recap
    assert "No longer part of our agreement" not in recap


def test_the_alliance_document_says_an_agreement_made_between_sessions_came_after_session_3() -> None:
    doc = alliance_document(_between_sessions_record(), tz=UTC)
    assert "(after session 3)" in doc.splitlines()[2]
    assert "- Text me reminders\n  *agreed together, after session 3*" in doc
    assert "- Leaving law\n  *agreed together, from the start*" in doc
    assert "- Be blunt with me\n  *agreed together, session 2*" in doc


def test_a_full_design_between_sessions_counts_as_a_revisit() -> None:
    from alliance_tui.models.nudges import NudgeKind, last_revisit_session, revisit_nudges

    record = _between_sessions_record(full_design=True)
    assert last_revisit_session(record) == 3
    later = record.model_copy(update={"sessions": [_session(n) for n in range(1, 8)]})
    (overdue,) = [n for n in revisit_nudges(later, every_sessions=4) if n.kind is NudgeKind.OVERDUE]
    assert "5 sessions since the alliance was last revisited (session 3)" in overdue.text
