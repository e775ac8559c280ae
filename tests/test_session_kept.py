"""An open session's screen is kept while the coach steps back to the client list, and let go when it ends."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.screens.session import SessionScreen, kept_name
from alliance_tui.screens.session_summary import SessionSummaryScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.errors import ClientUnavailable

from .conftest import FROZEN_NOW
from .test_session_flow import FakeMonotonic, screen_text
from .waits import handled, toast_saying, until


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=FakeMonotonic(), cursor_blink=False)


async def open_from_the_list(app: AllianceApp, pilot: Pilot[None]) -> SessionScreen:
    """ctrl+s on the client list: Daniel's session (his is the first row)."""
    await pilot.press("ctrl+s")
    await handled(pilot)
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def erase_daniel_from_his_review(app: AllianceApp, pilot: Pilot[None], kept: SessionScreen) -> None:
    """ctrl+x on the review, his name typed to confirm, the erasure's report read: the list, and no screen kept."""
    await pilot.press("ctrl+x")
    await handled(pilot)
    await pilot.press(*"Daniel Reyes", "enter")
    await handled(pilot)
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the client list")
    assert not app.is_screen_installed(kept_name(kept.client_id)) and not kept.is_attached


def none_kept(app: AllianceApp, cid: str, gone: SessionScreen) -> bool:
    """No screen kept for the client, and the one that was has been taken off."""
    return not gone.is_attached and not app.is_screen_installed(kept_name(cid))


def daniel(store: PracticeStore) -> str:
    found = store.find_client("Daniel Reyes")
    assert found is not None
    return found.id


