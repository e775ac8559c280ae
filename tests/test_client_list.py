"""The dashboard's client list: keys, mouse and scrolling, with more clients than fit on screen."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult

from alliance_tui.app import AllianceApp
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.client_list import ClientList

from .conftest import FROZEN_NOW
from .screen_text import widget_text
from .waits import handled, until

NAMES = [f"Client {n:02d}" for n in range(1, 41)]


def practice(data_dir: Path) -> PracticeStore:
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    for name in NAMES:
        store.add_client(name)
    return store


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


def visible_names(table: ClientList) -> list[str]:
    return [line.split("  ")[0].strip() for line in widget_text(table).splitlines()[1:] if line.strip()]


async def test_the_cursor_moves_by_key_and_stays_in_view(data_dir: Path) -> None:
    store = practice(data_dir)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        table = app.screen.query_one("#clients", ClientList)
        assert table.has_focus and table.cursor_row == 0
        shown = visible_names(table)
        assert shown[0] == "Client 01" and len(shown) < len(NAMES)  # more clients than room
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("ctrl+end")
        await handled(pilot)
        assert table.cursor_row == len(NAMES) - 1
        assert visible_names(table)[-1] == "Client 40"  # scrolled to it
        assert "Client 40" in widget_text(app.screen.query_one("#detail"))
        await pilot.press("pageup")
        await handled(pilot)
        assert table.cursor_row < len(NAMES) - 1
        assert NAMES[table.cursor_row] in visible_names(table)
        await pilot.press("ctrl+home", "up")
        await handled(pilot)
        assert table.cursor_row == 0 and visible_names(table)[0] == "Client 01"
        await pilot.press("pagedown")
        await handled(pilot)
        assert NAMES[table.cursor_row] in visible_names(table)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "the client's review")
    store.close()


async def test_a_click_on_the_header_or_below_the_rows_does_nothing(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        table = app.screen.query_one("#clients", ClientList)
        await pilot.click("#clients", offset=(4, 0))  # the header
        await pilot.click("#clients", offset=(4, 0))
        await handled(pilot)
        assert table.cursor_row == 0 and app.screen is not None
        assert not isinstance(app.screen, ClientReviewScreen)


class OneList(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, int, str]] = []

    def compose(self) -> ComposeResult:
        yield ClientList(id="clients")

    def on_mount(self) -> None:
        table = self.query_one(ClientList)
        table.add_column("Client", key="name")
        table.add_column("Held", key="held")
        table.set_rows([(f"id{n}", (Text(f"[b]Name {n}[/b]"), Text(str(n)))) for n in range(3)])

    def on_client_list_row_highlighted(self, event: ClientList.RowHighlighted) -> None:
        self.messages.append(("highlighted", event.cursor_row, event.row_key))

    def on_client_list_row_selected(self, event: ClientList.RowSelected) -> None:
        self.messages.append(("selected", event.cursor_row, event.row_key))


async def test_rows_show_text_as_typed_and_report_the_row_they_are_about() -> None:
    app = OneList()
    async with app.run_test(size=(40, 8)) as pilot:
        await handled(pilot)
        table = app.query_one(ClientList)
        assert widget_text(table).splitlines()[:2] == [" Client         Held", " [b]Name 0[/b]  0"]
        await pilot.press("down", "enter")
        await pilot.click(ClientList, offset=(2, 3))  # row 2: highlighted
        await pilot.click(ClientList, offset=(2, 3))  # again: selected
        await handled(pilot)
        assert app.messages == [
            ("highlighted", 1, "id1"),
            ("selected", 1, "id1"),
            ("highlighted", 2, "id2"),
            ("selected", 2, "id2"),
        ]
        table.set_rows([])
        await pilot.press("down", "enter")
        await handled(pilot)
        assert table.row_count == 0 and table.cursor_row == 0
        assert len(app.messages) == 4
