"""Opening a session: --client goes straight in, an unknown name stays on the dashboard."""

from __future__ import annotations

from alliance_tui.app import AllianceApp
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled, toast_saying, until


def app_for(store: PracticeStore, client: str) -> AllianceApp:
    return AllianceApp(store, start_client=client, clock=lambda: FROZEN_NOW, cursor_blink=False)


async def test_client_flag_opens_the_next_session(demo_store: PracticeStore) -> None:
    async with app_for(demo_store, "daniel").run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen) and screen.session is not None
        assert screen.session.number == 4
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    assert demo_store.record(daniel.id).open_session is None  # opening wrote nothing: it begins with an entry


async def test_unknown_client_stays_on_the_dashboard_with_a_message(demo_store: PracticeStore) -> None:
    app = app_for(demo_store, "Nobody [red]x[/]")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        assert not isinstance(app.screen, SessionScreen)
        await toast_saying(pilot, "No active client is called 'Nobody [red]x[/]'")
    assert all(not demo_store.record(s.id).open_session for s in demo_store.summaries())


async def test_header_changes_colour_and_symbol_in_the_last_five_minutes(demo_store: PracticeStore) -> None:
    from datetime import timedelta

    from alliance_tui.widgets.session_header import SessionHeader

    now = [FROZEN_NOW]
    app = AllianceApp(demo_store, start_client="Maya Okafor", clock=lambda: now[0], cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        header = app.screen.query_one(SessionHeader)
        assert "◷ 0:00 of 60 min" in str(header.render())
        assert not header.has_class("-ending")
        now[0] = FROZEN_NOW + timedelta(minutes=56, seconds=30)
        # The header reads the app's clock each second.
        await until(pilot, lambda: "56:30" in str(header.render()), "the header to show the time moved on")
        text = str(header.render())
        assert "⚑ 56:30 of 60 min" in text and "4 min left" in text and header.has_class("-ending")
        now[0] = FROZEN_NOW + timedelta(minutes=62)
        await until(pilot, lambda: "2:00 over" in str(header.render()), "the header to show the session over time")
        text = str(header.render())
        assert "⏰" in text and "2:00 over" in text and header.has_class("-over")
        assert not header.has_class("-ending")


async def test_first_session_with_a_new_client(store: PracticeStore) -> None:

    from alliance_tui.widgets.quick_log import QuickLogInput

    client = store.add_client("Ana [b]Lima[/b]")
    app = AllianceApp(store, start_client="Ana [b]Lima[/b]", clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert app.focused is screen.query_one(QuickLogInput)  # where the coach types
        header = str(screen.query_one("#session-header").render())
        assert header.startswith("Ana [b]Lima[/b]  ·  session 1 of 12")
        await pilot.press("ctrl+r", *"tone: gentle", "enter")
        assert screen.query_one(QuickLogInput).value == ""
    version = store.record(client.id).current_alliance
    assert version is not None and version.number == 1 and version.session_number == 1
    assert [(i.category, i.wording) for i in version.items] == [("Style and tone", "gentle")]
