"""The review's story so far: the sessions, the success ladder, the trends and the programmes.

Each function draws one section from the client's record or the review's view
of the history, so the screen only puts the sections in place.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from ..models.diff import ChangeKind, diff_versions
from ..models.history_view import HistoryView
from ..models.ladder import describe_landings, ladder_of, landing_chart
from ..models.notes import NoteKind
from ..models.programme import all_programmes, current_programme
from ..models.record import ClientRecord
from ..models.renewal import programme_span
from ..models.session import Session
from ..models.trends import describe_follow_through, describe_pauses
from ..models.wording import plural
from ..widgets.trend import Trend
from ..widgets.version_diff import change_tag, hanging, item_line
from .dashboard import short_date

SESSIONS_SHOWN = 6
NOTE_MARKS = {True: ("🔒 private", "magenta"), False: ("↗ shared", "green")}


def programmes_section(record: ClientRecord) -> list[Static]:
    """The chapters so far, once there is more than one (ctrl+n renews)."""
    if not record.programmes:
        return []
    held = record.next_session_number - 1
    rows: list[tuple[Text, Text]] = []
    for programme in all_programmes(record.programmes, record.client):
        body = Text(programme_span(programme, held))
        if programme.focus:
            body.append(f"\nfocus: {programme.focus}", style="dim")
        if programme.closed is not None:
            body.append(f"\nclosed {short_date(programme.closed)}", style="dim")
            if programme.closing_summary:
                body.append(f": {programme.closing_summary}", style="dim")
        rows.append((Text(f"P{programme.number}", style="bold"), body))
    table = hanging(rows, tag_width=3)
    return [Static("Programmes", classes="title"), Static(table, classes="block", id="programmes")]


def last_session_section(record: ClientRecord) -> list[Static]:
    last = record.last_session
    if last is None:
        return [
            Static("Last session", classes="title"),
            Static(Text("No sessions yet.", style="dim"), classes="block"),
        ]
    title = f"Last session: S{last.number}, {short_date(last.started)}" + (" (still open)" if last.is_open else "")
    return [
        Static(title, classes="title"),
        Static(session_text(record, last), classes="block", id="last-session"),
    ]


def session_text(record: ClientRecord, session: Session) -> Table | Text:
    rows: list[tuple[Text, Text]] = []
    if session.focus:
        rows.append((Text("Focus", style="bold"), Text(session.focus)))
    if session.success_measure:
        rows.append((Text("Went well if", style="bold"), Text(session.success_measure)))
    agreed = [v for v in record.versions if v.session_number == session.number]
    for v in agreed:
        before = next((p for p in record.versions if p.number == v.number - 1), None)
        for change in diff_versions(before, v):
            if change.kind is not ChangeKind.UNCHANGED:
                rows.append((change_tag(change.kind), Text("Alliance: ").append_text(item_line(change.item))))
    for note in record.notes_of(session.number):
        mark, style = NOTE_MARKS[note.private]
        body = Text()
        if note.kind is not NoteKind.NOTE:
            body.append(f"{note.kind.value}: ", style="dim")
        if note.prompt:
            body.append(note.prompt + " → ", style="italic")
        body.append(note.text)
        rows.append((Text(mark, style=style), body))
    for c in record.commitments:
        if c.session_number == session.number:
            rows.append(
                (Text("○ committed", style="bold"), Text(c.what).append(f" (now {c.status.label})", style="dim"))
            )
    for c in record.commitments:
        if c.checked_in_session == session.number:
            body = Text("checked in: ", style="dim")
            body.append(c.what)
            if c.checkin_note:
                body.append(f" ({c.checkin_note})", style="dim")
            rows.append((Text(f"{c.status.symbol} {c.status.label}", style="bold"), body))
    return hanging(rows) if rows else Text("Nothing was logged.", style="dim")


def ladder_section(record: ClientRecord) -> list[Static]:
    """The current programme's ladder in the client's words, and where its sessions landed, as a small chart."""
    programme = current_programme(record.programmes, record.client)
    ladder = ladder_of(record.ladders, programme.number)
    body = Text()
    chart: list[Text] = []
    if ladder is None:
        body.append("Not set yet: in a session, ctrl+b opens it (good | great | amazing).", style="dim")
    else:
        for rung in ("good", "great", "amazing"):
            words = str(getattr(ladder, rung))
            body.append(f"{rung + ':':<9}", style="bold")
            body.append(words or "(not in words yet)", style="" if words else "dim")
            body.append("\n")
        marks = [(s.number, s.landed) for s in record.sessions if programme.holds(s.number)]
        body.append(describe_landings(marks), style="italic")
        # Line by line, never wrapped: the columns only mean something while they stay aligned.
        chart = [Text(row, no_wrap=True, overflow="crop") for row in landing_chart(marks)]
    title = "Success ladder" + (f" (programme {programme.number})" if programme.number > 1 else "")
    return [Static(title, classes="title"), Static(Group(body, *chart), classes="block", id="ladder")]


def trend_sections(view: HistoryView) -> list[Static | Trend]:
    """Across every session: the view's figures, drawn from the digest of the history."""
    record = view.record
    pauses = list(view.pause_trend)
    follow = list(view.follow_through)
    return [
        Static("Think time", classes="title"),
        Trend(
            describe_pauses(pauses, record.client.think_time_seconds),
            [round(p.median_seconds) for p in pauses],
            [f"S{p.session_number}" for p in pauses],
            unit="s",
            reference=record.client.think_time_seconds,
            reference_label="the agreed think time",
            targets=[round(p.target_seconds) for p in pauses],
            id="pause-trend",
        ),
        Static("Commitment follow-through", classes="title"),
        Trend(
            describe_follow_through(follow),
            [round(100 * f.share) for f in follow],
            [f"S{f.session_number}" for f in follow],
            unit="%",
            reference=100,
            reference_label="everything kept",
            id="follow-trend",
        ),
    ]


def sessions_section(record: ClientRecord, *, show_all: bool, pinned: int | None) -> list[Static | Vertical]:
    """The latest sessions in full; older ones on request (o), so long histories open fast."""
    if not record.sessions:
        return []
    newest_first = list(reversed(record.sessions))
    shown = newest_first if show_all else newest_first[:SESSIONS_SHOWN]
    if pinned is not None and all(s.number != pinned for s in shown):
        shown += [s for s in newest_first if s.number == pinned]
    title = "Every session, newest first"
    if len(shown) < len(newest_first):
        title = f"The latest {len(shown)} of {plural(len(newest_first), 'session')} (o shows them all)"
    widgets: list[Static | Vertical] = [Static(title, classes="title", id="sessions-title")]
    for session in shown:
        heading = Text(f"S{session.number} · {short_date(session.started)}", style="bold")
        if session.is_open:
            heading.append(" (still open)")
        widgets.append(
            Vertical(
                Static(heading),
                Static(session_text(record, session)),
                id=f"session-{session.number}",
                classes="session",
            )
        )
    return widgets
