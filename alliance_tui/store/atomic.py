"""Atomic, durable file replacement.

A write lands in a temporary file beside the target, is fsynced, renamed over
the target, and the directory is fsynced: a SIGKILL or power cut at any moment
leaves either the old file or the new one, never a mixture.

The temporary file is created exclusively under an unpredictable name (mkstemp:
O_EXCL, never through a symbolic link, mode 0600), because the target may sit
in a folder other people can write to (a backup or an export): a link planted
at a guessable name must not receive the coach's data. The rename replaces
whatever entry held the target's name, a link included, with our own file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TMP_SUFFIX = ".tmp"


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, temp_dir: Path | None = None) -> None:
    """temp_dir: where the temporary file is made, if not beside the target (on the same file system).

    A client's ended sessions are written by way of the clients folder, which is
    cleared of leftovers at every start, so their own folders never need listing.
    """
    directory = path.parent
    fd, name = tempfile.mkstemp(
        prefix=f".{path.parent.name}-{path.name}." if temp_dir else f".{path.name}.",
        suffix=TMP_SUFFIX,
        dir=temp_dir or directory,
    )
    tmp = Path(name)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(directory)


def write_data_file(path: Path, data: bytes, *, temp_dir: Path | None = None) -> None:
    """A practice data file, written atomically: sealed first when the practice is encrypted (store/crypto)."""
    from .crypto.vault import seal_for

    if temp_dir is None:
        atomic_write_bytes(path, seal_for(path, data))
    else:
        atomic_write_bytes(path, seal_for(path, data), temp_dir=temp_dir)


def remove_stale_temporaries(directory: Path) -> None:
    """Temporary files left by a killed process hold no acknowledged data."""
    for leftover in directory.glob(f".*{TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def ensure_private_dir(directory: Path) -> None:
    """Create the directory readable by the coach alone, durably (its parent's entry is fsynced)."""
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    for made in reversed(missing):
        fsync_dir(made.parent)
    if directory.stat().st_mode & 0o077:
        directory.chmod(0o700)
