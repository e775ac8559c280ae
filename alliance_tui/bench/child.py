"""What the benchmark runs in a fresh process, so each start-up is a cold one.

    python -m alliance_tui.bench.child RESULT_FILE bare
    python -m alliance_tui.bench.child RESULT_FILE alliance DATA_DIR
    python -m alliance_tui.bench.child RESULT_FILE open-session DATA_DIR CLIENT_ID REPEATS

Both start-up kinds run the same way (App.run, headless, 120x36) and stop at
the same hook: the first screen's messages are all processed and a refresh
has been painted. The moment is written to RESULT_FILE as a perf_counter
reading, which on Linux is CLOCK_MONOTONIC and so comparable with the
parent's. Imports stay inside the functions: the bare app must not pay for
anything of ours.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

SIZE = (120, 36)


async def settled(pilot: Pilot[Any]) -> None:
    """Every pending message handled, then one more frame painted."""
    await pilot._wait_for_screen()
    await pilot.app.screen.wait_for_refresh()


async def first_screen(pilot: Pilot[Any], screen_name: str | None) -> None:
    app = pilot.app
    while screen_name is not None and type(app.screen).__name__ != screen_name:
        await pilot._wait_for_screen()
        await asyncio.sleep(0)
    await settled(pilot)


def bare_app() -> App[None]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class Bare(App[None]):
        TITLE = "Bare Textual"

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("Hello from bare Textual")
            yield Footer()

    return Bare()


def open_like_cli(data_dir: str) -> Any:
    """What `alliance-tui --data-dir DIR` does before the app starts (cli.run_app)."""
    from ..cli import lighten_start

    lighten_start()
    from ..store import PracticeStore
    from ..store.backup import take_automatic_backup_quietly

    store = PracticeStore(Path(data_dir)).open()
    take_automatic_backup_quietly(store)
    return store


def run_startup(result: Path, kind: str, data_dir: str | None) -> None:
    ready: dict[str, float] = {}
    store: Any = None
    if kind == "bare":
        app = bare_app()
        screen_name = None
    else:
        assert data_dir is not None
        store = open_like_cli(data_dir)
        from ..app import AllianceApp

        app = AllianceApp(store, cursor_blink=False)
        screen_name = "DashboardScreen"

    async def autopilot(pilot: Pilot[Any]) -> None:
        await first_screen(pilot, screen_name)
        ready["at"] = time.perf_counter()
        pilot.app.exit()

    try:
        app.run(headless=True, size=SIZE, auto_pilot=autopilot)
    finally:
        if store is not None:
            store.close()
    result.write_text(json.dumps(ready))


def run_open_session(result: Path, data_dir: str, client_id: str, repeats: int) -> None:
    """Open the client's session screen from the dashboard, cold each time (the record is released first)."""
    store = open_like_cli(data_dir)
    from ..app import AllianceApp

    app = AllianceApp(store, cursor_blink=False)
    out: dict[str, Any] = {"times_ms": []}
    try:
        from ..screens.session import SessionScreen
    except ImportError as exc:
        out["unavailable"] = f"alliance_tui.screens.session cannot be imported ({exc})"
        store.close()
        result.write_text(json.dumps(out))
        return

    async def autopilot(pilot: Pilot[Any]) -> None:
        await first_screen(pilot, "DashboardScreen")
        dashboard = app.screen
        for _ in range(repeats):
            store.release(client_id)
            started = time.perf_counter()
            app.push_screen(SessionScreen(client_id))
            # Painted with its data: the screen is current, the client is loaded, no worker still busy.
            while not (
                isinstance(app.screen, SessionScreen)
                and store.is_loaded(client_id)
                and not any(w.is_running for w in app.workers)
            ):
                await pilot._wait_for_screen()
                await asyncio.sleep(0)
            await settled(pilot)
            out["times_ms"].append((time.perf_counter() - started) * 1000)
            while app.screen is not dashboard:
                app.pop_screen()
                await pilot._wait_for_screen()
            await settled(pilot)
        app.exit()

    try:
        app.run(headless=True, size=SIZE, auto_pilot=autopilot)
    finally:
        store.close()
    result.write_text(json.dumps(out))


def main(argv: list[str]) -> None:
    result, kind, *rest = argv
    if kind in ("bare", "alliance"):
        run_startup(Path(result), kind, rest[0] if rest else None)
    elif kind == "open-session":
        run_open_session(Path(result), rest[0], rest[1], int(rest[2]))
    else:
        raise SystemExit(f"unknown benchmark step {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
