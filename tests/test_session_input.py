"""Bad input is refused inline with the typed text kept; user text shows exactly as typed."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from alliance_tui.app import AllianceApp
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.notes import NoteKind
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.accountability_pane import AccountabilityPane
from alliance_tui.widgets.inputs import TextInput
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput

from .screen_text import widget_text
from .test_session_flow import make_app, open_session, screen_text
from .waits import handled, toast_saying


@pytest.fixture
def no_bell(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rung: list[str] = []
    monkeypatch.setattr(AllianceApp, "bell", lambda self: rung.append("bell"))
    return rung


async def test_bad_quick_log_entries_are_kept_with_a_message(demo_store: PracticeStore, no_bell: list[str]) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Maya Okafor")
        maya = app.screen.client_id  # type: ignore[attr-defined]
        before = len(demo_store.record(maya).notes)
        box = app.screen.query_one(QuickLogInput)

        await pilot.press("ctrl+r", "enter")
        assert box.has_focus and "The adjustment cannot be empty" in screen_text(app)
        assert "✎ note · private" in screen_text(app)  # refused: the line is a private note again

        await pilot.press("ctrl+n", *"| Friday", "enter")
        assert box.value == "| Friday" and box.has_focus
        assert "What the client will do cannot be empty" in screen_text(app)
        assert "✎ note · private" in screen_text(app)

        await pilot.press("ctrl+u", "enter")  # Enter in an empty note line: nothing saved, nothing said over the line
        assert "What the client will do cannot be empty" in screen_text(app)
        assert len(demo_store.record(maya).notes) == before

        box.value = "x" * 2500
        await pilot.press("enter")
        assert box.value == "x" * 2500
        assert "2,500 characters long; the limit is 2,000" in screen_text(app)

        # Markup-like text is saved and shown exactly as typed.
        box.value = ""
        await pilot.press(*"c: [red]x[/] | [bold]Friday", "enter")  # "c: " typed first chooses a commitment
        assert box.value == ""
        assert "[red]x[/]  (by [bold]Friday)" in screen_text(app)
        await pilot.press(*"[b]not bold[/b]", "escape")
        assert box.value == "[b]not bold[/b]" and box.has_focus  # Esc would leave: refused, the text stays
        await pilot.press("enter")
        assert box.value == ""
    notes = demo_store.record(maya).notes
    assert len(notes) == before + 1 and notes[-1].text == "[b]not bold[/b]"
    assert [c.what for c in demo_store.record(maya).commitments][-1] == "[red]x[/]"
    assert no_bell == []


async def test_session_agreement_edited_in_place(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Daniel Reyes")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("ctrl+g", *"Whether to tell his firm [now]", "enter")
        assert isinstance(app.focused, QuickLogInput)  # Enter saves and goes back to where the coach types
        await pilot.press("ctrl+g", "tab", *"A date he can say out loud", "tab")
        session = demo_store.record(screen.client_id).open_session
        assert session is not None
        assert session.focus == "Whether to tell his firm [now]"
        assert session.success_measure == "A date he can say out loud"
        # Too long: refused inline, the typed text stays in the field.
        focus = screen.query_one("#session-focus", TextInput)
        focus.value = "y" * 2100
        focus.focus()
        await pilot.press("enter")
        assert focus.value == "y" * 2100
        assert "Today's focus is 2,100 characters long" in screen_text(app)
        assert demo_store.record(screen.client_id).open_session.focus == "Whether to tell his firm [now]"  # type: ignore[union-attr]


async def test_revisit_answer_needs_words_and_own_prompts_persist(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Priya Natarajan")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "Last session of 8: a renewal conversation" in screen_text(app)
        await pilot.press("ctrl+f", "1", "enter")
        assert "cannot be empty" in screen_text(app)
        await pilot.press("escape")
        screen.query_one("#prompts").focus()
        await pilot.press("plus", *"What should I stop doing?", "enter")
        assert "What should I stop doing?" in screen_text(app)
    assert [p.text for p in demo_store.settings.prompts] == ["What should I stop doing?"]
    assert demo_store.record(screen.client_id).notes_of(8, NoteKind.REVISIT) == []


async def test_own_question_can_be_removed_but_built_in_ones_cannot(demo_store: PracticeStore) -> None:
    demo_store.add_prompt("What should I stop doing?")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        prompts = screen.query_one("#prompts", OptionList)
        prompts.focus()
        prompts.highlighted = 0  # a built-in question: delete does nothing
        await pilot.press("delete")
        await handled(pilot)
        assert len(demo_store.settings.prompts) == 1
        prompts.highlighted = prompts.option_count - 1  # the coach's own comes last
        await handled(pilot)
        await pilot.press("delete")
        await handled(pilot)
        assert "What should I stop doing?" not in screen_text(app)
    assert demo_store.settings.prompts == []
    reopened = PracticeStore(demo_store.data_dir, read_only=True).open()
    try:
        assert reopened.settings.prompts == []
    finally:
        reopened.close()


async def test_end_can_be_cancelled_and_leaving_keeps_the_session_open(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        await pilot.press(*"tired today", "enter")  # something logged: the session is a real one
        await pilot.press("ctrl+e")
        await handled(pilot)
        await pilot.press("n")
        await handled(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await handled(pilot)
        assert not isinstance(app.screen, SessionScreen)
        await toast_saying(pilot, "Session 2 with Maya Okafor is still open")
        session = demo_store.record(screen.client_id).open_session
        assert session is not None and session.number == 2
        again = await open_session(app, pilot, "Maya Okafor")
        assert again.session is not None and again.session.id == session.id  # resumed, not a new one


async def test_unsaved_words_block_leaving_and_ending(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        await pilot.press(*"first", "enter", *"half a thought", "ctrl+f")
        await pilot.press("escape")  # leave: refused, the words stay and get the focus
        await handled(pilot)
        assert app.screen is screen
        box = screen.query_one(QuickLogInput)
        assert box.value == "half a thought" and box.has_focus
        await pilot.press("escape", "ctrl+e")  # in a field holding text, ctrl+e is the end of the line
        await handled(pilot)
        assert app.screen is screen  # no confirmation either, until the words are saved or cleared
        await pilot.press("enter", "ctrl+e")
        await handled(pilot)
        assert app.screen is not screen


async def test_a_refused_write_is_said_inline_and_the_words_stay(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_tui.store import WriteFailed

    def disk_full(*args: object, **kwargs: object) -> None:
        raise WriteFailed("Not saved: the disk is full while writing the client file.")

    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        monkeypatch.setattr(demo_store, "log_note", disk_full)
        await pilot.press("ctrl+l", *"keep me", "enter")
        box = screen.query_one(QuickLogInput)
        assert box.value == "keep me" and box.has_focus
        assert "the disk is full" in screen_text(app)


async def test_read_only_practice_cannot_start_a_session(demo_store: PracticeStore) -> None:
    data_dir = demo_store.data_dir
    demo_store.close()
    read_only = PracticeStore(data_dir, read_only=True).open()
    try:
        app = make_app(read_only)
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            maya = read_only.find_client("Maya Okafor")
            assert maya is not None
            await app.push_screen(SessionScreen(maya.id))
            await handled(pilot)
            await handled(pilot)
            assert not isinstance(app.screen, SessionScreen)
            await toast_saying(pilot, "read-only")
        assert read_only.record(maya.id).open_session is None
    finally:
        read_only.close()


async def test_a_new_agreement_scrolls_into_view_at_80x24(demo_store: PracticeStore) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot, "Priya Natarajan")
        await pilot.press("ctrl+r", *"coach: say when tired", "enter")
        await handled(pilot)
        scroll = screen.query_one("#alliance-scroll", VerticalScroll)
        block = scroll.query_one("#alliance", Static)  # every category, drawn as one block
        lines = widget_text(block).splitlines()
        changed = [n for n, line in enumerate(lines) if "(new today)" in line]
        assert len(changed) == 1 and "say when tired" in lines[changed[0]]
        assert scroll.scroll_y > 0
        shown_at = block.region.y + changed[0]  # where the changed line is drawn on screen
        assert scroll.region.y <= shown_at < scroll.region.bottom


async def test_todays_focus_is_saved_when_the_coach_leaves_straight_from_it(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        await pilot.press("ctrl+g", *"Her director", "escape")
        assert app.screen is screen and isinstance(app.focused, QuickLogInput)
        await pilot.press("ctrl+g", *" again", "escape", "escape")
        await handled(pilot)
        assert app.screen is not screen
    session = demo_store.record(screen.client_id).open_session
    assert session is not None and session.focus == "Her director again"


async def test_carried_forward_comes_back_next_session(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Sofia Lindqvist")
        await pilot.press("ctrl+y", "f", "ctrl+e")
        await handled(pilot)
        await pilot.press("y")
        await handled(pilot)
        await pilot.press("escape")
        await handled(pilot)
        again = await open_session(app, pilot, "Sofia Lindqvist")
        assert again.session is not None and again.session.number == 9
        text = screen_text(app)
        assert "↻ Run the first one-to-ones with all four reports" in text
        assert "carried from session 8" in text
        assert "ctrl+y, then d done" in text  # it still needs its check-in, one key away
    assert screen.client_id == again.client_id


async def test_enter_before_a_check_in_says_what_to_press(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        await pilot.press("ctrl+y", "enter")
        assert "Check it in first: d, p, n, x or f" in screen_text(app)
        assert app.focused is not None and app.focused.id == "commitments"
        await pilot.press("X", *"no longer relevant", "enter")
        first = screen.query_one(AccountabilityPane).view.to_check[0]
        assert first.status is CommitmentStatus.DROPPED and first.checkin_note == "no longer relevant"
        assert "– dropped: Hand the weekly report to Sam" in screen_text(app)


async def test_a_clients_answer_never_becomes_a_question_for_every_client(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        await pilot.press("ctrl+f", "2", *"Sessions feel rushed since my divorce", "escape")
        await pilot.press("ctrl+o")  # from wherever the coach is, not only the questions' list
        box = screen.query_one("#revisit-answer", TextInput)
        assert app.focused is box and box.value == "", "the own-question field opens empty"
        await pilot.press(*"What should I stop doing?", "enter")
    assert [p.text for p in demo_store.settings.prompts] == ["What should I stop doing?"]


async def test_pasted_lines_are_kept_joined_not_cut_to_the_first(demo_store: PracticeStore) -> None:
    from textual import events

    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        await pilot.press("ctrl+l")
        box = screen.query_one(QuickLogInput)
        box.post_message(events.Paste("First line\nSecond line: I will send the budget\n\n  Third\n"))
        await handled(pilot)
        assert box.value == "First line Second line: I will send the budget Third"
        await pilot.press("enter")
    notes = [n.text for n in demo_store.record(screen.client_id).notes]
    assert "First line Second line: I will send the budget Third" in notes


async def test_ctrl_s_in_another_field_saves_it_and_never_arms_sharing(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        await pilot.press("ctrl+g", "ctrl+u", *"Promotion conversation", "ctrl+s")
        assert screen.query_one(QuickLog).shared_next is False
        await pilot.press(*"She mentioned her divorce", "enter")
        await pilot.press("ctrl+s", *"Tell partner", "enter")  # anywhere else: the log line, marked shared
    record = demo_store.record(screen.client_id)
    assert record.open_session is not None and record.open_session.focus == "Promotion conversation"
    (private,) = [n for n in record.notes if n.text == "She mentioned her divorce"]
    (shared,) = [n for n in record.notes if n.text == "Tell partner"]
    assert private.private and not shared.private


async def test_a_kind_chosen_and_dropped_never_blocks_ending(demo_store: PracticeStore) -> None:
    from alliance_tui.screens.end_session import EndSessionConfirm

    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        await pilot.press(*"a note", "enter", "ctrl+r", "escape", "ctrl+e")
        await handled(pilot)
        assert isinstance(app.screen, EndSessionConfirm), "a kind chosen with no words holds nothing to lose"
        await pilot.press("escape")
        await handled(pilot)
        assert app.screen is screen


async def test_quitting_with_words_in_a_field_asks_first_and_quits_on_the_second_ctrl_q(
    demo_store: PracticeStore,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        await pilot.press("ctrl+l", *"an important observation", "ctrl+q")
        await handled(pilot)
        assert app.is_running and app.screen is screen
        await toast_saying(pilot, "ctrl+q again quits without it")
        assert screen.query_one(QuickLogInput).has_focus
        await pilot.press("ctrl+q")
        await handled(pilot)
        assert not app.is_running


async def test_todays_focus_typed_is_saved_as_the_app_quits(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        await pilot.press("ctrl+g", "ctrl+u", *"Promotion talk", "ctrl+q")
        await handled(pilot)
        assert not app.is_running
    assert demo_store.record(screen.client_id).open_session.focus == "Promotion talk"  # type: ignore[union-attr]


async def test_quitting_with_nothing_unsaved_is_one_key(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Maya Okafor")
        await pilot.press("ctrl+q")
        await handled(pilot)
        assert not app.is_running


async def test_every_hint_of_the_log_line_is_whole_at_80x24(demo_store: PracticeStore) -> None:
    from rich.cells import cell_len

    from alliance_tui.models.quicklog import EntryKind, LineKind

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot, "Maya Okafor")
        line = screen.query_one(QuickLog)
        for kind in EntryKind:
            line.choose(LineKind(kind))
            await handled(pilot)
            box = line.input
            assert cell_len(box.placeholder) <= box.content_size.width, (kind, box.placeholder)
