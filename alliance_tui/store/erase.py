"""Erasing a client, as a coach must on the client's request.

Archiving hides a client and keeps everything; erasing removes every record:
the client's file, their entry in the practice index, every file exported for
them, and their copies in the automatic backups (those are pruned, not left to
expire). Then every file left in the practice folder is searched for the name,
and any that still mention it (another client's note, say) are listed so the
coach can decide; nothing the coach wrote about someone else is deleted.

It works on an open PracticeStore and reaches into its in-memory caches on
purpose: the client must vanish from the running app too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..models.wording import plural
from .atomic import fsync_dir, write_data_file
from .backup import BACKUPS_DIR, CLIENTS_DIR, PRACTICE_FILE
from .calendar_matches import forget_client_matches
from .errors import FileProblem, InvalidInput, StoreError
from .export_files import client_export_dirs, exports_dir
from .jsonfile import read_data_bytes
from .storage import load_json

if TYPE_CHECKING:
    from .practice import PracticeStore

SKIPPED_NAMES = {".lock"}


@dataclass
class ErasureReport:
    name: str
    record_counts: dict[str, int] = field(default_factory=dict)
    file_removed: bool = False
    exports_removed: int = 0
    backups_pruned: int = 0
    still_mentioned: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """What was removed, one line each, in the coach's words."""
        lines = []
        if self.file_removed:
            held = ", ".join(plural(n, label) for label, n in self.record_counts.items() if n)
            lines.append(f"Their file{f' ({held})' if held else ''}.")
        lines.append("Their entry in the practice index.")
        if self.exports_removed:
            lines.append(f"{plural(self.exports_removed, 'exported file')} (recaps, alliance documents, hours logs).")
        if self.backups_pruned:
            lines.append(f"Their copies in {plural(self.backups_pruned, 'automatic backup')}.")
        return lines

    @property
    def caveats(self) -> list[str]:
        found = [
            "Backup files you made yourself with 'alliance-tui backup' are outside the practice folder "
            "and still hold them until you delete them."
        ]
        if self.still_mentioned:
            found.append("Their name still appears in: " + "; ".join(self.still_mentioned) + ".")
        return found

    @property
    def details(self) -> str:
        """What was removed and what remains, without the headline."""
        return "\n".join(["Removed:", *(f"- {line}" for line in self.lines), *self.caveats])

    @property
    def text(self) -> str:
        return f"Erased {self.name}. {self.details}"


def names_match(typed: str, name: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


def erase_client(store: PracticeStore, client_id: str, typed_name: str) -> ErasureReport:
    """Remove every record of one client once the coach has typed their name."""
    with store.core.lock:
        store.core.check_writable()
        summary = store.summary(client_id)
        if not names_match(typed_name, summary.name):
            raise InvalidInput(f"To erase, type the client's name exactly: {summary.name}. Nothing was erased.")
        report = ErasureReport(name=summary.name)
        with contextlib.suppress(StoreError):
            record = store.record(client_id)
            report.record_counts = {
                "session": len(record.sessions),
                "note": len(record.notes),
                "commitment": len(record.commitments),
                "alliance version": len(record.versions),
                "pause": len(record.pauses),
                "contact": len(record.contacts),
                "programme": len(record.programmes),
            }
        path = store.client_path(client_id)
        store.client_records.forget(client_id)
        forget_client_matches(store, client_id)  # the calls matched to them in the calendar
        store.index.remove(client_id)
        store.client_records.broken.pop(client_id, None)
        store.problems = [p for p in store.problems if summary.name not in p]
        if path.exists():
            path.unlink()
            fsync_dir(path.parent)
            report.file_removed = True
        if path.with_suffix("").is_dir():  # their ended sessions' files (store/history.py)
            shutil.rmtree(path.with_suffix(""))
            fsync_dir(path.parent)
            report.file_removed = True
        _remove_leftovers(store.data_dir)
        report.exports_removed = _remove_exports(store.data_dir, client_id, summary.name)
        report.backups_pruned = _prune_backups(store.data_dir, client_id)
        report.still_mentioned = _mentions(store, summary.name, client_id)
        return report


def _remove_leftovers(data_dir: Path) -> None:
    """Half-made restores and snapshots from a killed process hold no acknowledged data, but may hold the name."""
    for pattern, root in ((".restore-*", data_dir), (".*.partial", data_dir / BACKUPS_DIR)):
        if root.is_dir():
            for leftover in root.glob(pattern):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)


def _remove_exports(data_dir: Path, client_id: str, name: str) -> int:
    removed = 0
    for folder in client_export_dirs(data_dir, client_id):
        removed += sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
    # Practice-wide exports (an hours log) that name the client are regenerated on demand.
    root = exports_dir(data_dir)
    if root.is_dir():
        for path in root.rglob("*"):
            if path.is_file() and _mentions_text(path, name, client_id):
                path.unlink()
                removed += 1
    return removed


def _prune_backups(data_dir: Path, client_id: str) -> int:
    """Take the client out of every snapshot under backups/, rewriting each copy of the index."""
    root = data_dir / BACKUPS_DIR
    if not root.is_dir():
        return 0
    pruned = 0
    for snapshot in sorted(p for p in root.iterdir() if p.is_dir()):
        touched = False
        client_file = snapshot / CLIENTS_DIR / f"{client_id}.json"
        if client_file.exists():
            client_file.unlink()
            fsync_dir(client_file.parent)
            touched = True
        if client_file.with_suffix("").is_dir():
            shutil.rmtree(client_file.with_suffix(""))
            fsync_dir(client_file.parent)
            touched = True
        index = snapshot / PRACTICE_FILE
        if index.exists() and client_id in _text_of(index):
            touched = _drop_from_index(index, client_id) or touched
        pruned += touched
    return pruned


def _drop_from_index(index: Path, client_id: str) -> bool:
    """A new file, never an edit in place: the copy may be a hard link to a live file."""
    try:
        data: dict[str, Any] = load_json(index, "practice")
    except FileProblem:
        return False
    clients = data.get("clients", {})
    kept = {
        k: v for k, v in clients.items() if not (isinstance(v, dict) and v.get("summary", {}).get("id") == client_id)
    }
    if len(kept) == len(clients):
        return False
    data["clients"] = kept
    write_data_file(index, orjson.dumps(data))
    return True


def _forms(name: str) -> set[str]:
    """The name as typed and as JSON stores it (a quote or backslash is escaped there)."""
    return {name.casefold(), orjson.dumps(name).decode()[1:-1].casefold()}


def _text_of(path: Path) -> str:
    """A file's text as the practice wrote it, opened if sealed; "" when it cannot be read or opened."""
    try:
        return read_data_bytes(path, path.read_bytes()).decode("utf-8", errors="replace")
    except (OSError, FileProblem):
        return ""


def _mentions_text(path: Path, name: str, client_id: str) -> bool:
    text = _text_of(path).casefold()
    return client_id in text or any(form in text for form in _forms(name))


def _mentions(store: PracticeStore, name: str, client_id: str) -> list[str]:
    """Every file under the practice folder that still names the client, described for the coach."""
    found: list[str] = []
    names = {s.id: s.name for s in store.summaries()}
    for dirpath, _dirs, files in os.walk(store.data_dir):
        for filename in sorted(files):
            path = Path(dirpath) / filename
            if filename in SKIPPED_NAMES or not _mentions_text(path, name, client_id):
                continue
            owner = names.get(path.stem) if path.parent.name == CLIENTS_DIR else None
            where = path.relative_to(store.data_dir)
            found.append(f"{owner}'s file ({where})" if owner else str(where))
    return found
