"""The alliance history reads the versions and sessions, never every session's notes nor the whole record."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_tui.store import PracticeStore
from alliance_tui.store.client_file import ClientFile
from alliance_tui.store.paths import HISTORY_DIGEST
from tests.conftest import watch_reads
from tests.test_review_read import SESSIONS, practice  # noqa: F401  (the fixture)


def test_the_history_shows_every_version_and_session_the_whole_record_has(
    practice: tuple[PracticeStore, str],  # noqa: F811
) -> None:
    store, client_id = practice
    history = store.alliance_history(client_id)
    whole = store.record(client_id)
    assert history.versions == whole.versions
    assert history.sessions == whole.sessions
    assert [history.session_of(v) for v in history.versions] == [whole.session_of(v) for v in whole.versions]
    assert history.notes == [] and history.pauses == []


def test_the_history_reads_no_session_file_once_the_digest_holds_them(
    practice: tuple[PracticeStore, str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, client_id = practice
    folder = store.clients_dir / client_id
    (folder / HISTORY_DIGEST).unlink(missing_ok=True)
    store.alliance_history(client_id)  # the digest written
    read = watch_reads(monkeypatch)
    monkeypatch.setattr(ClientFile, "load_whole", lambda self: pytest.fail("the whole record was built"))
    history = store.alliance_history(client_id)
    assert [p.name for p in read if p.parent == folder] == [HISTORY_DIGEST]
    assert len(history.sessions) == SESSIONS


def test_a_digest_kept_before_it_held_versions_is_read_again(
    practice: tuple[PracticeStore, str],  # noqa: F811
) -> None:
    import orjson

    store, client_id = practice
    whole = store.record(client_id)
    digest: Path = store.clients_dir / client_id / HISTORY_DIGEST
    store.alliance_history(client_id)
    data = orjson.loads(digest.read_bytes())
    for entry in data["files"].values():
        del entry["versions"]
    digest.write_bytes(orjson.dumps(data))
    assert store.alliance_history(client_id).versions == whole.versions
    assert all("versions" in e for e in orjson.loads(digest.read_bytes())["files"].values())


def test_an_edited_version_file_reaches_the_history(practice: tuple[PracticeStore, str]) -> None:  # noqa: F811
    store, client_id = practice
    store.alliance_history(client_id)
    store.add_alliance_item(client_id, "Feedback", "Weekly written recap")
    assert store.alliance_history(client_id).versions == store.record(client_id).versions
