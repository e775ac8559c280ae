"""Alliance history: every version in order, and any two compared by symbol and word."""

from __future__ import annotations

from textual.widgets import OptionList

from alliance_tui.models.diff import ChangeKind, diff_versions
from alliance_tui.screens.history import AllianceHistoryScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.version_diff import change_counts

from .conftest import client_id
from .screen_text import make_app, screen_text
from .waits import handled


async def test_every_version_in_order_with_when_which_session_and_why(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.push_screen(AllianceHistoryScreen(client_id(demo_store, "Priya Natarajan")))
        await handled(pilot)
        versions = screen_text(app, "#versions").splitlines()
        listed = [line.strip("▊▎ ") for line in versions if "v" in line and "20" in line]
        assert listed[0].startswith("v1   3 Jul 2026  intake      Agreed at intake")
        assert listed[1].startswith("v2  14 Aug 2026  session 3   ★ full design  Full design of the alliance")
        assert listed[2].startswith("v3  25 Sep 2026  session 6   ★ full design  Moved to monthly")


async def test_reworded_and_removed_items_are_shown_by_symbol_and_word(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceHistoryScreen(client_id(demo_store, "Priya Natarajan")))
        await handled(pilot)
        text = screen_text(app)
        assert "v2 → v3: 1 reworded, 1 removed" in text
        assert "Saved 25 Sep 2026, in session 6. Why: Moved to monthly as she needs less support" in text
        assert "~ reworded Logistics: Monthly, 60 minutes, on video" in text
        assert "was: Fortnightly, 60 minutes, on video" in text
        assert "− removed  Feedback: First celebrate the effort, then say what could be better" in text


async def test_pin_a_base_to_compare_any_two_versions(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceHistoryScreen(client_id(demo_store, "Priya Natarajan")))
        await handled(pilot)
        await pilot.press("up", "up")  # v1
        assert "v1, the first version: 2 added" in screen_text(app)
        await pilot.press("b", "down", "down")  # compare v3 against v1
        await handled(pilot)
        text = screen_text(app)
        assert "◆ base" in text
        assert "v1 → v3: 3 added, 1 reworded" in text
        assert "+ added    Permissions: Challenge me when I put on a smooth veneer" in text
        assert "Feedback" not in screen_text(app, "#diff")  # added then removed: not in either version
        await pilot.press("up", "up", "b")  # unpin on v1
        await pilot.press("down", "down")
        assert "v2 → v3" in screen_text(app)


async def test_side_by_side_and_hiding_unchanged(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.push_screen(AllianceHistoryScreen(client_id(demo_store, "Priya Natarajan")))
        await handled(pilot)
        await pilot.press("u")
        diff = screen_text(app, "#diff")
        assert "Focus:" not in diff and "~ reworded" in diff
        await pilot.press("v")
        await handled(pilot)
        assert app.screen.query_one("#side-by-side").display
        sides = screen_text(app, ".side")
        assert "Version 2" in sides and "Version 3" in sides
        assert "− removed  First celebrate the effort" in sides
        assert "~ reworded Monthly, 60 minutes, on video" in sides
        assert "~ reworded Fortnightly, 60 minutes, on video" in sides


async def test_recategorised_items_say_where_they_came_from(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    current = demo_store.record(cid).current_alliance
    assert current is not None
    moved = [
        i.model_copy(update={"category": "Between sessions"}) if i.category == "Think time" else i
        for i in current.items
    ]
    demo_store.adjust_alliance(cid, moved, reason="It is about between sessions")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceHistoryScreen(cid))
        await handled(pilot)
        text = screen_text(app)
        assert "v2 → v3: 1 moved" in text
        assert "> moved    Between sessions: Give me a minute of quiet" in text
        assert "moved from Think time" in text
        assert "after session 1. Why: It is about between sessions" in text  # saved between sessions


async def test_a_client_without_an_alliance(store: PracticeStore) -> None:
    client = store.add_client("Noor Haddad")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AllianceHistoryScreen(client.id))
        await handled(pilot)
        assert "No versions yet" in screen_text(app)
        assert app.screen.query_one("#versions", OptionList).option_count == 0


def test_change_counts_and_diff_kinds(demo_store: PracticeStore) -> None:
    record = demo_store.record(client_id(demo_store, "Priya Natarajan"))
    _, v2, v3 = record.versions
    changes = diff_versions(v2, v3)
    assert {c.kind for c in changes} == {ChangeKind.REWORDED, ChangeKind.REMOVED, ChangeKind.UNCHANGED}
    assert change_counts(changes) == "1 reworded, 1 removed"
    assert change_counts(diff_versions(v3, v3)) == "no changes"
