"""The prep sheet's read: the present as held, and the latest ended session's own file.

The present keeps a copy of the latest session ended, every commitment still
open, the contacts since and the alliance as it stood; the latest session's
file adds what was settled in it (commitments checked in, its pauses) and the
alliance version before its first one, whole (history.BASE_TABLE), so what
changed since that session began is known without the chain of every version.
No other session's file is read. A file written before it kept that version
returns None: the caller reads the whole record instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..models.alliance import AllianceVersion
from ..models.prep_view import PrepView
from ..models.present import Present
from ..models.put_away import settle
from ..models.record import ClientRecord
from .client_file import ORDER, TABLES, ClientFile, validated
from .history import read_session_file, session_path
from .review_read import versions_of


def read_prep(file: ClientFile, live: ClientRecord) -> PrepView | None:
    """The sheet's records: live (the present as held, not to be changed) and the latest ended session's file.

    A session ended and not yet put away (models/put_away.py) is read from
    the present as its own file will hold it, so the sheet is the same before
    and after.
    """
    settled = settle(live, file.archived)
    held, archived = settled.present, settled.archived
    present = Present.build(held, archived)
    lists: dict[str, list[Any]] = {name: list(getattr(held, name)) for name in ("notes", "pauses", "commitments")}
    versions: list[AllianceVersion] | None = [v for v in [archived.alliance, *held.versions] if v is not None]
    latest = archived.through
    path = session_path(file.history, latest)
    waiting = settled.files.get(latest)
    if waiting is not None:  # not yet in its own file: as it will be there
        for name in lists:
            by_id: dict[str, BaseModel] = {m.id: m for m in getattr(waiting, name)}
            by_id.update((m.id, m) for m in lists[name])
            lists[name] = sorted(by_id.values(), key=ORDER[name])
        before = [v for v in [file.archived.alliance, *live.versions] if v is not None]
        versions = versions_of([], archived.alliance, held.versions, [waiting], before)
    elif latest and path.exists():
        data = read_session_file(path)
        for name in lists:
            by_id = {str(d.get("id")): validated(TABLES[name], path, d) for d in data.get(name, {}).values()}
            by_id.update((m.id, m) for m in lists[name])  # the present's copy wins, as everywhere
            lists[name] = sorted(by_id.values(), key=ORDER[name])
        versions = versions_of([data], archived.alliance, held.versions)
    if versions is None:
        return None
    record = held.model_copy(update={**lists, "versions": versions, "sessions": list(held.sessions)})
    return PrepView.of(record, present)
