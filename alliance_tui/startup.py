"""Start-up with the cyclic garbage collector paused, and without pydantic's plugin search.

Starting builds tens of thousands of long-lived objects (classes, models,
styles) and almost no garbage, yet the collector would walk them again and
again while they are being made. It is paused from the command line's start
until the first frame is on screen, then turned back on with what start-up
built frozen, so later collections (opening a client, logging) skip it too,
and with a higher threshold for the youngest generation (below). Only a start
that paused it resumes it: apps made in tests are untouched.
"""

from __future__ import annotations

import gc

_paused = False


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
    global _paused
    if _paused:
        if first_frame:
            gc.freeze()
            _, middle, old = gc.get_threshold()
            gc.set_threshold(YOUNG_THRESHOLD, middle, old)
        gc.enable()
        _paused = False
