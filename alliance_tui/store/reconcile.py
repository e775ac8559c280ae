"""At open: the practice index checked against the clients' files, as a cache is.

A summary is trusted only where the client's file is as the index last saw it
(its size and time); any other client's file is read (or, with defer_changed,
left for a worker after the first frame), and a client whose file is gone is
marked so on the client list.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from .core import file_stamp
from .errors import ClientUnavailable
from .paths import usable_client_id

if TYPE_CHECKING:
    from .client_records import ClientRecords

LONG_READ_BYTES = 5_000_000  # client files to read at open beyond this are announced (on_progress)


def reconcile(clients: ClientRecords) -> None:
    """The index is a cache: trust it only where the client's file is unchanged."""
    index = clients.index
    stamps = index.stamps()
    clients_dir = clients.core.clients_dir
    found = clients_dir.glob("*.json") if clients_dir.is_dir() else []
    # Only names this store could have written; anything else in the folder is not a client.
    on_disk = {p.stem: p for p in found if usable_client_id(p.stem)}
    entries = index.entries
    stale = []
    to_read = []
    for client_id, path in on_disk.items():
        if client_id in entries and stamps.get(client_id) == file_stamp(path):
            continue
        if client_id in entries and clients.defer_changed:
            clients.unchecked[client_id] = path
            continue
        to_read.append(client_id)
    _say_long_read(clients, [on_disk[c] for c in to_read])
    for client_id in to_read:
        with contextlib.suppress(ClientUnavailable):
            clients.refresh_summary(client_id, write_index=False)
            stale.append(client_id)
    index.write_summaries(stale)  # one write for all of them, however many
    for client_id, summary in list(entries.items()):
        if client_id not in on_disk:
            clients.mark_broken(client_id, f"The file for {summary.name} is missing from {clients_dir}.")


def _say_long_read(clients: ClientRecords, paths: list[Path]) -> None:
    """Files that must be read before the practice opens (no summary of them in the index): a long read is said."""
    on_progress = clients.core.on_progress
    if on_progress is None or not paths:
        return
    size = 0
    for path in paths:
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    if size >= LONG_READ_BYTES:
        from ..models.wording import plural

        on_progress(
            f"Reading {plural(len(paths), 'client file')} ({size / 1_000_000:.0f} MB) to bring the practice "
            "index up to date…"
        )
