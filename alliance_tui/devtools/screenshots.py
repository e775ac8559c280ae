"""`python -m alliance_tui.devtools.screenshots [DIR]`: SVG screenshots of the real app on the demo practice.

Each picture starts from a fresh demo practice at a fixed moment, drives the
app the way a coach would (keys, through Textual's Pilot) at 120x36, and saves
what the terminal shows. A screen that is missing or fails is skipped with a
message; the others are still made.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from ..app import AllianceApp
from ..store import PracticeStore, StoreError

SIZE = (120, 36)
# A fixed moment, so the dates in the pictures never drift between runs.
SHOT_TIME = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
DEFAULT_DIR = Path("screenshots")


class Skip(Exception):
    """This picture cannot be made with the screens that exist; say why."""


class HandClock:
    """A monotonic clock moved by hand, so the pause clock stops exactly where we want."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


Driver = Callable[[AllianceApp, Pilot[None], HandClock], Awaitable[None]]


@dataclass(frozen=True)
class Shot:
    name: str  # file name without .svg
    title: str
    drive: Driver


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    for _ in range(rounds):
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()


async def press_binding(app: AllianceApp, pilot: Pilot[None], binding_id: str) -> None:
    """Press whatever key the binding with this id has on the current screen."""
    for key, active in app.screen.active_bindings.items():
        if active.binding.id == binding_id:
            await pilot.press(key)
            await settle(pilot)
            return
    raise Skip(f"no key with id {binding_id!r} on {type(app.screen).__name__}")


def require_screen(app: AllianceApp, class_name: str) -> None:
    if type(app.screen).__name__ != class_name:
        raise Skip(f"{class_name} did not open (the screen showing is {type(app.screen).__name__})")


async def open_demo_client(app: AllianceApp, pilot: Pilot[None], name: str, where: str) -> str:
    """The demo client of that name opened on their review or session screen; their id (Skip if the demo lacks them)."""
    client = app.store.find_client(name)
    if client is None:
        raise Skip(f"the demo has no {name}")
    if where == "session":
        app.open_session(client.id)
    else:
        app.open_review(client.id)
    await settle(pilot)
    return client.id


def pick(store: PracticeStore, score: Callable[[PracticeStore, str], float]) -> str:
    """The active client that shows a screen off best, by `score`."""
    active = [s for s in store.summaries(include_archived=False) if not s.problem]
    if not active:
        raise Skip("the demo practice has no active client")
    return max(active, key=lambda s: (score(store, s.id), s.name)).id


def _review_score(store: PracticeStore, client_id: str) -> float:
    summary = store.summary(client_id)
    return (10 if summary.revisit_due else 0) + summary.open_commitments + summary.sessions_held / 100


def _session_score(store: PracticeStore, client_id: str) -> float:
    record = store.record(client_id)
    return len(record.open_commitments) * 10 + len(record.pauses)


def _history_score(store: PracticeStore, client_id: str) -> float:
    return len(store.record(client_id).versions)


# ----------------------------------------------------------------- the pictures


