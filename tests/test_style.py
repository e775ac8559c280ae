"""The coach's style and starting points: offered when an alliance is designed, never imposed."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from textual.widgets import Input

from alliance_tui.models.alliance import item
from alliance_tui.models.settings_doc import plainly_valid
from alliance_tui.models.style import offered, starting_point, style_sentences
from alliance_tui.models.undo import StyleChanged
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.store import InvalidInput, PracticeStore
from alliance_tui.store.backup import read_backup, restore_backup, write_backup
from alliance_tui.store.style import change_style, save_starting_point, set_style

from .conftest import FROZEN_NOW
from .screen_text import make_app, screen_text
from .waits import settled, toast_saying

STYLE = "I am direct and rigorously honest. I will sometimes challenge you!\nTell me if it is too much."


def test_a_style_statement_is_offered_sentence_by_sentence() -> None:
    assert style_sentences(STYLE) == [
        "I am direct and rigorously honest.",
        "I will sometimes challenge you!",
        "Tell me if it is too much.",
    ]
    assert style_sentences("  ") == []


def test_a_starting_point_keeps_the_wording_and_leaves_the_client_and_their_focus_out() -> None:
    point = starting_point(
        "  Direct,  with silence ",
        "Ana Lima",
        [
            item("Focus", "Ana's move to Lisbon"),
            item("Permissions", "Call Ana out when she hedges; LIMA asked for it"),
            item("Think time", "20 seconds of quiet"),
        ],
    )
    assert point.name == "Direct, with silence"
    assert [(d.category, d.wording) for d in point.items] == [
        ("Permissions", "Call the client out when she hedges; the client asked for it"),
        ("Think time", "20 seconds of quiet"),
    ]
    fresh = offered(point)
    assert [d.wording for d in fresh] == [d.wording for d in point.items]
    assert not {d.id for d in fresh} & {d.id for d in point.items}  # offered as new drafts each time


def test_starting_points_are_saved_by_name_and_kept_by_a_backup(store: PracticeStore, tmp_path: Path) -> None:
    ana = store.add_client("Ana Lima")
    with pytest.raises(InvalidInput, match="no agreement yet"):
        save_starting_point(store, ana.id, "Direct")
    store.adjust_alliance(ana.id, [item("Style and tone", "Blunt, please, Ana says")])
    point, replaced = save_starting_point(store, ana.id, "Direct")
    assert not replaced and point.items[0].wording == "Blunt, please, the client says"
    store.adjust_alliance(ana.id, [item("Style and tone", "Gentle first")])
    point, replaced = save_starting_point(store, ana.id, "direct")
    assert replaced and [p.name for p in store.settings.starting_points] == ["direct"]
    set_style(store, STYLE)
    # As the store writes them, they are read at start-up without pydantic (models/settings_doc.py).
    doc = orjson.loads((store.data_dir / "practice.json").read_bytes())["settings"]["1"]
    assert doc["style"] == STYLE and plainly_valid(doc)
    backup = tmp_path / "backup.json"
    write_backup(store, backup, now=FROZEN_NOW)
    restore_backup(tmp_path / "restored", read_backup(backup), now=FROZEN_NOW)
    with PracticeStore(tmp_path / "restored") as restored:
        assert restored.settings.style == STYLE
        assert restored.settings.starting_points[0].items[0].wording == "Gentle first"


async def test_a_new_client_is_offered_your_style_and_a_starting_point_to_accept_or_change(
    store: PracticeStore,
) -> None:
    ana = store.add_client("Ana Lima")
    store.adjust_alliance(ana.id, [item("Think time", "20 seconds of quiet, Ana asked")])
    save_starting_point(store, ana.id, "Quiet")
    set_style(store, STYLE)
    ben = store.add_client("Ben Okoro")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AllianceEditorScreen(ben.id))
        await settled(pilot)
        text = screen_text(app)
        assert "Your style: I am direct and rigorously honest." in text and "Does it suit this client?" in text
        assert "Drafts waiting: 3 from your style, 1 from starting point Quiet." in text
        assert "20 seconds of quiet, the client asked  (starting" in text and "point Quiet)" in text
        await pilot.press("y", "enter")  # the first offer (a sentence of your style) accepted as it is
        await pilot.press("r")  # the next (now highlighted) edited before it is accepted
        await settled(pilot)
        wording = app.screen.query_one("#wording", Input)
        assert wording.value == "I will sometimes challenge you!"
        wording.value = "Challenge me, but not in front of others"
        await pilot.press("enter", "enter", "ctrl+s")
        await settled(pilot)
    current = store.present(ben.id).current_alliance
    assert current is not None
    assert [(i.category, i.wording, i.reason) for i in current.items] == [
        ("Style and tone", "I am direct and rigorously honest.", "From your style"),
        ("Style and tone", "Challenge me, but not in front of others", "From your style"),
    ]
    assert store.present(ben.id).client.intake_drafts == ()  # offers are never kept on the client's card


def test_your_style_rewritten_is_undone_and_an_unchanged_one_writes_nothing(store: PracticeStore) -> None:
    assert change_style(store, "  I am direct.  ") == ("", "I am direct.")  # kept as cleaned
    practice = store.data_dir / "practice.json"
    written = practice.read_bytes()
    assert change_style(store, "I am direct.") is None and practice.read_bytes() == written
    store.undo(StyleChanged("Your style changed", "", "I am direct."))
    assert store.settings.style == ""
    set_style(store, STYLE)  # changed again since: the undo would throw that away, so it is refused
    with pytest.raises(InvalidInput, match="changed since"):
        store.undo(StyleChanged("Your style changed", "", "I am direct."))
    assert store.settings.style == STYLE


async def test_your_style_opens_with_the_cursor_at_the_end_is_said_and_ctrl_z_takes_it_back(
    store: PracticeStore,
) -> None:
    set_style(store, "I am direct.")
    ana = store.add_client("Ana Lima")
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.push_screen(AllianceEditorScreen(ana.id))
        await settled(pilot)
        await pilot.press("w")
        await settled(pilot)
        wording = app.screen.query_one("#wording", Input)
        assert wording.has_focus and wording.selection.is_empty  # nothing selected to be typed over
        await pilot.press(*" And kind.", "enter")  # typing adds to the statement
        await toast_saying(pilot, "✔ Your style saved")
        assert store.settings.style == "I am direct. And kind."
        await pilot.press("ctrl+z")
        await toast_saying(pilot, "Undone: your style saved")
        assert store.settings.style == "I am direct."
