"""Today's calls: calendar events matched to clients, and one line per call to prepare by.

Pure: the store reads the coach's calendar file; this decides which client an
event is with. An attendee's email known as the client's contact wins; then the
client's full name in the event's title; then a first name that only one active
client has. An event that matches no one is still listed, as the coach wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .summary import ClientSummary
from .wording import plural

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class CalendarEvent:
    start: datetime  # aware
    end: datetime | None
    title: str
    attendees: tuple[str, ...] = ()  # email addresses, lower case


@dataclass(frozen=True)
class PlannedCall:
    event: CalendarEvent
    client: ClientSummary | None  # None: no client matched
    matched_by: str = ""  # "email", "name" or "first name"


def emails_in(text: str) -> set[str]:
    return {m.lower() for m in _EMAIL.findall(text)}


def match_events(
    events: list[CalendarEvent], clients: list[ClientSummary], contacts: dict[str, str]
) -> list[PlannedCall]:
    """Each event, earliest first, with the client it is with. ``contacts`` maps client id to contact text."""
    active = [c for c in clients if not c.archived]
    by_email: dict[str, ClientSummary] = {}
    for client in active:
        for email in emails_in(contacts.get(client.id, "")):
            by_email.setdefault(email, client)
    first_names: dict[str, list[ClientSummary]] = {}
    for client in active:
        first = client.name.split()[0].casefold() if client.name.split() else ""
        first_names.setdefault(first, []).append(client)
    planned = []
    for event in sorted(events, key=lambda e: e.start):
        planned.append(_match(event, active, by_email, first_names))
    return planned


def _match(
    event: CalendarEvent,
    active: list[ClientSummary],
    by_email: dict[str, ClientSummary],
    first_names: dict[str, list[ClientSummary]],
) -> PlannedCall:
    for email in event.attendees:
        if email in by_email:
            return PlannedCall(event, by_email[email], "email")
    title = event.title.casefold()
    words = set(re.findall(r"\w+", title))
    named = [c for c in active if c.name.casefold() in title]
    if len(named) == 1:
        return PlannedCall(event, named[0], "name")
    if len(named) > 1:  # "Ann" and "Ann Lee" both in "Ann Lee": the longest name is the one meant
        longest = max(named, key=lambda c: len(c.name))
        return PlannedCall(event, longest, "name")
    candidates = [c for first, cs in first_names.items() if first in words for c in cs]
    if len(candidates) == 1:
        return PlannedCall(event, candidates[0], "first name")
    return PlannedCall(event, None)


def in_words(minutes: int) -> str:
    """'in 25 min', 'in 2 h 5 min', 'now', '40 min ago'."""
    if -5 <= minutes <= 0:
        return "now"
    if minutes < 0:
        return f"{-minutes} min ago" if minutes > -60 else f"{-minutes // 60} h ago"
    if minutes < 60:
        return f"in {minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"in {hours} h" + (f" {rest} min" if rest else "")


@dataclass(frozen=True)
class CallPrep:
    """What one line under a call says: the client's place in the programme and what to check in."""

    session_label: str  # "session 4 of 12"
    revisit_due: bool
    open_commitments: int
    overdue: int
    last_focus: str


def day_plan(
    day_label: str,
    calls: list[PlannedCall],
    preps: dict[str, CallPrep],
    now: datetime | None,
    without_call: list[ClientSummary],
) -> list[str]:
    """The day as lines of plain text: the time, who, how soon, and one prep line per call."""
    lines = [day_label]
    if not calls:
        lines.append("No calls in the calendar.")
    for call in calls:
        when = call.event.start.astimezone().strftime("%H:%M")
        if call.client is None:
            lines.append(f"{when}  {call.event.title or '(no title)'}  (no client matched)")
            continue
        soon = f" ({in_words(round((call.event.start - now).total_seconds() / 60))})" if now else ""
        prep = preps.get(call.client.id)
        head = f"{when}  {call.client.name}{soon}"
        if prep is not None:
            head += f" · {prep.session_label}" + (" · ⚑ revisit due" if prep.revisit_due else "")
        lines.append(head)
        if prep is not None:
            detail = plural(prep.open_commitments, "open commitment")
            if prep.overdue:
                detail += f", {prep.overdue} overdue"
            if prep.last_focus:
                detail += f" · last focus: {prep.last_focus}"
            lines.append(f"       {detail}")
    if without_call:
        lines.append("No call today: " + ", ".join(c.name for c in without_call))
    return lines
