"""Every revisit nudge rule, at its edges, computed from a client's history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from alliance_tui.models.alliance import AllianceItem, AllianceVersion
from alliance_tui.models.client import Client
from alliance_tui.models.coverage import AREAS
from alliance_tui.models.notes import Note, NoteKind
from alliance_tui.models.nudges import NudgeKind, revisit_nudges
from alliance_tui.models.pauses import PauseRecord
from alliance_tui.models.record import ClientRecord
from alliance_tui.models.session import Session

from .conftest import FROZEN_NOW


def record(
    *,
    held: int,
    programme: int = 12,
    designs: tuple[int, ...] = (),
    revisit_notes: tuple[int, ...] = (),
    pauses: tuple[float, ...] = (),
    think_time: int = 30,
    archived: bool = False,
    open_session: bool = False,
    covered: bool = True,
) -> ClientRecord:
    """A client who has held `held` sessions, with full designs in the given sessions."""
    client = Client(
        name="Alex Morgan",
        created=FROZEN_NOW,
        programme_sessions=programme,
        think_time_seconds=think_time,
        archived=archived,
    )
    start = FROZEN_NOW - timedelta(days=7 * (held + 1))
    sessions = [
        Session(
            number=n,
            started=start + timedelta(days=7 * n),
            ended=None if open_session and n == held else start + timedelta(days=7 * n, hours=1),
        )
        for n in range(1, held + 1)
    ]
    items = [AllianceItem(category="Focus", wording="What we work on")]
    if covered:  # every area an assessor listens for has an agreement: no coverage nudge
        items += [AllianceItem(category=area.category, wording=f"About {area.name}") for area in AREAS]
    versions = [AllianceVersion(number=1, created=start, items=items)]
    versions += [
        AllianceVersion(number=k + 2, created=start, session_number=s, full_design=True, items=items)
        for k, s in enumerate(designs)
    ]
    notes = [
        Note(text="How is it going?", kind=NoteKind.REVISIT, created=start, session_number=s) for s in revisit_notes
    ]
    pause_records = [
        PauseRecord(target_seconds=think_time, actual_seconds=a, started=start, session_number=max(1, held))
        for a in pauses
    ]
    return ClientRecord(client=client, versions=versions, sessions=sessions, notes=notes, pauses=pause_records)


def kinds(rec: ClientRecord, every: int = 4) -> list[NudgeKind]:
    return [n.kind for n in revisit_nudges(rec, every)]


# --- no full design yet, and the client has reached session 3 or 4 ---------------


@pytest.mark.parametrize("held", [0, 1])
def test_no_first_design_nudge_before_session_3(held: int) -> None:
    assert NudgeKind.FIRST_DESIGN not in kinds(record(held=held))


@pytest.mark.parametrize("held", [2, 3, 6])
def test_first_design_nudge_from_session_3_without_a_full_design(held: int) -> None:
    nudges = revisit_nudges(record(held=held))
    assert [n.kind for n in nudges] == [NudgeKind.FIRST_DESIGN]
    assert f"session {held + 1}" in nudges[0].text
    assert "No full design" in nudges[0].text


def test_first_design_nudge_gone_once_the_alliance_is_fully_designed() -> None:
    assert kinds(record(held=3, designs=(3,))) == []


def test_open_session_counts_as_the_session_being_held() -> None:
    # Two sessions held plus the third open now: the nudge speaks of session 3.
    nudges = revisit_nudges(record(held=3, open_session=True))
    assert "session 3" in nudges[0].text


# --- N sessions since the last revisit (N configurable, default 4) ----------------


def test_overdue_after_the_default_four_sessions() -> None:
    assert NudgeKind.OVERDUE not in kinds(record(held=4, designs=(2,)))  # session 5 next: 3 since
    nudges = revisit_nudges(record(held=5, designs=(2,)))  # session 6 next: 4 since
    assert [n.kind for n in nudges] == [NudgeKind.OVERDUE]
    assert nudges[0].text == "4 sessions since the alliance was last revisited (session 2)."


@pytest.mark.parametrize(("every", "due"), [(2, True), (3, True), (4, False), (6, False)])
def test_overdue_interval_is_configurable(every: int, due: bool) -> None:
    rec = record(held=4, designs=(2,))  # session 5 next, 3 since the design
    assert (NudgeKind.OVERDUE in kinds(rec, every)) is due


def test_a_revisit_conversation_resets_the_count() -> None:
    rec = record(held=7, designs=(2,), revisit_notes=(6,))
    assert NudgeKind.OVERDUE not in kinds(rec)
    assert NudgeKind.OVERDUE in kinds(record(held=7, designs=(2,)))


# --- the programme's last session, or past its end (a renewal) --------------------


def test_programme_end_at_the_last_session() -> None:
    nudges = revisit_nudges(record(held=5, programme=6, designs=(3,)))
    assert [n.kind for n in nudges] == [NudgeKind.PROGRAMME_END]
    assert "Session 6 is the last of the 6-session programme" in nudges[0].text


def test_programme_end_past_the_end_speaks_of_renewal() -> None:
    nudges = revisit_nudges(record(held=7, programme=6, designs=(3, 6)))
    assert [n.kind for n in nudges] == [NudgeKind.PROGRAMME_END]
    assert "past the end" in nudges[0].text and "renewed" in nudges[0].text


def test_no_programme_end_nudge_before_the_last_session() -> None:
    assert NudgeKind.PROGRAMME_END not in kinds(record(held=4, programme=6, designs=(3,)))


# --- the agreed think time no longer fits ------------------------------------------


def test_think_time_nudge_when_the_last_five_pauses_run_well_under() -> None:
    rec = record(held=4, designs=(3,), think_time=45, pauses=(40, 30, 20, 18, 15, 14, 12))
    nudges = revisit_nudges(rec)
    assert [n.kind for n in nudges] == [NudgeKind.THINK_TIME]
    assert "last 5 pauses all ran under half the agreed 45 s" in nudges[0].text
    assert "median 15 s" in nudges[0].text


def test_no_think_time_nudge_when_one_recent_pause_reaches_half() -> None:
    rec = record(held=4, designs=(3,), think_time=30, pauses=(10, 12, 15, 9, 11))
    assert NudgeKind.THINK_TIME not in kinds(rec)  # 15 s is not under half of 30 s


def test_no_think_time_nudge_with_too_few_pauses() -> None:
    rec = record(held=4, designs=(3,), think_time=30, pauses=(5, 5, 5, 5))
    assert NudgeKind.THINK_TIME not in kinds(rec)


# --- together, and never for archived clients ---------------------------------------


def test_several_nudges_can_be_due_at_once() -> None:
    rec = record(held=7, programme=8, pauses=(3, 3, 3, 3, 3))
    assert kinds(rec) == [NudgeKind.FIRST_DESIGN, NudgeKind.PROGRAMME_END, NudgeKind.THINK_TIME]


def test_archived_clients_are_never_nudged() -> None:
    assert kinds(record(held=7, programme=8, archived=True, pauses=(3, 3, 3, 3, 3))) == []


def test_demo_practice_nudges_match_each_client_s_story(demo_store) -> None:  # type: ignore[no-untyped-def]
    by_name = {s.name: s for s in demo_store.summaries()}
    assert by_name["Maya Okafor"].nudges == []
    assert by_name["Daniel Reyes"].nudges[0].startswith("No full design of the alliance yet")
    assert "last of the 8-session programme" in by_name["Priya Natarajan"].nudges[0]
    assert "does 45 s still fit?" in by_name["Sofia Lindqvist"].nudges[0]
    assert by_name["Tom Becker"].nudges == []
