"""A small chart of one number across sessions, with the numbers spelled out beside it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Sparkline, Static


class Trend(Widget):
    """A sparkline plus the values per session, so the trend reads without colour or shape."""

    DEFAULT_CSS = """
    Trend { height: auto; padding: 0 0 1 0; }
    Trend Sparkline { height: 2; width: 1fr; max-width: 60; margin: 0 0 0 2; }
    Trend .trend-values { padding: 0 0 0 2; color: $text-muted; }
    Trend .trend-summary { padding: 0 0 0 2; }
    """

    def __init__(
        self, summary: str, values: list[float], labels: list[str], *, unit: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.summary = summary
        self.values = values
        self.labels = labels
        self.unit = unit

    def compose(self) -> ComposeResult:
        yield Static(Text(self.summary), classes="trend-summary")
        if len(self.values) >= 2:
            yield Sparkline(self.values, summary_function=max)
        if self.values:
            pairs = "  ".join(
                f"{label} {value:g}{self.unit}" for label, value in zip(self.labels, self.values, strict=True)
            )
            yield Static(Text(pairs), classes="trend-values")
