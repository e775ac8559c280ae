"""The prep sheet: one page before the call, in the terminal and in the app, the same words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Markdown

from alliance_tui import cli
from alliance_tui.app import AllianceApp
from alliance_tui.exports.prep import prep_sheet
from alliance_tui.models.client import Client
from alliance_tui.models.commitments import Commitment
from alliance_tui.models.notes import Note
from alliance_tui.models.record import ClientRecord
from alliance_tui.models.session import Session
from alliance_tui.screens.prep import PrepScreen
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .waits import handled

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def _record() -> ClientRecord:
    return ClientRecord(
        client=Client(name="Ada [bold]Lovelace[/]", created=T0),
        sessions=[
            Session(
                number=1,
                started=T0,
                ended=T0 + timedelta(minutes=50),
                focus="Decide on *the* offer",
                success_measure="a yes or a no",
            )
        ],
        commitments=[Commitment(what="Call the recruiter", by_when="Friday", created=T0, session_number=1)],
        notes=[Note(text="my private worry", created=T0, session_number=1)],
    )


def test_the_sheet_leads_with_what_matters_and_keeps_notes_out() -> None:
    sheet = prep_sheet(_record(), categories=(), today=date(2026, 11, 20))
    assert sheet.startswith("# Prep: Ada \\[bold\\]Lovelace\\[/\\], session 2 of 12\n")
    assert "- Call the recruiter (by Friday · Fri 6 Nov, **overdue**, made in session 1)" in sheet
    assert "- Focus: Decide on \\*the\\* offer" in sheet and "- Went well if: a yes or a no" in sheet
    assert "my private worry" not in sheet
    assert sheet.index("Open commitments") < sheet.index("Last session") < sheet.index("The agreement")


def test_contacts_since_the_last_session_are_on_the_sheet_private_words_kept_off(
    demo_store: PracticeStore, capsys: pytest.CaptureFixture[str]
) -> None:
    from alliance_tui.models.contacts import Channel
    from alliance_tui.store.contacts import log_contact

    maya = demo_store.find_client("Maya Okafor")  # the demo gives her no contacts of her own
    assert maya is not None
    demo_store.update_client(maya.id, contacts_between_sessions=1)
    log_contact(demo_store, maya.id, "Asked whether to *accept* the offer", private=False)
    log_contact(demo_store, maya.id, "Sounded low; check in on sleep", channel=Channel.CALL)
    demo_store.close()
    assert cli.main(["--data-dir", str(demo_store.data_dir), "prep", "maya"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "## Contacts since session 1 (2)" in out
    assert "· message, from the client: Asked whether to \\*accept\\* the offer" in out
    assert "· call, from the client *(private note, on the review)*" in out and "sleep" not in out
    assert "**2 contacts since session 1: more than the 1 contact between sessions agreed.**" in out
    assert out.index("## Open commitments") < out.index("## Contacts") < out.index("## Last session")


def test_prep_in_the_terminal(demo_store: PracticeStore, capsys: pytest.CaptureFixture[str]) -> None:
    demo_store.close()
    assert cli.main(["--data-dir", str(demo_store.data_dir), "prep", "daniel"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("# Prep: Daniel Reyes, session 4 of 12")
    assert "## ⚑ Time to revisit the alliance" in out and "## The agreement (version 2)" in out


async def test_p_on_the_review_opens_the_sheet_and_esc_returns(demo_store: PracticeStore) -> None:
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ClientReviewScreen(daniel.id))
        await handled(pilot)
        await pilot.press("p")
        await handled(pilot)
        assert isinstance(app.screen, PrepScreen)
        assert "Prep: Daniel Reyes" in app.screen.query_one("#sheet", Markdown).source
        await pilot.press("escape")
        await handled(pilot)
        assert isinstance(app.screen, ClientReviewScreen)


def test_prep_snapshot_80x24(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None

    async def open_sheet(pilot: Pilot[None]) -> None:
        pilot.app.push_screen(PrepScreen(daniel.id))
        await handled(pilot)

    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_sheet)
