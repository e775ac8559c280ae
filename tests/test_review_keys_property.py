"""Whatever is typed on a client's review, nothing is written: ordinary typing in the wrong place stays harmless.

A coach who believes they are typing in the session's log line may be on the
review. Hypothesis types sequences of printable characters (the review's old
single-letter keys among them), Enter, Esc and Tab, starting on a client's
review. After every step no screen made for writing is open (the session, the
editor, the client's details, the renewal, the intake import, the erasure,
the sending sheet) and the contact line is closed; after every sequence every
file of the practice, its exports folder included, holds the bytes it held,
and nothing was copied to the clipboard.

One app serves many sequences (the review is put back between them), and each
step waits once for the app to be idle, so the run stays a few seconds.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from alliance_tui.app import AllianceApp
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.history import AllianceHistoryScreen
from alliance_tui.screens.prep import PrepScreen
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.screens.review_story import SESSIONS_SHOWN
from alliance_tui.screens.search import SearchScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.contact_line import ContactLine

from .conftest import FROZEN_NOW
from .waits import settled, until

# Screens that only show: anything else on the stack is a flow the coach did not ask for.
SHOWING = (DashboardScreen, ClientReviewScreen, AllianceHistoryScreen, PrepScreen, SearchScreen)
CLIENTS = ["Daniel Reyes", "Maya Okafor", "Priya Natarajan", "Sofia Lindqvist", "Tom Becker"]

# Each sequence costs about a third of a second of CPU, most of it the review drawn again after a step left it.
# The everyday run types 60 sequences; ALLIANCE_TUI_KEY_SEQUENCES (as for test_keys_property) asks for more.
SEQUENCES_PER_EXAMPLE = 20
EXAMPLES = max(1, int(os.environ.get("ALLIANCE_TUI_KEY_SEQUENCES", "300")) // 5 // SEQUENCES_PER_EXAMPLE)

OLD_KEYS = list("sheocrdfpkqiwXnSHEOCRDFPKQIWxN")  # the review's single-letter keys, before and after
TYPED = st.one_of(
    st.sampled_from(OLD_KEYS),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=12),
    st.sampled_from(["so he said ", "I'll write it down", "été", "q?", "X: "]),
)
# Mostly words, as a coach typing a sentence does; Enter where a line would be saved, now and then Esc or Tab.
STEP = st.one_of(
    TYPED.map(lambda text: ("type", text)),
    TYPED.map(lambda text: ("type", text)),
    st.sampled_from([("key", "enter"), ("key", "enter"), ("key", "escape"), ("key", "tab")]),
)
SEQUENCE = st.lists(STEP, min_size=1, max_size=6)


def key_name(character: str) -> str:
    """The key a terminal reports for a character, as Textual names it ('?' -> 'question_mark')."""
    if character.isalnum():
        return character
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


def files(folder: Path) -> dict[str, bytes]:
    """Every file of the practice (its exports folder too), as bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """The files added, removed or rewritten with other bytes."""
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


async def do(pilot: Pilot[None], step: tuple[str, str]) -> None:
    """One step, posted as the terminal sends it (a burst of typing at once), then one wait until idle."""
    how, what = step
    app = pilot.app
    if how == "type":
        for character in what:
            app.post_message(events.Key(key_name(character), character))
    else:
        app.post_message(events.Key(what, None))
    await pilot.pause()


def nothing_opened_for_writing(app: AllianceApp) -> str | None:
    """What is open that writes, if anything: a screen made for writing, or the contact line."""
    for screen in app.screen_stack:
        if type(screen) is Screen:
            continue  # Textual's own default screen, under the dashboard
        if not isinstance(screen, SHOWING):
            return type(screen).__name__
        if isinstance(screen, ClientReviewScreen) and screen.query_one(ContactLine).is_open:
            return "the contact line"
    return None


async def back_to_review(app: AllianceApp, pilot: Pilot[None], client_id: str) -> ClientReviewScreen:
    """The client's review straight over the list, focus on its body, as a coach would come back to it."""
    on_top = app.screen
    if isinstance(on_top, ClientReviewScreen) and on_top.client_id == client_id and len(app.screen_stack) == 3:
        on_top.query_one("#review").focus()
        await pilot.pause()
        return on_top
    while not isinstance(app.screen, DashboardScreen):
        app.pop_screen()
        await pilot.pause()
    app.screen.query_one("#filter", Input).value = ""
    review = ClientReviewScreen(client_id)
    app.push_screen(review)
    await until(pilot, lambda: review.query("#head"), "the review drawn")
    return review


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    runs=st.lists(
        st.tuples(st.sampled_from(CLIENTS), SEQUENCE),
        min_size=SEQUENCES_PER_EXAMPLE,
        max_size=SEQUENCES_PER_EXAMPLE,
    )
)
async def test_typing_on_a_review_writes_nothing_and_opens_nothing_that_writes(
    demo_store: PracticeStore, runs: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    ids = {s.name: s.id for s in demo_store.summaries(include_archived=True)}
    for name in CLIENTS:  # read once first: the digest of the history a review keeps beside the sessions is kept now
        demo_store.review(ids[name], SESSIONS_SHOWN)
    demo_store.save_index()  # and the client list's lines it refreshed
    start = files(demo_store.data_dir)
    assert "exports" not in {Path(p).parts[0] for p in start}
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for name, sequence in runs:
            await back_to_review(app, pilot, ids[name])
            for step in sequence:
                await do(pilot, step)
                opened = nothing_opened_for_writing(app)
                assert opened is None, (name, sequence, step, opened)
            await settled(pilot)
            now = files(demo_store.data_dir)
            assert not changed(start, now), (name, sequence, changed(start, now))
            assert app.clipboard == "", (name, sequence)
