"""The one-line footer shows what Textual's Footer shows, where it shows it, and a click or a hover works per key."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Footer

from alliance_tui.widgets.footer import FooterEntry, KeyFooter, fit
from tests.waits import handled


class Left(Button):
    BINDINGS = [Binding("d", "press", "Done", id="t.done", tooltip="Mark it done")]


class Right(Button):
    BINDINGS = [Binding("d", "press", "Drop", id="t.drop", tooltip="Drop it")]


class Panes(App[None]):
    BINDINGS = [
        Binding("x", "pressed('x')", "Do x", id="t.x", tooltip="Does x"),
        Binding("y", "pressed('y')", "Do y", id="t.y", tooltip="Does y"),
        Binding("z", "pressed('z')", "Not now", id="t.z", tooltip="Never now"),
    ]

    def __init__(self, footer: type[Footer] | type[KeyFooter]) -> None:
        super().__init__()
        self.footer_type = footer
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Left("left", id="left")
        yield Right("right", id="right")
        yield Button("plain", id="plain")
        yield self.footer_type()

    def action_pressed(self, key: str) -> None:
        self.pressed.append(key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("z",) else True  # shown, disabled


def as_footer_shows(app: Panes) -> list[tuple[str, str, bool, object, int, int]]:
    """Each key: what it says, whether disabled, its tooltip and the cells it covers."""
    if app.footer_type is Footer:
        keys = app.query("FooterKey")  # Footer's own keys, found by their type's name (the class is not exported)
        return [(k.key, k.description, k.has_class("-disabled"), k.tooltip, k.region.x, k.region.right) for k in keys]
    footer = app.query_one(KeyFooter)
    return [(p.entry.key, p.entry.description, p.entry.disabled, p.entry.tooltip, p.start, p.end) for p in footer.shown]


async def test_the_keys_are_footers_own_in_order_place_and_state_as_focus_moves() -> None:
    seen: dict[str, list[list[tuple[str, str, bool, object, int, int]]]] = {}
    for footer_type in (Footer, KeyFooter):
        app = Panes(footer_type)
        states = []
        async with app.run_test(size=(100, 10)) as pilot:
            for target in ("#left", "#right", "#plain", "#left"):
                app.query_one(target).focus()
                await handled(pilot)
                await handled(pilot)
                states.append(as_footer_shows(app))
        seen[footer_type.__name__] = states
    assert seen["KeyFooter"] == seen["Footer"]
    assert ("d", "Drop", False, "Drop it") in [k[:4] for k in seen["KeyFooter"][1]]
    assert ("z", "Not now", True, "Never now") in [k[:4] for k in seen["KeyFooter"][0]]


async def test_the_footer_draws_its_keys_in_the_first_frame_and_a_focus_change_is_only_a_repaint() -> None:
    app = Panes(KeyFooter)
    async with app.run_test(size=(100, 10)) as pilot:
        footer = app.query_one(KeyFooter)
        assert {"x", "y", "z"} <= {e.key for e in footer.keys_shown()}
        layouts: list[bool] = []
        real = footer.refresh

        def spy(*regions: object, repaint: bool = True, layout: bool = False, recompose: bool = False) -> KeyFooter:
            layouts.append(layout or recompose)
            return real(*regions, repaint=repaint, layout=layout, recompose=recompose)  # type: ignore[arg-type]

        footer.refresh = spy  # type: ignore[method-assign]
        for target in ("#right", "#left", "#plain"):
            app.query_one(target).focus()
            await handled(pilot)
        assert layouts and not any(layouts)


async def test_a_click_presses_the_key_under_it_and_a_disabled_key_does_nothing() -> None:
    app = Panes(KeyFooter)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one("#plain").focus()
        await handled(pilot)
        footer = app.query_one(KeyFooter)
        where = {p.entry.key: p for p in footer.shown}
        await pilot.click(KeyFooter, offset=(where["y"].start + 1, 0))
        await pilot.click(KeyFooter, offset=(where["z"].start + 1, 0))
        await pilot.click(KeyFooter, offset=(where["x"].end - 1, 0))
        await handled(pilot)
        assert app.pressed == ["y", "x"]


async def test_hovering_a_key_shows_its_tooltip_and_highlights_it() -> None:
    app = Panes(KeyFooter)
    async with app.run_test(size=(100, 10)) as pilot:
        await handled(pilot)
        footer = app.query_one(KeyFooter)
        y = next(p for p in footer.shown if p.entry.key == "y")
        await pilot.hover(KeyFooter, offset=(y.start + 2, 0))
        assert footer.hovered == y.entry
        assert footer.tooltip == "Does y"
        assert footer.styles.pointer == "pointer"
        await handled(pilot)
        hover = footer.get_component_rich_style("key-footer--hover").bgcolor
        cells = [(segment.text, segment.style) for segment in footer.render_line(0)]
        x, backgrounds = 0, {}
        for text, style in cells:
            for _ in text:
                backgrounds[x] = style.bgcolor if style else None
                x += 1
        assert {backgrounds[x] for x in range(y.start, y.end)} == {hover}  # the whole key lit, as FooterKey:hover
        assert hover not in {backgrounds[x] for x in range(0, y.start)}
        await pilot.hover("#plain")
        assert footer.hovered is None and footer.tooltip is None
        assert footer.styles.pointer == "default"


def key(name: str, width: int, palette: bool = False) -> FooterEntry:
    return FooterEntry(name, name, "d" * (width - len(name) - 3), name, False, "", palette)


def test_fit_leaves_out_what_does_not_fit_whole_and_keeps_the_palette_key_right() -> None:
    keys = (key("a", 10), key("b", 30), key("c", 8), key("p", 12, palette=True))
    placed = fit(keys, 40)
    assert [(p.entry.key, p.start, p.end) for p in placed] == [("a", 0, 10), ("c", 10, 18), ("p", 28, 40)]
    assert [p.entry.key for p in fit(keys, 60)] == ["a", "b", "c", "p"]
    assert fit(keys, 5) == ()  # not even the palette's key, rather than half of it
