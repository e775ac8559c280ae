"""What the app says of itself rather than of a screen: problems found as it opened, and the config file's.

Collected while the app is built (a theme not available, a key the config
file could not give) and said once the first screen is up, each a quiet toast:
never a dialog, since the coach may already be on a call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import Binding

    from .app import AllianceApp


class AppNotices:
    def __init__(self, app: AllianceApp) -> None:
        self.app = app
        self.waiting: list[tuple[str, str]] = []  # (message, title), said at start
        self._clashes_said: set[tuple[str, ...]] = set()

    def at_start(self, message: str, title: str) -> None:
        self.waiting.append((message, title))

    def show_at_start(self) -> None:
        """The practice's problems, the settings a damaged index left behind, then the app's own; client files after.

        The clients' files changed since the last close are read after the
        first frame, so start-up reads none of them.
        """
        app, store = self.app, self.app.store
        for problem in store.problems:
            app.notify(problem, title="Practice data", severity="warning", timeout=15, markup=False)
        if store.unchecked:
            from .screens.changed_files import check_changed_files

            app.call_after_refresh(check_changed_files, app)
        if store.index_set_aside is not None:
            from .commands.rescue import offer_at_start

            offer_at_start(app)
        for message, title in self.waiting:
            app.notify(message, title=title, severity="warning", timeout=20, markup=False)

    def key_clash(self, clashed_bindings: set[Binding]) -> None:
        """A remapped key took over a key of Textual's own (focus, copy...): said once for each set of keys."""
        names = tuple(sorted(b.description or b.action for b in clashed_bindings))
        if names in self._clashes_said:
            return
        self._clashes_said.add(names)
        self.app.notify(
            f"A key in {self.app.config.label} replaced the key of: {', '.join(names)}.",
            title="Config file: key clash",
            severity="warning",
            timeout=15,
            markup=False,
        )
