"""The palette's commands that belong to no one screen: exports, the config file, the idle lock, debug info.

Listed by `AllianceApp.get_system_commands` after Textual's own, and imported
when the palette first opens. Each command's work is a function of the app, so
it reads the same from the palette as from anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

from ..idle_lock import CHOICES as IDLE_CHOICES

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..app import AllianceApp
    from ..screens.exporting import HoursExport
    from ..store import StoreError
    from ..widgets.work_progress import WorkProgress

    ShowExport = Callable[[Screen[Any], HoursExport | StoreError], object]


def app_wide_commands(app: AllianceApp) -> Iterator[SystemCommand]:
    yield SystemCommand(
        "Export coaching hours log (CSV)",
        "Sessions and hours per client, as credential applications ask; unlisted clients left out",
        partial(export_hours_log, app, anonymise=False),
    )
    yield SystemCommand(
        "Export coaching hours log, anonymised (CSV)",
        "Clients who have not agreed to be listed appear as 'Client N' instead of being left out",
        partial(export_hours_log, app, anonymise=True),
    )
    if app.config.path.exists():
        yield SystemCommand(
            "Keys: config file", "Where the file that changes keys lives", partial(show_config_path, app)
        )
    else:
        yield SystemCommand(
            "Keys: create config file",
            "Write a commented config file listing every key, ready to change",
            partial(create_config_file, app),
        )
    if app.store.vault is not None and not app.idle_lock.locked:
        yield SystemCommand(
            "Lock the screen now",
            "Cover everything until the passphrase is typed; nothing beneath is closed",
            app.idle_lock.lock,
        )
        for minutes in (*IDLE_CHOICES, None):
            yield SystemCommand(
                f"Idle lock: {f'after {minutes} minutes' if minutes else 'never'}",
                "When the screen locks itself after no key, click or scroll (kept in the config file)",
                partial(app.idle_lock.choose, minutes),
            )
    yield SystemCommand(
        "Intake questions",
        "Edit the questions of the intake form you send new clients (each answer becomes a draft agreement)",
        partial(edit_intake_questions, app),
    )
    yield SystemCommand(
        "Debug info",
        "Versions and where the config, the practice and the log live, copied for a bug report",
        partial(show_debug_info, app),
    )


def export_hours_log(app: AllianceApp, *, anonymise: bool) -> None:
    """Read on a worker thread, a progress line meanwhile: a large practice takes seconds."""
    from ..widgets.work_progress import WorkProgress

    for old in app.screen.query(WorkProgress):
        old.remove()
    line = WorkProgress("Hours log")
    app.screen.mount(line)
    app.run_worker(partial(_export_hours_in_thread, app, line, anonymise), thread=True, group="hours", exclusive=True)


def _export_hours_in_thread(app: AllianceApp, line: WorkProgress, anonymise: bool) -> None:
    from ..screens.exporting import build_hours_export, show_hours_export
    from ..store import StoreError

    def progress(done: int, total: int) -> None:
        app.call_from_thread(line.advance, done, total)

    try:
        made: HoursExport | StoreError = build_hours_export(
            app.store, app.clock(), anonymise=anonymise, progress=progress
        )
    except StoreError as exc:
        made = exc
    app.call_from_thread(_hours_export_done, app, line, made, show_hours_export)


def _hours_export_done(app: AllianceApp, line: WorkProgress, made: HoursExport | StoreError, show: ShowExport) -> None:
    line.remove()
    show(app.screen, made)


def edit_intake_questions(app: AllianceApp) -> None:
    from ..screens.intake_questions import IntakeQuestionsScreen

    if not isinstance(app.screen, IntakeQuestionsScreen):
        app.push_screen(IntakeQuestionsScreen())


def show_debug_info(app: AllianceApp) -> None:
    """Versions and where things live, shown and copied: what a bug report needs, and no client's words."""
    from ..config.command import debug_info

    text = debug_info(app.store.data_dir)
    app.copy_to_clipboard(text)
    app.notify(text + "\n(copied)", title="Debug info", timeout=20, markup=False)


def show_config_path(app: AllianceApp) -> None:
    app.notify(
        f"{app.config.label} — changes apply the next time Alliance TUI opens.",
        title="Config file",
        timeout=15,
        markup=False,
    )


def create_config_file(app: AllianceApp) -> None:
    """A commented file listing every key, written only where none is: the coach's own file is never replaced."""
    from ..config import binding_catalogue, sample_config
    from ..store import StoreError
    from ..store.config_file import write_sample_config

    try:
        write_sample_config(app.config.path, sample_config(binding_catalogue(), app.config.label))
    except StoreError as exc:
        app.notify(exc.message, title="Config file not written", severity="error", timeout=10, markup=False)
        return
    app.notify(
        f"Written to {app.config.label}. Uncomment a line and change its key; it applies next time.",
        title="Config file",
        timeout=15,
        markup=False,
    )
