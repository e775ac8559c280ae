"""Backups: one JSON file for the whole practice, and automatic rotating copies.

``write_backup`` serialises every client into one schema-versioned file that a
coach can keep anywhere. ``read_backup`` validates such a file completely before
``restore_backup`` touches the practice; a damaged file or one from a newer
Alliance TUI is refused and nothing changes. A restore never overwrites data
silently: into a practice that already holds data it needs ``replace=True``, and
even then what was there is first moved to ``backups/before-restore-<time>/``.

Automatic backups are cheap: every write in the store replaces its file
atomically (a new inode), so a snapshot is a directory of hard links to today's
files, costing no copying and no re-serialising. One is taken per day, the last
``AUTO_KEEP`` are kept, in ``<practice>/backups/`` (0700, files 0600).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import __version__
from ..models.errors import describe
from ..models.fields import UtcDatetime
from ..models.progress import Progress
from ..models.record import ClientRecord
from ..models.settings import PracticeSettings
from .atomic import atomic_write_bytes, ensure_private_dir, fsync_dir, write_data_file
from .auto_backup import (
    AUTO_KEEP,
    AUTO_PREFIX,
    BACKUPS_DIR,
    all_backups,
    automatic_backups,
    backups_dir,
    take_automatic_backup,
    take_automatic_backup_quietly,
)
from .client_file import ClientFile, client_file_bytes
from .errors import FileProblem, StoreError, WriteFailed
from .jsonfile import damage
from .lock import PracticeLock
from .paths import usable_client_id
from .storage import META_TABLE, SCHEMA_VERSION, load_json, meta_table

if TYPE_CHECKING:
    from .crypto.envelope import Unlock
    from .crypto.vault import Vault
    from .practice import PracticeStore

BACKUP_FORMAT: Literal["alliance-tui-backup"] = "alliance-tui-backup"
BEFORE_RESTORE_PREFIX = "before-restore-"
PRACTICE_FILE = "practice.json"  # the same names PracticeStore uses
CLIENTS_DIR = "clients"
MAX_BACKUP_BYTES = 2 * 1024**3


__all__ = [
    "AUTO_KEEP",
    "AUTO_PREFIX",
    "BACKUPS_DIR",
    "BackupRefused",
    "PracticeBackup",
    "RestoreResult",
    "all_backups",
    "automatic_backups",
    "backups_dir",
    "check_backup",
    "practice_backup",
    "practice_is_empty",
    "read_backup",
    "read_snapshot",
    "restore_backup",
    "take_automatic_backup",
    "take_automatic_backup_quietly",
    "write_backup",
]


class BackupRefused(StoreError):
    """A backup or restore was refused; nothing was changed. The message says why and what to do."""


class PracticeBackup(BaseModel):
    """The whole practice in one document."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)  # only backups need it

    format: Literal["alliance-tui-backup"] = BACKUP_FORMAT
    schema_version: int = Field(default=SCHEMA_VERSION, alias="schema", ge=1)
    created: UtcDatetime
    app_version: str = __version__
    settings: PracticeSettings = Field(default_factory=PracticeSettings)
    clients: list[ClientRecord] = Field(default_factory=list)

    def to_json(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json", by_alias=True), option=orjson.OPT_INDENT_2)


@dataclass
class RestoreResult:
    clients: int
    moved_aside: Path | None = None
    notes: list[str] = field(default_factory=list)


# ----------------------------------------------------------------- writing a backup


def practice_backup(
    store: PracticeStore, *, now: datetime, skip_damaged: bool = False, progress: Progress | None = None
) -> tuple[PracticeBackup, list[str]]:
    """Everything in an open PracticeStore; returns the backup and the clients left out.

    ``progress(done, total)`` is called as each client is read: a large practice takes seconds.
    """
    records: list[ClientRecord] = []
    left_out: list[str] = []
    summaries = store.summaries(include_archived=True)
    for done, summary in enumerate(summaries):
        if progress is not None:
            progress(done, len(summaries))
        try:
            records.append(store.record(summary.id))
        except StoreError as exc:
            if not skip_damaged:
                raise BackupRefused(
                    f"{summary.name}'s file cannot be read, so a backup would miss them ({exc.message}). "
                    "Nothing was written; use --skip-damaged to back up everyone else."
                ) from exc
            left_out.append(summary.name)
    records.sort(key=lambda r: (r.client.created, r.client.id))
    return PracticeBackup(created=now, settings=store.settings, clients=records), left_out


def write_backup(
    store: PracticeStore,
    target: Path,
    *,
    now: datetime,
    overwrite: bool = False,
    skip_damaged: bool = False,
    progress: Progress | None = None,
) -> tuple[PracticeBackup, list[str]]:
    """Write the whole practice to ``target`` atomically, readable by this user only."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise BackupRefused(f"{target} is a directory; give a file name, e.g. {target / 'practice-backup.json'}.")
    if not target.parent.is_dir():
        raise BackupRefused(f"The folder {target.parent} does not exist. Nothing was written.")
    if target.exists() and not overwrite:
        raise BackupRefused(f"{target} already exists; it was left as it is. Choose another name or use --overwrite.")
    backup, left_out = practice_backup(store, now=now, skip_damaged=skip_damaged, progress=progress)
    try:
        atomic_write_bytes(target, backup_bytes(store, backup))  # 0600 from the start: no chmod through the name
    except OSError as exc:
        raise WriteFailed.from_os_error(target, exc) from exc
    return backup, left_out


def backup_bytes(store: PracticeStore, backup: PracticeBackup) -> bytes:
    """The backup file's bytes: encrypted with the practice's key, and its header, when the practice is."""
    from .crypto.vault import vault_for

    vault = store.vault or vault_for(store.practice_path)
    if vault is None or not vault.seals:
        return backup.to_json()
    from .crypto.envelope import seal_backup

    return seal_backup(vault.key, vault.header, backup.to_json())


# ----------------------------------------------------------------- reading and checking a backup


def _where(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    """'Daniel Reyes, notes item 3' rather than 'clients.1.notes.2.text'."""
    if len(loc) >= 2 and loc[0] == "clients" and isinstance(loc[1], int):
        name = ""
        with contextlib.suppress(Exception):
            name = str(data["clients"][loc[1]]["client"]["name"])
        parts = [f"client {loc[1] + 1}" + (f" ({name})" if name else "")]
        if len(loc) >= 4 and isinstance(loc[3], int):
            parts.append(f"{loc[2]} item {loc[3] + 1}")
        elif len(loc) >= 3:
            parts.append(str(loc[2]))
        return ", ".join(parts)
    return str(loc[0]) if loc else "the file"


def check_backup(data: object, source: str) -> PracticeBackup:
    """Validate a parsed backup completely; raise BackupRefused naming the first problem."""
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise BackupRefused(f"{source} is not an Alliance TUI backup. Nothing was changed.")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise BackupRefused(f"{source} has no schema version; it is damaged. Nothing was changed.")
    if schema > SCHEMA_VERSION:
        raise BackupRefused(
            f"{source} was written by a newer Alliance TUI (schema {schema}; this version reads up to "
            f"{SCHEMA_VERSION}). Upgrade Alliance TUI to restore it. Nothing was changed."
        )
    try:
        backup = PracticeBackup.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BackupRefused(
            f"{source} is damaged at {_where(tuple(first.get('loc', ())), data)}: {describe(exc).split('. ')[0]}. "
            "Nothing was changed."
        ) from exc
    ids: set[str] = set()
    names: set[str] = set()
    for record in backup.clients:
        client = record.client
        if not usable_client_id(client.id):
            raise BackupRefused(f"{source} holds a client with an unusable id ({client.id!r}). Nothing was changed.")
        if client.id in ids:
            raise BackupRefused(f"{source} holds the same client twice ({client.name}). Nothing was changed.")
        if client.name.casefold() in names:
            raise BackupRefused(f"{source} holds two clients called {client.name}. Nothing was changed.")
        ids.add(client.id)
        names.add(client.name.casefold())
    return backup


def read_backup(path: Path, unlock: Unlock | None = None) -> PracticeBackup:
    """A backup file, or an automatic backup folder, checked in full; nothing is written.

    unlock gives the data key of an encrypted backup from its header (the CLI asks the coach).
    """
    path = Path(path).expanduser()
    if path.is_dir():
        return read_snapshot(path, unlock)
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            raise BackupRefused(f"{path} is too large to be an Alliance TUI backup. Nothing was changed.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BackupRefused(f"{path} does not exist. Nothing was changed.") from None
    except OSError as exc:
        raise BackupRefused(f"{path} cannot be read ({exc.strerror or exc}). Nothing was changed.") from exc
    from .crypto.envelope import EnvelopeRefused, is_envelope, open_backup

    if is_envelope(raw):
        try:
            raw = open_backup(raw, str(path), unlock)
        except EnvelopeRefused as exc:
            raise BackupRefused(f"{exc} Nothing was changed.") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BackupRefused(f"{path} is damaged ({damage(raw, exc)}). Nothing was changed.") from exc
    return check_backup(data, str(path))


def _snapshot_vault(folder: Path, unlock: Unlock | None) -> Vault | None:
    """The key of an encrypted backup folder: the practice's own if it opens it, else asked through unlock."""
    from .crypto.header import Locked, read_header
    from .crypto.vault import Vault, vault_for

    header = read_header(folder)
    if header is None:
        return None
    covering = vault_for(folder / PRACTICE_FILE)
    if covering is not None:
        with contextlib.suppress(Locked):
            header.verify(covering.key)
            return Vault(folder, covering.key, header)
    if unlock is None:
        raise BackupRefused(
            f"{folder} is an encrypted backup: its passphrase is needed to read it. Nothing was changed."
        )
    return Vault(folder, unlock(header, str(folder)), header)


def read_snapshot(folder: Path, unlock: Unlock | None = None) -> PracticeBackup:
    """An automatic backup folder (practice.json + clients/) read as a backup."""
    from .crypto.vault import attach, detach

    vault = _snapshot_vault(folder, unlock)
    if vault is not None:
        attach(vault)
    try:
        return _read_snapshot(folder)
    finally:
        if vault is not None:
            detach(vault)


def _read_snapshot(folder: Path) -> PracticeBackup:
    practice = folder / PRACTICE_FILE
    clients_dir = folder / CLIENTS_DIR
    if not practice.is_file() or not clients_dir.is_dir():
        raise BackupRefused(
            f"{folder} is neither a backup file nor an automatic backup folder "
            f"(it has no {PRACTICE_FILE} and {CLIENTS_DIR}/). Nothing was changed."
        )
    try:
        index = load_json(practice, "practice")
        settings_docs = list(index.get("settings", {}).values())
        settings = PracticeSettings.model_validate(settings_docs[0]) if settings_docs else PracticeSettings()
        records = []
        for path in sorted(clients_dir.glob("*.json")):
            file = ClientFile(path, read_only=True)
            try:
                records.append(file.load_whole())
            finally:
                file.close()
    except FileProblem as exc:
        raise BackupRefused(f"{exc.message} Nothing was changed.") from exc
    except ValidationError as exc:
        raise BackupRefused(f"{practice} holds settings that do not validate ({describe(exc)}).") from exc
    records.sort(key=lambda r: (r.client.created, r.client.id))
    created = datetime.fromtimestamp(practice.stat().st_mtime).astimezone()
    backup = PracticeBackup(created=created, settings=settings, clients=records)
    return check_backup(backup.model_dump(mode="json", by_alias=True), str(folder))


# ----------------------------------------------------------------- restoring


def _practice_file_bytes(settings: PracticeSettings) -> bytes:
    data = {META_TABLE: meta_table("practice"), "settings": {"1": settings.model_dump(mode="json")}}
    return orjson.dumps(data)


def practice_is_empty(data_dir: Path) -> bool:
    """No client files and no practice index worth keeping."""
    clients = data_dir / CLIENTS_DIR
    if clients.is_dir() and any(clients.glob("*.json")):
        return False
    index = data_dir / PRACTICE_FILE
    if not index.exists():
        return True
    try:
        data = load_json(index, "practice")
    except FileProblem:
        return False
    settings = list(data.get("settings", {}).values())
    if data.get("clients"):
        return False
    try:
        return not settings or PracticeSettings.model_validate(settings[0]) == PracticeSettings()
    except ValidationError:
        return False  # settings we cannot read are still the coach's: keep them


def _stamp_name(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


def restore_backup(
    data_dir: Path, backup: PracticeBackup, *, now: datetime, replace: bool = False, progress: Progress | None = None
) -> RestoreResult:
    """Make the practice at ``data_dir`` hold exactly what ``backup`` holds.

    Refuses while Alliance TUI has the practice open. Into a practice that holds
    data, refuses unless ``replace``; with it, the current practice.json and
    clients/ are moved to backups/before-restore-<time>/ first, never deleted.
    """
    data_dir = Path(data_dir).expanduser()
    had_data = data_dir.exists() and not practice_is_empty(data_dir)
    if had_data and not replace:
        raise BackupRefused(
            f"The practice at {data_dir} already holds data; restoring would replace it. Nothing was changed. "
            f"Run restore again with --replace to move the current data to {data_dir / BACKUPS_DIR}/"
            f"{BEFORE_RESTORE_PREFIX}<time>/ and restore the backup in its place."
        )
    try:
        ensure_private_dir(data_dir)
    except OSError as exc:
        raise BackupRefused(f"Cannot use {data_dir} for the practice: {exc.strerror or exc}.") from exc
    lock = PracticeLock(data_dir)
    if not lock.acquire():
        raise BackupRefused(
            f"Alliance TUI ({lock.holder}) has the practice at {data_dir} open. "
            "Close it, then run restore again. Nothing was changed."
        )
    try:
        has_data = not practice_is_empty(data_dir)
        if has_data and not replace:
            raise BackupRefused(f"The practice at {data_dir} gained data while restoring began. Nothing was changed.")
        return _restore_locked(data_dir, backup, now=now, had_data=has_data, progress=progress)
    except OSError as exc:
        raise WriteFailed.from_os_error(data_dir, exc) from exc
    finally:
        lock.release()


def _restore_locked(
    data_dir: Path, backup: PracticeBackup, *, now: datetime, had_data: bool, progress: Progress | None = None
) -> RestoreResult:
    """Write the new practice beside the old, then swap them by renames.

    A crash before the swap leaves the old practice untouched (and a staging
    folder that the next restore or erase removes); a crash between the two
    renames leaves the old data in backups/before-restore-<time>/ and the new in
    the staging folder, both whole.
    """
    for leftover in data_dir.glob(".restore-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))  # 0700, made exclusively
    ensure_private_dir(staging / CLIENTS_DIR)
    try:
        for done, record in enumerate(backup.clients):
            if progress is not None:
                progress(done, len(backup.clients))
            write_data_file(staging / CLIENTS_DIR / f"{record.client.id}.json", client_file_bytes(record))
        write_data_file(staging / PRACTICE_FILE, _practice_file_bytes(backup.settings))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    moved: Path | None = None
    if had_data:
        ensure_private_dir(data_dir / BACKUPS_DIR)
        moved = data_dir / BACKUPS_DIR / f"{BEFORE_RESTORE_PREFIX}{_stamp_name(now)}"
        suffix = 1
        while moved.exists():
            suffix += 1
            moved = moved.with_name(f"{BEFORE_RESTORE_PREFIX}{_stamp_name(now)}-{suffix}")
        ensure_private_dir(moved)
        for name in (PRACTICE_FILE, CLIENTS_DIR):
            if (data_dir / name).exists():
                os.replace(data_dir / name, moved / name)
        fsync_dir(moved)
    elif (data_dir / CLIENTS_DIR).is_dir():
        (data_dir / CLIENTS_DIR).rmdir()  # empty: the practice held no client
    os.replace(staging / CLIENTS_DIR, data_dir / CLIENTS_DIR)
    os.replace(staging / PRACTICE_FILE, data_dir / PRACTICE_FILE)
    staging.rmdir()
    fsync_dir(data_dir)
    return RestoreResult(clients=len(backup.clients), moved_aside=moved)
