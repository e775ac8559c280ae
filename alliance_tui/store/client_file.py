"""One client's records in one small TinyDB file.

Keeping each client in a file of its own means logging a note for one client
never reads or rewrites anyone else's data, and one damaged file costs one
client, not the practice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import Query, TinyDB

from ..models.alliance import AllianceVersion
from ..models.client import Client
from ..models.commitments import Commitment
from ..models.notes import Note
from ..models.pauses import PauseRecord
from ..models.record import ClientRecord
from ..models.session import Session
from ..models.version_delta import compact_doc, expand_all
from .atomic import atomic_write_bytes
from .errors import CorruptFile, WriteFailed
from .jsonfile import CLIENT_SCHEMA_VERSION
from .storage import META_TABLE, AtomicJSONStorage, meta_table

KIND = "client"

M = TypeVar("M", bound=BaseModel)

TABLES: dict[str, type[BaseModel]] = {
    "versions": AllianceVersion,
    "sessions": Session,
    "notes": Note,
    "commitments": Commitment,
    "pauses": PauseRecord,
}


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def client_file_bytes(record: ClientRecord) -> bytes:
    """A whole client's file, as create() followed by one insert per record would leave it.

    TinyDB numbers each table's documents from 1; alliance versions are stored
    as what changed since the one before (models/version_delta.py).
    """
    import orjson

    data: dict[str, Any] = {META_TABLE: meta_table(KIND), "client": {"1": dump(record.client)}}
    for name in TABLES:
        models: list[BaseModel] = getattr(record, name)
        if not models:
            continue
        if name == "versions":
            docs = [compact_doc(record.versions[n - 1] if n else None, v) for n, v in enumerate(record.versions)]
        else:
            docs = [dump(m) for m in models]
        data[name] = {str(n): doc for n, doc in enumerate(docs, start=1)}
    return orjson.dumps(data)


class ClientFile:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.db = TinyDB(path, storage=AtomicJSONStorage, kind=KIND, read_only=read_only)
        self.storage: AtomicJSONStorage = self.db.storage  # type: ignore[assignment]
        self._last_insert: dict[str, tuple[int, int]] = {}  # table -> (id inserted, table length) after our insert

    @classmethod
    def create(cls, path: Path, client: Client) -> ClientFile:
        """Write the whole new file in one atomic step: it never exists half-made."""
        import orjson

        data = {META_TABLE: meta_table(KIND), "client": {"1": dump(client)}}
        try:
            atomic_write_bytes(path, orjson.dumps(data))
        except OSError as exc:
            raise WriteFailed.from_os_error(path, exc) from exc
        return cls(path)

    @classmethod
    def create_from_record(cls, path: Path, record: ClientRecord) -> ClientFile:
        """A whole client in one atomic write (bulk import, the benchmark's generator)."""
        try:
            atomic_write_bytes(path, client_file_bytes(record))
        except OSError as exc:
            raise WriteFailed.from_os_error(path, exc) from exc
        return cls(path)

    def load(self) -> ClientRecord:
        data = self.storage.read()
        if data is None:
            raise CorruptFile(self.path, "is missing.")
        try:
            docs = list(data.get("client", {}).values())
            if len(docs) != 1:
                raise CorruptFile(self.path, "does not hold exactly one client.")
            lists: dict[str, list[Any]] = {
                name: [model.model_validate(doc) for doc in data.get(name, {}).values()]
                for name, model in TABLES.items()
                if name != "versions"
            }
            lists["versions"] = expand_all(list(data.get("versions", {}).values()))
            return ClientRecord(client=Client.model_validate(docs[0]), **lists)
        except (KeyError, TypeError) as exc:
            raise CorruptFile(
                self.path, "holds an alliance version that does not follow from the one before it."
            ) from exc
        except ValidationError as exc:
            raise CorruptFile(self.path, f"holds a record that does not validate: {exc.errors()[0]['msg']}.") from exc

    def insert(self, table: str, model: BaseModel) -> None:
        """Append one document exactly as TinyDB's insert would (next id = highest + 1).

        TinyDB's own insert re-keys every document of the table twice on each
        call; for a client with thousands of notes that cost more than
        serialising the file. Writing goes through the same atomic storage,
        which encodes only the new document (AtomicJSONStorage.append).
        """
        data = self.storage.read()
        if data is None:
            raise CorruptFile(self.path, "is missing.")
        next_id = self._next_id(table, data.get(table, {}))
        self.storage.append(table, str(next_id), dump(model))
        self._last_insert[table] = (next_id, len(data[table]))

    def insert_version(self, previous: AllianceVersion | None, version: AllianceVersion) -> None:
        """A new alliance version, stored as what changed since the previous one.

        A file written before versions were stored this way is marked with the
        newer schema in the same write, so an older release refuses it instead
        of reading the version as an empty agreement.
        """
        data = self.storage.read()
        if data is None:
            raise CorruptFile(self.path, "is missing.")
        doc = compact_doc(previous, version)
        meta = data.get(META_TABLE, {}).get("1", {})
        if meta.get("schema", CLIENT_SCHEMA_VERSION) >= CLIENT_SCHEMA_VERSION:
            next_id = self._next_id("versions", data.get("versions", {}))
            self.storage.append("versions", str(next_id), doc)
            self._last_insert["versions"] = (next_id, len(data["versions"]))
            return
        # TinyDB's storages are handed the whole data to write: the bump and the version land together.
        updated = {**data, META_TABLE: meta_table(KIND)}
        table = dict(updated.get("versions", {}))
        table[str(max(map(int, table), default=0) + 1)] = doc
        updated["versions"] = table
        self.storage.write(updated)

    def _next_id(self, table: str, docs: dict[str, Any]) -> int:
        """Highest id + 1, without scanning thousands of ids on every note.

        The id this file last inserted is trusted while it is still the table's
        last key and the table has not grown or shrunk since; anything else
        (another writer, a re-read after a failure) falls back to the scan.
        Either way the id is one the table does not hold.
        """
        last = self._last_insert.get(table)
        if (
            last is not None
            and last[1] == len(docs)
            and next(reversed(docs), None) == str(last[0])
            and str(last[0] + 1) not in docs
        ):
            return last[0] + 1
        return max(map(int, docs), default=0) + 1

    def replace(self, table: str, model: BaseModel) -> None:
        record_id = model.model_dump(include={"id"})["id"]
        updated = self.db.table(table, cache_size=0).update(dump(model), Query().id == record_id)
        if not updated:
            self.insert(table, model)

    def set_client(self, client: Client) -> None:
        self.replace("client", client)

    def forget(self) -> None:
        self.storage.forget()

    def close(self) -> None:
        self.db.close()
