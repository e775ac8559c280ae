"""A three-hour session, a note a minute and a pause every few minutes: the store's cost stays flat.

Measured deterministically: how many files each action writes, how many bytes,
and how much memory the process keeps. How long a write takes is the
benchmark's to measure.
"""

from __future__ import annotations

import itertools
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from alliance_tui.store import PracticeStore, atomic, storage
from tests.conftest import FROZEN_NOW

MINUTES = 180


class Clock:
    def __init__(self) -> None:
        self.now = FROZEN_NOW

    def __call__(self) -> datetime:
        return self.now


def test_three_hour_session_costs_stay_flat(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    store = PracticeStore(data_dir, clock=clock).open()
    for name in ("Ana", "Bo", "Carla", "Dev"):
        store.add_client(name)
    client = store.add_client("Long Session")
    session = store.start_session(client.id)

    writes: list[tuple[str, int]] = []
    real = atomic.atomic_write_bytes

    def counting(path: Path, data: bytes) -> None:
        writes.append((path.name, len(data)))
        real(path, data)

    monkeypatch.setattr(storage, "atomic_write_bytes", counting)

    per_action: list[list[tuple[str, int]]] = []
    summary_changed: list[int] = []
    tracemalloc.start()
    try:
        baseline = 0
        for minute in range(1, MINUTES + 1):
            clock.now = FROZEN_NOW + timedelta(minutes=minute)
            before = store.summary(client.id)
            writes.clear()
            store.log_note(client.id, f"Minute {minute}: the client talked about delegation again. " * 2)
            if minute % 4 == 0:
                store.record_pause(
                    client.id,
                    target_seconds=30,
                    actual_seconds=30 - minute / 10,
                    started=clock.now,
                    session_number=session.number,
                )
            per_action.append(list(writes))
            if store.summary(client.id) != before:
                summary_changed.append(minute)
            if minute == 20:
                baseline = tracemalloc.get_traced_memory()[0]
        grown = tracemalloc.get_traced_memory()[0] - baseline
    finally:
        tracemalloc.stop()
        store.close()

    client_file = f"{client.id}.json"
    # Each note (and pause) writes the client's own file once; nothing else is touched during the session.
    # Not even the index when the summary changed (here: the think-time nudge appeared): save_index does that.
    index_writes = [m for m, w in enumerate(per_action, start=1) if any(name == "practice.json" for name, _ in w)]
    assert index_writes == [] and summary_changed, (index_writes, summary_changed)
    client_writes = [[size for name, size in w if name == client_file] for w in per_action]
    assert all(len(w) == (2 if m % 4 == 0 else 1) for m, w in enumerate(client_writes, start=1))
    assert all(name in (client_file, "practice.json") for w in per_action for name, _ in w)
    # Bytes per write grow only with this client's own history: about one note's worth each minute.
    sizes = [w[-1] for w in client_writes]
    steps = [b - a for a, b in itertools.pairwise(sizes)]
    assert max(steps) < 1_200
    assert sizes[-1] < 200_000
    # Memory kept: the records themselves and no more (well under 8 KB a minute).
    assert grown < (MINUTES - 20) * 8_000, grown
    print(f"file {sizes[-1]:,} B; kept {grown:,} B")

    with PracticeStore(data_dir, read_only=True) as view:
        record = view.record(client.id)
        assert len(record.notes) == MINUTES
        assert len(record.pauses) == MINUTES // 4
