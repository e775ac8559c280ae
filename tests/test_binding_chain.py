"""The keys the help and the palette list are the keys Textual has active, read through its public API."""

from __future__ import annotations

from alliance_tui.commands.bindings import binding_chain
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.screens.search import SearchScreen
from alliance_tui.screens.session import show_session_screen
from alliance_tui.store import PracticeStore

from .conftest import client_id
from .screen_text import make_app
from .waits import handled


def listed(app: object) -> set[tuple[int, str, str]]:
    screen = app.screen  # type: ignore[attr-defined]
    return {
        (id(node), key, b.action) for node, bindings in binding_chain(screen) for b, _ in bindings for key in [b.key]
    }


def active(app: object) -> set[tuple[int, str, str]]:
    screen = app.screen  # type: ignore[attr-defined]
    return {(id(a.node), key, a.binding.action) for key, a in screen.active_bindings.items()}


async def test_every_active_key_on_every_screen_is_in_the_chain_the_help_reads(demo_store: PracticeStore) -> None:
    daniel = client_id(demo_store, "Daniel Reyes")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        seen = 0
        for opened in ("dashboard", "session", "review", "search"):
            if opened == "session":
                show_session_screen(app, daniel)
            elif opened == "review":
                await app.push_screen(ClientReviewScreen(daniel))
            elif opened == "search":
                await app.push_screen(SearchScreen())
            await handled(pilot)
            for _ in range(4):  # focus moved through the screen's widgets
                missing = active(app) - listed(app)
                assert not missing, (opened, app.focused, missing)
                seen += len(active(app))
                await pilot.press("tab")
                await handled(pilot)
        assert seen > 40
