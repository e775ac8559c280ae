"""Pictures of the screens a coach uses before a call: demo data, frozen clock, no cursor blink."""

from __future__ import annotations

from collections.abc import Callable

from alliance_tui.app import AllianceApp
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


def test_dashboard_snapshot(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), press=["down", "down"])


def test_dashboard_snapshot_80x24_with_archived(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), press=["ctrl+t"])


def test_review_snapshot(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), press=["down", "down", "down", "enter"])


def test_review_snapshot_80x24(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), press=["enter"])


def test_history_snapshot(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), press=["down", "down", "ctrl+r"])


def test_history_side_by_side_snapshot(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(160, 48), press=["down", "down", "ctrl+r", "v"])


def test_review_snapshot_160x48_two_columns(demo_store: PracticeStore, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(160, 48), press=["down", "down", "enter"])
