"""A Footer that rebuilds its keys only when what it shows has changed.

Textual's Footer recomposes every time a screen's bindings are updated, and
they are updated on every focus change and every refresh_bindings(): opening a
session screen asked for eight rebuilds of fifteen keys each, most of them
identical, which was most of the time it took to open. This one coalesces
the requests made within one frame and skips a rebuild that would draw the
same keys again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[str, str, str, str, bool, str], ...]


class SteadyFooter(Footer):
    def __init__(self, *, id: str | None = None, classes: str | None = None, compact: bool = False) -> None:
        super().__init__(id=id, classes=classes, compact=compact)
        self._shown: Shown | None = None
        self._rebuild_pending = False

    def _what_would_show(self) -> Shown:
        return tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self._what_would_show()
        if shown == self._shown:
            return
        self._shown = shown
        await self.recompose()
