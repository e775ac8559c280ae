"""Start-up with the cyclic garbage collector paused.

Starting builds tens of thousands of long-lived objects (classes, models,
styles) and almost no garbage, yet the collector would walk them again and
again while they are being made. It is paused from the command line's start
until the first frame is on screen, then turned back on with what start-up
built frozen, so later collections (opening a client, logging) skip it too.
Only a start that paused it resumes it: apps made in tests are untouched.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