async def test_back_to_an_open_session_is_the_same_screen_as_it_was_with_what_changed_meanwhile(
    demo_store: PracticeStore,
) -> None:
    app = make_app(demo_store)
    cid = daniel(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        first = await open_from_the_list(app, pilot)
        await pilot.press("ctrl+l", *"kept note", "enter")  # something logged: the session is kept
        await pilot.press("ctrl+f", "down")
        await handled(pilot)
        focused = app.focused
        assert isinstance(focused, OptionList) and focused.highlighted == 1
        await pilot.press("escape")  # back to the client list
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.is_screen_installed(kept_name(cid))
        demo_store.log_note(cid, "written while away", session_number=4)  # the store changed meanwhile
        assert await open_from_the_list(app, pilot) is first  # not built again
        assert app.focused is focused and focused.highlighted == 1  # as the coach left it
        assert "written while away" in screen_text(app)
        assert first.session is not None and first.session.number == 4


async def test_a_session_not_kept_or_ended_leaves_no_screen_behind(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    cid = daniel(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        mistaken = await open_from_the_list(app, pilot)
        await pilot.press("escape")  # nothing logged: the session is not kept, nor its screen
        await handled(pilot)
        assert none_kept(app, cid, mistaken)
        session = await open_from_the_list(app, pilot)
        assert session is not mistaken
        await pilot.press("ctrl+l", *"a note", "enter", "ctrl+e")
        await handled(pilot)
        await pilot.press("y")  # ended: the summary replaces it
        await until(pilot, lambda: isinstance(app.screen, SessionSummaryScreen), "the session's summary")
        assert none_kept(app, cid, session)
        await pilot.press("escape")
        await handled(pilot)
        fresh = await open_from_the_list(app, pilot)
        assert fresh is not session
        assert fresh.session is not None and fresh.session.number == 5  # the next session, not the ended one


async def test_an_erased_client_leaves_no_kept_session_screen(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    cid = daniel(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        kept = await open_from_the_list(app, pilot)
        await pilot.press("ctrl+l", *"a note", "enter", "escape", "escape")
        await handled(pilot)
        assert app.is_screen_installed(kept_name(cid))
        await pilot.press("enter")  # Daniel's review
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "Daniel's review")
        await erase_daniel_from_his_review(app, pilot, kept)
    assert demo_store.find_client("Daniel Reyes") is None


async def test_a_session_open_under_another_screen_is_never_pushed_twice(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    cid = daniel(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        kept = await open_from_the_list(app, pilot)
        app.open_review(cid)  # from the palette, say: the review over the session
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "the review over the session")
        review = app.screen
        app.open_session(cid)  # and the session asked for again from there
        await pilot.press("ctrl+s")  # or by the review's own key
        await toast_saying(pilot, "already open under this screen")
        assert app.screen is review and app.screen_stack.count(kept) == 1
        assert sum(isinstance(s, SessionScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await handled(pilot)
        assert app.screen is kept


async def test_erasing_a_client_whose_session_is_under_the_review_goes_back_to_the_list(
    demo_store: PracticeStore,
) -> None:
    app = make_app(demo_store)
    cid = daniel(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        kept = await open_from_the_list(app, pilot)
        await pilot.press("ctrl+l", *"a note", "enter")
        app.open_review(cid)
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "Daniel's review")
        await erase_daniel_from_his_review(app, pilot, kept)
        assert not any(isinstance(screen, SessionScreen | ClientReviewScreen) for screen in app.screen_stack)
    assert demo_store.find_client("Daniel Reyes") is None


async def test_a_session_screen_shows_what_was_changed_over_it(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    cid = daniel(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        kept = await open_from_the_list(app, pilot)
        await pilot.press("f1")  # a dialog over it, nothing written: nothing redrawn
        await handled(pilot)
        given = kept.agreement_view  # the data the panes were given last: a new one each time they are
        await pilot.press("escape")
        await handled(pilot)
        assert kept.agreement_view is given
        app.open_review(cid)  # a screen over it where the alliance can change
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "the review over the session")
        demo_store.add_alliance_item(cid, "Between sessions", "texts are fine on Fridays", session_number=4)
        await pilot.press("escape")
        await handled(pilot)
        assert app.screen is kept and "texts are fine on Fridays" in screen_text(app)


async def test_a_kept_screen_whose_client_cannot_be_read_any_more_says_so_and_goes(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store)
    cid = daniel(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await handled(pilot)
        kept = await open_from_the_list(app, pilot)
        await pilot.press("ctrl+l", *"a note", "enter", "escape")
        await handled(pilot)
        demo_store.log_note(cid, "moved the revision on", session_number=4)

        def unreadable(client_id: str) -> None:
            raise ClientUnavailable(f"The file for {client_id} cannot be read.")

        monkeypatch.setattr(demo_store, "record", unreadable)
        monkeypatch.setattr(demo_store, "present", unreadable)
        app.open_session(cid)  # from the palette: the list would have refused an unreadable client itself
        assert (await toast_saying(pilot, "Session not shown")).startswith("Session not shown\n")  # its title
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the client list")
        assert not app.is_screen_installed(kept_name(cid)) and not kept.is_attached


async def test_back_to_a_kept_screen_with_nothing_changed_redraws_nothing(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        screen = await open_from_the_list(app, pilot)
        await pilot.press("ctrl+l", *"a note", "enter", "escape")
        await handled(pilot)
        given = screen.agreement_view  # the data the panes were given last: a new one each time they are
        assert await open_from_the_list(app, pilot) is screen
        assert screen.agreement_view is given  # nothing written meanwhile: shown as it was
        await pilot.press("escape")
        await handled(pilot)
        demo_store.update_settings(revisit_every_sessions=3)  # a practice-wide change counts too
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert screen.agreement_view is not given


async def test_a_change_written_elsewhere_while_the_screen_is_shown_redraws_it_at_once(
    demo_store: PracticeStore,
) -> None:
    """Told by message, not found on return: a worker's write reaches the session screen the coach is looking at."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        screen = await open_from_the_list(app, pilot)
        given = screen.revisit_view
        await asyncio.to_thread(demo_store.add_prompt, "What would make today count?")
        await until(pilot, lambda: screen.revisit_view is not given, "the session screen redrawn")
        assert "What would make today count?" in screen.revisit_view.prompts
        assert app.screen is screen


async def test_a_screen_is_restyled_whole_only_when_the_app_looks_different_from_when_it_was_shown(
    demo_store: PracticeStore,
) -> None:
    app = make_app(demo_store)
    restyled: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        screen = SessionScreen(daniel(demo_store))
        real = screen.update_node_styles
        screen.update_node_styles = lambda animate=True: (restyled.append("x"), real(animate))[1]  # type: ignore[method-assign,func-returns-value]
        app.install_screen(screen, "under-test")
        await app.push_screen(screen)
        await handled(pilot)
        assert restyled == []  # each widget was styled as it mounted
        app.pop_screen()
        await handled(pilot)
        await app.push_screen(screen)
        await handled(pilot)
        assert restyled == []  # back, the app as it was: styled as it was
        app.pop_screen()
        await handled(pilot)
        app.theme = "textual-light"  # changed while away: the return restyles
        await app.push_screen(screen)
        await handled(pilot)
        assert restyled
        background = screen.styles.background
        app.pop_screen()
        await handled(pilot)
        app.theme = "textual-dark"
        await app.push_screen(screen)
        await handled(pilot)
        assert screen.styles.background != background  # the dark theme's colours again
