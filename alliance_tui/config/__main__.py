"""`python -m alliance_tui.config`: print a sample config file with every remappable key."""

from __future__ import annotations

from ..store.config_file import config_path
from .keymap import binding_catalogue, sample_config


def main() -> int:
    print(sample_config(binding_catalogue(), str(config_path())), end="")
    return 0


raise SystemExit(main())
