"""The live session: what the coach keeps open beside the call.

Every action is a keystroke or two, saved through the store before the screen
shows it as done; refusals are said inline and what was typed stays put.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

from ..models.alliance import AllianceVersion, RequestedBy
from ..models.commitments import Commitment, CommitmentStatus
from ..models.ladder import Landing, next_landing
from ..models.notes import Note, NoteKind
from ..models.present import Present
from ..models.prompts import PromptSet, prompts_for_moment
from ..models.quicklog import PRIVATE_NOTE, EntryKind, LineKind, parse_as
from ..models.session import Session
from ..models.settings import PracticeSettings
from ..models.text import TextRefused
from ..models.timeutil import local_date
from ..models.undo import (
    Added,
    Changed,
    PromptAdded,
    PromptRemoved,
    ThinkTimeChanged,
    UndoStack,
    UndoStep,
    undone_message,
)
from ..store import ClientUnavailable, InvalidInput, ReadOnlyPractice, StoreError
from ..widgets.accountability_pane import AccountabilityPane, AccountabilityView, awaiting
from ..widgets.agreement_pane import FIELDS, AgreementPane, AgreementView
from ..widgets.footer import KeyFooter
from ..widgets.in_place import in_place
from ..widgets.pause_clock import PauseClock
from ..widgets.quick_log import LastNote, QuickLog, QuickLogInput
from ..widgets.revisit_pane import RevisitPane, RevisitView
from ..widgets.session_header import SessionHeader
from ..widgets.today_log import TodayLog
from .base import AllianceScreen
from .end_session import EndSessionConfirm

if TYPE_CHECKING:
    from ..app import AllianceApp

COMPACT_WIDTH = 100
# A session left within this time with nothing in it was opened by mistake (s on the
# client list): it is not kept, so "sessions held" stays true. Older ones always stay.
MISTAKEN_SESSION = timedelta(minutes=5)
COMPACT_HEIGHT = 30
MIN_PAUSE_SECONDS = 1.0  # a pause clock stopped sooner was a slip of the key, not a pause


def kept_name(client_id: str) -> str:
    """The name a client's open session screen is kept under (installed) between visits."""
    return f"session:{client_id}"


def show_session_screen(app: App[Any], client_id: str) -> None:
    """The session screen the coach left for this client, as they left it, else a new one.

    While its session is open a session screen is kept, so stepping back to the
    client list mid-call and returning shows it as it was: focus, the
    highlighted rows and the last confirmation are where they were. A session
    has one screen: when it is already open under the screen the coach is on,
    they are told so, and nothing is pushed twice.

    Opening writes nothing: the session begins (is written) with its first
    entry, check-in or pause, so a screen opened by mistake and left leaves
    no session behind. A client whose file cannot be read raises StoreError,
    and nothing is shown.
    """
    name = kept_name(client_id)
    if not app.is_screen_installed(name):
        cast("AllianceApp", app).store.session_to_start(client_id)  # unreadable: said now, nothing pushed
        screen = SessionScreen(client_id)
        app.install_screen(screen, name)
        app.push_screen(screen)
        return
    kept = app.get_screen(name)
    if kept not in app.screen_stack:
        app.push_screen(kept)
    elif kept is not app.screen:
        app.notify(
            "This session is already open under this screen: Esc goes back to it.",
            title="Session open",
            timeout=6,
            markup=False,
        )


def forget_session_screen(app: App[Any], client_id: str) -> None:
    """Keep no screen for this client's session any longer: the client is gone.

    A kept screen still in the stack is taken off it, with whatever was
    opened over it, since there is no session left to go back to.
    """
    name = kept_name(client_id)
    if not app.is_screen_installed(name):
        return
    kept = app.get_screen(name)
    popped = False
    while kept in app.screen_stack and len(app.screen_stack) > 1:
        app.pop_screen()
        popped = True
    app.uninstall_screen(name)
    if not popped:  # a screen popped just now is removed by Textual once uninstalled
        kept.remove()


