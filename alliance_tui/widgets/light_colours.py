"""Named colours (yellow, green, cyan...) that stay legible on a light theme's background.

Textual maps the sixteen named terminal colours to RGB through a palette; its
light palette's yellow and cyan sit on a pale grey at about 2:1 contrast, so a
"⚑ revisit due" or "~ reworded" all but vanished in textual-light. This palette
keeps the same hues, darkened to about 4.5:1. The ANSI themes use the
terminal's own colours and are not affected.
"""

from __future__ import annotations

from rich.terminal_theme import TerminalTheme


def _rgb(red: int, green: int, blue: int) -> tuple[int, int, int]:
    return (red, green, blue)


LEGIBLE_LIGHT = TerminalTheme(
    _rgb(247, 247, 247),
    _rgb(0, 0, 0),
    [
        _rgb(0, 0, 0),
        _rgb(165, 40, 35),  # red
        _rgb(40, 110, 20),  # green
        _rgb(135, 85, 0),  # yellow
        _rgb(40, 80, 175),  # blue
        _rgb(120, 50, 150),  # magenta
        _rgb(0, 100, 140),  # cyan
        _rgb(247, 247, 247),  # white
        _rgb(119, 119, 119),  # bright black
    ],
    [
        _rgb(190, 45, 45),
        _rgb(50, 125, 25),
        _rgb(150, 95, 0),
        _rgb(0, 95, 170),
        _rgb(160, 50, 160),
        _rgb(0, 115, 150),
        _rgb(247, 247, 247),
    ],
)

__all__ = ["LEGIBLE_LIGHT"]
