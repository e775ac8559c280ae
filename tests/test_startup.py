"""Start-up without pydantic's plugin search: the same answer (no plugins), models still validate."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from alliance_tui.cli import lighten_start
lighten_start()
from alliance_tui.models.notes import Note
from alliance_tui.store import PracticeStore
from pydantic import ValidationError
note = Note.model_validate({"text": "[bold]kept[/]", "created": "2026-11-20T09:00:00+00:00"})
assert note.text == "[bold]kept[/]", note
try:
    Note.model_validate({"text": "", "created": "2026-11-20T09:00:00+00:00"})
except ValidationError:
    pass
else:
    raise AssertionError("an empty note was accepted")
from pydantic.plugin._loader import get_plugins
print(list(get_plugins()))
"""

REAL_LOADER = """
from pydantic.plugin._loader import get_plugins
print(list(get_plugins()))
"""


def run(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | env
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_app_starts_without_the_plugin_search_and_models_still_validate() -> None:
    assert run(PROBE) == "[]"


def test_pydantics_own_loader_gives_the_same_answer_when_plugins_are_disabled() -> None:
    assert run(REAL_LOADER, PYDANTIC_DISABLE_PLUGINS="__all__") == "[]"