def commitments_to_check(present: Present, number: int) -> tuple[Commitment, ...]:
    """Earlier commitments still open, plus those already checked in this session."""
    return tuple(
        c
        for c in present.commitments
        if (c.session_number or 0) < number and (c.needs_checkin or c.checked_in_session == number)
    )


def _next_words(landed: Landing | None) -> str:
    following = next_landing(landed)
    return following.label if following is not None else "no mark"


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


class SessionScreen(AllianceScreen):
    CSS_PATH = "session.tcss"
    AUTO_FOCUS = "#quicklog-input"  # where the coach types: a sentence typed at once is a note, never a key

    # Every key that acts from anywhere holds ctrl, so a sentence typed into the wrong place is only
    # text: single letters act only in the pane the coach moved to (a check-in, a question's number),
    # where what they do is visible at once and ctrl+z takes it back.
    BINDINGS = [
        Binding(
            "ctrl+l",
            "log('note')",
            "Note",
            show=False,  # typing goes to the log line anyway: the footer's room is for the other keys
            priority=True,
            id="session.log",
            tooltip="Type a private note in the log line (where typing goes anyway)",
        ),
        Binding(
            "ctrl+s",
            "shared_or_save",
            "Shared",
            priority=True,
            id="session.shared",
            tooltip="Open the log line marked shared with the client (again: back to private); "
            "in any other field, save what it holds",
        ),
        Binding(
            "ctrl+r",
            "log('adjust')",
            "Adjust",
            priority=True,
            id="session.adjust",
            tooltip="Log an adjustment the client asks for (Tab picks its category)",
        ),
        Binding(
            "ctrl+n",
            "log('commit')",
            "Commit",
            priority=True,
            id="session.commit",
            tooltip="Log a commitment: what | by when | how to be held accountable",
        ),
        Binding(
            "ctrl+y",
            "check_in",
            "Check-in",
            priority=True,
            id="session.checkin",
            tooltip="Go to the check-in: then d done, p partly, n not, x dropped, f carried (Shift adds a note)",
        ),
        Binding(
            "ctrl+t",
            "toggle_pause",
            "Think time",
            priority=True,
            id="session.pause",
            tooltip="Start or stop the pause clock, even while typing",
        ),
        Binding(
            "ctrl+f",
            "questions",
            "Questions",
            priority=True,
            id="session.questions",
            tooltip="Go to the revisit questions: then 1-9, or arrows and Enter for any, to ask one",
        ),
        Binding(
            "ctrl+o",
            "own_prompt",
            "Own question",
            show=False,
            priority=True,
            id="session.own_prompt",
            tooltip="Add a revisit question of your own, kept for every client",
        ),
        Binding(
            "ctrl+g",
            "edit_focus",
            "Focus",
            show=False,
            priority=True,
            id="session.focus",
            tooltip="Edit today's focus and how it goes well",
        ),
        Binding(
            "ctrl+b",
            "ladder",
            "Ladder",
            show=False,
            priority=True,
            id="session.ladder",
            tooltip="The success ladder in the log line (good | great | amazing); "
            "pressed again, marks where this session landed on it",
        ),
        Binding(
            "ctrl+up",
            "think_time(1)",
            "More think time",
            show=False,
            priority=True,
            id="session.think_more",
            tooltip="Five seconds more agreed think time, recorded with this session (the agreement is offered it)",
        ),
        Binding(
            "ctrl+down",
            "think_time(-1)",
            "Less think time",
            show=False,
            priority=True,
            id="session.think_less",
            tooltip="Five seconds less agreed think time, recorded with this session (the agreement is offered it)",
        ),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            priority=True,
            id="session.undo",
            tooltip="Take back the latest entry, check-in, pause or change made here (again for the one before)",
        ),
        Binding(
            "ctrl+e",
            "end",
            "End",
            priority=True,
            id="session.end",
            tooltip="End the session (asks first) and see the summary; in a field holding text, the end of the line",
        ),
        Binding(
            "escape",
            "leave",
            "Clients",
            id="session.leave",
            tooltip="Back to the client list; the session stays open and resumes",
        ),
    ]

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
        self._shown: tuple[int, int] = (-1, -1)  # the app's count of this client's changes when last filled
        self._ticker: Timer | None = None

    # ----------------------------------------------------------------- building

    def compose(self) -> ComposeResult:
        """The session's data in every widget before the first layout: each pane draws once.

        Nothing is written here: the session the coach would begin (or the one
        still open) is shown, and begins with the first thing logged in it.
        """
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
                yield agreement.data_bind(view=SessionScreen.agreement_view)
                yield revisit.data_bind(view=SessionScreen.revisit_view)
            with Vertical(id="right-column"):
                yield accountability.data_bind(view=SessionScreen.accountability_view)
                yield today.data_bind(notes=SessionScreen.today_notes)
                yield self._pause_clock
        yield quick_log
        yield KeyFooter()

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1.0, self._tick)

    def on_screen_suspend(self) -> None:
        if self._ticker is not None and self not in self.app.screen_stack:
            self._ticker.pause()  # left for the client list: nothing to count on a screen no one sees

    def on_screen_resume(self) -> None:
        """Back to this screen: what changed in the store meanwhile is shown (a pane redraws only if so).

        From the client list, or from a screen opened over this one (a review, the
        alliance editor): either may have changed what the panes show.
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
        if self.alliance_app.changes_seen(self.client_id) != self._shown:
            try:
                self._refresh()
            except StoreError as error:  # the client's file went away meanwhile: said, and left
                self.report(error, title="Session not shown")
                self.app.pop_screen()
                self._let_go()
                return
        self._tick()

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
        self._shown = self.alliance_app.changes_seen(self.client_id)
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

    # ----------------------------------------------------------------- pause clock

    def action_toggle_pause(self) -> None:
        pause = self.query_one(PauseClock)
        if not pause.running:
            self._pause_started = self._now()
            pause.start()
            self._say("Pause clock running · ctrl+t stops it")
            return
        self._record_pause(pause.stop())

    @on(PauseClock.ToggleAsked)
    def _clock_clicked(self, event: PauseClock.ToggleAsked) -> None:
        event.stop()
        self.action_toggle_pause()

    def _record_pause(self, actual: float) -> None:
        started = self._pause_started or self._now()
        self._pause_started = None
        if actual < MIN_PAUSE_SECONDS:
            self._say("Pause clock stopped within a second: not recorded")
            return
        if not self._begun():
            return
        try:
            pause = self.store.record_pause(
                self.client_id,
                target_seconds=self.query_one(PauseClock).target_seconds,
                actual_seconds=actual,
                started=started,
                session_number=self.number,
            )
        except StoreError as error:
            self._not_begun_after_all()
            self.report(error, title="Pause not recorded")
            return
        self._wrote(Added(f"Pause of {round(actual)} s recorded", self.client_id, "pauses", pause.id))

    def _stop_pause_if_running(self) -> None:
        pause = self.query_one(PauseClock)
        if pause.running:
            self._record_pause(pause.stop())

    def on_unmount(self) -> None:
        """Quitting mid-pause still records the pause as it ran (the widgets are gone by now)."""
        timer = self._pause_clock.timer if self._pause_clock is not None else None
        if timer is None or not timer.running or self.session is None:
            return
        actual = timer.stop()
        if actual < MIN_PAUSE_SECONDS:
            return
        with contextlib.suppress(StoreError):  # the app is closing; there is no one left to tell
            self.begin()
            self.store.record_pause(
                self.client_id,
                target_seconds=timer.target_seconds,
                actual_seconds=actual,
                started=self._pause_started or self._now(),
                session_number=self.session.number,
            )

    # ----------------------------------------------------------------- quick log

    def action_log(self, kind: str) -> None:
        """The log line, ready for the kind of entry asked for, shown beside it before any word is typed."""
        quick_log = self.query_one(QuickLog)
        if kind == "adjust":
            quick_log.choose(LineKind(EntryKind.ADJUSTMENT))
        elif kind == "commit":
            quick_log.choose(LineKind(EntryKind.COMMITMENT))
        else:
            quick_log.choose(PRIVATE_NOTE)
        self._to_log_line()

    def _to_log_line(self) -> None:
        box = self.query_one(QuickLogInput)
        self.set_focus(box)  # at once, so keys typed straight after land in the line
        box.cursor_position = len(box.value)

    def _give_focus_back(self) -> None:
        """After an entry is saved, refused or cancelled anywhere, typing goes back to the log line."""
        self._to_log_line()

    def action_toggle_shared(self) -> None:
        self.query_one(QuickLog).toggle_shared()
        self._to_log_line()

    async def action_shared_or_save(self) -> None:
        """ctrl+s is "save" everywhere else: in a field other than the log line it saves, never arms sharing."""
        focused = self.focused
        if isinstance(focused, Input) and not isinstance(focused, QuickLogInput):
            await focused.action_submit()
        else:
            self.action_toggle_shared()

    @on(QuickLog.Submitted)
    def _quick_log(self, event: QuickLog.Submitted) -> None:
        quick_log = self.query_one(QuickLog)
        if not event.text.strip() and event.line_kind.is_default:
            # Enter on an empty private-note line means nothing: no refusal over what the line last said
            # (an empty adjustment or commitment is still refused, and the line goes back to a private note).
            return
        step: UndoStep
        try:
            entry = parse_as(event.line_kind, event.text, self.store.categories())
            if entry.kind is EntryKind.LADDER and self._ladder_as_it_was(entry.ladder):
                quick_log.saved("The success ladder is as it was: nothing saved")
                self._give_focus_back()
                return
            if not self._begun():
                return
            if entry.kind is EntryKind.ADJUSTMENT and event.line_kind.replaces:
                step = self._reword_agreement(event.line_kind.replaces, entry.text)
            elif entry.kind is EntryKind.ADJUSTMENT:
                # The coach's own requests are the coach's; every other in-session change is the client's ask.
                by = RequestedBy.COACH if entry.category == "Coach's requests" else RequestedBy.CLIENT
                version = self.store.add_alliance_item(
                    self.client_id, entry.category, entry.text, requested_by=by, session_number=self.number
                )
                step = Added(f"Alliance adjusted ({entry.category})", self.client_id, "versions", version.id)
            elif entry.kind is EntryKind.LADDER:
                step = self._save_ladder(entry.ladder)
            elif entry.kind is EntryKind.COMMITMENT:
                commitment = self.store.add_commitment(
                    self.client_id,
                    entry.text,
                    by_when=entry.by_when,
                    how_accountable=entry.how_accountable,
                    session_number=self.number,
                )
                step = Added("Commitment saved", self.client_id, "commitments", commitment.id)
            else:
                note = self.store.log_note(
                    self.client_id, entry.text, private=not event.shared, session_number=self.number
                )
                label = "Note saved, shared with the client" if event.shared else "Note saved, private"
                step = Added(label, self.client_id, "notes", note.id)
        except TextRefused as refused:
            quick_log.show_message(f"{refused} (nothing saved; your text is still here, now as a private note)")
            self._give_focus_back()
            return
        except StoreError as error:
            self._not_begun_after_all()
            quick_log.show_message(f"{error.message} (your text is still here, now as a private note)")
            self._give_focus_back()
            return
        quick_log.saved("")
        self._wrote(step, self._clock_in_step(entry.category, entry.text) if entry.kind is EntryKind.ADJUSTMENT else "")
        self._give_focus_back()

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

    @on(QuickLog.Reworded)
    def _reworded(self, event: QuickLog.Reworded) -> None:
        quick_log = self.query_one(QuickLog)
        before = next((n for n in self.present.notes if n.id == event.note_id), None)
        try:
            self.store.update_note(self.client_id, event.note_id, text=event.text)
        except StoreError as error:
            quick_log.show_message(f"{error.message} (the note is unchanged; your text is still here)")
            return
        quick_log.saved("")
        if before is not None:
            self._wrote(Changed("Note reworded", self.client_id, "notes", before))
        self._give_focus_back()

    # ----------------------------------------------------------------- check-in

    def action_check_in(self) -> None:
        pane = self.query_one(AccountabilityPane)
        if not pane.view.to_check:
            self._say("Nothing to check in from earlier sessions.")
            return
        pane.focus_list()

    @on(AccountabilityPane.CheckedIn)
    def _checked_in(self, event: AccountabilityPane.CheckedIn) -> None:
        pane = self.query_one(AccountabilityPane)
        try:
            existing = next((c for c in self.present.commitments if c.id == event.commitment_id), None)
        except StoreError as error:  # the client's file was damaged outside the app
            pane.show_message(error.message)
            return
        if existing is None or not self._begun():
            return
        try:
            self.store.check_in(
                self.client_id,
                event.commitment_id,
                event.status,
                # A note from an earlier check-in (a carried commitment) stays with that session.
                note=existing.checkin_note if existing.checked_in_session == self.number else "",
                session_number=self.number,
            )
        except StoreError as error:
            self._not_begun_after_all()
            pane.show_message(error.message)
            return
        pane.show_message("")
        self._wrote(
            Changed(f"Checked in: {existing.what[:40]} · {event.status.label}", self.client_id, "commitments", existing)
        )
        if event.with_note:
            pane.action_note()
        elif any(awaiting(c, self.number) for c in pane.view.to_check):
            pane.advance()
        else:
            self._give_focus_back()  # all checked in: back to where the coach types

    @on(AccountabilityPane.NoteGiven)
    def _checkin_note(self, event: AccountabilityPane.NoteGiven) -> None:
        pane = self.query_one(AccountabilityPane)
        try:
            commitment = next((c for c in self.present.commitments if c.id == event.commitment_id), None)
        except StoreError as error:  # the client's file was damaged outside the app
            pane.show_message(f"{error.message} (your note is still here)")
            return
        if commitment is None:
            return
        if commitment.checked_in_session != self.number or commitment.status is CommitmentStatus.OPEN:
            pane.show_message("Check it in first (d, p, n, x or f), then add the note.")
            return
        try:
            self.store.check_in(
                self.client_id, commitment.id, commitment.status, note=event.note, session_number=self.number
            )
        except StoreError as error:
            pane.show_message(f"{error.message} (your note is still here)")
            return
        pane.note_saved()
        self._wrote(Changed("Check-in note saved", self.client_id, "commitments", commitment))
        if any(awaiting(c, self.number) for c in pane.view.to_check):
            pane.advance()  # on to the next commitment still to check in
        else:
            self._give_focus_back()

    @on(AccountabilityPane.NoteClosed)
    def _checkin_note_closed(self) -> None:
        self._give_focus_back()

    # ----------------------------------------------------------------- revisit

    def action_questions(self) -> None:
        self.query_one(RevisitPane).focus_list()

    def action_own_prompt(self) -> None:
        self.query_one(RevisitPane).action_own_prompt()

    @on(RevisitPane.Answered)
    def _answered(self, event: RevisitPane.Answered) -> None:
        pane = self.query_one(RevisitPane)
        if not self._begun():
            return
        try:
            note = self.store.log_note(
                self.client_id,
                event.answer,
                kind=NoteKind.REVISIT,
                session_number=self.number,
                prompt=event.prompt,
            )
        except StoreError as error:
            self._not_begun_after_all()
            pane.show_message(f"{error.message} (the answer is still here)")
            return
        pane.done()
        self._wrote(Added("Answer saved as a revisit note", self.client_id, "notes", note.id))
        self._give_focus_back()

    @on(RevisitPane.PromptAdded)
    def _prompt_added(self, event: RevisitPane.PromptAdded) -> None:
        pane = self.query_one(RevisitPane)
        try:
            prompt = self.store.add_prompt(event.text)
        except StoreError as error:
            pane.show_message(f"{error.message} (your question is still here)")
            return
        pane.done()
        self._wrote(PromptAdded("Question added to your own prompts", prompt.id))
        self._give_focus_back()

    @on(RevisitPane.WalkAsked)
    def _walk_asked(self) -> None:
        """The revisit that decides, from the revisit pane: one version at the end, on this screen's ctrl+z list."""
        from .revisit import RevisitScreen

        def saved(version: AllianceVersion) -> None:
            self._wrote(Added(f"Revisit saved as version {version.number}", self.client_id, "versions", version.id))

        self.app.push_screen(
            RevisitScreen(self.client_id, session_number=self.number, before_finish=self._begun, on_saved=saved)
        )

    @on(RevisitPane.Closed)
    def _revisit_closed(self) -> None:
        self._give_focus_back()

    @on(RevisitPane.PromptRemoved)
    def _prompt_removed(self, event: RevisitPane.PromptRemoved) -> None:
        pane = self.query_one(RevisitPane)
        prompts = list(self.store.settings.prompts)
        position = next((i for i, p in enumerate(prompts) if p.text == event.text), None)
        if position is None:
            return
        own = prompts[position]
        try:
            self.store.remove_prompt(own.id)
        except StoreError as error:
            pane.show_message(error.message)
            return
        self._wrote(PromptRemoved("Your question was removed (the built-in ones stay)", own, position))

    # ----------------------------------------------------------------- session agreement

    @on(AgreementPane.DoneEditing)
    def _done_editing(self) -> None:
        self._give_focus_back()

    def action_edit_focus(self) -> None:
        self.set_focus(self.query_one("#session-focus"))

    @on(AgreementPane.SessionAgreementEdited)
    def _agreement_edited(self, event: AgreementPane.SessionAgreementEdited) -> None:
        pane = self.query_one(AgreementPane)
        if not self._begun():
            return
        assert self.session is not None
        before = self.present.session_numbered(self.number) or self.session
        try:
            self.store.update_session(self.client_id, self.session.id, **{event.field_name: event.value})
        except StoreError as error:
            self._not_begun_after_all()
            pane.field_refused(event.field_name, f"{error.message} (your text is still here)")
            return
        pane.field_saved(event.field_name)
        label = "Today's focus saved" if event.field_name == "focus" else "How today goes well saved"
        self._wrote(Changed(label, self.client_id, "sessions", before))
        if event.submitted:
            self._give_focus_back()

    # ----------------------------------------------------------------- leaving

    def _save_session_agreement(self) -> None:
        """Today's focus saves itself on Enter or on leaving the field; leaving the screen counts too."""
        if self.session is None:
            return
        for name in FIELDS:
            box = self.query_one(f"#session-{name}", Input)
            if box.value != getattr(self.session, name):
                self._agreement_edited(AgreementPane.SessionAgreementEdited(name, box.value))

    def _unsaved_field(self) -> Input | None:
        """A field still holding words the store has not got: leaving would lose them."""
        self._save_session_agreement()
        assert self.session is not None
        for box in self.query(Input):
            if not box.value.strip() or not box.display:
                continue
            name = (box.id or "").removeprefix("session-")
            if name in FIELDS and box.value == getattr(self.session, name):
                continue
            return box
        return None

    def _refuse_if_unsaved(self, then: str = "") -> bool:
        box = self._unsaved_field()
        if box is None:
            return False
        self.notify(
            f"A field still holds text that is not saved: Enter saves it, ctrl+u clears it{then}.",
            title="Not yet",
            severity="warning",
            timeout=6,
        )
        if self.app.screen is self:
            self.set_focus(box)
        return True

    def refuse_to_quit(self) -> bool:
        if self.session is None or not in_place(self):
            return False  # refused, or not on screen yet: no field the coach typed into
        return self._refuse_if_unsaved(then="; ctrl+q again quits without it")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end":
            # In a field holding text, ctrl+e is the end of the line, as in any text field.
            focused = self.focused
            return not (isinstance(focused, Input) and focused.value)
        return super().check_action(action, parameters)

    def action_end(self) -> None:
        if not self.started:
            self.action_leave()  # nothing logged, so no session to end: back to the clients, nothing kept
            return
        if self._refuse_if_unsaved():
            return
        self.app.push_screen(EndSessionConfirm(self._client_name(), self.number), self._end_confirmed)

    def _client_name(self) -> str:
        """From the practice index, which stays readable when the client's own file does not."""
        return self.store.summary(self.client_id).name

    def _leave_unreadable(self, error: ClientUnavailable, title: str) -> None:
        """The client's file was damaged outside the app: nothing more can be saved to it, so the screen goes."""
        self.app.pop_screen()
        self._let_go()
        self.app.notify(
            f"Session {self.number} with {self._client_name()} cannot be saved any more: {error.message} "
            "Earlier copies are in the automatic backups (alliance-tui backups lists them).",
            title=title,
            severity="error",
            timeout=20,
            markup=False,
        )

    def _end_confirmed(self, confirmed: bool | None) -> None:
        if not confirmed or self.session is None:
            return
        self._stop_pause_if_running()
        try:
            ended = self.store.end_session(self.client_id, self.session.id)
        except ClientUnavailable as error:
            self._leave_unreadable(error, title="Session not ended")
            return
        except StoreError as error:
            self.report(error, title="Session not ended")
            return
        from .session_summary import SessionSummaryScreen

        self.app.switch_screen(SessionSummaryScreen(self.client_id, self.number))
        self._let_go()
        if ended.clock_set_back:
            self.app.notify(
                f"The computer's clock reads earlier than when session {ended.number} began, so it was ended "
                "at its start. The hours log counts it at its planned length and asks you to check it.",
                title="Clock set back?",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def action_leave(self) -> None:
        if self._refuse_if_unsaved():
            return
        self._stop_pause_if_running()
        name, number = self._client_name(), self.number
        try:
            self.store.present(self.client_id)
        except ClientUnavailable as error:
            self._leave_unreadable(error, title="Session not kept")
            return
        if not self.started or self._discard_if_mistaken():
            self.started = False  # no session on disk: nothing of it left to take back
            self.undo_stack.steps = [
                step for step in self.undo_stack.steps if not (isinstance(step, Added) and step.table == "sessions")
            ]
            self.app.pop_screen()
            if not self.undo_stack:
                self._let_go()  # else kept, so ctrl+z can still take back a question of the coach's own
            self.app.notify(
                f"Session {number} with {name} was not kept: nothing was logged in it.",
                title="Session not kept",
                timeout=5,
                markup=False,
            )
            return
        self.app.pop_screen()
        self.app.notify(
            f"Session {number} with {name} is still open; opening a session with them again resumes it.",
            title="Session kept open",
            timeout=5,
            markup=False,
        )

    def _discard_if_mistaken(self) -> bool:
        session = self.session
        if session is None or self._now() - session.started > MISTAKEN_SESSION:
            return False
        try:
            return self.store.discard_session_if_empty(self.client_id, session.id)
        except StoreError:
            return False  # kept as it was: the coach loses nothing
