"""Where exports land: ``<practice>/exports/<client>-<id>/``, private to this user.

The folder name carries the client's id so that erasing a client finds every
file exported for them even after a change of name.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .atomic import atomic_write_bytes, ensure_private_dir
from .errors import InvalidInput, UnknownRecord, WriteFailed

EXPORTS_DIR = "exports"
ID_CHARS = 8


def slug(text: str) -> str:
    """A file-name-safe, readable form of a name: 'Zoë O'Neil' -> 'zoe-o-neil'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def exports_dir(data_dir: Path) -> Path:
    return Path(data_dir) / EXPORTS_DIR


def client_exports_dir(data_dir: Path, client_id: str, name: str) -> Path:
    stem = slug(name) or "client"
    return exports_dir(data_dir) / f"{stem}-{client_id[:ID_CHARS]}"


def client_export_dirs(data_dir: Path, client_id: str) -> list[Path]:
    """Every export folder of one client, whatever they were called when it was made."""
    folder = exports_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.endswith(f"-{client_id[:ID_CHARS]}"))


def write_export(folder: Path, filename: str, text: str) -> Path:
    """Write one export atomically (0600 in a 0700 folder) and return where it went."""
    target = folder / filename
    try:
        ensure_private_dir(folder.parent)
        ensure_private_dir(folder)
        atomic_write_bytes(target, text.encode("utf-8"))
    except OSError as exc:
        raise WriteFailed.from_os_error(target, exc) from exc
    return target


def replace_export(folder: Path, filename: str, text: str) -> tuple[Path, bytes | None]:
    """Write one export as write_export does; also what the file held before (None: it is new), for ctrl+z."""
    target = folder / filename
    try:
        before: bytes | None = target.read_bytes()
    except FileNotFoundError:
        before = None
    except OSError as exc:
        raise WriteFailed.from_os_error(target, exc) from exc
    return write_export(folder, filename, text), before


def take_back_export(path: Path, before: bytes | None, written: bytes) -> None:
    """An export taken back: removed, or its earlier text put back; refused once the file was changed since."""
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        raise UnknownRecord("That file is gone already; nothing was undone.") from None
    except OSError as exc:
        raise WriteFailed.from_os_error(path, exc) from exc
    if now != written:
        raise InvalidInput(f"{path.name} was changed since it was written; nothing was undone.")
    try:
        if before is None:
            path.unlink()
        else:
            atomic_write_bytes(path, before)
    except OSError as exc:
        raise WriteFailed.from_os_error(path, exc) from exc
