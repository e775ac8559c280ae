"""The session screen's ground: its data, its panes, and how every write is kept, said and undone.

The layers above (tuning, the log line, check-ins, the screen itself) act
through what is here: the views bound to the panes, begin/_wrote/_say and
ctrl+z, so each of them holds one kind of action and nothing else.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

from ..models.commitments import Commitment
from ..models.notes import Note, NoteKind
from ..models.present import Present
from ..models.prompts import PromptSet, prompts_for_moment
from ..models.session import Session
from ..models.settings import PracticeSettings
from ..models.timeutil import local_date
from ..models.undo import Added, UndoStack, UndoStep, undone_message
from ..practice_watch import PracticeChanged
from ..store import ReadOnlyPractice, StoreError
from ..widgets.accountability_pane import AccountabilityPane, AccountabilityView
from ..widgets.agreement_pane import AgreementPane, AgreementView
from ..widgets.footer import KeyFooter
from ..widgets.pause_clock import PauseClock
from ..widgets.quick_log import LastNote, QuickLog, QuickLogInput
from ..widgets.revisit_pane import RevisitPane, RevisitView
from ..widgets.session_header import SessionHeader
from ..widgets.today_log import TodayLog
from .base import AllianceScreen

COMPACT_WIDTH = 100
COMPACT_HEIGHT = 30


def commitments_to_check(present: Present, number: int) -> tuple[Commitment, ...]:
    """Earlier commitments still open, plus those already checked in this session."""
    return tuple(
        c
        for c in present.commitments
        if (c.session_number or 0) < number and (c.needs_checkin or c.checked_in_session == number)
    )


def revisit_lead(present: Present, lead: str, settings: PracticeSettings) -> list[str]:
    """Above the questions: the moment, what is due, and what the alliance has never designed, in plain words."""
    from ..models.coverage import missing_areas, names
    from ..models.nudges import NudgeKind

    nudges = present.nudges(settings.revisit_every_sessions)
    lines = [lead, *(f"⚑ {n.text}" for n in nudges)]
    missing = missing_areas(present.current_alliance)
    if missing and not any(n.kind is NudgeKind.COVERAGE for n in nudges):
        lines.append(f"○ Not yet designed: {names(missing)}")
    if present.revisit_draft is not None:
        from ..models.revisit_walk import under_way

        items = present.current_alliance.items if present.current_alliance else []
        lines.append(f"{under_way(items, present.revisit_draft)}: w resumes it")
    return lines


def prompt_lead(number: int, programme: int) -> str:
    if number >= programme:
        return f"Last session of {programme}: a renewal conversation"
    if number in (3, 4):
        return f"Session {number}: a good moment to design the alliance fully"
    return "How is our work together going?"


class SessionCore(AllianceScreen):
    """What every layer of the session screen stands on: the views, the begun session and the undo list."""

    # Data down: the screen holds what the panes show; each pane is bound to one of these.
    agreement_view: reactive[AgreementView] = reactive(AgreementView, always_update=True)
    accountability_view: reactive[AccountabilityView] = reactive(AccountabilityView, always_update=True)
    revisit_view: reactive[RevisitView] = reactive(RevisitView, always_update=True)
    today_notes: reactive[tuple[Note, ...]] = reactive((), always_update=True)

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.session: Session | None = None
        self._return_to: Widget | None = None
        self._pause_started: datetime | None = None
        self._pause_clock: PauseClock | None = None
        self._refused: StoreError | None = None
        self.started = False  # the session written (begin): only with its first entry, check-in or pause
        self._opened_at: datetime | None = None  # when the coach opened the screen
        self.undo_stack = UndoStack()  # every write made here, newest last: ctrl+z takes them back
        self._stale = False  # told of a change while not shown: redrawn when shown again
        self._ticker: Timer | None = None

    # ----------------------------------------------------------------- building

    def compose(self) -> ComposeResult:
        """The session's data in every widget before the first layout: each pane draws once.

        Nothing is written here: the session the coach would begin (or the one
        still open) is shown, and begins with the first thing logged in it.
        """
        self.alliance_app.practice_watch.follow(self)  # before the panes are filled: no change falls between
        try:
            if self.store.read_only:  # nothing could be logged: said at once, not at the first entry
                reason = self.store.read_only_reason or "This window is read-only."
                raise ReadOnlyPractice(f"No session can be held here: {reason.rstrip('.')}.")
            self.session = self.store.session_to_start(self.client_id)
            self.started = self.present.open_session is not None
        except StoreError as error:
            self._refused = error  # said, and the screen left, once it is shown
            return
        header = SessionHeader(id="session-header")
        self._pause_clock = PauseClock(30, self.alliance_app.monotonic, id="pause")
        self._pause_clock.border_title = "Pause clock"
        quick_log = QuickLog(id="quicklog")
        self._fill(header, self._pause_clock, quick_log)
        self._layout_for(self.app.size.width, self.app.size.height)
        agreement = AgreementPane(id="agreement")
        agreement.border_title = "Agreement"
        agreement.view = self.agreement_view
        revisit = RevisitPane(id="revisit")
        revisit.border_title = "Revisit prompts"
        revisit.border_subtitle = "^f: 1-9, ↑↓ Enter · ^o own"
        revisit.view = self.revisit_view
        accountability = AccountabilityPane(id="accountability")
        accountability.border_title = "Accountability check-in"
        accountability.view = self.accountability_view
        today = TodayLog(id="today")
        today.border_title = "Logged today"
        today.notes = self.today_notes
        yield header
        with Horizontal(id="panes"):
            with Vertical(id="left-column"):
                yield agreement.data_bind(view=SessionCore.agreement_view)
                yield revisit.data_bind(view=SessionCore.revisit_view)
            with Vertical(id="right-column"):
                yield accountability.data_bind(view=SessionCore.accountability_view)
                yield today.data_bind(notes=SessionCore.today_notes)
                yield self._pause_clock
        yield quick_log
        yield KeyFooter()

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1.0, self._tick)

    def on_screen_suspend(self) -> None:
        if self._ticker is not None and self not in self.app.screen_stack:
            self._ticker.pause()  # left for the client list: nothing to count on a screen no one sees

    def on_practice_changed(self, message: PracticeChanged) -> None:
        """Told of a change on disk: this client's, or the practice's (categories, own questions).

        A change this screen made (it was shown when the app's thread wrote it)
        was drawn as it was made. Any other redraws the screen at once if it is
        shown, else when it is shown again (left for the client list, or under
        a review or the alliance editor).
        """
        if message.client_id not in (self.client_id, None) or self._refused is not None or message.drawn:
            return
        if not self.is_attached or self.app.screen is not self:
            self._stale = True
        else:
            self._redraw_or_leave()

    def on_screen_resume(self) -> None:
        """Back to this screen: what changed in the store meanwhile is shown (a pane redraws only if so).

        From the client list, or from a screen opened over this one (a review, the
        alliance editor): either may have changed what the panes show, and this
        screen was told of it (on_practice_changed).
        """
        if not self.is_attached or self.app.screen is not self:
            return  # taken off again before this arrived (its client was erased, say, or the app quit)
        if self._refused is not None:
            self.report(self._refused, title="Session not shown")
            self.app.pop_screen()
            self._let_go()
            return
        if self._opened_at is None:
            self._opened_at = self._now()
        if self._ticker is not None:
            self._ticker.resume()
        if self._stale and not self._redraw_or_leave():
            return
        self._tick()

    def _redraw_or_leave(self) -> bool:
        """Redrawn from the store; False (said, and the screen left) when the client's file went away."""
        try:
            self._refresh()
        except StoreError as error:
            self.report(error, title="Session not shown")
            self.app.pop_screen()
            self._let_go()
            return False
        return True

    def begin(self) -> None:
        """The session written, as its first entry, check-in or pause is; raises StoreError if refused.

        It begins when the coach opened the screen, and ctrl+z can take the
        beginning back too (a session begun by mistake).
        """
        if self.started:
            return
        if self._refused is not None:
            raise self._refused
        assert self.session is not None
        had_open = self.present.open_session is not None
        self.session = self.store.start_session(self.client_id, started=self.session.started)
        self.started = True
        if not had_open:
            self.undo_stack.push(
                Added(f"Session {self.session.number} begun", self.client_id, "sessions", self.session.id)
            )

    def _let_go(self) -> None:
        """Not kept any longer: called once popped or switched away, so that Textual removes this screen."""
        if self.app.is_screen_installed(self) and self not in self.app.screen_stack:
            self.app.uninstall_screen(self)

    def on_resize(self) -> None:
        self._layout_for(self.size.width, self.size.height)

    def _layout_for(self, width: int, height: int) -> None:
        self.set_class(width < COMPACT_WIDTH or height < COMPACT_HEIGHT, "-compact")

    @property
    def present(self) -> Present:
        """What the session needs of the client, read without their history."""
        return self.store.present(self.client_id)

    @property
    def number(self) -> int:
        assert self.session is not None
        return self.session.number

    def _now(self) -> datetime:
        return self.alliance_app.clock()

    def _tick(self) -> None:
        if self.session is not None:
            self.query_one(SessionHeader).elapsed_seconds = self.session.elapsed_seconds(self._now())

    def _refresh(self) -> None:
        """Data down: every pane is redrawn from what the store now holds."""
        quick_log = self.query_one(QuickLog)
        quick_log.forget_confirmation()
        self._fill(self.query_one(SessionHeader), self.query_one(PauseClock), quick_log)

    def _fill(self, header: SessionHeader, pause: PauseClock, quick_log: QuickLog) -> None:
        """What the store holds, into the screen's views (bound to the panes) and the widgets given."""
        self._stale = False
        present = self.present
        session = present.session_numbered(self.number) or self.session
        assert session is not None
        self.session = session
        client = present.client
        header.client_name = client.name
        position, length = present.in_programme(session.number)  # "3 of 12" within the programme
        header.session_number = position
        header.programme_sessions = length
        header.planned_minutes = session.planned_minutes
        header.elapsed_seconds = session.elapsed_seconds(self._now())
        self.agreement_view = AgreementView(
            current=present.current_alliance,
            before_session=present.alliance_at_start,
            categories=self.store.categories(),
            saved={"focus": session.focus, "success_measure": session.success_measure},
            ladder=present.ladder,
            landed=session.landed,
        )
        self.accountability_view = AccountabilityView(
            to_check=commitments_to_check(present, session.number),
            made_today=tuple(c for c in present.commitments if c.session_number == session.number),
            session_number=session.number,
            today=local_date(self._now()),
        )
        prompts = prompts_for_moment(position, length, list(self.store.settings.prompts))
        own = [p.text for p in prompts if p.prompt_set is PromptSet.OWN]
        self.revisit_view = RevisitView(
            prompts=tuple(dict.fromkeys([p.text for p in prompts if p.prompt_set is not PromptSet.OWN] + own)),
            own=frozenset(own),
            asked=frozenset(n.prompt for n in present.notes_of(session.number, NoteKind.REVISIT)),
            lead="\n".join(revisit_lead(present, prompt_lead(position, length), self.store.settings)),
        )
        self.today_notes = present.notes_of(session.number)
        pause.target_seconds = client.think_time_seconds
        pause.recent = tuple(p.actual_seconds for p in present.pauses_of(session.number))
        pause.earlier = tuple((n, median) for n, median in present.earlier_pause_medians if n < session.number)
        quick_log.categories = self.store.categories()
        quick_log.today = local_date(self._now())
        own_words = [n for n in self.today_notes if n.kind in (NoteKind.NOTE, NoteKind.REVISIT)]
        quick_log.last_note = (
            LastNote(own_words[-1].id, own_words[-1].text, own_words[-1].private) if own_words else None
        )

    # ----------------------------------------------------------------- writing, announcing, undoing

    def _wrote(self, step: UndoStep, confirmation: str = "") -> None:
        """A write is on disk: kept for ctrl+z, the panes redrawn, and the coach told in a quiet line."""
        self.undo_stack.push(step)
        self._refresh()
        self._say(f"{confirmation or '✔ ' + step.label} · ctrl+z undoes")

    def _say(self, message: str) -> None:
        self.query_one(QuickLog).say(message)

    def action_undo(self) -> None:
        """Take back the newest write made here; again for the one before, for the whole session."""
        step = self.undo_stack.pop()
        if step is None:
            self._say("Nothing to undo: nothing was written from this screen since it opened.")
            return
        try:
            self.store.undo(step)
        except StoreError as error:
            self.undo_stack.push(step)  # still there to take back once the store can
            self.query_one(QuickLog).show_message(f"{error.message} (not undone)")
            return
        if isinstance(step, Added) and step.table == "sessions":
            self.started = False  # begun by mistake: nothing of it is left on disk
        self._refresh()
        self._say(
            f"{undone_message(step)} · {len(self.undo_stack)} more to undo" if self.undo_stack else undone_message(step)
        )

    def _begun(self) -> bool:
        """The session on disk before the first thing in it is written; False (and said) if refused."""
        try:
            self.begin()
        except StoreError as error:
            self.query_one(QuickLog).show_message(f"{error.message} (the session was not begun; nothing saved)")
            return False
        return True

    def _not_begun_after_all(self) -> None:
        """The first write was refused: the session begun for it is taken back, so nothing is left unsaid."""
        step = self.undo_stack.newest()
        if isinstance(step, Added) and step.table == "sessions":
            with contextlib.suppress(StoreError):
                self.store.undo(step)
                self.undo_stack.pop()
                self.started = False

    # ----------------------------------------------------------------- typing goes to the log line

    def on_key(self, event: events.Key) -> None:
        """A character typed where no field takes it goes into the log line as text, never a command.

        Only the pane the coach moved to keeps its own keys (d in the check-in,
        a question's number): what they do shows at once and ctrl+z takes it back.
        """
        focused = self.focused
        if isinstance(focused, Input) or not event.is_printable or event.character is None:
            return
        own = self.active_bindings.get(event.key)
        if own is not None and own.enabled and own.node is not self:
            return
        event.stop()
        event.prevent_default()
        box = self.query_one(QuickLogInput)
        self.set_focus(box)
        box.insert_text_at_cursor(event.character)

    def _to_log_line(self) -> None:
        box = self.query_one(QuickLogInput)
        self.set_focus(box)  # at once, so keys typed straight after land in the line
        box.cursor_position = len(box.value)

    def _give_focus_back(self) -> None:
        """After an entry is saved, refused or cancelled anywhere, typing goes back to the log line."""
        self._to_log_line()
