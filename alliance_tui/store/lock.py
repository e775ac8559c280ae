"""One writer per practice: an advisory lock held for the app's lifetime."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

LOCK_NAME = ".lock"


class PracticeLock:
    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_NAME
        self._fd: int | None = None
        self.holder = ""
        self.contended = False  # True when another process holds it, not when the lock cannot be made

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """True when this process is now the practice's single writer."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError as exc:
            self.holder = f"its lock file cannot be created: {exc.strerror or exc}"
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.contended = True
            with contextlib.suppress(OSError):
                pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                self.holder = f"process {pid}" if pid else "another process"
            os.close(fd)
            return False
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return True

    def still_ours(self) -> bool:
        """True while the lock file at the path is the one this process holds.

        Deleting the practice folder deletes the lock file with it: the lock
        held is then on a file no other window can find, so another window
        would open the practice read-write. Checked before every write.
        """
        if self._fd is None:
            return False
        try:
            held = os.fstat(self._fd)
            there = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        return (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)

    def reacquire(self) -> bool:
        """Let go of a lock whose file is gone and take the practice's lock again; False if another has it."""
        self.release()
        self.holder = ""
        self.contended = False
        return self.acquire()

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None
