"""Search results drawn line by line: only the lines in view are drawn.

An OptionList measures and styles every option as it is added, and a list
put in a new order is every option cleared and added again: listing a
practice-wide search's results as they came stalled the screen for tens of
ms. This keeps each result wrapped once for the width and draws only the
lines in view, so a new list of results is a repaint, with a layout only
when the list's height changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..models.search import SearchHit


def hit_label(hit: SearchHit, *, with_client: bool) -> Text:
    """Who and where on one line, the words found on the next with the match marked; the coach's text as typed."""
    text = Text()
    if with_client:
        text.append(hit.client_name, style="bold")
        text.append(" · ")
    text.append(f"S{hit.session_number}" if hit.session_number else "intake", style="bold")
    text.append(f" · {hit.where}\n  ", style="dim")
    snippet = Text(hit.snippet)
    snippet.highlight_words([hit.text[hit.start : hit.start + hit.length]], style="bold reverse", case_sensitive=False)
    text.append_text(snippet)
    return text


class ResultList(ScrollView, can_focus=True):
    """Results, one above the other, one of them highlighted; Enter or a click opens it."""

    DEFAULT_CSS = """
    ResultList {
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .result-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .result-list--hover {
            background: $block-hover-background;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .result-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    COMPONENT_CLASSES = {"result-list--highlighted", "result-list--hover"}
    BINDINGS = [
        Binding("up", "cursor_up", "Previous result", id="results.up", show=False, tooltip="The result above"),
        Binding("down", "cursor_down", "Next result", id="results.down", show=False, tooltip="The result below"),
        Binding("pageup", "page_up", "Page up", id="results.page_up", show=False, tooltip="A page of results up"),
        Binding(
            "pagedown", "page_down", "Page down", id="results.page_down", show=False, tooltip="A page of results down"
        ),
        Binding("home", "first", "First result", id="results.first", show=False, tooltip="The newest result"),
        Binding("end", "last", "Last result", id="results.last", show=False, tooltip="The last result listed"),
        Binding(
            "enter",
            "select",
            "Open",
            id="results.open",
            show=False,
            tooltip="Open the review where the highlighted result was written",
        ),
    ]

    class Selected(Message):
        """The coach chose the result at `index`."""

        def __init__(self, results: ResultList, index: int) -> None:
            super().__init__()
            self.results = results
            self.index = index

        @property
        def control(self) -> ResultList:
            return self.results

    def __init__(self, *, with_client: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.with_client = with_client
        self.hits: list[SearchHit] = []
        self.highlighted: int | None = None
        self._hover: int | None = None  # the result under the mouse
        self._width = 0  # the width the results were measured for
        self._heights: dict[SearchHit, int] = {}  # each result's lines at that width
        self._wrapped: dict[SearchHit, list[Text]] = {}  # the lines of those drawn so far
        self._strips: dict[tuple[SearchHit, int, Style], Strip] = {}  # lines drawn, in the style drawn
        self._lines: list[tuple[int, int]] = []  # for each line: which result, which of its lines
        self._first_line: list[int] = []  # for each result: its first line

    @property
    def count(self) -> int:
        return len(self.hits)

    def show(self, hits: Sequence[SearchHit]) -> None:
        """List these results; the one highlighted stays highlighted wherever it now is (else the first)."""
        kept = self.hits[self.highlighted] if self.highlighted is not None else None
        self.hits = list(hits)
        self._hover = None
        if kept is not None and kept in self.hits:
            self.highlighted = self.hits.index(kept)
        else:
            self.highlighted = 0 if self.hits else None
        self._measure(self.scrollable_content_region.width)
        self.refresh()
        if kept is not None and self.highlighted is not None:
            self._into_view()

    def _label(self, hit: SearchHit) -> list[Text]:
        """A result's lines at the width: split where they fit (as most do), wrapped where not."""
        lines = self._wrapped.get(hit)
        if lines is None:
            label = hit_label(hit, with_client=self.with_client)
            lines = list(label.split("\n"))
            if any(line.cell_len > self._width for line in lines):
                lines = list(label.wrap(self.app.console, self._width))
            self._wrapped[hit] = lines
        return lines

    def _height(self, hit: SearchHit) -> int:
        """A result's lines at the width: two when who and where, and the words found, each fit on one."""
        head = cell_len(hit.where) + 3 + (cell_len(hit.client_name) + 3 if self.with_client else 0)
        head += len(f"S{hit.session_number}" if hit.session_number else "intake")
        if head <= self._width and 2 + cell_len(hit.snippet) <= self._width:
            return 2
        return len(self._label(hit))

    def _measure(self, width: int) -> None:
        """Which line is whose at this width; results already measured for it are not measured again."""
        if width != self._width:
            self._heights.clear()
            self._wrapped.clear()
            self._strips.clear()
            self._width = width
        if width <= 0:
            self._lines, self._first_line = [], []  # measured once there is a width (render_line, on_resize)
            return
        heights: dict[SearchHit, int] = {}
        lines: list[tuple[int, int]] = []
        first: list[int] = []
        for index, hit in enumerate(self.hits):
            height = self._heights.get(hit) or self._height(hit)
            heights[hit] = height
            first.append(len(lines))
            lines.extend((index, n) for n in range(height))
        self._heights, self._lines, self._first_line = heights, lines, first
        self._wrapped = {hit: lines for hit, lines in self._wrapped.items() if hit in heights}
        self._strips = {key: strip for key, strip in self._strips.items() if key[0] in heights}
        size = Size(width, len(lines))
        if size != self.virtual_size:
            self.virtual_size = size

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._measure(self.scrollable_content_region.width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._measure(width)
        base = self.rich_style
        line = self.scroll_offset.y + y
        if line >= len(self._lines):
            return Strip.blank(width, base)
        index, part = self._lines[line]
        style: Style = base
        if index == self.highlighted:
            style = base + self.get_visual_style("result-list--highlighted").rich_style
        elif index == self._hover:
            style = base + self.get_visual_style("result-list--hover").rich_style
        hit = self.hits[index]
        strip = self._strips.get((hit, part, style))
        if strip is None:
            strip = self._strips[hit, part, style] = self._draw(self._label(hit)[part], style, width)
        return strip

    def _draw(self, text: Text, style: Style, width: int) -> Strip:
        """One line as one strip, the width filled in the line's style (one strip made, not one per step)."""
        segments = list(Segment.apply_style(text.render(self.app.console), style))
        if text.cell_len < width:
            segments.append(Segment(" " * (width - text.cell_len), style))
        elif text.cell_len > width:
            return Strip(segments).crop(0, width)
        return Strip(segments, width)

    def _into_view(self) -> None:
        if self.highlighted is None or not self._first_line:
            return
        top = self._first_line[self.highlighted]
        parts = self._heights[self.hits[self.highlighted]]
        self.scroll_to_region(Region(0, top, self._width, parts), animate=False, force=True, immediate=True)

    def _move_to(self, index: int) -> None:
        if not self.hits:
            return
        index = max(0, min(index, len(self.hits) - 1))
        if index != self.highlighted:
            self.highlighted = index
            self.refresh()
        self._into_view()

    def _index_at_line(self, line: int) -> int:
        if not self._lines:
            return 0
        return self._lines[max(0, min(line, len(self._lines) - 1))][0]

    def action_cursor_up(self) -> None:
        self._move_to((self.highlighted or 0) - 1)

    def action_cursor_down(self) -> None:
        self._move_to(-1 if self.highlighted is None else self.highlighted + 1)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.hits) - 1)

    def action_page_up(self) -> None:
        if self.highlighted is not None and self._first_line:
            self._move_to(
                self._index_at_line(self._first_line[self.highlighted] - self.scrollable_content_region.height)
            )

    def action_page_down(self) -> None:
        if self.highlighted is not None and self._first_line:
            self._move_to(
                self._index_at_line(self._first_line[self.highlighted] + self.scrollable_content_region.height)
            )

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def _index_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        line = None if offset is None else self.scroll_offset.y + offset.y
        return self._lines[line][0] if line is not None and 0 <= line < len(self._lines) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        under = self._index_under(event)
        if under != self._hover:
            self._hover = under
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        under = self._index_under(event)
        if under is not None:
            self._move_to(under)
            self.action_select()
