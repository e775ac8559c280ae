"""The practice at a glance: who is active, where each client is, what is due.

Draws only the summaries the store keeps in its index, so opening a practice of
hundreds of clients never reads their files; a client's own data is read when
the coach opens one of their screens.

This module is the screen as the app knows it: its keys, opening and coming
back, and the screens it opens; the layers below it (dashboard_core,
dashboard_filter, dashboard_calendar, dashboard_contacts) each hold one kind
of action.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from ..store import StoreError
from ..widgets.client_list import ClientList
from .base import AllianceScreen
from .dashboard_contacts import DashboardContacts
from .dashboard_core import credential_line, short_date
from .dashboard_keys import DASHBOARD_BINDINGS

__all__ = ["DashboardScreen", "credential_line", "open_session_screen", "short_date"]


class DashboardScreen(DashboardContacts):
    """The client list as the app opens it: its keys and styles, opening and coming back, the screens it opens."""

    CSS_PATH = "dashboard.tcss"
    AUTO_FOCUS = "#clients"  # straight to the list: focusing the filter first cost start-up a restyle
    # Typing filters the list by name, as any list picker does: every action holds ctrl (a name
    # cannot contain it) or is Enter, so a name typed never starts a session or changes a record.
    BINDINGS = DASHBOARD_BINDINGS

    def on_mount(self) -> None:
        table = self.query_one("#clients", ClientList)
        table.add_column("Client", key="name")
        table.add_column("Held", key="session")
        table.add_column("Last session", key="last")
        table.add_column("Open", key="open")
        table.add_column("Revisit", key="revisit")
        self.refresh_clients()
        table.focus()
        self.watch_calendar()

    def on_screen_resume(self) -> None:
        self.refresh_clients()
        self.show_next_call()
        if self.next_call is not None and self.next_call.read is not None:  # the first read waits for a frame
            self.poll_calendar()

    # ----------------------------------------------------------------- going places

    @on(ClientList.RowSelected, "#clients")
    def _selected(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .review import ClientReviewScreen

            self.app.push_screen(ClientReviewScreen(summary.id))

    def action_history(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .history import AllianceHistoryScreen

            self.app.push_screen(AllianceHistoryScreen(summary.id))

    def action_edit(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .alliance_editor import AllianceEditorScreen

            self.app.push_screen(AllianceEditorScreen(summary.id))

    def action_session(self) -> None:
        summary = self._usable()
        if summary is not None:
            open_session_screen(self, summary.id)

    def action_add_client(self) -> None:
        from .client_form import ClientFormScreen

        def added(client_id: str | None) -> None:
            if client_id:
                self.query_one("#filter", Input).value = ""
                self.refresh_clients(select=client_id)

        self.app.push_screen(ClientFormScreen(), added)

    def action_client_details(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .client_form import ClientFormScreen

            self.app.push_screen(ClientFormScreen(summary.id), lambda _: self.refresh_clients())

    def action_search(self) -> None:
        from .search import SearchScreen

        self.app.push_screen(SearchScreen())


def open_session_screen(screen: AllianceScreen, client_id: str) -> None:
    """Start or resume a session; the session screen's module is imported when first opened."""
    from .session import show_session_screen

    try:
        show_session_screen(screen.app, client_id)
    except StoreError as exc:
        screen.report(exc, title="Cannot start the session")
