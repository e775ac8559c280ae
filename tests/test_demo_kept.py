"""A demo that can be kept: `--demo --data-dir DIR` builds it in DIR, never over data."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_tui import cli
from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> list[AllianceApp]:
    """The app is built as from the command line, but not run in a terminal."""
    started: list[AllianceApp] = []
    monkeypatch.setattr(AllianceApp, "run", lambda self, *a, **k: started.append(self))
    return started


def test_the_demo_is_built_in_the_folder_given_and_opens_again_as_a_practice(
    tmp_path: Path, no_terminal: list[AllianceApp]
) -> None:
    folder = tmp_path / "tried"
    assert cli.main(["--demo", "--data-dir", str(folder)]) == 0
    assert len(no_terminal) == 1
    store = PracticeStore(folder).open()
    try:
        assert store.find_client("Daniel Reyes") is not None
    finally:
        store.close()


def test_a_folder_that_holds_anything_is_refused_and_left_as_it_was(
    tmp_path: Path, no_terminal: list[AllianceApp], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert cli.main(["--demo", "--data-dir", str(tmp_path)]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "already holds files, so no demo was built there" in err
    assert f"alliance-tui --data-dir {tmp_path}" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"] and no_terminal == []
