"""Writing whole small tables of a client's present file in one atomic write.

Some changes touch more than one record and must land together or not at all
(a renewal closes one programme, opens the next and sets the client's
programme length; a finished revisit saves its version and drops its draft).
TinyDB writes its whole data on every change, so one write of the whole data
with these tables replaced is as atomic and durable as any single insert.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .jsonfile import META_TABLE, meta_table

if TYPE_CHECKING:
    from .client_file import ClientFile

KIND = "client"


def write_tables(file: ClientFile, tables: Mapping[str, list[dict[str, Any]] | None]) -> None:
    """Each named table becomes exactly these documents (None: the table goes), in one write."""
    from .errors import CorruptFile

    data = file.storage.read()
    if data is None:
        raise CorruptFile(file.path, "is missing.")
    updated = {**data, META_TABLE: meta_table(KIND)}  # the cached data is never changed in place
    for name, docs in tables.items():
        if docs is None:
            updated.pop(name, None)
        else:
            updated[name] = {str(n): doc for n, doc in enumerate(docs, start=1)}
    file.storage.write(updated)
    for name in tables:
        # TinyDB counts a table's next document id once and keeps counting from it:
        # a table written whole here must be counted again, or its next insert could reuse an id.
        file.db.table(name, cache_size=0)._next_id = None


def table_docs(file: ClientFile, name: str) -> list[dict[str, Any]]:
    """The documents of one table of the present file, as stored (a copy each)."""
    data = file.storage.read() or {}
    return [dict(doc) for doc in data.get(name, {}).values()]
