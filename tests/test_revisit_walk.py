"""The revisit that decides, driven by keys at 80x24: decisions kept across leaving, one version at the end."""

from __future__ import annotations

from alliance_tui.app import AllianceApp
from alliance_tui.models.decisions import Decision
from alliance_tui.screens.revisit import RevisitScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.revisits import revisit_draft

from .conftest import FROZEN_NOW, client_id
from .screen_text import screen_text
from .waits import settled, until


def make_app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


async def test_walk_keep_change_drop_leave_resume_and_save_one_version(demo_store: PracticeStore) -> None:
    daniel = client_id(demo_store, "Daniel Reyes")
    before = demo_store.present(daniel)
    assert before.current_alliance is not None
    items = before.current_alliance.items
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RevisitScreen(daniel))
        await until(pilot, lambda: "decided" in screen_text(app), "the walk")
        await pilot.press("ctrl+s")  # nothing decided, added or asked: no revisit is recorded
        await until(pilot, lambda: "asked yet: nothing saved" in screen_text(app), "the empty save refused")
        assert demo_store.present(daniel).version_count == before.version_count
        await pilot.press("k")  # keep the first
        await until(pilot, lambda: "Kept:" in screen_text(app), "the keep said")
        await pilot.press("c", "ctrl+u", *"Weekly video calls, 50 minutes", "enter", *"Easier to see her", "enter")
        await until(pilot, lambda: "Changed:" in screen_text(app), "the change said")
        await pilot.press("escape")  # leave: what was decided is kept
        await settled(pilot)
        draft = revisit_draft(demo_store, daniel)
        assert draft is not None and len(draft.decisions) == 2
        await app.push_screen(RevisitScreen(daniel))
        await until(pilot, lambda: "Resumed" in screen_text(app), "the walk resumed")
        await pilot.press("x", *"No longer needed", "enter")
        await until(pilot, lambda: "Dropped:" in screen_text(app), "the drop said")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "Undone" in screen_text(app), "the undo said")
        draft = revisit_draft(demo_store, daniel)
        assert draft is not None and len(draft.decisions) == 2
        await pilot.press("x", "enter", "a", *"Tell me when I am rambling", "enter")
        await until(pilot, lambda: "Added:" in screen_text(app), "the addition said")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved as version" in screen_text(app), "the revisit saved, and said")
        saved = demo_store.present(daniel).version_count
        await pilot.press("ctrl+z")  # taken back: the walk is as it was
        await until(pilot, lambda: "Undone: the revisit's version" in screen_text(app), "the save undone")
        assert demo_store.present(daniel).version_count == saved - 1 and revisit_draft(demo_store, daniel)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved as version" in screen_text(app), "saved again")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, RevisitScreen), "left the walk")
    after = demo_store.present(daniel)
    assert after.version_count == before.version_count + 1
    version = after.current_alliance
    assert version is not None and version.revisit
    wordings = [i.wording for i in version.items]
    assert "Weekly video calls, 50 minutes" in wordings and "Tell me when I am rambling" in wordings
    assert len(wordings) == len(items)  # one changed in place, one dropped, one added
    kinds = [d.decision for d in version.decisions]
    assert kinds.count(Decision.CHANGE) == 1 and kinds.count(Decision.DROP) == 1 and kinds.count(Decision.ADD) == 1
    assert any(d.reason == "Easier to see her" for d in version.decisions)
    assert revisit_draft(demo_store, daniel) is None


async def test_from_the_sessions_revisit_pane_the_saved_walk_is_on_the_sessions_ctrl_z(
    demo_store: PracticeStore,
) -> None:
    from alliance_tui.screens.session import SessionScreen

    maya = client_id(demo_store, "Maya Okafor")
    versions = demo_store.present(maya).version_count
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(maya)
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        await pilot.press("ctrl+f", "w")
        await until(pilot, lambda: isinstance(app.screen, RevisitScreen), "the walk, from the revisit pane")
        await pilot.press("k", "ctrl+s")
        await until(pilot, lambda: "Saved as version" in screen_text(app), "the revisit saved")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "back in the session")
        present = demo_store.present(maya)
        assert present.version_count == versions + 1 and present.open_session is not None
        assert (
            present.current_alliance is not None
            and present.current_alliance.session_number == present.open_session.number
        )
        await pilot.press("ctrl+z")
        await until(pilot, lambda: demo_store.present(maya).version_count == versions, "the revisit taken back")


async def test_each_decision_is_said_and_ctrl_z_as_often_gives_back_the_client_as_they_were(
    demo_store: PracticeStore,
) -> None:
    """A walk begun afresh (Daniel) and one resumed half-way (Priya): keep, change, drop, add, answer, all undone."""
    from .test_keys_property import state

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for name in ("Daniel Reyes", "Priya Natarajan"):
            cid = client_id(demo_store, name)
            start = (state(demo_store, cid), demo_store.present(cid).model_dump(mode="json"))
            walk = RevisitScreen(cid)
            await app.push_screen(walk)
            await until(pilot, lambda: "decided" in screen_text(app), "the walk")
            await pilot.press("home", "k")
            await until(pilot, lambda: "Kept:" in screen_text(app), "the keep said")
            await pilot.press("x", *"Not needed", "enter")
            await until(pilot, lambda: "Dropped:" in screen_text(app), "the drop said")
            await pilot.press("a", *"Ring me if late", "enter")
            await until(pilot, lambda: "Added: Ring me if late" in screen_text(app), "the addition said")
            await pilot.press("end", "enter", "enter")  # the last question, answered with nothing: nothing written
            await until(pilot, lambda: "Unchanged: nothing written." in screen_text(app), "nothing said as nothing")
            assert len(walk.earlier) == 3
            await pilot.press("ctrl+z", "ctrl+z")
            await until(pilot, lambda: "Undone: Dropped:" in screen_text(app), "the drop undone, and said")
            await pilot.press("ctrl+z")
            await until(pilot, lambda: "Undone: Kept:" in screen_text(app), "the keep undone, and said")
            assert (state(demo_store, cid), demo_store.present(cid).model_dump(mode="json")) == start, name
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, RevisitScreen), "left the walk")
