"""The client list's ground: the rows drawn from the practice index, the highlighted client and its detail.

The layers above (filtering, the next call, contacts, the screen itself) act
through what is here; each holds one kind of action. Draws only the summaries
the store keeps in its index, so opening a practice of hundreds of clients
never reads their files.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ..models.calendar import CalendarEvent
from ..models.credentials import next_credential
from ..models.summary import ClientSummary
from ..models.timeutil import local_date
from ..models.undo import UndoStack
from ..models.wording import plural
from ..store import ClientUnavailable, UnknownRecord
from ..widgets.app_header import AppHeader
from ..widgets.client_list import ClientList
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from .base import AllianceScreen
from .next_call import NextCall

REVISIT_MARK = "⚑ revisit due"
PROBLEM_MARK = "⚠ cannot be read"


def credential_line(summaries: list[ClientSummary]) -> str:
    """The next ICF credential's distance, over every client's hours (archived ones too); "" before any."""
    paid = sum(s.hours_held for s in summaries if not s.pro_bono and not s.problem)
    free = sum(s.hours_held for s in summaries if s.pro_bono and not s.problem)
    if paid + free <= 0:
        return ""
    progress = next_credential(paid, free)
    return f"ICF hours toward {progress.line}" if progress else "ICF hours: ACC, PCC and MCC all met"


def short_date(when: datetime | None) -> str:
    """The day where the coach is (the same rule as the exports), e.g. 20 Nov 2026."""
    if when is None:
        return "not yet"
    day = local_date(when)
    return f"{day.day} {day:%b %Y}"


def client_row(summary: ClientSummary) -> tuple[Text, ...]:
    """One table row; user text goes in as Text so markup-like names show as typed."""
    name = Text(summary.name)
    if summary.archived:
        name.append(" (archived)", style="dim")
    if summary.problem:
        return (name, Text("–"), Text("–"), Text("–"), Text(PROBLEM_MARK, style="bold red"))
    status = Text(REVISIT_MARK, style="bold yellow") if summary.revisit_due else Text("")
    return (
        name,
        Text(f"{summary.held_in_programme} of {summary.programme_sessions}"),
        Text(short_date(summary.last_session_at)),
        Text(str(summary.open_commitments)),
        status,
    )


class DashboardCore(AllianceScreen):
    """What every layer of the client list stands on: its state, its widgets, the rows and the detail line."""

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self.shown: list[ClientSummary] = []
        self.next_call: NextCall | None = None
        self._calendar_selected = False  # the next call's client is selected once, as the dashboard opens
        self._unlink_armed: CalendarEvent | None = None  # ctrl+l once more on this call's client: no client's call
        self.contact_undo = UndoStack()  # the contacts logged from this screen, for ctrl+z

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="next-call")
        yield TextInput(placeholder="Type a name to filter the list", id="filter", select_on_focus=False)
        yield Static(id="counts")
        yield Static(id="credential")
        yield ClientList(id="clients")
        yield Static(id="detail")
        yield KeyFooter()

    # ----------------------------------------------------------------- showing

    @property
    def table(self) -> ClientList:
        return self.query_one("#clients", ClientList)

    def refresh_clients(self, select: str | None = None) -> None:
        """Rebuild the rows from the summaries, keeping the highlighted client where possible."""
        table = self.table
        keep = select or self.highlighted_id()
        wanted = self.query_one("#filter", Input).value.strip().casefold()
        everyone = self.store.summaries(include_archived=True)
        active = [s for s in everyone if not s.archived]
        pool = everyone if self.show_archived else active
        shown = [s for s in pool if wanted in s.name.casefold()]
        # Summaries are values: the same ones draw the same rows, so the table is only
        # rebuilt when one changed (the screen's first resume follows its mount at once).
        if shown != self.shown or table.row_count != len(shown):
            self.shown = shown
            table.set_rows([(summary.id, client_row(summary)) for summary in shown])
        archived = len(everyone) - len(active)
        due = sum(1 for s in active if s.revisit_due and not s.problem)
        parts = [plural(len(active), "active client")]
        if due:
            parts.append(f"{due} due a revisit of the alliance")
        if archived:
            parts.append(f"{archived} archived ({'shown' if self.show_archived else 'hidden'}: ctrl+t)")
        if wanted:
            parts.append(f"{len(self.shown)} matching the filter")
        self.query_one("#counts", Static).update(Text(" · ".join(parts)))
        credential = self.query_one("#credential", Static)
        line = credential_line(everyone)
        credential.update(Text(line))
        credential.display = bool(line)
        ids = [s.id for s in self.shown]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        self.show_detail()

    def highlighted(self) -> ClientSummary | None:
        table = self.table
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def highlighted_id(self) -> str | None:
        summary = self.highlighted()
        return summary.id if summary else None

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        summary = self.highlighted()
        if summary is None:
            if self.query_one("#filter", Input).value.strip():
                detail.update(Text("No client matches that name. Esc clears the filter."))
            else:
                detail.update(Text("No clients yet: press ctrl+n to add your first client."))
            return
        text = Text()
        text.append(summary.name, style="bold")
        if self.next_call is not None:
            text.append(self.next_call.calls_with(summary.id, self.alliance_app.clock()), style="italic")
        if summary.problem:
            text.append(f"\n{PROBLEM_MARK}: ", style="bold red")
            text.append(summary.problem)
        elif summary.nudges:
            for nudge in summary.nudges:
                text.append("\n⚑ ", style="bold yellow")
                text.append(nudge)
        else:
            text.append("\nNo revisit due. ", style="dim")
            text.append("Enter opens the review.", style="dim")
        detail.update(text)

    @on(ClientList.RowHighlighted, "#clients")
    def _highlighted(self) -> None:
        self.show_detail()

    # ----------------------------------------------------------------- the client the coach means

    def _usable(self) -> ClientSummary | None:
        """The highlighted client, if their present can be read; otherwise say why, quietly.

        Only the present is read here (what a session needs): a screen that shows
        the history reads it itself, and says so there if part of it cannot be read.
        """
        summary = self.highlighted()
        if summary is None:
            self.notify("No client is highlighted.", timeout=4)
            return None
        if summary.problem:
            self.notify(summary.problem, title="Cannot open", severity="warning", timeout=10, markup=False)
            return None
        try:
            self.store.present(summary.id)
        except (ClientUnavailable, UnknownRecord) as exc:
            self.report(exc, title="Cannot open")
            self.refresh_clients()
            return None
        return summary
