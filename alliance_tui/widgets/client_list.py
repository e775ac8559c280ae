"""The dashboard's list of clients: a table of a few short columns, one row per client.

It looks and answers to keys and the mouse as Textual's DataTable did with a
row cursor and zebra stripes (the same component classes, keys and colours),
but draws each visible line straight from the rows' Text. DataTable, built
for large editable grids, rendered every cell through a console of its own
and measured every row after the first frame; with the forty rows of a busy
practice that was a large part of start-up (~80 ms here, measured).

Only what the dashboard uses is here: fixed columns sized to their content,
rows replaced all at once, a row cursor that scrolls into view, hover, and
the DataTable's messages' meaning (a row highlighted, a row selected).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1  # each side of each cell, as DataTable's cell_padding
HEADER = 1  # the header's height, in lines


@dataclass(frozen=True)
class Column:
    label: str
    key: str


def _segments(cell: Text, console: Console) -> list[Segment]:
    """A one-line Text's segments as the console renders it: its own style under its spans."""
    if cell.style:
        cell = Text(cell.plain, spans=[Span(0, len(cell), cell.style), *cell.spans])
    return list(cell.render(console))


class ClientList(ScrollView, can_focus=True):
    """Rows of Text under a header; one row highlighted by a cursor."""

    # The keys DataTable has, with a row cursor's meaning (so F1 lists the same ones).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False, id="clients.select", tooltip="Open this client"),
        Binding("up", "cursor_up", "Cursor up", show=False, id="clients.up", tooltip="The client above"),
        Binding("down", "cursor_down", "Cursor down", show=False, id="clients.down", tooltip="The client below"),
        Binding("right", "cursor_right", "Cursor right", show=False, id="clients.right", tooltip="Scroll right"),
        Binding("left", "cursor_left", "Cursor left", show=False, id="clients.left", tooltip="Scroll left"),
        Binding("pageup", "page_up", "Page up", show=False, id="clients.page_up", tooltip="One page of clients up"),
        Binding(
            "pagedown", "page_down", "Page down", show=False, id="clients.page_down", tooltip="One page of clients down"
        ),
        Binding("ctrl+home", "scroll_top", "Top", show=False, id="clients.top", tooltip="The first client"),
        Binding("ctrl+end", "scroll_bottom", "Bottom", show=False, id="clients.bottom", tooltip="The last client"),
        Binding("home", "scroll_home", "Home", show=False, id="clients.home", tooltip="Scroll to the left edge"),
        Binding("end", "scroll_end", "End", show=False, id="clients.end", tooltip="Scroll to the right edge"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "datatable--header",
        "datatable--cursor",
        "datatable--hover",
        "datatable--even-row",
        "datatable--odd-row",
    }

    # DataTable's own look, for the parts a row cursor with zebra stripes uses.
    DEFAULT_CSS = """
    ClientList {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark {
            & > .datatable--even-row {
                background: $surface-darken-1 40%;
            }
        }
        & > .datatable--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .datatable--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .datatable--odd-row {
        }
        & > .datatable--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .datatable--hover {
            background: $block-hover-background;
        }
    }
    """

    @dataclass
    class _RowMessage(Message):
        client_list: ClientList
        cursor_row: int
        row_key: str

        @property
        def control(self) -> ClientList:
            return self.client_list

    class RowHighlighted(_RowMessage):
        """The cursor moved to another row (or the rows changed under it)."""

    class RowSelected(_RowMessage):
        """Enter on a row, or a click on the row already highlighted."""

    cursor_row: reactive[int] = reactive(0, init=False)
    hover_row: reactive[int] = reactive(-1, init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._columns: list[Column] = []
        self._keys: list[str] = []
        self._rows: list[tuple[Text, ...]] = []
        self._widths: list[int] = []  # each column's width, padding included
        self._show_hover = False  # hover shows only once the mouse moved, as in DataTable
        self._lines: dict[tuple[object, ...], Strip] = {}

    # ----------------------------------------------------------------- content

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def add_column(self, label: str, *, key: str) -> None:
        self._columns.append(Column(label, key))
        self._measure()

    def set_rows(self, rows: list[tuple[str, tuple[Text, ...]]]) -> None:
        """Replace every row (key, cells); the cursor goes back to the first row, as after DataTable.clear()."""
        self._keys = [key for key, _ in rows]
        self._rows = [cells for _, cells in rows]
        self._measure()
        if self.cursor_row != 0:
            self.set_reactive(ClientList.cursor_row, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def _measure(self) -> None:
        widths = [cell_len(column.label) for column in self._columns]
        for cells in self._rows:
            for n, cell in enumerate(cells):
                widths[n] = max(widths[n], cell.cell_len)
        self._widths = [w + 2 * CELL_PADDING for w in widths]
        self._lines.clear()
        self.virtual_size = Size(sum(self._widths), HEADER + len(self._rows))
        self.refresh(layout=True)

    # ----------------------------------------------------------------- cursor

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        self.cursor_row = row
        if scroll:
            self.call_after_refresh(self._scroll_cursor_into_view, animate)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        if old != new:
            self._highlighted()
            self.call_after_refresh(self._scroll_cursor_into_view)
        self.refresh()

    def _highlighted(self) -> None:
        if 0 <= self.cursor_row < len(self._rows):
            self.post_message(self.RowHighlighted(self, self.cursor_row, self._keys[self.cursor_row]))

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        if not self._rows:
            return
        region = Region(int(self.scroll_x), HEADER + self.cursor_row, max(1, self.size.width), 1)
        self.scroll_to_region(region, animate=animate, spacing=Spacing(HEADER, 0, 0, 0), force=True)

    def action_cursor_up(self) -> None:
        self._show_hover = False
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self._show_hover = False
        self.cursor_row += 1

    def action_cursor_right(self) -> None:
        self._show_hover = False
        self.scroll_right(animate=False)

    def action_cursor_left(self) -> None:
        self._show_hover = False
        self.scroll_left(animate=False)

    def action_page_down(self) -> None:
        self._show_hover = False
        height = self.scrollable_content_region.height - HEADER
        self.scroll_relative(y=height, animate=False, force=True)
        self.move_cursor(row=self.cursor_row + max(1, height), scroll=False)

    def action_page_up(self) -> None:
        self._show_hover = False
        height = self.scrollable_content_region.height - HEADER
        self.scroll_relative(y=-height, animate=False)
        self.move_cursor(row=self.cursor_row - max(1, height), scroll=False)

    def action_scroll_top(self) -> None:
        self._show_hover = False
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self._show_hover = False
        self.move_cursor(row=len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        self._show_hover = False
        if 0 <= self.cursor_row < len(self._rows):
            self.post_message(self.RowSelected(self, self.cursor_row, self._keys[self.cursor_row]))

    # ----------------------------------------------------------------- mouse

    def _row_at(self, event: events.MouseEvent) -> int | None:
        if event.y < HEADER:
            return None
        row = event.y - HEADER + int(self.scroll_y)
        return row if 0 <= row < len(self._rows) else None

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._show_hover = True
        row = self._row_at(event)
        self.hover_row = -1 if row is None else row

    def _on_leave(self, _: events.Leave) -> None:
        self.hover_row = -1

    def watch_hover_row(self) -> None:
        self.refresh()

    async def _on_click(self, event: events.Click) -> None:
        self._show_hover = True
        row = self._row_at(event)
        if row is None:
            return
        again = row == self.cursor_row
        self.cursor_row = row
        if again:
            self.action_select_cursor()
        self._show_hover = True  # a click leaves the hover showing, as in DataTable

    # ----------------------------------------------------------------- drawing

    def _row_style(self, row: int) -> Style:
        if row < 0:
            return self.get_component_styles("datatable--header").rich_style
        return self.get_component_styles("datatable--odd-row" if row % 2 else "datatable--even-row").rich_style

    def _highlight(self, row: int) -> tuple[Style, Style]:
        """The cursor's and the hover's style for a row, and the colours they force over the cells' own."""
        style = Style()
        if row >= 0 and row == self.hover_row and self._show_hover:
            style += self.get_component_rich_style("datatable--hover")
        if row >= 0 and row == self.cursor_row:
            style += self.get_component_rich_style("datatable--cursor")
        return style, Style.from_color(color=style.color) + Style.from_color(bgcolor=style.bgcolor)

    def _line(self, row: int) -> list[Segment]:
        """One row (or the header, row -1) as segments, the whole table's width and beyond.

        Styled as DataTable styles a cell: the row's style and the cursor's
        under the cell's own, the cursor's colours over them, padding included.
        """
        row_style = self._row_style(row)
        highlight, forced = self._highlight(row)
        cells = [Text(column.label) for column in self._columns] if row < 0 else self._rows[row]
        console = self.app.console
        segments: list[Segment] = []
        pad = Segment(" " * CELL_PADDING)
        for n, cell in enumerate(cells):
            pre = row_style + Style.from_meta({"row": row, "column": n}) + highlight
            room = self._widths[n] - 2 * CELL_PADDING
            if cell.cell_len > room:
                cell = cell.copy()
                cell.truncate(room, overflow="ellipsis")
            pieces = [pad, *_segments(cell, console), Segment(" " * (room - cell.cell_len)), pad]
            segments.extend(Segment.apply_style(pieces, pre, forced))
        rest = max(0, self.size.width - sum(self._widths))
        extend = row_style + highlight + Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * rest, extend))
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        row = y - HEADER + scroll_y if y >= HEADER else -1
        base = self.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, base)
        key = (row, scroll_x, width, base, self.cursor_row, self.hover_row, self._show_hover, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            strip = Strip(self._line(row)).crop(scroll_x, scroll_x + width)
            strip = strip.adjust_cell_length(width, base).simplify()
            if len(self._lines) > 500:
                self._lines.clear()
            self._lines[key] = strip
        return strip

    def notify_style_update(self) -> None:
        """A theme or style change: lines drawn in the old colours are not drawn again."""
        self._lines.clear()
        super().notify_style_update()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()
