"""The next call on the client list: read from the coach's calendar off the screen's thread, matched to a client.

With a calendar set, its line is on top: read after the first frame, again
only when a stat of its files says they changed, and only while the list is
showing. ctrl+l corrects a match, remembered for the call's series.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from rich.text import Text
from textual.widgets import Input, Static

from ..models.calendar import CalendarEvent
from ..models.timeutil import local_date
from ..store import StoreError
from .dashboard_filter import DashboardFilter
from .next_call import POLL_SECONDS, TICK_SECONDS, CalendarRead, NextCall, read_calendar


class DashboardCalendar(DashboardFilter):
    """The next call's line, its reading and its matching (ctrl+l): the only work the list does in the background."""

    def watch_calendar(self) -> None:
        """With a calendar set, its line on top: read now (off this thread), again when the file changes."""
        line = self.query_one("#next-call", Static)
        path = self.alliance_app.calendar
        line.display = path is not None
        if path is None:
            return
        self.next_call = NextCall(path)
        self._say_next_call(self.next_call.line(self.alliance_app.clock()))
        self.set_interval(POLL_SECONDS, self.poll_calendar)
        self.set_interval(TICK_SECONDS, self.show_next_call)
        self.call_after_refresh(self.poll_calendar)  # after the first frame: start-up reads no calendar

    def poll_calendar(self) -> None:
        """Only while the dashboard is showing: nothing runs behind a call (it is asked again on return)."""
        watch = self.next_call
        if watch is None or watch.reading or self.app.screen is not self:
            return
        watch.reading = True
        day = local_date(self.alliance_app.clock())
        self.run_worker(partial(self._read_calendar, watch, day), thread=True, group="calendar", exit_on_error=False)

    def _read_calendar(self, watch: NextCall, day: date) -> None:
        """On a worker thread: a stat of the files, and a read only when they changed (or the day did)."""
        from ..store.calendar_file import calendar_stamp

        found: CalendarRead | None = None
        try:
            stamp = calendar_stamp(watch.path)
            if watch.read is None or watch.read.day != day or watch.read.stamp != stamp:
                found = read_calendar(watch.path, day, stamp)
        finally:
            self.app.call_from_thread(self._calendar_read, watch, found)

    def _calendar_read(self, watch: NextCall, found: CalendarRead | None) -> None:
        watch.reading = False
        if found is None:
            return
        watch.read = found
        self.show_next_call()
        if self._calendar_selected or not found.events:
            return
        self._calendar_selected = True
        call = watch.upcoming(self.alliance_app.clock())
        untouched = self.table.cursor_row <= 0 and not self.query_one("#filter", Input).value  # never under the coach
        if call is not None and call.client is not None and untouched:
            self.refresh_clients(select=call.client.id)

    def show_next_call(self) -> None:
        """Matched again from the index as it is now (a session ended, a match corrected), then said."""
        watch = self.next_call
        if watch is None or watch.read is None or self.app.screen is not self:
            return
        watch.match(self.store.summaries(include_archived=False), dict(self.store.settings.calendar_matches))
        self._say_next_call(watch.line(self.alliance_app.clock()))
        self.show_detail()

    def _say_next_call(self, text: Text) -> None:
        """One line, whatever its length: the whole of it is the line's tooltip."""
        text.no_wrap = True
        text.overflow = "ellipsis"
        line = self.query_one("#next-call", Static)
        line.update(text)
        line.tooltip = text.plain

    def action_link_call(self) -> None:
        """The next call is with the highlighted client: remembered by its UID and title, and shown at once.

        On the client it is already matched to, a second ctrl+l says it is no
        client's call (a lunch with a friend who shares a client's first name).
        """
        watch = self.next_call
        if watch is None:
            self.notify("No calendar is set: --calendar PATH, or calendar in the config's [preferences].", timeout=6)
            return
        call = watch.upcoming(self.alliance_app.clock())
        summary = self.highlighted()
        if call is None or summary is None:
            self.notify("No call left today to match, or no client highlighted.", timeout=4)
            return
        title = call.event.title or "(no title)"
        if call.client is not None and call.client.id == summary.id:
            if self._unlink_armed != call.event:
                self._unlink_armed = call.event
                self.notify(
                    f"{title!r} is already matched to {summary.name}. ctrl+l again: it is no client's call.",
                    timeout=6,
                    markup=False,
                )
                return
            if self._remember(call.event, None):
                self.notify(
                    f"Remembered: {title!r} is no client's call.", title="Call matched", timeout=6, markup=False
                )
            return
        if self._remember(call.event, summary.id):
            self.notify(
                f"Remembered: {title!r} is with {summary.name}, and so is the rest of its series.",
                title="Call matched",
                timeout=6,
                markup=False,
            )

    def _remember(self, event: CalendarEvent, client_id: str | None) -> bool:
        from ..store.calendar_matches import remember_match

        self._unlink_armed = None
        try:
            remember_match(self.store, event, client_id)
        except StoreError as exc:
            self.report(exc)
            return False
        self.show_next_call()
        return True
