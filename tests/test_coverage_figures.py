"""Coverage figures kept from one build of the present to the next: an adjustment compares only its own version."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from alliance_tui.models import coverage as coverage_module
from alliance_tui.models.alliance import item
from alliance_tui.models.present import Present
from alliance_tui.models.undo import Added
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW

CATEGORIES = ("Focus", "Feedback", "Think time", "Style and tone")


def test_repeated_adjustments_in_a_session_each_compare_one_version(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [FROZEN_NOW]
    store = PracticeStore(data_dir, clock=lambda: now[0]).open()
    client = store.add_client("Ana Lima")
    store.adjust_alliance(client.id, [item("Focus", "The move")])
    now[0] += timedelta(days=7)
    store.start_session(client.id)
    store.present(client.id)  # the figures as the session begins
    compared: list[int] = []
    original = coverage_module.changed_categories

    def counting(before: object, version: object) -> set[str]:
        compared.append(version.number)  # type: ignore[attr-defined]
        return original(before, version)  # type: ignore[arg-type]

    monkeypatch.setattr(coverage_module, "changed_categories", counting)
    for n in range(12):
        now[0] += timedelta(minutes=1)
        store.add_alliance_item(client.id, CATEGORIES[n % 4], f"Agreement {n}", session_number=1)
        store.present(client.id)
    # Each version compared once, however many times the present was built after it.
    assert sorted(compared) == sorted(set(compared)) == list(range(2, 14))
    present = store.present(client.id)
    assert present.touched == Present.of(store.record(client.id)).touched
    assert dict(present.touched) == {"Focus": 1, "Feedback": 1, "Think time": 1, "Style and tone": 1}
    store.close()


def test_a_version_taken_back_is_no_longer_counted(data_dir: Path) -> None:
    now = [FROZEN_NOW]
    store = PracticeStore(data_dir, clock=lambda: now[0]).open()
    client = store.add_client("Ana Lima")
    store.adjust_alliance(client.id, [item("Focus", "The move")])
    now[0] += timedelta(days=7)
    store.start_session(client.id)
    version = store.add_alliance_item(client.id, "Feedback", "Straight after the session", session_number=1)
    assert dict(store.present(client.id).touched)["Feedback"] == 1
    store.undo(Added("Alliance adjusted (Feedback)", client.id, "versions", version.id))
    present = store.present(client.id)
    assert "Feedback" not in dict(present.touched)
    assert present.touched == Present.of(store.record(client.id)).touched
    store.close()
