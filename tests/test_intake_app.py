"""Intake in the app: a filled form read from the review, its answers offered as drafts the coach decides on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from alliance_tui.app import AllianceApp
from alliance_tui.demo import DEMO_ANSWERS, write_demo_intake
from alliance_tui.exports.intake import intake_form
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.screens.intake_import import IntakeImportScreen
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.store import InvalidInput, PracticeStore
from alliance_tui.store.intake import apply_intake, read_form

from .conftest import FROZEN_NOW, client_id
from .screen_text import run_palette_command, screen_text, widget_text
from .test_intake import fill
from .waits import settled, toast_saying, until

ANSWERED = sum(1 for a in DEMO_ANSWERS.values() if a)


def test_answers_land_as_notes_and_drafts_in_one_write_and_never_twice(demo_store: PracticeStore) -> None:
    path = write_demo_intake(demo_store)
    maya = client_id(demo_store, "Maya Okafor")
    answers = read_form(demo_store, path, maya)
    client, drafts = apply_intake(demo_store, answers, "2026-11-20")
    assert drafts == ANSWERED == len(client.intake_drafts)
    assert {d.category for d in client.intake_drafts} >= {"Focus", "Style and tone", "Think time", "Logistics"}
    assert "From the intake form (2026-11-20, ref" in client.discovery_notes
    with PracticeStore(demo_store.data_dir, read_only=True) as again:  # on disk, both
        assert again.present(maya).client == client
    from alliance_tui.exports.prep import prep_sheet

    sheet = prep_sheet(demo_store.record(maya), categories=demo_store.categories(), today=FROZEN_NOW.date())
    assert f"*{ANSWERED} drafts from the intake wait in the alliance editor, not yet agreed.*" in sheet
    with pytest.raises(InvalidInput, match="already in Maya Okafor's discovery notes"):
        read_form(demo_store, path, maya)
    daniel = client_id(demo_store, "Daniel Reyes")
    with pytest.raises(InvalidInput, match="is Maya Okafor's form, not this client's"):
        read_form(demo_store, path, daniel)


def test_every_refusal_names_the_file_and_changes_nothing(store: PracticeStore, tmp_path: Path) -> None:
    ana = store.add_client("Ana Lima").id
    blank = tmp_path / "blank.md"
    blank.write_text(intake_form("Ana Lima", ana), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"blank\.md holds no answers yet"):
        read_form(store, blank, ana)
    edited = tmp_path / "edited.md"
    edited.write_text(fill(intake_form("Ana Lima", ana), {"purpose": "x"}).replace("<!-- q:feedback -->", ""))
    with pytest.raises(InvalidInput, match=r"edited\.md: The form's questions were changed"):
        read_form(store, edited, ana)
    with pytest.raises(InvalidInput, match="is a folder"):
        read_form(store, tmp_path, ana)
    assert store.present(ana).client.discovery_notes == "" and store.present(ana).client.intake_drafts == ()
    store.update_client(ana, discovery_notes="x" * 9_990)
    filled = tmp_path / "filled.md"
    filled.write_text(fill(intake_form("Ana Lima", ana), {"purpose": "To change careers."}), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"would be 10,\d{3} characters, over the 10,000 they hold"):
        apply_intake(store, read_form(store, filled, ana), "2026-11-20")
    assert store.present(ana).client.discovery_notes == "x" * 9_990 and store.present(ana).client.intake_drafts == ()


async def test_import_from_the_review_then_accept_edit_and_skip_drafts_in_the_editor(
    demo_store: PracticeStore,
) -> None:
    write_demo_intake(demo_store)
    maya = client_id(demo_store, "Maya Okafor")
    version_before = demo_store.present(maya).version_count
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.push_screen(ClientReviewScreen(maya))
        await settled(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, IntakeImportScreen), "the import screen")
        assert app.screen.query_one("#form-path", Input).value.endswith(".md")  # the demo's form, to try
        await pilot.press("ctrl+s")
        assert "Read a form first" in widget_text(app.screen.query_one("#intake-preview"))
        await pilot.press("enter")
        await settled(pilot)
        assert f"{ANSWERED} of 7 answered" in screen_text(app)
        assert demo_store.present(maya).client.intake_drafts == ()  # reading changed nothing
        await pilot.press("ctrl+s")
        await toast_saying(pilot, "Intake added")
        assert isinstance(app.screen, ClientReviewScreen)

        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, AllianceEditorScreen), "the editor")
        editor = app.screen
        assert isinstance(editor, AllianceEditorScreen)
        assert f"{ANSWERED} from the intake" in screen_text(app)  # beside the demo coach's style, offered too
        await pilot.press("end", "y", "enter")  # the last draft (logistics), as the client wrote it
        await pilot.press("end", "d")  # the draft now last: skipped
        await pilot.press("end", "up", "r")  # one more, edited first
        wording = editor.query_one("#wording", Input)
        assert wording.value
        wording.value = "Be direct with me"
        await pilot.press("enter", "enter")
        await settled(pilot)
        await pilot.press("ctrl+s")
        await toast_saying(pilot, "Saved as version")
    present = demo_store.present(maya)
    assert present.version_count == version_before + 1
    assert present.current_alliance is not None
    agreed = {(i.category, i.wording, i.reason) for i in present.current_alliance.items}
    assert ("Logistics", DEMO_ANSWERS["logistics"], "From the intake form") in agreed
    assert any(w == "Be direct with me" for _, w, _ in agreed)
    assert len(present.client.intake_drafts) == ANSWERED - 3  # accepted twice, skipped once; the rest still wait


async def test_the_coach_edits_the_intake_questions_and_the_next_form_asks_them(
    store: PracticeStore, tmp_path: Path
) -> None:
    from alliance_tui.screens.intake_questions import IntakeQuestionsScreen
    from alliance_tui.store.intake import intake_questions

    ana = store.add_client("Ana Lima").id
    app = AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        run_palette_command(app, "Intake questions")
        await until(pilot, lambda: isinstance(app.screen, IntakeQuestionsScreen), "the questions screen")
        await pilot.press("d")  # the first question proposed to go: nothing written yet
        assert "Enter takes question 1 off the form" in screen_text(app)
        assert intake_questions(store)[0].key == "purpose"
        await pilot.press("escape")  # left as it was
        assert "Left as it was: nothing saved." in screen_text(app) and intake_questions(store)[0].key == "purpose"
        await pilot.press("d", "enter")  # the first question off the form
        assert "Saved: question 1 taken off the form" in screen_text(app)
        assert intake_questions(store)[0].key == "challenge"
        await pilot.press("ctrl+z")
        assert intake_questions(store)[0].key == "purpose"
        await pilot.press("a", *"Who else is in your corner?", "enter")
        await pilot.press("c", "c")  # from Focus, where a new question starts, two categories on
        assert "Enter moves question 8 from Focus to Permissions" in screen_text(app)
        assert intake_questions(store)[-1].category == "Focus"
        await pilot.press("up", "enter")  # moving away lets the proposal go: Enter writes nothing
        assert intake_questions(store)[-1].category == "Focus"
        await pilot.press("down", "c", "enter")
        assert "Saved: question 8 moved from Focus to Style and tone" in screen_text(app)
        await pilot.press("a", "enter")  # an empty question is refused, said, and nothing is saved
        assert "The question" in screen_text(app)
        assert len(intake_questions(store)) == 8
    added = intake_questions(store)[-1]
    assert (added.category, added.text) == ("Style and tone", "Who else is in your corner?")
    form = intake_form("Ana Lima", ana, intake_questions(store))
    filled = tmp_path / "form.md"
    filled.write_text(fill(form, {added.key: "My sister."}), encoding="utf-8")
    answers = read_form(store, filled, ana)
    assert [(a.question.category, a.text) for a in answers.answers] == [("Style and tone", "My sister.")]


async def test_the_review_sends_the_intake_form_and_reads_it_back_filled(store: PracticeStore) -> None:
    ana = store.add_client("Ana Lima").id
    app = AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.push_screen(ClientReviewScreen(ana))
        await settled(pilot)
        await pilot.press("ctrl+o", "end", "enter")  # the sheet's last page: the intake form
        await toast_saying(pilot, "Intake form for Ana Lima")
        (form,) = (store.data_dir / "exports").rglob("intake-form.md")
        form.write_text(fill(form.read_text(encoding="utf-8"), {"feedback": "Straight."}), encoding="utf-8")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, IntakeImportScreen), "the import screen")
        app.screen.query_one("#form-path", Input).value = str(form)
        await pilot.press("enter", "ctrl+s")
        await toast_saying(pilot, "Intake added")
        assert [(d.category, d.wording) for d in store.present(ana).client.intake_drafts] == [("Feedback", "Straight.")]
        assert "Straight." in store.present(ana).client.discovery_notes
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "back on the review")
        await pilot.press("ctrl+z")  # one key takes the whole import back
        await toast_saying(pilot, "Undone: intake form added")
    reopened = PracticeStore(store.data_dir, read_only=True).open()
    try:
        client = reopened.present(ana).client
        assert client.intake_drafts == () and "Straight." not in client.discovery_notes
    finally:
        reopened.close()


def test_an_intake_taken_back_after_the_coach_changed_the_card_is_refused(demo_store: PracticeStore) -> None:
    """ctrl+z never throws away what the coach did since: drafts decided in the editor, say."""
    from alliance_tui.models.undo import CardChanged

    cid = client_id(demo_store, "Maya Okafor")
    before = demo_store.present(cid).client
    after = demo_store.update_client(cid, discovery_notes=before.discovery_notes + "\n\nFrom the intake")
    step = CardChanged(
        "Intake", cid, {"discovery_notes": before.discovery_notes}, {"discovery_notes": after.discovery_notes}
    )
    demo_store.update_client(cid, discovery_notes=after.discovery_notes + " (edited)")
    with pytest.raises(InvalidInput, match="changed since"):
        demo_store.undo(step)
    assert demo_store.present(cid).client.discovery_notes.endswith("(edited)")
