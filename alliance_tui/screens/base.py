"""What every Alliance TUI screen shares: the store, the clocks, error reporting."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.screen import Screen

from ..store import PracticeStore, StoreError

if TYPE_CHECKING:
    from ..app import AllianceApp


class AllianceScreen(Screen[None]):
    _look: tuple[object, ...] = ()

    def _app_look(self) -> tuple[object, ...]:
        app = self.app
        return (app.theme, app.ansi_color, frozenset(app.classes), app.pseudo_classes)

    def refuse_to_quit(self) -> bool:
        """Words typed and not yet saved: say so (and show where) instead of quitting. Most screens hold none."""
        return False

    @on(events.Mount)
    def _styled_as_mounted(self) -> None:
        self._look = self._app_look()

    @on(events.ScreenResume)
    def _restyled_only_when_needed(self, event: events.ScreenResume) -> None:
        """Textual restyles a whole screen on every resume; ours only when the app's look changed.

        Each widget was styled as it mounted; restyling it all again on the
        first showing cost an opening as much as mounting half its widgets. A
        screen shown again (a kept session screen, a screen under a dialog) is
        restyled when the theme, the app's classes or its pseudo-classes
        (focus, dark) differ from when it was mounted or last shown, as
        Textual restyles only the screens on the stack when they do.
        """
        look = self._app_look()
        if look == self._look:
            event.refresh_styles = False
        self._look = look

    @property
    def alliance_app(self) -> AllianceApp:
        return cast("AllianceApp", self.app)

    @property
    def store(self) -> PracticeStore:
        return self.alliance_app.store

    def report(self, error: StoreError, title: str = "Not saved") -> None:
        """A store refusal becomes a quiet toast, never a traceback or a beep (and a line in the log, kind only)."""
        logging.getLogger("alliance_tui.screens").warning("%s on %s", type(error).__name__, type(self).__name__)
        self.notify(error.message, title=title, severity="error", timeout=10, markup=False)
