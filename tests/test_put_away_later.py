"""Ending a session is one write of the present; putting it away comes after, and nobody can tell the difference.

Every reader (the present and the client list, the review, the alliance
history, the prep sheet, the whole record, search, the recap, the hours log,
the agreement document) is asked the same questions in three states: the
session ended and still held in the present, halfway put away (its own file
written, the present not yet shrunk: a stop between the two writes), and put
away. The answers must be the same, from the store that wrote and from a new
one reading the disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from alliance_tui.exports.alliance_doc import alliance_document
from alliance_tui.exports.hours import hours_rows
from alliance_tui.exports.prep import prep_of
from alliance_tui.exports.recap import session_recap
from alliance_tui.models.alliance import item
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.contacts import Channel
from alliance_tui.models.ladder import Landing
from alliance_tui.models.notes import NoteKind
from alliance_tui.store import PracticeStore, atomic
from alliance_tui.store.contacts import contacts_since_last_session, log_contact
from alliance_tui.store.search import iter_hits
from tests.conftest import FROZEN_NOW

SESSIONS = 5


class Ticking:
    """A clock a minute on at every reading."""

    def __init__(self) -> None:
        self.minutes = 0

    def __call__(self) -> Any:
        self.minutes += 1
        return FROZEN_NOW + timedelta(minutes=self.minutes)


def opened(data_dir: Path, **kwargs: Any) -> PracticeStore:
    return PracticeStore(data_dir, clock=Ticking(), **kwargs).open()


def hold_session(store: PracticeStore, client_id: str, n: int, made: list[str]) -> str:
    """Session n with a bit of everything in it; returns its id (still open)."""
    session = store.start_session(client_id)
    store.log_note(client_id, f"kept note of session {n}", session_number=n)
    store.log_note(client_id, f"shared note of session {n}", session_number=n, private=False)
    if n % 2:
        store.log_note(client_id, f"revisit answer {n}", kind=NoteKind.REVISIT, session_number=n)
    for seconds in (20.0 + n, 31.0 + n):
        store.record_pause(
            client_id, target_seconds=30, actual_seconds=seconds, started=store.clock(), session_number=n
        )
    if made:
        status = CommitmentStatus.DONE if n % 3 else CommitmentStatus.PARTLY
        store.check_in(client_id, made.pop(), status, note=f"checked in {n}", session_number=n)
    made.append(store.add_commitment(client_id, f"commitment of session {n}", session_number=n).id)
    store.add_commitment(client_id, f"a second one of session {n}", session_number=n)
    store.add_alliance_item(client_id, "Feedback", f"agreed in session {n}", session_number=n)
    store.update_session(client_id, session.id, focus=f"focus {n}", landed=Landing.GOOD if n % 2 else Landing.GREAT)
    return session.id


@pytest.fixture
def ended(data_dir: Path) -> Iterator[tuple[PracticeStore, str]]:
    """SESSIONS sessions held, the last one just ended and not yet put away; contacts and versions between."""
    yield from build_ended(opened(data_dir))


def build_ended(store: PracticeStore) -> Iterator[tuple[PracticeStore, str]]:
    client = store.add_client("Ana Lima", contact="ana@example.org")
    store.adjust_alliance(client.id, [item("Focus", "Lead the team"), item("Logistics", "Weekly, 50 minutes")])
    made: list[str] = []
    for n in range(1, SESSIONS + 1):
        session_id = hold_session(store, client.id, n, made)
        store.end_session(client.id, session_id)
        if n < SESSIONS:
            store.put_away_ended(client.id)  # as the app does, once the end is on screen
            log_contact(store, client.id, f"a message after session {n}", channel=Channel.EMAIL)
            store.add_alliance_item(client.id, "Between sessions", f"agreed after session {n}")
    log_contact(store, client.id, "a message after the last session")
    yield store, client.id
    store.close()


def views(store: PracticeStore, client_id: str) -> dict[str, Any]:
    """What every reader says about the client."""
    every = store.settings.revisit_every_sessions
    whole = store.record(client_id)
    found: dict[str, Any] = {
        "present": store.present(client_id),
        "summary": store.summary(client_id),
        "contacts since": contacts_since_last_session(store, client_id),
        "record": whole,
        "sessions": store.sessions(client_id),
        "versions": store.versions(client_id),
        "alliance history": store.alliance_history(client_id),
        "review, all": store.review(client_id, None),
        "prep": store.prep(client_id),
        "prep sheet": prep_of(
            store.prep(client_id), categories=store.categories(), today=FROZEN_NOW.date(), revisit_every=every
        ),
        "search": [c.hits for c in iter_hits(store, "session", client_id)],
        "hours": hours_rows([whole]),
        "agreement": alliance_document(whole, with_reasons=True),
    }
    for latest in (1, 2, 3, 6):
        found[f"review, latest {latest}"] = store.review(client_id, latest)
    for n in range(1, SESSIONS + 1):
        found[f"session {n}"] = store.session_entries(client_id, n)
        found[f"recap {n}"] = session_recap(whole, n)
    return found


def differences(one: dict[str, Any], other: dict[str, Any]) -> list[str]:
    return [name for name in one if one[name] != other[name]]


def present_docs(store: PracticeStore, client_id: str) -> int:
    import orjson

    data = orjson.loads(store.client_path(client_id).read_bytes())
    return sum(len(data.get(t, {})) for t in ("sessions", "notes", "pauses", "commitments", "versions", "contacts"))


def put_away_on_disk(store: PracticeStore, client_id: str) -> bool:
    return put_away_on_disk_at(store.data_dir, client_id)


def put_away_on_disk_at(data_dir: Path, client_id: str) -> bool:
    return (data_dir / "clients" / client_id / f"{SESSIONS:04d}.json").exists()


def test_the_end_is_one_write_of_the_present(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = opened(data_dir)
    try:
        client = store.add_client("Ana Lima")
        session = store.start_session(client.id)
        store.log_note(client.id, "said", session_number=session.number)
        replaced: list[Path] = []
        real = os.replace

        def replace(source: Any, target: Any) -> None:
            real(source, target)
            replaced.append(Path(target))

        monkeypatch.setattr(atomic.os, "replace", replace)
        store.end_session(client.id, session.id)
        assert replaced == [store.client_path(client.id)]
        assert store.present(client.id).session == store.sessions(client.id)[-1]
        assert not store.present(client.id).session.is_open  # type: ignore[union-attr]
        replaced.clear()
        store.put_away_ended(client.id)  # its own file, then the present
        assert replaced == [store.client_path(client.id).with_suffix("") / "0001.json", store.client_path(client.id)]
        replaced.clear()
        store.put_away_ended(client.id)
        assert replaced == []  # nothing left to put away: nothing written
    finally:
        store.close()


def test_every_reader_sees_an_ended_session_as_if_it_were_put_away(ended: tuple[PracticeStore, str]) -> None:
    store, client_id = ended
    assert not put_away_on_disk(store, client_id)
    waiting = views(store, client_id)
    with PracticeStore(store.data_dir, read_only=True) as view:
        waiting_read = views(view, client_id)
    store.put_away_ended(client_id)
    assert put_away_on_disk(store, client_id)
    put = views(store, client_id)
    with PracticeStore(store.data_dir, read_only=True) as view:
        put_read = views(view, client_id)
    assert differences(waiting, put) == []
    assert differences(waiting_read, put) == []
    assert differences(put_read, put) == []


def test_halfway_put_away_reads_the_same_and_the_next_put_away_finishes(
    ended: tuple[PracticeStore, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's own file written, the present's write refused: a stop between the two, as every reader sees it."""
    store, client_id = ended
    waiting = views(store, client_id)
    before = present_docs(store, client_id)
    real = os.replace
    present = store.client_path(client_id)

    def refuse_the_present(source: Any, target: Any) -> None:
        if Path(target) == present:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(source, target)

    monkeypatch.setattr(atomic.os, "replace", refuse_the_present)
    store.put_away_ended(client_id)
    monkeypatch.setattr(atomic.os, "replace", real)
    assert put_away_on_disk(store, client_id) and present_docs(store, client_id) == before
    assert any("could not be moved to their own files" in p for p in store.problems)
    assert differences(views(store, client_id), waiting) == []
    with PracticeStore(store.data_dir, read_only=True) as view:
        assert differences(views(view, client_id), waiting) == []
    store.put_away_ended(client_id)
    assert present_docs(store, client_id) < before
    assert differences(views(store, client_id), waiting) == []


