"""The practice dashboard, driven as a coach would drive it over the demo practice."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.client_list import ClientList

from .conftest import FROZEN_NOW
from .screen_text import screen_text, widget_text
from .waits import handled


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


def rows(app: AllianceApp) -> list[str]:
    table = app.screen.query_one("#clients", ClientList)
    return [line.strip() for line in widget_text(table).splitlines()[1:] if line.strip()]


async def test_active_clients_with_sessions_dates_commitments_and_revisit_marker(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
        lines = rows(app)
        assert [line.split("  ")[0] for line in lines] == [
            "Daniel Reyes",
            "Maya Okafor",
            "Priya Natarajan",
            "Sofia Lindqvist",
        ]
        daniel = lines[0]
        assert "3 of 12" in daniel and "6 Nov 2026" in daniel and "⚑ revisit due" in daniel
        maya = lines[1]
        assert "1 of 6" in maya and "revisit" not in maya
        assert "Tom Becker" not in screen_text(app)
        text = screen_text(app)
        assert "4 active clients · 3 due a revisit of the alliance · 1 archived (hidden: ctrl+t)" in text
        # The highlighted client's nudges are explained in plain words.
        assert "No full design of the alliance yet, and this is session 4" in text


async def test_archived_clients_behind_a_toggle(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+t")
        assert any(line.startswith("Tom Becker (archived)") for line in rows(app))
        await pilot.press("ctrl+t")
        assert not any("Tom Becker" in line for line in rows(app))


async def test_typing_a_name_filters_the_list_and_escape_clears_it(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"priy", "backspace")
        filter_input = app.screen.query_one("#filter", Input)
        assert filter_input.value == "pri"
        assert app.screen.query_one("#clients", ClientList).has_focus  # arrows and Enter still act on the list
        assert [line.split("  ")[0] for line in rows(app)] == ["Priya Natarajan"]
        await pilot.press("escape")
        assert filter_input.value == ""
        assert len(rows(app)) == 4


async def test_a_name_typed_on_the_list_writes_nothing_and_opens_nothing(demo_store: PracticeStore) -> None:
    """Every letter a name can hold filters: "sofia", "daniel", "hafter" start no session, open no screen."""
    before = {s.id: demo_store.record(s.id).model_dump_json() for s in demo_store.summaries()}
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        for name in ("sofia", "Daniel", "hafter ectsr/+1"):
            await pilot.press(*name)
            await handled(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert app.screen.query_one("#filter", Input).value == name
            await pilot.press("escape")
    assert {s.id: demo_store.record(s.id).model_dump_json() for s in demo_store.summaries()} == before


async def test_typing_filters_case_insensitively_and_says_when_nothing_matches(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"LIND")
        assert [line.split("  ")[0] for line in rows(app)] == ["Sofia Lindqvist"]
        await pilot.press(*"zzz")
        assert rows(app) == []
        assert "No client matches that name" in screen_text(app)


async def test_start_up_reads_no_client_file(demo_store: PracticeStore) -> None:
    directory = demo_store.data_dir
    demo_store.close()
    fresh = PracticeStore(directory, clock=lambda: FROZEN_NOW).open()
    try:
        app = make_app(fresh)
        async with app.run_test(size=(120, 36)) as pilot:
            await handled(pilot)
            assert len(rows(app)) == 4
            assert not any(fresh.is_loaded(s.id) for s in fresh.summaries())
    finally:
        fresh.close()


async def test_an_unreadable_client_shows_as_such_and_the_rest_works(demo_store: PracticeStore) -> None:
    directory = demo_store.data_dir
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    demo_store.close()
    (Path(directory) / "clients" / f"{maya.id}.json").write_text("{ not json")
    fresh = PracticeStore(directory, clock=lambda: FROZEN_NOW).open()
    try:
        app = make_app(fresh)
        async with app.run_test(size=(120, 36)) as pilot:
            await handled(pilot)
            maya_row = next(line for line in rows(app) if line.startswith("Maya"))
            assert "⚠ cannot be read" in maya_row
            await pilot.press("down")  # to Maya
            assert "cannot be opened" in screen_text(app)
            await pilot.press("enter")  # a quiet warning, no crash, no new screen
            assert isinstance(app.screen, DashboardScreen)
            await pilot.press("up", "enter")  # Daniel still opens
            await handled(pilot)
            assert type(app.screen).__name__ == "ClientReviewScreen"
    finally:
        fresh.close()


async def test_one_key_opens_the_review_history_and_editor(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        for key, name in (
            ("enter", "ClientReviewScreen"),
            ("ctrl+r", "AllianceHistoryScreen"),
            ("ctrl+g", "AllianceEditorScreen"),
        ):
            await pilot.press(key)
            await handled(pilot)
            assert type(app.screen).__name__ == name
            assert getattr(app.screen, "client_id", None) == demo_store.find_client("Daniel Reyes").id  # type: ignore[union-attr]
            await pilot.press("escape")
            await handled(pilot)
            assert isinstance(app.screen, DashboardScreen)


async def test_ctrl_s_opens_a_session_with_the_highlighted_client(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("down", "ctrl+s")
        await handled(pilot)
        assert type(app.screen).__name__ == "SessionScreen"
        maya = demo_store.find_client("Maya Okafor")
        assert maya is not None
        assert getattr(app.screen, "client_id", None) == maya.id


async def test_markup_in_a_name_is_shown_as_typed(store: PracticeStore) -> None:
    store.add_client("[bold]Robin[/] [red]x")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        assert rows(app)[0].startswith("[bold]Robin[/] [red]x")


async def test_an_empty_practice_says_how_to_begin(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        assert "No clients yet: press ctrl+n to add your first client." in screen_text(app)
