"""`alliance-tui intake export|import`: the questionnaire out, the client's answers back in.

Import shows what it would add and changes nothing until asked again with
--apply: the answers join the client's discovery notes, marked as from the
intake, and each answer waits as a draft agreement in its category for the
coach to accept, edit or skip in the alliance editor (store/intake.py does
the same for the app). A second import of the same answers is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .models.timeutil import local_date, utcnow

MAX_FORM_BYTES = 1024 * 1024


def add_intake_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    intake = commands.add_parser(
        "intake",
        help="send a client the intake questionnaire, and read their answers back",
        description="'export' writes the intake questionnaire (plain Markdown) for a client; 'import' reads a "
        "filled form back, shows what it would add, and adds it to the client's discovery notes with --apply.",
    )
    actions = intake.add_subparsers(dest="intake_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the questionnaire for a client")
    export.add_argument("client", metavar="CLIENT", help="the client's name (or the start of it)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing it")
    export.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the practice lives")
    export.set_defaults(handler=cmd_intake_export)
    read = actions.add_parser("import", help="read a filled form back (shows it; --apply adds it)")
    read.add_argument("file", metavar="FILE", type=Path, help="the filled form")
    read.add_argument("--apply", action="store_true", help="add the answers to the client's discovery notes")
    read.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the practice lives")
    read.set_defaults(handler=cmd_intake_import)
    clients = actions.add_parser("clients", help="add clients from another tool's CSV export (shows first)")
    clients.add_argument("file", metavar="FILE", type=Path, help="a CSV file with a header line")
    clients.add_argument("--apply", action="store_true", help="add the clients the plan lists")
    clients.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the practice lives")
    clients.set_defaults(handler=cmd_intake_clients)


def cmd_intake_export(args: argparse.Namespace) -> int:
    from .cli import _emit, _find_client, _open_read_only
    from .exports.intake import intake_form
    from .store.intake import intake_questions

    store = _open_read_only(args)
    try:
        client_id = _find_client(store, args.client)
        summary = store.summary(client_id)
        form = intake_form(summary.name, client_id, intake_questions(store))
        _emit(form, args.output, f"the intake form for {summary.name}")
    finally:
        store.close()
    return 0


def cmd_intake_import(args: argparse.Namespace) -> int:
    from .cli import CommandFailed, _open_read_only
    from .models.wording import plural
    from .store import PracticeStore, StoreError, resolve_data_dir
    from .store.intake import apply_intake, read_form

    store = PracticeStore(resolve_data_dir(args.data_dir)).open() if args.apply else _open_read_only(args)
    try:
        try:
            answers = read_form(store, args.file)
        except StoreError as exc:
            raise CommandFailed(exc.message) from None
        name = store.summary(answers.client_id).name
        print(f"{name}'s intake: {len(answers.answers)} of {len(answers.answers) + len(answers.unanswered)} answered")
        for answer in answers.answers:
            first = answer.text.splitlines()[0]
            print(f"  {answer.question.category}: {first[:100]}")
        if not args.apply:
            print("Nothing was changed. Run again with --apply to add these answers to the discovery notes,")
            print(
                "each offered as a draft agreement to accept, edit or skip in the alliance editor "
                "(ctrl+g on the review)."
            )
            return 0
        if store.read_only:
            raise CommandFailed("the practice is open in Alliance TUI or cannot be written. Nothing was changed.")
        try:
            _, drafts = apply_intake(store, answers, local_date(utcnow()).isoformat())
        except StoreError as exc:
            raise CommandFailed(exc.message) from None
        print(f"Added to {name}'s discovery notes, marked as from the intake.")
        print(
            f"{plural(drafts, 'draft agreement')} to accept, edit or skip in the alliance editor "
            "(ctrl+g on the review)."
        )
    finally:
        store.close()
    return 0


def cmd_intake_clients(args: argparse.Namespace) -> int:
    """Clients from a CSV file: the plan first, then (with --apply) each added, one durable write each."""
    from .cli import CommandFailed, _open_read_only
    from .models.client_import import ClientImportProblem, plan_client_import
    from .models.wording import plural
    from .store import PracticeStore, StoreError, resolve_data_dir

    try:
        if args.file.stat().st_size > MAX_FORM_BYTES * 10:
            raise CommandFailed(f"{args.file} is too large to be a list of clients. Nothing was changed.")
        text = args.file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandFailed(f"{args.file} is not text (UTF-8). Nothing was changed.") from None
    except OSError as exc:
        raise CommandFailed(f"{args.file}: {exc.strerror or exc}. Nothing was changed.") from None
    store = PracticeStore(resolve_data_dir(args.data_dir)).open() if args.apply else _open_read_only(args)
    try:
        names = {s.name.casefold() for s in store.summaries(include_archived=True)}
        try:
            plan = plan_client_import(text, names)
        except ClientImportProblem as exc:
            raise CommandFailed(f"{args.file}: {exc} Nothing was changed.") from None
        print(f"{plural(len(plan.add), 'client')} to add, {plural(len(plan.skip), 'line')} skipped")
        for planned in plan.add:
            print(f"  + {planned.name}")
        for reason in plan.skip:
            print(f"  - {reason}")
        if not args.apply:
            print("Nothing was changed. Run again with --apply to add them.")
            return 0
        if store.read_only:
            raise CommandFailed("the practice is open in Alliance TUI or cannot be written. Nothing was changed.")
        added = 0
        for planned in plan.add:
            try:
                store.add_client(**planned.fields)
            except StoreError as exc:
                print(f"  - line {planned.row}: not added: {exc.message}")
                continue
            added += 1
        print(f"Added {plural(added, 'client')}.")
    finally:
        store.close()
    return 0
