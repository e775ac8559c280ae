"""Readable in a light theme and in the ANSI themes, and never colour alone."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES
from textual.widgets import OptionList

from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.hanging import Hanging
from alliance_tui.widgets.light_colours import LEGIBLE_LIGHT

from .conftest import FROZEN_NOW
from .screen_text import plain_text
from .waits import handled


def contrast(a: Color, b: Color) -> float:
    def luminance(c: Color) -> float:
        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", ["red", "green", "yellow", "blue", "magenta", "cyan"])
def test_named_colours_read_on_the_light_themes(name: str) -> None:
    index = ["black", "red", "green", "yellow", "blue", "magenta", "cyan"].index(name)
    colour = Color(*LEGIBLE_LIGHT.ansi_colors[index])
    for theme in ("textual-light", "solarized-light", "catppuccin-latte"):
        background = Color.parse(BUILTIN_THEMES[theme].background or "#ffffff")
        assert contrast(colour, background) >= 4.0, (name, theme)


async def test_the_app_uses_the_legible_light_palette(demo_store: PracticeStore) -> None:
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        app.theme = "textual-light"
        await handled(pilot)
        assert app.ansi_theme is LEGIBLE_LIGHT


async def test_check_in_details_are_not_dimmed_in_an_ansi_theme(demo_store: PracticeStore) -> None:
    app = AllianceApp(demo_store, demo=True, start_client="Daniel Reyes", clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)

        def detail_styles() -> set[str]:
            options = app.screen.query_one("#commitments", OptionList)
            row = options.get_option_at_index(0).prompt
            assert isinstance(row, Hanging)
            return {str(span.style) for span in row.body.spans}

        assert "dim" in detail_styles()
        app.theme = "ansi-dark"
        await handled(pilot)
        assert "dim" not in detail_styles() and "italic" in detail_styles()
        text = plain_text(app.screen.query_one("#commitments", OptionList).get_option_at_index(0).prompt)  # type: ignore[arg-type]
        assert (
            "○ Draft a six-month transition budget  (by End of the month · Sat 31 Oct · overdue)" in text
        )  # a symbol and words, not colour
