"""A whole session driven as a coach would, then checked on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList, Static

from alliance_tui.app import AllianceApp
from alliance_tui.models.alliance import RequestedBy
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.notes import NoteKind
from alliance_tui.screens.session import SessionScreen
from alliance_tui.screens.session_summary import SessionSummaryScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.pause_clock import PauseClock
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput

from .conftest import FROZEN_NOW
from .screen_text import plain_text, widget_text
from .waits import handled, settled


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def screen_text(app: AllianceApp) -> str:
    """Everything the coach can read in the screen's static text and option lists."""
    parts: list[str] = []
    for widget in app.screen.query(Static):
        drawn = widget.render()  # a widget that draws itself (the header) has no content of its own
        parts.append(str(drawn) if isinstance(drawn, Text | Content) else plain_text(widget.content))  # type: ignore[arg-type]
    for options in app.screen.query(OptionList):
        parts.extend(plain_text(options.get_option_at_index(i).prompt) for i in range(options.option_count))  # type: ignore[arg-type]
    parts.extend(widget_text(clock) for clock in app.screen.query(PauseClock))  # drawn line by line, no Statics
    return "\n".join(parts)


def make_app(store: PracticeStore, mono: FakeMonotonic | None = None) -> AllianceApp:
    return AllianceApp(
        store, demo=True, clock=lambda: FROZEN_NOW, monotonic=mono or FakeMonotonic(), cursor_blink=False
    )


async def open_session(app: AllianceApp, pilot: object, name: str) -> SessionScreen:
    summary = app.store.find_client(name)
    assert summary is not None
    await app.push_screen(SessionScreen(summary.id))
    await handled(pilot)  # type: ignore[attr-defined]
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def test_a_whole_session(demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    rung: list[str] = []
    monkeypatch.setattr(AllianceApp, "bell", lambda self: rung.append("bell"))
    mono = FakeMonotonic()
    app = make_app(demo_store, mono)
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    async with app.run_test(size=(120, 36)) as pilot:
        await open_session(app, pilot, "Daniel Reyes")
        text = screen_text(app)
        assert "Daniel Reyes  ·  session 4 of 12" in text
        assert "Draft a six-month transition budget" in text
        # Focus lands where the coach types: the log line. Opening wrote nothing.
        assert isinstance(app.focused, QuickLogInput)
        assert demo_store.record(daniel.id).sessions[-1].number == 3

        # Check in two commitments: done, then (the next one) partly with a note.
        await pilot.press("ctrl+y")
        assert app.focused is not None and app.focused.id == "commitments"
        await pilot.press("d")
        assert "Checked in" in screen_text(app)
        await pilot.press("P")  # Shift: partly, and a note on it straight away
        await pilot.press(*"Booked")
        await pilot.press("enter")
        assert isinstance(app.focused, QuickLogInput)  # all checked in: back where the coach types
        text = screen_text(app)
        assert "done: Draft a six-month transition budget" in text
        assert "partly done: Book a portfolio review" in text
        assert "Booked" in text

        # An adjustment: one key, the category shown before a word is typed, Enter; focus stays in the line.
        await pilot.press("ctrl+r")
        assert isinstance(app.focused, QuickLogInput)
        await pilot.press("tab")  # from the default (Style and tone) to the next category
        assert "± adjust · Permissions" in screen_text(app)
        await pilot.press(*"call me out", "enter")
        assert isinstance(app.focused, QuickLogInput)
        assert "✚ call me out  (new today)" in screen_text(app)
        assert "✎ note · private" in screen_text(app)  # back to a private note

        # A shared note, then a commitment.
        await pilot.press("ctrl+s", *"Tell partner", "enter")
        await pilot.press("ctrl+n", *"send CV | Fri | email", "enter")
        assert "send CV" in screen_text(app)
        assert "◉ shared Tell partner" in screen_text(app)  # logged notes stay in view
        assert app.screen.query_one(QuickLog).shared_next is False  # shared was for one entry only

        # A pause: 30 s agreed, the client took 21.5 s.
        await pilot.press("ctrl+t")
        mono.now += 21.5
        await pilot.press("ctrl+t")
        assert "Today: 22 s (of 30)" in screen_text(app)

        # Answer revisit prompt 2.
        await pilot.press("ctrl+f", "2", *"Push harder", "enter")
        assert "How much should I push back or challenge you?  (asked)" in screen_text(app)

        # End, with confirmation.
        await pilot.press("ctrl+e")
        await handled(pilot)
        await pilot.press("y")
        await handled(pilot)
        assert isinstance(app.screen, SessionSummaryScreen)
        summary = screen_text(app)
        for expected in (
            "Alliance adjustments (1)",
            "call me out",
            "Commitments made (1)",
            "Check-ins (2)",
            "Pauses (1)",
            "22 s",
            "Revisit answers (1)",
            "Push harder",
        ):
            assert expected in summary
        # The end was one write; the session went into its own file while the summary showed.
        await settled(pilot)
        assert (demo_store.clients_dir / daniel.id / "0004.json").exists()
        assert rung == []  # not one beep in a whole session

    data_dir: Path = demo_store.data_dir
    demo_store.close()
    reopened = PracticeStore(data_dir).open()
    try:
        record = reopened.record(daniel.id)
        session = record.sessions[-1]
        assert session.number == 4 and session.ended == FROZEN_NOW
        by_what = {c.what: c for c in record.commitments}
        assert by_what["Draft a six-month transition budget"].status is CommitmentStatus.DONE
        portfolio = by_what["Book a portfolio review"]
        assert portfolio.status is CommitmentStatus.PARTLY and portfolio.checkin_note == "Booked"
        new = by_what["send CV"]
        assert (new.by_when, new.how_accountable, new.session_number) == ("Fri", "email", 4)
        current = record.current_alliance
        assert current is not None and current.session_number == 4
        added = [i for i in current.items if i.agreed_in_session == 4]
        assert [(i.category, i.wording, i.requested_by) for i in added] == [
            ("Permissions", "call me out", RequestedBy.CLIENT)
        ]
        notes = record.notes_of(4, NoteKind.NOTE)
        assert [(n.text, n.private) for n in notes] == [("Tell partner", False)]
        answers = record.notes_of(4, NoteKind.REVISIT)
        assert [(n.prompt, n.text) for n in answers] == [
            ("How much should I push back or challenge you?", "Push harder")
        ]
        pauses = [p for p in record.pauses if p.session_number == 4]
        assert [(p.target_seconds, p.actual_seconds) for p in pauses] == [(30, 21.5)]
    finally:
        reopened.close()


@pytest.mark.parametrize("keys", [("ctrl+r", *"be blunt with me"), ("ctrl+n", *"send CV | Fri | email")])
async def test_shared_is_for_the_next_entry_only_even_when_that_is_not_a_note(
    demo_store: PracticeStore, keys: tuple[str, ...]
) -> None:
    """Shared, then an adjustment or a commitment: the note typed after it must not go to the client."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        await pilot.press("ctrl+s", *keys, "enter")
        assert screen.query_one(QuickLog).shared_next is False
        await pilot.press(*"About his boss", "enter")
        assert "◉ shared About his boss" not in screen_text(app)
        (note,) = [n for n in demo_store.record(screen.client_id).notes if n.text == "About his boss"]
        assert note.private, "a note the coach did not mark shared stays private"
