"""Contacts between sessions logged from the client list: ctrl+k and the words, Enter; ctrl+z takes one back.

The one write the list makes itself, kept for ctrl+z while the screen is open.
"""

from __future__ import annotations

from textual import on

from ..widgets.contact_line import ContactLine
from .dashboard_calendar import DashboardCalendar


class DashboardContacts(DashboardCalendar):
    """The contact line under the list, built the first time it is asked for."""

    async def action_contact(self) -> None:
        """Two keys and the words: ctrl+k opens the contact line for the highlighted client, Enter saves.

        The line is built the first time it is asked for: the first frame needs none of it.
        """
        summary = self._usable()
        if summary is None:
            return
        self._calendar_selected = True  # the coach chose this client: a calendar read late never moves off them
        if not self.query(ContactLine):
            await self.mount(ContactLine(id="contact-line"), before="#detail")
        self.query_one(ContactLine).open_for(summary.id, summary.name)

    @on(ContactLine.Submitted)
    def _contact_submitted(self, event: ContactLine.Submitted) -> None:
        from .contact_entry import save_contact

        save_contact(self, self.contact_undo, event)

    @on(ContactLine.Closed)
    def _contact_closed(self) -> None:
        self.table.focus()

    def action_undo_contact(self) -> None:
        from .contact_entry import undo_contact

        undo_contact(self, self.contact_undo)
