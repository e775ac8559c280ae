"""The prep sheet on screen: the same page `alliance-tui prep NAME` prints, read before a call.

Opened from the client review (p). Its text is the Markdown of exports/prep.py,
so the terminal and the app never disagree about what matters before a call.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from ..exports.prep import prep_of
from ..models.timeutil import local_date
from ..store import StoreError
from ..widgets.app_header import AppHeader
from ..widgets.footer import KeyFooter
from .base import AllianceScreen


class PrepScreen(AllianceScreen):
    CSS_PATH = "prep.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="prep.back", tooltip="Back to the client review"),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="prep"):
            try:
                view = self.store.prep(self.client_id)
            except StoreError as exc:
                yield Static(exc.message, id="problem", markup=False)
            else:
                self.sub_title = f"prep: {view.record.client.name}"
                yield Markdown(
                    prep_of(
                        view,
                        categories=self.store.categories(),
                        today=local_date(self.alliance_app.clock()),
                        revisit_every=self.store.settings.revisit_every_sessions,
                    ),
                    id="sheet",
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#prep", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss()
