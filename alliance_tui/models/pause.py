"""The pause clock's arithmetic, measured against an injected monotonic clock.

Time is read from the clock on demand, never counted in ticks, so a busy or
sleeping event loop cannot make the clock drift.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class PausePhase(StrEnum):
    IDLE = "idle"
    FIRST_HALF = "first half"
    SECOND_HALF = "past halfway"
    OVERTIME = "overtime"


@dataclass
class PauseTimer:
    target_seconds: int
    monotonic: Callable[[], float]
    _started_at: float | None = field(default=None, init=False)

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def start(self) -> None:
        self._started_at = self.monotonic()

    def stop(self) -> float:
        """Stop and return how long the pause actually ran, in seconds."""
        elapsed = self.elapsed()
        self._started_at = None
        return elapsed

    def elapsed(self) -> float:
        if self._started_at is None:
            return 0.0
        return max(0.0, self.monotonic() - self._started_at)

    def remaining(self) -> float:
        return max(0.0, self.target_seconds - self.elapsed())

    def overtime(self) -> float:
        return max(0.0, self.elapsed() - self.target_seconds)

    def fraction(self) -> float:
        """How much of the agreed time has gone, 0..1."""
        return min(1.0, self.elapsed() / self.target_seconds) if self.target_seconds else 1.0

    def phase(self) -> PausePhase:
        if not self.running:
            return PausePhase.IDLE
        elapsed = self.elapsed()
        if elapsed >= self.target_seconds:
            return PausePhase.OVERTIME
        if elapsed >= self.target_seconds / 2:
            return PausePhase.SECOND_HALF
        return PausePhase.FIRST_HALF

    def display(self) -> str:
        """What the large digits show: the countdown, then +overtime counting up."""
        if not self.running:
            return clock_text(self.target_seconds)
        if self.phase() is PausePhase.OVERTIME:
            return "+" + clock_text(self.overtime(), up=True)
        return clock_text(self.remaining())


def clock_text(seconds: float, *, up: bool = False) -> str:
    """m:ss, rounding a countdown up (so 0:00 only shows at the end) and a count-up down."""
    whole = int(seconds) if up else int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"
