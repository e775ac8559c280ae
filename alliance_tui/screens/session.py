"""The live session: what the coach keeps open beside the call.

Every action is a keystroke or two, saved through the store before the screen
shows it as done; refusals are said inline and what was typed stays put.

This module is the screen as the app knows it: its keys, today's session
agreement, ending and leaving; the layers below it (session_core,
session_tuning, session_log, session_checkins) each hold one kind of action.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import App
from textual.widgets import Input

from ..models.undo import Added, Changed
from ..store import ClientUnavailable, StoreError
from ..widgets.agreement_pane import FIELDS, AgreementPane
from ..widgets.in_place import in_place
from .end_session import EndSessionConfirm
from .session_checkins import SessionCheckins
from .session_keys import SESSION_BINDINGS

if TYPE_CHECKING:
    from ..app import AllianceApp

# A session left within this time with nothing in it was opened by mistake (s on the
# client list): it is not kept, so "sessions held" stays true. Older ones always stay.
MISTAKEN_SESSION = timedelta(minutes=5)


def kept_name(client_id: str) -> str:
    """The name a client's open session screen is kept under (installed) between visits."""
    return f"session:{client_id}"


def show_session_screen(app: App[Any], client_id: str) -> None:
    """The session screen the coach left for this client, as they left it, else a new one.

    While its session is open a session screen is kept, so stepping back to the
    client list mid-call and returning shows it as it was: focus, the
    highlighted rows and the last confirmation are where they were. A session
    has one screen: when it is already open under the screen the coach is on,
    they are told so, and nothing is pushed twice.

    Opening writes nothing: the session begins (is written) with its first
    entry, check-in or pause, so a screen opened by mistake and left leaves
    no session behind. A client whose file cannot be read raises StoreError,
    and nothing is shown.
    """
    name = kept_name(client_id)
    if not app.is_screen_installed(name):
        cast("AllianceApp", app).store.session_to_start(client_id)  # unreadable: said now, nothing pushed
        screen = SessionScreen(client_id)
        app.install_screen(screen, name)
        app.push_screen(screen)
        return
    kept = app.get_screen(name)
    if kept not in app.screen_stack:
        app.push_screen(kept)
    elif kept is not app.screen:
        app.notify(
            "This session is already open under this screen: Esc goes back to it.",
            title="Session open",
            timeout=6,
            markup=False,
        )


def forget_session_screen(app: App[Any], client_id: str) -> None:
    """Keep no screen for this client's session any longer: the client is gone.

    A kept screen still in the stack is taken off it, with whatever was
    opened over it, since there is no session left to go back to.
    """
    name = kept_name(client_id)
    if not app.is_screen_installed(name):
        return
    kept = app.get_screen(name)
    popped = False
    while kept in app.screen_stack and len(app.screen_stack) > 1:
        app.pop_screen()
        popped = True
    app.uninstall_screen(name)
    if not popped:  # a screen popped just now is removed by Textual once uninstalled
        kept.remove()


