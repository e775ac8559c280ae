"""Whether a pane can reach its own children yet, and still.

Data can arrive before a pane is mounted (bound data is given as it
composes) and after it was taken off: quitting as a screen opens takes its
widgets off the screen while their first handlers are still to run.
"""

from __future__ import annotations

from textual.widget import Widget


def in_place(widget: Widget) -> bool:
    """Mounted and still attached: its children are there to be queried."""
    return widget.is_mounted and widget.is_attached
