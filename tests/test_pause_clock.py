"""The pause clock measures with the monotonic clock it is given, never by ticks."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from alliance_tui.app import AllianceApp
from alliance_tui.models.pause import PausePhase, PauseTimer, clock_text
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.pause_clock import PauseClock

from .conftest import FROZEN_NOW
from .screen_text import widget_text
from .test_session_flow import FakeMonotonic, screen_text
from .waits import handled, until


def test_timer_phases_and_display() -> None:
    mono = FakeMonotonic()
    timer = PauseTimer(30, mono)
    assert timer.phase() is PausePhase.IDLE and timer.display() == "0:30"
    timer.start()
    mono.now += 0.4
    assert timer.display() == "0:30"  # a countdown rounds up: 0:00 shows only at the end
    mono.now += 14.6
    assert timer.phase() is PausePhase.SECOND_HALF and timer.display() == "0:15"
    mono.now += 20.9
    assert timer.phase() is PausePhase.OVERTIME and timer.display() == "+0:05"
    assert timer.stop() == pytest.approx(35.9)
    assert not timer.running and timer.elapsed() == 0.0


def test_clock_text() -> None:
    assert clock_text(90) == "1:30"
    assert clock_text(59.1) == "1:00"
    assert clock_text(59.9, up=True) == "0:59"


async def test_pause_is_recorded_to_the_millisecond(demo_store: PracticeStore) -> None:
    mono = FakeMonotonic()
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=mono, cursor_blink=False)
    sofia = demo_store.find_client("Sofia Lindqvist")
    assert sofia is not None
    async with app.run_test(size=(120, 36)) as pilot:
        clock = await sofias_clock(app, pilot)
        assert "45 s agreed" in screen_text(app)
        await pilot.press("ctrl+t")
        assert clock.running
        # Each redraw reads the clock it was given; it does not count ticks.
        mono.now += 10.0
        await until(pilot, lambda: "◔ thinking" in screen_text(app), "the clock counting down")
        mono.now += 13.0
        await until(pilot, lambda: "◑ past halfway" in screen_text(app), "the clock past halfway")
        mono.now += 30.123
        await until(pilot, lambda: "● over time" in screen_text(app), "the clock over time")
        assert clock.has_class("-overtime")
        await pilot.press("ctrl+t")
        assert not clock.running
    demo_store.close()
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        pause = reopened.record(sofia.id).pauses[-1]
        assert pause.target_seconds == 45
        assert pause.actual_seconds == pytest.approx(53.123, abs=0.001)
        assert pause.session_number == 8 and pause.started == FROZEN_NOW
    finally:
        reopened.close()


async def test_ctrl_t_works_while_typing(demo_store: PracticeStore) -> None:
    mono = FakeMonotonic()
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=mono, cursor_blink=False)
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SessionScreen(maya.id))
        await handled(pilot)
        await pilot.press("ctrl+l", *"she went quiet")
        await pilot.press("ctrl+t")
        mono.now += 61.5
        await pilot.press("ctrl+t")
        assert app.screen.query_one("#quicklog-input").value == "she went quiet"  # type: ignore[attr-defined]
    assert [p.actual_seconds for p in demo_store.record(maya.id).pauses if p.session_number == 2] == [61.5]


async def test_quitting_mid_pause_records_it(demo_store: PracticeStore) -> None:
    mono = FakeMonotonic()
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=mono, cursor_blink=False)
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SessionScreen(maya.id))
        await handled(pilot)
        await pilot.press("ctrl+t")
        mono.now += 7.25
        await pilot.press("ctrl+q")
    demo_store.close()
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        assert [p.actual_seconds for p in reopened.record(maya.id).pauses if p.session_number == 2] == [7.25]
    finally:
        reopened.close()


async def sofias_clock(app: AllianceApp, pilot: Pilot[None]) -> PauseClock:
    """Sofia's session screen opened, and its clock: her pauses have a history."""
    sofia = app.store.find_client("Sofia Lindqvist")
    assert sofia is not None
    await app.push_screen(SessionScreen(sofia.id))
    await handled(pilot)
    return app.screen.query_one(PauseClock)


async def test_earlier_pauses_are_left_out_of_a_compact_clock_and_come_back(demo_store: PracticeStore) -> None:
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=FakeMonotonic(), cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        clock = await sofias_clock(app, pilot)
        assert "Before: S4 20 · S5 18 · S6 14 · S7 12 s" in widget_text(clock)
        assert clock.outer_size.height == 9
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: clock.outer_size.height == 8, "the clock's pane to shrink with the terminal")
        assert "Before:" not in widget_text(clock) and "45 s agreed" in widget_text(clock)
        await pilot.resize_terminal(120, 36)
        await until(
            pilot, lambda: "Before: S4 20" in widget_text(clock), "the earlier pauses back in a larger terminal"
        )