async def shot_dashboard(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    require_screen(app, "DashboardScreen")
    await app.workers.wait_for_complete()  # the calendar, read off the screen's thread: the next call on top
    await settle(pilot)


async def shot_intake(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    """Maya's filled intake form read from her review, then its answers as drafts in the alliance editor."""
    await open_demo_client(app, pilot, "Maya Okafor", "review")
    await press_binding(app, pilot, "review.import_intake")
    await pilot.press("enter")
    await settle(pilot)
    await press_binding(app, pilot, "intake_import.apply")
    await press_binding(app, pilot, "review.edit")
    require_screen(app, "AllianceEditorScreen")
    await pilot.press("end", "up", "up")
    await press_binding(app, pilot, "editor.accept_draft")
    await pilot.press("enter", "end")


async def shot_prep(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    app.open_review(pick(app.store, _review_score))
    await settle(pilot)
    await press_binding(app, pilot, "review.prep")
    require_screen(app, "PrepScreen")


async def shot_review(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    app.open_review(pick(app.store, _review_score))
    await settle(pilot)
    require_screen(app, "ClientReviewScreen")


async def shot_session(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    client_id = pick(app.store, _session_score)
    app.open_session(client_id)
    await settle(pilot)
    require_screen(app, "SessionScreen")
    # The check-in at the start of the session (its first entry), with the keys the coach uses.
    await press_binding(app, pilot, "session.checkin")
    statuses = ["checkin.done", "checkin.partly", "checkin.done", "checkin.not_done"]
    for binding_id in statuses[: len(app.store.record(client_id).open_commitments)]:
        before = len(app.store.record(client_id).open_commitments)
        try:
            await press_binding(app, pilot, binding_id)
        except Skip:
            break
        if len(app.store.record(client_id).open_commitments) >= before:
            break
    # Mid-pause: started, then the hand clock moves just past the halfway mark.
    await press_binding(app, pilot, "session.pause")
    target = app.store.record(client_id).client.think_time_seconds
    clock.now += target * 0.6
    await pilot.pause(0.6)  # the clock redraws a few times a second
    await settle(pilot)


async def shot_history(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    client_id = pick(app.store, _history_score)
    try:
        from ..screens.history import AllianceHistoryScreen
    except ImportError as exc:
        raise Skip("the alliance history screen is not in this build") from exc
    await app.push_screen(AllianceHistoryScreen(client_id))
    await settle(pilot)
    require_screen(app, "AllianceHistoryScreen")


async def shot_revisit(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    """Priya's revisit, left half-way in the demo, resumed from the renewal screen and taken a step on."""
    await open_demo_client(app, pilot, "Priya Natarajan", "review")
    await press_binding(app, pilot, "review.renew")
    require_screen(app, "RenewalScreen")
    await press_binding(app, pilot, "renewal.revisit")
    require_screen(app, "RevisitScreen")
    await press_binding(app, pilot, "revisit_walk.change")
    await pilot.press("ctrl+u", *"A sustainable week, a team she trusts, and a successor in sight", "enter")
    await settle(pilot)


async def shot_renewal(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    """Priya's renewal from her review: how it went, the next programme, the alliance against the first's start."""
    await open_demo_client(app, pilot, "Priya Natarajan", "review")
    await press_binding(app, pilot, "review.renew")
    require_screen(app, "RenewalScreen")
    await pilot.press(*"A sustainable week most weeks; the team runs Mondays", "tab", "ctrl+u", "6")
    await pilot.press("tab", *"Succession: a studio that runs without her")
    await settle(pilot)


async def shot_ladder(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    """Priya's session: the success ladder in the log line (ctrl+b), then today marked great (ctrl+b twice more)."""
    await open_demo_client(app, pilot, "Priya Natarajan", "session")
    require_screen(app, "SessionScreen")
    for _ in range(3):
        await press_binding(app, pilot, "session.ladder")


async def shot_coverage(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    """Daniel's review at what the alliance covers: designed, not yet designed, and the areas an assessor asks about."""
    await open_demo_client(app, pilot, "Daniel Reyes", "review")
    require_screen(app, "ClientReviewScreen")
    from ..screens.review import ClientReviewScreen

    assert isinstance(app.screen, ClientReviewScreen)
    app.screen.scroll_to_anchor("coverage")
    await settle(pilot)


async def shot_style(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    """Daniel's alliance editor before a first full design: the coach's style as a prompt and as drafts."""
    await open_demo_client(app, pilot, "Daniel Reyes", "review")
    await press_binding(app, pilot, "review.edit")
    require_screen(app, "AllianceEditorScreen")
    await press_binding(app, pilot, "editor.full_design")
    await pilot.press("end", "up", "up")
    await settle(pilot)


async def shot_help(app: AllianceApp, pilot: Pilot[None], clock: HandClock) -> None:
    await shot_session(app, pilot, clock)
    await press_binding(app, pilot, "app.help")
    require_screen(app, "HelpScreen")


SHOTS = (
    Shot("dashboard", "Alliance TUI: the practice at a glance", shot_dashboard),
    Shot("client-review", "Alliance TUI: preparing for a session", shot_review),
    Shot("session", "Alliance TUI: in session, mid-pause, check-ins done", shot_session),
    Shot("alliance-history", "Alliance TUI: how the alliance changed", shot_history),
    Shot("help", "Alliance TUI: F1 lists every key of the screen", shot_help),
    Shot("prep-sheet", "Alliance TUI: the two minutes before a call", shot_prep),
    Shot("intake-drafts", "Alliance TUI: the intake's answers as drafts, accepted or skipped", shot_intake),
    Shot("revisit-walk", "Alliance TUI: a revisit that decides, resumed where it was left", shot_revisit),
    Shot("renewal", "Alliance TUI: closing one programme and opening the next", shot_renewal),
    Shot("success-ladder", "Alliance TUI: where today landed on the client's success ladder", shot_ladder),
    Shot("coverage", "Alliance TUI: what the alliance covers, and what it never designed", shot_coverage),
    Shot("style-offers", "Alliance TUI: your style offered at a first full design", shot_style),
)


async def take(shot: Shot, out_dir: Path, work_dir: Path) -> Path:
    """Make one picture from a fresh demo practice; raises Skip when it cannot."""
    from ..demo import build_demo, write_demo_files

    store = build_demo(work_dir / shot.name / "practice", now=SHOT_TIME)
    calendar = write_demo_files(store, SHOT_TIME)
    clock = HandClock()
    try:
        app = AllianceApp(
            store,
            demo=True,
            clock=lambda: SHOT_TIME,
            monotonic=clock,
            cursor_blink=False,
            config_file=work_dir / "no-config.toml",  # the coach's own keymap never leaks in
            calendar=calendar,
        )
        app.animation_level = "none"
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await shot.drive(app, pilot, clock)
            await settle(pilot)
            svg = app.export_screenshot(title=shot.title)
    finally:
        store.close()
    path = out_dir / f"{shot.name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


async def take_all(out_dir: Path, only: Sequence[str] = ()) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    made = 0
    with tempfile.TemporaryDirectory(prefix="alliance-tui-shots-") as work:
        for shot in SHOTS:
            if only and shot.name not in only:
                continue
            try:
                path = await take(shot, out_dir, Path(work))
            except Skip as why:
                print(f"skipped {shot.name}: {why}", file=sys.stderr)
            except (StoreError, Exception) as exc:  # one broken screen must not stop the others
                print(f"skipped {shot.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            else:
                made += 1
                print(f"wrote {path}")
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m alliance_tui.devtools.screenshots",
        description="SVG screenshots of the real app on the demo practice, at 120x36.",
    )
    parser.add_argument("dir", nargs="?", default=str(DEFAULT_DIR), help="where to write them (default: screenshots)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="one picture by name; repeatable")
    args = parser.parse_args(argv)
    made = asyncio.run(take_all(Path(args.dir), args.only))
    wanted = len(args.only) if args.only else len(SHOTS)
    print(f"{made} of {wanted} screenshots made in {args.dir}")
    return 0 if made == wanted else 1


if __name__ == "__main__":
    raise SystemExit(main())
