"""The title bar of every screen: Textual's Header, safe when its screen goes within a frame of opening.

Header sets its title from callbacks queued as it mounts. If the coach leaves the
screen before they run (Enter, then Esc, at the speed of a paste), the title
widget is already gone and Textual 8.2.8 raises NoMatches where it expects only
NoScreen: the app stopped with a traceback (seen about once in three full runs
of tests/test_keys_property.py). A header taken apart has no title to set, so
the missing title is reported as the missing screen Header already ignores.
"""

from __future__ import annotations

from typing import Any

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.widgets import Header


class AppHeader(Header):
    def query_one(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().query_one(*args, **kwargs)
        except NoMatches:
            raise NoScreen("The header was taken apart with its screen.") from None
