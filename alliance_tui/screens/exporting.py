"""Sending what was agreed: write a recap or the alliance document, copy it, say where it went.

Other screens call these with themselves as ``screen``::

    from alliance_tui.screens.exporting import export_alliance, export_recap

    export_recap(self, client_id, session_number)   # -> Path | None
    export_alliance(self, client_id)                # -> Path | None
    export_hours(self)                              # -> Path | None (practice-wide CSV)

``recap_of_screen`` fits a screen that carries ``client_id`` and
``session_number`` attributes (the session summary's plug point); it returns
the write as a ctrl+z step (the file removed again, or what it held put back).

The file goes to ``<practice>/exports/<client>-<id>/`` (folder 0700, file 0600),
the text is copied to the clipboard (OSC 52: most terminals, not macOS
Terminal), and a quiet toast says both. A refusal is a toast too, never a modal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

from ..exports import NothingToExport, alliance_document, hours_log_csv, hours_rows, hours_warnings, session_recap
from ..models.credentials import hours_summary
from ..models.progress import Progress
from ..models.record import ClientRecord
from ..store import PracticeStore, StoreError
from ..store.export_files import client_exports_dir, exports_dir, replace_export, write_export

if TYPE_CHECKING:
    from ..app import AllianceApp
    from ..models.undo import ExportWritten


def shown_path(path: Path) -> str:
    """The path as a coach would type it: ~ for the home folder."""
    home = Path.home()
    try:
        return f"~/{path.relative_to(home)}"
    except ValueError:
        return str(path)


def _deliver_kept(
    screen: Screen[Any], client_id: str, filename: str, text: str, what: str, name: str, hint: str = ""
) -> tuple[Path, bytes | None] | None:
    """Written, copied and said; where it went and what the file held before (None: it is new)."""
    app = cast("AllianceApp", screen.app)
    folder = client_exports_dir(app.store.data_dir, client_id, name)
    try:
        path, before = replace_export(folder, filename, text)
    except StoreError as exc:
        screen.notify(exc.message, title=f"{what} not saved", severity="error", timeout=10, markup=False)
        return None
    app.copy_to_clipboard(text)
    screen.notify(
        f"Copied to the clipboard (where the terminal allows) and saved as {shown_path(path)}{hint}",
        title=f"{what} for {name}",
        timeout=8,
        markup=False,
    )
    return path, before


def _deliver(screen: Screen[Any], client_id: str, filename: str, text: str, what: str, name: str) -> Path | None:
    kept = _deliver_kept(screen, client_id, filename, text, what, name)
    return kept[0] if kept is not None else None


def _document(
    screen: Screen[Any],
    client_id: str,
    refusal_title: str,
    write: Callable[[ClientRecord, AllianceApp], str],
) -> tuple[ClientRecord, str] | None:
    """The client's record and the text written from it, or None once a toast has said why not."""
    app = cast("AllianceApp", screen.app)
    try:
        record = app.store.record(client_id)
        text = write(record, app)
    except StoreError as exc:
        screen.notify(exc.message, title=refusal_title, severity="error", timeout=10, markup=False)
        return None
    except NothingToExport as exc:
        screen.notify(str(exc), title=refusal_title, severity="warning", timeout=8, markup=False)
        return None
    return record, text


def _recap(
    screen: Screen[Any], client_id: str, session_number: int, hint: str = ""
) -> tuple[Path, bytes | None, str] | None:
    made = _document(screen, client_id, "No recap", lambda record, _app: session_recap(record, session_number))
    if made is None:
        return None
    record, text = made
    filename = f"session-{session_number:02d}-recap.md"
    kept = _deliver_kept(screen, client_id, filename, text, "Recap", record.client.name, hint)
    return (kept[0], kept[1], text) if kept is not None else None


def export_recap(screen: Screen[Any], client_id: str, session_number: int) -> Path | None:
    """The client's recap of one session: shared notes only, never a private one."""
    made = _recap(screen, client_id, session_number)
    return made[0] if made is not None else None


