"""Hostile text through every text field of the app, as a coach would type it.

Each entry is either saved, shown back exactly (after the clean-up in
models/text.py) and on disk after reopening the practice, or refused with a
message while what was typed stays in the field. Never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from alliance_tui.app import AllianceApp
from alliance_tui.models.notes import NoteKind
from alliance_tui.models.text import LONG_MAX, NAME_MAX, NOTE_MAX, SHORT_MAX, TextRefused, clean
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.screens.client_form import ClientFormScreen
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.erase import EraseClientScreen
from alliance_tui.screens.search import SearchScreen
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.accountability_pane import AccountabilityPane
from alliance_tui.widgets.quick_log import QuickLogInput
from alliance_tui.widgets.revisit_pane import RevisitPane

from .conftest import FROZEN_NOW
from .screen_text import screen_text
from .waits import handled, settled

MARKUP = ("[bold]x[/bold]", "[red]x[/]", "[@click=app.quit]x[/]")
HOSTILE = (
    "Ünïcødé café 北京 — 🙂 👩🏽‍💻 🇳🇱 مرحبا بالعالم שלום עולם",  # accents, CJK, emoji sequences, RTL
    *MARKUP,
    "tab\there\x00nul\x07bell\x1b[31mesc\u202eRLO\r\nCRLF",
    "y" * 5_000,
)


class Mono:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=Mono(), cursor_blink=False)


def expected(text: str, limit: int, *, multiline: bool = False) -> str | None:
    """What the documented clean-up keeps, or None when the field must refuse it."""
    try:
        return clean(text, max_len=limit, multiline=multiline)
    except TextRefused:
        return None


def alive(app: AllianceApp) -> None:
    assert app.is_running and app.return_code is None


def said(app: AllianceApp, words: str) -> bool:
    """The words are on screen, however the lines happen to wrap."""
    return words in " ".join(screen_text(app).split())


def reopened(store: PracticeStore) -> PracticeStore:
    return PracticeStore(Path(store.data_dir), clock=lambda: FROZEN_NOW).open()


async def submit(pilot: Pilot[None], box: Input, text: str) -> None:
    box.value = text
    box.focus()
    await pilot.press("enter")


def client_id(store: PracticeStore, name: str) -> str:
    summary = store.find_client(name)
    assert summary is not None
    return summary.id


async def test_quick_log_line_of_each_kind(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    maya = client_id(demo_store, "Maya Okafor")
    wanted: dict[str, list[str]] = {"note": [], "adjust": [], "commit": []}
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SessionScreen(maya))
        await handled(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        box = screen.query_one(QuickLogInput)
        for kind in ("note", "adjust", "commit"):
            for text in HOSTILE:
                screen.action_log(kind)  # the kind is the line's, chosen by its key; the words are text
                await submit(pilot, box, text)
                alive(app)
                saved = expected(text, NOTE_MAX)
                if saved is None:
                    assert box.value == text, "a refused entry keeps what was typed"
                    assert said(app, "your text is still here")
                else:
                    assert box.value == "", f"{kind}: {text!r} was not saved"
                    wanted[kind].append(saved)
        shown = screen_text(app)
        for text in MARKUP:
            assert text in shown  # shown as typed, never interpreted
    with reopened(demo_store) as again:
        record = again.record(maya)
        number = record.sessions[-1].number
        assert [n.text for n in record.notes_of(number, NoteKind.NOTE)][-len(wanted["note"]) :] == wanted["note"]
        assert record.current_alliance is not None
        wordings = [i.wording for i in record.current_alliance.items]
        assert all(w in wordings for w in wanted["adjust"])
        assert [c.what for c in record.commitments][-len(wanted["commit"]) :] == wanted["commit"]


async def test_session_fields_check_in_note_revisit_answer_and_own_prompt(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    daniel = client_id(demo_store, "Daniel Reyes")
    answers: list[str] = []
    prompts: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SessionScreen(daniel))
        await handled(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        # Today's focus and how it goes well: saved on Enter, refused inline.
        for field in ("focus", "success_measure"):
            box = screen.query_one(f"#session-{field}", Input)
            for text in HOSTILE:
                await submit(pilot, box, text)
                alive(app)
                saved = expected(text, NOTE_MAX, multiline=True)  # the model keeps line breaks
                session = demo_store.record(daniel).open_session
                assert session is not None
                if saved is None:
                    assert box.value == text
                    assert said(app, "your text is still here")
                    assert getattr(session, field) != text
                else:
                    assert getattr(session, field) == saved
            box.value = "Kept"
            await pilot.press("enter")
        # The check-in note: check the first commitment in, then note it.
        pane = screen.query_one(AccountabilityPane)
        pane.focus_list()
        await pilot.press("d")
        first = pane.view.to_check[0].id
        for text in HOSTILE:
            pane.focus_list()
            screen.query_one("#commitments").highlighted = 0  # type: ignore[attr-defined]
            pane.action_note()
            note_box = screen.query_one("#checkin-note", Input)  # mounted when a note is first asked for
            await submit(pilot, note_box, text)
            alive(app)
            saved = expected(text, NOTE_MAX, multiline=True)
            stored = next(c for c in demo_store.record(daniel).commitments if c.id == first).checkin_note
            if saved is None:
                assert note_box.value == text and note_box.display
                assert said(app, "your note is still here")
                pane.action_cancel_note()
                await handled(pilot)  # closed: the screen puts the coach back in the log line
            else:
                assert stored == saved
        # A revisit answer and a question of the coach's own.
        revisit = screen.query_one(RevisitPane)
        for text in HOSTILE:
            revisit.ask(1)
            answer_box = screen.query_one("#revisit-answer", Input)  # mounted when a question is first asked
            await submit(pilot, answer_box, text)
            alive(app)
            saved = expected(text, NOTE_MAX, multiline=True)
            if saved is None:
                assert answer_box.value == text and answer_box.display
                assert said(app, "the answer is still here")
                revisit.action_cancel()
                await handled(pilot)
            else:
                answers.append(saved)
        for text in HOSTILE:
            revisit.action_own_prompt()
            await submit(pilot, answer_box, text)
            alive(app)
            saved = expected(text, SHORT_MAX)
            if saved is None:
                assert answer_box.value == text and answer_box.display
                assert said(app, "your question is still here")
                revisit.action_cancel()
                await handled(pilot)
            else:
                prompts.append(saved)
        shown = screen_text(app)
        assert all(text in shown for text in MARKUP)
    with reopened(demo_store) as again:
        record = again.record(daniel)
        session = record.open_session
        assert session is not None and session.focus == "Kept"
        revisits = record.notes_of(session.number, NoteKind.REVISIT)
        assert [n.text for n in revisits][-len(answers) :] == answers
        assert [p.text for p in again.settings.prompts][-len(prompts) :] == prompts


async def test_client_form_fields(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    added: dict[str, tuple[str, str, str]] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        for n, text in enumerate(HOSTILE):
            form = ClientFormScreen()
            await app.push_screen(form)
            await handled(pilot)
            fields = {name: form.query_one(f"#{name}", Input) for name in ("name", "pronouns", "contact")}
            fields["name"].value = text
            fields["pronouns"].value = text
            fields["contact"].value = text
            form.query_one("#discovery_notes", TextArea).text = text
            await pilot.press("ctrl+s")
            await handled(pilot)
            alive(app)
            name, short = expected(text, NAME_MAX), expected(text, SHORT_MAX)
            if name is None:
                assert app.screen is form
                assert all(box.value == text for box in fields.values())
                assert form.query_one("#discovery_notes", TextArea).text == text
                assert str(form.query_one("#message", Static).render()).strip()
                # Only the name is too long: a short one saves the rest, kept as typed.
                fields["name"].value = f"Client {n}"
                await pilot.press("ctrl+s")
                await handled(pilot)
                alive(app)
                name = f"Client {n}"
                if short is None:  # pronouns and contact are too long as well
                    assert app.screen is form and fields["pronouns"].value == text
                    for box in (fields["pronouns"], fields["contact"]):
                        box.value = ""
                    await pilot.press("ctrl+s")
                    await handled(pilot)
                    short = ""
            assert app.screen is not form, f"{text[:30]!r} did not save"
            added[name] = (short or "", expected(text, LONG_MAX, multiline=True) or "", text)
        # The number fields refuse what is not a number, and keep it.
        form = ClientFormScreen()
        await app.push_screen(form)
        await handled(pilot)
        form.query_one("#name", Input).value = "Numbers"
        for text in HOSTILE:
            box = form.query_one("#think_time_seconds", Input)
            box.value = text
            await pilot.press("ctrl+s")
            await handled(pilot)
            alive(app)
            assert app.screen is form and box.value == text
            assert "think" in str(form.query_one("#message", Static).render()).lower()
        assert isinstance(app.screen, ClientFormScreen)
        await pilot.press("escape")
        await handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
        shown = screen_text(app)
        assert all(text in shown for text in MARKUP)  # the names, on the dashboard as typed
    with reopened(demo_store) as again:
        assert again.find_client("Numbers") is None
        for name, (short, notes, _typed) in added.items():
            summary = again.find_client(name)
            assert summary is not None, name
            client = again.record(summary.id).client
            assert (client.name, client.pronouns, client.contact, client.discovery_notes) == (
                name,
                short,
                short,
                notes,
            )


async def test_alliance_editor_wording_reason_and_category(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    sofia = client_id(demo_store, "Sofia Lindqvist")
    wordings: list[str] = []
    categories: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        editor = AllianceEditorScreen(sofia)
        await app.push_screen(editor)
        await handled(pilot)
        wording = editor.query_one("#wording", Input)
        reason = editor.query_one("#reason", Input)
        for text in HOSTILE:
            editor.action_add()
            await handled(pilot)
            wording.value = text
            await submit(pilot, reason, text)
            alive(app)
            saved = expected(text, NOTE_MAX)
            if saved is None:
                assert editor.mode is not None, "the form stays open"
                assert wording.value == text and reason.value == text
                assert str(editor.query_one("#form-message", Static).render()).strip()
                editor.close_form()
            else:
                wordings.append(saved)
        for text in HOSTILE:
            editor.action_new_category()
            await handled(pilot)
            await submit(pilot, wording, text)
            alive(app)
            saved = expected(text, SHORT_MAX)
            if saved is None:
                assert wording.value == text
                assert str(editor.query_one("#form-message", Static).render()).strip()
                editor.close_form()
            else:
                categories.append(saved)
        shown = screen_text(app)
        assert all(text in shown for text in MARKUP)
        await pilot.press("ctrl+s")
        await handled(pilot)
        alive(app)
        assert not isinstance(app.screen, AllianceEditorScreen)
    with reopened(demo_store) as again:
        current = again.record(sofia).current_alliance
        assert current is not None
        assert [i.wording for i in current.items][-len(wordings) :] == wordings
        assert all(c in again.categories() for c in categories)


async def test_search_box_and_dashboard_filter(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        box = dashboard.query_one("#filter", Input)
        for text in HOSTILE:
            await submit(pilot, box, text)
            alive(app)
            assert box.value == text
        box.value = ""
        await handled(pilot)
        search = SearchScreen()
        await app.push_screen(search)
        await handled(pilot)
        query = search.query_one("#query", Input)
        for text in HOSTILE:
            await submit(pilot, query, text)
            await app.workers.wait_for_complete()
            await handled(pilot)
            alive(app)
            assert query.value == text
        await submit(pilot, query, "[bold]")  # markup-like text finds itself, shown as typed
        await app.workers.wait_for_complete()
        await handled(pilot)
        alive(app)
        # The command palette's own search line.
        await pilot.press("ctrl+p")
        await handled(pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        line = palette.query_one(Input)
        for text in HOSTILE:
            line.value = text
            await settled(pilot)  # the palette's search for it has run
            alive(app)
            assert line.value == text
        await pilot.press("escape")
        await handled(pilot)
        alive(app)


@pytest.mark.parametrize("text", HOSTILE[:: len(HOSTILE) - 1] + MARKUP[2:])
async def test_erase_confirmation_refuses_anything_but_the_name(demo_store: PracticeStore, text: str) -> None:
    app = make_app(demo_store)
    maya = client_id(demo_store, "Maya Okafor")
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = EraseClientScreen(maya)
        await app.push_screen(dialog)
        await handled(pilot)
        box = dialog.query_one("#erase-name", Input)
        await submit(pilot, box, text)
        alive(app)
        assert app.screen is dialog and box.value == text
        assert str(dialog.query_one("#erase-message", Static).render()).strip()
    with reopened(demo_store) as again:
        assert again.find_client("Maya Okafor") is not None


async def test_typed_key_by_key_unicode_and_markup_reach_the_note_exactly(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    maya = client_id(demo_store, "Maya Okafor")
    typed = "né 北 🙂 שלום [b]x[/b]"
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SessionScreen(maya))
        await handled(pilot)
        # Pilot cannot press an emoji as a key (a real terminal types it fine): it goes in as pasted text.
        box = app.screen.query_one(QuickLogInput)
        await pilot.press("ctrl+l", *typed[:5])
        box.insert_text_at_cursor("🙂")
        await pilot.press(*typed[6:], "enter")
        alive(app)
        assert app.screen.query_one(QuickLogInput).value == ""
        assert said(app, typed)
    with reopened(demo_store) as again:
        assert again.record(maya).notes[-1].text == typed
