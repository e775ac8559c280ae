"""What the client review shows of a client's history: every session, and the entries of the latest few.

A twenty-year client has a thousand sessions; the review lists them all and
charts think time and follow-through across them, but shows what was written
only in the latest few. So the record it is given holds every session and the
entries of the sessions shown (and those still at hand), and the charts come
with it, drawn from every session.
"""

from __future__ import annotations

from dataclasses import dataclass

from .record import ClientRecord
from .trends import SessionFollowThrough, SessionPauses, follow_through_trend, pause_trend


@dataclass(frozen=True)
class HistoryView:
    record: ClientRecord  # every session; notes, pauses, commitments and versions of the sessions shown
    pause_trend: tuple[SessionPauses, ...]
    follow_through: tuple[SessionFollowThrough, ...]
    shown: tuple[int, ...] | None = None  # the sessions whose entries are in record; None: every one

    @classmethod
    def whole(cls, record: ClientRecord) -> HistoryView:
        """From a whole record: everything shown."""
        return cls(record, tuple(pause_trend(record)), tuple(follow_through_trend(record)))

    def shows(self, session_number: int) -> bool:
        return self.shown is None or session_number in self.shown