def recap_of_screen(screen: Screen[Any]) -> ExportWritten | None:
    """The recap of the session a screen is showing (its client_id and session_number), as a step for ctrl+z."""
    from ..models.undo import ExportWritten

    client_id = getattr(screen, "client_id", None)
    number = getattr(screen, "session_number", None)
    if not isinstance(client_id, str) or not isinstance(number, int):
        return None
    made = _recap(screen, client_id, number, " · ctrl+z takes it back")
    if made is None:
        return None
    path, before, text = made
    label = f"Recap {'rewritten' if before is not None else 'saved'} as {path.name}"
    return ExportWritten(label, path, before, text.encode("utf-8"))


def export_alliance(screen: Screen[Any], client_id: str) -> Path | None:
    """The current agreement as a page to send the client."""
    made = _document(
        screen,
        client_id,
        "No alliance document",
        lambda record, app: alliance_document(record, categories=app.store.categories()),
    )
    if made is None:
        return None
    record, text = made
    version = record.versions[-1].number
    return _deliver(screen, client_id, f"alliance-v{version}.md", text, "Alliance document", record.client.name)


def export_intake_form(screen: Screen[Any], client_id: str) -> Path | None:
    """The practice's intake questionnaire for this client, to send before the first session."""
    from ..exports.intake import intake_form
    from ..store.intake import intake_questions

    app = cast("AllianceApp", screen.app)
    name = app.store.summary(client_id).name
    text = intake_form(name, client_id, intake_questions(app.store))
    return _deliver(screen, client_id, "intake-form.md", text, "Intake form", name)


@dataclass(frozen=True)
class HoursExport:
    path: Path
    summary: str
    warnings: tuple[str, ...]


def build_hours_export(
    store: PracticeStore, today: datetime, *, anonymise: bool = False, progress: Progress | None = None
) -> HoursExport:
    """Read every client, write the CSV, sum it up: no UI here, so it can run on a worker thread.

    Raises StoreError for the caller to show.
    """
    summaries = store.summaries(include_archived=True)
    records = []
    for done, s in enumerate(summaries):
        if progress is not None:
            progress(done, len(summaries))
        records.append(store.record(s.id))
    text = hours_log_csv(records, anonymise=anonymise)
    rows = hours_rows(records, anonymise=anonymise)
    path = write_export(exports_dir(store.data_dir), f"hours-log-{today.astimezone():%Y-%m-%d}.csv", text)
    counted = rows if anonymise else hours_rows(records, anonymise=True)  # every hour counts toward a credential
    summary = hours_summary(
        len(rows),
        sum(r.sessions for r in rows),
        sum(r.hours for r in rows if not r.pro_bono),
        sum(r.hours for r in rows if r.pro_bono),
        toward=(sum(r.hours for r in counted if not r.pro_bono), sum(r.hours for r in counted if r.pro_bono)),
    )
    return HoursExport(path, summary, tuple(hours_warnings(rows)))


def show_hours_export(screen: Screen[Any], made: HoursExport | StoreError) -> Path | None:
    """What the export did, as quiet toasts: where it went and the totals, or why not."""
    if isinstance(made, StoreError):
        screen.notify(made.message, title="Hours log not saved", severity="error", timeout=10, markup=False)
        return None
    screen.notify(
        f"{made.summary}. Saved to {shown_path(made.path)}.",
        title="Coaching hours log",
        timeout=8,
        markup=False,
    )
    for warning in made.warnings:
        screen.notify(warning, title="Check the hours log", severity="warning", timeout=20, markup=False)
    return made.path


def export_hours(screen: Screen[Any], *, anonymise: bool = False) -> Path | None:
    """The coaching hours log (ICF shape) for the whole practice, to ``exports/``, read here and now."""
    app = cast("AllianceApp", screen.app)
    try:
        made: HoursExport | StoreError = build_hours_export(app.store, app.clock(), anonymise=anonymise)
    except StoreError as exc:
        made = exc
    return show_hours_export(screen, made)
