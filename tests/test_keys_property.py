"""Whatever is typed, from wherever focus is, nothing is written that the coach did not see and cannot take back.

Hypothesis drives the dashboard and the session screen with short sequences
of printable keys, Enter, Esc, Tab and pastes, starting from every place focus
can be. After each step: every change on disk was announced on screen; no
alliance version, commitment or shared note was written except by Enter in
the log line while it showed that kind; and after each sequence ctrl+z, as
many times as there were writes, gives back records identical to the start.

One app serves many sequences (each sequence is undone before the next), and
each step waits only until the app has handled it (waits.handled), never for a
quiet processor, so 2,000 sequences take minutes, not an hour (measured: see
the constants below).
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.session import SessionScreen, forget_session_screen, show_session_screen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.accountability_pane import AccountabilityPane
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput
from alliance_tui.widgets.revisit_pane import RevisitPane

from .conftest import FROZEN_NOW
from .screen_text import plain_text
from .waits import handled

# Each sequence costs about 0.2 s of processor time in the session and a little less on the list, all
# of it the app's own work (measured on 2 busy CPUs). The everyday run drives 300 sequences;
# ALLIANCE_TUI_KEY_SEQUENCES asks for more (2000 gives 1,200 in the session and 800 on the list: about
# 350 s of processor time in all).
SEQUENCES_PER_EXAMPLE = 20
_SEQUENCES = int(os.environ.get("ALLIANCE_TUI_KEY_SEQUENCES", "300"))
SESSION_EXAMPLES = max(1, _SEQUENCES * 3 // 5 // SEQUENCES_PER_EXAMPLE)
DASHBOARD_EXAMPLES = max(1, _SEQUENCES * 2 // 5 // SEQUENCES_PER_EXAMPLE)

# Letters that are keys somewhere (d p n x f, digits, +, a/c/s prefixes), spaces, colons and bars.
PRINTABLE = st.sampled_from([*"dpnxfDPNXF0123456789+acsltegh :|", "a: ", "c: ", "s: ", "A: "])
PASTE = st.text(alphabet=st.sampled_from(list("ab: |\x1b\x13\x07\n\t[]")), min_size=1, max_size=12)
STEP = st.one_of(
    PRINTABLE.map(lambda text: ("type", text)),
    st.sampled_from([("key", "enter"), ("key", "escape"), ("key", "tab")]),
    PASTE.map(lambda text: ("paste", text)),
)
SEQUENCE = st.lists(STEP, min_size=1, max_size=6)
SESSION_FOCUS = [
    "log",
    "commitments",
    "prompts",
    "session-focus",
    "session-success_measure",
    "answer",
    "own-question",
    "checkin-note",
]
DASHBOARD_FOCUS = ["clients", "filter"]

KIND_MARK = {"versions": "± adjust", "commitments": "✚ commit", "shared": "◉ SHARED"}


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


def state(store: PracticeStore, client_id: str) -> dict[str, Any]:
    """What the coach's records hold for this client, plus the practice's own questions."""
    record = store.record(client_id).model_dump(mode="json")
    record.pop("client", None)
    return {"record": record, "prompts": [p.model_dump(mode="json") for p in store.settings.prompts]}


def written(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """Which kinds of record a step added: versions, commitments, shared notes, anything."""
    kinds = set()
    for table in ("versions", "commitments"):
        if len(after["record"][table]) > len(before["record"][table]):
            kinds.add(table)
    shared_before = {n["id"] for n in before["record"]["notes"] if not n["private"]}
    if any(not n["private"] and n["id"] not in shared_before for n in after["record"]["notes"]):
        kinds.add("shared")
    return kinds


def line_label(screen: SessionScreen) -> str:
    return plain_text(screen.query_one("#quicklog-kind").render())  # type: ignore[arg-type]


def line_message(screen: SessionScreen) -> str:
    return plain_text(screen.query_one("#quicklog-message").render())  # type: ignore[arg-type]


async def put_focus(screen: SessionScreen, pilot: Pilot[None], where: str) -> None:
    """Focus where a coach could have left it."""
    if where == "log":
        screen.set_focus(screen.query_one(QuickLogInput))
    elif where == "commitments":
        screen.query_one(AccountabilityPane).focus_list()
    elif where == "prompts":
        screen.query_one(RevisitPane).focus_list()
    elif where in ("session-focus", "session-success_measure"):
        screen.set_focus(screen.query_one(f"#{where}", Input))
    elif where == "answer":
        screen.query_one(RevisitPane).ask(1)
    elif where == "own-question":
        screen.query_one(RevisitPane).action_own_prompt()
    elif where == "checkin-note":
        pane = screen.query_one(AccountabilityPane)
        pane.focus_list()
        pane.action_note()  # opens only for a commitment checked in today: else focus stays on the list


KEY_NAMES = {" ": "space", ":": "colon", "|": "vertical_line", "+": "plus"}


def post_keys(app: Any, keys: list[tuple[str, str | None]]) -> None:
    """Keys as the terminal sends them, all at once (as a burst of typing does); handled in order."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def do(pilot: Pilot[None], step: tuple[str, str]) -> None:
    """One step, then one wait until the app has handled it: pressing key by key waits twice per key."""
    how, what = step
    app = pilot.app
    if how == "type":
        post_keys(app, [(KEY_NAMES.get(c, c), c) for c in what])
    elif how == "key":
        post_keys(app, [(what, None)])
    else:
        (app.focused or app.screen).post_message(events.Paste(what))
    await handled(pilot)


