"""Run the benchmark and print its table: medians, baselines, ratios, targets, pass or fail.

The full run measures the large practice (cached between runs) and the small
one; --quick measures the small one only, with few repeats, so CI can keep
the benchmark working without asserting any timing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..store import PracticeStore
from . import generator, measure
from .generator import LARGE, SMALL, PracticeSpec


@dataclass(frozen=True)
class Row:
    measure: str
    practice: str
    value: float
    unit: str
    baseline: str
    ratio: float | None
    target: str
    passed: bool | None  # None: reported, no target

    @property
    def verdict(self) -> str:
        return "—" if self.passed is None else ("pass" if self.passed else "FAIL")


@dataclass(frozen=True)
class Plan:
    specs: tuple[PracticeSpec, ...]
    startup_repeats: int
    open_repeats: int
    note_repeats: int
    pause_repeats: int
    pause_seconds: float
    search_repeats: int = 3


OPEN = "Open session screen (cold)"
OPEN_AGAIN = "Back to the open session (from the client list, its screen kept)"
SEARCH = "Practice-wide search, Enter to the last result shown"
SEARCH_STALL = "Longest UI stall while the practice is searched"
SEARCH_QUERY = "the"  # in most generated notes: the most hits a search can bring

# A pause clock stopped within a second is not recorded: every measured pause runs longer.
FULL = Plan((LARGE, SMALL), startup_repeats=9, open_repeats=15, note_repeats=40, pause_repeats=3, pause_seconds=1.2)
QUICK = Plan(
    (SMALL,), startup_repeats=1, open_repeats=1, note_repeats=2, pause_repeats=1, pause_seconds=1.05, search_repeats=1
)


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("alliance-tui", appauthor=False)) / "bench"


def largest_active_client(data_dir: Path) -> tuple[str, int]:
    """The active client with the biggest file: the worst case a coach meets in a session."""
    store = PracticeStore(data_dir, read_only=True).open()
    try:
        active = [s.id for s in store.summaries(include_archived=False)]
    finally:
        store.close()
    sizes = {cid: (data_dir / "clients" / f"{cid}.json").stat().st_size for cid in active}
    best = max(sizes, key=lambda cid: sizes[cid])
    return best, sizes[best]


def ratio_row(name: str, practice: str, value: float, unit: str, base: float, base_label: str, limit: float) -> Row:
    ratio = value / base if base > 0 else math.nan
    return Row(name, practice, value, unit, f"{base:.1f} {unit} {base_label}", ratio, f"≤ {limit:g}x", ratio <= limit)


def run(
    plan: Plan, cache_dir: Path, work_dir: Path, log: Callable[[str], object] = print, only: str | None = None
) -> list[Row]:
    """Every measurement of the plan (or, with only="search", the search's), on copies of the cached practices."""
    rows: list[Row] = []
    config_dir = work_dir / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    practices: dict[str, Path] = {}
    targets: dict[str, tuple[str, int]] = {}
    for spec in plan.specs:
        started = time.perf_counter()
        cached = generator.cached_practice(spec, cache_dir)
        copy = work_dir / spec.name
        shutil.copytree(cached, copy, symlinks=False)  # copy2 keeps mtimes, so the index stays trusted
        practices[spec.name] = copy
        targets[spec.name] = largest_active_client(copy)
        log(f"{spec.name} practice ready in {time.perf_counter() - started:.1f} s ({copy})")

    log(f"bytecode of {measure.compile_package()} up to date, as an installed copy has it")
    if only != "search":
        rows += measure_the_rest(plan, practices, targets, config_dir, log)
    log("searching the whole practice")
    rows += search_rows(plan, practices, config_dir)
    return rows


def measure_the_rest(
    plan: Plan,
    practices: dict[str, Path],
    targets: dict[str, tuple[str, int]],
    config_dir: Path,
    log: Callable[[str], object],
) -> list[Row]:
    """Start-up, the session screen, the pause clock and logging a note."""
    rows: list[Row] = []
    log("start-up: bare Textual and Alliance TUI, interleaved")
    starts = measure.startups(practices, plan.startup_repeats, config_dir)
    bare_s = measure.median([r.seconds for r in starts["bare"]]) * 1000
    bare_mb = measure.median([r.max_rss_mb for r in starts["bare"]])
    for spec in plan.specs:
        ours = measure.median([r.seconds for r in starts[spec.name]]) * 1000
        rows.append(ratio_row("Start-up to painted, idle dashboard", spec.name, ours, "ms", bare_s, "bare", 1.3))
    bare_cpu = measure.median([r.cpu_seconds for r in starts["bare"]]) * 1000
    for spec in plan.specs:
        ours_cpu = measure.median([r.cpu_seconds for r in starts[spec.name]]) * 1000
        rows.append(ratio_row("Start-up, CPU time of the process", spec.name, ours_cpu, "ms", bare_cpu, "bare", 1.3))
    for spec in plan.specs:
        ours_mb = measure.median([r.max_rss_mb for r in starts[spec.name]])
        rows.append(ratio_row("Peak memory at start-up (VmHWM)", spec.name, ours_mb, "MB", bare_mb, "bare", 1.5))

    log("opening the session screen; the pause clock on it")
    pause_errors: dict[str, list[float]] = {}
    for spec in plan.specs:
        client_id, size = targets[spec.name]
        opening = measure.open_session(
            practices[spec.name], client_id, plan.open_repeats, plan.pause_repeats, plan.pause_seconds, config_dir
        )
        if opening.unavailable:
            log(f"session screen not yet available: {opening.unavailable}")
            rows.append(Row(OPEN, spec.name, math.nan, "ms", "not yet available", None, "≤ 1.5x", None))
            continue
        value = measure.median(opening.times_ms)
        bare = measure.median(opening.bare_ms)
        # The baseline the target is given against (issue 15): pushing a bare screen of as many widgets.
        same = measure.median(opening.same_widgets_ms)
        rows.append(
            Row(
                OPEN,
                spec.name,
                value,
                "ms",
                f"{same:.1f} ms bare push of {opening.widgets} widgets ({bare:.1f} ms of 3); via {opening.via};"
                f" client file {size / 1e6:.2f} MB",
                value / same if same > 0 else math.nan,
                "≤ 1.5x",
                value <= 1.5 * same,
            )
        )
        cpu, same_cpu = measure.median(opening.cpu_ms), measure.median(opening.same_widgets_cpu_ms)
        rows.append(
            Row(
                OPEN + ", CPU time",
                spec.name,
                cpu,
                "ms",
                f"{same_cpu:.1f} ms bare push of {opening.widgets} widgets",
                cpu / same_cpu if same_cpu > 0 else math.nan,
                "≤ 1.5x",
                cpu <= 1.5 * same_cpu,
            )
        )
        for measure_name, times, cpu_times in ((OPEN_AGAIN, opening.return_ms, opening.return_cpu_ms),):
            if times:
                median_ms = measure.median(times)
                rows.append(
                    Row(
                        measure_name,
                        spec.name,
                        median_ms,
                        "ms",
                        f"{bare:.1f} ms bare screen push; CPU {measure.median(cpu_times):.1f} ms",
                        median_ms / bare if bare > 0 else math.nan,
                        "",
                        None,
                    )
                )
        rows.append(
            ratio_row("Peak memory, client open", spec.name, opening.first_open_peak_mb, "MB", bare_mb, "bare", 1.6)
        )
        pause_errors[spec.name] = opening.pause_errors_ms

    log("logging notes")
    note_ratios: dict[str, float] = {}
    for spec in plan.specs:
        client_id, _ = targets[spec.name]
        timing = measure.log_notes(practices[spec.name], client_id, plan.note_repeats)
        note = measure.median(timing.note_ms)
        floor = measure.median(timing.floor_ms)
        row = ratio_row(
            "Log a note (returned, fsynced)",
            spec.name,
            note,
            "ms",
            floor,
            f"floor, {timing.file_bytes / 1e6:.2f} MB file",
            3,
        )
        rows.append(row)
        note_ratios[spec.name] = row.ratio or math.nan
    if "large" in note_ratios and "small" in note_ratios:
        drift = note_ratios["large"] / note_ratios["small"]
        rows.append(
            Row(
                "Note ratio, large vs small",
                "both",
                drift,
                "x",
                f"small ratio {note_ratios['small']:.2f}x",
                drift,
                "≤ 1.2x",
                drift <= 1.2,
            )
        )

    for name, errors in pause_errors.items():
        worst = max(errors)
        how = (
            f"median {measure.median(errors):.1f} ms over {len(errors)} pauses; "
            "session screen, its key pressed twice, real monotonic clock"
        )
        rows.append(
            Row("Pause clock: recorded vs monotonic (worst)", name, worst, "ms", how, None, "≤ 20 ms", worst <= 20)
        )
    if not pause_errors:
        last = plan.specs[-1].name
        pause = measure.pause_clock(practices[last], targets[last][0], plan.pause_repeats, plan.pause_seconds)
        worst = max(pause.errors_ms)
        rows.append(
            Row(
                "Pause clock: recorded vs monotonic (worst)", last, worst, "ms", pause.how, None, "≤ 20 ms", worst <= 20
            )
        )
    return rows


def search_rows(plan: Plan, practices: dict[str, Path], config_dir: Path) -> list[Row]:
    """The practice-wide search against reading and parsing every file, and the UI's worst stall meanwhile."""
    rows: list[Row] = []
    for spec in plan.specs:
        found = measure.practice_search(practices[spec.name], SEARCH_QUERY, plan.search_repeats, config_dir)
        search, floor = measure.median(found.search_ms), measure.median(found.floor_ms)
        searched = measure.median(found.searched_floor_ms)
        how = (
            f"reading and parsing all {found.files} files ({searched:.1f} ms of it the {found.searched_files} a search"
            f" reads, {search / searched if searched > 0 else math.nan:.2f}x); {found.hits:,} hits for {SEARCH_QUERY!r}"
        )
        if spec is LARGE:  # the target is the large practice's; a small one's floor is a few ms of a fixed cost
            rows.append(ratio_row(SEARCH, spec.name, search, "ms", floor, how, 3))
        else:
            ratio = search / floor if floor > 0 else math.nan
            rows.append(Row(SEARCH, spec.name, search, "ms", f"{floor:.1f} ms {how}", ratio, "", None))
        worst = max(found.stall_ms)
        rows.append(
            Row(
                SEARCH_STALL,
                spec.name,
                worst,
                "ms",
                f"worst of {len(found.stall_ms)} searches (median {measure.median(found.stall_ms):.1f} ms); idle app, "
                f"same timer: worst {max(found.idle_stall_ms):.1f} ms",
                None,
                "≤ 50 ms",
                worst <= 50,
            )
        )
    return rows


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| Measure | Practice | Median | Baseline (same run) | Ratio | Target | Result |",
        "|---|---|---:|---|---:|---|---|",
    ]
    for r in rows:
        value = "n/a" if math.isnan(r.value) else f"{r.value:.1f} {r.unit}" if r.unit != "x" else f"{r.value:.2f}x"
        ratio = "" if r.ratio is None or math.isnan(r.ratio) else f"{r.ratio:.2f}x"
        lines.append(f"| {r.measure} | {r.practice} | {value} | {r.baseline} | {ratio} | {r.target} | {r.verdict} |")
    return "\n".join(lines)


