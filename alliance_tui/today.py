"""`alliance-tui today [DATE]`: the day's calls from the coach's calendar, each with a line to prepare by."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .models.calendar import CalendarEvent, CallPrep, PlannedCall, day_plan, match_events
from .models.summary import ClientSummary
from .models.timeutil import local_date, utcnow

if TYPE_CHECKING:
    from .store import PracticeStore


def add_today_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    today = commands.add_parser(
        "today",
        help="the day's calls from your calendar file, each with a prep line",
        description="Read your calendar (an .ics file or a folder of them, offline and read-only), match each "
        "call to a client by email or name, and print the day with one line to prepare by per call. "
        "The calendar is --calendar PATH, or 'calendar' in the config file's [preferences].",
    )
    today.add_argument("date", nargs="?", type=date.fromisoformat, metavar="DATE", help="YYYY-MM-DD (default today)")
    today.add_argument("--calendar", metavar="PATH", default=argparse.SUPPRESS, help="an .ics file or a folder of them")
    today.add_argument(
        "--link",
        metavar="HH:MM=NAME",
        help="the call at that time is with that client (HH:MM=- : it is no client's call); remembered for its "
        "whole series",
    )
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
    from .store.calendar_file import CalendarProblem, read_day

    path = calendar_path(getattr(args, "calendar", None))
    if path is None:
        raise CommandFailed("no calendar is set: give --calendar PATH, or set calendar in the config's [preferences]")
    now = utcnow()
    day = args.date or local_date(now)
    try:
        events = read_day(path, day)
    except CalendarProblem as exc:
        raise CommandFailed(exc.message) from None
    store = _open_writable(args) if args.link else _open_read_only(args)
    try:
        if args.link:
            _link(store, events, args.link)
        calls, preps, without_call = plan_day(store, events, day)
        label = f"{day:%A} {day.day} {day:%B %Y}"
        is_today = day == local_date(now)
        lines = day_plan(label, calls, preps, datetime.now().astimezone() if is_today else None, without_call)
    finally:
        store.close()
    print("\n".join(lines))
    return 0


def plan_day(
    store: PracticeStore, events: list[CalendarEvent], day: date
) -> tuple[list[PlannedCall], dict[str, CallPrep], list[ClientSummary]]:
    """The calls matched from the index alone; each matched client's present (never their history) for its line."""
    from .store import StoreError
    from .store.calendar_matches import remembered_matches

    clients = store.summaries(include_archived=False)
    calls = match_events(events, clients, remembered_matches(store))
    every = store.settings.revisit_every_sessions
    preps: dict[str, CallPrep] = {}
    for call in calls:
        if call.client is None or call.client.id in preps:
            continue
        try:
            present = store.present(call.client.id)
        except StoreError:  # a damaged file: the call is still listed, without its prep line
            continue
        open_ones = present.open_commitments
        last = present.session
        preps[call.client.id] = CallPrep(
            session_label="session {} of {}".format(*present.in_programme(present.next_session_number)),
            revisit_due=bool(present.nudges(every)),
            open_commitments=len(open_ones),
            overdue=sum(1 for c in open_ones if c.overdue(day)),
            last_focus=last.focus if last is not None else "",
        )
    met = {c.client.id for c in calls if c.client is not None}
    return calls, preps, [c for c in clients if c.id not in met]


def _open_writable(args: argparse.Namespace) -> PracticeStore:
    from .cli import CommandFailed, _open_read_only
    from .store import PracticeStore, resolve_data_dir

    _open_read_only(args).close()  # says plainly when there is no practice there
    store = PracticeStore(resolve_data_dir(args.data_dir)).open()
    if store.read_only:
        store.close()
        raise CommandFailed("the practice is open in Alliance TUI: correct the match there (ctrl+l on the dashboard)")
    return store


def _link(store: PracticeStore, events: list[CalendarEvent], said: str) -> None:
    """--link 'HH:MM=NAME' (or '=-' for no client): the call at that time is with that client, remembered."""
    from .cli import CommandFailed, _find_client
    from .store import StoreError
    from .store.calendar_matches import remember_match

    when, sep, who = said.partition("=")
    if not sep or not who.strip():
        raise CommandFailed(f"--link {said!r}: say it as HH:MM=NAME, or HH:MM=- for an event that is no client's call")
    at = [e for e in events if e.start.astimezone().strftime("%H:%M") == when.strip()]
    if len(at) != 1:
        times = ", ".join(e.start.astimezone().strftime("%H:%M") for e in events) or "none that day"
        what = "no call starts" if not at else f"{len(at)} calls start"
        raise CommandFailed(f"--link: {what} at {when.strip()!r} (the day's calls start at {times})")
    client_id = None if who.strip() == "-" else _find_client(store, who.strip())
    try:
        remember_match(store, at[0], client_id)
    except StoreError as exc:
        raise CommandFailed(exc.message) from None
    title = at[0].title or "(no title)"
    if client_id is None:
        print(f"Remembered: {title} is no client's call (and so is the rest of its series).")
    else:
        print(f"Remembered: {title} is with {store.summary(client_id).name} (and so is the rest of its series).")
