"""One quiet line at the foot of the screen while long work runs: what, how far, and nothing to answer.

It never takes focus and goes when the work ends; the result arrives as a toast.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar

from ..models.wording import plural


class WorkProgress(Horizontal):
    DEFAULT_CSS = """
    WorkProgress {
        dock: bottom;
        height: 1;
        margin-bottom: 1;  /* above the key footer, which is docked at the bottom too */
        background: $boost;
    }
    WorkProgress Label {
        width: auto;
        padding: 0 1;
    }
    WorkProgress ProgressBar {
        width: 1fr;
    }
    """

    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)

    def __init__(self, what: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.what = what
        self.can_focus = False

    def compose(self) -> ComposeResult:
        yield Label(self.what)
        yield ProgressBar(show_eta=False)
        yield Label("", id="work-count")

    def watch_done(self) -> None:
        self._show()

    def watch_total(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted or not self.children:
            return
        self.query_one(ProgressBar).update(total=max(self.total, 1), progress=self.done)
        self.query_one("#work-count", Label).update(f"{self.done} of {plural(self.total, 'client')}")

    def advance(self, done: int, total: int) -> None:
        """Both numbers at once, from the worker (through call_from_thread)."""
        self.total = total
        self.done = done
