"""The session screen's tuning in the call: the agreed think time and the success ladder.

Each is one chord mid-call: the pause clock's target moved and kept in step
with the agreement, the ladder set or today's rung marked; ctrl+z takes either back.
"""

from __future__ import annotations

from ..models.ladder import Landing, next_landing
from ..models.quicklog import EntryKind, LineKind
from ..models.undo import Added, Changed, ThinkTimeChanged, UndoStep
from ..store import InvalidInput, StoreError
from ..widgets.quick_log import QuickLog
from .session_core import SessionCore


def _next_words(landed: Landing | None) -> str:
    following = next_landing(landed)
    return following.label if following is not None else "no mark"


class SessionTuning(SessionCore):
    """Think time (ctrl+up/down) and the success ladder (ctrl+b): tuning the call as it goes."""

    # ----------------------------------------------------------------- think time, in step with the agreement

    def action_think_time(self, steps: int) -> None:
        """The agreed think time five seconds up or down, on the clock at once and recorded with the session."""
        from ..models.think_time import nudged
        from ..store.think_time import set_think_time

        current = self.present.client.think_time_seconds
        target = nudged(current, steps)
        if target == current:
            self._say(f"Think time stays {current} s: it is kept between 5 s and 10 minutes")
            return
        if not self._begun():
            return
        assert self.session is not None
        try:
            _, session_before = set_think_time(self.store, self.client_id, target, session_id=self.session.id)
        except StoreError as error:
            self._not_begun_after_all()
            self.query_one(QuickLog).show_message(f"{error.message} (the think time is unchanged)")
            return
        label = f"Think time {target} s (was {current} s)"
        offer = self._agreement_in_step(target)
        self._wrote(ThinkTimeChanged(label, self.client_id, current, session_before), f"◷ {label}{offer}")

    def _agreement_in_step(self, target: int) -> str:
        """The think-time agreement that names another number, offered reworded in the log line (if it is free)."""
        from ..models.think_time import out_of_step, reworded, seconds_in

        alliance = self.present.current_alliance
        item = out_of_step(alliance.items, target) if alliance is not None else None
        if item is None:
            return ""
        quick_log = self.query_one(QuickLog)
        if quick_log.input.value or not quick_log.line_kind.is_default:
            return f" · the agreement still says {seconds_in(item.wording)} s"
        kind = LineKind(EntryKind.ADJUSTMENT, category=item.category, replaces=item.id)
        quick_log.choose(kind, words=reworded(item.wording, target))
        return " · the agreement, reworded, is in the line: Enter keeps it, Esc leaves it"

    def _clock_in_step(self, category: str, wording: str) -> str:
        """After an agreement about think time: the clock's target, if it says another number."""
        from ..models.think_time import CATEGORY, seconds_in

        said = seconds_in(wording) if category == CATEGORY else None
        target = self.present.client.think_time_seconds
        if said is None or said == target:
            return ""
        way = "ctrl+↑" if said > target else "ctrl+↓"
        return f"✔ Alliance adjusted · the clock is at {target} s: {way} moves it toward {said} s"

    def _reword_agreement(self, item_id: str, wording: str) -> UndoStep:
        """One agreement reworded in place, as a new version (raises StoreError if refused)."""
        current = self.present.current_alliance
        items = list(current.items) if current is not None else []
        if not any(i.id == item_id for i in items):
            raise InvalidInput("That agreement is no longer in the alliance; nothing was reworded.")
        from ..models.alliance import AllianceItem

        changed: list[AllianceItem] = [
            i.model_copy(update={"wording": wording}) if i.id == item_id else i for i in items
        ]
        version = self.store.adjust_alliance(
            self.client_id, changed, reason=f"Reworded in session: {wording}"[:2000], session_number=self.number
        )
        return Added("Think time agreement reworded", self.client_id, "versions", version.id)

    # ----------------------------------------------------------------- success ladder

    def action_ladder(self) -> None:
        """The ladder into the log line to set or change; pressed again there, today's mark moves up a rung."""
        quick_log = self.query_one(QuickLog)
        ladder = self.present.ladder
        if quick_log.line_kind.kind is EntryKind.LADDER and ladder is not None:
            self._mark_landing()
            return
        quick_log.choose(LineKind(EntryKind.LADDER), words=ladder.as_line() if ladder is not None else "")
        self._to_log_line()
        if ladder is None:
            self._say("No ladder yet: type good | great | amazing in the client's words, Enter saves")
        else:
            self._say("Change the ladder and Enter, or ctrl+b again to mark where today landed")

    def _ladder_as_it_was(self, words: tuple[str, str, str]) -> bool:
        """Enter on the ladder offered back unchanged: nothing to write, and nothing for ctrl+z to take back."""
        ladder = self.present.ladder
        return ladder is not None and (ladder.good, ladder.great, ladder.amazing) == words

    def _save_ladder(self, words: tuple[str, str, str]) -> UndoStep:
        """The programme's ladder set or changed from the log line (raises StoreError if refused)."""
        from ..store.ladders import set_ladder

        ladder, before = set_ladder(
            self.store,
            self.client_id,
            *words,
            programme=self.present.programme.number,
            session_number=self.number,
        )
        if before is None:
            return Added("Success ladder set", self.client_id, "ladders", ladder.id)
        return Changed("Success ladder changed", self.client_id, "ladders", before)

    def _mark_landing(self) -> None:
        """Where today landed, one rung up per press (then below good, then no mark); ctrl+z takes it back."""
        if not self._begun():
            return
        assert self.session is not None
        before = self.present.session_numbered(self.number) or self.session
        landed = next_landing(before.landed)
        try:
            self.store.update_session(self.client_id, before.id, landed=landed)
        except StoreError as error:
            self._not_begun_after_all()
            self.query_one(QuickLog).show_message(f"{error.message} (no mark saved)")
            return
        said = f"Landed: {landed.label}" if landed is not None else "Mark taken off"
        self._wrote(
            Changed(f"Session {self.number} {said.lower()}", self.client_id, "sessions", before),
            f"◆ {said} · ctrl+b again: {_next_words(landed)}",
        )
