"""Contacts between sessions from the dashboard and the review: two keys and the words, shown, undone."""

from __future__ import annotations

from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore
from alliance_tui.store.contacts import contacts_since_last_session
from alliance_tui.widgets.contact_line import ContactLine

from .conftest import FROZEN_NOW, client_id
from .screen_text import screen_text
from .waits import settled, until


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


async def test_dashboard_logs_a_contact_in_two_keys_shows_it_and_takes_it_back(demo_store: PracticeStore) -> None:
    daniel = client_id(demo_store, "Daniel Reyes")
    before = len(contacts_since_last_session(demo_store, daniel))
    held = demo_store.summary(daniel).sessions_held
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+k")
        line = app.screen.query_one(ContactLine)
        await until(pilot, lambda: line.is_open and line.input.has_focus, "the contact line open and focused")
        await pilot.press(*"Asked [bold] about the offsite", "tab", "enter")
        await until(pilot, lambda: "Contact logged for Daniel Reyes: email" in screen_text(app), "the confirmation")
        found = contacts_since_last_session(demo_store, daniel)
        assert len(found) == before + 1 and found[-1].note == "Asked [bold] about the offsite"
        assert found[-1].channel.value == "email" and found[-1].private
        assert demo_store.summary(daniel).sessions_held == held  # never a session
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "Undone" in screen_text(app), "the undo said")
        assert len(contacts_since_last_session(demo_store, daniel)) == before
        await pilot.press("escape")
        await settled(pilot)
        assert not line.is_open


async def test_review_lists_contacts_since_the_last_session_and_says_when_past_the_agreement(
    demo_store: PracticeStore,
) -> None:
    maya = client_id(demo_store, "Maya Okafor")
    demo_store.update_client(maya, contacts_between_sessions=1)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_review(maya)
        await until(
            pilot, lambda: "Contacts since" in screen_text(app) or "Contacts before" in screen_text(app), "the review"
        )
        await pilot.press("ctrl+k")
        line = app.screen.query_one(ContactLine)
        for words in ("Can we move Thursday", "Sent the reading"):  # the line stays open and focused for the next
            await pilot.press(*words, "enter")
            await until(pilot, lambda w=words: w in screen_text(app), f"{words} in the review")
            assert line.input.has_focus
        notes = [c.note for c in contacts_since_last_session(demo_store, maya)]
        assert notes[-2:] == ["Can we move Thursday", "Sent the reading"]
        await until(pilot, lambda: "more than the 1 contact" in screen_text(app), "the quiet pace line")
        review = app.screen
        await pilot.press("escape")
        await settled(pilot)
        assert not line.is_open and app.screen is review  # Esc closes the line; the review stays
