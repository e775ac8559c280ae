"""The agreed think time, counting down in large digits, with a halfway mark."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Digits, Static

from ..models.pause import PausePhase, PauseTimer

BAR_CELLS = 20
_PHASE_WORDS = {
    PausePhase.IDLE: "○ ready",
    PausePhase.FIRST_HALF: "◔ thinking",
    PausePhase.SECOND_HALF: "◑ past halfway",
    PausePhase.OVERTIME: "● over time",
}


class PauseClock(Vertical):
    """Redraws a few times a second but measures with the monotonic clock, so ticks never drift."""

    DEFAULT_CSS = """
    PauseClock {
        height: auto;
    }
    PauseClock > Digits {
        width: auto;
    }
    PauseClock > .pause-bar, PauseClock > .pause-state, PauseClock > .pause-history, PauseClock > .pause-earlier {
        height: 1;
    }
    PauseClock.-overtime > Digits {
        color: $text-warning;
    }
    PauseClock.-halfway > .pause-state {
        text-style: bold;
    }
    """

    class ToggleAsked(Message):
        """The coach clicked the clock: start it, or stop it (the screen records the pause)."""

    target_seconds: reactive[int] = reactive(30)
    recent: reactive[tuple[float, ...]] = reactive(())
    earlier: reactive[tuple[tuple[int, float], ...]] = reactive(())  # (session, median seconds)

    def __init__(self, target_seconds: int, monotonic: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timer = PauseTimer(target_seconds, monotonic)
        self.set_reactive(PauseClock.target_seconds, target_seconds)
        self._ticker: Timer | None = None
        self.tooltip = "Click, or press t, to start and stop the think time"

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.ToggleAsked())

    def compose(self) -> ComposeResult:
        yield Digits(self.timer.display())
        yield Static(classes="pause-bar")
        yield Static(classes="pause-state")
        yield Static(classes="pause-history")
        yield Static(classes="pause-earlier")

    def on_mount(self) -> None:
        self._ticker = self.set_interval(0.2, self._redraw_running, pause=True)
        self.redraw()
        self._draw_earlier()  # given before mounting: drawn now

    def watch_target_seconds(self, seconds: int) -> None:
        self.timer.target_seconds = seconds
        if self.is_mounted:
            self.redraw()

    def watch_earlier(self) -> None:
        if self.is_mounted:
            self._draw_earlier()

    def _draw_earlier(self) -> None:
        self.query_one(".pause-earlier", Static).update(earlier_text(self.earlier))

    def watch_recent(self) -> None:
        if self.is_mounted:
            self.redraw()

    @property
    def running(self) -> bool:
        return self.timer.running

    def start(self) -> None:
        self.timer.start()
        if self._ticker is not None:
            self._ticker.resume()
        self.redraw()

    def stop(self) -> float:
        """Stop the clock and return the actual seconds the pause ran."""
        actual = self.timer.stop()
        if self._ticker is not None:
            self._ticker.pause()
        self.redraw()
        return actual

    def redraw(self) -> None:
        self._redraw_running()
        self.query_one(".pause-history", Static).update(history_text(self.recent, self.timer.target_seconds))

    def _redraw_running(self) -> None:
        """What moves while the clock runs; the recent pauses change only when one is saved."""
        phase = self.timer.phase()
        self.query_one(Digits).update(self.timer.display())
        self.set_class(phase is PausePhase.OVERTIME, "-overtime")
        self.set_class(phase in (PausePhase.SECOND_HALF, PausePhase.OVERTIME), "-halfway")
        self.query_one(".pause-bar", Static).update(self._bar())
        state = Text(_PHASE_WORDS[phase])
        if phase is PausePhase.IDLE:
            state.append(f"  {self.timer.target_seconds} s agreed · t starts")
        else:
            state.append("  · t stops", style="dim")
        self.query_one(".pause-state", Static).update(state)

    def _bar(self) -> Text:
        """A bar that empties as time passes, with the halfway mark drawn in."""
        used = round(self.timer.fraction() * BAR_CELLS)
        half = BAR_CELLS // 2
        bar = Text()
        for cell in range(BAR_CELLS):
            if cell == half:
                bar.append("┃", style="bold")
            bar.append("░" if cell < used else "█")
        return bar


def history_text(recent: Sequence[float], target: int) -> Text:
    if not recent:
        return Text("No pauses yet today", style="dim")
    shown = ", ".join(f"{a:.0f}" for a in recent[-4:])
    return Text(f"Today: {shown} s (of {target})", no_wrap=True, overflow="ellipsis")


def earlier_text(earlier: Sequence[tuple[int, float]]) -> Text:
    """Median pause of the last few sessions, so the trend shows at a glance."""
    if not earlier:
        return Text("")
    shown = " · ".join(f"S{number} {median:.0f}" for number, median in earlier[-4:])
    return Text(f"Before: {shown} s", style="dim", no_wrap=True, overflow="ellipsis")
