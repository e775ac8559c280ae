"""The troubleshooting log: what happened, for a bug report, and nothing a client said.

One rotated file in the platform's log folder, readable by the coach alone.
What goes in is events, error kinds, counts, ids and paths: never note text,
never a client's name, never an exception's message (a refused value can be a
note). A log that cannot be written is not a reason to stop the app.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path

from .paths import resolve_log_dir

LOG_FILE = "alliance-tui.log"
LEVELS = ("debug", "info", "warning", "error")
MAX_BYTES = 512 * 1024
KEEP = 3  # files kept beside the current one
LOGGER = "alliance_tui"


def log_path(log_dir: Path | None = None) -> Path:
    return (log_dir if log_dir is not None else resolve_log_dir()) / LOG_FILE


def start_logging(level: str = "info", path: Path | None = None) -> Path | None:
    """Send the app's log to the rotated file; the path, or None when it cannot be written there."""
    from .atomic import ensure_private_dir

    target = path if path is not None else log_path()
    logger = logging.getLogger(LOGGER)
    for old in [h for h in logger.handlers if getattr(h, "alliance_log", False)]:
        logger.removeHandler(old)
        old.close()
    try:
        ensure_private_dir(target.parent)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
        os.close(fd)  # created private before the handler opens it
        handler = logging.handlers.RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    except OSError:
        return None
    handler.alliance_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    logger.propagate = False
    return target


def stop_logging() -> None:
    """The file closed and the logger as it was before start_logging: level and propagation unset again."""
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if getattr(h, "alliance_log", False)]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


def log_failure(where: str, exc: BaseException) -> None:
    """An unexpected error, as its kind and where it came from: the message stays out (it may hold a note)."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logging.getLogger(LOGGER).error("%s: %s\n%s", where, type(exc).__name__, frames.rstrip())
