"""A three-hour session through the session screen: a note a minute, a pause every few minutes.

The coach's last note of the afternoon must cost what the first did: nothing
on screen redrawn grows with every note, and the app keeps no more than the
notes themselves. How quick a note is, is the benchmark's to measure.
"""

from __future__ import annotations

import gc
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from alliance_tui.app import AllianceApp
from alliance_tui.models.quicklog import EntryKind, LineKind
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.pause_clock import PauseClock
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput
from alliance_tui.widgets.today_log import SHOWN, TodayLog

from .conftest import FROZEN_NOW
from .waits import handled

MINUTES = 180
PAUSE_EVERY = 4  # minutes
WINDOW = 30  # actions at the start and at the end, before the traced ones
TRACED = 10  # actions whose allocations are traced, just after the first window and before the last


class Clocks:
    """Wall time and the pause clock, moved on together by the test."""

    def __init__(self) -> None:
        self.wall = FROZEN_NOW
        self.mono = 10_000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


async def test_a_three_hour_session_stays_quick_and_flat(demo_store: PracticeStore) -> None:
    clocks = Clocks()
    app = AllianceApp(demo_store, demo=True, clock=clocks.now, monotonic=clocks.monotonic, cursor_blink=False)
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    drawn_lines: list[int] = []  # lines of text the notes pane holds after each note
    growth: list[int] = []
    pauses: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        screen = SessionScreen(maya.id)
        await app.push_screen(screen)
        await handled(pilot)
        box = screen.query_one(QuickLogInput)
        quick_log = screen.query_one(QuickLog)
        today = screen.query_one(TodayLog)

        async def act(minute: int) -> None:
            """One minute of the session: a note, and every few minutes a pause before it."""
            if minute % PAUSE_EVERY == 0:
                screen.action_toggle_pause()
                ran = 20.0 + minute % 7
                clocks.advance(ran)
                screen.action_toggle_pause()
                pauses.append(ran)
            clocks.advance(60)
            box.value = f"Minute {minute}: she said [what] she meant, and named it ✓"
            screen.post_message(QuickLog.Submitted(box.value, LineKind(EntryKind.NOTE, shared=minute % 10 == 0)))
            await handled(pilot)
            assert box.value == "", f"minute {minute} was not saved"
            drawn_lines.append(len(str(today.query_one("#today-notes", Static).render()).splitlines()))

        async def measured(minutes: range) -> None:
            gc.collect()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            for minute in minutes:
                await act(minute)
            gc.collect()
            growth.append(tracemalloc.get_traced_memory()[0] - before)
            tracemalloc.stop()

        await act(0)  # warm-up: first render of every pane
        for minute in range(1, 1 + WINDOW):
            await act(minute)
        await measured(range(1 + WINDOW, 1 + WINDOW + TRACED))
        for minute in range(1 + WINDOW + TRACED, MINUTES - WINDOW - TRACED):
            await act(minute)
        await measured(range(MINUTES - WINDOW - TRACED, MINUTES - WINDOW))
        for minute in range(MINUTES - WINDOW, MINUTES):
            await act(minute)
        assert app.is_running
        assert today.notes[-1].text.startswith(f"Minute {MINUTES - 1}:")
        assert quick_log.has_class("-refused") is False
        assert screen.query_one(PauseClock).recent[-1] == pauses[-1]

    # What each note redraws stops growing once the pane is full: the latest notes and one line for the rest.
    assert drawn_lines[SHOWN - 1] == SHOWN and max(drawn_lines) == SHOWN + 1, drawn_lines
    assert drawn_lines[-WINDOW:] == [SHOWN + 1] * WINDOW, drawn_lines
    # Memory kept per window: the notes themselves, not something that grows with every redraw.
    assert growth[1] < 3 * growth[0] + 256_000, growth

    with PracticeStore(Path(demo_store.data_dir)) as again:
        record = again.record(maya.id)
        number = record.sessions[-1].number
        notes = [n for n in record.notes if n.session_number == number]
        assert len(notes) == MINUTES
        assert notes[-1].text == f"Minute {MINUTES - 1}: she said [what] she meant, and named it ✓"
        assert sum(1 for n in notes if not n.private) == MINUTES // 10
        recorded = [p.actual_seconds for p in record.pauses if p.session_number == number]
        assert recorded == pauses
