"""The session screen's log line and pause clock: what the coach records while the client talks.

Typing goes to the log line, so notes, adjustments and commitments are a
sentence and Enter; the pause clock times the silences the coach agreed to keep.
"""

from __future__ import annotations

import contextlib

from textual import on
from textual.widgets import Input

from ..models.alliance import RequestedBy
from ..models.quicklog import PRIVATE_NOTE, EntryKind, LineKind, parse_as
from ..models.text import TextRefused
from ..models.undo import Added, Changed, UndoStep
from ..store import StoreError
from ..widgets.pause_clock import PauseClock
from ..widgets.quick_log import QuickLog, QuickLogInput
from .session_tuning import SessionTuning

MIN_PAUSE_SECONDS = 1.0  # a pause clock stopped sooner was a slip of the key, not a pause


class SessionLog(SessionTuning):
    """The pause clock (ctrl+t) and the quick log (ctrl+l/s/r/n): the entries made during the call."""

    # ----------------------------------------------------------------- pause clock

    def action_toggle_pause(self) -> None:
        pause = self.query_one(PauseClock)
        if not pause.running:
            self._pause_started = self._now()
            pause.start()
            self._say("Pause clock running · ctrl+t stops it")
            return
        self._record_pause(pause.stop())

    @on(PauseClock.ToggleAsked)
    def _clock_clicked(self, event: PauseClock.ToggleAsked) -> None:
        event.stop()
        self.action_toggle_pause()

    def _record_pause(self, actual: float) -> None:
        started = self._pause_started or self._now()
        self._pause_started = None
        if actual < MIN_PAUSE_SECONDS:
            self._say("Pause clock stopped within a second: not recorded")
            return
        if not self._begun():
            return
        try:
            pause = self.store.record_pause(
                self.client_id,
                target_seconds=self.query_one(PauseClock).target_seconds,
                actual_seconds=actual,
                started=started,
                session_number=self.number,
            )
        except StoreError as error:
            self._not_begun_after_all()
            self.report(error, title="Pause not recorded")
            return
        self._wrote(Added(f"Pause of {round(actual)} s recorded", self.client_id, "pauses", pause.id))

    def _stop_pause_if_running(self) -> None:
        pause = self.query_one(PauseClock)
        if pause.running:
            self._record_pause(pause.stop())

    def on_unmount(self) -> None:
        """Quitting mid-pause still records the pause as it ran (the widgets are gone by now)."""
        timer = self._pause_clock.timer if self._pause_clock is not None else None
        if timer is None or not timer.running or self.session is None:
            return
        actual = timer.stop()
        if actual < MIN_PAUSE_SECONDS:
            return
        with contextlib.suppress(StoreError):  # the app is closing; there is no one left to tell
            self.begin()
            self.store.record_pause(
                self.client_id,
                target_seconds=timer.target_seconds,
                actual_seconds=actual,
                started=self._pause_started or self._now(),
                session_number=self.session.number,
            )

    # ----------------------------------------------------------------- quick log

    def action_log(self, kind: str) -> None:
        """The log line, ready for the kind of entry asked for, shown beside it before any word is typed."""
        quick_log = self.query_one(QuickLog)
        if kind == "adjust":
            quick_log.choose(LineKind(EntryKind.ADJUSTMENT))
        elif kind == "commit":
            quick_log.choose(LineKind(EntryKind.COMMITMENT))
        else:
            quick_log.choose(PRIVATE_NOTE)
        self._to_log_line()

    def action_toggle_shared(self) -> None:
        self.query_one(QuickLog).toggle_shared()
        self._to_log_line()

    async def action_shared_or_save(self) -> None:
        """ctrl+s is "save" everywhere else: in a field other than the log line it saves, never arms sharing."""
        focused = self.focused
        if isinstance(focused, Input) and not isinstance(focused, QuickLogInput):
            await focused.action_submit()
        else:
            self.action_toggle_shared()

    @on(QuickLog.Submitted)
    def _quick_log(self, event: QuickLog.Submitted) -> None:
        quick_log = self.query_one(QuickLog)
        if not event.text.strip() and event.line_kind.is_default:
            # Enter on an empty private-note line means nothing: no refusal over what the line last said
            # (an empty adjustment or commitment is still refused, and the line goes back to a private note).
            return
        step: UndoStep
        try:
            entry = parse_as(event.line_kind, event.text, self.store.categories())
            if entry.kind is EntryKind.LADDER and self._ladder_as_it_was(entry.ladder):
                quick_log.saved("The success ladder is as it was: nothing saved")
                self._give_focus_back()
                return
            if not self._begun():
                return
            if entry.kind is EntryKind.ADJUSTMENT and event.line_kind.replaces:
                step = self._reword_agreement(event.line_kind.replaces, entry.text)
            elif entry.kind is EntryKind.ADJUSTMENT:
                # The coach's own requests are the coach's; every other in-session change is the client's ask.
                by = RequestedBy.COACH if entry.category == "Coach's requests" else RequestedBy.CLIENT
                version = self.store.add_alliance_item(
                    self.client_id, entry.category, entry.text, requested_by=by, session_number=self.number
                )
                step = Added(f"Alliance adjusted ({entry.category})", self.client_id, "versions", version.id)
            elif entry.kind is EntryKind.LADDER:
                step = self._save_ladder(entry.ladder)
            elif entry.kind is EntryKind.COMMITMENT:
                commitment = self.store.add_commitment(
                    self.client_id,
                    entry.text,
                    by_when=entry.by_when,
                    how_accountable=entry.how_accountable,
                    session_number=self.number,
                )
                step = Added("Commitment saved", self.client_id, "commitments", commitment.id)
            else:
                note = self.store.log_note(
                    self.client_id, entry.text, private=not event.shared, session_number=self.number
                )
                label = "Note saved, shared with the client" if event.shared else "Note saved, private"
                step = Added(label, self.client_id, "notes", note.id)
        except TextRefused as refused:
            quick_log.show_message(f"{refused} (nothing saved; your text is still here, now as a private note)")
            self._give_focus_back()
            return
        except StoreError as error:
            self._not_begun_after_all()
            quick_log.show_message(f"{error.message} (your text is still here, now as a private note)")
            self._give_focus_back()
            return
        quick_log.saved("")
        self._wrote(step, self._clock_in_step(entry.category, entry.text) if entry.kind is EntryKind.ADJUSTMENT else "")
        self._give_focus_back()

    @on(QuickLog.Reworded)
    def _reworded(self, event: QuickLog.Reworded) -> None:
        quick_log = self.query_one(QuickLog)
        before = next((n for n in self.present.notes if n.id == event.note_id), None)
        try:
            self.store.update_note(self.client_id, event.note_id, text=event.text)
        except StoreError as error:
            quick_log.show_message(f"{error.message} (the note is unchanged; your text is still here)")
            return
        quick_log.saved("")
        if before is not None:
            self._wrote(Changed("Note reworded", self.client_id, "notes", before))
        self._give_focus_back()
