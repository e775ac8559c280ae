"""Up in the empty log line brings back the last note logged today, to reword it in place."""

from __future__ import annotations

from alliance_tui.models.commitments import Commitment
from alliance_tui.models.notes import NoteKind
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput

from .test_session_flow import make_app, open_session, screen_text


def commitments_of(screen: SessionScreen) -> list[Commitment]:
    return list(screen.store.record(screen.client_id).commitments)


def own_notes(store: PracticeStore, client_id: str, session_number: int) -> list[tuple[str, str]]:
    return [(n.id, n.text) for n in store.record(client_id).notes_of(session_number) if n.kind is NoteKind.NOTE]


async def test_the_last_note_is_reworded_not_logged_again(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        maya, number = screen.client_id, screen.number
        box = screen.query_one(QuickLogInput)

        await pilot.press("ctrl+l", "up")
        assert box.value == ""  # nothing logged today yet: Up does nothing

        await pilot.press(*"Wants to feel more confdent", "enter")
        await pilot.press("ctrl+l", *"c: Draft the email | Friday | text me", "enter")
        [(note_id, text)] = own_notes(demo_store, maya, number)
        assert text == "Wants to feel more confdent"

        await pilot.press("ctrl+l", "up")
        assert box.value == "Wants to feel more confdent" and box.has_focus
        assert screen.query_one(QuickLog).rewording
        assert "Rewording your last note" in screen_text(app)
        await pilot.press(*["backspace"] * len("confdent"), *"confident [at work]", "enter")
        assert box.value == "" and not screen.query_one(QuickLog).rewording
        assert "✔ Note reworded" in screen_text(app)
        assert "Wants to feel more confident [at work]" in screen_text(app)

    # Same note, new words, exactly as typed; the commitment in between is untouched.
    assert own_notes(demo_store, maya, number) == [(note_id, "Wants to feel more confident [at work]")]
    reopened = PracticeStore(demo_store.data_dir, read_only=True).open()
    try:
        assert own_notes(reopened, maya, number) == [(note_id, "Wants to feel more confident [at work]")]
        assert [c.what for c in reopened.record(maya).commitments][-1] == "Draft the email"
    finally:
        reopened.close()


async def test_escape_leaves_the_note_as_it_was_and_empty_words_are_refused(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        maya, number = screen.client_id, screen.number
        box = screen.query_one(QuickLogInput)
        await pilot.press("ctrl+l", *"First thought", "enter", "ctrl+l", *"Second thought", "enter")

        # Words made blank are refused, and the note keeps its own.
        await pilot.press("ctrl+l", "up", *"   ", "home", *["delete"] * len("Second thought"), "enter")
        assert "cannot be empty" in screen_text(app) and screen.query_one(QuickLog).rewording
        assert box.has_focus and box.value == "   "  # the coach is still in the line, nothing lost

        # Emptying the line leaves rewording: what is typed next is a new entry, never
        # new words for the old note (Up by accident, then a commitment typed over it).
        await pilot.press("end", "ctrl+u")
        assert box.value == "" and not screen.query_one(QuickLog).rewording
        await pilot.press(*"c: Call Sam | Friday", "enter")
        assert [c.what for c in commitments_of(screen)][-1] == "Call Sam"

        await pilot.press("ctrl+l", "up", *" half-typed", "escape")
        assert box.value == "" and box.has_focus and not screen.query_one(QuickLog).rewording

        # Up only recalls into an empty line: typed words are never replaced.
        await pilot.press("ctrl+l", *"Third", "up")
        assert box.value == "Third"

    assert [text for _, text in own_notes(demo_store, maya, number)] == ["First thought", "Second thought"]
