"""Resizing the terminal again and again while the pause clock runs."""

from __future__ import annotations

from pathlib import Path

from alliance_tui.app import AllianceApp
from alliance_tui.screens.session import SessionScreen
from alliance_tui.screens.too_small import TooSmallScreen, too_small
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.pause_clock import PauseClock
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import FROZEN_NOW
from .waits import handled

SIZES = [(40, 12), (200, 60), (59, 19), (60, 20), (80, 24), (200, 12), (40, 60), (120, 36), (61, 21), (150, 45)]


class Mono:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


async def test_resizing_while_the_pause_clock_runs(demo_store: PracticeStore) -> None:
    mono = Mono()
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=mono, cursor_blink=False)
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    async with app.run_test(size=(120, 36)) as pilot:
        screen = SessionScreen(maya.id)
        await app.push_screen(screen)
        await handled(pilot)
        box = screen.query_one(QuickLogInput)
        box.value = "Half a thought, typed before the resizing"
        await pilot.press("ctrl+t")  # the pause clock starts
        clock = screen.query_one(PauseClock)
        assert clock.running
        ran = 0.0
        for _ in range(2):
            for width, height in SIZES:
                mono.now += 1.5
                ran += 1.5
                await pilot.resize_terminal(width, height)
                await handled(pilot)
                assert app.is_running and app.return_code is None
                small = too_small(app.size)
                assert isinstance(app.screen, TooSmallScreen) is small, (width, height)
                assert clock.running, "the clock keeps running under the notice"
                assert abs(clock.timer.elapsed() - ran) < 1e-6
        await pilot.resize_terminal(50, 16)
        await handled(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("ctrl+t")  # the clock stops under the notice, and starts again
        assert not clock.running
        await pilot.press("ctrl+t")
        assert clock.running
        stopped_under_notice = ran
        ran = 0.0
        await pilot.resize_terminal(120, 36)
        await handled(pilot)
        assert app.screen is screen
        clock.redraw()
        assert screen.query_one(PauseClock).shown_time == clock.timer.display()
        assert box.value == "Half a thought, typed before the resizing"
        mono.now += 2.5  # a pause under a second is not recorded: this one ran longer
        ran += 2.5
        await pilot.press("ctrl+t")  # and stops, recording what it ran
        assert not clock.running
    with PracticeStore(Path(demo_store.data_dir), clock=lambda: FROZEN_NOW) as again:
        pauses = again.record(maya.id).pauses
        assert abs(pauses[-2].actual_seconds - stopped_under_notice) < 0.01, (pauses[-2].actual_seconds,)
        assert abs(pauses[-1].actual_seconds - ran) < 0.01, (pauses[-1].actual_seconds, ran)
