"""The client review's additions: contacts between sessions, intake answers, and ctrl+z for both.

A contact is typed in the line under the review and saved on Enter; intake
answers are added on their own screen. Each lands on `contact_undo`, so ctrl+z
here takes back the newest, and the review is drawn again at once.
"""

from __future__ import annotations

from textual import on
from textual.containers import VerticalScroll

from ..store import StoreError
from ..widgets.contact_line import ContactLine
from .review_core import ReviewCore


class ReviewContacts(ReviewCore):
    """What the review adds to the client's file, each said where it was typed and taken back by ctrl+z."""

    def action_contact(self) -> None:
        """The contact line, then the words, then Enter: a contact between sessions, shown in the review at once."""
        try:
            name = self.store.present(self.client_id).client.name
        except StoreError as exc:
            self.report(exc, title="Cannot log a contact")
            return
        self.query_one(ContactLine).open_for(self.client_id, name)

    @on(ContactLine.Submitted)
    async def _contact_submitted(self, event: ContactLine.Submitted) -> None:
        from .contact_entry import save_contact

        save_contact(self, self.contact_undo, event)
        await self.rebuild()
        self._back_to_contact_line()

    def _back_to_contact_line(self) -> None:
        """The review drawn again takes focus; the open line gets it back, so the next words are text, not keys."""
        line = self.query_one(ContactLine)
        if line.is_open:
            line.input.focus()

    @on(ContactLine.Closed)
    def _contact_closed(self) -> None:
        self.query_one("#review", VerticalScroll).focus()

    async def action_undo_contact(self) -> None:
        from .contact_entry import undo_contact

        undo_contact(self, self.contact_undo)
        await self.rebuild()
        self._back_to_contact_line()

    def action_import_intake(self) -> None:
        """The filled form is shown first; its answers are added there, and ctrl+z here takes them back."""
        from .intake_import import IntakeImportScreen

        form = self.alliance_app.demo_intake_form(self.client_id)
        self.app.push_screen(IntakeImportScreen(self.client_id, form, undo=self.contact_undo))
