"""Long work says how far it has got: a bar on a terminal, nothing when output is piped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from alliance_tui import cli
from alliance_tui.store import PracticeStore
from alliance_tui.store.backup import read_backup, restore_backup, write_backup
from alliance_tui.terminal_progress import TerminalProgress, bar_line

from .conftest import FROZEN_NOW


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_drawn_on_a_terminal_and_wiped_at_the_end() -> None:
    screen = Terminal()
    with TerminalProgress("Backing up", screen) as progress:
        progress(0, 4)
        progress(4, 4)
    out = screen.getvalue()
    assert bar_line("Backing up", 4, 4) in out and "4 of 4 clients" in out
    assert out.endswith("\r\x1b[2K")


def test_piped_output_stays_quiet() -> None:
    piped = io.StringIO()
    with TerminalProgress("Backing up", piped) as progress:
        progress(1, 2)
    assert piped.getvalue() == ""


def test_backup_and_restore_report_each_client(demo_store: PracticeStore, tmp_path: Path) -> None:
    clients = len(demo_store.summaries(include_archived=True))
    seen: list[tuple[int, int]] = []
    write_backup(demo_store, tmp_path / "b.json", now=FROZEN_NOW, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(n, clients) for n in range(clients)]
    seen.clear()
    restore_backup(
        tmp_path / "restored",
        read_backup(tmp_path / "b.json"),
        now=FROZEN_NOW,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(n, clients) for n in range(clients)]


def test_the_hours_export_on_a_pipe_prints_no_bar(
    demo_store: PracticeStore, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_store.close()
    assert cli.main(["--data-dir", str(demo_store.data_dir), "export", "hours"]) == cli.EXIT_OK
    err = capsys.readouterr().err
    assert "▕" not in err and "paid and" in err


async def test_the_apps_hours_export_runs_beside_the_coach_and_says_how_far_and_where(
    demo_store: PracticeStore,
) -> None:
    from alliance_tui.app import AllianceApp
    from alliance_tui.widgets.work_progress import WorkProgress

    from .screen_text import run_palette_command
    from .waits import toast_saying, until

    app = AllianceApp(demo_store, clock=lambda: FROZEN_NOW, cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        focused = app.focused
        run_palette_command(app, "Export coaching hours log (CSV)")
        assert app.screen.query(WorkProgress)  # shown at once, before any client is read
        said = await toast_saying(pilot, "Saved to")
        assert "paid and" in said
        await until(pilot, lambda: not app.screen.query(WorkProgress), "the progress line to go")
        assert app.focused is focused  # the progress line never takes focus
    assert list((demo_store.data_dir / "exports").glob("hours-log-*.csv"))
