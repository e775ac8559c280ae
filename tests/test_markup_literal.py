"""Text the coach saved is shown as typed on every screen, never read as markup.

Every text field of a client's file and of the practice's settings holds a value
that Rich or Textual markup would act on: '[/]' (a closing tag with nothing
open, which raises), '[bold]' (which would vanish into a style) and a '[link=…]'
(which would become a clickable file link). Each screen that shows the field
must show the brackets literally and keep running.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select

from alliance_tui.app import AllianceApp
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.notes import NoteKind
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.screens.erase import EraseClientScreen
from alliance_tui.screens.history import AllianceHistoryScreen as HistoryScreen
from alliance_tui.screens.prep import PrepScreen
from alliance_tui.screens.review import ClientReviewScreen as ReviewScreen
from alliance_tui.screens.search import SearchScreen
from alliance_tui.screens.session import SessionScreen
from alliance_tui.screens.session_summary import SessionSummaryScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .screen_text import screen_text
from .waits import handled

LINK = "[link=file:///etc/passwd]x[/link]"
# Each field's saved value: a short literal to look for, with '[/]' and a link around it.
FIELDS = {
    "name": "[/][b]Ann[/b]",
    "pronouns": "[i]they[/i]",
    "contact": f"[/]{LINK}",
    "discovery_notes": "[/] [bold]Disc[/bold] " + LINK,
    "category": "[/][b]Cat[/b]",
    "prompt": "[bold]Ours?[/bold] [/]",
    "focus": "[/] [bold]Focus[/bold]",
    "success_measure": "[/] [i]Well[/i]",
    "wording": "[/] [bold]Agree[/bold] " + LINK,
    "alliance_reason": "[/] [bold]Because[/bold]",
    "note": "[/] [bold]Noted[/bold] " + LINK,
    "answer": "[/] [bold]Answer[/bold]",
    "what": "[/] [bold]Do[/bold]",
    "by_when": "[/] [i]Fri[/i]",
    "how": "[/] [bold]Tell[/bold]",
    "checkin_note": "[/] [bold]Checked[/bold]",
    "open_what": "[/] [bold]Open[/bold] " + LINK,
}


def literal(field: str) -> str:
    """The part of a field's value that must appear on screen exactly as saved."""
    whole = {"name", "pronouns", "category", "prompt"}
    if field in whole:
        return FIELDS[field]
    if field == "contact":
        return LINK
    return FIELDS[field].split(" ")[1]


class Clock:
    def __init__(self) -> None:
        self.now = FROZEN_NOW - timedelta(days=14)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def build(data_dir: Path) -> str:
    """A practice whose every text field holds markup; returns the client's id."""
    with PracticeStore(data_dir, clock=Clock()) as store:
        client = store.add_client(
            FIELDS["name"],
            pronouns=FIELDS["pronouns"],
            contact=FIELDS["contact"],
            discovery_notes=FIELDS["discovery_notes"],
        )
        category = store.add_category(FIELDS["category"])
        prompt = store.add_prompt(FIELDS["prompt"])
        first = store.start_session(client.id)
        store.update_session(client.id, first.id, focus=FIELDS["focus"], success_measure=FIELDS["success_measure"])
        store.add_alliance_item(
            client.id, category, FIELDS["wording"], session_number=first.number, reason=FIELDS["alliance_reason"]
        )
        store.log_note(client.id, FIELDS["note"], session_number=first.number, private=False)
        store.log_note(
            client.id, FIELDS["answer"], kind=NoteKind.REVISIT, prompt=prompt.text, session_number=first.number
        )
        commitment = store.add_commitment(
            client.id,
            FIELDS["what"],
            by_when=FIELDS["by_when"],
            how_accountable=FIELDS["how"],
            session_number=first.number,
        )
        store.end_session(client.id, first.id)
        second = store.start_session(client.id)
        store.check_in(
            client.id, commitment.id, CommitmentStatus.DONE, note=FIELDS["checkin_note"], session_number=second.number
        )
        store.add_commitment(client.id, FIELDS["open_what"], session_number=second.number)
        store.end_session(client.id, second.id)
        return client.id


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


def missing(app: AllianceApp, *fields: str) -> list[str]:
    """The fields whose literal text is not on screen (lines joined, so wrapping does not matter)."""
    assert app.is_running
    shown = " ".join(screen_text(app).split())
    return [f for f in fields if " ".join(literal(f).split()) not in shown]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await handled(pilot)


async def test_every_saved_text_field_is_shown_literally_on_every_screen(data_dir: Path) -> None:
    cid = build(data_dir)
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    app = make_app(store)
    try:
        async with app.run_test(size=(200, 60)) as pilot:
            await settle(pilot)
            assert missing(app, "name") == []

            await app.push_screen(ReviewScreen(cid))
            await settle(pilot)
            assert missing(app, "name", "discovery_notes", "category", "wording", "what", "checkin_note") == []
            app.pop_screen()

            await app.push_screen(ReviewScreen(cid, session_number=1))
            await settle(pilot)
            assert missing(app, "focus", "success_measure", "note", "answer", "what") == []
            app.pop_screen()

            await app.push_screen(HistoryScreen(cid))
            await settle(pilot)
            assert missing(app, "name", "category", "wording") == []
            app.pop_screen()

            await app.push_screen(SessionSummaryScreen(cid, 1))
            await settle(pilot)
            assert missing(app, "note", "answer", "what") == []
            app.pop_screen()

            search = SearchScreen()
            await app.push_screen(search)
            await settle(pilot)
            search.query_one("#query", Input).value = "Noted"
            await pilot.press("enter")
            await settle(pilot)
            assert missing(app, "name", "note") == []
            app.pop_screen()

            await app.push_screen(AllianceEditorScreen(cid))
            await settle(pilot)
            assert missing(app, "name", "category", "wording") == []
            await pilot.press("c")  # move the agreement: the category dropdown, opened
            await settle(pilot)
            select = app.screen.query_one("#category", Select)
            assert select.has_focus
            await pilot.press("enter")
            await settle(pilot)
            assert select.expanded
            assert missing(app, "category") == []
            await pilot.press("escape")  # the dropdown closes; the screens below are pushed on top
            await settle(pilot)

            await app.push_screen(PrepScreen(cid))  # the prep sheet is Markdown: user text must not become links
            await settle(pilot)
            assert missing(app, "name", "wording", "category", "open_what") == []
            app.pop_screen()

            await app.push_screen(EraseClientScreen(cid))
            await settle(pilot)
            assert missing(app, "name") == []
            app.pop_screen()

            await pilot.press("ctrl+p", *"Ann")  # the command palette lists the client by name
            await settle(pilot)
            assert missing(app, "name") == []
            await pilot.press("escape")
            await settle(pilot)

            await app.push_screen(SessionScreen(cid))
            await settle(pilot)
            assert missing(app, "wording", "prompt", "open_what", "name") == []
            assert app.is_running
    finally:
        store.close()
