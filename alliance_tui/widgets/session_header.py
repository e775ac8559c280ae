"""One line that says who, which session, and how the time is going."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

ENDING_SECONDS = 5 * 60


def minutes_text(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class SessionHeader(Static):
    """Elapsed against planned; the last five minutes change colour AND symbol, silently."""

    DEFAULT_CSS = """
    SessionHeader {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    SessionHeader.-ending {
        background: $warning 30%;
    }
    SessionHeader.-over {
        background: $error 30%;
    }
    """

    client_name: reactive[str] = reactive("")
    session_number: reactive[int] = reactive(1)
    programme_sessions: reactive[int] = reactive(12)
    planned_minutes: reactive[int] = reactive(60)
    elapsed_seconds: reactive[float] = reactive(0.0)

    def _seconds_left(self) -> float:
        return self.planned_minutes * 60 - self.elapsed_seconds

    def watch_elapsed_seconds(self) -> None:
        self._mark_time()

    def watch_planned_minutes(self) -> None:
        self._mark_time()

    def _mark_time(self) -> None:
        left = self._seconds_left()
        self.set_class(0 < left <= ENDING_SECONDS, "-ending")
        self.set_class(left <= 0, "-over")

    def render(self) -> Text:
        left = self._seconds_left()
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(self.client_name, style="bold")
        line.append(f"  ·  session {self.session_number} of {self.programme_sessions}")
        line.append("  ·  ")
        if left <= 0:
            line.append(f"⏰ {minutes_text(self.elapsed_seconds)} of {self.planned_minutes} min", style="bold")
            line.append(f"  {minutes_text(-left)} over")
        elif left <= ENDING_SECONDS:
            line.append(f"⚑ {minutes_text(self.elapsed_seconds)} of {self.planned_minutes} min", style="bold")
            line.append(f"  {int(-(-left // 60))} min left")
        else:
            line.append(f"◷ {minutes_text(self.elapsed_seconds)} of {self.planned_minutes} min")
        return line
