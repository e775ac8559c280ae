"""The agreed think time, counting down in large digits, with a halfway mark."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.console import Group
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.digits import Digits as DigitsRenderable
from textual.timer import Timer
from textual.widget import Widget

from ..models.pause import PausePhase, PauseTimer

BAR_CELLS = 20
_PHASE_WORDS = {
    PausePhase.IDLE: "○ ready",
    PausePhase.FIRST_HALF: "◔ thinking",
    PausePhase.SECOND_HALF: "◑ past halfway",
    PausePhase.OVERTIME: "● over time",
}


class PauseClock(Widget):
    """Redraws a few times a second but measures with the monotonic clock, so ticks never drift.

    One widget draws it all (the large digits, the bar, the phase, today's and
    earlier pauses), line by line: a tick is a repaint of this pane alone,
    never a layout of the screen, and opening a session mounts one widget
    for it rather than six.
    """

    DEFAULT_CSS = """
    PauseClock {
        height: auto;
        & > .pause-clock--state {
            text-style: none;
        }
        &.-overtime > .pause-clock--digits {
            color: $text-warning;
        }
        &.-halfway > .pause-clock--state {
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"pause-clock--digits", "pause-clock--state", "pause-clock--earlier"}

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
        self.tooltip = "Click, or press ctrl+t, to start and stop the think time"

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.ToggleAsked())

    def on_mount(self) -> None:
        self._ticker = self.set_interval(0.2, self.redraw, pause=True)
        self._show_phase()

    def watch_target_seconds(self, seconds: int) -> None:
        self.timer.target_seconds = seconds

    @property
    def running(self) -> bool:
        return self.timer.running

    @property
    def shown_time(self) -> str:
        """What the large digits say."""
        return self.timer.display()

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
        self._show_phase()
        self.refresh()

    def _show_phase(self) -> None:
        phase = self.timer.phase()
        self.set_class(phase is PausePhase.OVERTIME, "-overtime")
        self.set_class(phase in (PausePhase.SECOND_HALF, PausePhase.OVERTIME), "-halfway")

    def render(self) -> Group:
        digits_style = self.get_component_rich_style("pause-clock--digits")
        rows = [
            Text(segment.text, style=segment.style or "", no_wrap=True, overflow="crop")
            for segment in DigitsRenderable(self.shown_time, digits_style).render(digits_style)
            if isinstance(segment, Segment) and segment.text != "\n"
        ]
        lines = [
            *rows,
            one_line(self._bar()),
            one_line(self._state()),
            history_text(self.recent, self.timer.target_seconds),
        ]
        if self.get_component_styles("pause-clock--earlier").display != "none":
            lines.append(earlier_text(self.earlier))
        return Group(*lines)

    def _state(self) -> Text:
        phase = self.timer.phase()
        state = Text(_PHASE_WORDS[phase], style=self.get_component_rich_style("pause-clock--state", partial=True))
        if phase is PausePhase.IDLE:
            state.append(f"  {self.timer.target_seconds} s agreed · ctrl+t starts")
        else:
            state.append("  · ctrl+t stops", style="dim")
        return state

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


def one_line(text: Text) -> Text:
    """A line of the clock never wraps into the next one: what does not fit is cut."""
    text.no_wrap = True
    text.overflow = "crop"
    return text


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
