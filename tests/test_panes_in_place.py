"""Data given to a pane while it is being taken off the screen is dropped, never a crash.

A session screen hands each pane its data through `data_bind` whenever the
screen's own data changes, and that can happen while the screen is being
taken off (a client erased, the app quitting as a screen opens). A pane's
children leave before the pane itself does: for a moment the pane is still
mounted and attached, with nothing inside it to draw on.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from alliance_tui.models.notes import Note
from alliance_tui.widgets.accountability_pane import AccountabilityPane, AccountabilityView
from alliance_tui.widgets.agreement_pane import AgreementPane, AgreementView
from alliance_tui.widgets.quick_log import QuickLog
from alliance_tui.widgets.revisit_pane import RevisitPane, RevisitView
from alliance_tui.widgets.today_log import TodayLog

from .conftest import FROZEN_NOW
from .waits import handled

# Each pane, the reactive its screen binds, and a value it has not drawn yet.
LATE_DATA: list[tuple[type[Widget], str, Any]] = [
    (AgreementPane, "view", AgreementView(saved={"focus": "a late focus"})),
    (RevisitPane, "view", RevisitView(lead="a late lead")),
    (AccountabilityPane, "view", AccountabilityView(session_number=7)),
    (TodayLog, "notes", (Note(text="a late note", created=FROZEN_NOW),)),
    (QuickLog, "categories", ("Focus", "A late category")),
]


@pytest.mark.parametrize(("pane_type", "name", "value"), LATE_DATA, ids=[t.__name__ for t, _, _ in LATE_DATA])
async def test_data_given_as_a_pane_leaves_is_dropped_without_a_crash(
    pane_type: type[Widget], name: str, value: Any
) -> None:
    seen: list[int] = []  # how many children the pane had when its data came

    def on_unmount(pane: Widget) -> None:
        seen.append(len(pane.children))
        setattr(pane, name, value)  # what the bound screen does when its data changes now

    leaving = type(f"Leaving{pane_type.__name__}", (pane_type,), {"on_unmount": on_unmount})

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            with Vertical(id="holder"):
                yield leaving(id="pane")

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one("#pane")
        assert pane.children  # drawn with its parts in place
        await app.query_one("#holder").remove()
        await handled(pilot)
        assert not app.query("#pane")
    # run_test re-raises anything a handler raised: reaching here means no crash.
    assert seen == [0]  # the data came when the pane's parts were already gone
