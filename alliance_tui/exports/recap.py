"""The recap a coach sends the client after a session.

Only what was shared goes in: the session agreement (what the client wanted
from today and how they would know), the alliance adjustments made in that
session, the commitments made in it, and the notes the coach marked shared.
A private note never appears, whatever its kind; the filter is one line below
(``_shared_notes``) and the tests throw generated notes at it.
"""

from __future__ import annotations

from datetime import tzinfo

from ..models.commitments import Commitment
from ..models.diff import ChangeKind, diff_versions
from ..models.ladder import ladder_of
from ..models.notes import Note, NoteKind
from ..models.programme import programme_of
from ..models.record import ClientRecord
from .markdown import long_date, md_block, md_inline

_WHO = {"client": "you asked for this", "coach": "I asked for this", "both": "we agreed this together"}


class NothingToExport(ValueError):
    """The export was asked for something that does not exist; the message is for the coach."""


def _shared_notes(record: ClientRecord, session_number: int) -> list[Note]:
    return [n for n in record.notes_of(session_number) if n.private is False]


def _commitment_lines(commitment: Commitment) -> list[str]:
    lines = [f"- {md_block(commitment.what, indent=2)}"]
    if commitment.by_when:
        lines.append(f"  - By when: {md_inline(commitment.by_label(long=True))}")
    if commitment.how_accountable:
        lines.append(f"  - How you want to be held to it: {md_block(commitment.how_accountable, indent=4)}")
    return lines


def _adjustment_lines(record: ClientRecord, session_number: int) -> list[str]:
    made = [v for v in record.versions if v.session_number == session_number]
    if not made:
        return []
    before = record.version_before_session(session_number)
    lines: list[str] = []
    for change in diff_versions(before, made[-1]):
        item = change.item
        who = _WHO.get(item.requested_by.value, "")
        suffix = f" ({who})" if who and change.kind is not ChangeKind.REMOVED else ""
        wording = md_block(item.wording, indent=2)
        category = md_inline(item.category)
        if change.kind is ChangeKind.ADDED:
            lines.append(f"- New, {category}: {wording}{suffix}")
        elif change.kind is ChangeKind.REWORDED:
            lines.append(f"- Changed, {category}: {wording}{suffix}")
        elif change.kind is ChangeKind.RECATEGORISED:
            lines.append(f"- Moved to {category}: {wording}")
        elif change.kind is ChangeKind.REMOVED:
            lines.append(f"- No longer part of our agreement: {wording}")
    return lines


def session_recap(record: ClientRecord, session_number: int, *, tz: tzinfo | None = None) -> str:
    """The Markdown recap of one session, ready to paste into an email."""
    session = record.session(session_number)
    if session is None:
        raise NothingToExport(f"{record.client.name} has no session {session_number}.")
    name = md_inline(record.client.name)
    out = [f"# Session {session.number} recap: {name}", "", f"{long_date(session.started, tz)}", ""]

    if session.focus or session.success_measure:
        out += ["## What we set out to do", ""]
        if session.focus:
            out.append(f"- What you wanted from today: {md_block(session.focus, indent=2)}")
        if session.success_measure:
            out.append(f"- How you would know it went well: {md_block(session.success_measure, indent=2)}")
        out.append("")

    if session.landed is not None:
        ladder = ladder_of(record.ladders, programme_of(record.programmes, session.number, record.client).number)
        words = ladder.words_for(session.landed) if ladder is not None else ""
        out += [
            "## Where this session landed",
            "",
            f"- {session.landed.label.capitalize()}" + (f": {md_block(words, indent=2)}" if words else ""),
            "",
        ]

    adjustments = _adjustment_lines(record, session_number)
    if adjustments:
        out += ["## How we work together: what changed", "", *adjustments, ""]

    commitments = [c for c in record.commitments if c.session_number == session_number]
    if commitments:
        out += ["## What you committed to", ""]
        for commitment in commitments:
            out += _commitment_lines(commitment)
        out.append("")

    checked = [
        c for c in record.commitments if c.checked_in_session == session_number and c.session_number != session_number
    ]
    if checked:
        out += ["## From last time", ""]
        out += [f"- {md_block(c.what, indent=2)}: {c.status.label}" for c in checked]
        out.append("")

    notes = _shared_notes(record, session_number)
    if notes:
        out += ["## Notes", ""]
        for note in notes:
            if note.kind is NoteKind.REVISIT and note.prompt:
                out.append(f"- *{md_inline(note.prompt)}*")
                out.append(f"  {md_block(note.text, indent=2)}")
            else:
                out.append(f"- {md_block(note.text, indent=2)}")
        out.append("")

    if len(out) == 4:
        out += ["Nothing from this session was marked to share.", ""]
    return "\n".join(out).rstrip("\n") + "\n"
