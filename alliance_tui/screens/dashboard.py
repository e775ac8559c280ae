"""The practice at a glance: who is active, where each client is, what is due."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from .base import AllianceScreen


class DashboardScreen(AllianceScreen):
    CSS_PATH = "dashboard.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="clients", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#clients", DataTable)
        table.add_columns("Client", "Session", "Open commitments", "Revisit")
        for summary in self.store.summaries(include_archived=False):
            table.add_row(
                summary.name,
                f"{summary.sessions_held} of {summary.programme_sessions}",
                str(summary.open_commitments),
                "due" if summary.revisit_due else "",
                key=summary.id,
            )
