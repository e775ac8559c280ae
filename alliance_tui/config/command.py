"""`alliance-tui config`: where things live, a sample file, and a check of the coach's own file.

A command of the installed app, not a module to run with ``python -m``: after a
pipx or uv install there is no interpreter on the coach's path that can import
the package, but ``alliance-tui`` is always there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from ..models.wording import plural

EXIT_OK = 0
EXIT_PROBLEMS = 1


def add_config_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = commands.add_parser(
        "config",
        help="where the config, data and log live; a sample config; check your config file",
        description="The config file remaps keys. 'path' says where the config, the practice and the log live; "
        "'sample' prints a commented config with every action id and its description; "
        "'check' reads a config file and names every problem with its line.",
    )
    config.set_defaults(unlocks=False)
    actions = config.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    path = actions.add_parser("path", help="where the config, data and log live, with the versions")
    path.add_argument("--data-dir", metavar="DIR", default=None, help="the practice folder to report")
    path.set_defaults(handler=cmd_config_path)
    sample = actions.add_parser("sample", help="print a commented config file with every action id")
    sample.set_defaults(handler=cmd_config_sample)
    check = actions.add_parser("check", help="check a config file and name every problem with its line")
    check.add_argument("file", nargs="?", metavar="FILE", help="the file to check (default: your config file)")
    check.set_defaults(handler=cmd_config_check)


def debug_info(data_dir: Path | None = None) -> str:
    """Versions and paths, ready to paste into a bug report; no client's name or words."""
    import platform

    import pydantic
    import textual
    import tinydb

    from ..store.config_file import config_path
    from ..store.logfile import log_path
    from ..store.paths import resolve_data_dir

    data = data_dir if data_dir is not None else resolve_data_dir(None)
    return "\n".join(
        [
            f"alliance-tui {__version__}",
            f"python {platform.python_version()} ({sys.platform})",
            f"textual {textual.__version__} · tinydb {tinydb.__version__} · pydantic {pydantic.VERSION}",
            f"config: {config_path()}",
            f"data:   {data}",
            f"log:    {log_path()}",
        ]
    )


def cmd_config_path(args: argparse.Namespace) -> int:
    from ..store.paths import resolve_data_dir

    data_dir = getattr(args, "data_dir", None)
    print(debug_info(resolve_data_dir(data_dir)))
    return EXIT_OK


def cmd_config_sample(args: argparse.Namespace) -> int:
    from ..store.config_file import config_path
    from .keymap import binding_catalogue, sample_config

    print(sample_config(binding_catalogue(), str(config_path())), end="")
    return EXIT_OK


def config_problems(path: Path) -> list[str]:
    """Every problem in the file at ``path``, each naming its line, as the app would report them."""
    from ..store.config_file import read_user_config
    from .keymap import binding_catalogue, resolve_keymap

    loaded = read_user_config(path)
    problems = list(loaded.problems)
    problems += resolve_keymap(loaded.config, binding_catalogue()).problems
    return [problem.describe(loaded.label) for problem in problems]


def cmd_config_check(args: argparse.Namespace) -> int:
    from ..store.config_file import config_path

    path = Path(args.file).expanduser() if args.file else config_path()
    if not path.exists():
        print(f"{path}: no such file (without one, every key is as the sample shows)", file=sys.stderr)
        return EXIT_PROBLEMS if args.file else EXIT_OK
    problems = config_problems(path)
    for line in problems:
        print(line)
    if problems:
        print(f"{plural(len(problems), 'problem')} in {path}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{path}: no problems", file=sys.stderr)
    return EXIT_OK
