"""Trends across sessions: did the client need less think time, and keep their word?"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from .commitments import CommitmentStatus
from .record import ClientRecord

# How each check-in outcome counts towards follow-through: a partly done
# commitment is half kept, a carried one is still in play and not counted.
_FOLLOW_THROUGH = {
    CommitmentStatus.DONE: 1.0,
    CommitmentStatus.PARTLY: 0.5,
    CommitmentStatus.NOT_DONE: 0.0,
    CommitmentStatus.DROPPED: 0.0,
}
# Below this relative change a trend is reported as steady rather than up or down.
_STEADY = 0.1


@dataclass(frozen=True)
class SessionPauses:
    session_number: int
    median_seconds: float
    count: int
    target_seconds: float = 0.0  # the agreed think time the clock ran to in that session (its median)


@dataclass(frozen=True)
class SessionFollowThrough:
    session_number: int
    kept: float  # done counts 1, partly 0.5
    checked: int

    @property
    def share(self) -> float:
        return self.kept / self.checked if self.checked else 0.0


def pause_trend(record: ClientRecord) -> list[SessionPauses]:
    """The median actual pause per session, oldest first; sessions without pauses are left out."""
    return pause_trend_of((p.session_number, p.actual_seconds, p.target_seconds) for p in record.pauses)


def pause_trend_of(pauses: Iterable[tuple[int | None, float, float | None]]) -> list[SessionPauses]:
    """pause_trend from (session number, actual, agreed seconds) alone (the review's digest of the history).

    An agreed figure not known (None) is left out of that session's median.
    """
    by_session: dict[int, list[float]] = {}
    targets: dict[int, list[float]] = {}
    for number, seconds, agreed in pauses:
        if number is not None:
            by_session.setdefault(number, []).append(seconds)
            if agreed:
                targets.setdefault(number, []).append(agreed)
    return [
        SessionPauses(number, statistics.median(values), len(values), statistics.median(targets.get(number, [0.0])))
        for number, values in sorted(by_session.items())
    ]


def follow_through_trend(record: ClientRecord) -> list[SessionFollowThrough]:
    """Per check-in session, how much of what was checked had been done."""
    return follow_through_of((c.checked_in_session, c.status) for c in record.commitments)


def follow_through_of(checks: Iterable[tuple[int | None, CommitmentStatus]]) -> list[SessionFollowThrough]:
    """follow_through_trend from (check-in session, status) pairs alone (the review's digest of the history)."""
    by_session: dict[int, list[float]] = {}
    for number, status in checks:
        weight = _FOLLOW_THROUGH.get(status)
        if weight is None or number is None:
            continue
        by_session.setdefault(number, []).append(weight)
    return [SessionFollowThrough(n, sum(v), len(v)) for n, v in sorted(by_session.items())]


def direction(values: list[float]) -> str:
    """'down', 'up' or 'steady', comparing the first and last third of the values."""
    if len(values) < 2:
        return "steady"
    third = max(1, len(values) // 3)
    first = statistics.mean(values[:third])
    last = statistics.mean(values[-third:])
    if first == 0:
        return "up" if last > 0 else "steady"
    change = (last - first) / abs(first)
    if change <= -_STEADY:
        return "down"
    if change >= _STEADY:
        return "up"
    return "steady"


def describe_pauses(trend: list[SessionPauses], target_seconds: int) -> str:
    """One sentence a coach can read at a glance, saying so when the agreed time has changed."""
    if not trend:
        return f"Agreed think time {target_seconds} s. No pauses timed yet."
    agreed = [t.target_seconds for t in trend if t.target_seconds]
    changed = ""
    if agreed and (agreed[0] != target_seconds or len(set(agreed)) > 1):
        changed = f" (agreed {agreed[0]:g} s at S{trend[0].session_number}, {target_seconds} s now)"
    values = [t.median_seconds for t in trend]
    last = trend[-1]
    if len(trend) == 1:
        return (
            f"Agreed think time {target_seconds} s. Only one session timed so far "
            f"(S{last.session_number}, median {last.median_seconds:.0f} s){changed}."
        )
    way = {
        "down": "the client is taking less time than before",
        "up": "the client is taking more time than before",
        "steady": "about the same as before",
    }[direction(values)]
    return (
        f"Agreed think time {target_seconds} s. Last session (S{last.session_number}) "
        f"median {last.median_seconds:.0f} s: {way}{changed}."
    )


def describe_follow_through(trend: list[SessionFollowThrough]) -> str:
    if not trend:
        return "No commitments checked in yet."
    kept = sum(t.kept for t in trend)
    checked = sum(t.checked for t in trend)
    last = trend[-1]
    way = {"down": "slipping", "up": "improving", "steady": "steady"}[direction([t.share for t in trend])]
    return (
        f"{kept:g} of {checked} commitments kept overall (partly done counts half); "
        f"last check-in S{last.session_number}: {last.kept:g} of {last.checked}; trend {way}."
    )
