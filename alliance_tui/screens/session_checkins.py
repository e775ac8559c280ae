"""The session screen's look back and around: the accountability check-in and the revisit questions.

Both are panes the coach moves into (ctrl+y, ctrl+f), where single keys act
and each answer is saved at once; the revisit walk opens from here too.
"""

from __future__ import annotations

from textual import on

from ..models.alliance import AllianceVersion
from ..models.commitments import CommitmentStatus
from ..models.notes import NoteKind
from ..models.undo import Added, Changed, PromptAdded, PromptRemoved
from ..store import StoreError
from ..widgets.accountability_pane import AccountabilityPane, awaiting
from ..widgets.revisit_pane import RevisitPane
from .session_log import SessionLog


class SessionCheckins(SessionLog):
    """Check-ins on earlier commitments and the revisit questions, each pane handing typing back after."""

    # ----------------------------------------------------------------- check-in

    def action_check_in(self) -> None:
        pane = self.query_one(AccountabilityPane)
        if not pane.view.to_check:
            self._say("Nothing to check in from earlier sessions.")
            return
        pane.focus_list()

    @on(AccountabilityPane.CheckedIn)
    def _checked_in(self, event: AccountabilityPane.CheckedIn) -> None:
        pane = self.query_one(AccountabilityPane)
        try:
            existing = next((c for c in self.present.commitments if c.id == event.commitment_id), None)
        except StoreError as error:  # the client's file was damaged outside the app
            pane.show_message(error.message)
            return
        if existing is None or not self._begun():
            return
        try:
            self.store.check_in(
                self.client_id,
                event.commitment_id,
                event.status,
                # A note from an earlier check-in (a carried commitment) stays with that session.
                note=existing.checkin_note if existing.checked_in_session == self.number else "",
                session_number=self.number,
            )
        except StoreError as error:
            self._not_begun_after_all()
            pane.show_message(error.message)
            return
        pane.show_message("")
        self._wrote(
            Changed(f"Checked in: {existing.what[:40]} · {event.status.label}", self.client_id, "commitments", existing)
        )
        if event.with_note:
            pane.action_note()
        elif any(awaiting(c, self.number) for c in pane.view.to_check):
            pane.advance()
        else:
            self._give_focus_back()  # all checked in: back to where the coach types

    @on(AccountabilityPane.NoteGiven)
    def _checkin_note(self, event: AccountabilityPane.NoteGiven) -> None:
        pane = self.query_one(AccountabilityPane)
        try:
            commitment = next((c for c in self.present.commitments if c.id == event.commitment_id), None)
        except StoreError as error:  # the client's file was damaged outside the app
            pane.show_message(f"{error.message} (your note is still here)")
            return
        if commitment is None:
            return
        if commitment.checked_in_session != self.number or commitment.status is CommitmentStatus.OPEN:
            pane.show_message("Check it in first (d, p, n, x or f), then add the note.")
            return
        try:
            self.store.check_in(
                self.client_id, commitment.id, commitment.status, note=event.note, session_number=self.number
            )
        except StoreError as error:
            pane.show_message(f"{error.message} (your note is still here)")
            return
        pane.note_saved()
        self._wrote(Changed("Check-in note saved", self.client_id, "commitments", commitment))
        if any(awaiting(c, self.number) for c in pane.view.to_check):
            pane.advance()  # on to the next commitment still to check in
        else:
            self._give_focus_back()

    @on(AccountabilityPane.NoteClosed)
    def _checkin_note_closed(self) -> None:
        self._give_focus_back()

    # ----------------------------------------------------------------- revisit

    def action_questions(self) -> None:
        self.query_one(RevisitPane).focus_list()

    def action_own_prompt(self) -> None:
        self.query_one(RevisitPane).action_own_prompt()

    @on(RevisitPane.Answered)
    def _answered(self, event: RevisitPane.Answered) -> None:
        pane = self.query_one(RevisitPane)
        if not self._begun():
            return
        try:
            note = self.store.log_note(
                self.client_id,
                event.answer,
                kind=NoteKind.REVISIT,
                session_number=self.number,
                prompt=event.prompt,
            )
        except StoreError as error:
            self._not_begun_after_all()
            pane.show_message(f"{error.message} (the answer is still here)")
            return
        pane.done()
        self._wrote(Added("Answer saved as a revisit note", self.client_id, "notes", note.id))
        self._give_focus_back()

    @on(RevisitPane.PromptAdded)
    def _prompt_added(self, event: RevisitPane.PromptAdded) -> None:
        pane = self.query_one(RevisitPane)
        try:
            prompt = self.store.add_prompt(event.text)
        except StoreError as error:
            pane.show_message(f"{error.message} (your question is still here)")
            return
        pane.done()
        self._wrote(PromptAdded("Question added to your own prompts", prompt.id))
        self._give_focus_back()

    @on(RevisitPane.WalkAsked)
    def _walk_asked(self) -> None:
        """The revisit that decides, from the revisit pane: one version at the end, on this screen's ctrl+z list."""
        from .revisit import RevisitScreen

        def saved(version: AllianceVersion) -> None:
            self._wrote(Added(f"Revisit saved as version {version.number}", self.client_id, "versions", version.id))

        self.app.push_screen(
            RevisitScreen(self.client_id, session_number=self.number, before_finish=self._begun, on_saved=saved)
        )

    @on(RevisitPane.Closed)
    def _revisit_closed(self) -> None:
        self._give_focus_back()

    @on(RevisitPane.PromptRemoved)
    def _prompt_removed(self, event: RevisitPane.PromptRemoved) -> None:
        pane = self.query_one(RevisitPane)
        prompts = list(self.store.settings.prompts)
        position = next((i for i, p in enumerate(prompts) if p.text == event.text), None)
        if position is None:
            return
        own = prompts[position]
        try:
            self.store.remove_prompt(own.id)
        except StoreError as error:
            pane.show_message(error.message)
            return
        self._wrote(PromptRemoved("Your question was removed (the built-in ones stay)", own, position))
