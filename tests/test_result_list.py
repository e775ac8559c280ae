"""The search's result list: keys and the mouse move the highlight and open a result; only what is in view is drawn."""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import App, ComposeResult

from alliance_tui.models.search import SearchHit
from alliance_tui.widgets.result_list import ResultList

from .conftest import FROZEN_NOW
from .screen_text import widget_text
from .waits import handled


def hits(
    count: int, *, text: str = "Talked about the [bold]new role[/bold] and what it asks of her."
) -> list[SearchHit]:
    return [
        SearchHit(f"c{n}", f"Client {n}", n + 1, "private note", text, text.find("the"), 3, FROZEN_NOW - timedelta(n))
        for n in range(count)
    ]


class Listing(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[int] = []

    def compose(self) -> ComposeResult:
        yield ResultList(id="results")

    @on(ResultList.Selected, "#results")
    def _opened(self, event: ResultList.Selected) -> None:
        self.opened.append(event.index)


async def test_keys_move_the_highlight_and_enter_opens_the_result() -> None:
    app = Listing()
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.query_one(ResultList)
        results.show(hits(30))
        results.focus()
        await handled(pilot)
        assert results.highlighted == 0
        await pilot.press("down", "down", "up")
        assert results.highlighted == 1
        await pilot.press("end")
        assert results.highlighted == 29
        await pilot.press("home", "pagedown")
        assert 5 <= (results.highlighted or 0) < 29  # a page: as many results as fit
        await pilot.press("pageup")
        assert results.highlighted == 0
        await pilot.press("down", "enter")
        await handled(pilot)
        assert app.opened == [1]


async def test_a_click_opens_the_result_under_it() -> None:
    app = Listing()
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.query_one(ResultList)
        results.show(hits(5))
        await handled(pilot)
        await pilot.click(ResultList, offset=(4, 1 + 2))  # under the border: the second result's first line
        await handled(pilot)
        assert results.highlighted == 1 and app.opened == [1]


async def test_the_result_under_the_mouse_is_shaded() -> None:
    app = Listing()
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.query_one(ResultList)
        results.show(hits(5))
        await handled(pilot)

        def background(line: int) -> object:
            return [segment.style.bgcolor for segment in results.render_line(line) if segment.style][-1]

        plain = background(4)
        await pilot.hover(ResultList, offset=(4, 1 + 2))  # the second result
        await handled(pilot)
        assert background(2) == background(3) != plain and background(4) == plain
        assert background(0) != plain  # the highlighted one keeps its own shade


async def test_what_is_drawn_is_the_text_as_typed_wrapped_to_the_width() -> None:
    app = Listing()
    long = "Before the call " + "she listed every worry, one by one, and then the one that mattered " * 2
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.query_one(ResultList)
        results.show([*hits(1), *hits(1, text=long)])
        await handled(pilot)
        shown = widget_text(results)
        assert "Client 0 · S1 · private note" in shown
        assert "[bold]new role[/bold]" in shown  # markup typed by the coach shows as typed
        assert results.virtual_size.height > 4  # the long one takes more than two lines
        results.show(hits(1))
        await handled(pilot)
        assert results.virtual_size.height == 2 and results.highlighted == 0


async def test_results_given_while_the_list_has_no_width_are_listed_once_it_has_one() -> None:
    app = Listing()
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.query_one(ResultList)
        results.show(hits(3))
        results.focus()
        await pilot.press("end")
        await pilot.resize_terminal(4, 24)  # no room for a single cell of text
        await handled(pilot)
        results.show(list(reversed(hits(10))))  # the one highlighted is now the eighth
        results.action_page_down()  # nothing measured at this width: no move, and no error
        await pilot.resize_terminal(80, 24)
        await handled(pilot)
        assert results.highlighted == 7 and results.virtual_size.height == 20
        assert "Client 9" in widget_text(results)
