"""ctrl+z takes back every write of the session screen, and what a coach types by mistake writes nothing unseen.

Each case of issue 16 is driven as the coach would and checked on screen and
on disk: after any save, refusal or Esc focus is where the coach types, the
line is a private note again, and ctrl+z leaves the record as it was.
"""

from __future__ import annotations

from typing import Any

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.undo import Added, Changed, PromptAdded, PromptRemoved, UndoStack
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import InvalidInput, PracticeStore
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import FROZEN_NOW
from .test_session_flow import FakeMonotonic, open_session, screen_text
from .waits import handled


def make_app(store: PracticeStore, mono: FakeMonotonic | None = None) -> AllianceApp:
    return AllianceApp(
        store, demo=True, clock=lambda: FROZEN_NOW, monotonic=mono or FakeMonotonic(), cursor_blink=False
    )


def on_disk(store: PracticeStore, client_id: str) -> dict[str, Any]:
    """The client's record as a fresh window reads it from disk, and the practice's own questions."""
    with PracticeStore(store.data_dir, clock=lambda: FROZEN_NOW, read_only=True) as again:
        record = again.record(client_id).model_dump(mode="json")
        return {"record": record, "prompts": [p.model_dump(mode="json") for p in again.settings.prompts]}


def client(store: PracticeStore, name: str) -> str:
    found = store.find_client(name)
    assert found is not None
    return found.id


# ----------------------------------------------------------------- the stack and the store


def test_the_undo_stack_is_plain_data_newest_last() -> None:
    stack = UndoStack()
    assert stack.pop() is None and stack.newest() is None
    stack.push(Added("Note saved, private", "c1", "notes", "n1"))
    stack.push(PromptAdded("Question added", "p1"))
    assert len(stack) == 2 and stack.newest() == PromptAdded("Question added", "p1")
    assert stack.pop() == PromptAdded("Question added", "p1")
    with pytest.raises(ValueError):
        stack.push(Added("x", "c1", "client", "c1"))  # only a client's entries can be taken back


def test_the_store_takes_back_each_kind_of_write_durably(demo_store: PracticeStore) -> None:
    daniel = client(demo_store, "Daniel Reyes")
    before = on_disk(demo_store, daniel)
    session = demo_store.start_session(daniel)
    note = demo_store.log_note(daniel, "words", session_number=session.number)
    version = demo_store.add_alliance_item(daniel, "Focus", "one thing", session_number=session.number)
    open_one = demo_store.record(daniel).open_commitments[0]
    demo_store.check_in(daniel, open_one.id, CommitmentStatus.PARTLY, session_number=session.number)
    prompt = demo_store.add_prompt("What should I stop doing?")
    demo_store.undo(PromptAdded("q", prompt.id))
    demo_store.undo(Changed("c", daniel, "commitments", open_one))
    with pytest.raises(InvalidInput):  # a later version saved since: this one is not withdrawn
        demo_store.add_alliance_item(daniel, "Focus", "two", session_number=session.number)
        demo_store.remove_record(daniel, "versions", version.id)
    demo_store.remove_record(daniel, "versions", demo_store.record(daniel).versions[-1].id)
    demo_store.undo(Added("v", daniel, "versions", version.id))
    with pytest.raises(InvalidInput):  # the session still holds a note: it cannot go first
        demo_store.undo(Added("s", daniel, "sessions", session.id))
    demo_store.undo(Added("n", daniel, "notes", note.id))
    demo_store.undo(Added("s", daniel, "sessions", session.id))
    assert on_disk(demo_store, daniel) == before


def test_a_removed_question_goes_back_where_it_was(store: PracticeStore) -> None:
    first, second, third = (store.add_prompt(text) for text in ("One?", "Two?", "Three?"))
    store.remove_prompt(second.id)
    store.undo(PromptRemoved("removed", second, 1))
    assert [p.text for p in store.settings.prompts] == ["One?", "Two?", "Three?"]
    assert first.id != third.id


# ----------------------------------------------------------------- the session screen


