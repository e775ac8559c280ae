"""The first frame needs only the practice index: no pydantic, no TinyDB, no record models.

The dashboard is drawn from the summaries in practice.json; what validates,
writes and opens clients is imported once it is first needed. These tests hold
that in place (so the gain in start-up time cannot quietly go), and check the
light types that replace the models on that path against the models they
stand in for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from alliance_tui.models.fields import UtcDatetime
from alliance_tui.models.prompts import PromptSet
from alliance_tui.models.settings import PracticeSettings
from alliance_tui.models.settings_doc import PROMPT_SETS, plainly_valid, theme_of
from alliance_tui.models.summary import ClientSummary, InvalidSummary
from alliance_tui.models.timeutil import format_utc, parse_stored_utc
from alliance_tui.store import PracticeStore
from tests.conftest import FROZEN_NOW, client_id, watch_reads

# ----------------------------------------------------------------- the app, started as the benchmark starts it


def first_frame(data_dir: Path, tmp_path: Path) -> dict[str, Any]:
    """Start the app headless (alliance_tui.bench.child, the same start as the command line) and report."""
    result = tmp_path / "result.json"
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL", "PYDANTIC_DISABLE_PLUGINS")}
    env["ALLIANCE_TUI_CONFIG"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-m", "alliance_tui.bench.child", str(result), "alliance", str(data_dir)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, Any] = json.loads(result.read_text())
    return found


def test_the_dashboard_is_drawn_without_pydantic_or_tinydb(demo_store: PracticeStore, tmp_path: Path) -> None:
    data_dir = demo_store.data_dir
    demo_store.close()
    assert first_frame(data_dir, tmp_path)["loaded_at_first_frame"] == []


def test_saved_settings_do_not_bring_pydantic_back(demo_store: PracticeStore, tmp_path: Path) -> None:
    demo_store.update_settings(theme="nord", revisit_every_sessions=6)
    demo_store.add_category("Pace")
    demo_store.add_prompt("What should we stop doing?")
    data_dir = demo_store.data_dir
    demo_store.close()
    assert first_frame(data_dir, tmp_path)["loaded_at_first_frame"] == []
    with PracticeStore(data_dir) as again:
        assert again.theme == "nord"
        assert again.settings.revisit_every_sessions == 6
        assert again.categories()[-1] == "Pace"
        assert [p.text for p in again.settings.prompts] == ["What should we stop doing?"]


def test_unusual_settings_are_checked_at_open_as_before(data_dir: Path) -> None:
    with PracticeStore(data_dir) as store:
        store.update_settings(theme="nord")
    index = json.loads(store.practice_path.read_text())
    index["settings"]["1"]["revisit_every_sessions"] = 0  # out of range: refused, its default used
    store.practice_path.write_text(json.dumps(index))
    with PracticeStore(data_dir) as again:
        assert any("how often a revisit is due" in p for p in again.problems)
        assert again.theme == "nord"  # the rest kept
        assert again.settings == PracticeSettings(theme="nord")


def test_one_bad_setting_never_costs_the_coachs_own_questions_and_categories(data_dir: Path) -> None:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        store.add_category("Pace")
        store.add_prompt("What should we stop doing?")
        store.add_prompt("What made today useful?")
    index = json.loads(store.practice_path.read_text())
    stored = index["settings"]["1"]
    stored["revisit_every_sessions"] = 999
    stored["from_elsewhere"] = True
    stored["prompts"][1]["text"] = ""  # one question damaged: only that one is left out
    store.practice_path.write_text(json.dumps(index))
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as again:
        (problem,) = [p for p in again.problems if "Practice settings" in p]
        assert "how often a revisit is due" in problem and "'from_elsewhere'" in problem
        assert "your revisit question 2" in problem and "everything else was kept" in problem
        aside = next(data_dir.glob("practice.json.settings-*"))
        assert aside.name in problem
        assert json.loads(aside.read_text()) == stored, "the settings as they were, kept before anything replaces them"
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW + timedelta(minutes=5)) as opened_again:
        assert any(aside.name in p for p in opened_again.problems)  # the copy kept before stands
        assert list(data_dir.glob("practice.json.settings-*")) == [aside], "no new copy at each start"
        opened_again.update_settings(theme="dracula")  # any change saves what was salvaged, not the defaults
    with PracticeStore(data_dir) as later:
        assert later.problems == []
        assert later.categories()[-1] == "Pace"
        assert [p.text for p in later.settings.prompts] == ["What should we stop doing?"]
        assert later.settings.revisit_every_sessions == PracticeSettings().revisit_every_sessions
        assert later.theme == "dracula"


def test_settings_that_are_not_a_record_are_all_defaults_and_a_read_only_window_writes_no_copy(data_dir: Path) -> None:
    with PracticeStore(data_dir) as store:
        store.add_category("Pace")
    index = json.loads(store.practice_path.read_text())
    index["settings"]["1"] = {"categories": "Pace"}
    store.practice_path.write_text(json.dumps(index))
    with PracticeStore(data_dir) as holder, PracticeStore(data_dir) as reader:
        assert holder.settings == PracticeSettings() and reader.read_only
        assert any("your categories" in p and "read-only" in p for p in reader.problems)
    assert len(list(data_dir.glob("practice.json.settings-*"))) == 1  # the writable window's copy only


def test_an_index_entry_in_another_form_is_read_again_from_the_clients_file(data_dir: Path) -> None:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        store.add_client("Ana Lima")
        ana = client_id(store, "Ana Lima")
        store.start_session(ana)
    index = json.loads(store.practice_path.read_text())
    entry = next(doc for doc in index["clients"].values() if doc["summary"]["id"] == ana)
    entry["summary"]["sessions_held"] = "1"  # text where a number belongs
    store.practice_path.write_text(json.dumps(index))
    with PracticeStore(data_dir) as again:
        assert again.summary(ana).sessions_held == 1
    rewritten = json.loads(store.practice_path.read_text())
    assert any(doc["summary"]["sessions_held"] == 1 for doc in rewritten["clients"].values())


def test_the_first_write_reuses_the_parse_made_at_open(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        store.add_client("Ana Lima")
    read = watch_reads(monkeypatch)
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as again:
        again.add_client("Bo Chen")
        again.update_settings(theme="nord")
    assert read.count(data_dir / "practice.json") == 1
    with PracticeStore(data_dir) as third:
        assert [s.name for s in third.summaries()] == ["Ana Lima", "Bo Chen"]
        assert third.theme == "nord"


# ----------------------------------------------------------------- ClientSummary against the model it replaced


class ReferenceSummary(BaseModel):
    """ClientSummary as it was (pydantic): what the index has always held."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    archived: bool = False
    programme_sessions: int = 12
    sessions_held: int = 0
    last_session_at: UtcDatetime | None = None
    open_commitments: int = 0
    hours_held: float = 0.0
    pro_bono: bool = False
    nudges: list[str] = Field(default_factory=list)
    problem: str = ""
    emails: list[str] = Field(default_factory=list)


times = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.sampled_from([UTC])
) | st.datetimes(
    min_value=datetime(1900, 1, 1),
    max_value=datetime(2200, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5))]),
)
summaries = st.builds(
    ClientSummary,
    id=st.text(min_size=1, max_size=40),
    name=st.text(max_size=80),
    archived=st.booleans(),
    programme_sessions=st.integers(-(2**40), 2**40),
    sessions_held=st.integers(0, 10_000),
    last_session_at=st.none() | times,
    open_commitments=st.integers(0, 500),
    hours_held=st.floats(0, 10_000, allow_nan=False),
    pro_bono=st.booleans(),
    nudges=st.lists(st.text(max_size=60), max_size=4),
    problem=st.text(max_size=60),
    emails=st.lists(st.text(max_size=40), max_size=3).map(tuple),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(summaries)
def test_a_summary_reads_back_from_the_index_as_written(summary: ClientSummary) -> None:
    entry = json.loads(json.dumps(summary.to_index()))
    assert ClientSummary.from_index(entry) == summary
    # ... and it is what the pydantic model wrote and reads.
    reference = ReferenceSummary.model_validate(entry)
    assert reference.model_dump(mode="json") == entry
    assert list(reference.model_dump(mode="json")) == list(entry)  # same keys, same order: same bytes


@settings(max_examples=300, deadline=None)
@given(summaries, st.sampled_from(sorted(ReferenceSummary.model_fields)) | st.just("surprise"), json_values)
def test_an_entry_read_from_the_index_is_one_the_model_accepts_unchanged(
    summary: ClientSummary, field: str, value: object
) -> None:
    entry = summary.to_index()
    entry[field] = value
    try:
        light = ClientSummary.from_index(entry)
    except InvalidSummary:
        return  # refused: that client is read again from their own file
    reference = ReferenceSummary.model_validate(entry)  # never refuses what the light read accepts
    assert light.to_index() == reference.model_dump(mode="json") == entry


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sessions_held", "3"),
        ("sessions_held", True),
        ("archived", 1),
        ("last_session_at", "2026-11-20T09:00:00+00:00"),
        ("last_session_at", "2026-11-20T09:00:00.000000"),
        ("nudges", "revisit"),
        ("nudges", [1]),
        ("extra", 1),
    ],
)
def test_an_entry_in_another_form_is_refused(field: str, value: object) -> None:
    entry = ClientSummary(id="a1", name="Ana", last_session_at=FROZEN_NOW).to_index()
    entry[field] = value
    with pytest.raises(InvalidSummary):
        ClientSummary.from_index(entry)


