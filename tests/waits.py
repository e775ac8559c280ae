"""Waiting in UI tests on what the coach would see, never on the clock.

A fixed pause is either too short on a busy machine (the test fails for no
reason) or longer than needed everywhere else. These helpers let the app run,
a turn at a time, until a condition holds, and fail with a message naming
what was awaited. They give up after many turns of the app, not after some
seconds: a slow machine makes them slower, never wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot

# Each turn lets the app handle what is pending, then waits until it is idle (at least 1/50 s):
# this many turns is well over ten seconds of a running app, far more than anything awaited here.
TURNS = 600


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str, *, turns: int = TURNS) -> None:
    """Let the app run until `condition()` is true; fail naming `what` if it never is."""
    for _ in range(turns):
        if condition():
            return
        await pilot.pause()
    if not condition():
        raise AssertionError(f"gave up waiting for {what} after {turns} turns of the app")


def toasts(app: App[Any], severity: str | None = None) -> list[str]:
    """The notifications on screen, each as the coach reads it (title, then message), of one severity if given."""
    selector = f"Toast.-{severity}" if severity else "Toast"
    return [str(toast.render()) for toast in app.screen.query(selector)]


async def toast_saying(pilot: Pilot[Any], words: str) -> str:
    """Wait for a notification showing `words` (in its title or its message); its whole text."""
    try:
        await until(pilot, lambda: any(words in text for text in toasts(pilot.app)), f"a notification saying {words!r}")
    except AssertionError:
        raise AssertionError(f"no notification saying {words!r}; on screen: {toasts(pilot.app)!r}") from None
    return next(text for text in toasts(pilot.app) if words in text)


def _busy(app: App[Any]) -> bool:
    """Something sent to the app, or to a widget of any screen on its stack, is not handled yet."""
    nodes = [app, *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True))]
    return any(node.message_queue_size for node in nodes) or any(worker.is_running for worker in app.workers)


async def handled(pilot: Pilot[Any], *, turns: int = TURNS) -> None:
    """Everything sent to the app so far is handled, and all it led to; no clock involved.

    Each turn (`pilot.pause(0)`) lets the app and every widget of its screen
    handle what they had queued; it ends once two turns in a row leave no
    queue holding anything and no worker running (the second turn also waits
    out a handler that was still running during the first). A key, what it
    bubbles, the screens it opens or closes and the writes it makes are then
    all done: only what waits on a timer is not.
    `pilot.pause()` instead waits until the processor has been quiet for a
    fiftieth of a second, each time, and for longer on a busy machine.
    """
    quiet = 0
    for _ in range(turns):
        await pilot.pause(0)
        if _busy(pilot.app):
            quiet = 0
            await pilot.app.workers.wait_for_complete()
            continue
        quiet += 1
        if quiet == 2:
            return
    raise AssertionError(f"the app was still busy after {turns} turns")


async def settled(pilot: Pilot[Any]) -> None:
    """What the last keys started has finished: handled, its background work done, its results drawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
