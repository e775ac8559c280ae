"""The practice folder deleted while the app has it open.

Deleting the folder deletes the lock file with it, so a second window would
find no lock and open the practice read-write: two writers. Before each write
the store checks that the lock it holds is still the practice's lock file.
When it is not, the folder is made again and the lock taken again before
anything is written; if another window took it first, this one turns
read-only, and what it holds in memory is saved beside the practice folder
as a backup file, so that nothing is lost. Otherwise every client this window holds in memory is written back
whole, with the practice's settings and index. Clients this window never
opened went with the folder: they are named, and marked on the client list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson

from ..models.wording import plural
from .atomic import atomic_write_bytes, ensure_private_dir, write_data_file
from .client_file import ClientFile
from .jsonfile import META_TABLE, meta_table

if TYPE_CHECKING:
    from .practice import PracticeStore


def _rescue(store: PracticeStore) -> str:
    """What this window holds, as a backup file beside the practice folder (restore brings it back)."""
    from .backup import PracticeBackup, backup_bytes

    records = sorted(store.client_records.records.values(), key=lambda r: (r.client.created, r.client.id))
    if not records:
        return ""
    now = store.clock()
    target = store.data_dir.parent / f"alliance-tui-rescue-{now.astimezone():%Y%m%dT%H%M%S}.json"
    try:
        backup = PracticeBackup(created=now, settings=store.settings, clients=records)
        atomic_write_bytes(target, backup_bytes(store, backup))
    except OSError as exc:
        return f" What this window holds could not be saved as a backup file ({exc.strerror or exc})."
    return (
        f" What this window holds ({plural(len(records), 'client')}) was saved to {target}: "
        f"'alliance-tui restore {target}' brings it back."
    )


def recover_folder(store: PracticeStore) -> str:
    """Take the practice back after its folder was deleted; returns what the coach must be told.

    Raises OSError when the folder cannot be made again (the caller reports it as a refused write).
    """
    ensure_private_dir(store.clients_dir)  # the practice folder too
    lock = store.core.practice_lock
    if not lock.reacquire():
        who = lock.holder or "another process"
        store.read_only = True
        store.read_only_reason = (
            f"The practice folder {store.data_dir} was deleted while this window had it open, and another "
            f"Alliance TUI ({who}) has opened it since: this window is now read-only, so that only one "
            "window writes. Nothing more was saved here."
        )
        return store.read_only_reason + _rescue(store)
    written: list[str] = []
    lost: dict[str, str] = {}
    clients = store.client_records
    for client_id, summary in list(store.index.entries.items()):
        path = store.client_path(client_id)
        if path.exists():
            continue
        record = clients.records.get(client_id)
        if record is None:
            lost[client_id] = summary.name
            continue
        old = clients.files.pop(client_id, None)
        held = old.storage.read() if old is not None else None  # the present as this window last had it
        if old is not None:
            old.close()
        if held is not None:
            write_data_file(path, orjson.dumps(held))
            clients.files[client_id] = ClientFile(path)
            clients.files[client_id].load()
        else:
            clients.files[client_id] = ClientFile.create_from_record(path, record)
        written.append(summary.name)
    settings = store.settings
    store.index.forget_file()
    doc = {META_TABLE: meta_table("practice"), "settings": {"1": settings.model_dump(mode="json")}}
    write_data_file(store.practice_path, orjson.dumps(doc))
    for client_id, name in lost.items():
        clients.mark_broken(
            client_id,
            f"{name}'s file was deleted with the practice folder; restore it from a backup of your own "
            "(alliance-tui restore).",
        )
    store.index.write_summaries([cid for cid in store.index.entries if cid not in clients.broken])
    message = (
        f"The practice folder {store.data_dir} was deleted while Alliance TUI had it open. It was made again "
        f"and what this window holds was written back: the settings"
        + (f" and {plural(len(written), 'client')} ({', '.join(written)})" if written else "")
        + "."
    )
    if lost:
        message += (
            f" Lost with the folder, as this window had not opened them: {', '.join(lost.values())}; "
            "restore them from a backup of your own (alliance-tui restore)."
        )
    return message
