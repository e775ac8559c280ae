"""A tag column and words that wrap under themselves, drawn in one pass.

Option lists draw each row several times while a screen opens (measuring,
laying out, painting); rows built as rich `Table.grid`s made that most of the
work of opening a session. This draws exactly what such a grid draws (a
fixed-width tag, one space, the words wrapped beside it; tests/test_hanging.py
compares the two cell by cell) at about half the cost.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text


def grid(tag: Text, body: Text, tag_width: int) -> Table:
    """The Table.grid this stands for."""
    row = Table.grid(padding=(0, 1))
    row.add_column(width=tag_width, no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(tag, body)
    return row


class Hanging:
    """Drawn once per width: a row is asked for its lines again on every layout and paint while a
    screen opens, and the tag and words do not change after it is made."""

    def __init__(self, tag: Text, body: Text, tag_width: int) -> None:
        self.tag = tag
        self.body = body
        self.tag_width = tag_width
        self._drawn: dict[int, list[RenderableType | Segment]] = {}
        self._drawn_for: Console | None = None

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        body = Measurement.get(console, options, self.body)
        extra = self.tag_width + 1
        return Measurement(body.minimum + extra, body.maximum + extra).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if console is not self._drawn_for:
            self._drawn_for = console
            self._drawn.clear()
        width = options.max_width
        drawn = self._drawn.get(width)
        if drawn is None:
            if len(self._drawn) >= 4:  # a handful of widths while a pane settles
                self._drawn.clear()
            drawn = self._drawn[width] = list(self._draw(console, options))
        yield from drawn

    def _draw(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width - self.tag_width - 1 < 1:
            yield grid(self.tag, self.body, self.tag_width)  # no room for the words: as the grid draws it
            return
        measured = Measurement.get(console, options, self.body)
        body_width = min(measured.maximum, width - self.tag_width - 1)
        lines = self.body.wrap(console, body_width, justify="left", overflow="ellipsis")
        tag = self.tag.copy()
        tag.truncate(self.tag_width, overflow="ellipsis", pad=True)
        blank = Text(" " * self.tag_width)
        new_line = Segment.line()
        for n, line in enumerate(lines):
            out = Text()
            out.append_text(tag if n == 0 else blank)
            out.append(" ")
            line.truncate(body_width, pad=True)
            out.append_text(line)
            yield from out.render(console)
            yield new_line
