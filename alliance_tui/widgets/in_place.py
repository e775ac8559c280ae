"""Whether a pane can reach its own parts yet, and still.

Data can arrive before a pane is mounted (bound data is given as it
composes) and after it was taken off: quitting as a screen opens takes its
widgets off the screen while their first handlers are still to run. A pane's
parts leave before the pane does, so for a moment a pane is still mounted and
attached with nothing inside it to draw on: a pane asks after its parts too.
"""

from __future__ import annotations

from textual.widget import Widget


def in_place(*widgets: Widget) -> bool:
    """Every widget given is mounted and still attached: there to be drawn on."""
    return all(widget.is_mounted and widget.is_attached for widget in widgets)
