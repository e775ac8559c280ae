"""The benchmark keeps working (no timing is asserted), and what it measures is real.

The generated practice must be what the store itself would have written, start-up
must never open a client's file, and the speed-ups it led to must not change
behaviour: the clean-text fast path agrees with the full clean-up, and the
footer shows the same keys as Textual's own.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_tui.bench import generator
from alliance_tui.bench.history import history_spec
from alliance_tui.models.alliance import item
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.notes import NoteKind
from alliance_tui.models.text import _already_clean, _normalise
from alliance_tui.store import PracticeStore
from alliance_tui.store.client_file import ClientFile
from alliance_tui.store.client_records import ClientRecords

from .conftest import FROZEN_NOW

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_prints_a_full_table(tmp_path: Path) -> None:
    rows_file = tmp_path / "rows.json"
    table_file = tmp_path / "table.md"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "alliance_tui.bench",
            "--quick",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--json",
            str(rows_file),
            "--output",
            str(table_file),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| Measure | Practice | Median |" in done.stdout
    rows = json.loads(rows_file.read_text())
    measures = {row["measure"] for row in rows}
    assert {
        "Start-up to painted, idle dashboard",
        "Peak memory at start-up (VmHWM)",
        "Open session screen (cold)",
        "Log a note (returned, fsynced)",
        "Pause clock: recorded vs monotonic (worst)",
        "Practice-wide search, Enter to the last result shown",
        "Longest UI stall while the practice is searched",
    } <= measures
    for row in rows:
        assert isinstance(row["value"], float) and math.isfinite(row["value"]), row
        assert row["ratio"] is None or math.isfinite(row["ratio"]), row
    assert table_file.read_text().count("\n") == len(rows) + 2
    # The practice is cached for the next run, marked complete only once checked.
    assert (tmp_path / "cache" / generator.SMALL.cache_key / generator.COMPLETE_MARK).exists()


def test_bulk_import_writes_what_the_store_writes_call_by_call(tmp_path: Path) -> None:
    clock = [FROZEN_NOW - timedelta(days=30)]
    one_by_one = PracticeStore(tmp_path / "calls", clock=lambda: clock[0]).open()
    client = one_by_one.add_client("Dana Whitfield", think_time_seconds=45)
    one_by_one.adjust_alliance(client.id, [item("Focus", "Find the next role"), item("Logistics", "Weekly")])
    for _ in range(2):
        session = one_by_one.start_session(client.id)
        one_by_one.log_note(client.id, "Said [bold]no[/] to the extra project", session_number=session.number)
        one_by_one.log_note(client.id, "Went well?", kind=NoteKind.REVISIT, session_number=session.number)
        one_by_one.add_alliance_item(client.id, "Feedback", "Straight, please", session_number=session.number)
        commitment = one_by_one.add_commitment(client.id, "Call two recruiters", session_number=session.number)
        one_by_one.record_pause(
            client.id, target_seconds=45, actual_seconds=31.25, started=clock[0], session_number=session.number
        )
        clock[0] += timedelta(days=7)
        one_by_one.check_in(client.id, commitment.id, CommitmentStatus.PARTLY, note="One of two")
        one_by_one.end_session(client.id, session.id)
    record = one_by_one.record(client.id)
    one_by_one.close()

    bulk = PracticeStore(tmp_path / "bulk", clock=lambda: clock[0]).open()
    bulk.import_record(record)
    bulk.close()

    name = f"{client.id}.json"
    written = orjson.loads((tmp_path / "calls" / "clients" / name).read_bytes())
    imported = orjson.loads((tmp_path / "bulk" / "clients" / name).read_bytes())
    assert imported == written
    reopened = PracticeStore(tmp_path / "bulk").open()
    try:
        assert reopened.record(client.id) == record
        assert reopened.summaries() == [s.model_copy() for s in reopened.summaries()]
        assert reopened.summary(client.id).sessions_held == 2
    finally:
        reopened.close()


def test_import_refuses_a_duplicate_name(tmp_path: Path, store: PracticeStore) -> None:
    client = store.add_client("Ola Nilsen")
    record = store.record(client.id)
    other = PracticeStore(tmp_path / "other").open()
    try:
        other.import_record(record)
        with pytest.raises(Exception, match="already"):
            other.import_record(record)
    finally:
        other.close()


def test_generated_practice_opens_without_reading_any_client_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = generator.cached_practice(generator.SMALL, tmp_path)
    assert generator.census(practice) == generator.expected_census(generator.SMALL)

    opened: list[Path] = []
    real_load = ClientFile.load

    def counting_load(self: ClientFile) -> object:
        opened.append(self.path)
        return real_load(self)

    monkeypatch.setattr(ClientFile, "load", counting_load)
    store = PracticeStore(practice, read_only=True).open()
    try:
        summaries = store.summaries(include_archived=True)
        assert len(summaries) == generator.SMALL.clients
        assert sum(not s.archived for s in summaries) == generator.SMALL.active
        assert store.problems == []
        assert opened == []  # the dashboard's index is enough: no client's file was opened
        store.record(summaries[0].id)
        assert len(opened) == 1
    finally:
        store.close()


def test_apportion_keeps_totals_and_minimums() -> None:
    shares = generator.apportion(5_000, [3.0, 1.0, 0.01, 7.5], minimum=3)
    assert sum(shares) == 5_000
    assert min(shares) >= 3
    assert shares[3] > shares[0] > shares[1] > shares[2]


text_samples = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list(" \t\r\n\u00a0\u2028\u2029\u202e\u200d\u0301e\x00\x85")),
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(text_samples, st.booleans())
def test_clean_text_fast_path_agrees_with_the_full_clean_up(text: str, multiline: bool) -> None:
    if _already_clean(text, multiline=multiline):
        assert _normalise(text, multiline=multiline) == text


def test_clean_text_fast_path_takes_ordinary_notes() -> None:
    assert _already_clean("Asked me to be more direct; relieved once he said it.", multiline=False)
    assert _already_clean("Line one\n\nLine three, café", multiline=True)
    assert not _already_clean("trailing space \nnext", multiline=True)
    assert not _already_clean("two\nlines", multiline=False)
    assert not _already_clean(" padded", multiline=True)


def test_only_a_revisit_note_recomputes_the_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PracticeStore(tmp_path / "p", clock=lambda: FROZEN_NOW).open()
    try:
        client = store.add_client("Rui Tavares", programme_sessions=20)
        store.adjust_alliance(client.id, [item("Focus", "Lead the team")], full_design=True, session_number=1)
        for _ in range(6):
            session = store.start_session(client.id)
            store.end_session(client.id, session.id)
        session = store.start_session(client.id)
        assert any("since the alliance was last revisited" in n for n in store.summary(client.id).nudges)
        refreshed: list[str] = []
        real = ClientRecords.refresh_summary

        def counting(self: ClientRecords, client_id: str, **kwargs: bool) -> None:
            refreshed.append(client_id)
            real(self, client_id, **kwargs)

        monkeypatch.setattr(ClientRecords, "refresh_summary", counting)
        before = store.summary(client.id)
        store.log_note(client.id, "Quiet about the board again", session_number=session.number)
        assert refreshed == [] and store.summary(client.id) == before
        store.log_note(client.id, "More challenge, please", kind=NoteKind.REVISIT, session_number=session.number)
        assert refreshed == []  # worked out again when next read, not by the note
        store.summary(client.id)
        assert refreshed == [client.id]
        assert not any("since the alliance was last revisited" in n for n in store.summary(client.id).nudges)
    finally:
        store.close()
    reopened = PracticeStore(tmp_path / "p").open()
    try:
        assert reopened.summary(client.id).nudges == store.summary(client.id).nudges
    finally:
        reopened.close()


def test_a_released_client_is_not_read_again_at_the_next_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PracticeStore(tmp_path / "p", clock=lambda: FROZEN_NOW).open()
    client = store.add_client("Ines Moreau")
    store.log_note(client.id, "A plain note: the summary does not change")
    store.release(client.id)
    opened: list[Path] = []
    real_load = ClientFile.load

    def counting_load(self: ClientFile) -> object:
        opened.append(self.path)
        return real_load(self)

    monkeypatch.setattr(ClientFile, "load", counting_load)
    reopened = PracticeStore(tmp_path / "p", read_only=True).open()
    try:
        assert opened == []
        assert reopened.summary(client.id).name == "Ines Moreau"
    finally:
        reopened.close()
        store.close()


def test_a_start_leaves_the_garbage_collector_as_python_has_it(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from alliance_tui.app import AllianceApp
    from alliance_tui.cli import main

    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    monkeypatch.setattr(AllianceApp, "run", lambda self, *a, **k: None)
    demo_store.close()
    assert main(["--data-dir", str(demo_store.data_dir)]) == 0
    assert gc.isenabled()
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == frozen  # nothing retuned or frozen


def test_quick_history_benchmark_ends_with_the_growth_line(tmp_path: Path) -> None:
    """The --history mode runs end to end on a 1-year and a 2-year client; no timing is asserted."""
    import re

    table_file = tmp_path / "history.md"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "alliance_tui.bench",
            "--history",
            "--quick",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--output",
            str(table_file),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    number = r"\d+\.\d\dx"
    assert re.fullmatch(
        rf"history growth 2y/1y: session open {number}, note {number}, check-in {number}, peak memory {number}", last
    ), last
    table = table_file.read_text()
    for path in ("Open the session screen", "Peak memory", "note", "check-in", "pause", "adjustment", "commitment"):
        assert path in table
    assert "session end" in table and "Open the client review" in table
    assert (tmp_path / "cache" / history_spec(2).cache_key / generator.COMPLETE_MARK).exists()
