"""`alliance-tui today [DATE]`: the day's calls from the coach's calendar, each with a line to prepare by."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from .models.calendar import CallPrep, day_plan, match_events
from .models.timeutil import local_date, utcnow


def add_today_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    today = commands.add_parser(
        "today",
        help="the day's calls from your calendar file, each with a prep line",
        description="Read your calendar (an .ics file or a folder of them, offline and read-only), match each "
        "call to a client by email or name, and print the day with one line to prepare by per call. "
        "The calendar is --calendar PATH, or 'calendar' in the config file's [preferences].",
    )
    today.add_argument("date", nargs="?", type=date.fromisoformat, metavar="DATE", help="YYYY-MM-DD (default today)")
    today.add_argument("--calendar", metavar="PATH", help="an .ics file or a folder of them")
    today.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the practice lives")
    today.set_defaults(handler=cmd_today)


def calendar_path(explicit: str | None) -> Path | None:
    """--calendar, else the config file's [preferences] calendar, else none."""
    if explicit:
        return Path(explicit).expanduser()
    from .store.config_file import read_user_config

    preferences = read_user_config().config.preferences
    chosen = preferences.calendar if preferences is not None else None
    return Path(chosen).expanduser() if chosen else None


def cmd_today(args: argparse.Namespace) -> int:
    from .cli import CommandFailed, _open_read_only
    from .models.nudges import revisit_nudges
    from .store.calendar_file import CalendarProblem, read_day

    path = calendar_path(args.calendar)
    if path is None:
        raise CommandFailed("no calendar is set: give --calendar PATH, or set calendar in the config's [preferences]")
    now = utcnow()
    day = args.date or local_date(now)
    try:
        events = read_day(path, day)
    except CalendarProblem as exc:
        raise CommandFailed(exc.message) from None
    store = _open_read_only(args)
    try:
        clients = store.summaries(include_archived=False)
        contacts = {}
        records = {}
        for summary in clients:
            try:
                records[summary.id] = store.record(summary.id)
            except Exception:  # a damaged file: the call is still listed, without its prep line
                continue
            contacts[summary.id] = records[summary.id].client.contact
        calls = match_events(events, clients, contacts)
        preps = {}
        for call in calls:
            if call.client is None or call.client.id not in records:
                continue
            record = records[call.client.id]
            last = record.last_session
            preps[call.client.id] = CallPrep(
                session_label="session {} of {}".format(*record.in_programme(record.next_session_number)),
                revisit_due=bool(revisit_nudges(record, store.settings.revisit_every_sessions)),
                open_commitments=len(record.open_commitments),
                overdue=sum(1 for c in record.open_commitments if c.overdue(day)),
                last_focus=last.focus if last is not None else "",
            )
        met = {c.client.id for c in calls if c.client is not None}
        label = f"{day:%A} {day.day} {day:%B %Y}"
        is_today = day == local_date(now)
        lines = day_plan(
            label,
            calls,
            preps,
            datetime.now().astimezone() if is_today else None,
            [c for c in clients if c.id not in met],
        )
    finally:
        store.close()
    print("\n".join(lines))
    return 0
