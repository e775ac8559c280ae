"""Command line: open the app, or work on the data without it.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
Exports and backups open the practice read-only, so they work while the app is
open; restore needs the practice to itself.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config.command import add_config_command
from .encrypt_command import add_encrypt_commands
from .intake_command import add_intake_command
from .models.wording import plural
from .store.logfile import LEVELS, log_failure, start_logging, stop_logging
from .terminal_progress import TerminalProgress
from .today import add_today_command

if TYPE_CHECKING:
    from .store import PracticeStore
    from .store.crypto.vault import Vault

EXIT_OK = 0
EXIT_FAILED = 1

log = logging.getLogger("alliance_tui.cli")

Handler = Callable[[argparse.Namespace], int]


class CommandFailed(Exception):
    """A refusal already worded for the coach."""


def _data_dir_option(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where the practice lives (default: $ALLIANCE_TUI_DATA, then the user data directory)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        default=default,
        help="an encrypted practice's passphrase, from the first line of FILE (else it is asked for, unechoed)",
    )
    parser.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        type=Path,
        default=default,
        help="open an encrypted practice with its recovery key",
    )


def _output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (readable by you alone) instead of printing to standard output",
    )


def _where_things_live() -> str:
    """The paths --help ends with: where a coach looks first when something is wrong."""
    from .store.config_file import config_path
    from .store.logfile import log_path
    from .store.paths import resolve_data_dir

    return (
        "where things live (alliance-tui config path says the same):\n"
        f"  practice: {resolve_data_dir(None)}  (--data-dir or $ALLIANCE_TUI_DATA)\n"
        f"  config:   {config_path()}  ($ALLIANCE_TUI_CONFIG)\n"
        f"  log:      {log_path()}  ($ALLIANCE_TUI_LOG)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliance-tui",
        description="Alliance TUI: the designed alliance between coach and client, beside a live call.",
        epilog=_where_things_live(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"alliance-tui {__version__}")
    _data_dir_option(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a demo practice in a temporary directory; your real data is never touched "
        "(with --data-dir DIR, build it in DIR instead, a new or empty folder, to come back to later)",
    )
    parser.add_argument("--client", metavar="NAME", help="open straight into a session with this client")
    parser.add_argument(
        "--calendar",
        metavar="PATH",
        help="your calendar (an .ics file or a folder of them, read offline, never written): the dashboard "
        "opens on the next call (default: 'calendar' in the config file's [preferences]; the demo has its own)",
    )
    parser.add_argument(
        "--log-level",
        choices=LEVELS,
        default="info",
        help="how much goes into the troubleshooting log (events and ids only, never what a client said); "
        "'alliance-tui config path' says where it is",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_config_command(commands)
    add_encrypt_commands(commands)
    add_today_command(commands)
    add_intake_command(commands)
    _add_export(commands)
    _add_backup(commands)
    _add_restore(commands)
    _add_backups(commands)
    _add_erase(commands)
    _add_prep(commands)
    return parser


def _sub(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, *, help: str, description: str
) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help, description=description)
    _data_dir_option(sub, default=argparse.SUPPRESS)
    return sub


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write a session recap, the alliance document or the coaching hours log",
        description="Write what leaves the practice: a recap or the alliance document for a client, "
        "or the coaching hours log for a credential application.",
    )
    kinds = export.add_subparsers(dest="kind", metavar="WHAT", required=True)

    recap = _sub(
        kinds,
        "recap",
        help="a session recap in Markdown for the client (shared notes only)",
        description="A session recap in Markdown to send the client: the session agreement, alliance changes, "
        "commitments and the notes marked shared. Private notes never appear.",
    )
    recap.add_argument("client", metavar="CLIENT", help="the client's name (or the start of it)")
    recap.add_argument("--session", type=int, metavar="N", help="the session number (default: the latest)")
    _output_option(recap)
    recap.set_defaults(handler=cmd_export_recap)

    alliance = _sub(
        kinds,
        "alliance",
        help="the designed alliance as a Markdown page",
        description="The current designed alliance (or an earlier version) as a Markdown page to send the client, "
        "grouped by category, with its version number and date.",
    )
    alliance.add_argument("client", metavar="CLIENT", help="the client's name (or the start of it)")
    alliance.add_argument("--version", type=int, metavar="N", dest="version_number", help="an earlier version")
    alliance.add_argument(
        "--with-reasons",
        action="store_true",
        help="include why each agreement was made (left out by default: reasons are often worded for you)",
    )
    _output_option(alliance)
    alliance.set_defaults(handler=cmd_export_alliance)

    hours = _sub(
        kinds,
        "hours",
        help="the coaching hours log as CSV (ICF credential shape)",
        description="The coaching hours log as CSV, one row per client, in the columns the ICF asks for: "
        "name, contact, individual or group, start and end dates, number of sessions, paid and pro bono hours. "
        "Hours come from each session's real start and end (its planned length if it has no end, or ran over "
        "twice its planned length). Clients who have not agreed to appear are left out unless --anonymise.",
    )
    hours.add_argument(
        "--anonymise",
        "--anonymize",
        action="store_true",
        help="list clients who have not agreed to appear as 'Client 1', 'Client 2'... instead of leaving them out",
    )
    hours.add_argument("--since", metavar="YYYY-MM-DD", type=_parse_date, help="only sessions on or after this date")
    hours.add_argument("--until", metavar="YYYY-MM-DD", type=_parse_date, help="only sessions on or before this date")
    _output_option(hours)
    hours.set_defaults(handler=cmd_export_hours)


def _add_backup(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = _sub(
        commands,
        "backup",
        help="write the whole practice to one JSON file",
        description="Write the whole practice (every client, archived ones too, and the practice settings) to one "
        "schema-versioned JSON file, atomically and readable by you alone. Works while the app is open.",
    )
    backup.add_argument("file", metavar="FILE", type=Path, help="the backup file to write")
    backup.add_argument("--overwrite", action="store_true", help="replace FILE if it already exists")
    backup.add_argument(
        "--skip-damaged",
        action="store_true",
        help="back up everyone else when a client's file cannot be read (default: refuse)",
    )
    backup.set_defaults(handler=cmd_backup)


def _add_restore(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    restore = _sub(
        commands,
        "restore",
        help="restore the practice from a backup file or an automatic backup",
        description="Restore the practice from a backup file (from 'alliance-tui backup') or an automatic backup "
        "folder (see 'alliance-tui backups'). The backup is checked completely first: a damaged file or one "
        "from a newer Alliance TUI is refused and nothing changes. Into a practice that already holds data, "
        "restore refuses unless --replace; with --replace the current data is not deleted but moved to "
        "backups/before-restore-<time>/ inside the practice folder, and the practice then holds exactly what "
        "the backup holds. Close Alliance TUI first: restore will not run while the practice is open.",
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup file or automatic backup folder")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="restore over existing data, after moving it to backups/before-restore-<time>/",
    )
    restore.add_argument(
        "--backup-passphrase-file",
        metavar="FILE",
        type=Path,
        help="an encrypted backup's passphrase, from the first line of FILE (else it is asked for)",
    )
    restore.set_defaults(handler=cmd_restore)


def _add_backups(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backups = _sub(
        commands,
        "backups",
        help="list the automatic backups",
        description="List the automatic backups (one a day, taken when the app opens the practice, the last 7 "
        "kept) and the data set aside by restore --replace, all inside the practice folder. Restore one with "
        "'alliance-tui restore FOLDER --replace'.",
    )
    backups.set_defaults(handler=cmd_backups, unlocks=False)


def _add_erase(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    erase = _sub(
        commands,
        "erase",
        help="erase every record of one client, on their request",
        description="Erase every record of one client: their file, their entry in the practice index, every "
        "export made for them, and their copies in the automatic backups. Give the full name twice (as CLIENT "
        "and after --confirm) so it cannot happen by accident. To hide a client and keep their records, archive "
        "them in the app instead. Close Alliance TUI first.",
    )
    erase.add_argument("client", metavar="CLIENT", help="the client's full name")
    erase.add_argument("--confirm", metavar="NAME", required=True, help="the client's full name again, to confirm")
    erase.set_defaults(handler=cmd_erase)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-31") from None


# ----------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    start_logging(args.log_level)
    log.info("alliance-tui %s: %s", __version__, args.command or "app")
    try:
        return _run(parser, args)
    finally:
        stop_logging()


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command is None:
        return run_app(args)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.error(f"unknown command {args.command}")
    from .store import StoreError
    from .unlock import UnlockFailed

    vault = None
    try:
        if getattr(args, "unlocks", True):
            vault = _unlock(args)
        return handler(args)
    except UnlockFailed as exc:
        return fail(str(exc))
    except CommandFailed as exc:
        return fail(str(exc))
    except StoreError as exc:
        log.warning("%s refused: %s", args.command, type(exc).__name__)
        return fail(exc.message)
    except OSError as exc:
        log.warning("%s failed: %s (errno %s)", args.command, type(exc).__name__, exc.errno)
        return fail(f"{exc.filename or 'a file'}: {exc.strerror or exc}")
    except Exception as exc:  # the promise is one clear line, never a traceback
        log_failure(f"command {args.command}", exc)
        return fail(f"unexpected error ({type(exc).__name__}: {exc}); nothing was changed by this command")
    finally:
        if vault is not None:
            from .store.crypto.vault import detach

            detach(vault)


def _unlock(args: argparse.Namespace) -> Vault | None:
    """An encrypted practice's key, asked once before a command reads or writes it (unlock.py)."""
    from .store import resolve_data_dir
    from .unlock import unlock_practice

    return unlock_practice(
        resolve_data_dir(getattr(args, "data_dir", None)),
        passphrase_file=getattr(args, "passphrase_file", None),
        recovery_key_file=getattr(args, "recovery_key_file", None),
    )


