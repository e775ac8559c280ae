"""Turning a practice's files sealed or plain, one file at a time, resumably.

The header goes first (state "encrypting" or "decrypting"), and while it says
so every reader takes either form. Each file is then replaced atomically by
its other form, so at every moment each file is whole and readable, plain or
sealed; a stop anywhere leaves a practice the next run of the same command
finishes (or the other command turns back). The header's last state is
written only once every file is done: "encrypted", or, turning back, the
header is removed last of all. Changing the passphrase rewraps the key in the
header and rewrites nothing else.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from ...models.progress import Progress
from ..atomic import atomic_write_bytes, fsync_dir, remove_stale_temporaries
from ..errors import StoreError
from ..lock import PracticeLock
from ..paths import HISTORY_DIGEST, usable_client_id
from .cipher import is_sealed
from .header import HEADER_FILE, Header, KdfParams, State, header_path, read_header, write_header
from .vault import CLIENTS_DIR, PRACTICE_FILE, Vault

BACKUPS_DIR = "backups"


class ConversionRefused(StoreError):
    """The conversion could not start or stopped at a file; the message says which and what to do."""


def practice_roots(data_dir: Path) -> list[Path]:
    """The practice folder and each copy of it kept under backups/ (automatic, before a restore)."""
    roots = [Path(data_dir)]
    backups = Path(data_dir) / BACKUPS_DIR
    if backups.is_dir():
        roots += sorted(p for p in backups.iterdir() if p.is_dir() and not p.name.startswith("."))
    return roots


def data_files(data_dir: Path) -> Iterator[Path]:
    """Every file the practice wrote that holds the coach's data: indexes and their kept copies, clients, sessions."""
    for root in practice_roots(data_dir):
        yield from sorted(p for p in root.glob(f"{PRACTICE_FILE}*") if p.is_file())
        clients = root / CLIENTS_DIR
        if not clients.is_dir():
            continue
        for present in sorted(clients.glob("*.json")):
            if usable_client_id(present.stem):
                yield present
        for folder in sorted(p for p in clients.iterdir() if p.is_dir() and usable_client_id(p.name)):
            yield from sorted(p for p in folder.glob("*.json") if p.stem.isdigit() or p.name == HISTORY_DIGEST)


def _temporaries_cleared(data_dir: Path) -> None:
    for root in practice_roots(data_dir):
        remove_stale_temporaries(root)
        clients = root / CLIENTS_DIR
        if clients.is_dir():
            remove_stale_temporaries(clients)
            for folder in clients.iterdir():
                if folder.is_dir():
                    remove_stale_temporaries(folder)


def _locked(data_dir: Path) -> PracticeLock:
    if not Path(data_dir).is_dir():
        raise ConversionRefused(f"There is no practice at {data_dir}. Nothing was changed.")
    lock = PracticeLock(Path(data_dir))
    if not lock.acquire():
        raise ConversionRefused(
            f"Alliance TUI ({lock.holder}) has the practice at {data_dir} open. Close it, then run this again. "
            "Nothing was changed."
        )
    return lock


def _replace(path: Path, data: bytes) -> None:
    """Atomically, and for a session's file with its temporary in the clients folder (cleared at every start)."""
    if path.parent.parent.name == CLIENTS_DIR:
        atomic_write_bytes(path, data, temp_dir=path.parent.parent)
    else:
        atomic_write_bytes(path, data)


def start_encryption(data_dir: Path, passphrase: str, kdf: KdfParams | None = None) -> tuple[Header, bytes]:
    """A new data key for a plain practice, its header written in state "encrypting"; returns both."""
    lock = _locked(data_dir)
    try:
        if read_header(data_dir) is not None:
            raise ConversionRefused(f"The practice at {data_dir} already has an encryption key. Nothing was changed.")
        header, key = Header.new(passphrase, kdf or KdfParams(), "encrypting")
        write_header(data_dir, header)
    finally:
        lock.release()
    return header, key


def convert(data_dir: Path, key: bytes, *, to_sealed: bool, progress: Progress | None = None) -> int:
    """Turn every data file the other way (sealed or plain); returns how many files were rewritten.

    key: the practice's data key, already checked against its header (unwrap or verify).
    """
    lock = _locked(data_dir)
    try:
        header = read_header(data_dir)
        if header is None:
            if to_sealed:
                raise ConversionRefused(f"The practice at {data_dir} has no encryption key yet. Nothing was changed.")
            return 0  # nothing is sealed: the practice is plain already
        header.verify(key)
        running: State = "encrypting" if to_sealed else "decrypting"
        if header.state != running:
            header = header.in_state(key, running)
            write_header(data_dir, header)
        vault = Vault(data_dir, key, header)
        _temporaries_cleared(data_dir)
        files = list(data_files(data_dir))
        rewritten = 0
        for done, path in enumerate(files):
            if progress is not None:
                progress(done, len(files))
            raw = path.read_bytes()
            if is_sealed(raw) == to_sealed:
                continue  # done before a stop, or never written plain
            _replace(path, vault.seal(path, raw) if to_sealed else vault.open(path, raw))
            rewritten += 1
        if progress is not None:
            progress(len(files), len(files))
        if to_sealed:
            header = header.in_state(key, "encrypted")
            write_header(data_dir, header)
            for root in practice_roots(data_dir)[1:]:  # each kept copy carries the header that opens it
                if any(root.iterdir()):
                    atomic_write_bytes(root / HEADER_FILE, header.to_json())
        else:
            for root in practice_roots(data_dir)[1:]:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(root / HEADER_FILE)
                    fsync_dir(root)
            os.unlink(header_path(data_dir))  # last: until now, a stop leaves a practice decrypt finishes
            fsync_dir(Path(data_dir))
        return rewritten
    finally:
        lock.release()


def change_passphrase(data_dir: Path, key: bytes, new_passphrase: str, kdf: KdfParams | None = None) -> Header:
    """Wrap the same data key under a new passphrase: the header alone is rewritten."""
    lock = _locked(data_dir)
    try:
        header = read_header(data_dir)
        if header is None:
            raise ConversionRefused(f"The practice at {data_dir} is not encrypted. Nothing was changed.")
        header.verify(key)
        header = header.rewrapped(key, new_passphrase, kdf)
        write_header(data_dir, header)
        return header
    finally:
        lock.release()
