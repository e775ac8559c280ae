"""The app opens on the demo practice and lists its active clients."""

from __future__ import annotations

from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW


async def test_demo_practice_lists_active_clients(demo_store: PracticeStore) -> None:
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = " ".join(str(s) for s in app.screen.query("*"))  # widgets exist
        assert text
        names = [s.name for s in demo_store.summaries(include_archived=False)]
        assert "Tom Becker" not in names
        assert {"Maya Okafor", "Daniel Reyes", "Priya Natarajan", "Sofia Lindqvist"} <= set(names)
