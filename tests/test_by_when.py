"""'By when' understood as a day: the words kept, the day shown, nothing refused."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_tui.exports.recap import session_recap
from alliance_tui.models.client import Client
from alliance_tui.models.commitments import Commitment, CommitmentStatus
from alliance_tui.models.dates import add_months, resolve_by_when, short_date
from alliance_tui.models.record import ClientRecord
from alliance_tui.models.session import Session
from alliance_tui.models.timeutil import local_date
from alliance_tui.screens.dashboard import short_date as row_date
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.accountability_pane import commitment_line

WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("today", date(2026, 12, 2)),
        ("Tomorrow", date(2026, 12, 3)),
        ("Friday", date(2026, 12, 4)),
        ("by Friday", date(2026, 12, 4)),
        ("fri", date(2026, 12, 4)),
        ("this Friday", date(2026, 12, 4)),
        ("Wednesday", date(2026, 12, 9)),  # said on a Wednesday: next week's
        ("Next Friday", date(2026, 12, 11)),  # the Friday of next week
        ("next Monday", date(2026, 12, 7)),
        ("in two weeks", date(2026, 12, 16)),
        ("Two weeks", date(2026, 12, 16)),
        ("in 3 days", date(2026, 12, 5)),
        ("a couple of weeks", date(2026, 12, 16)),
        ("next week", date(2026, 12, 9)),
        ("in a month", date(2027, 1, 2)),
        ("End of the month", date(2026, 12, 31)),
        ("before the end of the month", date(2026, 12, 31)),
        ("end of the week", date(2026, 12, 4)),
        ("end of the year", date(2026, 12, 31)),
        ("5 Dec", date(2026, 12, 5)),
        ("Monday, 7 December", date(2026, 12, 7)),
        ("January 15th", date(2027, 1, 15)),
        ("15 Jan 2028", date(2028, 1, 15)),
        ("2027-01-15", date(2027, 1, 15)),
        ("1 December", date(2027, 12, 1)),  # passed this year: the next one
    ],
)
def test_phrases_a_coach_types_resolve_to_the_day_meant(words: str, day: date) -> None:
    assert resolve_by_when(words, WEDNESDAY) == day


@pytest.mark.parametrize(
    "words", ["Before our next session", "Every week", "Next session", "", "   ", "31 Feb", "asap-ish", "12/5"]
)
def test_words_that_name_no_day_stay_words(words: str) -> None:
    assert resolve_by_when(words, WEDNESDAY) is None


def test_29_february_without_a_year_is_the_next_leap_day() -> None:
    assert resolve_by_when("29 February", date(2026, 12, 2)) == date(2028, 2, 29)


def test_months_end_on_the_shorter_months_last_day() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


@given(words=st.text(max_size=60), today=st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)))
def test_any_words_give_a_day_or_none_never_an_error(words: str, today: date) -> None:
    resolve_by_when(words, today)


_RELATIVE = st.sampled_from(
    ["tomorrow", "friday", "next tuesday", "in 3 weeks", "end of the month", "next month", "in two days", "sunday"]
)


@given(words=_RELATIVE, today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_relative_words_never_name_a_day_already_gone(words: str, today: date) -> None:
    day = resolve_by_when(words, today)
    assert day is not None and today <= day <= today + timedelta(days=62)


def _commitment(by_when: str, created: datetime, **extra: object) -> Commitment:
    return Commitment(what="Email the draft", by_when=by_when, created=created, session_number=3, **extra)


def test_a_commitment_keeps_the_day_it_meant_when_made_and_it_never_drifts() -> None:
    made = _commitment("Next Friday", datetime(2026, 12, 2, 9, tzinfo=UTC))
    assert made.due == date(2026, 12, 11)
    stored = made.model_dump(mode="json")
    assert stored["by_when"] == "Next Friday" and stored["due"] == "2026-12-11"
    # Read back a month later: still the day meant when it was said.
    assert Commitment.model_validate(stored).due == date(2026, 12, 11)


def test_records_written_before_dates_were_understood_get_theirs_from_when_made() -> None:
    old = _commitment("Friday", datetime(2026, 12, 2, 9, tzinfo=UTC)).model_dump(mode="json")
    del old["due"]
    assert Commitment.model_validate(old).due == date(2026, 12, 4)


def test_overdue_only_while_still_to_check_in() -> None:
    made = _commitment("tomorrow", datetime(2026, 12, 2, 9, tzinfo=UTC))
    assert not made.overdue(date(2026, 12, 3))
    assert made.overdue(date(2026, 12, 4))
    assert not made.model_copy(update={"status": CommitmentStatus.DONE}).overdue(date(2026, 12, 4))
    line = commitment_line(made, 4, today=date(2026, 12, 4))
    assert "overdue" in line.body.plain and "Thu 3 Dec" in line.body.plain
    assert "overdue" not in commitment_line(made, 4, today=date(2026, 12, 3)).body.plain


def test_the_recap_prints_the_day_beside_the_words() -> None:
    started = datetime(2026, 12, 2, 9, tzinfo=UTC)
    client = Client(name="Ada Lovelace", created=started)
    record = ClientRecord(
        client=client,
        sessions=[Session(number=3, started=started, ended=started + timedelta(minutes=50), planned_minutes=60)],
        commitments=[_commitment("Next Friday", started), _commitment("Before our next session", started)],
    )
    text = session_recap(record, 3, tz=UTC)
    assert "By when: Next Friday (Friday 11 December 2026)" in text
    assert "By when: Before our next session\n" in text  # words that name no day stay words


def test_short_dates_have_no_year_this_year() -> None:
    assert short_date(date(2026, 12, 11), WEDNESDAY) == "Fri 11 Dec"
    assert short_date(date(2027, 1, 1), WEDNESDAY) == "Fri 1 Jan 2027"


@pytest.fixture
def los_angeles() -> object:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("los_angeles")
def test_the_app_and_the_exports_name_the_same_day_across_a_time_zone_boundary() -> None:
    from alliance_tui.exports.markdown import long_date

    evening = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)  # 18:00 on 20 November in Los Angeles
    assert local_date(evening) == date(2026, 11, 20)
    assert row_date(evening) == "20 Nov 2026"
    assert long_date(evening) == "20 November 2026"


async def test_the_log_line_shows_the_day_a_commitment_is_due_while_it_is_typed(demo_store: PracticeStore) -> None:
    from alliance_tui.app import AllianceApp
    from alliance_tui.models.quicklog import EntryKind, LineKind
    from alliance_tui.widgets.quick_log import QuickLog, QuickLogInput

    from .conftest import FROZEN_NOW  # a Friday
    from .test_session_flow import FakeMonotonic, open_session
    from .waits import until

    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, monotonic=FakeMonotonic(), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        log = screen.query_one(QuickLog)
        log.choose(LineKind(EntryKind.COMMITMENT))
        label = screen.query_one("#quicklog-kind")

        def shown() -> str:
            return str(label.render())

        screen.query_one(QuickLogInput).value = "Email the draft | next Friday"
        await until(pilot, lambda: "by Fri 27 Nov" in shown(), "the due day beside the kind")
        screen.query_one(QuickLogInput).value = "Email the draft | before our next session"
        await until(pilot, lambda: "by " not in shown() and "commit" in shown(), "no day for words that name none")