async def back_to_session(app: AllianceApp, pilot: Pilot[None], client_id: str) -> SessionScreen:
    """Esc may have left the screen (or Enter opened a dialog over it): back to it, as the coach would."""
    while not isinstance(app.screen, SessionScreen) and len(app.screen_stack) > 1:
        app.pop_screen()
        await handled(pilot)
    if not isinstance(app.screen, SessionScreen):
        show_session_screen(app, client_id)
        await handled(pilot)
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def clear_fields(screen: SessionScreen, pilot: Pilot[None]) -> None:
    """Words left in a field from one sequence would be saved by the next one's leaving: a fresh start."""
    for box in screen.query(Input):
        name = (box.id or "").removeprefix("session-")
        # Today's focus saves itself on leaving the field: it gets back what is saved, never a change.
        box.value = getattr(screen.session, name, "") if box.id and box.id.startswith("session-") else ""
    screen.query_one(QuickLog).reset_kind()
    revisit = screen.query_one(RevisitPane)
    if revisit.busy:
        revisit.action_cancel()
        await handled(pilot)
    pane = screen.query_one(AccountabilityPane)
    if pane.check_action("cancel_note", ()):
        pane.action_cancel_note()
        await handled(pilot)


@settings(
    max_examples=SESSION_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    runs=st.lists(
        st.tuples(st.sampled_from(SESSION_FOCUS), SEQUENCE),
        min_size=SEQUENCES_PER_EXAMPLE,
        max_size=SEQUENCES_PER_EXAMPLE,
    )
)
async def test_typing_anywhere_in_a_session_writes_only_what_was_shown_and_undoes_whole(
    demo_store: PracticeStore, runs: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    summary = demo_store.find_client("Daniel Reyes")
    assert summary is not None
    client_id = summary.id
    start = state(demo_store, client_id)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        show_session_screen(app, client_id)
        await handled(pilot)
        for where, sequence in runs:
            screen = await back_to_session(app, pilot, client_id)
            await clear_fields(screen, pilot)
            await put_focus(screen, pilot, where)
            for step in sequence:
                screen = await back_to_session(app, pilot, client_id)
                before = state(demo_store, client_id)
                steps_before = len(screen.undo_stack)
                label = line_label(screen)
                in_line = isinstance(app.focused, QuickLogInput)
                await do(pilot, step)
                after = state(demo_store, client_id)
                if after == before:
                    continue
                # Announced: a step kept for ctrl+z, and named in the line the coach reads.
                assert len(screen.undo_stack) > steps_before, (where, sequence, step)
                newest = screen.undo_stack.newest()
                assert newest is not None and newest.label in line_message(screen), (where, sequence, step)
                for kind in written(before, after):
                    assert step == ("key", "enter") and in_line, (kind, where, sequence, step)
                    assert KIND_MARK[kind] in label, (kind, label, where, sequence, step)
            screen = await back_to_session(app, pilot, client_id)
            await clear_fields(screen, pilot)
            for _ in range(len(screen.undo_stack) + 3):  # a field left may save once more as focus moves
                if not screen.undo_stack:
                    break
                post_keys(app, [("ctrl+z", None)] * len(screen.undo_stack))
                await handled(pilot)
            assert not screen.undo_stack
            assert state(demo_store, client_id) == start, (where, sequence)
        forget_session_screen(app, client_id)
    with PracticeStore(demo_store.data_dir, clock=lambda: FROZEN_NOW) as again:  # and so it is on disk
        assert state(again, client_id) == start


@settings(
    max_examples=DASHBOARD_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    runs=st.lists(
        st.tuples(st.sampled_from(DASHBOARD_FOCUS), SEQUENCE),
        min_size=SEQUENCES_PER_EXAMPLE,
        max_size=SEQUENCES_PER_EXAMPLE,
    )
)
async def test_typing_on_the_client_list_writes_nothing(
    demo_store: PracticeStore, runs: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    """The client list writes nothing by typing: names filter it, Enter opens a review, Esc clears."""
    ids = [s.id for s in demo_store.summaries()]
    start = {cid: state(demo_store, cid) for cid in ids}
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        for where, sequence in runs:
            while not isinstance(app.screen, DashboardScreen):
                app.pop_screen()
                await handled(pilot)
            dashboard = app.screen
            dashboard.query_one("#filter", Input).value = ""
            dashboard.set_focus(dashboard.query_one(f"#{where}"))
            for step in sequence:
                if not isinstance(app.screen, DashboardScreen):
                    break  # Enter opened the review: that screen's own keys are not the list's
                await do(pilot, step)
                assert not any(isinstance(s, SessionScreen) for s in app.screen_stack), (where, sequence, step)
            assert {cid: state(demo_store, cid) for cid in ids} == start, (where, sequence)
