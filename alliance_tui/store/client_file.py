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
from ..models.contacts import Contact
from ..models.ladder import SuccessLadder
from ..models.notes import Note
from ..models.pauses import PauseRecord
from ..models.present import Archived
from ..models.programme import Programme
from ..models.put_away import settle
from ..models.record import ClientRecord
from ..models.revisit import RevisitDraft
from ..models.session import Session
from ..models.version_delta import compact_doc, expand_all
from .atomic import write_data_file
from .errors import CorruptFile, WriteFailed
from .history import BASE_TABLE, find_in_history, history_dir, history_docs, merge_into, session_path, update_in_history
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
    "contacts": Contact,
    "programmes": Programme,  # small per-client state: always in the present, never put away
    "ladders": SuccessLadder,  # small per-client state: never put away with a session
    "revisit_draft": RevisitDraft,  # a revisit left half-way (store/revisits.py): at hand until it is saved
}


ARCHIVED_TABLE = "archived"  # the figures of what is put away (models/present.py: Archived)
COMPACT_VERSIONS_SCHEMA = 2  # from this schema on, versions are stored as what changed

ORDER: dict[str, Any] = {
    "sessions": lambda s: s.number,
    "notes": lambda n: n.created,
    "pauses": lambda p: p.started,
    "commitments": lambda c: c.created,
    "contacts": lambda c: c.created,
    "programmes": lambda p: p.number,
    "ladders": lambda ladder: ladder.programme,
    "revisit_draft": lambda draft: draft.started,
}


