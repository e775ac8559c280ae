"""The client review's ground: the body drawn from the store, drawn again on return, and moved through.

The sections themselves are drawn by `review_sections` (where things stand) and
`review_story` (the story so far); this layer puts them in place, keeps the
place the coach scrolled to, and moves through them (n, o). The layers above
(contacts, sending, the screen itself) redraw through `rebuild` and nothing else.
"""

from __future__ import annotations

from contextlib import suppress

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ..models.history_view import HistoryView
from ..models.timeutil import local_date
from ..models.undo import UndoStack
from ..store import StoreError
from ..widgets.app_header import AppHeader
from ..widgets.contact_line import ContactLine
from ..widgets.footer import KeyFooter
from .base import AllianceScreen
from .review_sections import (
    alliance_section,
    commitments_section,
    contacts_section,
    coverage_section,
    discovery_text,
    head_text,
    nudges_section,
)
from .review_story import (
    SESSIONS_SHOWN,
    ladder_section,
    last_session_section,
    programmes_section,
    sessions_section,
    trend_sections,
)

WIDE = 150  # columns from which the review splits in two


class ReviewCore(AllianceScreen):
    """The review as read: built on every return, split in two on a wide terminal, scrolled by section."""

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
        nudges = self.store.present(record.client.id).nudges(self.store.settings.revisit_every_sessions)
        categories = self.store.categories()
        top: list[Widget] = [Static(head_text(record), id="head"), nudges_section(nudges)]
        main: list[Widget] = [
            *alliance_section(record, categories),
            *coverage_section(record, categories),
            *commitments_section(record, local_date(self.alliance_app.clock())),
            *contacts_section(record),
            *last_session_section(record),
        ]
        side: list[Widget] = [
            *ladder_section(record),
            *trend_sections(view),
            *programmes_section(record),
            Static("Discovery notes", classes="title"),
            Static(discovery_text(record.client), classes="block", id="discovery"),
            *sessions_section(record, show_all=self.show_all_sessions, pinned=self.pinned_session),
        ]
        return top, main, side

    # ----------------------------------------------------------------- moving through it

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
