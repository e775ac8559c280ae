"""The client review's sending: the recap, the alliance document and the intake form, written and copied.

Each writes one file to the client's exports folder and copies its text; a
toast says where it went, or why nothing was written (see `exporting`).
"""

from __future__ import annotations

from ..store import StoreError
from .review_contacts import ReviewContacts


class ReviewSending(ReviewContacts):
    """Pages for the client, written from what the review shows: nothing here changes the practice's records."""

    def action_recap(self) -> None:
        from .exporting import export_recap

        try:
            latest = self.store.present(self.client_id).session
        except StoreError as error:
            self.report(error, title="No recap")
            return
        if latest is None:
            self.notify("No session yet, so there is nothing to recap.", title="No recap", markup=False)
            return
        export_recap(self, self.client_id, latest.number)

    def action_alliance_document(self) -> None:
        from .exporting import export_alliance

        export_alliance(self, self.client_id)

    def action_intake_form(self) -> None:
        from .exporting import export_intake_form

        export_intake_form(self, self.client_id)
