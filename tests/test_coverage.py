"""Coverage of the alliance: designed, never designed, gone quiet; and the areas an assessor listens for."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alliance_tui.models.alliance import AllianceVersion, item
from alliance_tui.models.client import Client
from alliance_tui.models.coverage import (
    AREAS,
    Status,
    changed_categories,
    coverage,
    missing_areas,
    say_missing,
    touched_by_versions,
)
from alliance_tui.models.nudges import NudgeKind, nudges_for
from alliance_tui.models.present import Present
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW


def version(number: int, *items: object, full: bool = False) -> AllianceVersion:
    return AllianceVersion(number=number, created=FROZEN_NOW, items=list(items), full_design=full)  # type: ignore[arg-type]


def test_an_area_is_known_by_its_category_its_tag_or_its_own_words() -> None:
    alliance = version(
        1,
        item("Permissions", "Push back when I hedge"),  # challenge, by category
        item("Focus", "Be blunt with me about the plan"),  # direct communication, by its words
        item("Logistics", "Commitments in the shared doc #accountability"),  # by its tag
    )
    missing = {a.name for a in missing_areas(alliance)}
    assert missing == {"think time", "feedback", "contact between sessions"}
    assert say_missing(missing_areas(alliance)).startswith("Not yet designed: think time (silence")
    assert {a.name for a in missing_areas(None)} == {a.name for a in AREAS}
    assert say_missing([]) == ""


def test_each_category_shows_designed_not_yet_designed_or_quiet() -> None:
    alliance = version(
        1, item("Logistics", "Weekly"), item("Focus", "The move"), item("Money", "Fees monthly", agreed_in_session=9)
    )
    touched = {"Logistics": 1, "Focus": 8}
    states = {s.category: s for s in coverage(alliance, ("Logistics", "Focus", "Feedback"), touched, upcoming=10)}
    assert states["Logistics"].status is Status.QUIET and states["Logistics"].words == "not touched for 9 sessions"
    assert states["Focus"].status is Status.DESIGNED and states["Focus"].words.endswith("in session 8")
    assert states["Feedback"].status is Status.NOT_DESIGNED and states["Feedback"].words == "not yet designed"
    # A category only this client has is listed too; untracked, its items' own session stands in.
    assert states["Money"].status is Status.DESIGNED and states["Money"].last_touched == 9


def test_a_version_touches_what_it_changed_and_a_full_design_touches_everything_in_it() -> None:
    tone = item("Style and tone", "Gentle")
    focus = item("Focus", "The move")
    first = version(1, tone, focus)
    reworded = version(2, tone.model_copy(update={"wording": "Direct"}), focus)
    dropped = version(3, focus)
    assert changed_categories(first, reworded) == {"Style and tone"}
    assert changed_categories(reworded, dropped) == {"Style and tone"}
    assert changed_categories(dropped, version(4, focus, full=True)) == {"Focus"}
    sessions = {1: 0, 2: 3, 3: 5}
    touched = dict(touched_by_versions(None, [first, reworded, dropped], lambda v: sessions[v.number]))
    assert touched == {"Style and tone": 5, "Focus": 0}


def test_the_present_keeps_when_each_category_was_touched_after_sessions_are_put_away(data_dir: Path) -> None:
    now = [FROZEN_NOW]
    store = PracticeStore(data_dir, clock=lambda: now[0]).open()
    client = store.add_client("Ana Lima")
    store.adjust_alliance(client.id, [item("Focus", "The move")])
    for n in range(1, 4):
        now[0] += timedelta(days=7)
        session = store.start_session(client.id)
        if n == 2:
            store.add_alliance_item(client.id, "Feedback", "Straight after the session", session_number=n)
        now[0] += timedelta(hours=1)
        store.end_session(client.id, session.id)
    now[0] += timedelta(days=1)
    store.add_alliance_item(client.id, "Think time", "20 seconds")  # after session 3, not yet put away
    present = store.present(client.id)
    assert dict(present.touched) == {"Focus": 0, "Feedback": 2, "Think time": 3}
    whole = Present.of(store.record(client.id))
    assert whole.touched == present.touched
    store.close()


def test_a_nudge_by_session_4_names_the_missing_areas() -> None:
    client = Client(name="Ana Lima", created=FROZEN_NOW)
    missing = ["challenge", "think time"]
    common = {"any_full_design": True, "last_revisit": None, "recent_pauses": ()}
    assert not nudges_for(client, upcoming=3, missing=missing, **common)  # type: ignore[arg-type]
    (nudge,) = nudges_for(client, upcoming=4, missing=missing, **common)  # type: ignore[arg-type]
    assert nudge.kind is NudgeKind.COVERAGE and "never designed: challenge and think time" in nudge.text
    assert not nudges_for(client, upcoming=4, missing=[], **common)  # type: ignore[arg-type]
