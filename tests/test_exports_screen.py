"""The exporting helper other screens call: file written privately, clipboard filled, coach told where."""

from __future__ import annotations

import stat

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.screens.exporting import export_alliance, export_hours, export_recap, recap_of_screen
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW
from .screen_text import screen_text
from .waits import handled, toast_saying, toasts, until


def _app(store: PracticeStore) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 0.0, cursor_blink=False)


async def test_export_recap_writes_copies_and_says_where(demo_store: PracticeStore) -> None:
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    demo_store.log_note(daniel.id, "[bold]Seems anxious about money[/]", private=True, session_number=3)
    private = [n.text for n in demo_store.record(daniel.id).notes if n.private and n.session_number == 3]
    assert private
    app = _app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await handled(pilot)
        path = export_recap(app.screen, daniel.id, 3)
        shown = await toast_saying(pilot, "Recap for Daniel Reyes")
        assert path is not None
        text = path.read_text("utf-8")
        assert text.startswith("# Session 3 recap: Daniel Reyes")
        assert all(p not in text for p in private)
        assert app.clipboard == text
        # Its title, then where the file is; good news, not a warning.
        assert shown.startswith("Recap for Daniel Reyes\nCopied to the clipboard") and path.name in shown
        assert toasts(app, "information") == [shown]
    assert path.parent.parent == demo_store.data_dir / "exports"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


async def test_export_alliance_names_the_file_after_the_version(demo_store: PracticeStore) -> None:
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    version = demo_store.record(maya.id).versions[-1].number
    app = _app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        path = export_alliance(app.screen, maya.id)
        assert path is not None and path.name == f"alliance-v{version}.md"
        assert app.clipboard == path.read_text("utf-8")


async def test_nothing_to_export_is_a_quiet_toast_not_a_crash(demo_store: PracticeStore) -> None:
    client = demo_store.add_client("New Client")
    app = _app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await handled(pilot)
        assert export_recap(app.screen, client.id, 1) is None
        assert export_alliance(app.screen, client.id) is None
        await toast_saying(pilot, "no alliance recorded yet")
        warned = toasts(app, "warning")
        assert len(warned) == 2 and toasts(app) == warned
        assert "New Client has no session 1." in warned[0] and "no alliance recorded yet" in warned[1]
        assert not (demo_store.data_dir / "exports").exists()


async def test_export_hours_writes_the_practice_log(demo_store: PracticeStore) -> None:
    app = _app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await handled(pilot)
        path = export_hours(app.screen)
        assert path is not None and path.name == "hours-log-2026-11-20.csv"
        assert path.read_text("utf-8").startswith("Client name,Contact information")
        assert "\n5 clients, " in await toast_saying(pilot, "5 clients, ")  # the message, below its title
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_the_session_summary_exports_the_recap_on_ctrl_o_and_ctrl_z_takes_the_file_back(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_tui.screens.session_summary import SessionSummaryScreen

    monkeypatch.setattr(SessionSummaryScreen, "export_recap", recap_of_screen)
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    app = _app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        await app.push_screen(SessionSummaryScreen(daniel.id, 2))
        await handled(pilot)
        await pilot.press("r")  # a letter writes nothing here
        await handled(pilot)
        assert not list((demo_store.data_dir / "exports").rglob("*.md"))
        await pilot.press("ctrl+o")
        await handled(pilot)
        assert app.clipboard.startswith("# Session 2 recap: Daniel Reyes")
        assert "✔ Recap saved as session-02-recap.md · ctrl+z undoes" in screen_text(app)
        exported = list((demo_store.data_dir / "exports").rglob("session-02-recap.md"))
        assert len(exported) == 1 and exported[0].read_text("utf-8") == app.clipboard
        await pilot.press("ctrl+z")
        await handled(pilot)
        assert "↶ Undone: recap saved as session-02-recap.md" in screen_text(app)
        assert not exported[0].exists()
        exported[0].write_text("old", encoding="utf-8")
        await pilot.press("ctrl+o")  # written over a file of that name: ctrl+z puts the old one back
        await handled(pilot)
        assert "✔ Recap rewritten as session-02-recap.md" in screen_text(app)
        exported[0].write_text("edited since", encoding="utf-8")
        await pilot.press("ctrl+z")  # the coach's own edit is never thrown away
        await handled(pilot)
        assert "was changed since it was written; nothing was" in screen_text(app)
        exported[0].write_text(app.clipboard, encoding="utf-8")
        await pilot.press("ctrl+z")
        await handled(pilot)
        assert exported[0].read_text("utf-8") == "old"
        exported[0].unlink()
    assert not list((demo_store.data_dir / "exports").rglob("*.md"))


async def test_the_client_review_exports_the_latest_recap_and_the_alliance(demo_store: PracticeStore) -> None:
    from alliance_tui.screens.review import ClientReviewScreen

    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    app = _app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await app.push_screen(ClientReviewScreen(daniel.id))
        await handled(pilot)
        await pilot.press("ctrl+o")  # the sheet says what each page is; Enter writes the first, the recap
        await handled(pilot)
        assert "The recap of session 3" in screen_text(app)
        await pilot.press("enter")
        await handled(pilot)
        assert app.clipboard.startswith("# Session 3 recap: Daniel Reyes")
        await pilot.press("ctrl+o", "down", "enter")
        await handled(pilot)
        assert app.clipboard.startswith("# How we work together: Daniel Reyes")
    names = sorted(p.name for p in (demo_store.data_dir / "exports").rglob("*.md"))
    assert names == ["alliance-v2.md", "session-03-recap.md"]


async def test_hours_log_from_the_command_palette(demo_store: PracticeStore) -> None:
    """The hours log is one palette command away, written to the practice's exports folder."""
    from alliance_tui.app import AllianceApp

    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    demo_store.update_client(daniel.id, in_hours_log=False)
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        await pilot.press("ctrl+p")
        await handled(pilot)
        app.screen.query_one("Input").value = "anonymised"  # type: ignore[attr-defined]
        await until(pilot, lambda: "anonymised" in screen_text(app, "CommandList"), "the command offered")
        await pilot.press("enter")
        exports = demo_store.data_dir / "exports"
        await until(pilot, lambda: any(exports.glob("hours-log-*.csv")), "the hours log written")
    written = sorted((demo_store.data_dir / "exports").glob("hours-log-*.csv"))
    assert len(written) == 1
    text = written[0].read_text()
    assert "Client 1" in text  # Daniel, who did not agree to be listed, anonymised
    assert "Daniel Reyes" not in text
    assert "Maya Okafor" in text


async def test_the_send_sheet_writes_nothing_until_enter(demo_store: PracticeStore) -> None:
    """Letters on the sheet do nothing, and Esc closes it having written nothing."""
    from alliance_tui.screens.review import ClientReviewScreen
    from alliance_tui.screens.send_sheet import SendSheet

    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    app = _app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await handled(pilot)
        await app.push_screen(ClientReviewScreen(daniel.id))
        await handled(pilot)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, SendSheet), "the sending sheet")
        assert "exports/daniel-reyes-" in screen_text(app)  # where it would go, said before anything is written
        await pilot.press(*"rdq yes", "escape")
        await until(pilot, lambda: isinstance(app.screen, ClientReviewScreen), "back on the review")
        assert app.clipboard == ""
    assert not (demo_store.data_dir / "exports").exists()