def test_a_new_session_begun_before_the_last_was_put_away(ended: tuple[PracticeStore, str]) -> None:
    """The next session may start while the last still waits: putting away then moves only the ended one."""
    store, client_id = ended
    made = [c.id for c in store.present(client_id).open_commitments][:1]
    session_id = hold_session(store, client_id, SESSIONS + 1, made)
    waiting = views(store, client_id)
    store.put_away_ended(client_id)
    assert put_away_on_disk(store, client_id)
    assert store.present(client_id).open_session is not None
    assert differences(views(store, client_id), waiting) == []
    store.end_session(client_id, session_id)
    both_waiting = views(store, client_id)
    store.put_away_ended(client_id)
    assert differences(views(store, client_id), both_waiting) == []


def test_a_store_closed_before_the_put_away_does_it_on_closing(data_dir: Path) -> None:
    store = opened(data_dir)
    client = store.add_client("Ana Lima")
    session = store.start_session(client.id)
    store.log_note(client.id, "said", session_number=session.number)
    store.end_session(client.id, session.id)
    store.close()
    assert (data_dir / "clients" / client.id / "0001.json").exists()
    with PracticeStore(data_dir, read_only=True) as view:
        assert [n.text for n in view.record(client.id).notes] == ["said"]


def test_a_read_only_window_reads_an_ended_session_and_moves_nothing(ended: tuple[PracticeStore, str]) -> None:
    store, client_id = ended
    waiting = views(store, client_id)
    with PracticeStore(store.data_dir) as view:  # the practice is held: this one is read-only
        assert view.read_only
        view.put_away_ended(client_id)
        view.put_away_ended()
        assert differences(views(view, client_id), waiting) == []
    assert not put_away_on_disk(store, client_id)