def machine() -> str:
    return f"Python {platform.python_version()}, {platform.system()} {platform.release()}, {os.cpu_count()} CPUs"


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m alliance_tui.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small practice only, few repeats (for CI)")
    parser.add_argument(
        "--history",
        action="store_true",
        help="one client's 1-year and 20-year histories: does a live session cost the same? (--quick: 1 and 2 years)",
    )
    parser.add_argument(
        "--encryption",
        action="store_true",
        help="encryption at rest against the same practice plain: a note, a session opening, start-up (and the KDF)",
    )
    parser.add_argument(
        "--only", choices=["search"], help="only this measure (the practice-wide search), with the full repeats"
    )
    parser.add_argument("--cache-dir", type=Path, help="where generated practices are kept between runs")
    parser.add_argument("--output", type=Path, help="also write the table (Markdown) to this file")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    args = parser.parse_args(argv)
    cache_dir = args.cache_dir or default_cache_dir()
    if args.history:
        from . import history

        return history.main(args.quick, cache_dir, args.output, log=lambda m: print(m, file=sys.stderr, flush=True))
    if args.encryption:
        from . import encryption

        return encryption.main(args.quick, cache_dir, args.output, log=lambda m: print(m, file=sys.stderr, flush=True))
    plan = QUICK if args.quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="alliance-bench-work-") as work:
        rows = run(plan, cache_dir, Path(work), log=lambda m: print(m, file=sys.stderr, flush=True), only=args.only)
    text = table(rows)
    print(text)
    print(f"\n{machine()}; {time.perf_counter() - started:.0f} s in all.")
    if args.output:
        args.output.write_text(text + "\n")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2))
    return 0
