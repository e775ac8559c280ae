"""Where the practice lives: resolved when asked, never at import time."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "ALLIANCE_TUI_DATA"

_CLIENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def usable_client_id(value: object) -> bool:
    """An id that names a client's file safely: the practice reads only files named so, so nothing else is written."""
    return isinstance(value, str) and _CLIENT_ID.fullmatch(value) is not None


HISTORY_DIGEST = "digest.json"  # beside a client's session files: the review's digest of them (store/digest.py)

APP_NAME = "alliance-tui"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """--data-dir wins, then $ALLIANCE_TUI_DATA, then the platform's user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    environ = os.environ if env is None else env
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_config_dir(env: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if env is None else env
    if environ.get("ALLIANCE_TUI_CONFIG"):
        return Path(environ["ALLIANCE_TUI_CONFIG"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def resolve_log_dir(env: Mapping[str, str] | None = None) -> Path:
    """$ALLIANCE_TUI_LOG, then the platform's user log directory (on Linux ~/.local/state/alliance-tui/log)."""
    environ = os.environ if env is None else env
    if environ.get("ALLIANCE_TUI_LOG"):
        return Path(environ["ALLIANCE_TUI_LOG"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
