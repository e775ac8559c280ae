"""Renewal: close the current programme with a short summary and open the next.

Practitioners revisit the alliance when a client wants to continue, so the
screen offers the revisit walk first (ctrl+r) and shows the agreement as it
stands against the one the closing programme began with. Renewing writes the
closed programme, the new one and the new length in one atomic write; ctrl+z
on this screen takes the renewal back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from ..models.diff import diff_versions
from ..models.programme import Programme, all_programmes
from ..models.renewal import alliance_at_start, programme_span
from ..store import StoreError
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from ..widgets.version_diff import change_counts, render_diff
from .base import AllianceScreen
from .client_form import parse_number


class RenewalScreen(AllianceScreen):
    CSS_PATH = "renewal.tcss"
    AUTO_FOCUS = "#closing"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "renew",
            "Renew",
            id="renewal.renew",
            tooltip="Close this programme with its summary and open the next",
            priority=True,
        ),
        Binding(
            "ctrl+r",
            "revisit",
            "Revisit first",
            id="renewal.revisit",
            tooltip="Walk the agreement with the client first: keep, change or drop each, then come back",
            priority=True,
        ),
        Binding(
            "ctrl+z",
            "undo",
            "Undo renewal",
            id="renewal.undo",
            tooltip="Take the renewal back: the closed programme runs again, as it was",
            priority=True,
        ),
        Binding("escape", "back", "Back", id="renewal.back", tooltip="Back to the review; nothing is written"),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.before: tuple[tuple[Programme, ...], int] | None = None  # as it was before this screen renewed

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="renewal"):
            yield Static(id="renew-title")
            yield Static(id="renew-where")
            with Horizontal(classes="pair"):
                yield Label("How it went")
                yield TextInput(id="closing", placeholder="a short summary of the programme closing")
            with Horizontal(classes="pair"):
                yield Label("Next (sessions)")
                yield TextInput(id="length", type="text")
            with Horizontal(classes="pair"):
                yield Label("Next focus")
                yield TextInput(id="focus", placeholder="what the next programme is for")
            yield Static(id="renew-message")
            yield Static(id="compare-title")
            yield Static(id="compare")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#length", Input).value = str(self._present_length())
        self.show()
        self.say("Offer a revisit first (ctrl+r), then write how the programme went and ctrl+s renews.")

    def on_screen_resume(self) -> None:
        self.show()  # back from the revisit walk: the comparison follows what it decided

    def _present_length(self) -> int:
        try:
            return self.store.present(self.client_id).client.programme_sessions
        except StoreError:
            return 12

    def say(self, message: str, *, problem: bool = False) -> None:
        widget = self.query_one("#renew-message", Static)
        widget.update(Text(message))
        widget.set_class(problem, "problem")

    def show(self) -> None:
        """The programme closing (or just opened) and the alliance against the closing one's start."""
        try:
            record = self.store.record(self.client_id)
        except StoreError as exc:
            self.say(exc.message, problem=True)
            return
        every = all_programmes(record.programmes, record.client)
        current = every[-1]
        held = record.next_session_number - 1
        name = record.client.name
        self.sub_title = name
        if self.before is None:
            title = f"Renew {name}: close programme {current.number} and open programme {current.number + 1}"
            where = f"Programme {current.number}: {programme_span(current, held)}"
            if current.focus:
                where += f" · focus: {current.focus}"
            compared = every[-1]
        else:
            title = f"{name}: programme {current.number} is open"
            closed = every[-2]
            where = f"Programme {closed.number} closed ({programme_span(closed, held)})"
            if closed.closing_summary:
                where += f": {closed.closing_summary}"
            compared = closed
        self.query_one("#renew-title", Static).update(Text(title, style="bold"))
        self.query_one("#renew-where", Static).update(Text(where))
        old = alliance_at_start(record, compared)
        new = record.current_alliance
        heading = Text()
        if new is None:
            heading.append("Nothing agreed yet: there is no alliance to compare.", style="dim")
            self.query_one("#compare", Static).update("")
        else:
            changes = diff_versions(old, new)
            start = f"v{old.number}" if old else "nothing agreed"
            heading.append(
                f"The alliance now (v{new.number}) against programme {compared.number}'s start ({start}): ",
                style="bold",
            )
            heading.append(change_counts(changes))
            self.query_one("#compare", Static).update(render_diff(changes, include_unchanged=False))
        self.query_one("#compare-title", Static).update(heading)

    def action_revisit(self) -> None:
        from .revisit import RevisitScreen

        self.app.push_screen(RevisitScreen(self.client_id))

    def action_renew(self) -> None:
        from ..store.programmes import renew_programme

        if self.before is not None:
            self.say("Already renewed here: ctrl+z takes it back, Esc goes back to the review.")
            return
        try:
            length = parse_number(self.query_one("#length", Input).value, "programme_sessions")
        except ValueError as exc:
            self.say(str(exc), problem=True)
            self.query_one("#length", Input).focus()
            return
        try:
            present = self.store.present(self.client_id)
            before = (present.programmes, present.client.programme_sessions)
            closed, opened = renew_programme(
                self.store,
                self.client_id,
                planned_sessions=length,
                focus=self.query_one("#focus", Input).value,
                closing_summary=self.query_one("#closing", Input).value,
            )
        except StoreError as exc:
            self.say(f"{exc.message}", problem=True)
            return
        self.before = before
        self.show()
        self.say(
            f"Renewed: programme {closed.number} closed; programme {opened.number} "
            f"({opened.planned_sessions} sessions) begins with session {opened.first_session}. ctrl+z takes it back."
        )

    def action_undo(self) -> None:
        from ..store.programmes import restore_programmes

        if self.before is None:
            self.say("Nothing to undo: nothing was renewed from this screen.")
            return
        programmes, length = self.before
        try:
            restore_programmes(self.store, self.client_id, programmes, length)
        except StoreError as exc:
            self.say(f"{exc.message} (not undone)", problem=True)
            return
        self.before = None
        self.show()
        self.say("↶ Undone: the renewal. The programme runs on as it was.")

    def action_back(self) -> None:
        self.dismiss()
