"""A progress bar for long commands, on a terminal only: piped or redirected output stays quiet.

Backup, restore and the hours export of a large practice take seconds; a silent
terminal for that long reads as a hang. The bar goes to stderr, redraws at most
ten times a second, and is wiped when the work ends, so what the command prints
after it reads as before.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24
EVERY = 0.1  # seconds between redraws


class TerminalProgress:
    def __init__(self, label: str, stream: TextIO | None = None, *, force: bool = False) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = force or self.stream.isatty()
        self._drawn_at = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if self._drawn and now - self._drawn_at < EVERY and done < total:
            return
        self._drawn_at = now
        self._drawn = True
        self.stream.write("\r" + bar_line(self.label, done, total))
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def bar_line(label: str, done: int, total: int) -> str:
    """``Backing up ▕██████░░░░░░▏ 45 of 200 clients``."""
    done = max(0, min(done, total))
    filled = round(WIDTH * done / total) if total else WIDTH
    return f"{label} ▕{'█' * filled}{'░' * (WIDTH - filled)}▏ {done} of {total} clients"
