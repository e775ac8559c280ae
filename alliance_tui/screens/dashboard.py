"""The practice at a glance: who is active, where each client is, what is due.

Draws only the summaries the store keeps in its index, so opening a practice of
hundreds of clients never reads their files; a client's own data is read when
the coach opens one of their screens.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ..models.calendar import CalendarEvent
from ..models.credentials import next_credential
from ..models.summary import ClientSummary
from ..models.timeutil import local_date
from ..models.undo import UndoStack
from ..models.wording import plural
from ..store import ClientUnavailable, StoreError, UnknownRecord
from ..widgets.app_header import AppHeader
from ..widgets.client_list import ClientList
from ..widgets.contact_line import ContactLine
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from .base import AllianceScreen
from .next_call import POLL_SECONDS, TICK_SECONDS, CalendarRead, NextCall, read_calendar

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


class DashboardScreen(AllianceScreen):
    CSS_PATH = "dashboard.tcss"
    AUTO_FOCUS = "#clients"  # straight to the list: focusing the filter first cost start-up a restyle
    # Typing filters the list by name, as any list picker does: every action holds ctrl (a name
    # cannot contain it) or is Enter, so a name typed never starts a session or changes a record.
    BINDINGS = [
        Binding(
            "enter",
            "review",
            "Review",
            id="dashboard.review",
            tooltip="Open the client review (Enter): prepare for the call",
        ),
        Binding(
            "ctrl+s",
            "session",
            "Session",
            id="dashboard.session",
            tooltip="Open a session with this client (nothing is written until you log something)",
        ),
        Binding(
            "ctrl+r", "history", "History", id="dashboard.history", tooltip="Every version of this client's alliance"
        ),
        Binding("ctrl+g", "edit", "Edit", id="dashboard.edit", tooltip="Add, reword or remove agreements"),
        Binding("ctrl+n", "add_client", "Add", id="dashboard.add", tooltip="Add a new client to the practice"),
        Binding("ctrl+f", "search", "Search", id="dashboard.search", tooltip="Search notes across the whole practice"),
        Binding(
            "ctrl+d",
            "client_details",
            "Details",
            id="dashboard.details",
            tooltip="Change the client's details: think time, programme length, contact, archived",
            show=False,
        ),
        Binding(
            "ctrl+t", "toggle_archived", "Archived", id="dashboard.archived", tooltip="Show or hide archived clients"
        ),
        Binding(
            "ctrl+l",
            "link_call",
            "Match call",
            id="dashboard.link_call",
            tooltip="The call in the line at the top is with the highlighted client (remembered for its series)",
            show=False,
        ),
        Binding(
            "ctrl+k",
            "contact",
            "Contact",
            id="dashboard.contact",
            tooltip="Log a contact between sessions with this client (a message, an email, a call): type it, Enter",
        ),
        Binding(
            "ctrl+z",
            "undo_contact",
            "Undo contact",
            id="dashboard.undo_contact",
            tooltip="Take back the latest contact logged here (again for the one before)",
            priority=True,
            show=False,
        ),
    ]

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

    def on_mount(self) -> None:
        table = self.query_one("#clients", ClientList)
        table.add_column("Client", key="name")
        table.add_column("Held", key="session")
        table.add_column("Last session", key="last")
        table.add_column("Open", key="open")
        table.add_column("Revisit", key="revisit")
        self.refresh_clients()
        table.focus()
        self.watch_calendar()

    def on_screen_resume(self) -> None:
        self.refresh_clients()
        self.show_next_call()
        if self.next_call is not None and self.next_call.read is not None:  # the first read waits for a frame
            self.poll_calendar()

    # ----------------------------------------------------------------- the next call

    def watch_calendar(self) -> None:
        """With a calendar set, its line on top: read now (off this thread), again when the file changes."""
        line = self.query_one("#next-call", Static)
        path = self.alliance_app.calendar
        line.display = path is not None
        if path is None:
            return
        self.next_call = NextCall(path)
        self._say_next_call(self.next_call.line(self.alliance_app.clock()))
        self.set_interval(POLL_SECONDS, self.poll_calendar)
        self.set_interval(TICK_SECONDS, self.show_next_call)
        self.call_after_refresh(self.poll_calendar)  # after the first frame: start-up reads no calendar

    def poll_calendar(self) -> None:
        """Only while the dashboard is showing: nothing runs behind a call (it is asked again on return)."""
        watch = self.next_call
        if watch is None or watch.reading or self.app.screen is not self:
            return
        watch.reading = True
        day = local_date(self.alliance_app.clock())
        self.run_worker(partial(self._read_calendar, watch, day), thread=True, group="calendar", exit_on_error=False)

    def _read_calendar(self, watch: NextCall, day: date) -> None:
        """On a worker thread: a stat of the files, and a read only when they changed (or the day did)."""
        from ..store.calendar_file import calendar_stamp

        found: CalendarRead | None = None
        try:
            stamp = calendar_stamp(watch.path)
            if watch.read is None or watch.read.day != day or watch.read.stamp != stamp:
                found = read_calendar(watch.path, day, stamp)
        finally:
            self.app.call_from_thread(self._calendar_read, watch, found)

    def _calendar_read(self, watch: NextCall, found: CalendarRead | None) -> None:
        watch.reading = False
        if found is None:
            return
        watch.read = found
        self.show_next_call()
        if self._calendar_selected or not found.events:
            return
        self._calendar_selected = True
        call = watch.upcoming(self.alliance_app.clock())
        untouched = self.table.cursor_row <= 0 and not self.query_one("#filter", Input).value  # never under the coach
        if call is not None and call.client is not None and untouched:
            self.refresh_clients(select=call.client.id)

    def show_next_call(self) -> None:
        """Matched again from the index as it is now (a session ended, a match corrected), then said."""
        watch = self.next_call
        if watch is None or watch.read is None or self.app.screen is not self:
            return
        watch.match(self.store.summaries(include_archived=False), dict(self.store.settings.calendar_matches))
        self._say_next_call(watch.line(self.alliance_app.clock()))
        self.show_detail()

    def _say_next_call(self, text: Text) -> None:
        """One line, whatever its length: the whole of it is the line's tooltip."""
        text.no_wrap = True
        text.overflow = "ellipsis"
        line = self.query_one("#next-call", Static)
        line.update(text)
        line.tooltip = text.plain

    def action_link_call(self) -> None:
        """The next call is with the highlighted client: remembered by its UID and title, and shown at once.

        On the client it is already matched to, a second ctrl+l says it is no
        client's call (a lunch with a friend who shares a client's first name).
        """
        watch = self.next_call
        if watch is None:
            self.notify("No calendar is set: --calendar PATH, or calendar in the config's [preferences].", timeout=6)
            return
        call = watch.upcoming(self.alliance_app.clock())
        summary = self.highlighted()
        if call is None or summary is None:
            self.notify("No call left today to match, or no client highlighted.", timeout=4)
            return
        title = call.event.title or "(no title)"
        if call.client is not None and call.client.id == summary.id:
            if self._unlink_armed != call.event:
                self._unlink_armed = call.event
                self.notify(
                    f"{title!r} is already matched to {summary.name}. ctrl+l again: it is no client's call.",
                    timeout=6,
                    markup=False,
                )
                return
            if self._remember(call.event, None):
                self.notify(
                    f"Remembered: {title!r} is no client's call.", title="Call matched", timeout=6, markup=False
                )
            return
        if self._remember(call.event, summary.id):
            self.notify(
                f"Remembered: {title!r} is with {summary.name}, and so is the rest of its series.",
                title="Call matched",
                timeout=6,
                markup=False,
            )

    def _remember(self, event: CalendarEvent, client_id: str | None) -> bool:
        from ..store.calendar_matches import remember_match

        self._unlink_armed = None
        try:
            remember_match(self.store, event, client_id)
        except StoreError as exc:
            self.report(exc)
            return False
        self.show_next_call()
        return True

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

    @on(ClientList.RowSelected, "#clients")
    def _selected(self) -> None:
        self.action_review()

    # ----------------------------------------------------------------- filtering

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_clients()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        """Typed characters filter the list while it keeps focus, so arrows, Enter and ctrl keys still act on it."""
        filter_input = self.query_one("#filter", Input)
        if self.focused is filter_input:
            if event.key in ("escape", "down", "up"):
                event.stop()
                event.prevent_default()
                if event.key == "escape":
                    filter_input.value = ""
                self.table.focus()
            return
        if self.focused is not self.table:
            return
        if event.is_printable and event.character:
            filter_input.value += event.character
        elif event.key == "backspace" and filter_input.value:
            filter_input.value = filter_input.value[:-1]
        elif event.key == "escape" and filter_input.value:
            filter_input.value = ""
        else:
            return
        event.stop()
        event.prevent_default()

    async def action_contact(self) -> None:
        """Two keys and the words: ctrl+k opens the contact line for the highlighted client, Enter saves.

        The line is built the first time it is asked for: the first frame needs none of it.
        """
        summary = self._usable()
        if summary is None:
            return
        self._calendar_selected = True  # the coach chose this client: a calendar read late never moves off them
        if not self.query(ContactLine):
            await self.mount(ContactLine(id="contact-line"), before="#detail")
        self.query_one(ContactLine).open_for(summary.id, summary.name)

    @on(ContactLine.Submitted)
    def _contact_submitted(self, event: ContactLine.Submitted) -> None:
        from .contact_entry import save_contact

        save_contact(self, self.contact_undo, event)

    @on(ContactLine.Closed)
    def _contact_closed(self) -> None:
        self.table.focus()

    def action_undo_contact(self) -> None:
        from .contact_entry import undo_contact

        undo_contact(self, self.contact_undo)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_clients()

    # ----------------------------------------------------------------- going places

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

    def action_review(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .review import ClientReviewScreen

            self.app.push_screen(ClientReviewScreen(summary.id))

    def action_history(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .history import AllianceHistoryScreen

            self.app.push_screen(AllianceHistoryScreen(summary.id))

    def action_edit(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .alliance_editor import AllianceEditorScreen

            self.app.push_screen(AllianceEditorScreen(summary.id))

    def action_session(self) -> None:
        summary = self._usable()
        if summary is not None:
            open_session_screen(self, summary.id)

    def action_add_client(self) -> None:
        from .client_form import ClientFormScreen

        def added(client_id: str | None) -> None:
            if client_id:
                self.query_one("#filter", Input).value = ""
                self.refresh_clients(select=client_id)

        self.app.push_screen(ClientFormScreen(), added)

    def action_client_details(self) -> None:
        summary = self._usable()
        if summary is not None:
            from .client_form import ClientFormScreen

            self.app.push_screen(ClientFormScreen(summary.id), lambda _: self.refresh_clients())

    def action_search(self) -> None:
        from .search import SearchScreen

        self.app.push_screen(SearchScreen())


def open_session_screen(screen: AllianceScreen, client_id: str) -> None:
    """Start or resume a session; the session screen's module is imported when first opened."""
    from .session import show_session_screen

    try:
        show_session_screen(screen.app, client_id)
    except StoreError as exc:
        screen.report(exc, title="Cannot start the session")
