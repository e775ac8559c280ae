"""What the prep sheet is given: the present and the latest session, not the client's history.

Before a call a coach reads where things stand: the last session and its focus,
the commitments still open, the contacts since, the last think-time figures,
and what changed in the agreement since the last session began. All of it is in
the present and the latest session's file, so the sheet costs the same in a
client's first year and their twentieth.
"""

from __future__ import annotations

from dataclasses import dataclass

from .present import Present
from .record import ClientRecord
from .trends import SessionPauses, pause_trend


@dataclass(frozen=True)
class PrepView:
    record: ClientRecord  # the present's records and the latest ended session's, as held
    present: Present  # the figures drawn from the past (nudges, contacts since the last session)
    pause_trend: tuple[SessionPauses, ...]  # the recent sessions' medians, latest last

    @classmethod
    def of(cls, record: ClientRecord, present: Present) -> PrepView:
        """From the records read and the present: pauses at hand exact, earlier sessions' medians as kept."""
        exact = {t.session_number: t for t in pause_trend(record)}
        earlier = {n: SessionPauses(n, m, 0) for n, m in present.earlier_pause_medians if n not in exact}
        trend = sorted([*earlier.values(), *exact.values()], key=lambda t: t.session_number)
        return cls(record, present, tuple(trend))
