"""Adding a client: clear inline messages, the typed text kept, the new client on disk."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, TextArea

from alliance_tui.app import AllianceApp
from alliance_tui.screens.client_form import ClientFormScreen, parse_number
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .screen_text import screen_text
from .waits import handled


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


def field(app: AllianceApp, name: str) -> Input:
    return app.screen.query_one(f"#{name}", Input)


def message(app: AllianceApp) -> str:
    return screen_text(app, "#message")


async def test_a_new_client_is_saved_with_every_field_and_shown_on_the_dashboard(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+n")
        await handled(pilot)
        assert isinstance(app.screen, ClientFormScreen)
        field(app, "name").value = "  Alex [bold]Morgan[/]  "
        field(app, "pronouns").value = "they/them"
        field(app, "contact").value = "alex@example.org"
        field(app, "programme_sessions").value = "8"
        field(app, "think_time_seconds").value = "20"
        app.screen.query_one("#discovery_notes", TextArea).text = "Moving abroad.\nWants clarity."
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Alex [bold]Morgan[/]" in screen_text(app)

    reopened = PracticeStore(store.data_dir).open()
    try:
        summary = reopened.find_client("Alex [bold]Morgan[/]")
        assert summary is not None
        client = reopened.record(summary.id).client
        assert (client.pronouns, client.contact, client.programme_sessions, client.think_time_seconds) == (
            "they/them",
            "alex@example.org",
            8,
            20,
        )
        assert client.discovery_notes == "Moving abroad.\nWants clarity."
    finally:
        reopened.close()


async def test_an_empty_name_gets_an_inline_message_and_nothing_is_lost(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await handled(pilot)
        field(app, "pronouns").value = "she/her"
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert isinstance(app.screen, ClientFormScreen)
        assert "Name cannot be empty" in message(app)
        assert field(app, "pronouns").value == "she/her"
        assert field(app, "name").has_focus
    assert store.summaries() == []


async def test_a_bad_number_names_the_field_and_keeps_the_typing(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await handled(pilot)
        field(app, "name").value = "Jordan Lee"
        field(app, "programme_sessions").value = "twelve"
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert "Programme length must be a whole number of sessions" in message(app)
        assert field(app, "programme_sessions").has_focus
        assert field(app, "name").value == "Jordan Lee"
        field(app, "programme_sessions").value = "12"
        field(app, "think_time_seconds").value = "3"
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert "Think time must be between 5 and 600 seconds" in message(app)
    assert store.summaries() == []


async def test_a_duplicate_name_is_refused_inline(store: PracticeStore) -> None:
    store.add_client("Sam Rivera")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await handled(pilot)
        field(app, "name").value = "sam rivera"
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert "There is already a client called Sam Rivera" in message(app)
        assert field(app, "name").value == "sam rivera"
    assert len(store.summaries()) == 1


async def test_a_huge_name_and_control_characters(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await handled(pilot)
        field(app, "name").value = "A" * 500
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert "limit is 80" in message(app)
        field(app, "name").value = "Kim\x07 Park"
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert [s.name for s in store.summaries()] == ["Kim Park"]


async def test_escape_cancels_without_saving(store: PracticeStore) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await handled(pilot)
        field(app, "name").value = "Not Saved"
        await pilot.press("escape")
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert store.summaries() == []


def test_parse_number_messages() -> None:
    assert parse_number(" 10 ", "programme_sessions") == 10
    for raw, words in (("", "cannot be empty"), ("1.5", "whole number"), ("0", "between 1 and 500")):
        try:
            parse_number(raw, "programme_sessions")
        except ValueError as exc:
            assert words in str(exc)
        else:
            raise AssertionError(raw)


async def test_answering_the_think_time_nudge_by_editing_the_client(demo_store: PracticeStore) -> None:
    sofia = demo_store.find_client("Sofia Lindqvist")
    assert sofia is not None and sofia.revisit_due
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("down", "down", "down", "enter")  # Sofia's review
        await handled(pilot)
        assert "does 45 s still fit?" in screen_text(app)
        await pilot.press("ctrl+d")
        await handled(pilot)
        assert isinstance(app.screen, ClientFormScreen)
        assert field(app, "name").value == "Sofia Lindqvist"
        assert field(app, "think_time_seconds").value == "45"
        field(app, "think_time_seconds").value = "20"
        await pilot.press("ctrl+s")
        await handled(pilot)
        await handled(pilot)
        text = screen_text(app)
        assert "think time 20 s" in text and "does 45 s still fit?" not in text
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        assert reopened.record(sofia.id).client.think_time_seconds == 20
        assert not any("still fit" in nudge for nudge in reopened.summary(sofia.id).nudges)  # the think-time one
    finally:
        reopened.close()


async def test_archiving_from_the_dashboard_moves_the_client_behind_the_toggle(demo_store: PracticeStore) -> None:
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("down", "ctrl+d")  # Maya's details
        await handled(pilot)
        app.screen.query_one("#archived", Checkbox).value = True
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Maya Okafor" not in screen_text(app, "#clients")
        assert "2 archived" in screen_text(app, "#counts")
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None and maya.archived


async def test_pro_bono_and_consent_to_be_named_are_set_in_the_form_and_reach_the_hours_log(
    demo_store: PracticeStore,
) -> None:
    from alliance_tui.exports.hours import hours_rows

    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ClientFormScreen(daniel.id))
        await handled(pilot)
        pro_bono = app.screen.query_one("#pro_bono", Checkbox)
        named = app.screen.query_one("#in_hours_log", Checkbox)
        assert (pro_bono.value, named.value) == (False, True)  # as the demo practice has him
        pro_bono.value = True
        named.value = False
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert not isinstance(app.screen, ClientFormScreen)
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        client = reopened.record(daniel.id).client
        assert (client.pro_bono, client.in_hours_log) == (True, False)
        records = [reopened.record(s.id) for s in reopened.summaries(include_archived=True)]
        assert "Daniel Reyes" not in [r.name for r in hours_rows(records)]  # not agreed: left out by name
        anonymous = [r for r in hours_rows(records, anonymise=True) if r.name.startswith("Client ")]
        assert len(anonymous) == 1 and anonymous[0].pro_bono and anonymous[0].contact == ""
    finally:
        reopened.close()
