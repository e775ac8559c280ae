"""Renewal from the review: a revisit offered first, the summary and the next length, the comparison, undo."""

from __future__ import annotations

from alliance_tui.app import AllianceApp
from alliance_tui.models.programme import current_programme
from alliance_tui.screens.renewal import RenewalScreen
from alliance_tui.screens.revisit import RevisitScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW, client_id
from .screen_text import screen_text
from .waits import until


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


async def test_renewal_offers_a_revisit_renews_compares_and_is_undone(demo_store: PracticeStore) -> None:
    priya = client_id(demo_store, "Priya Natarajan")
    held = demo_store.present(priya).sessions_held
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_review(priya)
        await until(pilot, lambda: "Priya" in screen_text(app), "the review")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, RenewalScreen), "the renewal screen")
        await until(pilot, lambda: "against programme 1's start" in screen_text(app), "the comparison")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, RevisitScreen), "the revisit offered first")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RenewalScreen), "back to the renewal")
        await pilot.press(*"Found her voice with the board", "tab", "ctrl+u", *"6", "tab", *"Leading the merger")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Renewed: programme 1 closed" in screen_text(app), "the renewal said")
        present = demo_store.present(priya)
        programme = current_programme(present.programmes, present.client)
        assert (programme.number, programme.first_session, programme.planned_sessions) == (2, held + 1, 6)
        assert programme.focus == "Leading the merger"
        assert present.programmes[0].closing_summary == "Found her voice with the board"
        assert demo_store.summary(priya).held_in_programme == 0
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "Undone: the renewal" in screen_text(app), "the undo said")
        assert current_programme(demo_store.present(priya).programmes).number == 1
        assert demo_store.summary(priya).programme_sessions == 8
