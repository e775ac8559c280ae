"""The app opens on the dashboard of the demo practice and shows its active clients on screen."""

from __future__ import annotations

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.client_list import ClientList

from .conftest import FROZEN_NOW
from .screen_text import widget_text
from .waits import handled


async def test_demo_practice_opens_on_the_dashboard_with_its_active_clients(demo_store: PracticeStore) -> None:
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#clients", ClientList)
        assert table.has_focus
        shown = [line.split("  ")[0].strip() for line in widget_text(table).splitlines()[1:] if line.strip()]
        assert shown == ["Daniel Reyes", "Maya Okafor", "Priya Natarajan", "Sofia Lindqvist"]
        assert app.sub_title == "demo practice"
