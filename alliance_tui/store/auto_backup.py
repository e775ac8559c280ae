"""Automatic backups: one snapshot of the practice a day, taken when the app opens it.

Cheap, because every write in the store replaces its file atomically (a new
inode): a snapshot is a directory of hard links to today's files, costing no
copying and no re-serialising. The last ``AUTO_KEEP`` are kept, in
``<practice>/backups/`` (0700, files 0600). Apart from backup.py (whole-practice
backup files, which need the models), so that start-up imports nothing heavy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import ensure_private_dir, fsync_dir

if TYPE_CHECKING:
    from .practice import PracticeStore

BACKUPS_DIR = "backups"
AUTO_PREFIX = "auto-"
AUTO_KEEP = 7
PRACTICE_FILE = "practice.json"
HEADER_FILE = "encryption.json"  # store/crypto/header.py  # the same names PracticeStore uses
CLIENTS_DIR = "clients"


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR


def automatic_backups(data_dir: Path) -> list[Path]:
    """The automatic backups, oldest first."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith(AUTO_PREFIX))


def all_backups(data_dir: Path) -> list[Path]:
    """Every snapshot folder under backups/ (automatic and before-restore), oldest first."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    snapshots = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted(snapshots, key=lambda p: p.stat().st_mtime)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        os.chmod(target, 0o600)


def link_clients(source: Path, target: Path) -> None:
    """Every client's files (the present and each ended session's, store/history.py) into target, durably."""
    if not source.is_dir():
        return
    for path in sorted(source.glob("*.json")):
        _link_or_copy(path, target / path.name)
        sessions = path.with_suffix("")
        if sessions.is_dir():
            ensure_private_dir(target / sessions.name)
            for session in sorted(sessions.glob("*.json")):
                _link_or_copy(session, target / sessions.name / session.name)
            fsync_dir(target / sessions.name)
    fsync_dir(target)


def take_automatic_backup(data_dir: Path, *, now: datetime, keep: int = AUTO_KEEP) -> Path | None:
    """Today's snapshot of the practice, unless there already is one; prunes to the last ``keep``.

    Call it only while holding the practice lock (the app does, after opening).
    Returns the new folder, or None when today's already exists or there is nothing to keep.
    """
    data_dir = Path(data_dir)
    practice = data_dir / PRACTICE_FILE
    clients = sorted((data_dir / CLIENTS_DIR).glob("*.json")) if (data_dir / CLIENTS_DIR).is_dir() else []
    if not practice.exists() and not clients:
        return None
    folder = backups_dir(data_dir)
    target = folder / f"{AUTO_PREFIX}{now.astimezone():%Y-%m-%d}"
    if target.exists():
        return None
    if folder.is_dir():
        for leftover in folder.glob(".*.partial"):
            shutil.rmtree(leftover, ignore_errors=True)
    ensure_private_dir(folder)
    partial = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=folder))  # 0700
    ensure_private_dir(partial / CLIENTS_DIR)
    if practice.exists():
        _link_or_copy(practice, partial / PRACTICE_FILE)
    link_clients(data_dir / CLIENTS_DIR, partial / CLIENTS_DIR)
    if (data_dir / HEADER_FILE).exists():  # an encrypted practice's snapshot carries the header that opens it
        _link_or_copy(data_dir / HEADER_FILE, partial / HEADER_FILE)
    fsync_dir(partial)
    os.replace(partial, target)
    fsync_dir(folder)
    for old in automatic_backups(data_dir)[: max(0, len(automatic_backups(data_dir)) - keep)]:
        shutil.rmtree(old, ignore_errors=True)
    return target


def take_automatic_backup_quietly(store: PracticeStore, *, keep: int = AUTO_KEEP) -> str | None:
    """For start-up: a failure to snapshot must never stop the coach working; it becomes a problem line."""
    if store.read_only:
        return None
    try:
        take_automatic_backup(store.data_dir, now=store.clock(), keep=keep)
    except OSError as exc:
        message = f"Today's automatic backup could not be made ({exc.strerror or exc}); your data is unchanged."
        store.problems.append(message)
        return message
    return None