class SessionScreen(SessionCheckins):
    CSS_PATH = "session.tcss"
    AUTO_FOCUS = "#quicklog-input"  # where the coach types: a sentence typed at once is a note, never a key

    # Every key that acts from anywhere holds ctrl, so a sentence typed into the wrong place is only
    # text: single letters act only in the pane the coach moved to (a check-in, a question's number),
    # where what they do is visible at once and ctrl+z takes it back.
    BINDINGS = SESSION_BINDINGS

    # ----------------------------------------------------------------- session agreement

    @on(AgreementPane.DoneEditing)
    def _done_editing(self) -> None:
        self._give_focus_back()

    def action_edit_focus(self) -> None:
        self.set_focus(self.query_one("#session-focus"))

    @on(AgreementPane.SessionAgreementEdited)
    def _agreement_edited(self, event: AgreementPane.SessionAgreementEdited) -> None:
        pane = self.query_one(AgreementPane)
        if not self._begun():
            return
        assert self.session is not None
        before = self.present.session_numbered(self.number) or self.session
        try:
            self.store.update_session(self.client_id, self.session.id, **{event.field_name: event.value})
        except StoreError as error:
            self._not_begun_after_all()
            pane.field_refused(event.field_name, f"{error.message} (your text is still here)")
            return
        pane.field_saved(event.field_name)
        label = "Today's focus saved" if event.field_name == "focus" else "How today goes well saved"
        self._wrote(Changed(label, self.client_id, "sessions", before))
        if event.submitted:
            self._give_focus_back()

    # ----------------------------------------------------------------- leaving

    def _save_session_agreement(self) -> None:
        """Today's focus saves itself on Enter or on leaving the field; leaving the screen counts too."""
        if self.session is None:
            return
        for name in FIELDS:
            box = self.query_one(f"#session-{name}", Input)
            if box.value != getattr(self.session, name):
                self._agreement_edited(AgreementPane.SessionAgreementEdited(name, box.value))

    def _unsaved_field(self) -> Input | None:
        """A field still holding words the store has not got: leaving would lose them."""
        self._save_session_agreement()
        assert self.session is not None
        for box in self.query(Input):
            if not box.value.strip() or not box.display:
                continue
            name = (box.id or "").removeprefix("session-")
            if name in FIELDS and box.value == getattr(self.session, name):
                continue
            return box
        return None

    def _refuse_if_unsaved(self, then: str = "") -> bool:
        box = self._unsaved_field()
        if box is None:
            return False
        self.notify(
            f"A field still holds text that is not saved: Enter saves it, ctrl+u clears it{then}.",
            title="Not yet",
            severity="warning",
            timeout=6,
        )
        if self.app.screen is self:
            self.set_focus(box)
        return True

    def refuse_to_quit(self) -> bool:
        if self.session is None or not in_place(self):
            return False  # refused, or not on screen yet: no field the coach typed into
        return self._refuse_if_unsaved(then="; ctrl+q again quits without it")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end":
            # In a field holding text, ctrl+e is the end of the line, as in any text field.
            focused = self.focused
            return not (isinstance(focused, Input) and focused.value)
        return super().check_action(action, parameters)

    def action_end(self) -> None:
        if not self.started:
            self.action_leave()  # nothing logged, so no session to end: back to the clients, nothing kept
            return
        if self._refuse_if_unsaved():
            return
        self.app.push_screen(EndSessionConfirm(self._client_name(), self.number), self._end_confirmed)

    def _client_name(self) -> str:
        """From the practice index, which stays readable when the client's own file does not."""
        return self.store.summary(self.client_id).name

    def _leave_unreadable(self, error: ClientUnavailable, title: str) -> None:
        """The client's file was damaged outside the app: nothing more can be saved to it, so the screen goes."""
        self.app.pop_screen()
        self._let_go()
        self.app.notify(
            f"Session {self.number} with {self._client_name()} cannot be saved any more: {error.message} "
            "Earlier copies are in the automatic backups (alliance-tui backups lists them).",
            title=title,
            severity="error",
            timeout=20,
            markup=False,
        )

    def _end_confirmed(self, confirmed: bool | None) -> None:
        if not confirmed or self.session is None:
            return
        self._stop_pause_if_running()
        try:
            ended = self.store.end_session(self.client_id, self.session.id)
        except ClientUnavailable as error:
            self._leave_unreadable(error, title="Session not ended")
            return
        except StoreError as error:
            self.report(error, title="Session not ended")
            return
        from .session_summary import SessionSummaryScreen

        self.app.switch_screen(SessionSummaryScreen(self.client_id, self.number))
        self._let_go()
        # The end was one write; its records go into the session's own file now, off the key and the screen.
        self.app.run_worker(
            partial(self.store.put_away_ended, self.client_id), thread=True, group="put-away", exit_on_error=False
        )
        if ended.clock_set_back:
            self.app.notify(
                f"The computer's clock reads earlier than when session {ended.number} began, so it was ended "
                "at its start. The hours log counts it at its planned length and asks you to check it.",
                title="Clock set back?",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def action_leave(self) -> None:
        if self._refuse_if_unsaved():
            return
        self._stop_pause_if_running()
        name, number = self._client_name(), self.number
        try:
            self.store.present(self.client_id)
        except ClientUnavailable as error:
            self._leave_unreadable(error, title="Session not kept")
            return
        if not self.started or self._discard_if_mistaken():
            self.started = False  # no session on disk: nothing of it left to take back
            self.undo_stack.steps = [
                step for step in self.undo_stack.steps if not (isinstance(step, Added) and step.table == "sessions")
            ]
            self.app.pop_screen()
            if not self.undo_stack:
                self._let_go()  # else kept, so ctrl+z can still take back a question of the coach's own
            self.app.notify(
                f"Session {number} with {name} was not kept: nothing was logged in it.",
                title="Session not kept",
                timeout=5,
                markup=False,
            )
            return
        self.app.pop_screen()
        self.app.notify(
            f"Session {number} with {name} is still open; opening a session with them again resumes it.",
            title="Session kept open",
            timeout=5,
            markup=False,
        )

    def _discard_if_mistaken(self) -> bool:
        session = self.session
        if session is None or self._now() - session.started > MISTAKEN_SESSION:
            return False
        try:
            return self.store.discard_session_if_empty(self.client_id, session.id)
        except StoreError:
            return False  # kept as it was: the coach loses nothing
