"""The success ladder in a live session: ctrl+b to set it inline, ctrl+b again to mark today, ctrl+z undoes."""

from __future__ import annotations

from alliance_tui.models.ladder import Landing
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput

from .test_session_flow import make_app, open_session, screen_text
from .waits import settled, toast_saying


async def test_the_ladder_is_set_inline_and_today_marked_in_two_keys(store: PracticeStore) -> None:
    client = store.add_client("Ana Lima")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot, "Ana Lima")
        await pilot.press("ctrl+b")
        line = screen.query_one(QuickLog)
        assert "No ladder yet" in line.message and len(line.message) <= 78  # whole on the line at 80 columns
        await pilot.press(*"a plan | [b]moving[/b] | she leads", "enter")
        await settled(pilot)
        ladder = store.present(client.id).ladder
        assert ladder is not None and ladder.great == "[b]moving[/b]"
        assert "Success ladder set" in line.message
        assert "today not marked" in screen_text(app)

        await pilot.press("ctrl+b")  # the ladder back in the line, to change...
        box = screen.query_one(QuickLogInput)
        assert box.value == "a plan | [b]moving[/b] | she leads"
        steps = len(screen.undo_stack)
        await pilot.press("enter")  # offered back and left as it was: nothing written, nothing to undo
        await settled(pilot)
        assert "as it was: nothing saved" in line.message
        assert len(screen.undo_stack) == steps
        await pilot.press("ctrl+b")
        await pilot.press("ctrl+b", "ctrl+b")  # ...or, again, to mark today: good, then great
        await settled(pilot)
        assert store.present(client.id).session is not None
        assert store.present(client.id).session.landed is Landing.GREAT  # type: ignore[union-attr]
        assert "Landed: great" in line.message and "ctrl+b again: amazing" in line.message
        assert "today: great · [b]moving[/b]" in screen_text(app)  # typed markup is text

        await pilot.press("ctrl+z")
        await settled(pilot)
        assert store.present(client.id).session.landed is Landing.GOOD  # type: ignore[union-attr]

        await pilot.press("escape")  # back to a note: the ladder offered and left unchanged is not a note
        assert box.value == "" and line.line_kind.is_default


async def test_the_revisit_prompts_say_what_the_alliance_has_never_designed(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_session(app, pilot, "Maya Okafor")  # session 2: too early for the nudge, still said
        text = screen_text(app)
        assert "○ Not yet designed: direct communication, challenge, accountability, feedback and contact" in text


async def test_the_editor_sets_the_ladder_and_brings_the_clock_in_step_with_the_agreement(
    store: PracticeStore,
) -> None:
    from textual.widgets import Input

    from alliance_tui.models.alliance import item
    from alliance_tui.screens.alliance_editor import AllianceEditorScreen

    client = store.add_client("Ana Lima", think_time_seconds=30)
    store.adjust_alliance(client.id, [item("Think time", "20 seconds of quiet")])
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.push_screen(AllianceEditorScreen(client.id))
        await settled(pilot)
        assert "says 20 s; the clock is at 30 s: ctrl+k sets the clock to match." in screen_text(app)
        await pilot.press("ctrl+k")
        await toast_saying(pilot, "✔ Pause clock set to 20 s (was 30 s)")
        await settled(pilot)
        assert store.present(client.id).client.think_time_seconds == 20
        assert "the clock is at" not in screen_text(app)
        await pilot.press("l")
        app.screen.query_one("#wording", Input).value = "a plan | the plan moving | she leads it"
        await pilot.press("enter")
        await toast_saying(pilot, "✔ Success ladder saved")
        ladder = store.present(client.id).ladder
        assert ladder is not None and (ladder.good, ladder.amazing) == ("a plan", "she leads it")
        await pilot.press("l", "enter")  # offered back and left as it was: nothing written
        await toast_saying(pilot, "is as it was: nothing saved")
        assert store.present(client.id).ladder == ladder
        await pilot.press("ctrl+z")  # the ladder saved at once goes again (it was new: removed)
        await toast_saying(pilot, "Undone: success ladder saved")
        assert store.present(client.id).ladder is None
        await pilot.press("ctrl+z")  # and the pause clock before it
        await toast_saying(pilot, "Undone: pause clock set to 20 s (was 30 s)")
        assert store.present(client.id).client.think_time_seconds == 30
