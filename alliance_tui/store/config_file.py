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
    from .errors import InvalidInput

    if path.exists():
        raise InvalidInput(f"{path} already exists; it was left as it is.")
    _write_private(path, text)


def _write_private(path: Path, text: str) -> None:
    """The config file replaced whole, readable by the coach alone; an OSError becomes WriteFailed."""
    from .atomic import atomic_write_bytes, ensure_private_dir
    from .errors import WriteFailed

    try:
        ensure_private_dir(path.parent)
        atomic_write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise WriteFailed.from_os_error(path, exc) from exc


def save_preference(path: Path, name: str, value: str | int) -> None:
    """Set one [preferences] entry, keeping every other line and comment as the coach wrote them.

    The file is rewritten atomically, and only if the result still reads as the
    same config with the one value changed: a file the coach broke by hand is
    refused (and named), never tidied away.
    """
    import json
    import tomllib

    from .errors import InvalidInput

    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        before = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise InvalidInput(
            f"{path} has a problem ('alliance-tui config check' names it); it was left as it is."
        ) from None
    entry = f"{name} = {json.dumps(value, ensure_ascii=False)}"
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if line.split("#", 1)[0].strip() == "[preferences]"), None)
    if header is None:
        lines += ([""] if lines and lines[-1].strip() else []) + ["[preferences]", entry]
    else:
        end = next((i for i in range(header + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
        mine = next((i for i in range(header + 1, end) if lines[i].split("=", 1)[0].strip() == name), None)
        if mine is None:
            lines.insert(header + 1, entry)
        else:
            lines[mine] = entry
    after_text = "\n".join(lines) + "\n"
    try:
        after = tomllib.loads(after_text)
    except tomllib.TOMLDecodeError:
        raise InvalidInput(f"{path} could not be changed safely; it was left as it is.") from None
    if after.get("preferences", {}).get(name) != value or {k: v for k, v in after.items() if k != "preferences"} != {
        k: v for k, v in before.items() if k != "preferences"
    }:
        raise InvalidInput(f"{path} could not be changed safely; it was left as it is.")
    _write_private(path, after_text)