async def test_opening_a_session_screen_writes_nothing(demo_store: PracticeStore) -> None:
    daniel = client(demo_store, "Daniel Reyes")
    before = on_disk(demo_store, daniel)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        assert not screen.started and isinstance(app.focused, QuickLogInput)
        assert on_disk(demo_store, daniel) == before
        await pilot.press("escape")
        await handled(pilot)
        assert not isinstance(app.screen, SessionScreen)
    assert on_disk(demo_store, daniel) == before


async def test_every_write_of_a_session_is_named_and_undone_newest_first(demo_store: PracticeStore) -> None:
    mono = FakeMonotonic()
    daniel = client(demo_store, "Daniel Reyes")
    before = on_disk(demo_store, daniel)
    app = make_app(demo_store, mono)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        await pilot.press(*"a private thought", "enter")
        assert "✔ Note saved, private · ctrl+z undoes" in screen_text(app)
        await pilot.press("ctrl+s", *"for the client", "enter")
        await pilot.press("ctrl+r", "tab", *"call me out", "enter")
        await pilot.press("ctrl+n", *"send CV | Friday", "enter")
        await pilot.press("ctrl+y", "p")
        await pilot.press("ctrl+t")
        mono.now += 12.0
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+g", *"Whether to tell his firm", "enter")
        await pilot.press("ctrl+f", "2", *"Push harder", "enter")
        await pilot.press("ctrl+o", *"What should I stop doing?", "enter")
        assert "Question added to your own prompts" in screen_text(app)
        labels = [step.label for step in screen.undo_stack.steps]
        assert labels[0] == "Session 4 begun" and len(labels) == 10, "\n".join(labels)
        assert on_disk(demo_store, daniel) != before
        for label in reversed(labels):
            await pilot.press("ctrl+z")
            assert f"↶ Undone: {label[:1].lower()}{label[1:]}" in screen_text(app)
        assert not screen.started and not screen.undo_stack
        await pilot.press("ctrl+z")
        assert "Nothing to undo" in screen_text(app)
        text = screen_text(app)
        assert "call me out" not in text and "send CV" not in text and "for the client" not in text
    assert on_disk(demo_store, daniel) == before  # versions withdrawn, the check-in's earlier status back


async def test_a_sentence_after_a_commitment_stays_in_the_log_line(demo_store: PracticeStore) -> None:
    """Issue 16, case 2: after a commitment is saved, the next sentence is text, not p, t and a."""
    daniel = client(demo_store, "Daniel Reyes")
    statuses = {c.id: c.status for c in demo_store.record(daniel).commitments}
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        await pilot.press("ctrl+y", "ctrl+n", *"send CV | Friday", "enter")
        assert isinstance(app.focused, QuickLogInput)
        await pilot.press(*"partly true, then a pause")
        assert screen.query_one(QuickLogInput).value == "partly true, then a pause"
    record = demo_store.record(daniel)
    assert {c.id: c.status for c in record.commitments if c.what != "send CV"} == statuses
    assert not [p for p in record.pauses if p.session_number == 4]


@pytest.mark.parametrize("first", [("ctrl+r", "escape"), ("ctrl+r", "enter")])
async def test_an_adjustment_dropped_or_refused_leaves_a_private_note_line(
    demo_store: PracticeStore, first: tuple[str, ...]
) -> None:
    """Issue 16, case 3: after Esc or a refusal, "Call Maria | Monday" is a private note, not a version."""
    daniel = client(demo_store, "Daniel Reyes")
    versions = len(demo_store.record(daniel).versions)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Daniel Reyes")
        await pilot.press(*first)
        assert "✎ note · private" in screen_text(app)
        await pilot.press("ctrl+u", *"Call Maria | Monday", "enter")
    record = demo_store.record(daniel)
    assert len(record.versions) == versions
    assert [(n.text, n.private) for n in record.notes_of(4)] == [("Call Maria | Monday", True)]


