"""The practice-wide search reads stored text one client at a time and finds what the records hold."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from alliance_tui.bench.generator import SMALL, generate
from alliance_tui.models.search import newest_first, search_record
from alliance_tui.screens import search as search_screen
from alliance_tui.screens.search import MAX_HITS, SearchScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.search import ClientSearched, iter_hits
from alliance_tui.widgets.result_list import ResultList

from .conftest import FROZEN_NOW, client_id
from .screen_text import make_app, screen_text

QUERIES = ["the", "PORTFOLIO", "direct relieved", "monthly", "email", "intellectualise", "team", "zzq", "a", "é"]


def by_records(store: PracticeStore, query: str) -> list[object]:
    return newest_first([h for s in store.summaries() for h in search_record(store.record(s.id), query)])


def by_stream(store: PracticeStore, query: str) -> list[object]:
    return newest_first([h for part in iter_hits(store, query) for h in part.hits])


@pytest.mark.parametrize("query", QUERIES)
def test_the_stream_finds_exactly_what_the_records_hold(demo_store: PracticeStore, query: str) -> None:
    assert by_stream(demo_store, query) == by_records(demo_store, query)


def test_a_generated_practice_searches_the_same_both_ways(tmp_path: Path) -> None:
    generate(SMALL, tmp_path / "small")
    with PracticeStore(tmp_path / "small", read_only=True) as store:
        for query in ("the", "named pattern", "review", "commit"):
            found = by_stream(store, query)
            assert found == by_records(store, query)
        assert by_stream(store, "the"), "the generated notes hold common words"


def test_the_stream_reads_one_client_at_a_time_and_builds_no_record(demo_store: PracticeStore) -> None:
    demo_store.close()
    with PracticeStore(demo_store.data_dir, clock=lambda: FROZEN_NOW) as fresh:
        parts = iter_hits(fresh, "the")
        first = next(parts)
        assert first.hits and not fresh.is_loaded(first.client_id)
        rest = list(parts)
        assert len(rest) + 1 == len(fresh.summaries())
        assert not any(fresh.is_loaded(s.id) for s in fresh.summaries())


def test_an_unreadable_file_is_named_and_the_rest_are_searched(demo_store: PracticeStore) -> None:
    maya = client_id(demo_store, "Maya Okafor")
    (demo_store.clients_dir / f"{maya}.json").write_text("{ damaged")
    parts = list(iter_hits(demo_store, "portfolio"))
    (broken,) = [p for p in parts if p.problem]
    assert broken.client_id == maya and broken.client_name == "Maya Okafor" and not broken.hits
    assert "Maya Okafor's file cannot be searched" in broken.problem and "is damaged" in broken.problem
    assert sum(len(p.hits) for p in parts) == 2


def test_a_blank_query_reads_nothing(demo_store: PracticeStore) -> None:
    assert list(iter_hits(demo_store, "   ")) == []


def test_only_the_newest_hits_are_made_and_every_one_is_counted(demo_store: PracticeStore) -> None:
    for part in iter_hits(demo_store, "the", newest=2):
        everything = search_record(demo_store.record(part.client_id), "the")
        assert list(part.hits) == everything[:2] and part.found == len(everything)


def test_one_client_only(demo_store: PracticeStore) -> None:
    daniel = client_id(demo_store, "Daniel Reyes")
    (part,) = iter_hits(demo_store, "portfolio", daniel)
    assert part.client_id == daniel
    assert list(part.hits) == search_record(demo_store.record(daniel), "portfolio")


# ----------------------------------------------------------------- on screen, as the search goes


class Gated:
    """iter_hits one client at a time, each only once the test lets it through."""

    def __init__(self, store: PracticeStore) -> None:
        self.parts = list(iter_hits(store, "the"))
        self.gates = [threading.Event() for _ in self.parts]
        self.reached = 0

    def __call__(
        self, store: PracticeStore, query: str, client_id: str | None = None, *, newest: int | None = None
    ) -> Iterator[ClientSearched]:
        for n, part in enumerate(self.parts):
            if not self.gates[n].wait(timeout=30):
                return
            self.reached = n + 1
            yield part


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    for _ in range(300):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never came: {what}")


async def test_results_show_as_found_with_progress_and_esc_stops_the_search(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = Gated(demo_store)
    assert len(gated.parts) >= 3 and gated.parts[0].hits
    monkeypatch.setattr(search_screen, "iter_hits", gated)
    monkeypatch.setattr(search_screen, "BATCH_SECONDS", 0.0)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SearchScreen())
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#query", Input).value = "the"
        await pilot.press("enter")
        gated.gates[0].set()
        first = len(gated.parts[0].hits)
        of = len(gated.parts)
        await until(pilot, lambda: screen.query_one("#results", ResultList).count == min(first, MAX_HITS), "hits")
        status = screen_text(app, "#search-status")
        assert f"Searching… 1 of {of} clients, {first} found" in status and "Esc stops" in status
        assert gated.parts[0].client_name in screen_text(app, "#results")

        await pilot.press("escape")  # stops the search, stays on the screen with what was found
        await until(pilot, lambda: "Stopped after" in screen_text(app, "#search-status"), "stopped")
        assert f"Stopped after 1 of {of} clients: {first} results" in screen_text(app, "#search-status")
        for gate in gated.gates:
            gate.set()  # nothing more arrives from the search that was stopped
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert gated.reached <= 2, "the search went on after Esc"
        assert app.screen is screen and screen.query_one("#results", ResultList).count == min(first, MAX_HITS)
        await pilot.press("escape")  # nothing under way: back
        await until(pilot, lambda: app.screen is not screen, "back")


async def test_the_whole_search_lists_the_newest_first_and_says_so(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SearchScreen())
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#query", Input).value = "the"
        await pilot.press("enter")
        await until(pilot, lambda: screen.progress.done, "the search to finish")
        expected = by_records(demo_store, "the")[:MAX_HITS]
        assert screen.hits == expected
        assert screen_text(app, "#search-status").strip().startswith(f"{len(by_records(demo_store, 'the'))} results")
        assert screen.query_one("#results", ResultList).has_focus  # Enter asked for the results


async def test_the_list_is_newest_first_as_it_grows_and_the_result_highlighted_stays_highlighted(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = Gated(demo_store)
    monkeypatch.setattr(search_screen, "iter_hits", gated)
    monkeypatch.setattr(search_screen, "BATCH_SECONDS", 0.0)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SearchScreen())
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one("#results", ResultList)
        screen.query_one("#query", Input).value = "the"
        await pilot.press("enter")
        found = list(gated.parts[0].hits)
        gated.gates[0].set()
        await until(pilot, lambda: results.hits == newest_first(found)[:MAX_HITS], "the first client's hits")
        await pilot.press("down", "down")  # to the results, then the second
        assert results.has_focus and results.highlighted == 1
        kept = results.hits[1]
        for n in range(1, len(gated.parts)):
            found += gated.parts[n].hits
            newest = newest_first(found)[:MAX_HITS]
            gated.gates[n].set()
            await until(pilot, lambda: results.hits == newest, f"client {n + 1}'s hits")  # noqa: B023
            assert results.highlighted is not None and results.hits[results.highlighted] == kept
        await until(pilot, lambda: screen.progress.done, "the end of the search")
        assert screen.hits == results.hits
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not screen, "the review")
        assert getattr(app.screen, "client_id", None) == kept.client_id