def test_ending_again_keeps_the_end_and_the_put_away_keeps_it_too(ended: tuple[PracticeStore, str]) -> None:
    store, client_id = ended
    last = store.sessions(client_id)[-1]
    assert store.end_session(client_id, last.id) == last
    store.put_away_ended(client_id)
    assert store.end_session(client_id, last.id) == last
    first = store.sessions(client_id)[0]
    assert store.end_session(client_id, first.id) == first  # long put away: still as it ended
    assert store.sessions(client_id)[0] == first


# ----------------------------------------------------------------- a stop at each step of the put-away


def homes(data_dir: Path, client_id: str) -> dict[str, Counter[str]]:
    """For each table, how many files hold each record: the present and every session file."""
    from alliance_tui.store.jsonfile import read_data_bytes

    present = data_dir / "clients" / f"{client_id}.json"
    found: dict[str, Counter[str]] = {}
    for path in [present, *sorted((data_dir / "clients" / client_id).glob("[0-9]*.json"))]:
        data = orjson.loads(read_data_bytes(path, path.read_bytes()))
        for table in ("sessions", "notes", "pauses", "commitments", "versions", "contacts"):
            found.setdefault(table, Counter()).update(str(d["id"]) for d in data.get(table, {}).values())
    return found


def kept_once(data_dir: Path, client_id: str) -> None:
    """Every record in one file only; an ended session's copy in the present is the one allowed twice."""
    found = homes(data_dir, client_id)
    doubled = {table: [i for i, n in ids.items() if n > 1] for table, ids in found.items()}
    assert all(not ids for table, ids in doubled.items() if table != "sessions"), doubled
    assert len(doubled["sessions"]) <= 1, doubled