async def test_the_shared_key_opens_the_line_marked_shared(demo_store: PracticeStore) -> None:
    """Issue 16, case 4: "Shared: Daniel will…" typed after the shared key is a shared note, nothing else."""
    daniel = client(demo_store, "Daniel Reyes")
    versions = len(demo_store.record(daniel).versions)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        screen.query_one("#prompts").focus()
        await pilot.press("ctrl+s")
        assert isinstance(app.focused, QuickLogInput) and "◉ SHARED" in screen_text(app)
        await pilot.press(*"Shared: Daniel will email the draft", "enter")
        assert "✎ note · private" in screen_text(app)
    record = demo_store.record(daniel)
    assert len(record.versions) == versions
    assert [(n.text, n.private) for n in record.notes_of(4)] == [("Shared: Daniel will email the draft", False)]


async def test_letters_typed_in_a_pane_go_to_the_log_line(demo_store: PracticeStore) -> None:
    """Issue 16, case 5: text typed where focus sat (the questions) neither starts the clock nor asks."""
    daniel = client(demo_store, "Daniel Reyes")
    before = on_disk(demo_store, daniel)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        screen.query_one("#prompts").focus()
        await pilot.press(*"the Deal", "enter")
        assert "the Deal" in screen_text(app)
        assert isinstance(app.focused, QuickLogInput)
        assert not screen.query_one("#pause").running  # type: ignore[attr-defined]
    record = demo_store.record(daniel)
    assert [n.text for n in record.notes_of(4)] == ["the Deal"]
    assert record.commitments == [c for c in record.commitments]  # nothing checked in
    assert before["record"]["commitments"] == [c.model_dump(mode="json") for c in record.commitments]


async def test_a_pause_under_a_second_is_not_recorded(demo_store: PracticeStore) -> None:
    mono = FakeMonotonic()
    daniel = client(demo_store, "Daniel Reyes")
    before = on_disk(demo_store, daniel)
    app = make_app(demo_store, mono)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Daniel Reyes")
        await pilot.press("ctrl+t")
        mono.now += 0.6
        await pilot.press("ctrl+t")
        assert "not recorded" in screen_text(app)
    assert on_disk(demo_store, daniel) == before  # not even the session begun


async def test_the_summary_undoes_its_sharing_and_rewording(demo_store: PracticeStore) -> None:
    from alliance_tui.screens.session_summary import SessionSummaryScreen

    daniel = client(demo_store, "Daniel Reyes")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Daniel Reyes")
        await pilot.press(*"kept private", "enter", "ctrl+e")
        await handled(pilot)
        await pilot.press("y")
        await handled(pilot)
        assert isinstance(app.screen, SessionSummaryScreen)
        before = on_disk(demo_store, daniel)
        await pilot.press("space")  # a space typed on here writes nothing
        assert on_disk(demo_store, daniel) == before
        await pilot.press("ctrl+s")
        assert "✔ Note shared · ctrl+z undoes" in screen_text(app)
        await pilot.press("w", "ctrl+u", *"reworded", "enter")
        assert "Note reworded" in screen_text(app)
        assert on_disk(demo_store, daniel) != before
        await pilot.press("ctrl+z", "ctrl+z")
        assert "↶ Undone: note shared" in screen_text(app)
    assert on_disk(demo_store, daniel) == before


async def test_the_summary_opens_at_its_top_at_80x24_and_esc_goes_to_the_client_list(demo_store: PracticeStore) -> None:
    from alliance_tui.screens.dashboard import DashboardScreen
    from alliance_tui.screens.review import ClientReviewScreen
    from alliance_tui.screens.session_summary import SessionSummaryScreen

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        await pilot.press("enter")  # Daniel's review, and the session from there
        await handled(pilot)
        assert isinstance(app.screen, ClientReviewScreen)
        await pilot.press("ctrl+s")
        await handled(pilot)
        for n in range(6):  # enough notes to push the list below the fold
            await pilot.press(*f"note {n}", "enter")
        await pilot.press("ctrl+e")
        await handled(pilot)
        await pilot.press("y")
        await handled(pilot)
        await handled(pilot)
        assert isinstance(app.screen, SessionSummaryScreen)
        assert app.screen.query_one("#summary-scroll").scroll_y == 0
        await pilot.press("escape")
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
