"""The client review: two minutes before the call, everything needed to walk back in.

Read-only by design: it shows, in plain words, what was agreed, what changed,
what the client committed to, and whether it is time to revisit the alliance.
"""

from __future__ import annotations

from contextlib import suppress

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ..models.contacts import contact_line, pace_note
from ..models.contacts import since as contacts_since
from ..models.diff import ChangeKind, diff_versions
from ..models.history_view import HistoryView
from ..models.ladder import describe_landings, ladder_of, landing_chart
from ..models.notes import NoteKind
from ..models.programme import all_programmes, current_programme, current_programme_number
from ..models.record import ClientRecord
from ..models.renewal import programme_span
from ..models.revisit_walk import under_way
from ..models.session import Session
from ..models.timeutil import local_date
from ..models.trends import describe_follow_through, describe_pauses
from ..models.undo import UndoStack
from ..models.wording import plural
from ..store import StoreError
from ..widgets.app_header import AppHeader
from ..widgets.contact_line import ContactLine
from ..widgets.footer import KeyFooter
from ..widgets.trend import Trend
from ..widgets.version_diff import TAG_WIDTH, change_tag, hanging, item_line
from .base import AllianceScreen
from .dashboard import open_session_screen, short_date

SESSIONS_SHOWN = 6
WIDE = 150  # columns from which the review splits in two
NOTE_MARKS = {True: ("🔒 private", "magenta"), False: ("↗ shared", "green")}


