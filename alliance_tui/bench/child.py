"""What the benchmark runs in a fresh process, so each start-up is a cold one.

    python -m alliance_tui.bench.child RESULT_FILE bare
    python -m alliance_tui.bench.child RESULT_FILE alliance DATA_DIR
    python -m alliance_tui.bench.child RESULT_FILE open-session DATA_DIR CLIENT_ID REPEATS PAUSES PAUSE_SECONDS
    python -m alliance_tui.bench.child RESULT_FILE search DATA_DIR QUERY REPEATS
    python -m alliance_tui.bench.child RESULT_FILE open-review DATA_DIR CLIENT_ID REPEATS

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
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

SIZE = (120, 36)


async def handled(pilot: Pilot[Any]) -> None:
    """Until the app and every widget of its screen have handled what was sent to them so far."""
    app = pilot.app
    waits = []
    for node in (app, *app.screen.walk_children(with_self=True)):
        done = asyncio.Event()
        if node.call_later(done.set):
            waits.append(done.wait())
    await asyncio.gather(*waits)


async def settled(pilot: Pilot[Any]) -> None:
    """Every pending message handled, then one more frame painted."""
    await handled(pilot)
    await pilot.app.screen.wait_for_refresh()


def peak_mb() -> float:
    """This process's own peak resident memory.

    Not ru_maxrss: Linux carries into it the high-water mark of the process
    that spawned this one (the benchmark itself), so a big parent would make
    every child look big. VmHWM belongs to this program's memory alone.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Let the app work until condition holds; a step that never completes fails loudly, never hangs."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {seconds:.0f} s waiting for {what}")
        await handled(pilot)
        await asyncio.sleep(0)


async def first_screen(pilot: Pilot[Any], screen_name: str | None) -> None:
    app = pilot.app
    await until(pilot, lambda: screen_name is None or type(app.screen).__name__ == screen_name, f"the {screen_name}")
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


UNLOCKED: dict[str, float] = {}  # seconds the key derivation took in this child, for the encryption benchmark


def open_like_cli(data_dir: str, passphrase_file: str | None = None) -> Any:
    """What `alliance-tui --data-dir DIR [--passphrase-file FILE]` does before the app starts (cli.run_app)."""
    from ..cli import lighten_start

    lighten_start()
    from ..store import PracticeStore
    from ..store.auto_backup import take_automatic_backup_quietly

    vault = None
    if passphrase_file is not None:
        from ..unlock import unlock_for_app

        began = time.perf_counter()
        vault = unlock_for_app(Path(data_dir), passphrase_file=Path(passphrase_file), recovery_key_file=None)
        UNLOCKED["unlock"] = time.perf_counter() - began
    store = PracticeStore(Path(data_dir), vault=vault).open()
    take_automatic_backup_quietly(store)
    return store


def run_startup(result: Path, kind: str, data_dir: str | None, passphrase_file: str | None = None) -> None:
    ready: dict[str, Any] = {}
    store: Any = None
    if kind == "bare":
        app = bare_app()
        screen_name = None
    else:
        assert data_dir is not None
        store = open_like_cli(data_dir, passphrase_file)
        from ..app import AllianceApp

        app = AllianceApp(store, cursor_blink=False)
        screen_name = "DashboardScreen"

    async def autopilot(pilot: Pilot[Any]) -> None:
        await first_screen(pilot, screen_name)
        ready["at"] = time.perf_counter()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        ready["cpu"] = usage.ru_utime + usage.ru_stime  # less sensitive than wall time to a busy machine
        # What the first frame needed: the dashboard is drawn from the index alone, without these.
        ready["loaded_at_first_frame"] = sorted({m.split(".")[0] for m in sys.modules} & {"pydantic", "tinydb"})
        pilot.app.exit()

    try:
        app.run(headless=True, size=SIZE, auto_pilot=autopilot)
    finally:
        if store is not None:
            store.close()
    ready["peak_mb"] = peak_mb()
    ready.update(UNLOCKED)
    result.write_text(json.dumps(ready))


