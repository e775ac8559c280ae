"""Store round trips: every write is on disk when the call returns, and reads back identical."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from alliance_tui.models.alliance import AllianceItem, RequestedBy, item
from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.coverage import AREAS
from alliance_tui.models.diff import ChangeKind, diff_versions
from alliance_tui.models.notes import NoteKind
from alliance_tui.models.record import ClientRecord
from alliance_tui.store import InvalidInput, PracticeStore, ReadOnlyPractice, UnknownRecord
from tests.conftest import FROZEN_NOW, watch_reads


class Ticking:
    """A clock that moves a minute each time it is read, so every record has its own time."""

    def __init__(self) -> None:
        self.now = FROZEN_NOW

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def ticking(data_dir: Path) -> Iterator[PracticeStore]:
    practice = PracticeStore(data_dir, clock=Ticking()).open()
    yield practice
    practice.close()


def on_disk(data_dir: Path) -> PracticeStore:
    """A second, read-only view of the same directory, built only from the files."""
    return PracticeStore(data_dir, read_only=True).open()


def reread(store: PracticeStore, client_id: str) -> ClientRecord:
    view = on_disk(store.data_dir)
    try:
        return view.record(client_id)
    finally:
        view.close()


def client_doc(store: PracticeStore, client_id: str) -> dict[str, dict[str, dict[str, object]]]:
    return json.loads((store.clients_dir / f"{client_id}.json").read_text())


# ----------------------------------------------------------------- round trips


def test_add_and_update_client_round_trip(ticking: PracticeStore) -> None:
    client = ticking.add_client(
        "  Maya Okafor ",
        pronouns="she/her",
        contact="maya@example.org",
        discovery_notes="New team lead.\nGoes quiet when she disagrees.",
        programme_sessions=6,
        think_time_seconds=45,
    )
    assert client.name == "Maya Okafor"
    assert reread(ticking, client.id).client == client
    updated = ticking.update_client(client.id, name="Maya O.", think_time_seconds=20)
    assert reread(ticking, client.id).client == updated
    archived = ticking.set_archived(client.id, True)
    assert archived.archived
    assert reread(ticking, client.id).client.archived
    view = on_disk(ticking.data_dir)
    assert [s.name for s in view.summaries()] == ["Maya O."]
    assert view.summaries(include_archived=False) == []
    view.close()


def test_alliance_versions_round_trip_and_are_never_rewritten(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana")
    first = ticking.adjust_alliance(
        client.id,
        [
            AllianceItem(category="Logistics", wording="Fortnightly, 60 minutes"),
            AllianceItem(category="Focus", wording="Delegating", requested_by=RequestedBy.CLIENT),
        ],
        reason="Agreed at intake",
    )
    before = client_doc(ticking, client.id)["versions"]
    assert len(before) == 1
    second = ticking.add_alliance_item(
        client.id, "Style and tone", "Be more direct with me", session_number=2, reason="Asked for it"
    )
    changed = [item.model_copy(update={"wording": "Weekly, 45 minutes"}) for item in second.items[:1]]
    third = ticking.adjust_alliance(
        client.id, changed + second.items[1:], reason="New job", session_number=3, full_design=True
    )
    after = client_doc(ticking, client.id)["versions"]
    # Every earlier version is byte-for-byte what it was when first written.
    assert {k: v for k, v in after.items() if k in before} == before
    assert [v.number for v in (first, second, third)] == [1, 2, 3]
    record = reread(ticking, client.id)
    assert record.versions == [first, second, third]
    assert record.current_alliance == third
    assert second.items[-1].agreed_in_session == 2
    assert second.items[-1].requested_by is RequestedBy.CLIENT
    assert record.versions[0].items[0].wording == "Fortnightly, 60 minutes"
    assert record.versions[2].full_design
    # Any two stored versions compare item by item, the ids surviving the round trip through disk.
    changes = {c.item.wording: c.kind for c in diff_versions(record.versions[0], record.versions[2])}
    assert changes == {
        "Weekly, 45 minutes": ChangeKind.REWORDED,
        "Delegating": ChangeKind.UNCHANGED,
        "Be more direct with me": ChangeKind.ADDED,
    }


def test_adjusting_with_items_of_the_current_version_copies_them(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana")
    first = ticking.adjust_alliance(client.id, [AllianceItem(category="Focus", wording="One")])
    second = ticking.adjust_alliance(client.id, first.items, reason="same words")
    with pytest.raises(ValidationError, match="frozen"):
        second.items[0].wording = "Changed in memory only"  # type: ignore[misc]
    assert [v.items[0].wording for v in ticking.record(client.id).versions] == ["One", "One"]


def test_an_adjustment_keeps_the_current_items_and_checks_only_those_given_anew(ticking: PracticeStore) -> None:
    """The agreement's own items are taken as they are; an item from elsewhere is checked like any record."""
    client = ticking.add_client("Ana")
    first = ticking.adjust_alliance(client.id, [AllianceItem(category="Focus", wording="One")])
    second = ticking.add_alliance_item(client.id, "Feedback", "Straight feedback")
    assert second.items[0] is first.items[0]  # carried over, not validated again
    unchecked = AllianceItem.model_construct(id="x" * 65, category="Focus", wording="Too long an id")
    with pytest.raises(InvalidInput):
        ticking.adjust_alliance(client.id, [*second.items, unchecked])
    assert [len(v.items) for v in ticking.record(client.id).versions] == [1, 2]


