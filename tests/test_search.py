"""Search across one client's notes and across the practice; a result opens where it was written."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from alliance_tui.models.search import newest_first, search_record
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.screens.search import SearchScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.result_list import ResultList

from .conftest import FROZEN_NOW, client_id
from .screen_text import make_app, screen_text
from .waits import handled, until


async def settle(pilot: Pilot[None]) -> None:
    """Let the background search finish and its results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await handled(pilot)
    await handled(pilot)


def test_search_finds_every_word_in_notes_commitments_agreements_and_discovery(demo_store: PracticeStore) -> None:
    record = demo_store.record(client_id(demo_store, "Daniel Reyes"))
    hits = search_record(record, "PORTFOLIO")
    assert [(h.session_number, h.where) for h in hits] == [
        (3, "commitment, open"),  # made just after the note: newest first
        (3, "shared note"),
    ]
    assert search_record(record, "direct relieved")[0].where == "private note (adjustment)"
    assert search_record(record, "intellectualise")[0].where == "discovery notes"
    assert search_record(record, "email")[0].where == "agreement (Between sessions)"
    assert search_record(record, "   ") == []
    assert search_record(record, "portfolio zebra") == []


def test_snippet_keeps_context_on_one_line(demo_store: PracticeStore) -> None:
    record = demo_store.record(client_id(demo_store, "Priya Natarajan"))
    hit = search_record(record, "succession")[0]
    assert "succession" in hit.snippet and "\n" not in hit.snippet
    assert hit.session_number == 7


async def test_practice_search_opens_the_review_at_the_session(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+f")
        await handled(pilot)
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#query", Input).value = "monthly"
        await pilot.press("enter")  # search now and move to the results
        await settle(pilot)
        text = screen_text(app)
        assert "Priya Natarajan · S6 · private note (revisit)" in text
        assert "Priya Natarajan · S6 · agreement (Logistics)" not in text  # agreed in session 3, reworded in 6
        results = app.screen.query_one("#results", ResultList)
        assert results.has_focus and results.count >= 1
        first = text.split("result")[0]
        assert first.strip().endswith(str(results.count))
        await pilot.press("enter")
        await handled(pilot)
        await handled(pilot)
        assert isinstance(app.screen, ClientReviewScreen)
        assert app.screen.client_id == client_id(demo_store, "Priya Natarajan")
        assert app.screen.query_one("#session-6").has_class("found")


async def test_client_search_from_the_review_stays_with_that_client(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(ClientReviewScreen(client_id(demo_store, "Maya Okafor")))
        await handled(pilot)
        await pilot.press("f")
        await handled(pilot)
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#query", Input).value = "team"
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app, "#results")
        assert "S1 · private note" in text and "team's strengths" in text
        assert "Priya" not in text and "Daniel" not in text


async def test_typing_searches_after_a_short_pause_and_says_when_nothing_matches(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(SearchScreen())
        await handled(pilot)
        await pilot.press(*"zzq")
        # The search starts once typing stops for a moment: waited for, not timed.
        await until(pilot, lambda: "0 results" in screen_text(app, "#search-status"), "the search to say 0 results")


async def test_an_unreadable_file_is_named_and_the_search_goes_on(demo_store: PracticeStore) -> None:
    directory = demo_store.data_dir
    maya = client_id(demo_store, "Maya Okafor")
    demo_store.close()
    fresh = PracticeStore(directory, clock=lambda: FROZEN_NOW).open()
    try:
        (Path(directory) / "clients" / f"{maya}.json").write_text("{ damaged")  # after the index was trusted
        app = make_app(fresh)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.push_screen(SearchScreen())
            await handled(pilot)
            app.screen.query_one("#query", Input).value = "portfolio"
            await pilot.press("enter")
            await settle(pilot)
            status = screen_text(app, "#search-status")
            assert "2 results" in status
            assert "1 client file could not be searched" in status and "Maya Okafor" in status
    finally:
        fresh.close()


def test_practice_results_are_newest_first_across_clients(demo_store: PracticeStore) -> None:
    hits = newest_first([h for s in demo_store.summaries() for h in search_record(demo_store.record(s.id), "the")])
    dated = [h.when for h in hits if h.when is not None]
    assert dated == sorted(dated, reverse=True)
    assert len({h.client_name for h in hits}) >= 2


async def test_a_discovery_note_result_opens_the_review_at_the_discovery_notes(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(SearchScreen(client_id(demo_store, "Daniel Reyes")))
        await handled(pilot)
        app.screen.query_one("#query", Input).value = "intellectualise"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await handled(pilot)
        await handled(pilot)
        assert isinstance(app.screen, ClientReviewScreen)
        discovery = app.screen.query_one("#discovery")
        assert discovery.has_class("found")
        assert app.screen.query_one("#review").region.contains_point(discovery.region.offset)
