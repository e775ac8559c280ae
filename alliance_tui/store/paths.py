"""Where the practice lives: resolved when asked, never at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "ALLIANCE_TUI_DATA"
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
