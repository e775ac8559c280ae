"""Logging a contact between sessions from a screen (dashboard, review), and taking it back.

Shared by the screens that offer the contact line: the store write, the line's
confirmation naming what was written, and ctrl+z for the contacts logged from
that screen, newest first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.undo import Added, UndoStack, undone_message
from ..store import StoreError
from ..widgets.contact_line import ContactLine

if TYPE_CHECKING:
    from .base import AllianceScreen


def save_contact(screen: AllianceScreen, undo: UndoStack, event: ContactLine.Submitted) -> None:
    """Write the contact; the line then says what was written, or why not (the words stay)."""
    from ..store.contacts import log_contact

    line = screen.query_one(ContactLine)
    try:
        contact = log_contact(
            screen.store,
            event.client_id,
            event.note,
            channel=event.channel,
            started_by=event.started_by,
            private=event.private,
        )
    except StoreError as exc:
        line.refuse(f"{exc.message} (not saved; your words are still here)")
        return
    who = "from the client" if contact.started_by.value == "client" else "from you"
    shown = "private" if contact.private else "shared"
    label = f"Contact logged for {line.client_name}: {contact.channel.value}, {who}, {shown}"
    undo.push(Added(label, event.client_id, "contacts", contact.id))
    line.confirm(f"✉ {label} · ctrl+z takes it back")


def undo_contact(screen: AllianceScreen, undo: UndoStack) -> None:
    """ctrl+z: the newest contact logged from this screen goes again; said in the line."""
    step = undo.pop()
    if step is None:
        screen.notify("Nothing to undo: no contact or intake form was added from this screen.", timeout=4)
        return
    line = screen.query_one(ContactLine)
    try:
        screen.store.undo(step)
    except StoreError as exc:
        undo.push(step)
        if line.is_open:
            line.refuse(f"{exc.message} (not undone)")
        else:  # the line is closed (an intake form taken back, say): said where the coach looks
            screen.notify(f"{exc.message} (not undone)", severity="warning", timeout=6, markup=False)
        return
    if line.is_open:
        line.say(undone_message(step))
    else:
        screen.notify(undone_message(step), timeout=4, markup=False)
