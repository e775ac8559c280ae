"""The client review: two minutes before the call, everything needed to walk back in.

Read-only by design: it shows, in plain words, what was agreed, what changed,
what the client committed to, and whether it is time to revisit the alliance.

This module is the screen as the app knows it: its keys, and the screens it
opens; the layers below it (review_core, review_contacts, review_sending)
each hold one kind of action.
"""

from __future__ import annotations

from .dashboard import open_session_screen
from .review_keys import REVIEW_BINDINGS
from .review_sending import ReviewSending


class ClientReviewScreen(ReviewSending):
    CSS_PATH = "review.tcss"
    BINDINGS = REVIEW_BINDINGS

    def action_back(self) -> None:
        self.dismiss()

    def action_session(self) -> None:
        open_session_screen(self, self.client_id)

    def action_history(self) -> None:
        from .history import AllianceHistoryScreen

        self.app.push_screen(AllianceHistoryScreen(self.client_id))

    def action_edit(self) -> None:
        from .alliance_editor import AllianceEditorScreen

        self.app.push_screen(AllianceEditorScreen(self.client_id))

    def action_client_details(self) -> None:
        from .client_form import ClientFormScreen

        self.app.push_screen(ClientFormScreen(self.client_id))

    def action_search(self) -> None:
        from .search import SearchScreen

        self.app.push_screen(SearchScreen(self.client_id))

    def action_prep(self) -> None:
        from .prep import PrepScreen

        self.app.push_screen(PrepScreen(self.client_id))

    def action_renew(self) -> None:
        from .renewal import RenewalScreen

        self.app.push_screen(RenewalScreen(self.client_id))

    def action_erase(self) -> None:
        from .erase import EraseClientScreen

        def done(report: object) -> None:
            if report is not None:  # the client is gone: back to the practice
                from .session import forget_session_screen

                self.dismiss()
                forget_session_screen(self.app, self.client_id)  # and off their session, if it was under this

        self.app.push_screen(EraseClientScreen(self.client_id), done)
