"""The measurements, each taken beside its baseline in the same run.

Every figure is a median over repeated runs. Baselines alternate with the
measured runs (bare app, our app, bare app...) so a noisy neighbour on the
machine hits both alike.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store import PracticeStore

if TYPE_CHECKING:
    from ..store.crypto.vault import Vault

NOTE_TEXT = "Named the pattern herself: agrees in the meeting, then resents the extra work. Worth returning to."


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # process start until the first screen was painted and idle
    cpu_seconds: float  # CPU the process used until then
    max_rss_mb: float
    unlock_seconds: float = 0.0  # an encrypted practice: unlocking it (the key derivation), inside the start


def _child_env(config_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["ALLIANCE_TUI_CONFIG"] = str(config_dir)
    env.pop("TEXTUAL", None)
    env.pop("TEXTUAL_PRESS", None)
    return env


def run_child(args: list[str], config_dir: Path) -> tuple[dict[str, Any], float]:
    """Run one child; return its result and the moment it started."""
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as tmp:
        result = Path(tmp) / "result.json"
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "alliance_tui.bench.child", str(result), *args],
            env=_child_env(config_dir),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, err = proc.communicate()
        stderr = err.decode(errors="replace")
        if proc.returncode != 0 or not result.exists():
            raise RuntimeError(f"benchmark child {args[0]} failed ({proc.returncode}):\n{stderr[-2000:]}")
        data: dict[str, Any] = json.loads(result.read_text())
    return data, started


def compile_package() -> Path:
    """Our modules' bytecode, written as pip writes it on install (and as Textual's already is).

    An editable install with PYTHONDONTWRITEBYTECODE set would otherwise compile
    every module from source in every child, a cost no installed copy pays and
    the bare app, whose Textual came compiled, never pays either.
    """
    import compileall

    package = Path(__file__).resolve().parent.parent
    compileall.compile_dir(package, quiet=1)
    return package


def startup(kind: str, data_dir: Path | None, config_dir: Path, passphrase_file: Path | None = None) -> ChildRun:
    args = [kind] if data_dir is None else [kind, str(data_dir)]
    if passphrase_file is not None:  # an encrypted practice, unlocked as --passphrase-file does
        args.append(str(passphrase_file))
    data, started = run_child(args, config_dir)
    return ChildRun(
        seconds=data["at"] - started,
        cpu_seconds=data["cpu"],
        max_rss_mb=data["peak_mb"],
        unlock_seconds=data.get("unlock", 0.0),
    )


def startups(practices: dict[str, Path], repeats: int, config_dir: Path) -> dict[str, list[ChildRun]]:
    """Interleaved cold starts of the bare app and of ours on each practice; one unrecorded warm-up each."""
    runs: dict[str, list[ChildRun]] = {"bare": [], **{name: [] for name in practices}}
    for round_ in range(repeats + 1):
        for name in runs:
            run = (
                startup("bare", None, config_dir)
                if name == "bare"
                else startup("alliance", practices[name], config_dir)
            )
            if round_:
                runs[name].append(run)
    return runs


@dataclass(frozen=True)
class SessionOpening:
    times_ms: list[float]  # opening the session screen, each from cold
    bare_ms: list[float]  # pushing a bare screen in the same app, alternating with the above
    cpu_ms: list[float]  # CPU time of each opening
    bare_cpu_ms: list[float]
    same_widgets_ms: list[float]  # pushing a bare screen of as many widgets (labels) as the session screen has
    same_widgets_cpu_ms: list[float]
    widgets: int  # the session screen's widgets, counted once it was open
    return_ms: list[float]  # back to the session still open: the kept screen shown again from the client list
    return_cpu_ms: list[float]
    pause_errors_ms: list[float]  # |recorded pause - time between the two key presses|
    max_rss_mb: float  # peak over all the repeats
    first_open_peak_mb: float  # peak with the app started and the client opened once
    via: str  # how it was opened: the dashboard's key, or push_screen when that key is missing
    unavailable: str  # why the session screen could not be measured, if it could not


def open_session(
    data_dir: Path,
    client_id: str,
    repeats: int,
    pauses: int,
    pause_seconds: float,
    config_dir: Path,
    passphrase_file: Path | None = None,
) -> SessionOpening:
    args = ["open-session", str(data_dir), client_id, str(repeats), str(pauses), str(pause_seconds)]
    if passphrase_file is not None:
        args.append(str(passphrase_file))
    data, _ = run_child(args, config_dir)
    return SessionOpening(
        times_ms=[float(t) for t in data["times_ms"]],
        bare_ms=[float(t) for t in data["bare_ms"]],
        cpu_ms=[float(t) for t in data["cpu_ms"]],
        bare_cpu_ms=[float(t) for t in data["bare_cpu_ms"]],
        same_widgets_ms=[float(t) for t in data.get("same_widgets_ms", [])],
        same_widgets_cpu_ms=[float(t) for t in data.get("same_widgets_cpu_ms", [])],
        widgets=int(data.get("widgets", 0)),
        return_ms=[float(t) for t in data.get("return_ms", [])],
        return_cpu_ms=[float(t) for t in data.get("return_cpu_ms", [])],
        pause_errors_ms=[float(t) for t in data["pause_errors_ms"]],
        max_rss_mb=float(data["peak_mb"]),
        first_open_peak_mb=float(data.get("first_open_peak_mb", data["peak_mb"])),
        via=str(data.get("via", "")),
        unavailable=str(data.get("unavailable", "")),
    )


@dataclass(frozen=True)
class SearchTiming:
    search_ms: list[float]  # Enter to the last result shown, in the running app
    floor_ms: list[float]  # every file of the practice read and parsed, in the same process
    searched_floor_ms: list[float]  # the part of that spent on the files a search reads (not the day's backup)
    stall_ms: list[float]  # the UI loop's worst lateness while each search ran
    idle_stall_ms: list[float]  # the same with the app idle, just before each search
    hits: int
    files: int
    searched_files: int


def practice_search(data_dir: Path, query: str, repeats: int, config_dir: Path) -> SearchTiming:
    data, _ = run_child(["search", str(data_dir), query, str(repeats)], config_dir)
    return SearchTiming(
        search_ms=[float(t) for t in data["search_ms"]],
        floor_ms=[float(t) for t in data["floor_ms"]],
        searched_floor_ms=[float(t) for t in data["searched_floor_ms"]],
        stall_ms=[float(t) for t in data["stall_ms"]],
        idle_stall_ms=[float(t) for t in data["idle_stall_ms"]],
        hits=int(data["hits"]),
        files=int(data["files"]),
        searched_files=int(data["searched_files"]),
    )


def floor_write(directory: Path, payload: bytes) -> float:
    """The least any durable save must do: write, fsync, rename, fsync the directory."""
    tmp = directory / ".bench-floor.tmp"
    target = directory / ".bench-floor"
    started = time.perf_counter()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return time.perf_counter() - started


@dataclass(frozen=True)
class NoteTiming:
    note_ms: list[float]
    floor_ms: list[float]
    file_bytes: int


def log_notes(data_dir: Path, client_id: str, repeats: int, vault: Vault | None = None) -> NoteTiming:
    """Alternate store.log_note (returns once fsynced) with the floor for a file of the same size.

    vault: an encrypted practice's key, unlocked (bench/encryption.py).
    """
    store = PracticeStore(data_dir, vault=vault).open()
    try:
        session = store.start_session(client_id)
        store.log_note(client_id, NOTE_TEXT, session_number=session.number)  # loads the client; not timed
        path = store.clients_dir / f"{client_id}.json"
        notes: list[float] = []
        floors: list[float] = []
        for _ in range(repeats):
            started = time.perf_counter()
            store.log_note(client_id, NOTE_TEXT, session_number=session.number)
            notes.append((time.perf_counter() - started) * 1000)
            floors.append(floor_write(store.clients_dir, path.read_bytes()) * 1000)
        size = path.stat().st_size
        for leftover in (store.clients_dir / ".bench-floor", store.clients_dir / ".bench-floor.tmp"):
            leftover.unlink(missing_ok=True)
    finally:
        store.close()
    reopened = PracticeStore(data_dir, read_only=True, vault=vault).open()
    try:
        logged = sum(1 for n in reopened.record(client_id).notes if n.text == NOTE_TEXT)
    finally:
        reopened.close()
    if logged != repeats + 1:
        raise RuntimeError(f"expected {repeats + 1} benchmark notes on disk, found {logged}")
    return NoteTiming(notes, floors, size)


@dataclass(frozen=True)
class PauseTiming:
    errors_ms: list[float]
    how: str


def pause_clock(data_dir: Path, client_id: str, repeats: int, seconds: float) -> PauseTiming:
    """Run the real pause clock against time.monotonic and compare what the store recorded."""
    return asyncio.run(_pause_clock(data_dir, client_id, repeats, seconds))


async def _pause_clock(data_dir: Path, client_id: str, repeats: int, seconds: float) -> PauseTiming:
    from textual.app import App, ComposeResult

    from ..widgets.pause_clock import PauseClock

    store = PracticeStore(data_dir).open()
    errors: list[float] = []
    try:
        session = store.start_session(client_id)

        class ClockOnly(App[None]):
            def compose(self) -> ComposeResult:
                yield PauseClock(30, time.monotonic, id="clock")

        app = ClockOnly()
        async with app.run_test(size=(60, 12)) as pilot:
            clock = app.query_one(PauseClock)
            for _ in range(repeats):
                began_wall = store.clock()
                began = time.monotonic()
                clock.start()
                await asyncio.sleep(seconds)
                await pilot.pause(0)
                actual = clock.stop()
                truth = time.monotonic() - began
                store.record_pause(
                    client_id,
                    target_seconds=30,
                    actual_seconds=actual,
                    started=began_wall,
                    session_number=session.number,
                )
                on_disk = PracticeStore(data_dir, read_only=True).open()
                try:
                    recorded = on_disk.record(client_id).pauses[-1].actual_seconds
                finally:
                    on_disk.close()
                errors.append(abs(recorded - truth) * 1000)
    finally:
        store.close()
    return PauseTiming(errors, "PauseClock widget in a running app, recorded through the store, read back from disk")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
