"""Finding what was written, in one client's file or across the practice.

Searching the practice opens client files on demand (never at start-up); a file
that cannot be read is named, and the search goes on through the rest.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..models.search import SearchHit, newest_first, search_record
from ..models.wording import plural
from ..store import StoreError
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from .base import AllianceScreen

MAX_HITS = 200
DEBOUNCE = 0.2


def hit_label(hit: SearchHit, *, with_client: bool) -> Text:
    text = Text()
    if with_client:
        text.append(hit.client_name, style="bold")
        text.append(" · ")
    text.append(f"S{hit.session_number}" if hit.session_number else "intake", style="bold")
    text.append(f" · {hit.where}\n  ", style="dim")
    snippet = Text(hit.snippet)
    snippet.highlight_words([hit.text[hit.start : hit.start + hit.length]], style="bold reverse", case_sensitive=False)
    text.append_text(snippet)
    return text


class SearchScreen(AllianceScreen):
    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back", tooltip="Back to where you came from"),
        Binding("down", "to_results", "Results", id="search.results", show=False, tooltip="Move to the results"),
    ]

    def __init__(self, client_id: str | None = None) -> None:
        super().__init__()
        self.client_id = client_id
        self.hits: list[SearchHit] = []
        self._timer: Timer | None = None
        self.focus_results_when_found = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextInput(id="query", placeholder="Words to find in notes, commitments and agreements")
        yield Static(id="search-status")
        yield OptionList(id="results")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.client_id is None:
            self.sub_title = "search the whole practice"
        else:
            try:
                self.sub_title = f"search {self.store.record(self.client_id).client.name}'s notes"
            except StoreError as exc:
                self.report(exc, title="Cannot search")
        self.query_one("#search-status", Static).update(
            Text("Type to search. Enter on a result opens the review at the session where it was written.", style="dim")
        )
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.focus_results_when_found = True
        self.run_search()

    def run_search(self) -> None:
        """Search off the UI thread: the first practice-wide search reads every client's file."""
        query = self.query_one("#query", Input).value
        if not query.strip():
            self.query_one("#results", OptionList).clear_options()
            self.hits = []
            self.query_one("#search-status", Static).update(Text("Type to search.", style="dim"))
            return
        self.query_one("#search-status", Static).update(Text("Searching…", style="dim"))
        self.search_in_background(query)

    @work(thread=True, exclusive=True, group="search")
    def search_in_background(self, query: str) -> None:
        worker = get_current_worker()
        ids = [self.client_id] if self.client_id else [s.id for s in self.store.summaries() if not s.problem]
        hits: list[SearchHit] = []
        unreadable: list[str] = []
        for client_id in ids:
            if worker.is_cancelled:
                return
            try:
                record = self.store.record(client_id)
            except StoreError as exc:
                unreadable.append(exc.message)
                continue
            hits += search_record(record, query)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_results, newest_first(hits), unreadable)

    def show_results(self, every_hit: list[SearchHit], unreadable: list[str]) -> None:
        hits = every_hit[:MAX_HITS]
        results = self.query_one("#results", OptionList)
        results.clear_options()
        self.hits = hits
        results.add_options(
            Option(hit_label(hit, with_client=self.client_id is None), id=str(n)) for n, hit in enumerate(hits)
        )
        found = len(hits)
        total = len(every_hit)
        message = Text(f"{plural(total, 'result')}, newest first")
        if total > found:
            message.append(f" (the newest {found} shown: add a word to narrow it)")
        if unreadable:
            message.append(f" · {plural(len(unreadable), 'client file')} could not be searched: ", style="bold")
            message.append(" ".join(unreadable))
        if found:
            results.highlighted = 0
            message.append(" · ↓ to the results, Enter opens one", style="dim")
        self.query_one("#search-status", Static).update(message)
        if self.focus_results_when_found:
            self.focus_results_when_found = False
            self.action_to_results()

    def action_to_results(self) -> None:
        results = self.query_one("#results", OptionList)
        if self.hits and not results.has_focus:
            results.focus()

    @on(OptionList.OptionSelected, "#results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        from .review import ClientReviewScreen

        if hit.session_number is not None:
            self.app.push_screen(ClientReviewScreen(hit.client_id, session_number=hit.session_number))
        else:
            section = "discovery" if hit.where == "discovery notes" else "alliance"
            self.app.push_screen(ClientReviewScreen(hit.client_id, section=section))

    def action_back(self) -> None:
        self.dismiss()
