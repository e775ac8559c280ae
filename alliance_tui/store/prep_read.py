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
from ..models.record import ClientRecord
from .client_file import ORDER, TABLES, ClientFile, validated
from .history import read_session_file, session_path
from .review_read import versions_of


def read_prep(file: ClientFile, live: ClientRecord) -> PrepView | None:
    """The sheet's records: live (the present as held, not to be changed) and the latest ended session's file."""
    present = Present.build(live, file.archived)
    lists: dict[str, list[Any]] = {name: list(getattr(live, name)) for name in ("notes", "pauses", "commitments")}
    versions: list[AllianceVersion] | None = [v for v in [file.archived.alliance, *live.versions] if v is not None]
    latest = file.archived.through
    path = session_path(file.history, latest)
    if latest and path.exists():
        data = read_session_file(path)
        for name in lists:
            by_id: dict[str, BaseModel] = {
                str(d.get("id")): validated(TABLES[name], path, d) for d in data.get(name, {}).values()
            }
            by_id.update((m.id, m) for m in lists[name])  # the present's copy wins, as everywhere
            lists[name] = sorted(by_id.values(), key=ORDER[name])
        versions = versions_of([data], file.archived.alliance, live.versions)
    if versions is None:
        return None
    record = live.model_copy(update={**lists, "versions": versions, "sessions": list(live.sessions)})
    return PrepView.of(record, present)
