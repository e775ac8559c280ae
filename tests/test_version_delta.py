"""Alliance versions stored as what changed come back whole, exactly, and compare as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_tui.models.alliance import AllianceItem, AllianceVersion, RequestedBy
from alliance_tui.models.diff import ChangeKind, diff_versions
from alliance_tui.models.version_delta import apply, compact_doc, diff, expand_all
from alliance_tui.store import CLIENT_SCHEMA_VERSION, ClientUnavailable, PracticeStore

IDS = [f"item{n}" for n in range(8)]
START = datetime(2020, 1, 6, 9, tzinfo=UTC)

items = st.builds(
    AllianceItem,
    id=st.sampled_from(IDS),
    category=st.sampled_from(["Focus", "Feedback", "Think time", "A coach's own [bold]"]),
    wording=st.sampled_from(["Ask before advising", "Silence is fine", "Name it when stuck", "[red]x[/red]"]),
    requested_by=st.sampled_from(list(RequestedBy)),
    agreed_in_session=st.one_of(st.none(), st.integers(1, 40)),
    reason=st.sampled_from(["", "She asked for it", "Tried it in session 3"]),
)
item_lists = st.lists(items, max_size=8, unique_by=lambda i: i.id)


@given(before=item_lists, after=item_lists)
def test_applying_the_delta_gives_exactly_the_items_after(
    before: list[AllianceItem], after: list[AllianceItem]
) -> None:
    delta = diff(before, after)
    assert apply(before, delta) == after
    assert [i.id for i in apply(before, delta)] == [i.id for i in after]
    unchanged = [i for i in after if i in before]
    assert not set(map(id, delta.changed)) & set(map(id, unchanged))  # only what changed is stored


@settings(max_examples=60)
@given(histories=st.lists(item_lists, min_size=1, max_size=6), reasons=st.lists(st.text(max_size=30), min_size=6))
def test_a_history_stored_compactly_expands_to_every_version_whole(
    histories: list[list[AllianceItem]], reasons: list[str]
) -> None:
    versions = [
        AllianceVersion(
            number=n,
            created=START + timedelta(days=7 * n),
            session_number=n if n % 2 else None,
            reason=reasons[n - 1].strip(),
            full_design=n == 1,
            items=items_now,
        )
        for n, items_now in enumerate(histories, start=1)
    ]
    docs = [compact_doc(versions[n - 1] if n else None, v) for n, v in enumerate(versions)]
    expanded = expand_all(docs)
    assert expanded == versions
    for old, new in zip([None, *versions], versions, strict=False):
        shown = [None, *expanded][versions.index(new)]
        assert diff_versions(shown, expanded[versions.index(new)]) == diff_versions(old, new)


def test_a_full_copy_written_before_reads_as_it_was() -> None:
    first = AllianceVersion(number=1, created=START, items=[AllianceItem(category="Focus", wording="One thing")])
    second = AllianceVersion(number=2, created=START + timedelta(days=7), items=[*first.items])
    docs = [first.model_dump(mode="json"), compact_doc(first, second)]
    assert expand_all(docs) == [first, second]
    assert docs[1]["delta"] == {}  # nothing changed: nothing stored but the version's own fields


# ----------------------------------------------------------------- in a client's file


def test_a_file_of_full_copies_opens_takes_a_compact_version_and_is_marked_newer(store: PracticeStore) -> None:
    """A client's file as the previous release wrote it: full copies, schema 1."""
    client = store.add_client("Ana Lima")
    first = AllianceVersion(
        number=1,
        created=START,
        reason="Agreed at intake",
        items=[
            AllianceItem(category="Focus", wording="Delegating"),
            AllianceItem(category="Feedback", wording="Blunt"),
        ],
    )
    path = store.clients_dir / f"{client.id}.json"
    old = orjson.loads(path.read_bytes())
    old["_meta"]["1"]["schema"] = 1
    old["versions"] = {"1": first.model_dump(mode="json")}
    store.release(client.id)
    path.write_bytes(orjson.dumps(old))
    store.close()

    with PracticeStore(store.data_dir) as reopened:
        assert reopened.record(client.id).versions == [first]
        second = reopened.add_alliance_item(client.id, "Think time", "Silence [b]is[/b] fine", session_number=1)
        disk = orjson.loads(path.read_bytes())
        assert disk["_meta"]["1"]["schema"] == CLIENT_SCHEMA_VERSION
        assert disk["versions"]["1"] == old["versions"]["1"]  # the earlier version is not rewritten
        assert disk["versions"]["2"]["delta"] == {"changed": [second.items[-1].model_dump(mode="json")]}
    with PracticeStore(store.data_dir, read_only=True) as view:
        assert view.record(client.id).versions == [first, second]
        assert diff_versions(first, view.record(client.id).versions[1])[-1].kind is ChangeKind.ADDED


def test_a_version_that_does_not_follow_from_the_one_before_is_named_not_a_traceback(store: PracticeStore) -> None:
    client = store.add_client("Ana Lima")
    store.add_alliance_item(client.id, "Focus", "Delegating")
    path = store.clients_dir / f"{client.id}.json"
    disk = orjson.loads(path.read_bytes())
    disk["versions"]["1"]["delta"]["order"] = ["no-such-item"]
    store.release(client.id)
    path.write_bytes(orjson.dumps(disk))
    with pytest.raises(ClientUnavailable, match="does not follow from the one before it") as info:
        store.record(client.id)
    assert str(path) in info.value.message