class ClientReviewScreen(AllianceScreen):
    CSS_PATH = "review.tcss"
    # In order of importance: a narrow footer leaves out the later ones (F1 lists them all).
    BINDINGS = [
        Binding("escape", "back", "Back", id="review.back", tooltip="Back to the practice dashboard"),
        Binding("s", "session", "Session", id="review.session", tooltip="Start or resume the session with this client"),
        Binding("h", "history", "History", id="review.history", tooltip="Every version of the alliance, with diffs"),
        Binding(
            "e", "edit", "Edit", id="review.edit", tooltip="Edit the alliance: add, reword, recategorise or remove"
        ),
        Binding(
            "o",
            "all_sessions",
            "All sessions",
            id="review.all_sessions",
            tooltip="Show every session, not only the latest few",
            show=False,
        ),
        Binding(
            "n", "next_section", "Next section", id="review.next", tooltip="Scroll to the next section", show=False
        ),
        Binding(
            "c",
            "client_details",
            "Client details",
            id="review.details",
            tooltip="Change the client's details: think time, programme length, contact, archived",
            show=False,
        ),
        # Sending and erasing (see screens/exporting.py and screens/erase.py).
        Binding(
            "r",
            "recap",
            "Recap",
            id="review.recap",
            tooltip="Write the latest session's recap for the client (shared notes only) and copy it",
        ),
        Binding(
            "d",
            "alliance_document",
            "Alliance doc",
            id="review.alliance_document",
            tooltip="Write the current agreement as a page for the client and copy it",
        ),
        Binding("f", "search", "Search", id="review.search", tooltip="Search this client's notes"),
        Binding(
            "p",
            "prep",
            "Prep sheet",
            id="review.prep",
            tooltip="One page to read before the call: revisit due, open commitments, last focus, the agreement",
        ),
        Binding(
            "k",
            "contact",
            "Contact",
            id="review.contact",
            tooltip="Log a contact between sessions (a message, an email, a call): type it, Enter",
        ),
        Binding(
            "ctrl+z",
            "undo_contact",
            "Undo",
            id="review.undo_contact",
            tooltip="Take back the latest contact or intake form added here (again for the one before)",
            priority=True,
            show=False,
        ),
        Binding(
            "q",
            "intake_form",
            "Intake form",
            id="review.intake_form",
            tooltip="Write the intake questionnaire to send the client (plain Markdown) and copy it; i reads it back",
            show=False,
        ),
        Binding(
            "i",
            "import_intake",
            "Import intake",
            id="review.import_intake",
            tooltip="Read the client's filled intake form: shown first, then added to the discovery notes on ctrl+s",
            show=False,
        ),
        Binding(
            "w",
            "renew",
            "Renew",
            id="review.renew",
            tooltip="Close this programme with a short summary and open the next (offers a revisit first)",
            show=False,
        ),
        Binding(
            "X",
            "erase",
            "Erase client…",
            id="review.erase",
            tooltip="Erase every record of this client on their request (asks you to type their name)",
            show=False,
        ),
    ]

    def __init__(self, client_id: str, session_number: int | None = None, *, section: str | None = None) -> None:
        """Open at a session (a search result), or at a section such as "discovery" or "alliance"."""
        super().__init__()
        self.client_id = client_id
        self.focus_session = session_number
        self.focus_section = section
        self.pinned_session = session_number  # always shown, even when older than the latest few
        self.show_all_sessions = False
        self.contact_undo = UndoStack()  # the contacts logged and intake forms added from this screen, for ctrl+z

    def compose(self) -> ComposeResult:
        # Named before the header mounts: a title first set in rebuild() could reach a header
        # already taken apart when the coach leaves at once (Enter, Esc).
        with suppress(StoreError):
            self.sub_title = self.store.summary(self.client_id).name
        yield AppHeader()
        yield VerticalScroll(id="review")
        yield ContactLine(id="contact-line")
        yield KeyFooter()

    async def on_screen_resume(self) -> None:
        """Built on every return, so edits made on other screens show at once."""
        body = self.query_one("#review", VerticalScroll)
        where = body.scroll_y
        await self.rebuild()
        if self.focus_session is not None:
            number, self.focus_session = self.focus_session, None
            self.call_after_refresh(self.scroll_to_anchor, f"session-{number}")
        elif self.focus_section is not None:
            section, self.focus_section = self.focus_section, None
            self.call_after_refresh(self.scroll_to_anchor, section)
        elif where:
            self.call_after_refresh(body.scroll_to, y=where, animate=False)

    async def rebuild(self) -> None:
        body = self.query_one("#review", VerticalScroll)
        await body.remove_children()
        try:
            view = self.store.review(self.client_id, self.latest_shown())
        except StoreError as exc:
            await body.mount(Static(Text(exc.message), id="problem"))
            return
        self.sub_title = view.record.client.name
        top, main, side = self.sections(view)
        columns = Container(
            Vertical(*main, id="main-column", classes="column"),
            Vertical(*side, id="side-column", classes="column"),
            id="columns",
        )
        columns.set_class(self.size.width >= WIDE, "wide")
        await body.mount_all([*top, columns])
        body.focus()

    def on_resize(self) -> None:
        """Side by side on a wide terminal: the agreement on the left, the story so far on the right."""
        for columns in self.query("#columns"):
            columns.set_class(self.size.width >= WIDE, "wide")

    def scroll_to_anchor(self, anchor: str) -> None:
        found = self.query(f"#{anchor}")
        if found:
            widget = found.first()
            self.query_one("#review", VerticalScroll).scroll_to_widget(widget, top=True, animate=False)
            widget.add_class("found")

    # ----------------------------------------------------------------- contacts between sessions

    def action_contact(self) -> None:
        """k, then the words, then Enter: a contact between sessions, shown in the review at once."""
        try:
            name = self.store.present(self.client_id).client.name
        except StoreError as exc:
            self.report(exc, title="Cannot log a contact")
            return
        self.query_one(ContactLine).open_for(self.client_id, name)

    @on(ContactLine.Submitted)
    async def _contact_submitted(self, event: ContactLine.Submitted) -> None:
        from .contact_entry import save_contact

        save_contact(self, self.contact_undo, event)
        await self.rebuild()
        self._back_to_contact_line()

    def _back_to_contact_line(self) -> None:
        """The review drawn again takes focus; the open line gets it back, so the next words are text, not keys."""
        line = self.query_one(ContactLine)
        if line.is_open:
            line.input.focus()

    @on(ContactLine.Closed)
    def _contact_closed(self) -> None:
        self.query_one("#review", VerticalScroll).focus()

    async def action_undo_contact(self) -> None:
        from .contact_entry import undo_contact

        undo_contact(self, self.contact_undo)
        await self.rebuild()
        self._back_to_contact_line()

    # ----------------------------------------------------------------- sections

    def latest_shown(self) -> int | None:
        """How many of the latest sessions are shown whole (None: every one, read from every file)."""
        if self.show_all_sessions:
            return None
        if self.pinned_session is not None:
            upcoming = self.store.present(self.client_id).next_session_number
            if self.pinned_session <= upcoming - SESSIONS_SHOWN:
                return None  # an older session asked for: read with the rest
        return SESSIONS_SHOWN

    def sections(self, view: HistoryView) -> tuple[list[Widget], list[Widget], list[Widget]]:
        """What goes across the top, in the main column, and in the side column."""
        record = view.record
        client = record.client
        nxt = record.next_session_number
        state = "in progress" if record.open_session else "next"
        head = Text()
        head.append(client.name, style="bold")
        if client.pronouns:
            head.append(f" ({client.pronouns})")
        position, length = record.in_programme(nxt)
        number = current_programme_number(record.programmes)
        where = f"Programme {number}, session" if number > 1 else "Session"
        head.append(f"   {where} {position} of {length} {state}")
        if record.last_session:
            head.append(f" · last held {short_date(record.last_session.started)}")
        if client.contact:
            head.append(f"\n{client.contact}", style="dim")
        glance = [
            plural(len(record.open_commitments), "open commitment"),
            f"alliance v{record.current_alliance.number}" if record.current_alliance else "no alliance yet",
            f"think time {client.think_time_seconds} s",
        ]
        head.append("\n" + " · ".join(glance) + "   (n: next section)", style="italic")
        if client.archived:
            head.append("\nArchived client.", style="bold")
        if record.revisit_draft:
            items = record.current_alliance.items if record.current_alliance else []
            head.append(f"\n{under_way(items, record.revisit_draft[-1])}: e then v resumes it", style="bold")
        top: list[Widget] = [Static(head, id="head"), self.nudges_section(record)]
        main: list[Widget] = [
            *self.alliance_section(record),
            *self.coverage_section(record),
            *self.commitments_section(record),
            *self.contacts_section(record),
            *self.last_session_section(record),
        ]
        side: list[Widget] = [
            *self.ladder_section(record),
            *self.trend_sections(view),
            *self.programmes_section(record),
            Static("Discovery notes", classes="title"),
        ]
        discovery = Text(client.discovery_notes or "None written (i reads an intake form).")
        discovery.stylize("" if client.discovery_notes else "dim")
        if client.intake_drafts:
            waiting = plural(len(client.intake_drafts), "draft agreement")
            discovery.append(f"\n{waiting} from the intake wait in the editor (e).", style="bold cyan")
        side.append(Static(discovery, classes="block", id="discovery"))
        side += self.sessions_section(record)
        return top, main, side

    def nudges_section(self, record: ClientRecord) -> Static:
        nudges = self.store.present(record.client.id).nudges(self.store.settings.revisit_every_sessions)
        if not nudges:
            return Static(Text("✓ No revisit of the alliance is due.", style="dim"), id="nudges")
        reasons = hanging([(Text("•"), Text(nudge.text)) for nudge in nudges], tag_width=1)
        due = Static(reasons, id="nudges", classes="due")
        # In the border, so its colour comes from the theme (legible in light and ANSI themes).
        due.border_title = "⚑ Time to revisit the alliance"
        return due

    def alliance_section(self, record: ClientRecord) -> list[Static]:
        current = record.current_alliance
        if current is None:
            return [
                Static("The alliance", classes="title"),
                Static(Text("Nothing agreed yet: press e to add the first agreements.", style="dim"), classes="block"),
            ]
        last = record.last_session
        since = record.version_before_session(last.number) if last else current
        changes = diff_versions(since, current) if since is not current else []
        marks = {c.item.id: c for c in changes}
        title = f"The alliance (version {current.number}, {short_date(current.created)})"
        changed = [c for c in changes if c.kind is not ChangeKind.UNCHANGED]
        parts: list[Text | Table] = []
        if last and changed:
            parts.append(
                Text(f"{len(changed)} changed since session {last.number} began, marked below.", style="italic")
            )
        elif last:
            parts.append(Text(f"No changes since session {last.number} began.", style="dim italic"))
        for category, items in current.by_category(self.store.categories()):
            parts.append(Text(category, style="bold underline"))
            rows: list[tuple[Text, Text]] = []
            for item in items:
                change = marks.get(item.id)
                kind = change.kind if change else ChangeKind.UNCHANGED
                body = Text(item.wording)
                body.append(f"  ({item.requested_by.value})", style="dim")
                if change and change.before is not None and kind is ChangeKind.REWORDED:
                    body.append("\nwas: " + change.before.wording, style="dim")
                if change and change.before is not None and kind is ChangeKind.RECATEGORISED:
                    body.append(f"\nmoved from {change.before.category}", style="dim")
                rows.append((change_tag(kind), body))
            parts.append(hanging(rows, tag_width=TAG_WIDTH if changed else 2))
        removed = [c for c in changes if c.kind is ChangeKind.REMOVED]
        if removed and last:
            parts.append(Text(f"Removed since session {last.number} began", style="bold underline"))
            parts.append(
                hanging([(change_tag(ChangeKind.REMOVED), item_line(c.item)) for c in removed], tag_width=TAG_WIDTH)
            )
        return [Static(title, classes="title"), Static(Group(*parts), classes="block", id="alliance")]

    def coverage_section(self, record: ClientRecord) -> list[Static]:
        """Each category designed, never designed, or gone quiet; and the areas an assessor would miss."""
        from ..models.coverage import Status, coverage, missing_areas, say_missing, touched_by_versions

        touched = dict(touched_by_versions(None, record.versions, record.session_of))
        states = coverage(record.current_alliance, self.store.categories(), touched, record.next_session_number)
        marks = {Status.DESIGNED: ("✓", "green"), Status.NOT_DESIGNED: ("○", "bold"), Status.QUIET: ("◌", "yellow")}
        rows = []
        for state in states:
            mark, style = marks[state.status]
            body = Text(f"{state.category}: ", style="bold" if state.status is not Status.DESIGNED else "")
            body.append(state.words, style="dim" if state.status is Status.DESIGNED else "italic")
            rows.append((Text(mark, style=style), body))
        parts: list[Text | Table] = [hanging(rows, tag_width=2)]
        missing = say_missing(missing_areas(record.current_alliance))
        if missing:
            parts.append(Text(missing + " Ask about them at the next revisit.", style="italic"))
        return [
            Static("What the alliance covers", classes="title"),
            Static(Group(*parts), classes="block", id="coverage"),
        ]

    def commitments_section(self, record: ClientRecord) -> list[Static]:
        open_ones = record.open_commitments
        rows: list[tuple[Text, Text]] = []
        today = local_date(self.alliance_app.clock())
        for c in open_ones:
            body = Text(c.what)
            late = "overdue" if c.overdue(today) else ""
            details = [d for d in (f"by {c.by_label(today)}" if c.by_when else "", late, c.how_accountable) if d]
            where = f"S{c.session_number}" if c.session_number else "intake"
            body.append(f"\nmade in {where}", style="dim")
            if details:
                body.append(" · " + " · ".join(details), style="dim")
            rows.append((Text(f"{c.status.symbol} {c.status.label}", style="bold"), body))
        content = hanging(rows) if rows else Text("No open commitments.", style="dim")
        return [
            Static(f"Open commitments to check in ({len(open_ones)})", classes="title"),
            Static(content, classes="block", id="commitments"),
        ]

    def programmes_section(self, record: ClientRecord) -> list[Static]:
        """The chapters so far, once there is more than one (w renews)."""
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

    def contacts_section(self, record: ClientRecord) -> list[Static]:
        """Contacts between sessions since the last one ended, and a quiet line if past what was agreed."""
        ended = [s for s in record.sessions if s.ended is not None]
        last = max(ended, key=lambda s: s.number) if ended else None
        found = contacts_since(record.contacts, last.ended if last else None)
        where = f"since session {last.number}" if last else "before the first session"
        rows: list[tuple[Text, Text]] = []
        for contact in found:
            body = Text(contact.note)
            body.append(f"\n{short_date(contact.created)} · {contact_line(contact)}", style="dim")
            rows.append((Text(contact.channel.value, style="bold"), body))
        parts: list[Text | Table] = [hanging(rows) if rows else Text("None logged. k logs one.", style="dim")]
        agreed = record.client.contacts_between_sessions
        pace = pace_note(found, agreed, last.number if last else None)
        if pace:
            parts.append(Text(pace, style="italic"))
        elif agreed:
            parts.append(Text(f"{agreed} between sessions agreed.", style="dim italic"))
        return [
            Static(f"Contacts {where} ({len(found)})", classes="title"),
            Static(Group(*parts), classes="block", id="contacts"),
        ]

    def last_session_section(self, record: ClientRecord) -> list[Static]:
        last = record.last_session
        if last is None:
            return [
                Static("Last session", classes="title"),
                Static(Text("No sessions yet.", style="dim"), classes="block"),
            ]
        title = f"Last session: S{last.number}, {short_date(last.started)}" + (" (still open)" if last.is_open else "")
        return [
            Static(title, classes="title"),
            Static(self.session_text(record, last), classes="block", id="last-session"),
        ]

    def session_text(self, record: ClientRecord, session: Session) -> Table | Text:
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

    def ladder_section(self, record: ClientRecord) -> list[Static]:
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

    def trend_sections(self, view: HistoryView) -> list[Static | Trend]:
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

    def sessions_section(self, record: ClientRecord) -> list[Static | Vertical]:
        """The latest sessions in full; older ones on request (o), so long histories open fast."""
        if not record.sessions:
            return []
        newest_first = list(reversed(record.sessions))
        shown = newest_first if self.show_all_sessions else newest_first[:SESSIONS_SHOWN]
        if self.pinned_session is not None and all(s.number != self.pinned_session for s in shown):
            shown += [s for s in newest_first if s.number == self.pinned_session]
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
                    Static(self.session_text(record, session)),
                    id=f"session-{session.number}",
                    classes="session",
                )
            )
        return widgets

    # ----------------------------------------------------------------- actions

    def action_renew(self) -> None:
        from .renewal import RenewalScreen

        self.app.push_screen(RenewalScreen(self.client_id))

    def action_back(self) -> None:
        self.dismiss()

    def action_session(self) -> None:
        open_session_screen(self, self.client_id)

    def action_prep(self) -> None:
        from .prep import PrepScreen

        self.app.push_screen(PrepScreen(self.client_id))

    def action_intake_form(self) -> None:
        from .exporting import export_intake_form

        export_intake_form(self, self.client_id)

    def action_import_intake(self) -> None:
        from .intake_import import IntakeImportScreen

        form = self.alliance_app.demo_intake_form(self.client_id)
        self.app.push_screen(IntakeImportScreen(self.client_id, form, undo=self.contact_undo))

    def action_history(self) -> None:
        from .history import AllianceHistoryScreen

        self.app.push_screen(AllianceHistoryScreen(self.client_id))

    def action_edit(self) -> None:
        from .alliance_editor import AllianceEditorScreen

        self.app.push_screen(AllianceEditorScreen(self.client_id))

    def action_client_details(self) -> None:
        from .client_form import ClientFormScreen

        self.app.push_screen(ClientFormScreen(self.client_id))

    def action_search(self) -> None:
        from .search import SearchScreen

        self.app.push_screen(SearchScreen(self.client_id))

    def action_recap(self) -> None:
        from .exporting import export_recap

        try:
            latest = self.store.present(self.client_id).session
        except StoreError as error:
            self.report(error, title="No recap")
            return
        if latest is None:
            self.notify("No session yet, so there is nothing to recap.", title="No recap", markup=False)
            return
        export_recap(self, self.client_id, latest.number)

    def action_alliance_document(self) -> None:
        from .exporting import export_alliance

        export_alliance(self, self.client_id)

    def action_erase(self) -> None:
        from .erase import EraseClientScreen

        def done(report: object) -> None:
            if report is not None:  # the client is gone: back to the practice
                from .session import forget_session_screen

                self.dismiss()
                forget_session_screen(self.app, self.client_id)  # and off their session, if it was under this

        self.app.push_screen(EraseClientScreen(self.client_id), done)

    async def action_all_sessions(self) -> None:
        self.show_all_sessions = not self.show_all_sessions
        await self.rebuild()
        self.call_after_refresh(self._scroll_to_sessions)

    def _scroll_to_sessions(self) -> None:
        found = self.query("#sessions-title")
        if found:
            self.query_one("#review", VerticalScroll).scroll_to_widget(found.first(), top=True, animate=False)

    def action_next_section(self) -> None:
        body = self.query_one("#review", VerticalScroll)
        titles = list(body.query(".title"))
        below = [t for t in titles if t.region.y > body.region.y + 1]
        target = below[0] if below else (titles[0] if titles else None)
        if target is not None:
            body.scroll_to_widget(target, top=True, animate=False)
