"""Finding what was written, in one client's file or across the practice.

The search reads one client's file at a time on a worker thread (never at
start-up, never building their records) and shows what it finds as it goes,
with how far it has got; Esc stops it. The worker keeps the newest results
found so far in order, so the list is always in its final order and the end
of a search redraws nothing. A file that cannot be read is named, and the
search goes on through the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ..models.search import SearchHit, newest_first
from ..models.wording import plural
from ..store import StoreError
from ..store.search import iter_hits
from ..widgets.app_header import AppHeader
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput
from ..widgets.result_list import ResultList
from .base import AllianceScreen

# The newest this many results are listed: more than a few screens only says "narrow it".
MAX_HITS = 50
DEBOUNCE = 0.2
# What is found is handed to the screen at most this often, so a search through
# hundreds of clients redraws the list a few times a second, not once a client.
BATCH_SECONDS = 0.1


@dataclass(frozen=True)
class Progress:
    searched: int = 0  # clients searched so far
    of: int = 0  # clients the search goes through
    found: int = 0  # hits so far, shown or not
    done: bool = False
    stopped: bool = False


class SearchScreen(AllianceScreen):
    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back",
            id="search.back",
            tooltip="Stop the search under way; with none under way, back to where you came from",
        ),
        Binding("down", "to_results", "Results", id="search.results", show=False, tooltip="Move to the results"),
    ]

    def __init__(self, client_id: str | None = None) -> None:
        super().__init__()
        self.client_id = client_id
        self.hits: list[SearchHit] = []  # as listed: the newest MAX_HITS found so far, newest first
        self.progress = Progress()
        self.unreadable: list[str] = []
        self._timer: Timer | None = None
        self._search = 0  # which search the results on screen belong to; a newer one starts afresh
        self.focus_results_when_found = False
        self._said_one_line = False  # the status line's last message fitted on one line

    class Found(Message):
        """The newest hits so far (None: unchanged since the last batch), from the search numbered `search`."""

        def __init__(
            self, search: int, hits: list[SearchHit] | None, unreadable: list[str], progress: Progress
        ) -> None:
            super().__init__()
            self.search = search
            self.hits = hits
            self.unreadable = unreadable
            self.progress = progress

    @property
    def searching(self) -> bool:
        return self._search > 0 and not self.progress.done and not self.progress.stopped

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield TextInput(id="query", placeholder="Words to find in notes, commitments and agreements")
        yield Static(id="search-status")
        yield ResultList(with_client=self.client_id is None, id="results")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.client_id is None:
            self.sub_title = "search the whole practice"
        else:
            try:
                self.sub_title = f"search {self.store.summary(self.client_id).name}'s notes"
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
        """A new search replaces the one under way; its results start afresh."""
        query = self.query_one("#query", Input).value
        self.workers.cancel_group(self, "search")
        self._search += 1
        self.hits, self.unreadable = [], []
        self.query_one("#results", ResultList).show([])
        if not query.strip():
            self.progress = Progress(done=True)
            self._say(Text("Type to search.", style="dim"))
            return
        self.progress = Progress()
        self._say(Text("Searching…", style="dim"))
        self.search_in_background(query, self._search)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_in_background(self, query: str, search: int) -> None:
        """One client at a time; the newest hits go to the screen in batches, and a cancel stops it between clients.

        Each client's newest hits are merged here into the newest found so far,
        so the screen is handed its list in order and only repaints it.
        """
        worker = get_current_worker()
        newest: list[SearchHit] = []
        changed = False
        unreadable: list[str] = []
        progress = Progress()
        sent = time.monotonic()
        for part in iter_hits(self.store, query, self.client_id, newest=MAX_HITS):
            if worker.is_cancelled:
                return
            if part.hits:
                merged = newest_first([*newest, *part.hits])[:MAX_HITS]
                changed = changed or merged != newest
                newest = merged
            if part.problem:
                unreadable.append(part.problem)
            progress = Progress(part.searched, part.of, progress.found + part.found)
            time.sleep(0)  # between clients the UI's thread gets its turn: no key waits behind a long search
            if time.monotonic() - sent >= BATCH_SECONDS:
                self.post_message(self.Found(search, newest if changed else None, unreadable, progress))
                changed, unreadable, sent = False, [], time.monotonic()
        if not worker.is_cancelled:
            done = Progress(progress.of, progress.of, progress.found, True)
            self.post_message(self.Found(search, newest if changed else None, unreadable, done))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.search != self._search or self.progress.stopped:
            return  # from a search replaced or stopped since
        self.progress = event.progress
        self.unreadable += event.unreadable
        if event.hits is not None:
            self.hits = event.hits
            self.query_one("#results", ResultList).show(self.hits)
        self._say_progress()
        if event.progress.done and self.focus_results_when_found:
            self.focus_results_when_found = False
            self.action_to_results()

    def _say_progress(self) -> None:
        progress, shown = self.progress, len(self.hits)
        total = progress.found
        if progress.done:
            message = Text(f"{plural(total, 'result')}, newest first")
        elif progress.stopped:
            message = Text(
                f"Stopped after {progress.searched} of {plural(progress.of, 'client')}: "
                f"{plural(total, 'result')}, newest first"
            )
        else:
            message = Text(
                f"Searching… {progress.searched} of {plural(progress.of, 'client')}, {total:,} found", style="dim"
            )
            message.append(" · Esc stops", style="dim")
        if total > shown:
            message.append(f" (the newest {shown} shown: add a word to narrow it)")
        if self.unreadable:
            message.append(f" · {plural(len(self.unreadable), 'client file')} could not be searched: ", style="bold")
            message.append(" ".join(self.unreadable))
        if shown and not self.searching:
            message.append(" · ↓ to the results, Enter opens one", style="dim")
        self._say(message)

    def _say(self, message: Text) -> None:
        """The status line; laid out again only if it may take another number of lines.

        Progress is said ten times a second: a layout of the whole screen each
        time was most of what the screen did during a search.
        """
        status = self.query_one("#search-status", Static)
        one_line = 0 < message.cell_len <= status.content_size.width
        status.update(message, layout=not (one_line and self._said_one_line))
        self._said_one_line = one_line

    def action_to_results(self) -> None:
        results = self.query_one("#results", ResultList)
        if self.hits and not results.has_focus:
            results.focus()

    @on(ResultList.Selected, "#results")
    def _open(self, event: ResultList.Selected) -> None:
        hit = self.hits[event.index]
        from .review import ClientReviewScreen

        if hit.session_number is not None:
            self.app.push_screen(ClientReviewScreen(hit.client_id, session_number=hit.session_number))
        else:
            section = "discovery" if hit.where == "discovery notes" else "alliance"
            self.app.push_screen(ClientReviewScreen(hit.client_id, section=section))

    def action_back(self) -> None:
        """Esc stops a search under way, keeping what it found; with none under way it goes back."""
        if self.searching:
            self.workers.cancel_group(self, "search")
            self.progress = Progress(self.progress.searched, self.progress.of, self.progress.found, stopped=True)
            self.focus_results_when_found = False
            self._say_progress()
            return
        self.dismiss()