def run_open_session(
    result: Path,
    data_dir: str,
    client_id: str,
    repeats: int,
    pauses: int,
    pause_s: float,
    passphrase_file: str | None = None,
) -> None:
    """Open the client's session screen from the dashboard by its key, cold each time (the record is released first).

    Each round also goes back to the session still open (its screen kept).
    Beside both, in the same app: pushing a bare screen (header, label,
    footer), the baseline for what any screen costs. Then, on the session
    screen, the pause clock run by its key with the real monotonic clock, and
    what the store recorded compared with the time between the two key presses.
    """
    store = open_like_cli(data_dir, passphrase_file)
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Label

    from ..app import AllianceApp
    from ..widgets.client_list import ClientList

    class BareScreen(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("Hello from bare Textual")
            yield Footer()

    class WidgetsScreen(Screen[None]):
        """A bare screen with as many widgets as the session screen: plain labels between a header and a footer."""

        def __init__(self, widgets: int) -> None:
            super().__init__()
            self.widgets = widgets

        def compose(self) -> ComposeResult:
            yield Header()
            for n in range(max(self.widgets - 2, 1)):
                yield Label(f"Label {n}")
            yield Footer()

    from ..screens.dashboard import DashboardScreen
    from ..screens.session import SessionScreen, forget_session_screen, show_session_screen

    app = AllianceApp(store, cursor_blink=False)
    out: dict[str, Any] = {
        "times_ms": [],
        "bare_ms": [],
        "cpu_ms": [],
        "bare_cpu_ms": [],
        "same_widgets_ms": [],
        "same_widgets_cpu_ms": [],
        "return_ms": [],
        "return_cpu_ms": [],
        "pause_errors_ms": [],
    }
    session_key = next(
        (b.key for b in DashboardScreen.BINDINGS if isinstance(b, Binding) and b.id == "dashboard.session"), "s"
    )

    def open_from_dashboard(dashboard: Screen[Any]) -> None:
        """The coach's way in: the client's row highlighted, the dashboard's session key pressed."""
        shown = [summary.id for summary in getattr(dashboard, "shown", [])]
        if client_id in shown:
            dashboard.query_one("#clients", ClientList).move_cursor(row=shown.index(client_id), animate=False)
            app.simulate_key(session_key)
            out["via"] = f"dashboard key {session_key!r}"
        else:  # a dashboard without that client's row: open the screen as its key would
            show_session_screen(app, client_id)
            out["via"] = "show_session_screen"

    async def back_to(pilot: Pilot[Any], dashboard: Screen[Any], keep: bool = False) -> None:
        """Back to the client list; unless kept, no session screen is left for the next opening to reuse."""

        def popped() -> bool:
            if app.screen is not dashboard and len(app.screen_stack) > 1:
                app.pop_screen()
            return app.screen is dashboard

        await until(pilot, popped, "the dashboard again")
        if not keep:
            forget_session_screen(app, client_id)
        await settled(pilot)

    async def open_again(pilot: Pilot[Any], dashboard: Screen[Any]) -> None:
        """Back to a session already open: the client list, then its key again (the kept screen returns)."""
        shown = [summary.id for summary in getattr(dashboard, "shown", [])]
        if client_id not in shown:
            return
        dashboard.query_one("#clients", ClientList).move_cursor(row=shown.index(client_id), animate=False)
        await settled(pilot)
        await timed_key(pilot, "return")

    async def timed_key(pilot: Pilot[Any], measure: str) -> None:
        """The session key pressed on the dashboard, timed until the session screen is painted."""
        started, cpu = time.perf_counter(), time.process_time()
        app.simulate_key(session_key)
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        await settled(pilot)
        out[f"{measure}_ms"].append((time.perf_counter() - started) * 1000)
        out[f"{measure}_cpu_ms"].append((time.process_time() - cpu) * 1000)

    async def autopilot(pilot: Pilot[Any]) -> None:
        await first_screen(pilot, "DashboardScreen")
        dashboard = app.screen
        for _ in range(repeats):
            started, cpu = time.perf_counter(), time.process_time()
            app.push_screen(BareScreen())
            await until(pilot, lambda: isinstance(app.screen, BareScreen), "the bare screen")
            await settled(pilot)
            out["bare_ms"].append((time.perf_counter() - started) * 1000)
            out["bare_cpu_ms"].append((time.process_time() - cpu) * 1000)
            await back_to(pilot, dashboard)

            store.release(client_id)
            started, cpu = time.perf_counter(), time.process_time()
            open_from_dashboard(dashboard)
            # Painted with its data: the screen is current and its client loaded.
            await until(
                pilot,
                lambda: isinstance(app.screen, SessionScreen) and store.is_loaded(client_id),
                "the session screen with the client's data",
            )
            if getattr(app.screen, "client_id", client_id) != client_id:
                raise RuntimeError("the dashboard opened a session with another client than the one highlighted")
            await settled(pilot)
            out["times_ms"].append((time.perf_counter() - started) * 1000)
            out["cpu_ms"].append((time.process_time() - cpu) * 1000)
            if "first_open_peak_mb" not in out:
                # The coach's case: the app started and one client open. Later repeats only
                # fill Textual's bounded render caches (they level off after ~25 opens).
                out["first_open_peak_mb"] = peak_mb()
                out["widgets"] = sum(1 for _ in app.screen.walk_children())
            await back_to(pilot, dashboard, keep=True)
            await open_again(pilot, dashboard)
            await back_to(pilot, dashboard)

            started, cpu = time.perf_counter(), time.process_time()
            app.push_screen(WidgetsScreen(out["widgets"]))
            await until(pilot, lambda: isinstance(app.screen, WidgetsScreen), "the screen of as many widgets")
            await settled(pilot)
            out["same_widgets_ms"].append((time.perf_counter() - started) * 1000)
            out["same_widgets_cpu_ms"].append((time.process_time() - cpu) * 1000)
            await back_to(pilot, dashboard)

        show_session_screen(app, client_id)
        await settled(pilot)
        key = next(
            (b.key for b in SessionScreen.BINDINGS if isinstance(b, Binding) and b.id == "session.pause"),
            "t",
        )
        for _ in range(pauses):
            before = len(store.record(client_id).pauses)
            pressed = time.monotonic()
            await pilot.press(key)
            await asyncio.sleep(pause_s)
            truth = time.monotonic() - pressed
            await pilot.press(key)
            await settled(pilot)
            recorded = store.record(client_id).pauses
            if len(recorded) != before + 1:
                raise RuntimeError("the pause clock key did not record a pause")
            out["pause_errors_ms"].append(abs(recorded[-1].actual_seconds - truth) * 1000)
        app.exit()

    run_and_report(app, store, autopilot, out, result)


def run_and_report(app: Any, store: Any, autopilot: Any, out: dict[str, Any], result: Path) -> None:
    """Run the app headless under the autopilot, then write what it measured with the child's peak memory."""
    try:
        app.run(headless=True, size=SIZE, auto_pilot=autopilot)
    finally:
        store.close()
    out["peak_mb"] = peak_mb()
    result.write_text(json.dumps(out))


def run_open_review(result: Path, data_dir: str, client_id: str, repeats: int) -> None:
    """The client review opened from the dashboard by its key, cold each time (the client let go of first)."""
    store = open_like_cli(data_dir)
    from textual.binding import Binding

    from ..app import AllianceApp
    from ..screens.dashboard import DashboardScreen
    from ..screens.review import ClientReviewScreen
    from ..widgets.client_list import ClientList

    app = AllianceApp(store, cursor_blink=False)
    out: dict[str, Any] = {"times_ms": [], "cpu_ms": []}
    review_key = next(
        (
            b.key.split(",")[0]
            for b in DashboardScreen.BINDINGS
            if isinstance(b, Binding) and b.id == "dashboard.review"
        ),
        "r",
    )

    async def autopilot(pilot: Pilot[Any]) -> None:
        await first_screen(pilot, "DashboardScreen")
        dashboard = app.screen
        shown = [summary.id for summary in getattr(dashboard, "shown", [])]
        dashboard.query_one("#clients", ClientList).move_cursor(row=shown.index(client_id), animate=False)
        for _ in range(repeats):
            store.release(client_id)
            await settled(pilot)
            started, cpu = time.perf_counter(), time.process_time()
            app.simulate_key(review_key)
            await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "the client review")
            await settled(pilot)
            out["times_ms"].append((time.perf_counter() - started) * 1000)
            out["cpu_ms"].append((time.process_time() - cpu) * 1000)
            app.pop_screen()
            await until(pilot, lambda: app.screen is dashboard, "the dashboard again")
        app.exit()

    run_and_report(app, store, autopilot, out, result)