def test_sessions_round_trip_and_start_resumes_the_open_one(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana", session_minutes=50)
    session = ticking.start_session(client.id)
    assert session.number == 1 and session.planned_minutes == 50
    assert ticking.start_session(client.id) == session
    focused = ticking.update_session(client.id, session.id, focus="Prepare the board talk", success_measure="A plan")
    ended = ticking.end_session(client.id, session.id)
    assert ended.focus == focused.focus and ended.ended is not None
    second = ticking.start_session(client.id, planned_minutes=90)
    assert (second.number, second.planned_minutes) == (2, 90)
    assert reread(ticking, client.id).sessions == [ended, second]


def test_notes_commitments_and_pauses_round_trip(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana")
    session = ticking.start_session(client.id)
    note = ticking.log_note(client.id, "Lights up talking about the team", session_number=1)
    shared = ticking.log_note(
        client.id, "More challenge", kind=NoteKind.REVISIT, private=False, session_number=1, prompt="What to change?"
    )
    edited = ticking.update_note(client.id, note.id, text="Lights up about the team\n(not the role)")
    commitment = ticking.add_commitment(
        client.id, "Draft the delegation plan", by_when="Friday", how_accountable="Email me", session_number=1
    )
    pause = ticking.record_pause(
        client.id, target_seconds=30, actual_seconds=21.23456, started=FROZEN_NOW, session_number=1
    )
    ticking.end_session(client.id, session.id)
    ticking.start_session(client.id)
    checked = ticking.check_in(client.id, commitment.id, CommitmentStatus.PARTLY, note="Half done", session_number=2)
    record = reread(ticking, client.id)
    assert record.notes == [edited, shared]
    assert record.notes[0].private and not record.notes[1].private
    assert record.commitments == [checked]
    assert (checked.status, checked.checkin_note, checked.checked_in_session) == (
        CommitmentStatus.PARTLY,
        "Half done",
        2,
    )
    assert record.pauses == [pause] and pause.actual_seconds == 21.235
    assert record == ticking.record(client.id)


def test_settings_prompts_and_categories_round_trip(ticking: PracticeStore) -> None:
    ticking.update_settings(revisit_every_sessions=6, theme="nord")
    prompt = ticking.add_prompt("What should I stop doing?")
    other = ticking.add_prompt("What would great look like?")
    ticking.remove_prompt(prompt.id)
    assert ticking.add_category("  Money ") == "Money"
    with pytest.raises(InvalidInput, match="already a category"):
        ticking.add_category("feedback")
    with pytest.raises(InvalidInput, match="already a category"):
        ticking.add_category("MONEY")
    view = on_disk(ticking.data_dir)
    assert view.settings.revisit_every_sessions == 6
    assert view.settings.theme == "nord"
    assert view.settings.prompts == [other]
    assert view.categories()[-1] == "Money"
    view.close()


def test_refused_input_writes_nothing_and_keeps_memory(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana")
    note = ticking.log_note(client.id, "kept")
    path = ticking.clients_dir / f"{client.id}.json"
    before = path.read_bytes()
    with pytest.raises(InvalidInput, match="Note cannot be empty"):
        ticking.log_note(client.id, " \n ")
    with pytest.raises(InvalidInput, match="limit is 2,000"):
        ticking.update_note(client.id, note.id, text="x" * 2001)
    with pytest.raises(InvalidInput):
        ticking.update_note(client.id, note.id, id="forged")
    with pytest.raises(InvalidInput, match="Think time should be at least 5"):
        ticking.update_client(client.id, think_time_seconds=1)
    with pytest.raises(InvalidInput):
        ticking.update_settings(revisit_every_sessions=0)
    assert path.read_bytes() == before
    assert ticking.record(client.id).notes == [note]
    assert ticking.record(client.id).client.think_time_seconds == 30


def test_client_names_unique_regardless_of_case(ticking: PracticeStore) -> None:
    ana = ticking.add_client("Ana Lima")
    with pytest.raises(InvalidInput, match="already a client called Ana Lima"):
        ticking.add_client("ANA LIMA ")
    bo = ticking.add_client("Bo")
    with pytest.raises(InvalidInput, match="already a client called Ana Lima"):
        ticking.update_client(bo.id, name="ana lima")
    with pytest.raises(InvalidInput, match="already a client called Ana Lima"):
        ticking.add_client("ana   lima")
    assert ticking.update_client(ana.id, name="ANA LIMA").name == "ANA LIMA"  # renaming yourself is fine
    assert len(list(ticking.clients_dir.glob("*.json"))) == 2


def test_unknown_ids_are_refused_clearly(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana")
    for bad in ["nope", "../practice", ".lock", "a/b", "", "x\x00y"]:
        with pytest.raises(UnknownRecord, match="not in this practice"):
            ticking.record(bad)
    with pytest.raises(UnknownRecord, match="no longer in this client's file"):
        ticking.update_note(client.id, "missing", text="x")


def test_read_only_store_refuses_every_write(store: PracticeStore) -> None:
    client = store.add_client("Ana")
    view = on_disk(store.data_dir)
    writes = [
        lambda: view.add_client("Bo"),
        lambda: view.update_client(client.id, name="X"),
        lambda: view.log_note(client.id, "x"),
        lambda: view.start_session(client.id),
        lambda: view.add_commitment(client.id, "x"),
        lambda: view.adjust_alliance(client.id, []),
        lambda: view.update_settings(theme="nord"),
        lambda: view.record_pause(client.id, target_seconds=30, actual_seconds=3, started=FROZEN_NOW),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyPractice):
            write()
    view.close()
    assert store.record(client.id).notes == []


# ----------------------------------------------------------------- index and summaries


def test_summaries_follow_the_history(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana", programme_sessions=3)
    assert ticking.summary(client.id).sessions_held == 0
    session = ticking.start_session(client.id)
    ticking.add_commitment(client.id, "One", session_number=1)
    ticking.end_session(client.id, session.id)
    ticking.start_session(client.id)
    summary = ticking.summary(client.id)
    assert (summary.sessions_held, summary.open_commitments) == (2, 1)
    assert summary.last_session_at == ticking.record(client.id).sessions[-1].started
    # The calls left the index as it was: another view reads the changed file, and sees the same.
    view = on_disk(ticking.data_dir)
    assert view.summary(client.id) == summary
    assert view.is_loaded(client.id)
    view.close()
    ticking.save_index()  # the app does this every few seconds, and at close
    view = on_disk(ticking.data_dir)
    assert view.summary(client.id) == summary
    assert not view.is_loaded(client.id)
    view.close()


def test_in_call_writes_leave_the_index_alone(ticking: PracticeStore) -> None:
    client = ticking.add_client("Ana", programme_sessions=3)
    index = ticking.practice_path
    before = index.read_bytes()
    session = ticking.start_session(client.id)
    made = ticking.add_commitment(client.id, "One", session_number=session.number)
    ticking.check_in(client.id, made.id, CommitmentStatus.DONE, session_number=session.number)
    ticking.end_session(client.id, session.id)
    assert index.read_bytes() == before
    assert ticking.summary(client.id).sessions_held == 1
    ticking.save_index()
    assert index.read_bytes() != before
    saved = index.read_bytes()
    ticking.save_index()  # nothing new: not written again
    assert index.read_bytes() == saved


def test_summaries_sorted_by_name_ignoring_case(store: PracticeStore) -> None:
    for name in ["bo", "Ana", "Zoë", "carla"]:
        store.add_client(name)
    assert [s.name for s in store.summaries()] == ["Ana", "bo", "carla", "Zoë"]
    assert store.find_client(" ZOË ") is not None


def test_revisit_interval_change_refreshes_nudges(store: PracticeStore) -> None:
    client = store.add_client("Ana")
    covering = [item(area.category, f"About {area.name}") for area in AREAS]  # no coverage nudge either
    store.adjust_alliance(client.id, covering, session_number=1, full_design=True)
    for _ in range(3):
        store.end_session(client.id, store.start_session(client.id).id)

    def overdue() -> list[str]:
        return [n for n in store.summary(client.id).nudges if "since the alliance was last revisited" in n]

    assert overdue() == []  # every four sessions: session 4 is next, three after the design
    store.update_settings(revisit_every_sessions=2)
    assert overdue() == ["3 sessions since the alliance was last revisited (session 1)."]
    view = on_disk(store.data_dir)
    assert view.summary(client.id).revisit_due
    view.close()


def test_a_note_writes_only_that_clients_file(store: PracticeStore) -> None:
    ana = store.add_client("Ana")
    bo = store.add_client("Bo")
    store.log_note(bo.id, "warm up")
    files = [store.practice_path, store.clients_dir / f"{bo.id}.json"]
    stamps = {p: p.stat().st_mtime_ns for p in files}
    store.log_note(ana.id, "only Ana's file changes")
    assert {p: p.stat().st_mtime_ns for p in files} == stamps
    assert not (store.practice_path.parent / "clients" / f".{ana.id}.json.tmp").exists()


def test_opening_reads_only_the_practice_file(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with PracticeStore(data_dir, clock=Ticking()) as store:
        ids = [store.add_client(name).id for name in ("Ana", "Bo", "Carla")]
        for client_id in ids:
            store.end_session(client_id, store.start_session(client_id).id)
            store.log_note(client_id, "a note does not change the summary")
    read = watch_reads(monkeypatch)
    with PracticeStore(data_dir) as again:
        assert [s.name for s in again.summaries()] == ["Ana", "Bo", "Carla"]
        assert read == [data_dir / "practice.json"]
        assert not any(again.is_loaded(i) for i in ids)
        again.present(ids[1])  # a live session's view: the present file alone
        assert read == [data_dir / "practice.json", data_dir / "clients" / f"{ids[1]}.json"]
        again.record(ids[1])  # the whole history: each ended session's file too
        assert read[2:] == [data_dir / "clients" / ids[1] / "0001.json"]


def test_index_rebuilt_for_a_client_written_after_the_index(data_dir: Path) -> None:
    """A kill between the client's write and the index's leaves a stale index: it is repaired on open."""
    with PracticeStore(data_dir, clock=Ticking()) as store:
        client = store.add_client("Ana")
        index_before = store.practice_path.read_bytes()
        session = store.start_session(client.id)
    store.practice_path.write_bytes(index_before)  # as if the process died before the index write
    with PracticeStore(data_dir) as again:
        assert again.summary(client.id).sessions_held == 1
        assert again.record(client.id).sessions == [session]


def test_data_written_through_one_store_is_read_by_the_next(data_dir: Path) -> None:
    with PracticeStore(data_dir, clock=lambda: datetime(2026, 1, 5, 9, tzinfo=UTC)) as store:
        client = store.add_client("Ana")
        store.log_note(client.id, "[bold]kept as typed[/] ☕ مرحبا")
    with PracticeStore(data_dir) as again:
        assert again.record(client.id).notes[0].text == "[bold]kept as typed[/] ☕ مرحبا"
        assert again.record(client.id).notes[0].created == datetime(2026, 1, 5, 9, tzinfo=UTC)


def test_ending_an_ended_session_keeps_its_real_end(data_dir: Path) -> None:
    clock = Ticking()
    with PracticeStore(data_dir, clock=clock) as store:
        client = store.add_client("Ana")
        session = store.start_session(client.id)
        ended = store.end_session(client.id, session.id)
        clock.now += timedelta(hours=3)
        assert store.end_session(client.id, session.id).ended == ended.ended
    assert reread_dir(data_dir, client.id).sessions[0].ended == ended.ended


def reread_dir(data_dir: Path, client_id: str) -> ClientRecord:
    with PracticeStore(data_dir, read_only=True) as view:
        return view.record(client_id)


def test_a_read_only_view_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with PracticeStore(missing, read_only=True) as view:
        assert view.summaries() == []
        with pytest.raises(ReadOnlyPractice):
            view.add_client("Ana")
    assert not missing.exists()


def test_a_note_costs_the_same_however_big_other_clients_are(
    store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes written per note depend on that client's own file alone, never on the practice."""
    from alliance_tui.store import atomic

    small = store.add_client("Small")
    big = store.add_client("Big")
    for i in range(300):
        store.log_note(big.id, f"note {i} " + "x" * 200)
    written: list[tuple[str, int]] = []
    real = atomic.atomic_write_bytes

    def counting(path: Path, data: bytes) -> None:
        written.append((path.name, len(data)))
        real(path, data)

    monkeypatch.setattr(atomic, "atomic_write_bytes", counting)
    monkeypatch.setattr("alliance_tui.store.storage.atomic_write_bytes", counting)
    store.log_note(small.id, "one more")
    size = (store.clients_dir / f"{small.id}.json").stat().st_size
    assert written == [(f"{small.id}.json", size)]  # one write, of the small file only
    assert size < 2_000


def test_the_same_agreement_twice_in_one_version_is_refused(store: PracticeStore) -> None:
    client = store.add_client("Ana")
    item = AllianceItem(category="Focus", wording="One")
    with pytest.raises(InvalidInput, match="appears twice"):
        store.adjust_alliance(client.id, [item, item])
    assert store.record(client.id).versions == []


def test_settings_changes_from_two_threads_are_both_kept(store: PracticeStore) -> None:
    import threading

    def add(prefix: str) -> None:
        for i in range(15):
            store.add_prompt(f"{prefix} question {i}?")

    threads = [threading.Thread(target=add, args=(p,)) for p in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.settings.prompts) == 30
    with PracticeStore(store.data_dir, read_only=True) as view:
        assert len(view.settings.prompts) == 30


def test_category_message_shows_the_name_as_typed(store: PracticeStore) -> None:
    store.add_category("Coach's \\ corner")
    with pytest.raises(InvalidInput) as info:
        store.add_category("coach's \\ CORNER")
    assert info.value.message == "There is already a category called 'coach's \\ CORNER'."


def test_stray_files_in_the_clients_folder_are_not_clients(data_dir: Path) -> None:
    with PracticeStore(data_dir) as store:
        store.add_client("Ana")
    (data_dir / "clients" / "my notes.json").write_text("{}")
    (data_dir / "clients" / ".hidden.json").write_text("{}")
    (data_dir / "clients" / "README.txt").write_text("hello")
    with PracticeStore(data_dir) as again:
        assert [s.name for s in again.summaries()] == ["Ana"]
        assert again.problems == []


def test_a_lost_index_is_rebuilt_in_one_write(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from alliance_tui.store import storage

    with PracticeStore(data_dir) as store:
        for i in range(12):
            store.start_session(store.add_client(f"Client {i}").id)
    (data_dir / "practice.json").unlink()
    writes: list[str] = []
    real = storage.atomic_write_bytes

    def counting(path: Path, data: bytes) -> None:
        writes.append(path.name)
        real(path, data)

    monkeypatch.setattr(storage, "atomic_write_bytes", counting)
    with PracticeStore(data_dir) as again:
        assert len(again.summaries()) == 12
        assert all(s.sessions_held == 1 for s in again.summaries())
        assert writes == ["practice.json"]
    with PracticeStore(data_dir) as third:
        assert len(third.summaries()) == 12


def test_where_the_practice_lives(tmp_path: Path) -> None:
    from alliance_tui.store import resolve_data_dir

    env = {"ALLIANCE_TUI_DATA": str(tmp_path / "from-env"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    assert resolve_data_dir(tmp_path / "explicit", env=env) == tmp_path / "explicit"
    assert resolve_data_dir(None, env=env) == tmp_path / "from-env"
    assert resolve_data_dir("~/practice", env={}) == Path.home() / "practice"
    default = resolve_data_dir(None, env={})
    assert default.name == "alliance-tui"
    assert str(default).startswith(str(Path.home()))  # the isolated home: never the real one in tests
    assert not default.exists()  # resolving creates nothing
