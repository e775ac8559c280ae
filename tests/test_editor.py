"""The alliance editor: add, reword, recategorise, remove, each with a reason; one save, one version."""

from __future__ import annotations

from textual.widgets import Input, Select

from alliance_tui.models.alliance import RequestedBy
from alliance_tui.models.diff import ChangeKind, diff_versions
from alliance_tui.models.nudges import NudgeKind, revisit_nudges
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW, client_id
from .screen_text import make_app, screen_text
from .waits import handled, toast_saying


async def test_one_save_is_one_new_version_with_every_change_and_reason(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Daniel Reyes")
    before = len(demo_store.record(cid).versions)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        # Reword the first item (Logistics).
        await pilot.press("r")
        wording = app.screen.query_one("#wording", Input)
        assert wording.has_focus and wording.value == "Weekly phone calls, 45 minutes"
        wording.value = "Weekly video calls, 45 minutes"
        await pilot.press("enter")  # to the reason
        app.screen.query_one("#reason", Input).value = "He moved abroad"
        await pilot.press("enter")
        # Remove the second (Focus).
        await pilot.press("down", "d")
        app.screen.query_one("#reason", Input).value = "Decided: he is leaving"
        await pilot.press("enter")
        # Add a new one.
        await pilot.press("a")
        app.screen.query_one("#wording", Input).value = "Tell me when I intellectualise"
        app.screen.query_one("#asked-by", Select).value = RequestedBy.COACH
        await pilot.press("enter")
        app.screen.query_one("#reason", Input).value = "He asked for it"
        await pilot.press("enter")
        text = screen_text(app)
        assert "3 unsaved changes → ctrl+s saves version 3" in text
        assert "~ reworded Logistics: Weekly video calls, 45 minutes" in text
        assert "− removed  Focus: Decide whether and how to leave law within six months" in text
        assert "why: Decided: he is leaving" in text
        assert "+ added    Logistics: Tell me when I intellectualise" in text
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert not isinstance(app.screen, AllianceEditorScreen)

    reopened = PracticeStore(demo_store.data_dir).open()  # read-only: the demo store holds the lock
    try:
        record = reopened.record(cid)
        assert len(record.versions) == before + 1
        old, new = record.versions[-2], record.versions[-1]
        kinds = {c.kind: c for c in diff_versions(old, new) if c.kind is not ChangeKind.UNCHANGED}
        assert set(kinds) == {ChangeKind.REWORDED, ChangeKind.REMOVED, ChangeKind.ADDED}
        assert kinds[ChangeKind.REWORDED].item.reason == "He moved abroad"
        assert kinds[ChangeKind.ADDED].item.wording == "Tell me when I intellectualise"
        assert kinds[ChangeKind.ADDED].item.requested_by is RequestedBy.COACH
        assert "Removed “Decide whether and how to leave law within six months”: Decided: he is leaving" in new.reason
        assert "Reworded “Weekly video calls, 45 minutes”: He moved abroad" in new.reason
        assert not new.full_design
    finally:
        reopened.close()


async def test_a_change_without_a_reason_is_refused_inline_and_the_wording_kept(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    before = len(demo_store.record(cid).versions)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        await pilot.press("a")
        app.screen.query_one("#wording", Input).value = "Text me if I cancel"
        await pilot.press("enter", "enter")
        assert "The reason cannot be empty" in screen_text(app, "#form-message")
        assert app.screen.query_one("#wording", Input).value == "Text me if I cancel"
        assert app.screen.query_one("#reason", Input).has_focus
        await pilot.press("ctrl+s")  # the form still refuses: nothing saved
        await handled(pilot)
        assert isinstance(app.screen, AllianceEditorScreen)
    assert len(demo_store.record(cid).versions) == before


async def test_recategorise_and_add_a_category_of_your_own(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        await pilot.press("n", *"Energy", "enter")
        assert "Energy" in demo_store.settings.categories
        await pilot.press("c")
        select = app.screen.query_one("#category", Select)
        assert select.has_focus
        select.value = "Energy"
        await handled(pilot)
        assert app.screen.query_one("#reason", Input).has_focus  # choosing moves on to the reason
        app.screen.query_one("#reason", Input).value = "Fits better"
        await pilot.press("enter")
        assert "> moved    Energy: Fortnightly video calls" in screen_text(app)
        await pilot.press("ctrl+s")
        await handled(pilot)
    current = demo_store.record(cid).current_alliance
    assert current is not None
    assert current.items[0].category == "Energy"
    reopened = PracticeStore(demo_store.data_dir).open()
    try:
        assert "Energy" in reopened.categories()
    finally:
        reopened.close()


async def test_a_category_that_exists_is_refused(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AllianceEditorScreen(client_id(demo_store, "Maya Okafor")))
        await handled(pilot)
        await pilot.press("n", *"focus", "enter")
        assert "There is already a category called 'focus'" in screen_text(app, "#form-message")


async def test_undo_and_leaving_with_unsaved_changes(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    before = len(demo_store.record(cid).versions)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        await pilot.press("d")
        app.screen.query_one("#reason", Input).value = "Not needed"
        await pilot.press("enter")
        assert "1 unsaved change" in screen_text(app)
        await pilot.press("u")
        assert "no changes yet" in screen_text(app)
        await pilot.press("d")
        app.screen.query_one("#reason", Input).value = "Not needed"
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, AllianceEditorScreen)  # warned, not left
        await pilot.press("escape")
        await handled(pilot)
        assert not isinstance(app.screen, AllianceEditorScreen)
    assert len(demo_store.record(cid).versions) == before


async def test_saving_as_a_full_design_clears_the_first_design_nudge(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Daniel Reyes")
    assert NudgeKind.FIRST_DESIGN in [n.kind for n in revisit_nudges(demo_store.record(cid))]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        await pilot.press("ctrl+g")
        assert "★ saving as a full design" in screen_text(app)
        await pilot.press("a")
        app.screen.query_one("#wording", Input).value = "Pointed questions once I have warmed up"
        app.screen.query_one("#reason", Input).value = "Full design"
        await pilot.press("enter", "enter")
        await pilot.press("ctrl+s")
        await handled(pilot)
    record = demo_store.record(cid)
    assert record.current_alliance is not None and record.current_alliance.full_design
    # The first-design nudge is gone; what stays names the areas still never designed.
    assert [n.kind for n in revisit_nudges(record)] == [NudgeKind.COVERAGE]
    summary = demo_store.summary(cid)
    assert len(summary.nudges) == 1 and summary.nudges[0].startswith("Session 4 and never designed: challenge")


async def test_markup_in_wording_is_kept_and_shown_as_typed(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        await pilot.press("a")
        app.screen.query_one("#wording", Input).value = "[bold]Say it[/] [red]x"
        app.screen.query_one("#reason", Input).value = "She asked"
        await pilot.press("enter", "enter")
        assert "[bold]Say it[/] [red]x" in screen_text(app)
        await pilot.press("ctrl+s")
        await handled(pilot)
    current = demo_store.record(cid).current_alliance
    assert current is not None and current.items[-1].wording == "[bold]Say it[/] [red]x"


async def test_nothing_to_save_says_so(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Maya Okafor")
    before = len(demo_store.record(cid).versions)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        await pilot.press("ctrl+s")
        await handled(pilot)
        assert isinstance(app.screen, AllianceEditorScreen)
    assert len(demo_store.record(cid).versions) == before


async def test_a_read_only_window_refuses_quietly_and_keeps_the_changes(demo_store: PracticeStore) -> None:
    second = PracticeStore(demo_store.data_dir, clock=lambda: FROZEN_NOW).open()  # the demo store holds the lock
    try:
        assert second.read_only
        cid = client_id(second, "Maya Okafor")
        app = make_app(second)
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await app.push_screen(AllianceEditorScreen(cid))
            await handled(pilot)
            await pilot.press("d")
            app.screen.query_one("#reason", Input).value = "Not needed"
            await pilot.press("enter", "ctrl+s")
            await handled(pilot)
            assert isinstance(app.screen, AllianceEditorScreen)
            assert "1 unsaved change" in screen_text(app)
            await toast_saying(pilot, "read-only")
    finally:
        second.close()
    assert len(demo_store.record(client_id(demo_store, "Maya Okafor")).versions) == 2


async def test_a_category_and_a_starting_point_are_said_and_ctrl_z_takes_each_back(demo_store: PracticeStore) -> None:
    cid = client_id(demo_store, "Daniel Reyes")
    settings = demo_store.settings.model_dump(mode="json")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.push_screen(AllianceEditorScreen(cid))
        await handled(pilot)
        await pilot.press("n", *"Energy", "enter")
        await toast_saying(pilot, "✔ Category “Energy” added: for every client · ctrl+z undoes")
        await pilot.press("t", *"Direct", "enter")
        await toast_saying(pilot, "✔ Starting point “Direct” saved")
        assert [p.name for p in demo_store.settings.starting_points][-1] == "Direct"
        assert "Energy" in demo_store.categories()
        await pilot.press("ctrl+z")
        await toast_saying(pilot, "Undone: starting point “Direct” saved")
        await pilot.press("ctrl+z")
        await toast_saying(pilot, "Undone: category “Energy” added")
        assert demo_store.settings.model_dump(mode="json") == settings
        await pilot.press("ctrl+z")
        await toast_saying(pilot, "Nothing saved here to undo")


async def test_letters_that_used_to_write_at_once_now_open_or_need_ctrl(demo_store: PracticeStore) -> None:
    """g and k are ctrl+g and ctrl+k; y opens a draft and only Enter adds it."""
    from alliance_tui.models.drafts import DraftItem
    from alliance_tui.store.intake import set_drafts

    ana = demo_store.add_client("Ana Lima", think_time_seconds=30)
    set_drafts(demo_store, ana.id, [DraftItem(category="Focus", wording="Delegate more", source="intake form")])
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AllianceEditorScreen(ana.id))
        await handled(pilot)
        editor = app.screen
        assert isinstance(editor, AllianceEditorScreen)
        await pilot.press("end", "g", "k")
        await handled(pilot)
        assert not editor.full_design and not editor.pending
        await pilot.press("y")
        await handled(pilot)
        assert not editor.pending and "Accept this draft: Enter adds it" in screen_text(app)
        await pilot.press("enter")
        await handled(pilot)
        assert [p.kind for p in editor.pending.values()] == [ChangeKind.ADDED]
        assert [i.wording for i in editor.items] == ["Delegate more"]
        await pilot.press("ctrl+g")
        assert editor.full_design
