"""python -m alliance_tui.bench --history: does a live session cost the same in a client's twentieth year?

Two single-client practices of weekly sessions, one year and twenty years long
(about 20 notes, an alliance version, 2-3 commitments and 3 pauses a session),
are generated once through the store and cached. Every path the coach takes in
a call is measured on each, in the same run, and given as the ratio of the
20-year figure to the 1-year one; the writes are also given against the floor
of replacing a 1 KB file in the same folder. Only the store's public API is
used, so the measure holds whatever the layout on disk.
"""

from __future__ import annotations

import math
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..models.wording import plural
from ..store import PracticeStore
from . import generator, measure

if TYPE_CHECKING:
    from ..models.session import Session

T = TypeVar("T")

NOTE = "Named the pattern herself: agrees in the meeting, then resents the extra work."
WEEKLY = 52  # sessions a year


def history_spec(years: int) -> generator.PracticeSpec:
    sessions = WEEKLY * years
    return generator.PracticeSpec(
        f"history-{years}y",
        clients=1,
        active=1,
        sessions=sessions,
        notes=20 * sessions,
        versions=sessions + 1,  # agreed at intake, then revised once a session
        commitments=sessions * 5 // 2,
        pauses=3 * sessions,
        years=years,
        interval_days=7,
    )


@dataclass(frozen=True)
class HistoryPlan:
    years: tuple[int, int]  # the short history, then the long one
    rounds: int  # child processes per practice for each screen measured, alternating between the two
    opens: int  # openings in each child
    writes: int  # repetitions of each write, alternating between the two practices and the floor


# 100 of each write: each is mostly two fsyncs, whose time swings with the disk; 30 left medians 0.6x-1.7x apart.
FULL = HistoryPlan((1, 20), rounds=3, opens=5, writes=100)
QUICK = HistoryPlan((1, 2), rounds=1, opens=1, writes=1)

WRITES = ("note", "check-in", "pause", "adjustment", "commitment", "session end")


@dataclass(frozen=True)
class Figure:
    key: str  # as the last line names it
    path: str
    unit: str
    short: float  # median on the short history
    long: float  # median on the long history
    target: float  # the long/short ratio allowed
    floor: float | None = None  # the 1 KB replace, for writes
    floor_target: float = 2.0

    @property
    def ratio(self) -> float:
        return self.long / self.short if self.short > 0 else math.nan

    @property
    def over_floor(self) -> float | None:
        return None if self.floor is None else self.long / self.floor

    @property
    def passed(self) -> bool:
        ok = self.ratio <= self.target
        if self.over_floor is not None:
            ok = ok and self.over_floor <= self.floor_target
        return ok


def only_client(data_dir: Path) -> str:
    store = PracticeStore(data_dir, read_only=True).open()
    try:
        (summary,) = store.summaries()
        return summary.id
    finally:
        store.close()


def session_writes(store: PracticeStore, cid: str, session: Session, times: dict[str, list[float]]) -> Session:
    """One of each write the session screen makes, each timed until it returns; the next session, started."""
    from ..models.commitments import CommitmentStatus

    number = session.number

    def timed(write: str, call: Callable[[], T]) -> T:
        started = time.perf_counter()
        value = call()
        times[write].append((time.perf_counter() - started) * 1000)
        return value

    timed("note", lambda: store.log_note(cid, NOTE, session_number=number))
    made = timed(
        "commitment", lambda: store.add_commitment(cid, "Hand the report over", by_when="Friday", session_number=number)
    )
    timed("check-in", lambda: store.check_in(cid, made.id, CommitmentStatus.DONE, note="Done", session_number=number))
    timed(
        "pause",
        lambda: store.record_pause(
            cid, target_seconds=30, actual_seconds=31.5, started=store.clock(), session_number=number
        ),
    )
    timed("adjustment", lambda: store.add_alliance_item(cid, "Feedback", "Straight feedback", session_number=number))
    timed("session end", lambda: store.end_session(cid, session.id))
    store.put_away_ended(cid)  # not timed: the app asks for it once the end is on screen, off the key's path
    return store.start_session(cid)  # not timed


def time_writes(data_dirs: tuple[Path, Path], repeats: int) -> tuple[dict[str, tuple[list[float], list[float]]], float]:
    """Each write the session screen makes, on both practices in turn, timed to its return (on disk).

    Returns, per write, the times on the short and on the long history, and
    the median floor: a 1 KB file written, fsynced, renamed and its folder
    fsynced, in the clients' folder of the long history, between the writes.
    """
    stores = [PracticeStore(d).open() for d in data_dirs]
    times: dict[str, tuple[list[float], list[float]]] = {w: ([], []) for w in WRITES}
    floors: list[float] = []
    try:
        ids = [only_client(d) for d in data_dirs]
        sessions = [s.start_session(cid) for s, cid in zip(stores, ids, strict=True)]
        for store, cid, session in zip(stores, ids, sessions, strict=True):
            store.log_note(cid, NOTE, session_number=session.number)  # the client read: not timed
        for _ in range(repeats):
            for n, (store, cid) in enumerate(zip(stores, ids, strict=True)):
                sessions[n] = session_writes(store, cid, sessions[n], {w: times[w][n] for w in WRITES})
                floors.append(measure.floor_write(stores[-1].clients_dir, b"x" * 1024) * 1000)
    finally:
        for store in stores:
            store.close()
        for leftover in (".bench-floor", ".bench-floor.tmp"):
            (stores[-1].clients_dir / leftover).unlink(missing_ok=True)
    return times, statistics.median(floors)


