"""What the live-session screen looks like, frozen: 120x36 and 80x24, demo data."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.pause_clock import PauseClock

from .conftest import FROZEN_NOW
from .screen_text import widget_text
from .test_session_flow import FakeMonotonic
from .waits import handled, until


def session_app(store: PracticeStore, mono: FakeMonotonic, client: str = "Daniel Reyes") -> AllianceApp:
    return AllianceApp(
        store, demo=True, start_client=client, clock=lambda: FROZEN_NOW, monotonic=mono, cursor_blink=False
    )


def test_session_mid_call_120x36(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    mono = FakeMonotonic()

    async def mid_call(pilot: Pilot[None]) -> None:
        await handled(pilot)
        await pilot.press("ctrl+y", "d")  # one commitment checked in, one still open
        await pilot.press("ctrl+l", "ctrl+r", "tab", *"call me out", "enter")
        await pilot.press("ctrl+t")
        mono.now += 18.0  # past halfway of 30 s
        clock = pilot.app.screen.query_one(PauseClock)
        await until(pilot, lambda: "past halfway" in widget_text(clock), "the clock past halfway")

    assert snap_compare(session_app(demo_store, mono), terminal_size=(120, 36), run_before=mid_call)


def test_session_compact_80x24(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(session_app(demo_store, FakeMonotonic()), terminal_size=(80, 24))


def test_session_summary_120x36(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    mono = FakeMonotonic()

    async def whole_session(pilot: Pilot[None]) -> None:
        await handled(pilot)
        await pilot.press("ctrl+y", "d", "n", "ctrl+n", *"send CV | Fri", "enter", "ctrl+t")
        mono.now += 12.4
        await pilot.press("ctrl+t", "ctrl+e")
        await handled(pilot)
        await pilot.press("y")
        await handled(pilot)

    assert snap_compare(session_app(demo_store, mono), terminal_size=(120, 36), run_before=whole_session)
