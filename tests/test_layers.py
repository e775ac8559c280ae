"""The layers stay apart: models and store never pull in Textual, and importing touches no disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

# Every module of the two lower layers, found by walking the packages, so new ones are checked too.
IMPORT_ALL = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    import alliance_tui.models, alliance_tui.store, alliance_tui.demo
    names = ["alliance_tui.demo"]
    for package in (alliance_tui.models, alliance_tui.store):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
            names.append(info.name)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "tinydb"))
    print(json.dumps({"modules": names, "loaded": loaded}))
    """
)


def run(code: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "ALLIANCE_TUI_DATA": str(home / "practice"),
        "ALLIANCE_TUI_CONFIG": str(home / "alliance-config"),
        "TMPDIR": str(home / "tmp"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    (home / "tmp").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_models_store_and_demo_import_no_textual(tmp_path: Path) -> None:
    done = run(IMPORT_ALL, tmp_path, tmp_path)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert "alliance_tui.store.practice" in seen["modules"]
    assert "alliance_tui.models.text" in seen["modules"]
    assert not [m for m in seen["loaded"] if m.split(".")[0] == "textual"], seen["loaded"]


def test_models_import_no_tinydb(tmp_path: Path) -> None:
    code = (
        "import importlib, json, pkgutil, sys, alliance_tui.models as models\n"
        "for info in pkgutil.walk_packages(models.__path__, models.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "assert 'alliance_tui.models.record' in sys.modules\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('tinydb', 'textual', 'orjson'))))"
    )
    done = run(code, tmp_path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_importing_the_store_creates_no_file_or_directory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cwd = tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    before = tree(tmp_path)
    done = run(IMPORT_ALL, cwd, home)
    assert done.returncode == 0, done.stderr
    after = [p for p in tree(tmp_path) if p != "home/tmp"]
    assert after == [p for p in before if p != "home/tmp"]
    assert not (home / "practice").exists()