def test_a_summary_is_immutable_and_copies_with_changes() -> None:
    summary = ClientSummary(id="a1", name="Ana", nudges=["Revisit"])
    with pytest.raises(AttributeError):
        summary.name = "Bo"  # type: ignore[misc]
    marked = summary.model_copy(update={"problem": "cannot be read"})
    assert (marked.problem, summary.problem, marked.revisit_due) == ("cannot be read", "", True)


@given(times)
def test_stored_times_parse_back_exactly(when: datetime) -> None:
    text = format_utc(when)
    assert parse_stored_utc(text) == when
    assert parse_stored_utc(text.replace("Z", "+00:00")) is None


# ----------------------------------------------------------------- settings read without pydantic


def test_the_prompt_sets_known_to_the_light_check_are_the_models() -> None:
    assert set(PROMPT_SETS) == {p.value for p in PromptSet}


labels = st.text(max_size=40) | st.sampled_from(["Pace", " Pace", "Pace\n", "", "x" * 201, "e\u0301", "\u202e"])
prompt_docs = st.fixed_dictionaries(
    {"id": st.text(max_size=70), "text": labels},
    optional={"prompt_set": st.sampled_from([*PROMPT_SETS, "other"]), "extra": st.just(1)},
)
settings_docs = st.fixed_dictionaries(
    {},
    optional={
        "revisit_every_sessions": st.integers(-2, 60) | st.just(True) | st.just(4.0) | st.just("4"),
        "theme": st.text(max_size=70) | st.just(None),
        "categories": st.lists(labels, max_size=3) | st.just("Pace"),
        "prompts": st.lists(prompt_docs, max_size=2),
        "calendar_matches": st.dictionaries(st.text(max_size=30), st.text(max_size=70), max_size=2) | json_values,
        "intake_questions": st.lists(
            st.fixed_dictionaries(
                {
                    "key": st.sampled_from(["purpose", "a1", "A", "x\n", "9a", "ok_2"]),
                    "category": labels,
                    "text": labels,
                },
                optional={"extra": st.just(1)},
            ),
            max_size=2,
        ),
        "surprise": json_values,
    },
)


@settings(max_examples=400, deadline=None)
@given(settings_docs)
def test_settings_read_without_pydantic_are_settings_pydantic_keeps_unchanged(doc: dict[str, Any]) -> None:
    if not plainly_valid(doc):
        return  # validated in full when the practice opens, as ever
    validated = PracticeSettings.model_validate(doc)
    assert validated.theme == theme_of(doc)
    expected = PracticeSettings().model_dump(mode="json") | doc
    expected["prompts"] = [{"prompt_set": "own"} | p for p in expected["prompts"]]  # the one default a prompt has
    assert validated.model_dump(mode="json") == expected


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 52),
    st.text(max_size=64),
    st.lists(st.sampled_from(["Pace", "Feedback style", "Silence", "Étude"]), max_size=3),
)
def test_settings_as_the_store_writes_them_are_read_without_pydantic(every: int, theme: str, cats: list[str]) -> None:
    written = PracticeSettings(revisit_every_sessions=every, theme=theme, categories=cats).model_dump(mode="json")
    assert plainly_valid(json.loads(json.dumps(written)))


def test_invalid_settings_are_never_read_without_pydantic() -> None:
    for doc in ({"revisit_every_sessions": 0}, {"theme": "x" * 65}, {"categories": [""]}, {"other": 1}):
        assert not plainly_valid(doc)
        with pytest.raises(ValidationError):
            PracticeSettings.model_validate(doc)
