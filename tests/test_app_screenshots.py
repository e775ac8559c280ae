"""The screenshots command: real SVGs from the demo practice; a missing screen is skipped, not fatal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.devtools import screenshots
from alliance_tui.devtools.screenshots import HandClock, Shot, Skip, take_all


async def missing(app: AllianceApp, pilot: object, clock: HandClock) -> None:
    raise Skip("the imaginary screen is not in this build")


async def test_pictures_are_made_and_a_missing_screen_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dashboard = next(s for s in screenshots.SHOTS if s.name == "dashboard")
    monkeypatch.setattr(screenshots, "SHOTS", (dashboard, Shot("imaginary", "Nothing", missing)))
    made = await take_all(tmp_path / "shots")
    assert made == 1
    svg = (tmp_path / "shots" / "dashboard.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Daniel" in svg
    assert not (tmp_path / "shots" / "imaginary.svg").exists()
    err = capsys.readouterr().err
    assert "skipped imaginary: the imaginary screen is not in this build" in err


def test_every_picture_the_readme_needs_is_planned() -> None:
    names = {shot.name for shot in screenshots.SHOTS}
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert names == set(re.findall(r"\(screenshots/([\w-]+)\.svg\)", readme))
    assert {"dashboard", "prep-sheet", "intake-drafts"} <= names
    assert screenshots.SIZE == (120, 36)
