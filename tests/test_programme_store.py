"""Programmes, renewal, contacts between sessions and revisit drafts, at the store (no screens)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from alliance_tui.models.alliance import item
from alliance_tui.models.contacts import Channel, StartedBy, pace_note
from alliance_tui.models.programme import current_programme, current_programme_number, in_programme
from alliance_tui.models.revisit import Decision, ItemDecision
from alliance_tui.models.undo import Added
from alliance_tui.store import InvalidInput, PracticeStore
from alliance_tui.store.backup import read_backup, restore_backup, write_backup
from alliance_tui.store.contacts import contacts_since_last_session, log_contact
from alliance_tui.store.programmes import programmes, renew_programme, restore_programmes
from alliance_tui.store.revisits import finish_revisit, revisit_draft, save_revisit_draft, start_revisit


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path):
    s = PracticeStore(tmp_path / "p", clock=Clock()).open()
    yield s
    s.close()


def _hold(store: PracticeStore, client_id: str, count: int) -> None:
    for _ in range(count):
        session = store.start_session(client_id)
        store.log_note(client_id, "worked", session_number=session.number)
        store.end_session(client_id, session.id)
        store.put_away_ended(client_id)


def test_a_client_who_never_renewed_is_in_programme_one(store):
    client = store.add_client("Ana Lima", programme_sessions=6)
    assert current_programme_number(store.present(client.id).programmes) == 1
    assert store.present(client.id).programme.planned_sessions == 6
    assert [p.number for p in programmes(store, client.id)] == [1]


def test_renewal_closes_the_programme_and_counts_sessions_within_the_next(store):
    client = store.add_client("Ana Lima", programme_sessions=3)
    _hold(store, client.id, 3)
    assert any("last" in n or "past" in n for n in store.summary(client.id).nudges)
    closed, opened = renew_programme(
        store, client.id, planned_sessions=8, focus="Leading the new team", closing_summary="Found her voice"
    )
    assert (closed.number, closed.last_session, closed.closing_summary) == (1, 3, "Found her voice")
    assert (opened.number, opened.first_session, opened.planned_sessions) == (2, 4, 8)
    present = store.present(client.id)
    assert present.in_programme(present.next_session_number) == (1, 8)
    assert not any("programme" in n for n in store.summary(client.id).nudges)
    summary = store.summary(client.id)
    assert summary.programme_sessions == 8 and summary.sessions_held == 3
    _hold(store, client.id, 1)
    present = store.present(client.id)
    assert present.session is not None and present.session.number == 4  # numbers stay global
    assert present.in_programme(4) == (1, 8)
    assert in_programme(present.programmes, 2, present.client) == (2, 3)
    assert store.present(client.id).hours_held == pytest.approx(store.record(client.id).sessions[0].hours * 4, rel=0.01)


def test_renewal_survives_a_reopen_and_is_undone_whole(store, tmp_path):
    client = store.add_client("Ana Lima", programme_sessions=3)
    _hold(store, client.id, 2)
    before = store.present(client.id).programmes
    renew_programme(store, client.id, planned_sessions=5)
    store.close()
    again = PracticeStore(tmp_path / "p").open()
    try:
        assert current_programme(again.present(client.id).programmes).number == 2
        restore_programmes(again, client.id, before, 3)
        assert current_programme_number(again.present(client.id).programmes) == 1
        assert again.present(client.id).client.programme_sessions == 3
    finally:
        again.close()


def test_renewal_refused_while_a_session_is_open(store):
    client = store.add_client("Ana Lima")
    store.start_session(client.id)
    with pytest.raises(InvalidInput, match="still open"):
        renew_programme(store, client.id, planned_sessions=6)


def test_contacts_stay_in_the_present_until_the_next_session_ends(store):
    client = store.add_client("Ana Lima")
    _hold(store, client.id, 1)
    contact = log_contact(store, client.id, "Asked about the offsite", channel=Channel.EMAIL)
    log_contact(store, client.id, "Checked the date", started_by=StartedBy.COACH, private=False)
    assert [c.note for c in contacts_since_last_session(store, client.id)] == [
        "Asked about the offsite",
        "Checked the date",
    ]
    assert store.present(client.id).sessions_held == 1  # never a session
    store.undo(Added("Contact", client.id, "contacts", contact.id))
    assert len(contacts_since_last_session(store, client.id)) == 1
    hours = store.present(client.id).hours_held
    _hold(store, client.id, 1)
    assert contacts_since_last_session(store, client.id) == ()
    assert store.present(client.id).hours_held > hours
    whole = store.record(client.id)
    assert [c.note for c in whole.contacts] == ["Checked the date"]
    assert '"contacts"' in (store.client_path(client.id).with_suffix("") / "0002.json").read_text()


def test_pace_note_is_quiet_until_the_agreed_number_is_passed(store):
    client = store.add_client("Ana Lima")
    _hold(store, client.id, 2)
    for text in ("one", "two", "three"):
        log_contact(store, client.id, text)
    contacts = contacts_since_last_session(store, client.id)
    assert pace_note(contacts, 0, 2) == ""
    assert pace_note(contacts, 3, 2) == ""
    assert "more than the 2 contacts" in pace_note(contacts, 2, 2)


def test_a_revisit_is_resumed_and_ends_in_one_version_with_reasons_and_answers(store, tmp_path):
    client = store.add_client("Ana Lima")
    first = item("Style and tone", "Be gentle")
    second = item("Feedback", "Celebrate first")
    third = item("Logistics", "Weekly calls")
    store.adjust_alliance(client.id, [first, second, third])
    draft = start_revisit(store, client.id)
    assert revisit_draft(store, client.id) is None  # nothing written until a decision
    draft = draft.decide(
        ItemDecision(
            item_id=first.id,
            decision=Decision.CHANGE,
            category=first.category,
            wording="Be direct with me",
            reason="She asked for more challenge",
        )
    )
    save_revisit_draft(store, client.id, draft)
    draft = draft.decide(
        ItemDecision(
            item_id=third.id,
            decision=Decision.DROP,
            category=third.category,
            wording=third.wording,
            reason="Fortnightly now",
        )
    )
    save_revisit_draft(store, client.id, draft.answer("well", "The pauses"))
    store.close()
    again = PracticeStore(tmp_path / "p").open()
    try:
        resumed = revisit_draft(again, client.id)
        assert resumed is not None and resumed.answer_to("well") == "The pauses"
        assert [i.id for i in resumed.undecided([first, second, third])] == [second.id]
        resumed = resumed.add(item("Between sessions", "A question by email now and then"))
        version = finish_revisit(again, client.id, resumed)
        assert version.revisit and version.number == 2
        assert [i.wording for i in version.items] == [
            "Be direct with me",
            "Celebrate first",
            "A question by email now and then",
        ]
        reasons = {d.wording: (d.decision, d.reason) for d in version.decisions}
        assert reasons["Weekly calls"] == (Decision.DROP, "Fortnightly now")
        assert reasons["Celebrate first"][0] is Decision.KEEP
        assert [a.answer for a in version.answers] == ["The pauses"]
        assert revisit_draft(again, client.id) is None
        assert again.present(client.id).last_revisit == 0
        stored = again.versions(client.id)[-1]
        assert stored.decisions == version.decisions and stored.answers == version.answers
        # the next insert after the whole-table write does not reuse a document id
        again.add_alliance_item(client.id, "Focus", "Her promotion")
        assert [v.number for v in again.versions(client.id)] == [1, 2, 3]
    finally:
        again.close()


def test_backup_and_restore_keep_programmes_contacts_and_a_revisit_left_half_way(store, tmp_path):
    client = store.add_client("Ana Lima", programme_sessions=2)
    _hold(store, client.id, 2)
    renew_programme(store, client.id, planned_sessions=4, focus="Next chapter")
    log_contact(store, client.id, "Sent the article", channel=Channel.PORTAL)
    _hold(store, client.id, 1)
    log_contact(store, client.id, "Asked to move the call")
    first = item("Focus", "Her promotion")
    store.adjust_alliance(client.id, [first])
    draft = start_revisit(store, client.id).decide(
        ItemDecision(item_id=first.id, decision=Decision.KEEP, category="Focus", wording=first.wording)
    )
    save_revisit_draft(store, client.id, draft)
    target = tmp_path / "backup.json"
    write_backup(store, target, now=datetime(2026, 4, 1, tzinfo=UTC))
    store.close()
    restore_backup(tmp_path / "restored", read_backup(target), now=datetime(2026, 4, 1, tzinfo=UTC))
    restored = PracticeStore(tmp_path / "restored").open()
    try:
        assert [p.number for p in restored.present(client.id).programmes] == [1, 2]
        assert [c.note for c in restored.record(client.id).contacts] == ["Sent the article", "Asked to move the call"]
        assert [c.note for c in contacts_since_last_session(restored, client.id)] == ["Asked to move the call"]
        resumed = revisit_draft(restored, client.id)
        assert resumed is not None and resumed.decisions == draft.decisions
    finally:
        restored.close()


def test_the_hours_log_counts_every_session_across_programmes_and_no_contact(store):
    from alliance_tui.exports.hours import hours_rows

    client = store.add_client("Ana Lima", programme_sessions=2)
    _hold(store, client.id, 2)
    renew_programme(store, client.id, planned_sessions=3)
    log_contact(store, client.id, "A question by email")
    _hold(store, client.id, 2)
    log_contact(store, client.id, "Another")
    (row,) = hours_rows([store.record(client.id)])
    sessions = store.record(client.id).sessions
    assert row.sessions == 4 == len(sessions) and [s.number for s in sessions] == [1, 2, 3, 4]
    assert row.hours == pytest.approx(round(sum(s.hours for s in sessions), 2))
    assert store.summary(client.id).held_in_programme == 2 and store.summary(client.id).sessions_held == 4
