"""A small bar chart of one number across sessions, with the numbers written under the bars.

Bars start at zero and share one scale with the reference (the agreed think time,
or 100 %), so a change of a second or two never looks like a collapse.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

LEVELS = " ▁▂▃▄▅▆▇█"
ROWS = 3
COLUMN = 5
MAX_COLUMNS = 14


def bar_rows(values: list[float], top: float, rows: int = ROWS) -> list[str]:
    """Rows of block characters, top row first; each value is one column of the chart."""
    steps = rows * 8
    heights = [0 if top <= 0 else round(min(v, top) / top * steps) for v in values]
    lines = []
    for row in range(rows - 1, -1, -1):
        line = ""
        for height in heights:
            fill = max(0, min(8, height - row * 8))
            line += (LEVELS[fill] * (COLUMN - 2)).center(COLUMN)
        lines.append(line)
    return lines


def chart(
    values: list[float],
    labels: list[str],
    *,
    unit: str,
    reference: float,
    reference_label: str,
    targets: list[float] | None = None,
) -> Group:
    """Bars of the values; with targets, each session's agreed figure written under its actual one."""
    values, labels = values[-MAX_COLUMNS:], labels[-MAX_COLUMNS:]
    shown = (targets or [])[-MAX_COLUMNS:]
    top = max([reference, *values, *shown]) or 1.0
    bars = [Text(line, style="bold") for line in bar_rows(values, top)]
    numbers = Text("".join(f"{v:g}{unit}".center(COLUMN) for v in values))
    agreed = [Text("".join(f"/{t:g}".center(COLUMN) for t in shown), style="italic")] if shown else []
    names = Text("".join(label.center(COLUMN) for label in labels), style="dim")
    why = reference_label if top == reference else "the largest value"
    scale = Text(f"full height = {top:g}{unit} ({why})", style="dim italic")
    key = [Text("actual, then /agreed, per session", style="dim italic")] if shown else []
    return Group(*bars, numbers, *agreed, names, scale, *key)


class Trend(Static):
    """One sentence saying what the trend means, then the chart."""

    DEFAULT_CSS = """
    Trend { height: auto; padding: 0 1 1 1; }
    """

    def __init__(
        self,
        summary: str,
        values: list[float],
        labels: list[str],
        *,
        unit: str = "",
        reference: float = 0.0,
        reference_label: str = "",
        targets: list[float] | None = None,
        id: str | None = None,
    ) -> None:
        parts: list[Text | Group] = [Text(summary)]
        if values:
            parts.append(
                chart(values, labels, unit=unit, reference=reference, reference_label=reference_label, targets=targets)
            )
        super().__init__(Group(*parts), id=id)
        self.values = values
