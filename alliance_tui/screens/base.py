"""What every Alliance TUI screen shares: the store, the clocks, error reporting."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.screen import Screen

from ..store import PracticeStore, StoreError

if TYPE_CHECKING:
    from ..app import AllianceApp


class AllianceScreen(Screen[None]):
    _resumed = False

    @on(events.ScreenResume)
    def _first_resume_is_styled(self, event: events.ScreenResume) -> None:
        """A screen's first resume follows its compose: each widget was styled as it mounted.

        Textual restyles the whole screen on every resume, the first one
        included, which cost an opening as much as mounting half its widgets
        again. Later resumes (back from another screen) are restyled as usual,
        in case the theme changed meanwhile.
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    @property
    def alliance_app(self) -> AllianceApp:
        return cast("AllianceApp", self.app)

    @property
    def store(self) -> PracticeStore:
        return self.alliance_app.store

    def report(self, error: StoreError, title: str = "Not saved") -> None:
        """A store refusal becomes a quiet toast, never a traceback or a beep."""
        self.notify(error.message, title=title, severity="error", timeout=10, markup=False)
