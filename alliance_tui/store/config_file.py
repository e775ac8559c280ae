"""Reading the coach's config file (TOML in the user config directory).

A missing file is the normal case and means defaults. A file that cannot be
read or parsed is reported, never raised: the app still opens, with defaults.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..models.config import ConfigProblem, UserConfig, build_user_config
from .paths import resolve_config_dir

CONFIG_FILE = "config.toml"
MAX_CONFIG_BYTES = 256 * 1024
_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


@dataclass(frozen=True)
class LoadedConfig:
    path: Path
    config: UserConfig = field(default_factory=UserConfig)
    problems: tuple[ConfigProblem, ...] = ()

    @property
    def label(self) -> str:
        """The path as the coach would type it, with ~ for home."""
        home = Path.home()
        try:
            return "~" + os.sep + str(self.path.relative_to(home))
        except ValueError:
            return str(self.path)

    def messages(self) -> list[str]:
        return [problem.describe(self.label) for problem in self.problems]


def config_path(config_dir: Path | None = None) -> Path:
    return (config_dir if config_dir is not None else resolve_config_dir()) / CONFIG_FILE


def read_user_config(path: Path | None = None) -> LoadedConfig:
    """The config at `path` (default: the user config directory), with what was wrong in it."""
    path = path if path is not None else config_path()
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            return LoadedConfig(path, problems=(ConfigProblem(message="the file is too large to be a config file"),))
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(path)
    except OSError as exc:
        reason = exc.strerror or "it cannot be read"
        return LoadedConfig(path, problems=(ConfigProblem(message=f"cannot be read ({reason}); defaults used"),))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return LoadedConfig(path, problems=(ConfigProblem(message="is not UTF-8 text; defaults used"),))
    import tomllib  # only when there is a file: importing it costs start-up ~15 ms

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found and found.group(1) else None
        message = _AT_LINE.sub("", str(exc)).strip() or "it cannot be parsed"
        return LoadedConfig(
            path,
            problems=(ConfigProblem(message=f"is not valid TOML ({message}); defaults used", line=line),),
        )
    config, problems = build_user_config(data, text.splitlines())
    return LoadedConfig(path, config, tuple(problems))


def write_sample_config(path: Path, text: str) -> None:
    """Create the config file from the sample, atomically; an existing file is never replaced."""
    from .atomic import atomic_write_bytes, ensure_private_dir
    from .errors import InvalidInput, WriteFailed

    if path.exists():
        raise InvalidInput(f"{path} already exists; it was left as it is.")
    try:
        ensure_private_dir(path.parent)
        atomic_write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise WriteFailed.from_os_error(path, exc) from exc