def fail(message: str) -> int:
    print(f"alliance-tui: {message}", file=sys.stderr)
    return EXIT_FAILED


def say(message: str) -> None:
    print(message, file=sys.stderr)


# ----------------------------------------------------------------- helpers


def _open_read_only(args: argparse.Namespace) -> PracticeStore:
    from .store import PracticeStore, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    if not (data_dir / "practice.json").exists() and not (data_dir / "clients").is_dir():
        raise CommandFailed(f"there is no practice at {data_dir} yet (use --data-dir or $ALLIANCE_TUI_DATA)")
    return PracticeStore(data_dir, read_only=True).open()


def _find_client(store: PracticeStore, wanted: str) -> str:
    exact = store.find_client(wanted)
    if exact is not None:
        return exact.id
    key = " ".join(wanted.split()).casefold()
    summaries = store.summaries(include_archived=True)
    matches = [s for s in summaries if s.name.casefold().startswith(key)] or [
        s for s in summaries if key in s.name.casefold()
    ]
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        known = ", ".join(s.name for s in summaries) or "none yet"
        raise CommandFailed(f"no client called {wanted!r} (clients: {known})")
    raise CommandFailed(f"{wanted!r} could be {', '.join(s.name for s in matches)}: give more of the name")


def _emit(text: str, output: str | None, what: str) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .store import WriteFailed
    from .store.atomic import atomic_write_bytes

    target = Path(output).expanduser()
    if target.is_dir():
        raise CommandFailed(f"{target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise CommandFailed(f"the folder {target.parent} does not exist; nothing was written")
    try:
        atomic_write_bytes(target, text.encode("utf-8"))  # 0600 from the start: no chmod through the name
    except OSError as exc:
        raise WriteFailed.from_os_error(target, exc) from exc
    say(f"Wrote {what} to {target}")


# ----------------------------------------------------------------- commands


def _add_prep(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    prep = _sub(
        commands,
        "prep",
        help="the prep sheet for a client's next call, in Markdown",
        description="What to read in the two minutes before a call: a revisit due and why, open commitments "
        "with their dates, the last session's focus, the agreement with what changed since the last session, "
        "and the think-time figures. No notes, shared or private.",
    )
    prep.add_argument("client", metavar="CLIENT", help="the client's name (or the start of it)")
    _output_option(prep)
    prep.set_defaults(handler=cmd_prep)


def cmd_prep(args: argparse.Namespace) -> int:
    from .exports.prep import prep_of
    from .models.timeutil import local_date, utcnow

    store = _open_read_only(args)
    try:
        view = store.prep(_find_client(store, args.client))
        text = prep_of(
            view,
            categories=store.categories(),
            today=local_date(utcnow()),
            revisit_every=store.settings.revisit_every_sessions,
        )
        _emit(text, args.output, f"the prep sheet for {view.record.client.name}")
    finally:
        store.close()
    return EXIT_OK


def cmd_export_recap(args: argparse.Namespace) -> int:
    from .exports import NothingToExport, session_recap

    store = _open_read_only(args)
    try:
        record = store.record(_find_client(store, args.client))
        if not record.sessions:
            raise CommandFailed(f"{record.client.name} has had no session yet, so there is nothing to recap")
        number = args.session if args.session is not None else record.sessions[-1].number
        try:
            text = session_recap(record, number)
        except NothingToExport as exc:
            raise CommandFailed(str(exc)) from None
        _emit(text, args.output, f"the recap of session {number} with {record.client.name}")
    finally:
        store.close()
    return EXIT_OK


def cmd_export_alliance(args: argparse.Namespace) -> int:
    from .exports import NothingToExport, alliance_document

    store = _open_read_only(args)
    try:
        record = store.record(_find_client(store, args.client))
        try:
            text = alliance_document(
                record,
                version_number=args.version_number,
                categories=store.categories(),
                with_reasons=args.with_reasons,
            )
        except NothingToExport as exc:
            raise CommandFailed(str(exc)) from None
        _emit(text, args.output, f"{record.client.name}'s alliance document")
    finally:
        store.close()
    return EXIT_OK


def cmd_export_hours(args: argparse.Namespace) -> int:
    from .exports import hours_log_csv, hours_rows, hours_warnings
    from .models.credentials import hours_summary

    if args.since and args.until and args.since > args.until:
        raise CommandFailed("--since is after --until")
    store = _open_read_only(args)
    try:
        records = []
        summaries = store.summaries(include_archived=True)
        with TerminalProgress("Counting hours") as progress:
            for done, summary in enumerate(summaries):
                progress(done, len(summaries))
                try:
                    records.append(store.record(summary.id))
                except Exception as exc:
                    message = getattr(exc, "message", str(exc))
                    raise CommandFailed(f"cannot count {summary.name}'s hours: {message}") from None
        options = {"anonymise": args.anonymise, "since": args.since, "until": args.until}
        text = hours_log_csv(records, **options)
        rows = hours_rows(records, **options)
        _emit(text, args.output, "the coaching hours log")
        paid = sum(r.hours for r in rows if not r.pro_bono)
        free = sum(r.hours for r in rows if r.pro_bono)
        # Every hour counts toward a credential, named in the log or not.
        counted = hours_rows(records, anonymise=True, since=args.since, until=args.until)
        toward = (sum(r.hours for r in counted if not r.pro_bono), sum(r.hours for r in counted if r.pro_bono))
        say(hours_summary(len(rows), sum(r.sessions for r in rows), paid, free, toward=toward))
        for warning in hours_warnings(rows):
            say(f"Check: {warning}")
    finally:
        store.close()
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from .models.timeutil import utcnow
    from .store.backup import write_backup

    store = _open_read_only(args)
    try:
        with TerminalProgress("Backing up") as progress:
            backup, left_out = write_backup(
                store,
                args.file,
                now=utcnow(),
                overwrite=args.overwrite,
                skip_damaged=args.skip_damaged,
                progress=progress,
            )
    finally:
        store.close()
    say(f"Backed up {plural(len(backup.clients), 'client')} to {Path(args.file).expanduser()}")
    if left_out:
        say(f"Left out because their files cannot be read: {', '.join(left_out)}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from .encrypt_command import BackupKeys
    from .models.timeutil import utcnow
    from .store import PracticeStore, resolve_data_dir
    from .store.backup import read_backup, restore_backup

    data_dir = resolve_data_dir(args.data_dir)
    keys = BackupKeys(args.backup_passphrase_file)
    backup = read_backup(args.file, unlock=keys)
    adopted = keys.adopt(data_dir)  # an encrypted backup into a plain practice: encrypted with the backup's key
    restored = False
    try:
        with TerminalProgress("Restoring") as progress:
            result = restore_backup(data_dir, backup, now=utcnow(), replace=args.replace, progress=progress)
        restored = True
        store = PracticeStore(data_dir).open()  # rebuilds the practice index from the restored files
        try:
            count = len(store.summaries(include_archived=True))
            for problem in store.problems:
                say(f"Note: {problem}")
        finally:
            store.close()
    finally:
        keys.finish(data_dir, adopted, restored=restored)
    if adopted:
        say("The backup was encrypted, so the practice now is too, with the backup's passphrase.")
    say(f"Restored {plural(count, 'client')} into {data_dir}")
    if result.moved_aside is not None:
        say(f"What was there before was moved to {result.moved_aside}")
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    from .store import PracticeStore, resolve_data_dir
    from .store.erase import erase_client

    data_dir = resolve_data_dir(args.data_dir)
    if not (data_dir / "practice.json").exists():
        raise CommandFailed(f"there is no practice at {data_dir} yet")
    store = PracticeStore(data_dir).open()
    try:
        if store.open_elsewhere:
            raise CommandFailed(
                f"the practice is open in another Alliance TUI window ({store.open_elsewhere}). "
                "Close it, then erase again. Nothing was erased."
            )
        if store.read_only:
            raise CommandFailed(f"the practice in {data_dir} cannot be written to. Nothing was erased.")
        found = store.find_client(args.client)
        if found is None:
            raise CommandFailed(f"no client called {args.client!r}: give the full name. Nothing was erased.")
        report = erase_client(store, found.id, args.confirm)
    finally:
        store.close()
    print(report.text)
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from .store import resolve_data_dir
    from .store.auto_backup import all_backups, backups_dir

    data_dir = resolve_data_dir(args.data_dir)
    found = all_backups(data_dir)
    if not found:
        say(f"No automatic backups yet in {backups_dir(data_dir)} (one is taken each day the app opens).")
        return EXIT_OK
    for folder in found:
        clients = len(list((folder / "clients").glob("*.json")))
        print(f"{folder}  ({plural(clients, 'client')})")
    return EXIT_OK


# ----------------------------------------------------------------- the app


def lighten_start() -> None:
    """Start quicker: no search of every installed package for pydantic plugins (Alliance TUI uses
    none; ~30 ms, through pydantic's documented switch).

    The benchmark starts the app the same way.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _empty_demo_folder(folder: Path) -> Path:
    """A demo kept for later is built only where nothing is: never over a practice, never mixed into one."""
    try:
        held = folder.exists() and (not folder.is_dir() or any(folder.iterdir()))
    except OSError as exc:
        raise CommandFailed(f"cannot read {folder}: {exc.strerror or exc}") from None
    if held:
        raise CommandFailed(
            f"{folder} already holds files, so no demo was built there. "
            f"To open what it holds: alliance-tui --data-dir {shlex.quote(str(folder))}"
        )
    return folder


def run_app(args: argparse.Namespace) -> int:
    lighten_start()
    from .store import PracticeStore, StoreError, resolve_data_dir
    from .store.auto_backup import take_automatic_backup_quietly
    from .unlock import UnlockFailed

    demo_dir: tempfile.TemporaryDirectory[str] | None = None
    try:
        calendar = Path(args.calendar).expanduser() if args.calendar else None
        if args.demo and args.data_dir:
            from .demo import build_demo, write_demo_files

            store = build_demo(_empty_demo_folder(Path(args.data_dir).expanduser()))
            calendar = calendar or write_demo_files(store)
        elif args.demo:
            from .demo import build_demo, write_demo_files

            demo_dir = tempfile.TemporaryDirectory(prefix="alliance-tui-demo-")
            store = build_demo(Path(demo_dir.name) / "practice")
            calendar = calendar or write_demo_files(store)
        else:
            from .unlock import unlock_for_app

            data_dir = resolve_data_dir(args.data_dir)
            vault = unlock_for_app(
                data_dir, passphrase_file=args.passphrase_file, recovery_key_file=args.recovery_key_file
            )
            store = PracticeStore(data_dir, defer_changed=True, vault=vault)
            store.on_progress = say  # before the app draws: a plain line on the terminal
            store.open()
            if vault is not None and vault.state != "encrypted":
                command = "encrypt" if vault.state == "encrypting" else "decrypt"
                store.problems.append(
                    f"The practice's {command}ion was stopped part-way: every file is readable, some still "
                    f"{'plain' if command == 'encrypt' else 'encrypted'}. Close the app and run "
                    f"'alliance-tui {command}' to finish it."
                )
            take_automatic_backup_quietly(store)
    except (CommandFailed, UnlockFailed) as exc:
        return fail(str(exc))
    except StoreError as exc:
        return fail(exc.message)
    try:
        from .app import AllianceApp

        app = AllianceApp(store, demo=bool(args.demo), start_client=args.client, calendar=calendar)
        app.run()
        return app.return_code or 0
    finally:
        store.close()
        if demo_dir is not None:
            demo_dir.cleanup()
