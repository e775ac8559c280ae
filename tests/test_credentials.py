"""Running totals toward ACC, PCC and MCC: pro bono counts toward the total, not the paid part."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alliance_tui.models.credentials import credential_progress, hours_summary, next_credential
from alliance_tui.store import PracticeStore


def test_a_new_coach_works_toward_acc() -> None:
    progress = next_credential(40.0, 10.0)
    assert progress is not None
    assert progress.line == "ACC: 50.00 of 100 hours, 40.00 of 75 paid"


def test_pro_bono_hours_do_not_make_up_the_paid_minimum() -> None:
    acc = credential_progress(70.0, 60.0)[0]
    assert acc.hours == 130.0 and not acc.met  # 100 hours reached, 75 paid not
    assert next_credential(80.0, 60.0) is not None and next_credential(80.0, 60.0).credential.name == "PCC"


def test_every_credential_met() -> None:
    assert next_credential(2250.0, 250.0) is None
    assert hours_summary(40, 2600, 2250.0, 250.0).endswith("ACC, PCC and MCC hours all met")


def test_the_export_sentence_counts_in_words() -> None:
    assert hours_summary(1, 1, 1.0, 0.0) == (
        "1 client, 1 session: 1.00 paid and 0.00 pro bono hours. ACC: 1.00 of 100 hours, 1.00 of 75 paid"
    )


@given(paid=st.floats(0, 5000), free=st.floats(0, 5000))
def test_a_credential_met_stays_met_with_more_hours(paid: float, free: float) -> None:
    before = [p.met for p in credential_progress(paid, free)]
    after = [p.met for p in credential_progress(paid + 1, free + 1)]
    assert all(a or not b for b, a in zip(before, after, strict=True))
    assert before == sorted(before, reverse=True)  # a higher credential is never met before a lower one


def test_the_dashboard_line_sums_every_clients_hours_toward_the_next_credential() -> None:
    from alliance_tui.models.summary import ClientSummary
    from alliance_tui.screens.dashboard import credential_line

    paid = ClientSummary(id="a", name="Ada", hours_held=60.0)
    free = ClientSummary(id="b", name="Bo", hours_held=30.0, pro_bono=True, archived=True)
    broken = ClientSummary(id="c", name="Cy", hours_held=500.0, problem="cannot be read")
    assert credential_line([]) == ""
    assert credential_line([paid, free, broken]) == "ICF hours toward ACC: 90.00 of 100 hours, 60.00 of 75 paid"
    again = ClientSummary.from_index(paid.to_index())
    assert (again.hours_held, again.pro_bono) == (60.0, False)


def test_the_index_keeps_each_clients_hours_as_the_hours_log_counts_them(demo_store: PracticeStore) -> None:
    from alliance_tui.exports.hours import hours_rows

    summaries = demo_store.summaries(include_archived=True)
    records = [demo_store.record(s.id) for s in summaries]
    counted = {r.name: r.hours for r in hours_rows(records, anonymise=True)}
    by_name = {s.name: round(s.hours_held, 2) for s in summaries if s.hours_held}
    assert sorted(by_name.values()) == sorted(round(h, 2) for h in counted.values())
