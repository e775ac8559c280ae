"""Client files changed since the app last closed, checked after the first frame instead of before it.

The client list shows each client as the practice index last knew them at
once; the files that changed (after a crash, a sync, a restore) are read in a
worker thread. A large one is announced, so a long check is never silent.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from ..models.wording import plural

if TYPE_CHECKING:
    from ..app import AllianceApp

ANNOUNCE_BYTES = 5_000_000  # a check longer than a moment: said before it starts


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 1_000_000 else f"{size / 1_000:.0f} kB"


def check_changed_files(app: AllianceApp) -> None:
    """Start the check, if there is anything to check."""
    store = app.store
    waiting = dict(store.unchecked)
    if not waiting:
        return
    sizes = {}
    for client_id, path in waiting.items():
        with contextlib.suppress(OSError):
            sizes[client_id] = path.stat().st_size
    total = sum(sizes.values())
    announced = total >= ANNOUNCE_BYTES
    if announced:
        names = [store.summary(cid).name for cid in waiting]
        whose = f"{names[0]}'s file" if len(names) == 1 else f"{plural(len(names), 'client file')}"
        app.notify(
            f"Reading {whose} ({_megabytes(total)}), changed since Alliance TUI last closed. "
            "You can work meanwhile; the client list shows what was known before until it is done.",
            title="Checking client files",
            timeout=10,
            markup=False,
        )

    def work() -> None:
        for client_id in waiting:
            store.check_changed(client_id)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile: no one left to show
            app.call_from_thread(done)

    def done() -> None:
        from .dashboard import DashboardScreen

        if isinstance(app.screen, DashboardScreen):
            app.screen.refresh_clients()
        if announced:
            app.notify("The changed client files are read; the client list is up to date.", timeout=5, markup=False)

    app.run_worker(work, thread=True, group="changed-files", exit_on_error=False)
