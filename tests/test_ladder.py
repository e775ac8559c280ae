"""The success ladder: set in the client's words, each session marked, shown, exported and kept."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

from alliance_tui.exports.alliance_doc import alliance_document
from alliance_tui.exports.recap import session_recap
from alliance_tui.models.alliance import item
from alliance_tui.models.ladder import Landing, describe_landings, landing_chart, next_landing, parse_ladder
from alliance_tui.models.text import TextRefused
from alliance_tui.models.undo import Added, Changed
from alliance_tui.store import PracticeStore
from alliance_tui.store.backup import read_backup, restore_backup, write_backup
from alliance_tui.store.ladders import set_ladder

from .conftest import FROZEN_NOW


def test_a_ladder_line_reads_three_rungs_and_refuses_nothing_or_too_much() -> None:
    assert parse_ladder(" lands the job | two offers |  picks among three ") == (
        "lands the job",
        "two offers",
        "picks among three",
    )
    assert parse_ladder("just good") == ("just good", "", "")
    with pytest.raises(TextRefused, match="three parts"):
        parse_ladder("a | b | c | d")
    with pytest.raises(TextRefused, match="good"):
        parse_ladder(" | | ")


def test_one_key_climbs_the_ladder_then_below_good_then_no_mark() -> None:
    seen = [None]
    for _ in range(5):
        seen.append(next_landing(seen[-1]))
    assert seen == [None, Landing.GOOD, Landing.GREAT, Landing.AMAZING, Landing.BELOW, None]


def test_the_chart_puts_each_mark_on_its_rung_and_fits_80_columns() -> None:
    marks = [(n, [Landing.GOOD, None, Landing.AMAZING, Landing.BELOW][n % 4]) for n in range(1, 41)]
    rows = landing_chart(marks)
    assert all(len(row) <= 80 for row in rows)
    amazing = next(r for r in rows if r.strip().startswith("amazing"))
    below = next(r for r in rows if r.strip().startswith("below good"))
    # The latest 16 sessions: 25 to 40. S26 (26 % 4 == 2) is amazing, S27 below good, in columns 2 and 3.
    column = rows[0].index("│") + 1
    assert amazing[column + 4 : column + 8] == " ●  " and below[column + 8 : column + 11] == " ● "
    assert rows[-1].split()[0] == "S25" and rows[-1].split()[-1] == "S40"
    assert rows[-1].index("S26") == column + 4  # each label under its column
    assert describe_landings([(1, Landing.GOOD), (2, None), (3, Landing.GREAT)]).startswith("2 of 3 sessions")
    assert "No session marked" in describe_landings([(1, None)])


def test_the_ladder_is_set_then_changed_in_place_and_undone_step_by_step(store: PracticeStore) -> None:
    client = store.add_client("Ana Lima")
    first, before = set_ladder(store, client.id, "a clear plan", "", "", session_number=1)
    assert before is None and store.present(client.id).ladder == first
    changed, before = set_ladder(store, client.id, "a clear plan", "the plan in motion", "she leads it")
    assert before == first and changed.id == first.id and changed.set_in_session == 1
    assert store.present(client.id).ladder == changed
    present = store.data_dir / "clients" / f"{client.id}.json"
    written = present.read_bytes()
    assert set_ladder(store, client.id, *changed.as_line().split(" | ")) == (changed, changed)
    assert present.read_bytes() == written  # the same words again: nothing written
    store.undo(Changed("Success ladder changed", client.id, "ladders", before))
    assert store.present(client.id).ladder == first
    store.undo(Added("Success ladder set", client.id, "ladders", first.id))
    assert store.present(client.id).ladder is None


def test_marks_and_ladder_survive_the_session_being_put_away_a_reopen_and_a_backup(
    store: PracticeStore, data_dir: Path, tmp_path: Path
) -> None:
    client = store.add_client("Ana Lima")
    set_ladder(store, client.id, "a clear plan", "the plan in motion", "she leads it")
    for landed in (Landing.GOOD, Landing.AMAZING):
        session = store.start_session(client.id)
        store.update_session(client.id, session.id, landed=landed)
        store.end_session(client.id, session.id)
        store.put_away_ended(client.id)  # as the app does once the end is on screen
    store.adjust_alliance(client.id, [item("Focus", "Her next role")])
    assert (data_dir / "clients" / client.id / "0001.json").exists()  # the first session was put away
    store.close()
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as again:
        record = again.record(client.id)
        assert [s.landed for s in record.sessions] == [Landing.GOOD, Landing.AMAZING]
        assert again.present(client.id).ladder is not None
        backup = tmp_path / "backup.json"
        write_backup(again, backup, now=FROZEN_NOW)
    restore_backup(tmp_path / "restored", read_backup(backup), now=FROZEN_NOW)
    with PracticeStore(tmp_path / "restored", clock=lambda: FROZEN_NOW) as restored:
        record = restored.record(client.id)
        assert [s.landed for s in record.sessions] == [Landing.GOOD, Landing.AMAZING]
        assert record.ladders[0].amazing == "she leads it"
        recap = session_recap(record, 2, tz=UTC)
        assert "## Where this session landed\n\n- Amazing: she leads it" in recap
        assert "- Good: a clear plan" in session_recap(record, 1, tz=UTC)
        doc = alliance_document(record, tz=UTC)
        assert "## What success looks like" in doc and "- **Great**: the plan in motion" in doc
