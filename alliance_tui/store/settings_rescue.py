"""The practice's own settings, found again after a damaged index was set aside.

A damaged practice.json is moved aside (practice.json.damaged-<time>) and the
practice opens with default settings: the coach's own revisit questions,
categories, theme and revisit interval are not in the new index. They are often
still readable in the damaged copy (a file cut short after its settings) or in
an automatic backup. This finds them, and restores them only when the coach
asks: a command, never an unrequested dialog.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..models.prompts import RevisitPrompt
from ..models.settings import PracticeSettings
from ..models.settings_doc import DEFAULT_REVISIT_EVERY, DEFAULT_THEME
from ..models.wording import plural
from .auto_backup import PRACTICE_FILE, automatic_backups
from .errors import FileProblem
from .jsonfile import read_data_bytes

if TYPE_CHECKING:
    from .practice import PracticeStore

DAMAGED_GLOB = f"{PRACTICE_FILE}.damaged-*"


@dataclass(frozen=True)
class SettingsRescue:
    """What a copy holds that the practice's settings now lack."""

    source: Path
    prompts: tuple[RevisitPrompt, ...]
    categories: tuple[str, ...]
    theme: str  # '' when the current theme stays
    revisit_every_sessions: int  # 0 when the current interval stays

    @property
    def summary(self) -> str:
        """'2 own questions, 1 category and the theme nord'."""
        parts = []
        if self.prompts:
            parts.append(plural(len(self.prompts), "own question"))
        if self.categories:
            parts.append(plural(len(self.categories), "category", "categories"))
        if self.theme:
            parts.append(f"the theme {self.theme}")
        if self.revisit_every_sessions:
            parts.append(f"a revisit every {plural(self.revisit_every_sessions, 'session')}")
        return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def _closers(prefix: str) -> str | None:
    """The brackets that would close what ``prefix`` left open; None when it ends inside a string."""
    stack: list[str] = []
    in_string = escaped = False
    for ch in prefix:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string, escaped = True, False
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]" and stack:
            stack.pop()
    return None if in_string else "".join(reversed(stack))


def _cut_short(text: str, tries: int = 200) -> object:
    """The longest prefix that ends after a whole item and parses once closed: a file cut short keeps its start."""
    end = len(text)
    for _ in range(tries):
        end = text.rfind(",", 0, end)
        if end < 0:
            return None
        closers = _closers(text[:end])
        if closers is None:
            continue
        with contextlib.suppress(ValueError):
            return json.loads(text[:end] + closers)
    return None


def _settings_doc(path: Path) -> object:
    """The settings record in a practice file, read whole or, from a damaged one, as far as it goes."""
    try:
        raw = read_data_bytes(path, path.read_bytes())
    except (OSError, FileProblem):
        return None
    with contextlib.suppress(orjson.JSONDecodeError, AttributeError, TypeError, KeyError, StopIteration):
        return next(iter(orjson.loads(raw)["settings"].values()))
    text = raw.decode("utf-8", errors="replace")
    at = text.find('"settings"')
    start = text.find("{", at)
    if at < 0 or start < 0:
        return None
    try:
        table, _ = json.JSONDecoder().raw_decode(text, start)
    except ValueError:
        table = _cut_short(text[start:])
    return next(iter(table.values()), None) if isinstance(table, dict) and table else None


def _missing(found: PracticeSettings, current: PracticeSettings, source: Path) -> SettingsRescue | None:
    have_prompts = {p.text.casefold() for p in current.prompts}
    have_categories = {c.casefold() for c in current.categories}
    rescue = SettingsRescue(
        source=source,
        prompts=tuple(p for p in found.prompts if p.text.casefold() not in have_prompts),
        categories=tuple(c for c in found.categories if c.casefold() not in have_categories),
        theme=found.theme if current.theme == DEFAULT_THEME and found.theme != DEFAULT_THEME else "",
        revisit_every_sessions=(
            found.revisit_every_sessions
            if current.revisit_every_sessions == DEFAULT_REVISIT_EVERY
            and found.revisit_every_sessions != DEFAULT_REVISIT_EVERY
            else 0
        ),
    )
    wanted = rescue.prompts or rescue.categories or rescue.theme or rescue.revisit_every_sessions
    return rescue if wanted else None


def find_settings_rescue(store: PracticeStore) -> SettingsRescue | None:
    """The newest damaged copy, else the newest automatic backup, holding settings the practice lacks.

    Looked for only when a damaged index was set aside: that is when settings went missing.
    """
    damaged = sorted(store.data_dir.glob(DAMAGED_GLOB), key=lambda p: p.stat().st_mtime, reverse=True)
    if not damaged:
        return None
    backups = [folder / PRACTICE_FILE for folder in reversed(automatic_backups(store.data_dir))]
    for path in [*damaged, *backups]:
        doc = _settings_doc(path)
        if doc is None:
            continue
        found, _ = PracticeSettings.salvage(doc)
        rescue = _missing(found, store.settings, path)
        if rescue is not None:
            return rescue
    return None


def restore_settings(store: PracticeStore, rescue: SettingsRescue) -> PracticeSettings:
    """Add what the copy held to the settings; nothing the coach set since is replaced."""
    current = store.settings
    changes: dict[str, Any] = {
        "prompts": [*current.prompts, *rescue.prompts],
        "categories": [*current.categories, *rescue.categories],
    }
    if rescue.theme:
        changes["theme"] = rescue.theme
    if rescue.revisit_every_sessions:
        changes["revisit_every_sessions"] = rescue.revisit_every_sessions
    return store.update_settings(**changes)