BUILD = """
import os, signal, sys
from pathlib import Path
from tests.test_put_away_later import build_ended, opened

_, client_id = next(build_ended(opened(Path(sys.argv[1]))))
print(client_id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # stopped just after the end, before anything put it away
"""


def run_child(code: str, *args: object) -> subprocess.CompletedProcess[bytes]:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=False,
    )


@pytest.fixture(scope="module")
def stopped_after_the_end(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """SESSIONS sessions, the last ended and not put away: the practice of a window killed just after the end."""
    data_dir = tmp_path_factory.mktemp("stopped") / "practice"
    child = run_child(BUILD, data_dir)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    return data_dir, child.stdout.decode().strip()


def the_ended_practice(template: tuple[Path, str], data_dir: Path) -> str:
    shutil.copytree(template[0], data_dir)
    return template[1]


STEPS = 6  # the session's file: its temporary fsynced, renamed, the folder fsynced; then the present, the same


def stop_at(step: int, how: Callable[[], object]) -> Callable[..., Any]:
    """Wrap fsync and rename so that the step-th of them (counted together) does `how` instead."""
    calls = {"n": 0}

    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == step:
                how()
            return real(*args)

        return call

    return wrap


@pytest.mark.parametrize("step", range(1, STEPS + 2))
def test_a_put_away_refused_at_any_step_loses_nothing_and_doubles_nothing(
    stopped_after_the_end: tuple[Path, str], data_dir: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    client_id = the_ended_practice(stopped_after_the_end, data_dir)
    assert not put_away_on_disk_at(data_dir, client_id)
    with PracticeStore(data_dir, read_only=True) as view:
        before = views(view, client_id)
    store = opened(data_dir)
    try:
        store.present(client_id)

        def refuse() -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        wrap = stop_at(step, refuse)
        monkeypatch.setattr(atomic.os, "fsync", wrap(os.fsync))
        monkeypatch.setattr(atomic.os, "replace", wrap(os.replace))
        store.put_away_ended(client_id)
        monkeypatch.undo()
        assert differences(views(store, client_id), before) == []
        store.put_away_ended(client_id)
        assert put_away_on_disk(store, client_id)
        assert differences(views(store, client_id), before) == []
    finally:
        store.close()
    kept_once(data_dir, client_id)
    with PracticeStore(data_dir, read_only=True) as view:
        assert differences(views(view, client_id), before) == []


KILLED = """
import os, signal, sys
from alliance_tui.store import PracticeStore, atomic
from tests.test_put_away_later import stop_at

store = PracticeStore(sys.argv[1]).open()
store.present(sys.argv[2])
wrap = stop_at(int(sys.argv[3]), lambda: os.kill(os.getpid(), signal.SIGKILL))
atomic.os.fsync, atomic.os.replace = wrap(os.fsync), wrap(os.replace)
store.put_away_ended(sys.argv[2])
"""


@pytest.mark.parametrize("step", range(1, STEPS + 2))
def test_a_window_killed_at_any_step_of_the_put_away_loses_nothing_and_doubles_nothing(
    stopped_after_the_end: tuple[Path, str], data_dir: Path, step: int
) -> None:
    """SIGKILL before each fsync and rename of the put-away (the last: none, it finishes), then a new window."""
    client_id = the_ended_practice(stopped_after_the_end, data_dir)
    with PracticeStore(data_dir, read_only=True) as view:
        before = views(view, client_id)
    child = run_child(KILLED, data_dir, client_id, step)
    assert child.returncode == (-signal.SIGKILL if step <= STEPS else 0), child.stderr.decode()
    store = opened(data_dir)
    try:
        assert store.problems == []
        assert not list(data_dir.rglob("*.tmp"))  # what the kill left half-made, swept at the start
        assert differences(views(store, client_id), before) == []
        store.put_away_ended(client_id)
        assert put_away_on_disk(store, client_id)
        assert differences(views(store, client_id), before) == []
    finally:
        store.close()
    kept_once(data_dir, client_id)
