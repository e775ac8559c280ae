"""Start-up with the cyclic garbage collector paused, and without pydantic's plugin search.

Starting builds tens of thousands of long-lived objects (classes, models,
styles) and almost no garbage, yet the collector would walk them again and
again while they are being made. It is paused from the command line's start
until the first frame is on screen, then turned back on with what start-up
built frozen, so later collections (opening a client, logging) skip it too,
and with a higher threshold for the youngest generation (below). Only a start
that paused it resumes it: apps made in tests are untouched.

From then on the full collection, which walks every loaded client's records
(~200 ms for the largest), is done when the coach has left the keys and mouse
alone for a few seconds, and what it leaves alive is frozen again: the
collections that the allocations set off while the coach types, browses or
opens a screen then only walk what is new since (collect_when_quiet).
"""

from __future__ import annotations

import gc

_paused = False
_tuned = False  # the collector as the command line set it up at the first frame: quiet collections apply
_last_input = 0.0
_used_since_collected = False


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


# Allocations between youngest-generation collections (Python's default is 700).
# The app holds the open clients' records, tens of thousands of long-lived
# objects, and Textual makes thousands of short-lived ones for each screen: at
# 700 opening a session screen ran ~90 collections (~15% of its time), at
# 20,000 it runs three. Garbage in reference cycles waits a little longer.
YOUNG_THRESHOLD = 20_000


def resume_collector(*, first_frame: bool = True) -> None:
    """Collect again; at the first frame also freeze what start-up built and raise the threshold.

    With first_frame=False (the app ended or failed before its first frame)
    the collector is only turned back on, exactly as it was.
    """
    global _paused, _tuned
    if _paused:
        if first_frame:
            gc.freeze()
            _, middle, old = gc.get_threshold()
            gc.set_threshold(YOUNG_THRESHOLD, middle, old)
            _tuned = True
        gc.enable()
        _paused = False


# Seconds without a key or a click before the full collection may run: a key
# pressed during it would wait for it, so it waits for a moment no one is typing.
QUIET_AFTER = 3.0


def note_input(now: float) -> None:
    """A key or a click: the coach is at the keyboard, and the app has made new objects since."""
    global _last_input, _used_since_collected
    _last_input = now
    _used_since_collected = True


def collect_when_quiet(now: float) -> bool:
    """After a quiet spell following use, one full collection, then all that is left alive is frozen.

    Unfrozen first, so what died since the last freeze (a screen let go of,
    a client released) is collected too and never kept for good. Returns
    whether it ran; it never runs for an app the command line did not start.
    """
    global _used_since_collected
    if not _tuned or not _used_since_collected or now - _last_input < QUIET_AFTER or not gc.isenabled():
        return False
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _used_since_collected = False
    return True
