"""The coach's own config file, as data: which keys do what, and the coach's preferences.

Pure: the store reads the file, the app checks key names and binding ids
against what Textual and the screens know. The shape of each entry is a pydantic
type; each entry is validated on its own so that one typo never throws away the
rest of the file, and pydantic's complaint becomes a sentence naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config_schema import Preferences

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
KEYS_TABLE = "keys"
PREFERENCES_TABLE = "preferences"
KNOWN_TABLES = (KEYS_TABLE, PREFERENCES_TABLE)
MAX_KEYS_PER_BINDING = 4
_BINDING_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,79}$")


@dataclass(frozen=True, kw_only=True)
class ConfigProblem:
    """One thing wrong in the config file, said so the coach can fix it."""

    message: str
    line: int | None = None  # 1-based, when the entry could be found in the text
    entry: str = ""  # e.g. "[keys] session.pause"
    applied: bool = False  # a warning about an entry that still applies (a key clash)

    def describe(self, file_label: str) -> str:
        where = file_label
        if self.line is not None:
            where += f", line {self.line}"
        if self.entry:
            where += f" ({self.entry})"
        return f"{where}: {self.message}"


@dataclass(frozen=True, kw_only=True)
class UserConfig:
    """What survived validation; the app applies it as it is (plain data: reading it needs no pydantic)."""

    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "key" or "key1,key2"
    lines: dict[str, int] = field(default_factory=dict)  # binding id -> line in the file, for messages
    preferences: Preferences | None = None  # None: no [preferences] entry survived (or none was given)


def key_syntax_problem(key: str) -> str | None:
    """Why one key (like 'ctrl+p', 'f2' or '?') cannot be a key, or None if it reads well."""
    if not key:
        return "a key is empty (look for a stray comma; the comma key itself is written 'comma')"
    if any(ch.isspace() for ch in key) or any(not ch.isprintable() for ch in key):
        return f"{key!r} contains a space or an invisible character; write keys like 'ctrl+p' or 'f2'"
    if key == "+":
        return None
    parts = key.split("+")
    *modifiers, name = parts
    if not name:
        if len(parts) >= 2 and parts[-2] == "":  # "ctrl++" means ctrl and the plus key
            return None
        return f"{key!r} ends with '+' but names no key"
    unknown = [m for m in modifiers if m.lower() not in MODIFIERS]
    if unknown:
        return f"{key!r} has an unknown modifier {unknown[0]!r} (use {', '.join(MODIFIERS)})"
    return None


def split_keys(value: object) -> tuple[list[str], str | None]:
    """The keys of one entry ('a,b' or ['a', 'b']) and why they are unusable, if they are."""
    from .config_schema import split_keys as validated

    return validated(value)


def find_entry_line(lines: Sequence[str], table: str, name: str) -> int | None:
    """The 1-based line where `name = ...` sits inside [table], best effort."""
    current = ""
    quoted = (name, f'"{name}"', f"'{name}'")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("[") and not line.startswith("[["):
            current = line.strip("[] \t")
            continue
        if current == table or (not current and table == ""):
            left = line.split("=", 1)[0].strip() if "=" in line else ""
            if left in quoted:
                return number
        elif not current and line.split("=", 1)[0].strip() in {f"{table}.{q}" for q in quoted}:
            return number
    return None


def build_user_config(data: Mapping[str, Any], lines: Sequence[str] = ()) -> tuple[UserConfig, list[ConfigProblem]]:
    """Keep every entry that reads well; name every one that does not."""
    from .config_schema import read_preferences, valid_binding_id

    problems: list[ConfigProblem] = []
    for name in data:
        if name not in KNOWN_TABLES:
            problems.append(
                ConfigProblem(
                    message=f"unknown setting {name!r} is ignored (this file knows: [{'], ['.join(KNOWN_TABLES)}])",
                    line=find_entry_line(lines, "", name) or _table_line(lines, name),
                    entry=name,
                )
            )
    table = data.get(KEYS_TABLE, {})
    keys: dict[str, str] = {}
    where: dict[str, int] = {}
    if not isinstance(table, Mapping):
        problems.append(
            ConfigProblem(message="'keys' must be a table: write [keys] on its own line, then id = \"key\" lines")
        )
        table = {}
    for binding_id, value in _flatten(table):
        entry = f"[{KEYS_TABLE}] {binding_id}"
        line = find_entry_line(lines, KEYS_TABLE, binding_id)
        if not valid_binding_id(binding_id):
            problems.append(ConfigProblem(message=f"{binding_id!r} is not an action id", line=line, entry=entry))
            continue
        found, problem = split_keys(value)
        if problem:
            problems.append(ConfigProblem(message=problem, line=line, entry=entry))
            continue
        keys[binding_id] = ",".join(found)
        if line is not None:
            where[binding_id] = line
    preferences = read_preferences(data.get(PREFERENCES_TABLE), lines, problems)
    return UserConfig(keys=keys, lines=where, preferences=preferences), problems


def _flatten(table: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """TOML reads `app.help = "f2"` as nested tables; binding ids are the dotted names."""
    found: list[tuple[str, Any]] = []
    for name, value in table.items():
        full = f"{prefix}{name}"
        if isinstance(value, Mapping):
            found.extend(_flatten(value, f"{full}."))
        else:
            found.append((full, value))
    return found


def _table_line(lines: Sequence[str], table: str) -> int | None:
    for number, raw in enumerate(lines, start=1):
        if raw.strip().strip("[] \t") == table and raw.strip().startswith("["):
            return number
    return None
