"""Which screen a request opens: a client's session or review from anywhere, and --client at start.

Each is refused quietly (a toast) when the client's file cannot be read, and
a screen already showing what was asked for is left as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .store import StoreError

if TYPE_CHECKING:
    from .app import AllianceApp


def open_session(app: AllianceApp, client_id: str) -> None:
    """Start (or resume) a session with a client (a kept session screen comes back as it was)."""
    from .screens.session import SessionScreen, show_session_screen

    if isinstance(app.screen, SessionScreen) and app.screen.client_id == client_id:
        return
    try:
        show_session_screen(app, client_id)
    except StoreError as exc:
        app.notify(exc.message, title="Cannot open", severity="error", timeout=10, markup=False)


def open_review(app: AllianceApp, client_id: str) -> None:
    from .screens.review import ClientReviewScreen

    if isinstance(app.screen, ClientReviewScreen) and app.screen.client_id == client_id:
        return
    try:
        app.push_screen(ClientReviewScreen(client_id))
    except StoreError as exc:
        app.notify(exc.message, title="Cannot open", severity="error", timeout=10, markup=False)


def open_start_client(app: AllianceApp, name: str) -> None:
    """--client NAME: that client's session over the client list."""
    store = app.store
    summary = store.find_client(name)
    if summary is None:
        # "--client daniel" is enough when only one active client's name starts that way.
        wanted = name.strip().casefold()
        starts = [s for s in store.summaries(include_archived=False) if s.name.casefold().startswith(wanted)]
        summary = starts[0] if wanted and len(starts) == 1 else None
    if summary is None or summary.archived:
        app.notify(f"No active client is called {name!r}.", title="--client", severity="warning", markup=False)
        return
    app.open_session(summary.id)
