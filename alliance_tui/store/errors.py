"""Store errors carry a message written for the coach, never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """Base of every error the UI shows as a message."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else "Something went wrong with the practice data."


class InvalidInput(StoreError):
    """The coach's input was refused; nothing was written."""


class ReadOnlyPractice(StoreError):
    """This window may read but not write."""


class PracticeUnavailable(StoreError):
    """The practice as a whole cannot be opened (newer schema, unreadable directory)."""


class ClientUnavailable(StoreError):
    """One client's file cannot be read; the rest of the practice still works."""


class UnknownRecord(StoreError):
    """An id that the practice does not hold."""


class FileProblem(StoreError):
    """A data file is damaged, from a newer version, or changed behind our back."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class CorruptFile(FileProblem):
    pass


class SealRefused(CorruptFile):
    """An encrypted file that cannot be opened: altered, swapped, or the practice is locked. Never moved aside."""


class NewerSchema(FileProblem):
    pass


class ChangedOnDisk(FileProblem):
    pass


class WriteFailed(StoreError):
    """The disk refused a write; the data on disk is as it was before."""

    @classmethod
    def from_os_error(cls, path: Path, exc: OSError) -> WriteFailed:
        reasons = {
            errno.ENOSPC: "the disk is full",
            errno.EDQUOT: "the disk quota is used up",
            errno.EACCES: "permission was denied",
            errno.EPERM: "permission was denied",
            errno.EROFS: "the disk is read-only",
            errno.EIO: "the disk reported an input/output error",
            errno.ENOENT: "its folder no longer exists",
            errno.ENOTDIR: "its folder no longer exists",
        }
        reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
        return cls(f"Not saved: {reason} while writing {path}. What was already saved is unchanged.")