def validated(model: type[M], path: Path, doc: Any) -> M:
    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        raise CorruptFile(path, f"holds a record that does not validate: {exc.errors()[0]['msg']}.") from exc


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
        self.history = history_dir(path)  # the ended sessions' own files (store/history.py)
        self.archived = Archived()  # read by load()

    @classmethod
    def create(cls, path: Path, client: Client) -> ClientFile:
        """Write the whole new file in one atomic step: it never exists half-made."""
        import orjson

        data = {META_TABLE: meta_table(KIND), "client": {"1": dump(client)}}
        try:
            write_data_file(path, orjson.dumps(data))
        except OSError as exc:
            raise WriteFailed.from_os_error(path, exc) from exc
        return cls(path)

    @classmethod
    def create_from_record(cls, path: Path, record: ClientRecord) -> ClientFile:
        """A whole client in one atomic write (bulk import, the benchmark's generator)."""
        try:
            write_data_file(path, client_file_bytes(record))
        except OSError as exc:
            raise WriteFailed.from_os_error(path, exc) from exc
        return cls(path)

    def load(self) -> ClientRecord:
        """What is at hand in the present file (models/present.py); the figures of what is put away go to archived."""
        data = self.storage.read()
        if data is None:
            raise CorruptFile(self.path, "is missing.")
        try:
            docs = list(data.get("client", {}).values())
            if len(docs) != 1:
                raise CorruptFile(self.path, "does not hold exactly one client.")
            kept = list(data.get(ARCHIVED_TABLE, {}).values())
            archived = Archived.model_validate(kept[0]) if kept else Archived()
            lists: dict[str, list[Any]] = {
                name: [model.model_validate(doc) for doc in data.get(name, {}).values()]
                for name, model in TABLES.items()
                if name != "versions"
            }
            lists["versions"] = expand_all(list(data.get("versions", {}).values()), archived.alliance)
            record = ClientRecord(client=Client.model_validate(docs[0]), **lists)
        except (KeyError, TypeError) as exc:
            raise CorruptFile(
                self.path, "holds an alliance version that does not follow from the one before it."
            ) from exc
        except ValidationError as exc:
            raise CorruptFile(self.path, f"holds a record that does not validate: {exc.errors()[0]['msg']}.") from exc
        self.archived = archived
        return record

    def load_whole(self) -> ClientRecord:
        """Everything about the client: every session's file and the present, read now from disk.

        A record in both (the copy of the latest session ended, a write
        interrupted while a session was put away) counts once, as the present
        has it. Each list is in the order the records were made.
        """
        present = self.storage.read()
        if present is None:
            raise CorruptFile(self.path, "is missing.")
        sources = [*history_docs(self.history), (self.path, present)]
        by_table: dict[str, dict[str, tuple[Path, dict[str, Any]]]] = {name: {} for name in TABLES}
        for path, data in sources:
            for name in TABLES:
                for doc in data.get(name, {}).values():
                    by_table[name][str(doc.get("id"))] = (path, doc)
        client_docs = list(present.get("client", {}).values())
        if len(client_docs) != 1:
            raise CorruptFile(self.path, "does not hold exactly one client.")
        lists: dict[str, list[Any]] = {}
        for name, model in TABLES.items():
            if name == "versions":
                continue
            models = [validated(model, path, doc) for path, doc in by_table[name].values()]
            lists[name] = sorted(models, key=ORDER[name])
        versions = sorted(by_table["versions"].values(), key=lambda pair: int(pair[1].get("number", 0)))
        try:
            lists["versions"] = expand_all([doc for _, doc in versions])
        except (KeyError, TypeError) as exc:
            where = versions[0][0] if versions else self.path
            raise CorruptFile(where, "holds an alliance version that does not follow from the one before it.") from exc
        except ValidationError as exc:
            raise CorruptFile(self.path, f"holds a record that does not validate: {exc.errors()[0]['msg']}.") from exc
        return ClientRecord(client=validated(Client, self.path, client_docs[0]), **lists)

    def insert(self, table: str, model: BaseModel) -> None:
        """TinyDB's own insert: the present file is small, whatever the client's age."""
        self.db.table(table, cache_size=0).insert(dump(model))

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
        if meta.get("schema", CLIENT_SCHEMA_VERSION) >= COMPACT_VERSIONS_SCHEMA:
            self.db.table("versions", cache_size=0).insert(doc)
            return
        # TinyDB's storages are handed the whole data to write: the bump and the version land together.
        updated = {**data, META_TABLE: meta_table(KIND)}
        table = dict(updated.get("versions", {}))
        table[str(max(map(int, table), default=0) + 1)] = doc
        updated["versions"] = table
        self.storage.write(updated)
        self.db.clear_cache()

    def replace(self, table: str, model: BaseModel) -> None:
        """The record wherever it is kept: the present file, or the file of the session it was put away with.

        An ended session is in both (the present keeps a copy of the latest):
        both are written, the session's own file first.
        """
        doc = dump(model)
        record_id = doc["id"]
        if table == "sessions" and doc.get("ended") is not None and doc.get("number", 0) <= self.archived.through:
            update_in_history(self.history, table, doc)
        if self.db.table(table, cache_size=0).update(doc, Query().id == record_id):
            return
        if table != "client" and update_in_history(self.history, table, doc) is not None:
            return
        self.insert(table, model)

    def held_in_history(self, table: str, record_id: str) -> BaseModel | None:
        """A record put away with its session, as stored there now (None if no session's file has it)."""
        doc = find_in_history(self.history, table, record_id)
        return None if doc is None else validated(TABLES[table], self.history, doc)

    def put_away(self, live: ClientRecord, through: int) -> ClientRecord:
        """Every session up to through ended: their records go to their own files; returns what stays.

        What goes where is models/put_away.settle's, which the readers use
        while a session waits, so both agree. The session files are written
        first (each merged by id, so doing it again after a stop changes
        nothing), then the present file shrinks in one write that also keeps
        the figures of what went (Archived). A stop in between leaves records
        in both places, which every reader counts once, as the present has
        them, and the next put_away writes the same files again.
        """
        data = self.storage.read()
        if data is None:
            raise CorruptFile(self.path, "is missing.")
        settled = settle(live, self.archived, through)
        moves = settled.moves
        kept_ids = {name: {m.id for m in getattr(settled.present, name)} for name in TABLES}
        files: dict[int, dict[str, list[dict[str, Any]]]] = {}
        remaining: dict[str, dict[str, Any]] = {}
        for name, table in data.items():
            if name not in TABLES:
                remaining[name] = table
                continue
            kept = {}
            for key, doc in table.items():
                record_id = str(doc.get("id"))
                target = moves.get(name, {}).get(record_id)
                if target is not None:
                    files.setdefault(target, {}).setdefault(name, []).append(doc)
                if record_id in kept_ids[name]:
                    kept[key] = doc
            if kept:
                remaining[name] = kept
        whole = {v.number: v for v in [self.archived.alliance, *live.versions] if v is not None}
        for number, docs in sorted(files.items()):
            first = min((int(d.get("number", 0)) for d in docs.get("versions", [])), default=None)
            if first is not None and first - 1 in whole:
                docs[BASE_TABLE] = [dump(whole[first - 1])]
            merge_into(session_path(self.history, number), docs)
        remaining[META_TABLE] = meta_table(KIND)
        remaining[ARCHIVED_TABLE] = {"1": settled.archived.model_dump(mode="json")}
        self.storage.write(remaining)
        self.db.clear_cache()
        self.archived = settled.archived
        return settled.present

    def remove(self, table: str, record_id: str) -> None:
        """Take one document out (an entry undone); the write is atomic like every other."""
        self.db.table(table, cache_size=0).remove(Query().id == record_id)

    def set_client(self, client: Client) -> None:
        self.replace("client", client)

    def forget(self) -> None:
        self.storage.forget()

    def close(self) -> None:
        self.db.close()
