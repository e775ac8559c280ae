"""The client review's sending: the recap, the alliance document and the intake form, written and copied.

ctrl+o opens the sending sheet, which says what each page holds and where it
goes; Enter there writes one file to the client's exports folder and copies its
text, and a toast says where it went, or why nothing was written (`exporting`).
"""

from __future__ import annotations

from ..store import StoreError
from .review_contacts import ReviewContacts


class ReviewSending(ReviewContacts):
    """Pages for the client, written from what the review shows: nothing here changes the practice's records."""

    def action_send(self) -> None:
        """The sheet first: nothing is written until the coach picks a page there and presses Enter."""
        from ..store.export_files import client_exports_dir
        from .exporting import shown_path
        from .send_sheet import Sendable, SendSheet

        try:
            present = self.store.present(self.client_id)
        except StoreError as error:
            self.report(error, title="Nothing to send")
            return
        name = present.client.name
        latest = present.session
        alliance = present.current_alliance
        pages = [
            Sendable(
                "recap",
                f"The recap of session {latest.number}" if latest else "A recap (no session yet)",
                "shared notes only, never a private one",
            ),
            Sendable(
                "alliance_document",
                f"The alliance, version {alliance.number}, as a page" if alliance else "The alliance (none agreed yet)",
                "the current agreement, to send the client",
            ),
            Sendable(
                "intake_form",
                "The intake form",
                "the practice's intake questions to fill in (plain Markdown); ctrl+t reads it back",
            ),
        ]
        folder = shown_path(client_exports_dir(self.store.data_dir, self.client_id, name))

        def chosen(action: str | None) -> None:
            if action == "recap":
                self.action_recap()
            elif action == "alliance_document":
                self.action_alliance_document()
            elif action == "intake_form":
                self.action_intake_form()

        self.app.push_screen(SendSheet(name, folder, pages), chosen)

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
