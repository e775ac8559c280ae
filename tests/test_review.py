"""The client review: everything for the two minutes before a call, read from the demo practice."""

from __future__ import annotations

from textual.containers import VerticalScroll

from alliance_tui.app import AllianceApp
from alliance_tui.models.alliance import AllianceItem
from alliance_tui.models.notes import NoteKind
from alliance_tui.models.trends import (
    describe_follow_through,
    describe_pauses,
    direction,
    follow_through_trend,
    pause_trend,
)
from alliance_tui.screens.review import ClientReviewScreen
from alliance_tui.store import PracticeStore

from .conftest import client_id
from .screen_text import make_app, screen_text
from .waits import handled


async def open_review(app: AllianceApp, cid: str, session: int | None = None) -> None:
    await app.push_screen(ClientReviewScreen(cid, session_number=session))


async def test_daniel_review_has_what_the_coach_needs_before_the_call(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")  # Daniel is first
        await handled(pilot)
        assert isinstance(app.screen, ClientReviewScreen)
        text = screen_text(app)
        assert "Daniel Reyes (he/him)   Session 4 of 12 next · last held 6 Nov 2026" in text
        assert "2 open commitments · alliance v2 · think time 30 s" in text
        assert "⚑ Time to revisit the alliance" in text
        assert "No full design of the alliance yet, and this is session 4" in text
        assert "Be more direct with me when I dodge a topic  (client)" in text
        assert "○ open         Draft a six-month transition budget" in text
        assert "made in S2 · by End of the month · Sat 31 Oct · overdue · Send a one-line email when it is done" in text
        assert "Last session: S3, 6 Nov 2026" in text
        assert "🔒 private     Energy much higher" in text
        assert "↗ shared       Daniel is going to book a portfolio review." in text
        assert "◐ partly done  checked in: Have coffee with two product designers (One coffee so far" in text
        assert "Agreed think time 30 s. Last session (S3) median 18 s: the client is taking less time" in text
        assert "28s  24s  18s" in text
        assert "1.5 of 2 commitments kept overall" in text and "100% 50%" in text
        assert "Career change from law to product design." in text
        # What the alliance covers, category by category, and the missing areas in plain words.
        assert "✓  Style and tone: designed (1), last changed in session 2" in text
        assert "○  Permissions: not yet designed" in text
        assert "Not yet designed: challenge (how hard to push" in text
        assert "Not set yet: in a session, ctrl+b opens it" in text


async def test_changes_since_the_last_session_are_marked_by_symbol_and_word(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Daniel Reyes")
    current = demo_store.record(cid).current_alliance
    assert current is not None
    logistics, _focus, between, style = current.items
    demo_store.adjust_alliance(
        cid,
        [
            logistics.model_copy(update={"wording": "Weekly video calls, 45 minutes"}),
            between.model_copy(update={"category": "Logistics"}),
            style,
            AllianceItem(category="Feedback", wording="Tell me straight, then what worked"),
        ],
        reason="Tidied after session 3",
        session_number=3,
    )
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(app, cid)
        await handled(pilot)
        text = screen_text(app)
        assert "4 changed since session 3 began, marked below." in text
        assert "~ reworded Weekly video calls, 45 minutes  (both)" in text
        assert "was: Weekly phone calls, 45 minutes" in text
        assert "> moved    A short email now and then is fine; no coaching by email" in text
        assert "moved from Between sessions" in text
        assert "+ added    Tell me straight, then what worked" in text
        assert "Removed since session 3 began" in text
        assert "− removed  Focus: Decide whether and how to leave law within six months" in text


async def test_a_client_with_no_changes_says_so(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(app, client_id(demo_store, "Sofia Lindqvist"))
        await handled(pilot)
        text = screen_text(app)
        assert "No changes since session 7 began." in text
        assert "The last 5 pauses all ran under half the agreed 45 s" in text
        assert "46s  40s  32s  20s  18s  14s  12s" in text


async def test_user_text_with_markup_is_shown_exactly_as_typed(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    demo_store.log_note(cid, "She said [bold]no[/] and [red]x", session_number=1, kind=NoteKind.NOTE)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(app, cid)
        await handled(pilot)
        assert "She said [bold]no[/] and [red]x" in screen_text(app)


async def test_opening_at_a_session_scrolls_there_and_marks_it(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, client_id(demo_store, "Priya Natarajan"), session=2)
        await handled(pilot)
        await handled(pilot)
        screen = app.screen
        target = screen.query_one("#session-2")
        assert target.has_class("found")
        body = screen.query_one("#review", VerticalScroll)
        assert body.scroll_y > 0
        assert body.region.contains_point(target.region.offset)


async def test_n_walks_through_the_sections(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, client_id(demo_store, "Daniel Reyes"))
        await handled(pilot)
        body = app.screen.query_one("#review", VerticalScroll)
        before = body.scroll_y
        await pilot.press("n")
        await handled(pilot)
        assert body.scroll_y > before


async def test_a_client_with_nothing_yet(store: PracticeStore) -> None:
    client = store.add_client("Noor Haddad")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, client.id)
        await handled(pilot)
        text = screen_text(app)
        assert "Nothing agreed yet: ctrl+g adds the first agreements." in text
        assert "No sessions yet." in text
        assert "No pauses timed yet." in text
        assert "No commitments checked in yet." in text


# --- the trends behind the charts ------------------------------------------------


def test_pause_trend_is_the_median_per_session(demo_store: PracticeStore) -> None:
    record = demo_store.record(client_id(demo_store, "Daniel Reyes"))
    trend = pause_trend(record)
    assert [(t.session_number, t.median_seconds, t.count) for t in trend] == [
        (1, 28.25, 2),
        (2, 24.1, 3),
        (3, 17.75, 2),
    ]
    assert direction([t.median_seconds for t in trend]) == "down"
    assert "taking less time than before" in describe_pauses(trend, 30)


def test_follow_through_counts_partly_done_as_half(demo_store: PracticeStore) -> None:
    record = demo_store.record(client_id(demo_store, "Priya Natarajan"))
    trend = follow_through_trend(record)
    assert [(t.session_number, t.kept, t.checked) for t in trend] == [
        (2, 1.0, 1),
        (3, 0.5, 1),
        (4, 0.0, 1),
        (5, 1.0, 1),
        (6, 1.0, 1),
        (7, 0.5, 1),
    ]
    assert describe_follow_through(trend).startswith("4 of 6 commitments kept overall")


def test_direction_edges() -> None:
    assert direction([]) == "steady"
    assert direction([10]) == "steady"
    assert direction([10, 10.5]) == "steady"
    assert direction([10, 20]) == "up"
    assert direction([0, 0]) == "steady"
    assert direction([0, 1]) == "up"


async def test_long_histories_show_the_latest_sessions_and_the_rest_on_request(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    priya = client_id(demo_store, "Priya Natarajan")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(app, priya)
        await handled(pilot)
        assert "The latest 6 of 7 sessions (o shows them all)" in screen_text(app)
        assert not app.screen.query("#session-1")
        await pilot.press("o")
        await handled(pilot)
        assert app.screen.query("#session-1")
        assert "Every session, newest first" in screen_text(app)
        await pilot.press("escape")
        await open_review(app, priya, session=1)  # a search result in an old session still opens there
        await handled(pilot)
        await handled(pilot)
        assert app.screen.query_one("#session-1").has_class("found")


async def test_coming_back_from_the_history_keeps_the_place_and_shows_edits(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    cid = client_id(demo_store, "Daniel Reyes")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, cid)
        await handled(pilot)
        await pilot.press("n", "n", "n")
        await handled(pilot)
        body = app.screen.query_one("#review", VerticalScroll)
        where = body.scroll_y
        assert where > 0
        await pilot.press("h")
        await handled(pilot)
        current = demo_store.record(cid).current_alliance
        assert current is not None
        demo_store.adjust_alliance(cid, current.items[1:], reason="Logistics moved to the contract")
        await pilot.press("escape")
        await handled(pilot)
        await handled(pilot)
        assert isinstance(app.screen, ClientReviewScreen)
        assert app.screen.query_one("#review", VerticalScroll).scroll_y == where
        assert "alliance v3" in screen_text(app)


async def test_a_wide_terminal_puts_the_story_so_far_beside_the_agreement(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_review(app, client_id(demo_store, "Daniel Reyes"))
        await handled(pilot)
        columns = app.screen.query_one("#columns")
        assert columns.has_class("wide")
        main, side = app.screen.query_one("#main-column"), app.screen.query_one("#side-column")
        assert side.region.x > main.region.x and side.region.y == main.region.y
        assert app.screen.query_one("#pause-trend").region.y < 48  # the trend is visible without scrolling
        await pilot.resize_terminal(100, 30)
        await handled(pilot)
        assert not columns.has_class("wide")
