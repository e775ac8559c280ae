"""Think time in the call: one key nudges the target, recorded with the session; agreement and clock in step."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alliance_tui.models.alliance import item
from alliance_tui.models.think_time import nudged, out_of_step, reworded, seconds_in
from alliance_tui.models.trends import describe_pauses, pause_trend
from alliance_tui.models.undo import ThinkTimeChanged
from alliance_tui.store import PracticeStore
from alliance_tui.store.think_time import set_think_time
from alliance_tui.widgets.pause_clock import PauseClock
from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput
from alliance_tui.widgets.trend import chart

from .conftest import FROZEN_NOW
from .screen_text import plain_text
from .test_session_flow import make_app, open_session
from .waits import settled


def test_the_target_moves_in_five_second_steps_within_its_bounds() -> None:
    assert nudged(30, 1) == 35 and nudged(30, -1) == 25
    assert nudged(5, -1) == 5 and nudged(600, 1) == 600


def test_an_agreement_names_its_seconds_and_is_reworded_to_the_new_number() -> None:
    assert seconds_in("45 seconds of silence after a big question") == 45
    assert seconds_in("30s to think") == 30 and seconds_in("A minute of quiet") is None
    assert reworded("45 seconds of silence, watched on the clock", 40) == "40 seconds of silence, watched on the clock"
    quiet = item("Think time", "45 seconds of silence")
    assert out_of_step([item("Focus", "10 s pitch"), quiet], 40) == quiet
    assert out_of_step([quiet], 45) is None


def test_the_target_and_the_session_record_change_together_and_undo_together(data_dir: Path) -> None:
    store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
    client = store.add_client("Ana Lima", think_time_seconds=30)
    session = store.start_session(client.id)
    before_client, before_session = set_think_time(store, client.id, 25, session_id=session.id)
    assert before_client.think_time_seconds == 30 and before_session == session
    store.close()
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as again:  # on disk, both
        present = again.present(client.id)
        assert present.client.think_time_seconds == 25 and present.session.think_time_set == 25  # type: ignore[union-attr]
        again.undo(ThinkTimeChanged("Think time 25 s (was 30 s)", client.id, 30, before_session))
        present = again.present(client.id)
        assert present.client.think_time_seconds == 30 and present.session.think_time_set is None  # type: ignore[union-attr]


def test_the_trend_shows_what_was_agreed_beside_what_the_pauses_ran(store: PracticeStore) -> None:
    client = store.add_client("Ana Lima", think_time_seconds=45)
    for n, (target, actual) in enumerate(((45, 44.0), (45, 39.0), (30, 22.0)), start=1):
        session = store.start_session(client.id, started=FROZEN_NOW - timedelta(days=30 - n))
        store.record_pause(
            client.id, target_seconds=target, actual_seconds=actual, started=session.started, session_number=n
        )
        store.end_session(client.id, session.id)
    trend = pause_trend(store.record(client.id))
    assert [t.target_seconds for t in trend] == [45, 45, 30]
    assert describe_pauses(trend, 30).endswith("(agreed 45 s at S1, 30 s now).")
    drawn = plain_text(
        chart(
            [t.median_seconds for t in trend],
            ["S1", "S2", "S3"],
            unit="s",
            reference=30,
            reference_label="the agreed think time",
            targets=[t.target_seconds for t in trend],
        )
    )
    assert "44s  39s  22s" in drawn and "/45  /45  /30" in drawn


async def test_one_key_lowers_the_clock_and_offers_the_agreement_the_same_number(store: PracticeStore) -> None:
    client = store.add_client("Ana Lima", think_time_seconds=30)
    store.adjust_alliance(client.id, [item("Think time", "30 seconds of quiet before I answer")])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot, "Ana Lima")
        await pilot.press("ctrl+down")
        await settled(pilot)
        present = store.present(client.id)
        assert present.client.think_time_seconds == 25 and present.session.think_time_set == 25  # type: ignore[union-attr]
        assert screen.query_one(PauseClock).target_seconds == 25
        line = screen.query_one(QuickLog)
        assert "Think time 25 s (was 30 s)" in line.message and "Enter keeps it" in line.message
        assert screen.query_one(QuickLogInput).value == "25 seconds of quiet before I answer"
        await pilot.press("enter")  # the agreement reworded in place: one new version, the same item
        await settled(pilot)
        current = store.present(client.id).current_alliance
        assert current is not None and [i.wording for i in current.items] == ["25 seconds of quiet before I answer"]
        assert current.number == 2
        await pilot.press("ctrl+z", "ctrl+z")
        await settled(pilot)
        present = store.present(client.id)
        assert present.client.think_time_seconds == 30 and present.current_alliance.number == 1  # type: ignore[union-attr]
        assert screen.query_one(PauseClock).target_seconds == 30
