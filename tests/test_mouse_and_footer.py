"""The mouse works where a coach would click, and the footer never cuts a key in half."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from alliance_tui.app import AllianceApp
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.history import AllianceHistoryScreen
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.footer import KeyFooter, Placed
from alliance_tui.widgets.pause_clock import PauseClock
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput

from .conftest import FROZEN_NOW
from .test_session_flow import FakeMonotonic
from .waits import handled, until


def make_app(store: PracticeStore, mono: FakeMonotonic | None = None) -> AllianceApp:
    return AllianceApp(
        store, demo=True, clock=lambda: FROZEN_NOW, monotonic=mono or FakeMonotonic(), cursor_blink=False
    )


def shown_keys(app: AllianceApp) -> list[Placed]:
    return list(app.screen.query_one(KeyFooter).shown)


async def footer_on(pilot: Pilot[None], screen_type: type[Screen[None]]) -> list[Placed]:
    """Wait for a screen of this type to be shown with its footer drawn; the keys the footer shows."""
    app = pilot.app

    def drawn() -> bool:
        return isinstance(app.screen, screen_type) and any(f.shown for f in app.screen.query(KeyFooter))

    await until(pilot, drawn, f"the {screen_type.__name__} with its footer drawn")
    return shown_keys(app)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_review_footer_fits_with_the_session_edit_and_send_keys(
    demo_store: PracticeStore, size: tuple[int, int]
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await handled(pilot)
        await pilot.press("enter")
        keys = await footer_on(pilot, ClientReviewScreen)
        assert {"ctrl+s", "h", "ctrl+g", "ctrl+o", "escape"} <= {k.entry.key for k in keys}
        assert sum(k.end - k.start for k in keys) <= size[0]
        palette = next(k for k in keys if k.entry.palette)
        assert palette.end == size[0]  # on the right, as Footer puts it
        for key in keys:  # every key shown whole, none under the palette's key
            assert key.end - key.start == key.entry.width > 0
            if key is not palette:
                assert key.end <= palette.start
        drawn = app.screen.query_one(KeyFooter).render().plain
        assert all(f" {k.entry.key_display} {k.entry.description} " in drawn for k in keys if k is not palette)


async def test_narrow_footers_leave_out_keys_rather_than_cut_them(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        steps: list[tuple[list[str], type[Screen[None]]]] = [
            ([], DashboardScreen),
            (["enter", "ctrl+g"], AllianceEditorScreen),
            (["escape", "escape", "ctrl+s"], SessionScreen),
        ]
        for keys, screen_type in steps:
            await pilot.press(*keys)
            shown = await footer_on(pilot, screen_type)
            assert sum(k.end - k.start for k in shown) <= 80, type(app.screen).__name__
            assert len(shown) < len(app.screen.query_one(KeyFooter).entries)  # something left out at 80 columns
        assert isinstance(app.screen, SessionScreen)
        assert {"ctrl+e", "ctrl+s", "ctrl+r", "ctrl+n", "ctrl+y"} <= {k.entry.key for k in shown_keys(app)}
        await pilot.resize_terminal(160, 48)
        # Room again: every key back.
        await until(pilot, lambda: "escape" in {k.entry.key for k in shown_keys(app)}, "Esc back in the footer")


async def test_client_rows_open_with_a_click(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await pilot.click("#clients", offset=(4, 2))  # Maya's row: highlighted
        await handled(pilot)
        assert app.screen.query_one("#clients").cursor_row == 1  # type: ignore[attr-defined]
        await pilot.click("#clients", offset=(4, 2))  # clicked again: opened
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "the client's review")
        maya = demo_store.find_client("Maya Okafor")
        assert maya is not None and app.screen.client_id == maya.id


async def test_footer_keys_are_clickable(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await pilot.press("enter")
        history = next(k for k in await footer_on(pilot, ClientReviewScreen) if k.entry.key == "h")
        await pilot.click(KeyFooter, offset=(history.start + 1, 0))
        await until(pilot, lambda: isinstance(app.screen, AllianceHistoryScreen), "the alliance's history")


async def test_clicking_the_pause_clock_starts_and_stops_it(demo_store: PracticeStore) -> None:
    mono = FakeMonotonic()
    app = make_app(demo_store, mono)
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")
        await footer_on(pilot, SessionScreen)
        focused = app.focused
        await pilot.click(PauseClock)
        await handled(pilot)
        assert app.screen.query_one(PauseClock).running
        assert app.focused is focused  # a click on the clock does not move the focus
        mono.now += 21.0
        await pilot.click(PauseClock)
        await handled(pilot)
        assert not app.screen.query_one(PauseClock).running
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        pauses = [p for p in reopened.record(daniel.id).pauses if p.session_number == 4]
    finally:
        reopened.close()
    assert [round(p.actual_seconds) for p in pauses] == [21]


async def test_clicking_the_quick_log_label_focuses_the_line(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")
        await footer_on(pilot, SessionScreen)
        await pilot.click("#quicklog-kind")
        await handled(pilot)
        assert isinstance(app.focused, QuickLogInput)
        assert app.screen.query_one(QuickLog).input is app.focused


async def test_every_save_and_refusal_is_said_in_the_log_lines_message(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")
        await footer_on(pilot, SessionScreen)
        message = app.screen.query_one("#quicklog-message")
        await pilot.press("ctrl+l", *"lit up", "enter")
        await handled(pilot)
        assert "Note saved" in str(message.render()) and "ctrl+z undoes" in str(message.render())
        await pilot.press("ctrl+t", "ctrl+t")  # stopped at once: said, and nothing recorded
        await handled(pilot)
        assert "not recorded" in str(message.render())
        app.screen.query_one(QuickLog).input.value = "[red]x[/]" * 400  # too long: refused
        await pilot.press("enter")
        await handled(pilot)
        assert "nothing saved" in str(message.render())


async def test_the_quick_log_label_names_the_category_a_typed_name_chooses(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+s")
        await footer_on(pilot, SessionScreen)
        await pilot.press("ctrl+r", *"Between sessions: email is fine")
        await handled(pilot)
        assert "± adjust · Between sessions" in str(app.screen.query_one("#quicklog-kind").render())
        await pilot.press("enter")
        await handled(pilot)
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        current = reopened.record(daniel.id).current_alliance
    finally:
        reopened.close()
    assert current is not None
    added = [i for i in current.items if i.wording == "email is fine"]
    assert [i.category for i in added] == ["Between sessions"]
