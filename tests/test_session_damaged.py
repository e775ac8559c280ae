"""A client's file damaged by another program while their session is open.

The saves that follow are refused with a message; leaving the session (Esc) or
ending it (e, then y) must then say what happened and keep the app running,
never end in a traceback. The damaged file is left as it was, for repair.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import FROZEN_NOW, client_id
from .screen_text import screen_text
from .waits import handled, toast_saying, toasts, until


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


async def log(pilot: Pilot[None], text: str) -> None:
    box = pilot.app.screen.query_one(QuickLogInput)
    box.value = text
    box.focus()
    await pilot.press("enter")
    await handled(pilot)


@pytest.mark.parametrize("keys", [("escape",), ("ctrl+e", "y")], ids=["leave", "end"])
async def test_leaving_a_session_whose_file_was_damaged_says_so_and_the_app_goes_on(
    demo_store: PracticeStore, keys: tuple[str, ...]
) -> None:
    maya = client_id(demo_store, "Maya Okafor")
    path = demo_store.clients_dir / f"{maya}.json"
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.push_screen(SessionScreen(maya))
        await handled(pilot)
        path.write_bytes(path.read_bytes()[:100])  # truncated by another program
        damaged = path.read_bytes()
        await log(pilot, "refused once")
        await log(pilot, "refused twice")
        assert app.screen.query_one(QuickLogInput).value == "refused twice", "the text waits in the line"
        app.screen.query_one(QuickLogInput).value = ""  # the coach lets that line go
        app.screen.query_one("#prompts").focus()
        await handled(pilot)
        await pilot.press(*keys)
        await toast_saying(pilot, "Session 2 with Maya Okafor cannot be saved any more: Maya Okafor's file cannot be")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the client list")
        assert app.is_running and app.return_code is None
        assert not any("opening a session with them again resumes it" in t for t in toasts(app))
    assert app.return_code in (None, 0)
    assert path.read_bytes() == damaged, "a damaged file is left as it was, for repair"


async def test_checking_in_after_the_file_was_damaged_says_so_and_the_app_goes_on(demo_store: PracticeStore) -> None:
    maya = client_id(demo_store, "Maya Okafor")
    path = demo_store.clients_dir / f"{maya}.json"
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.push_screen(SessionScreen(maya))
        await handled(pilot)
        path.write_bytes(path.read_bytes()[:100])
        await log(pilot, "refused: the file is damaged")  # the store finds the damage
        app.screen.query_one("#commitments").focus()
        await handled(pilot)
        await pilot.press("d")
        await until(pilot, lambda: "file cannot be" in screen_text(app, "AccountabilityPane Static"), "the message")
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, SessionScreen)
