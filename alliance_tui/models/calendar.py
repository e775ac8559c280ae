"""Today's calls: calendar events matched to clients, and one line per call to prepare by.

Pure: the store reads the coach's calendar file; this decides which client an
event is with. A match the coach corrected wins (by the event's UID, so a
repeating call is corrected once for the whole series, else by its title);
then an attendee's email found in a client's contact; then the client's full
name in the event's title; then a first name that only one active client has.
An event that matches no one is still listed, as the coach wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from .summary import ClientSummary
from .wording import plural

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NOT_A_CLIENT = ""  # a remembered match to no one: "this event is not a call with a client"
CALL_LENGTH_IF_UNSAID = timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEvent:
    start: datetime  # aware
    end: datetime | None
    title: str
    attendees: tuple[str, ...] = ()  # email addresses, lower case
    uid: str = ""

    @property
    def finish(self) -> datetime:
        return self.end if self.end is not None and self.end > self.start else self.start + CALL_LENGTH_IF_UNSAID


@dataclass(frozen=True)
class PlannedCall:
    event: CalendarEvent
    client: ClientSummary | None  # None: no client matched
    matched_by: str = ""  # "yours" (a match you corrected), "email", "name" or "first name"


def emails_in(text: str) -> set[str]:
    return {m.lower() for m in _EMAIL.findall(text)}


def contact_emails(contact: str) -> tuple[str, ...]:
    """The emails in a client's contact line, as the practice index keeps them."""
    return tuple(sorted(emails_in(contact)))


KEY_MAX = 1_000  # as the settings keep them (settings_doc.MATCH_KEY_MAX)


def title_key(title: str) -> str:
    return ("title:" + " ".join(title.casefold().split()))[:KEY_MAX]


def match_keys(event: CalendarEvent) -> list[str]:
    """Where a correction of this event is remembered: its UID first, its title as well."""
    keys = [f"uid:{event.uid}"[:KEY_MAX]] if event.uid else []
    return [*keys, title_key(event.title)]


def match_events(
    events: list[CalendarEvent],
    clients: list[ClientSummary],
    remembered: Mapping[str, str] | None = None,
) -> list[PlannedCall]:
    """Each event, earliest first, with the client it is with.

    ``remembered`` maps an event's UID or title (see match_keys) to a client id,
    or to NOT_A_CLIENT: matches the coach corrected.
    """
    active = [c for c in clients if not c.archived]
    by_id = {c.id: c for c in active}
    by_email: dict[str, ClientSummary] = {}
    for client in active:
        for email in client.emails:
            by_email.setdefault(email, client)
    first_names: dict[str, list[ClientSummary]] = {}
    for client in active:
        first = client.name.split()[0].casefold() if client.name.split() else ""
        first_names.setdefault(first, []).append(client)
    planned = []
    for event in sorted(events, key=lambda e: e.start):
        corrected = _remembered(event, remembered or {}, by_id)
        planned.append(corrected or _match(event, active, by_email, first_names))
    return planned


def _remembered(
    event: CalendarEvent, remembered: Mapping[str, str], by_id: dict[str, ClientSummary]
) -> PlannedCall | None:
    for key in match_keys(event):
        if key not in remembered:
            continue
        client = by_id.get(remembered[key])
        if remembered[key] == NOT_A_CLIENT:
            return PlannedCall(event, None, "yours")
        if client is not None:  # a client since archived or erased: matched afresh
            return PlannedCall(event, client, "yours")
    return None


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


def minutes_until(moment: datetime, now: datetime) -> int:
    return round((moment - now).total_seconds() / 60)


def next_call(calls: list[PlannedCall], now: datetime) -> PlannedCall | None:
    """The call the coach prepares for now: the one under way, else the next to start; a client's before anyone's.

    An event with no client matched is only "next" when no client's call is
    left today (then the coach may want to say whose it is).
    """
    left = [c for c in calls if c.event.finish > now]
    with_client = [c for c in left if c.client is not None]
    chosen = with_client or [c for c in left if c.matched_by != "yours"]
    return chosen[0] if chosen else None


def summary_line(call: PlannedCall, now: datetime, *, calls_today: int) -> str:
    """'Today 14:00 Daniel Reyes (in 25 min) · session 4 of 12 · ⚑ revisit due', from the index alone."""
    when = call.event.start.astimezone().strftime("%H:%M")
    soon = in_words(minutes_until(call.event.start, now))
    client = call.client
    if client is None:
        title = call.event.title or "(no title)"
        return f"Today {when} {title} ({soon}) · no client matched"
    parts = [f"Today {when} {client.name} ({soon})"]
    if not client.problem:
        parts.append(f"session {client.held_in_programme + 1} of {client.programme_sessions}")
        if client.revisit_due:
            parts.append("⚑ revisit due")
    others = calls_today - 1
    if others > 0:
        parts.append(f"{plural(others, 'other call')} today")
    return " · ".join(parts)


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
            said = "no client's call, as you said" if call.matched_by == "yours" else "no client matched"
            lines.append(f"{when}  {call.event.title or '(no title)'}  ({said})")
            continue
        soon = f" ({in_words(minutes_until(call.event.start, now))})" if now else ""
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
