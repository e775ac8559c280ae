"""The prep sheet: what a coach reads in the two minutes before a call, as Markdown.

The coach's own page (private notes are not on it either: it is read beside a
call, possibly on a shared screen, so it holds the agreement and the client's
commitments, not the coach's thoughts). The most urgent lines come first, so
the top of an 80x24 terminal already answers "where are we?".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo

from ..models.contacts import Contact, StartedBy, pace_note
from ..models.diff import ChangeKind, diff_versions
from ..models.nudges import Nudge, revisit_nudges
from ..models.prep_view import PrepView
from ..models.present import EARLIER_SESSIONS
from ..models.record import ClientRecord
from ..models.trends import SessionPauses, describe_pauses, pause_trend
from ..models.wording import plural
from .markdown import long_date, md_block, md_inline

_TAGS = {
    ChangeKind.ADDED: "new",
    ChangeKind.REWORDED: "reworded",
    ChangeKind.RECATEGORISED: "moved",
}


def prep_sheet(
    record: ClientRecord,
    *,
    categories: tuple[str, ...],
    today: date,
    revisit_every: int = 4,
    tz: tzinfo | None = None,
    contacts: Sequence[Contact] = (),
    trend: Sequence[SessionPauses] | None = None,
    nudges: Sequence[Nudge] | None = None,
) -> str:
    """The page; ``contacts`` are those since the last session (the store's read of the present).

    ``trend`` and ``nudges``, when given, are the figures kept in the present
    (see prep_of): the record then need hold only the present and the latest
    session. Think time is read over the recent sessions, as the session screen
    reads it.
    """
    client = record.client
    last = record.last_session
    number = record.next_session_number
    position, length = record.in_programme(number)
    head = f"# Prep: {md_inline(client.name)}, session {position} of {length}"
    out = [head, ""]
    recent = list(trend if trend is not None else pause_trend(record))[-EARLIER_SESSIONS:]
    think = f"think time {client.think_time_seconds} s"
    if recent:  # the last figures at the top; their trend is further down
        think += f" (last paused {recent[-1].median_seconds:.0f} s, session {recent[-1].session_number})"
    facts = [think]
    if last is not None:
        facts.insert(0, f"last session {long_date(last.started, tz)}")
    if record.open_session is not None:
        facts.insert(0, f"session {record.open_session.number} is open")
    out += [" · ".join(facts), ""]

    if nudges is None:
        nudges = revisit_nudges(record, revisit_every)
    if nudges:
        out += ["## ⚑ Time to revisit the alliance", ""]
        out += [f"- {md_inline(n.text)}" for n in nudges]
        out.append("")

    out += _commitments(record, today)
    out += _contacts(record, contacts, tz)
    out += _last_session(record)
    out += _agreement(record, categories)
    out += _think_time(record, recent)
    return "\n".join(out).rstrip() + "\n"


def prep_of(
    view: PrepView, *, categories: tuple[str, ...], today: date, revisit_every: int = 4, tz: tzinfo | None = None
) -> str:
    """The page from the store's prep read (the present and the latest session, not the history)."""
    return prep_sheet(
        view.record,
        categories=categories,
        today=today,
        revisit_every=revisit_every,
        tz=tz,
        contacts=view.present.contacts,
        trend=view.pause_trend,
        nudges=view.present.nudges(revisit_every),
    )


def _commitments(record: ClientRecord, today: date) -> list[str]:
    open_ones = record.open_commitments
    out = [f"## Open commitments ({len(open_ones)})", ""]
    if not open_ones:
        return [*out, "None to check in.", ""]
    for c in open_ones:
        line = f"- {md_block(c.what, indent=2)}"
        details = []
        if c.by_when:
            details.append(f"by {md_inline(c.by_label(today))}")
        if c.overdue(today):
            details.append("**overdue**")
        if c.session_number:
            details.append(f"made in session {c.session_number}")
        if details:
            line += f" ({', '.join(details)})"
        out.append(line)
    return [*out, ""]


def _contacts(record: ClientRecord, contacts: Sequence[Contact], tz: tzinfo | None) -> list[str]:
    """Between the sessions: when, how and who began it; a shared note's words, a private one only marked."""
    last = record.last_session
    since = f"since session {last.number}" if last is not None and last.ended is not None else "so far"
    if not contacts:
        return []  # where there are some: an empty section costs the first screen three lines
    out = [f"## Contacts {since} ({len(contacts)})", ""]
    for contact in contacts:
        who = "the client" if contact.started_by is StartedBy.CLIENT else "you"
        line = f"- {long_date(contact.created, tz)} · {contact.channel.value}, from {who}"
        line += f": {md_block(contact.note, indent=2)}" if not contact.private else " *(private note, on the review)*"
        out.append(line)
    agreed = record.client.contacts_between_sessions
    pace = pace_note(contacts, agreed, last.number if last is not None else None)
    if pace:
        out += ["", f"**{md_inline(pace)}**"]
    return [*out, ""]


def _last_session(record: ClientRecord) -> list[str]:
    last = record.last_session
    if last is None:
        return ["## Last session", "", "No sessions yet.", ""]
    out = [f"## Last session ({last.number})", ""]
    if last.focus:
        out.append(f"- Focus: {md_block(last.focus, indent=2)}")
    if last.success_measure:
        out.append(f"- Went well if: {md_block(last.success_measure, indent=2)}")
    if not last.focus and not last.success_measure:
        out.append("- No focus was set.")
    made = [c for c in record.commitments if c.session_number == last.number]
    if made:
        out.append(f"- Commitments made: {plural(len(made), 'commitment')}")
    return [*out, ""]


def _agreement(record: ClientRecord, categories: tuple[str, ...]) -> list[str]:
    current = record.current_alliance
    if current is None:
        return ["## The agreement", "", "Nothing agreed yet.", "", *_drafts(record)]
    last = record.last_session
    since = record.version_before_session(last.number) if last else current
    changes = {c.item.id: c for c in diff_versions(since, current)} if since is not current else {}
    changed = [c for c in changes.values() if c.kind is not ChangeKind.UNCHANGED]
    out = [f"## The agreement (version {current.number})", ""]
    if last is not None:
        out += [
            f"{plural(len(changed), 'change')} since session {last.number} began, marked *(new)*, *(reworded)*, "
            "*(moved)*."
            if changed
            else f"No changes since session {last.number} began.",
            "",
        ]
    for category, items in current.by_category(categories):
        out.append(f"**{md_inline(category)}**")
        out.append("")
        for item in items:
            change = changes.get(item.id)
            tag = _TAGS.get(change.kind) if change else None
            suffix = f" *({tag})*" if tag else ""
            out.append(f"- {md_block(item.wording, indent=2)}{suffix}")
        out.append("")
    out += _drafts(record)
    removed = [c for c in changed if c.kind is ChangeKind.REMOVED]
    if removed:
        out.append("**No longer part of the agreement**")
        out.append("")
        out += [f"- ~~{md_inline(c.item.wording)}~~" for c in removed]
        out.append("")
    return out


def _drafts(record: ClientRecord) -> list[str]:
    """Intake answers offered to the alliance and not yet decided on: not part of the agreement."""
    if not record.client.intake_drafts:
        return []
    waiting = plural(len(record.client.intake_drafts), "draft")
    return [f"*{waiting} from the intake wait in the alliance editor, not yet agreed.*", ""]


def _think_time(record: ClientRecord, trend: list[SessionPauses]) -> list[str]:
    if not trend:
        return ["## Think time", "", "No pauses recorded yet.", ""]
    recent = ", ".join(f"S{p.session_number} {p.median_seconds:.0f} s" for p in trend[-4:])
    return [
        "## Think time",
        "",
        f"{md_inline(describe_pauses(trend, record.client.think_time_seconds))} Medians, latest last: {recent}.",
        "",
    ]
