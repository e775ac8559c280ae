"""The review's account of where things stand: the head, what is due, the agreement, the promises, the contacts.

Each function draws one section from the client's record (and what the store
knows beside it, passed in), so the screen only puts the sections in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..models.client import Client
from ..models.contacts import contact_line, pace_note
from ..models.contacts import since as contacts_since
from ..models.diff import ChangeKind, diff_versions
from ..models.nudges import Nudge
from ..models.programme import current_programme_number
from ..models.record import ClientRecord
from ..models.revisit_walk import under_way
from ..models.wording import plural
from ..widgets.version_diff import TAG_WIDTH, change_tag, hanging, item_line
from .dashboard import short_date


def head_text(record: ClientRecord) -> Text:
    """Who, where in the programme, and the few figures to glance at before the call."""
    client = record.client
    nxt = record.next_session_number
    state = "in progress" if record.open_session else "next"
    head = Text()
    head.append(client.name, style="bold")
    if client.pronouns:
        head.append(f" ({client.pronouns})")
    position, length = record.in_programme(nxt)
    number = current_programme_number(record.programmes)
    where = f"Programme {number}, session" if number > 1 else "Session"
    head.append(f"   {where} {position} of {length} {state}")
    if record.last_session:
        head.append(f" · last held {short_date(record.last_session.started)}")
    if client.contact:
        head.append(f"\n{client.contact}", style="dim")
    glance = [
        plural(len(record.open_commitments), "open commitment"),
        f"alliance v{record.current_alliance.number}" if record.current_alliance else "no alliance yet",
        f"think time {client.think_time_seconds} s",
    ]
    head.append("\n" + " · ".join(glance) + "   (n: next section)", style="italic")
    if client.archived:
        head.append("\nArchived client.", style="bold")
    if record.revisit_draft:
        items = record.current_alliance.items if record.current_alliance else []
        head.append(f"\n{under_way(items, record.revisit_draft[-1])}: ctrl+g then v resumes it", style="bold")
    return head


def discovery_text(client: Client) -> Text:
    discovery = Text(client.discovery_notes or "None written (ctrl+t reads an intake form).")
    discovery.stylize("" if client.discovery_notes else "dim")
    if client.intake_drafts:
        waiting = plural(len(client.intake_drafts), "draft agreement")
        discovery.append(f"\n{waiting} from the intake wait in the editor (ctrl+g).", style="bold cyan")
    return discovery


def nudges_section(nudges: Sequence[Nudge]) -> Static:
    if not nudges:
        return Static(Text("✓ No revisit of the alliance is due.", style="dim"), id="nudges")
    reasons = hanging([(Text("•"), Text(nudge.text)) for nudge in nudges], tag_width=1)
    due = Static(reasons, id="nudges", classes="due")
    # In the border, so its colour comes from the theme (legible in light and ANSI themes).
    due.border_title = "⚑ Time to revisit the alliance"
    return due


def alliance_section(record: ClientRecord, categories: tuple[str, ...]) -> list[Static]:
    current = record.current_alliance
    if current is None:
        return [
            Static("The alliance", classes="title"),
            Static(Text("Nothing agreed yet: ctrl+g adds the first agreements.", style="dim"), classes="block"),
        ]
    last = record.last_session
    since = record.version_before_session(last.number) if last else current
    changes = diff_versions(since, current) if since is not current else []
    marks = {c.item.id: c for c in changes}
    title = f"The alliance (version {current.number}, {short_date(current.created)})"
    changed = [c for c in changes if c.kind is not ChangeKind.UNCHANGED]
    parts: list[Text | Table] = []
    if last and changed:
        parts.append(Text(f"{len(changed)} changed since session {last.number} began, marked below.", style="italic"))
    elif last:
        parts.append(Text(f"No changes since session {last.number} began.", style="dim italic"))
    for category, items in current.by_category(categories):
        parts.append(Text(category, style="bold underline"))
        rows: list[tuple[Text, Text]] = []
        for item in items:
            change = marks.get(item.id)
            kind = change.kind if change else ChangeKind.UNCHANGED
            body = Text(item.wording)
            body.append(f"  ({item.requested_by.value})", style="dim")
            if change and change.before is not None and kind is ChangeKind.REWORDED:
                body.append("\nwas: " + change.before.wording, style="dim")
            if change and change.before is not None and kind is ChangeKind.RECATEGORISED:
                body.append(f"\nmoved from {change.before.category}", style="dim")
            rows.append((change_tag(kind), body))
        parts.append(hanging(rows, tag_width=TAG_WIDTH if changed else 2))
    removed = [c for c in changes if c.kind is ChangeKind.REMOVED]
    if removed and last:
        parts.append(Text(f"Removed since session {last.number} began", style="bold underline"))
        parts.append(
            hanging([(change_tag(ChangeKind.REMOVED), item_line(c.item)) for c in removed], tag_width=TAG_WIDTH)
        )
    return [Static(title, classes="title"), Static(Group(*parts), classes="block", id="alliance")]


def coverage_section(record: ClientRecord, categories: tuple[str, ...]) -> list[Static]:
    """Each category designed, never designed, or gone quiet; and the areas an assessor would miss."""
    from ..models.coverage import Status, coverage, missing_areas, say_missing, touched_by_versions

    touched = dict(touched_by_versions(None, record.versions, record.session_of))
    states = coverage(record.current_alliance, categories, touched, record.next_session_number)
    marks = {Status.DESIGNED: ("✓", "green"), Status.NOT_DESIGNED: ("○", "bold"), Status.QUIET: ("◌", "yellow")}
    rows = []
    for state in states:
        mark, style = marks[state.status]
        body = Text(f"{state.category}: ", style="bold" if state.status is not Status.DESIGNED else "")
        body.append(state.words, style="dim" if state.status is Status.DESIGNED else "italic")
        rows.append((Text(mark, style=style), body))
    parts: list[Text | Table] = [hanging(rows, tag_width=2)]
    missing = say_missing(missing_areas(record.current_alliance))
    if missing:
        parts.append(Text(missing + " Ask about them at the next revisit.", style="italic"))
    return [
        Static("What the alliance covers", classes="title"),
        Static(Group(*parts), classes="block", id="coverage"),
    ]


def commitments_section(record: ClientRecord, today: date) -> list[Static]:
    open_ones = record.open_commitments
    rows: list[tuple[Text, Text]] = []
    for c in open_ones:
        body = Text(c.what)
        late = "overdue" if c.overdue(today) else ""
        details = [d for d in (f"by {c.by_label(today)}" if c.by_when else "", late, c.how_accountable) if d]
        where = f"S{c.session_number}" if c.session_number else "intake"
        body.append(f"\nmade in {where}", style="dim")
        if details:
            body.append(" · " + " · ".join(details), style="dim")
        rows.append((Text(f"{c.status.symbol} {c.status.label}", style="bold"), body))
    content = hanging(rows) if rows else Text("No open commitments.", style="dim")
    return [
        Static(f"Open commitments to check in ({len(open_ones)})", classes="title"),
        Static(content, classes="block", id="commitments"),
    ]


def contacts_section(record: ClientRecord) -> list[Static]:
    """Contacts between sessions since the last one ended, and a quiet line if past what was agreed."""
    ended = [s for s in record.sessions if s.ended is not None]
    last = max(ended, key=lambda s: s.number) if ended else None
    found = contacts_since(record.contacts, last.ended if last else None)
    where = f"since session {last.number}" if last else "before the first session"
    rows: list[tuple[Text, Text]] = []
    for contact in found:
        body = Text(contact.note)
        body.append(f"\n{short_date(contact.created)} · {contact_line(contact)}", style="dim")
        rows.append((Text(contact.channel.value, style="bold"), body))
    parts: list[Text | Table] = [hanging(rows) if rows else Text("None logged. ctrl+k logs one.", style="dim")]
    agreed = record.client.contacts_between_sessions
    pace = pace_note(found, agreed, last.number if last else None)
    if pace:
        parts.append(Text(pace, style="italic"))
    elif agreed:
        parts.append(Text(f"{agreed} between sessions agreed.", style="dim italic"))
    return [
        Static(f"Contacts {where} ({len(found)})", classes="title"),
        Static(Group(*parts), classes="block", id="contacts"),
    ]
