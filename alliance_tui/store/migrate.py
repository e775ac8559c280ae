"""Moving a practice written before ended sessions had files of their own into that layout, once.

Before anything moves, a backup of the whole practice is written and read back
in full (store/backup.py). Then each client's ended sessions are put away into
their own files exactly as after a session's end (ClientFile.put_away): the
session files first, merged by id, then the present file shrinks in one
atomic write. A stop at any moment leaves each client either as it was or
moved, never a record lost; the next start carries on where it stopped, and
only when every client is moved is the index marked.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.wording import plural
from .errors import FileProblem, StoreError
from .jsonfile import PRACTICE_LAYOUT
from .paths import usable_client_id

if TYPE_CHECKING:
    from .practice import PracticeStore

LAYOUT = PRACTICE_LAYOUT  # the practice index's _meta says which layout its clients' files are in
Progress = Callable[[int, int], None]  # (clients done, clients in all)


def needs_moving(store: PracticeStore) -> bool:
    meta = store.index_meta()
    if meta.get("layout", 0) >= LAYOUT:
        return False
    return (
        any(usable_client_id(p.stem) for p in store.clients_dir.glob("*.json")) if store.clients_dir.is_dir() else False
    )


def _backup_first(store: PracticeStore) -> Path:
    """A backup of the practice as it is, read back in full before anything moves.

    A folder beside the daily automatic backups, and like them made of hard
    links to the files (nothing is ever rewritten in place, so the links keep
    the files as they are now): restorable with `alliance restore`, and
    pruned like them when a client is erased.
    """
    from .atomic import ensure_private_dir, fsync_dir
    from .auto_backup import backups_dir, link_clients
    from .backup import read_snapshot

    folder = backups_dir(store.data_dir)
    ensure_private_dir(folder)
    stamp = store.clock().strftime("%Y%m%dT%H%M%S")
    target = folder / f"before-session-files-{stamp}"
    n = 2
    while target.exists():
        target = folder / f"before-session-files-{stamp}-{n}"
        n += 1
    partial = folder / f".{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)  # left by a stop while it was being made
    ensure_private_dir(partial / "clients")
    if store.practice_path.exists():
        shutil.copyfile(store.practice_path, partial / store.practice_path.name)
    link_clients(store.clients_dir, partial / "clients")
    fsync_dir(partial)
    os.replace(partial, target)
    fsync_dir(folder)
    readable = {s.id for s in store.summaries() if not s.problem}
    backed_up = {r.client.id for r in read_snapshot(target).clients}
    if not readable <= backed_up:
        raise StoreError(f"The backup {target} did not read back whole.")
    return target


def move_practice(store: PracticeStore, progress: Progress | None = None) -> str | None:
    """Move every client; returns the message for the coach, or None when there was nothing to move."""
    if store.read_only or not needs_moving(store):
        return None
    if store.on_progress is not None:
        store.on_progress(
            "This version keeps each ended session in a file of its own: moving the practice once, "
            "after a backup of it as it is…"
        )
    try:
        backup = _backup_first(store)
    except (StoreError, OSError) as exc:
        why = exc.message if isinstance(exc, StoreError) else (getattr(exc, "strerror", None) or str(exc))
        return (
            "This version keeps each ended session in a file of its own, but the practice could not be backed up "
            f"first ({why}), so it was left as it is; it works as before and the move is tried at the next start."
        )
    ids = sorted(p.stem for p in store.clients_dir.glob("*.json") if usable_client_id(p.stem))
    left: list[str] = []
    for done, client_id in enumerate(ids, start=1):
        try:
            store.move_client(client_id)
        except (FileProblem, StoreError):
            left.append(client_id)  # a file that cannot be read is reported as ever, and left as it is
        if progress is not None:
            progress(done, len(ids))
        tenth = max(1, len(ids) // 10)
        if store.on_progress is not None and len(ids) >= 20 and (done % tenth == 0 or done == len(ids)):
            store.on_progress(f"  {done:,} of {plural(len(ids), 'client')} moved")
    if not left:
        store.mark_layout(LAYOUT)
    moved = len(ids) - len(left)
    return (
        f"Each client's ended sessions now have files of their own, so a live session reads only the present "
        f"({plural(moved, 'client')} moved). A backup of the practice as it was is in {backup}."
        + (f" {plural(len(left), 'client file')} could not be read and stay as they were." if left else "")
    )
