"""What every Alliance TUI screen shares: the store, the clocks, error reporting."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from ..store import PracticeStore, StoreError

if TYPE_CHECKING:
    from ..app import AllianceApp


class AllianceScreen(Screen[None]):
    @property
    def alliance_app(self) -> AllianceApp:
        return cast("AllianceApp", self.app)

    @property
    def store(self) -> PracticeStore:
        return self.alliance_app.store

    def report(self, error: StoreError, title: str = "Not saved") -> None:
        """A store refusal becomes a quiet toast, never a traceback or a beep."""
        self.notify(error.message, title=title, severity="error", timeout=10, markup=False)
