"""Opening the app: --client goes straight into the session; a dialog still answers F1."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from alliance_tui.app import AllianceApp
from alliance_tui.commands import screen_actions
from alliance_tui.screens.help import HelpScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled, toast_saying


def make_app(store: PracticeStore, start_client: str | None = None) -> AllianceApp:
    return AllianceApp(store, demo=True, start_client=start_client, clock=lambda: FROZEN_NOW, cursor_blink=False)


async def test_client_flag_opens_the_session_case_blind(demo_store: PracticeStore) -> None:
    app = make_app(demo_store, start_client="  maya okafor ")
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await handled(pilot)
        assert type(app.screen).__name__ == "SessionScreen"
        maya = demo_store.find_client("Maya Okafor")
        assert maya is not None and getattr(app.screen, "client_id", None) == maya.id
    assert maya is not None and demo_store.record(maya.id).open_session is None  # nothing logged: no session


async def test_unknown_or_archived_client_flag_says_so_and_stays_on_the_dashboard(demo_store: PracticeStore) -> None:
    for name in ("Nobody Here", "Tom Becker"):
        app = make_app(demo_store, start_client=name)
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await handled(pilot)
            assert type(app.screen).__name__ == "DashboardScreen"
            await toast_saying(pilot, name)


class Dialog(ModalScreen[None]):
    BINDINGS = [Binding("y", "dismiss", "Yes", id="test.yes", tooltip="Agree")]

    def compose(self) -> ComposeResult:
        yield Static("Sure?")


async def test_f1_works_on_a_dialog_and_lists_its_keys_and_the_app_keys(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        app.push_screen(Dialog())
        await handled(pilot)
        groups = {(a.group, a.description) for a in screen_actions(app.screen)}
        assert ("This screen", "Yes") in groups
        assert ("Everywhere", "Help") in groups and ("Everywhere", "Quit") in groups
        await pilot.press("f1")
        await handled(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await handled(pilot)
        assert isinstance(app.screen, Dialog)
