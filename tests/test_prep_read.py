"""The prep sheet reads the present and the latest ended session's file, and says what the whole record says."""

from __future__ import annotations

import pytest

from alliance_tui.exports.prep import prep_of, prep_sheet
from alliance_tui.models.contacts import since
from alliance_tui.store import PracticeStore
from alliance_tui.store.client_file import ClientFile
from tests.conftest import FROZEN_NOW, watch_reads
from tests.test_review_read import SESSIONS, practice  # noqa: F401  (the fixture)


def sheets(store: PracticeStore, client_id: str) -> tuple[str, str]:
    """The sheet from the prep read, and from the whole record."""
    every = store.settings.revisit_every_sessions
    categories = store.categories()
    narrow = prep_of(store.prep(client_id), categories=categories, today=FROZEN_NOW.date(), revisit_every=every)
    whole = store.record(client_id)
    ended = max((s.ended for s in whole.sessions if s.ended is not None), default=None)
    full = prep_sheet(
        whole,
        categories=categories,
        today=FROZEN_NOW.date(),
        revisit_every=every,
        contacts=since(whole.contacts, ended),
    )
    return narrow, full


@pytest.mark.parametrize("open_session", [True, False], ids=["session open", "between sessions"])
def test_the_prep_sheet_says_what_the_whole_record_says(
    practice: tuple[PracticeStore, str],  # noqa: F811
    open_session: bool,
) -> None:
    store, client_id = practice
    if not open_session:
        store.end_session(client_id, store.sessions(client_id)[-1].id)
        store.add_alliance_item(client_id, "Feedback", "A written recap after each call")
    narrow, full = sheets(store, client_id)
    assert narrow == full
    assert "Open commitments (1)" in narrow
    assert f"S{SESSIONS} {25 + SESSIONS} s" in narrow  # the last session's median pause
    if not open_session:  # agreed since the last session began
        assert "A written recap after each call *(new)*" in narrow


def test_the_prep_sheet_reads_only_the_latest_session_file(
    practice: tuple[PracticeStore, str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, client_id = practice
    store.end_session(client_id, store.sessions(client_id)[-1].id)
    store.put_away_ended(client_id)
    folder = store.clients_dir / client_id
    read = watch_reads(monkeypatch)
    monkeypatch.setattr(ClientFile, "load_whole", lambda self: pytest.fail("the whole record was built"))
    view = store.prep(client_id)
    assert [p.name for p in read if p.parent == folder] == [f"{SESSIONS:04d}.json"]
    assert view.record.last_session is not None and view.record.last_session.number == SESSIONS
    assert [t.session_number for t in view.pause_trend][-1] == SESSIONS
