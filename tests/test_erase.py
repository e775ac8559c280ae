"""Erasing a client: every record goes, on the coach's typed confirmation, and the coach is told what went."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.screens.erase import EraseClientScreen
from alliance_tui.store import InvalidInput, PracticeStore, ReadOnlyPractice
from alliance_tui.store.backup import read_backup, take_automatic_backup
from alliance_tui.store.erase import ErasureReport, erase_client
from alliance_tui.store.export_files import client_exports_dir, exports_dir, write_export

from .conftest import FROZEN_NOW
from .waits import handled


def files_mentioning(root: Path, *needles: str) -> list[str]:
    """grep -ril over every file under root, backups included."""
    hits = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            content = (Path(dirpath) / name).read_bytes().decode("utf-8", errors="replace").casefold()
            if any(n.casefold() in content for n in needles):
                hits.append(str((Path(dirpath) / name).relative_to(root)))
    return hits


def _id(store: PracticeStore, name: str) -> str:
    found = store.find_client(name)
    assert found is not None
    return found.id


def _spread_everywhere(store: PracticeStore, client_id: str) -> None:
    """Give the client exports and copies in two automatic backups, as real use would."""
    from datetime import timedelta

    name = store.summary(client_id).name
    take_automatic_backup(store.data_dir, now=FROZEN_NOW - timedelta(days=1))
    store.log_note(client_id, "A note after the first backup")
    take_automatic_backup(store.data_dir, now=FROZEN_NOW)
    write_export(client_exports_dir(store.data_dir, client_id, name), "session-01-recap.md", f"# {name}\n")
    write_export(exports_dir(store.data_dir), "hours-log.csv", f"Client name\n{name}\nSomeone Else\n")


def test_after_an_erase_the_name_appears_nowhere_in_the_data_directory(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    _spread_everywhere(demo_store, maya)
    assert len(files_mentioning(demo_store.data_dir, "Maya Okafor")) >= 6

    report = erase_client(demo_store, maya, "  maya   OKAFOR ")

    assert files_mentioning(demo_store.data_dir, "Maya Okafor", "Okafor", maya) == []
    assert report.name == "Maya Okafor" and report.file_removed
    assert report.record_counts["session"] == 1 and report.backups_pruned == 2 and report.exports_removed == 2
    assert report.still_mentioned == []
    assert "Erased Maya Okafor" in report.text and "2 automatic backups" in report.text
    assert "alliance-tui backup" in report.text  # says plainly what it cannot reach
    # Gone from the running practice, and from a fresh open.
    assert demo_store.find_client("Maya Okafor") is None
    demo_store.close()
    with PracticeStore(demo_store.data_dir, read_only=True) as again:
        assert [s.name for s in again.summaries()] == [
            "Daniel Reyes",
            "Priya Natarajan",
            "Sofia Lindqvist",
            "Tom Becker",
        ]
        assert again.problems == []


def test_erase_leaves_everyone_else_intact_including_in_backups(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    daniel = _id(demo_store, "Daniel Reyes")
    _spread_everywhere(demo_store, maya)
    before = demo_store.record(daniel).model_dump()
    erase_client(demo_store, maya, "Maya Okafor")
    assert demo_store.record(daniel).model_dump() == before
    for snapshot in (demo_store.data_dir / "backups").iterdir():
        names = {r.client.name for r in read_backup(snapshot).clients}
        assert names == {"Daniel Reyes", "Priya Natarajan", "Sofia Lindqvist", "Tom Becker"}
    assert (exports_dir(demo_store.data_dir)).exists()


def test_erase_clears_half_made_restores_and_snapshots(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    source = demo_store.clients_dir / f"{maya}.json"
    for leftover in (demo_store.data_dir / ".restore-999" / "clients", demo_store.data_dir / "backups" / ".x.partial"):
        leftover.mkdir(parents=True)
        (leftover / source.name).write_bytes(source.read_bytes())
    erase_client(demo_store, maya, "Maya Okafor")
    assert files_mentioning(demo_store.data_dir, "Maya Okafor") == []


def test_a_name_with_quotes_is_found_and_erased_everywhere(demo_store: PracticeStore) -> None:
    name = 'Zoë "Z" O\'Neil-[bold]'
    client = demo_store.add_client(name, contact="zoe@example.org")
    demo_store.log_note(client.id, f"{name} said hello", private=False)
    take_automatic_backup(demo_store.data_dir, now=FROZEN_NOW)
    daniel = _id(demo_store, "Daniel Reyes")
    demo_store.log_note(daniel, f"Met {name} at the offsite")
    report = erase_client(demo_store, client.id, name)
    assert report.still_mentioned == [f"Daniel Reyes's file (clients/{daniel}.json)"]
    escaped = 'Zoë \\"Z\\" O\'Neil'
    assert files_mentioning(demo_store.data_dir, escaped, "zoe@example.org", client.id) == [f"clients/{daniel}.json"]


def test_a_wrong_name_erases_nothing(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    before = files_mentioning(demo_store.data_dir, "Maya Okafor")
    with pytest.raises(InvalidInput, match="type the client's name exactly: Maya Okafor"):
        erase_client(demo_store, maya, "Maya")
    assert files_mentioning(demo_store.data_dir, "Maya Okafor") == before
    assert demo_store.find_client("Maya Okafor") is not None


def test_erase_says_where_the_name_still_appears_without_touching_other_clients(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    daniel = _id(demo_store, "Daniel Reyes")
    demo_store.log_note(daniel, "Referred by Maya Okafor")
    report = erase_client(demo_store, maya, "Maya Okafor")
    assert report.still_mentioned == [f"Daniel Reyes's file (clients/{daniel}.json)"]
    assert "still appears in: Daniel Reyes's file" in report.text
    assert any(n.text == "Referred by Maya Okafor" for n in demo_store.record(daniel).notes)


def test_erase_is_refused_in_a_read_only_window(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    with PracticeStore(demo_store.data_dir) as second:
        assert second.read_only
        with pytest.raises(ReadOnlyPractice):
            erase_client(second, maya, "Maya Okafor")
    assert (demo_store.clients_dir / f"{maya}.json").exists()


def test_a_client_whose_file_is_damaged_can_still_be_erased(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    demo_store.close()
    (demo_store.data_dir / "clients" / f"{maya}.json").write_text('{"broken": Maya Okafor')
    with PracticeStore(demo_store.data_dir) as practice:
        report = erase_client(practice, maya, "Maya Okafor")
        assert report.file_removed and report.record_counts == {}
    assert files_mentioning(demo_store.data_dir, "Maya Okafor") == []


# ----------------------------------------------------------------- the modal


def _app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


async def test_the_modal_erases_only_after_the_name_is_typed(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    results: list[ErasureReport | None] = []
    app = _app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        app.push_screen(EraseClientScreen(maya), results.append)
        await handled(pilot)
        modal = app.screen
        assert isinstance(modal, EraseClientScreen)
        body = str(modal.query_one("#erase-body").render())
        assert "every record of Maya Okafor" in body and "archive them instead" in body
        confirm = modal.query_one("#erase-confirm")
        assert confirm.disabled
        await pilot.press(*"Maya")
        await pilot.press("enter")  # a partial name: refused inline, nothing erased
        await handled(pilot)
        assert "type the client's name exactly" in str(modal.query_one("#erase-message").render())
        assert (demo_store.clients_dir / f"{maya}.json").exists()
        await pilot.press(*" Okafor")
        await handled(pilot)
        assert not confirm.disabled
        await pilot.click("#erase-confirm")
        await handled(pilot)
        assert "Maya Okafor has been erased" in str(modal.query_one("#erase-title").render())
        assert "Their file (1 session" in str(modal.query_one("#erase-body").render())
        await pilot.press("escape")
        await handled(pilot)
    assert len(results) == 1 and results[0] is not None and results[0].name == "Maya Okafor"
    assert not (demo_store.clients_dir / f"{maya}.json").exists()
    assert files_mentioning(demo_store.data_dir, "Maya Okafor") == []


async def test_escape_closes_the_modal_without_erasing(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    results: list[ErasureReport | None] = []
    app = _app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        app.push_screen(EraseClientScreen(maya), results.append)
        await handled(pilot)
        await pilot.press(*"Maya Okafor")
        await pilot.press("escape")
        await handled(pilot)
    assert results == [None]
    assert demo_store.find_client("Maya Okafor") is not None


async def test_the_modal_offers_archiving_instead(demo_store: PracticeStore) -> None:
    maya = _id(demo_store, "Maya Okafor")
    results: list[ErasureReport | None] = []
    app = _app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        app.push_screen(EraseClientScreen(maya), results.append)
        await handled(pilot)
        await pilot.click("#erase-archive")
        await handled(pilot)
    assert results == [None]
    demo_store.close()
    with PracticeStore(demo_store.data_dir, read_only=True) as again:
        assert again.record(maya).client.archived
        assert len(again.record(maya).sessions) == 1


async def test_erasing_from_the_client_review_returns_to_the_practice(demo_store: PracticeStore) -> None:
    from alliance_tui.screens.review import ClientReviewScreen

    maya = _id(demo_store, "Maya Okafor")
    app = _app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        review = ClientReviewScreen(maya)
        await app.push_screen(review)
        await handled(pilot)
        await pilot.press("ctrl+x")
        await handled(pilot)
        assert isinstance(app.screen, EraseClientScreen)
        await pilot.press(*"Maya Okafor", "enter")
        await handled(pilot)
        await pilot.press("escape")
        await handled(pilot)
        assert review not in app.screen_stack
        assert not isinstance(app.screen, EraseClientScreen)
    assert demo_store.find_client("Maya Okafor") is None
    assert files_mentioning(demo_store.data_dir, "Maya Okafor") == []