def read_and_parse_every_file(data_dir: Path) -> tuple[float, int, float, int]:
    """The floor of any practice-wide search: every data file of the practice read and parsed, in seconds.

    Also the part of it spent on the files a search reads (the index and the
    clients' files, not the day's backup), and how many those are.
    """
    import orjson

    started = time.perf_counter()
    count = searched = 0
    searched_s = 0.0
    backups = data_dir / "backups"
    for path in sorted(data_dir.rglob("*.json")):
        began = time.perf_counter()
        orjson.loads(path.read_bytes())
        count += 1
        if not path.is_relative_to(backups):
            searched_s += time.perf_counter() - began
            searched += 1
    return time.perf_counter() - started, count, searched_s, searched


def run_search(result: Path, data_dir: str, query: str, repeats: int) -> None:
    """The practice-wide search in the running app, from Enter until its last result is shown.

    Alternating with the floor, in this process: reading and parsing every
    file of the practice. While the search runs a 1 ms timer on the UI's loop
    records how late it fires: the longest a key pressed meanwhile would wait;
    the same timer on the idle app beforehand shows what the machine alone adds.
    """
    store = open_like_cli(data_dir)
    from textual.widgets import Input

    from ..app import AllianceApp
    from ..screens.search import SearchScreen

    app = AllianceApp(store, cursor_blink=False)
    out: dict[str, Any] = {
        "search_ms": [],
        "floor_ms": [],
        "searched_floor_ms": [],
        "stall_ms": [],
        "idle_stall_ms": [],
        "hits": 0,
        "files": 0,
        "searched_files": 0,
    }

    async def worst_lateness(worst: list[float]) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(0.001)
            worst[0] = max(worst[0], (time.perf_counter() - asked - 0.001) * 1000)

    async def autopilot(pilot: Pilot[Any]) -> None:
        await first_screen(pilot, "DashboardScreen")
        for _ in range(repeats):
            floor, out["files"], searched, out["searched_files"] = read_and_parse_every_file(Path(data_dir))
            out["floor_ms"].append(floor * 1000)
            out["searched_floor_ms"].append(searched * 1000)
            app.push_screen(SearchScreen())
            await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen")
            await settled(pilot)
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            screen.query_one("#query", Input).value = query
            await settled(pilot)
            worst = [0.0]  # the same timer with nothing running, as long as the floor took: the machine's own lateness
            idle = asyncio.create_task(worst_lateness(worst))
            await asyncio.sleep(floor)
            idle.cancel()
            out["idle_stall_ms"].append(worst[0])
            worst = [0.0]
            stalls = asyncio.create_task(worst_lateness(worst))
            started = time.perf_counter()
            app.simulate_key("enter")
            while not screen.progress.done:  # looked at lightly: the search shares the UI's thread with this
                await asyncio.sleep(0.005)
            await settled(pilot)
            out["search_ms"].append((time.perf_counter() - started) * 1000)
            stalls.cancel()
            out["stall_ms"].append(worst[0])
            out["hits"] = screen.progress.found
            app.pop_screen()
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
        run_startup(Path(result), kind, rest[0] if rest else None, rest[1] if len(rest) > 1 else None)
    elif kind == "open-review":
        run_open_review(Path(result), rest[0], rest[1], int(rest[2]))
    elif kind == "search":
        run_search(Path(result), rest[0], rest[1], int(rest[2]))
    elif kind == "open-session":
        passphrase_file = rest[5] if len(rest) > 5 else None
        run_open_session(Path(result), rest[0], rest[1], int(rest[2]), int(rest[3]), float(rest[4]), passphrase_file)
    else:
        raise SystemExit(f"unknown benchmark step {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
