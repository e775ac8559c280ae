"""After the call: notes are tidied and shared from the session summary before the recap."""

from __future__ import annotations

from alliance_tui.app import AllianceApp
from alliance_tui.exports import session_recap
from alliance_tui.screens.session_summary import SessionSummaryScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.inputs import TextInput

from .conftest import FROZEN_NOW
from .waits import handled


def _maya(store: PracticeStore) -> str:
    summary = store.find_client("Maya Okafor")
    assert summary is not None
    return summary.id


async def test_share_and_reword_a_note_then_the_recap_carries_it(demo_store: PracticeStore) -> None:
    client_id = _maya(demo_store)
    private = next(n for n in demo_store.record(client_id).notes if n.private and n.session_number == 1)
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await app.push_screen(SessionSummaryScreen(client_id, 1))
        await handled(pilot)
        screen = app.screen
        assert isinstance(screen, SessionSummaryScreen)
        assert screen.query_one("#summary-notes").has_focus
        await pilot.press("ctrl+s")  # the first note is the private observation
        await handled(pilot)
        await pilot.press("w")
        await handled(pilot)
        box = screen.query_one("#note-edit", TextInput)
        assert box.has_focus and box.value == private.text
        box.value = "   "
        await pilot.press("enter")
        await handled(pilot)
        assert "cannot be empty" in str(screen.query_one("#note-message").render())
        assert box.display and box.value == "   "  # refused, and what was typed stays
        box.value = "Energy rose when she spoke about her team's [strengths]."
        await pilot.press("enter")
        await handled(pilot)
        assert not box.display
    demo_store.close()
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        note = next(n for n in reopened.record(client_id).notes if n.id == private.id)
        assert not note.private
        assert note.text == "Energy rose when she spoke about her team's [strengths]."
        recap = session_recap(reopened.record(client_id), 1)
        assert "strengths" in recap
    finally:
        reopened.close()


async def test_escape_while_rewording_keeps_the_saved_wording(demo_store: PracticeStore) -> None:
    client_id = _maya(demo_store)
    before = [n.model_dump() for n in demo_store.record(client_id).notes]
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        await app.push_screen(SessionSummaryScreen(client_id, 1))
        await handled(pilot)
        await pilot.press("w")
        app.screen.query_one("#note-edit", TextInput).value = "something else"
        await pilot.press("escape")
        await handled(pilot)
        assert isinstance(app.screen, SessionSummaryScreen)  # Esc closed the field, not the screen
        assert not app.screen.query_one("#note-edit").display
    assert [n.model_dump() for n in demo_store.record(client_id).notes] == before
