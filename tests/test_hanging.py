"""The one-pass hanging row draws exactly what the rich Table.grid it replaces draws."""

from __future__ import annotations

import random

import pytest
from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from alliance_tui.widgets.hanging import Hanging, grid

WORDS = [
    "walk",
    "daily",
    "ünïcödé",
    "日本語",
    "👩‍💻",
    "[bold]x[/]",
    "a",
    "supercalifragilisticexpialidocious",
    "direct",
]
console = Console(width=200, color_system="truecolor", legacy_windows=False)


def cells(renderable: RenderableType, width: int) -> list[list[tuple[str, Style | None]]]:
    """Every cell drawn, with its style (no style and an empty style count as the same)."""
    lines = console.render_lines(renderable, console.options.update_width(width), pad=True)
    return [[(ch, seg.style or None) for seg in line for ch in seg.text] for line in lines]


def rows(seed: int, count: int) -> list[tuple[Text, Text, int]]:
    pick = random.Random(seed)
    made = []
    for _ in range(count):
        body = Text(" ".join(pick.choice(WORDS) for _ in range(pick.randint(1, 20))))
        if pick.random() < 0.5:
            body.append("  (by Friday)", style="dim")
        if pick.random() < 0.3:
            body.append("\n" + " ".join(pick.choice(WORDS) for _ in range(pick.randint(1, 8))), style="italic")
        if pick.random() < 0.5:
            made.append((Text.assemble(("9", "bold"), " ", ("✔", "bold")), body, 3))
        else:
            made.append((Text("◐", style="bold"), body, 1))
    return made


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 8, 13, 20, 37, 56, 80, 119])
def test_draws_what_the_grid_draws(width: int) -> None:
    for tag, body, tag_width in rows(width, 60):
        assert cells(Hanging(tag, body, tag_width), width) == cells(grid(tag, body, tag_width), width), body.plain


def test_measures_as_the_grid_does() -> None:
    for tag, body, tag_width in rows(7, 60):
        for width in (5, 20, 60, 120):
            options = console.options.update_width(width)
            assert Measurement.get(console, options, Hanging(tag, body, tag_width)) == Measurement.get(
                console, options, grid(tag, body, tag_width)
            )


def test_markup_like_words_are_drawn_as_typed() -> None:
    drawn = "".join(ch for line in cells(Hanging(Text("○"), Text("[red]x[/] and [bold]"), 1), 40) for ch, _ in line)
    assert "[red]x[/] and [bold]" in drawn


def test_drawn_again_at_another_width_and_back_draws_the_same() -> None:
    """A row keeps what it drew per width; asked again, in any order, it still draws what the grid draws."""
    for tag, body, tag_width in rows(11, 30):
        row = Hanging(tag, body, tag_width)
        for width in (60, 20, 60, 3, 20, 119, 2, 60):
            assert cells(row, width) == cells(grid(tag, body, tag_width), width), body.plain