def run(plan: HistoryPlan, cache_dir: Path, work_dir: Path, log: Callable[[str], object] = print) -> list[Figure]:
    config_dir = work_dir / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    copies: list[Path] = []
    for years in plan.years:
        started = time.perf_counter()
        cached = generator.cached_practice(history_spec(years), cache_dir)
        copy = work_dir / f"{years}y"
        shutil.copytree(cached, copy)
        copies.append(copy)
        log(f"{years}-year practice ready in {time.perf_counter() - started:.1f} s ({copy})")
    ids = [only_client(c) for c in copies]
    log(f"bytecode of {measure.compile_package()} up to date")

    opens: tuple[list[float], list[float]] = ([], [])
    peaks: tuple[list[float], list[float]] = ([], [])
    reviews: tuple[list[float], list[float]] = ([], [])
    log("opening the session screen and the review, cold, alternating")
    for _ in range(plan.rounds):
        for n, (copy, cid) in enumerate(zip(copies, ids, strict=True)):
            opening = measure.open_session(copy, cid, plan.opens, 0, 0.0, config_dir)
            opens[n].extend(opening.times_ms)
            peaks[n].append(opening.first_open_peak_mb)
            data, _ = measure.run_child(["open-review", str(copy), cid, str(plan.opens)], config_dir)
            reviews[n].extend(float(t) for t in data["times_ms"])

    log("the session's writes, alternating with the 1 KB floor")
    writes, floor = time_writes((copies[0], copies[1]), plan.writes)

    m = statistics.median
    figures = [
        Figure(
            "session open",
            "Open the session screen, cold (key pressed on reaching the row)",
            "ms",
            m(opens[0]),
            m(opens[1]),
            1.15,
        ),
        Figure("peak memory", "Peak memory with that session open (VmHWM)", "MB", m(peaks[0]), m(peaks[1]), 1.1),
    ]
    for write in WRITES:
        short, long = writes[write]
        figures.append(Figure(write, f"Write: {write} (on disk when it returns)", "ms", m(short), m(long), 1.2, floor))
    figures.append(Figure("review", "Open the client review, cold", "ms", m(reviews[0]), m(reviews[1]), 1.5))
    return figures


def table(figures: list[Figure], years: tuple[int, int], floor: float | None) -> str:
    short, long = (plural(y, "year") for y in years)
    lines = [
        f"| Path | {short} | {long} | {years[1]}y / {years[0]}y | Target | vs 1 KB replace | Target | Result |",
        "|---|---:|---:|---:|---|---:|---|---|",
    ]
    for f in figures:
        over = "" if f.over_floor is None else f"{f.over_floor:.2f}x"
        over_target = "" if f.floor is None else f"≤ {f.floor_target:g}x"
        lines.append(
            f"| {f.path} | {f.short:.1f} {f.unit} | {f.long:.1f} {f.unit} | {f.ratio:.2f}x | ≤ {f.target:g}x "
            f"| {over} | {over_target} | {'pass' if f.passed else 'FAIL'} |"
        )
    if floor is not None:
        lines.append(f"\n1 KB file replaced (write, fsync, rename, fsync of the folder): {floor:.2f} ms median.")
    return "\n".join(lines)


def growth_line(figures: list[Figure], years: tuple[int, int]) -> str:
    by = {f.key: f.ratio for f in figures}
    return (
        f"history growth {years[1]}y/{years[0]}y: session open {by['session open']:.2f}x, "
        f"note {by['note']:.2f}x, check-in {by['check-in']:.2f}x, peak memory {by['peak memory']:.2f}x"
    )


def main(quick: bool, cache_dir: Path, output: Path | None, log: Callable[[str], object]) -> int:
    import tempfile

    plan = QUICK if quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="alliance-bench-history-") as work:
        figures = run(plan, cache_dir, Path(work), log=log)
    floor = next((f.floor for f in figures if f.floor is not None), None)
    text = table(figures, plan.years, floor)
    print(text)
    from .report import machine

    print(f"\n{machine()}; {time.perf_counter() - started:.0f} s in all.")
    if output:
        output.write_text(text + "\n")
    print(growth_line(figures, plan.years))
    return 0
