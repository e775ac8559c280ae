"""The App: wires the store, clocks, theme and keymap, then hands over to screens."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App

from .models.timeutil import Clock, utcnow
from .screens.dashboard import DashboardScreen
from .store import PracticeStore


class AllianceApp(App[None]):
    TITLE = "Alliance TUI"

    def __init__(
        self,
        store: PracticeStore,
        *,
        demo: bool = False,
        start_client: str | None = None,
        clock: Clock = utcnow,
        monotonic: Callable[[], float] = time.monotonic,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        self.start_client = start_client
        self.clock = clock
        self.monotonic = monotonic
        self.cursor_blink = cursor_blink
        self.sub_title = "demo practice" if demo else str(store.data_dir)

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen())
        for problem in self.store.problems:
            self.notify(problem, title="Practice data", severity="warning", timeout=15)
