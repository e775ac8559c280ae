"""A realistic demo practice, built through the real store.

Five clients at different stages, so every screen has something true to show:
one early on, one due a first full design (with more contacts between sessions
than agreed), one at the last session of the programme (a revisit left
half-way), one in a second programme whose pauses have got much shorter (a
revisit walked at session 6), one archived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .models.alliance import AllianceItem, RequestedBy
from .models.commitments import CommitmentStatus
from .models.decisions import Decision, ItemDecision
from .models.kinds import Channel, StartedBy
from .models.ladder import Landing
from .models.notes import NoteKind
from .store import PracticeStore
from .store.calendar_file import write_calendar
from .store.contacts import log_contact
from .store.ladders import set_ladder
from .store.programmes import renew_programme
from .store.revisits import finish_revisit, save_revisit_draft, start_revisit
from .store.style import save_starting_point, set_style
from .store.think_time import set_think_time

WEEK = timedelta(days=7)


@dataclass
class DemoClock:
    """A clock the builder moves by hand, so the history has believable dates.

    Each reading is a microsecond after the last, as a real clock's would be:
    records made together keep the order they were made in, wherever they
    are kept (a settled commitment in its session's file, an open one at hand).
    """

    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    ticking: bool = True  # the clock left to a test when the demo is built stands still

    def __call__(self) -> datetime:
        if self.ticking:
            self.now += timedelta(microseconds=1)
        return self.now


def _i(category: str, wording: str, by: RequestedBy, session: int | None, reason: str = "") -> AllianceItem:
    return AllianceItem(category=category, wording=wording, requested_by=by, agreed_in_session=session, reason=reason)


C, K, B = RequestedBy.CLIENT, RequestedBy.COACH, RequestedBy.BOTH


def build_demo(data_dir: Path, now: datetime | None = None) -> PracticeStore:
    """Create the demo practice in data_dir and return its open store."""
    today = (now or datetime.now(UTC)).astimezone(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    clock = DemoClock(today)
    store = PracticeStore(data_dir, clock=clock).open()
    set_style(
        store,
        "I am direct and rigorously honest, and I will sometimes challenge you. "
        "I would rather ask a pointed question than nod along. Tell me when that is not what you need.",
    )

    def at(when: datetime) -> None:
        clock.now = when

    def session(client_id: str, start: datetime, minutes: int = 50) -> int:
        at(start)
        s = store.start_session(client_id)
        at(start + timedelta(minutes=minutes))
        return s.number

    def close(client_id: str) -> None:
        record = store.record(client_id)
        if record.open_session:
            store.end_session(client_id, record.open_session.id)
            store.put_away_ended(client_id)  # as the app does once the end is on screen

    def pause(client_id: str, n: int, target: int, actual: float, minute: int) -> None:
        start = clock.now - timedelta(minutes=50 - minute)
        store.record_pause(client_id, target_seconds=target, actual_seconds=actual, started=start, session_number=n)

    # --- Maya: one session held, the second is next -------------------------------
    at(today - 3 * WEEK)
    maya = store.add_client(
        "Maya Okafor",
        pronouns="she/her",
        contact="maya.okafor@example.org",
        programme_sessions=6,
        discovery_notes="New team lead after an internal promotion. Wants to stop firefighting and "
        "start delegating. Says she 'goes quiet' when she disagrees with her director.",
    )
    store.adjust_alliance(
        maya.id,
        [
            _i("Logistics", "Fortnightly video calls, 60 minutes, Tuesdays 8am", B, None),
            _i("Logistics", "Reschedule with 24 hours' notice; later than that counts as held", K, None),
            _i("Focus", "Leading the new team without doing their work for them", C, None),
        ],
        reason="Agreed at intake",
    )
    n = session(maya.id, today - 2 * WEEK + timedelta(days=1), 55)
    at(clock.now - timedelta(minutes=40))
    store.update_session(
        maya.id,
        store.record(maya.id).sessions[-1].id,
        focus="How to hand over the weekly report",
        success_measure="A first step she can take on Monday",
    )
    store.add_alliance_item(
        maya.id,
        "Think time",
        "Give me a minute of quiet before I answer the big questions",
        session_number=n,
        reason="She finds her words when not rushed",
    )
    store.log_note(
        maya.id,
        "Lit up when talking about her team's strengths; flat when talking about her director.",
        session_number=n,
    )
    store.log_note(
        maya.id, "Maya will name one task a week she hands over completely.", private=False, session_number=n
    )
    pause(maya.id, n, 30, 41.2, 20)
    pause(maya.id, n, 30, 35.6, 34)
    at(clock.now + timedelta(minutes=8))
    store.add_commitment(
        maya.id,
        "Hand the weekly report to Sam, with no rewrite",
        by_when="Before our next session",
        how_accountable="Tell me how it felt at the start of the session",
        session_number=n,
    )
    store.add_commitment(
        maya.id,
        "Write down three decisions she avoided making",
        by_when="Friday",
        how_accountable="Bring the list",
        session_number=n,
    )
    # Raised in the call (ctrl+↑ six times), so the trend shows both figures and the session records it.
    set_think_time(store, maya.id, 60, session_id=store.record(maya.id).sessions[-1].id)
    close(maya.id)

    # --- Daniel: three sessions held, the fourth is next, no full design yet -------
    at(today - 8 * WEEK)
    daniel = store.add_client(
        "Daniel Reyes",
        pronouns="he/him",
        contact="+44 7700 900123",
        programme_sessions=12,
        discovery_notes="Career change from law to product design. Tends to intellectualise; "
        "asked at intake to be challenged when he hides behind analysis.",
    )
    store.adjust_alliance(
        daniel.id,
        [
            _i("Logistics", "Weekly phone calls, 45 minutes", B, None),
            _i("Focus", "Decide whether and how to leave law within six months", C, None),
            _i("Between sessions", "A short email now and then is fine; no coaching by email", K, None),
        ],
        reason="Agreed at intake",
    )
    for week, actuals in ((6, (29.0, 27.5)), (4, (26.0, 24.1, 22.0)), (2, (19.5, 16.0))):
        n = session(daniel.id, today - week * WEEK, 45)
        for k, actual in enumerate(actuals):
            pause(daniel.id, n, 30, actual, 10 + 10 * k)
        if n == 1:
            store.log_note(daniel.id, "Spoke about his father's expectations three times.", session_number=n)
            store.add_commitment(
                daniel.id,
                "Have coffee with two product designers",
                by_when="In two weeks",
                how_accountable="Check-in at the start of session 3",
                session_number=n,
            )
            store.add_commitment(
                daniel.id, "List what he would miss about law", by_when="Next session", session_number=n
            )
        if n == 2:
            record = store.record(daniel.id)
            store.check_in(
                daniel.id,
                record.commitments[1].id,
                CommitmentStatus.DONE,
                note="Shorter list than he expected",
                session_number=n,
            )
            store.add_alliance_item(
                daniel.id,
                "Style and tone",
                "Be more direct with me when I dodge a topic",
                session_number=n,
                reason="He asked for it after dodging twice",
            )
            store.log_note(
                daniel.id,
                "Asked me to be more direct; visibly relieved once he said it.",
                kind=NoteKind.ADJUSTMENT,
                session_number=n,
            )
            store.add_commitment(
                daniel.id,
                "Draft a six-month transition budget",
                by_when="End of the month",
                how_accountable="Send a one-line email when it is done",
                session_number=n,
            )
        if n == 3:
            record = store.record(daniel.id)
            store.check_in(
                daniel.id,
                record.commitments[0].id,
                CommitmentStatus.PARTLY,
                note="One coffee so far; the second is booked",
                session_number=n,
            )
            store.log_note(
                daniel.id, "Energy much higher; first time he spoke of design work as 'mine'.", session_number=n
            )
            store.log_note(daniel.id, "Daniel is going to book a portfolio review.", private=False, session_number=n)
            store.add_commitment(
                daniel.id,
                "Book a portfolio review",
                by_when="Next Friday",
                how_accountable="Tell me the date",
                session_number=n,
            )
        close(daniel.id)

    # Between sessions: one short email agreed; two came since session 3.
    store.update_client(daniel.id, contacts_between_sessions=1)
    at(today - 10 * timedelta(days=1))
    log_contact(store, daniel.id, "Asked whether to mention the portfolio review to his firm", channel=Channel.EMAIL)
    at(today - 3 * timedelta(days=1))
    log_contact(
        store,
        daniel.id,
        "Sent the date of the portfolio review; I replied with a thumbs-up",
        channel=Channel.EMAIL,
        private=False,
    )
    log_contact(
        store,
        daniel.id,
        "Texted to move next week's call by a day",
        channel=Channel.MESSAGE,
        started_by=StartedBy.CLIENT,
    )

    # --- Priya: seven of eight held, the last session is next ----------------------
    at(today - 20 * WEEK)
    priya = store.add_client(
        "Priya Natarajan",
        pronouns="she/her",
        contact="priya@example.com",
        programme_sessions=8,
        discovery_notes="Founder of a 15-person studio; burnout last year. Wants a sustainable pace "
        "and to rebuild her leadership team.",
    )
    store.adjust_alliance(
        priya.id,
        [
            _i("Logistics", "Fortnightly, 60 minutes, on video", B, None),
            _i("Focus", "A sustainable working week and a leadership team she trusts", C, None),
        ],
        reason="Agreed at intake",
    )
    for k in range(7):
        n = session(priya.id, today - (18 - 2 * k) * WEEK, 60)
        pause(priya.id, n, 30, 30.0 + (k % 3), 25)
        if n == 3:
            current = store.record(priya.id).current_alliance
            assert current is not None
            store.adjust_alliance(
                priya.id,
                [
                    *current.items,
                    _i(
                        "Permissions",
                        "Challenge me when I put on a smooth veneer; don't take 'it's fine' at face value",
                        C,
                        n,
                    ),
                    _i("Feedback", "First celebrate the effort, then say what could be better", C, n),
                    _i("Accountability", "Check in on commitments at the start of every session", B, n),
                    _i("Coach's requests", "Tell me when something I do is not working for you", K, n),
                ],
                reason="Full design of the alliance, now we both know how we work",
                session_number=n,
                full_design=True,
            )
            save_starting_point(store, priya.id, "Challenge with care")
            set_ladder(
                store,
                priya.id,
                "Two afternoons a week with no meetings, most weeks",
                "The leadership team runs the Monday meeting without me",
                "I take a full week off and the studio doesn't notice",
                session_number=n,
            )
            store.log_note(
                priya.id,
                "What's working well?",
                kind=NoteKind.REVISIT,
                session_number=n,
                prompt="What's working well in our sessions at the moment?",
            )
        if n == 6:
            current = store.record(priya.id).current_alliance
            assert current is not None
            items = [
                i.model_copy(update={"wording": "Monthly, 60 minutes, on video"}) if i.category == "Logistics" else i
                for i in current.items
                if i.category != "Feedback"
            ]
            store.adjust_alliance(
                priya.id,
                items,
                reason="Moved to monthly as she needs less support; feedback item no longer needed",
                session_number=n,
                full_design=True,
            )
            store.log_note(
                priya.id,
                "Less cheering, more straight talk. Asked for monthly sessions.",
                kind=NoteKind.REVISIT,
                session_number=n,
                prompt="What would you like more of from me, and less of?",
            )
        store.add_commitment(
            priya.id,
            f"Protect two no-meeting afternoons (week {n})",
            by_when="Every week",
            how_accountable="Calendar screenshot",
            session_number=n,
        )
        record = store.record(priya.id)
        for c in record.commitments[:-1]:
            if c.needs_checkin:
                status = (
                    CommitmentStatus.DONE,
                    CommitmentStatus.DONE,
                    CommitmentStatus.PARTLY,
                    CommitmentStatus.NOT_DONE,
                )[k % 4]
                store.check_in(priya.id, c.id, status, session_number=n)
        landed = (None, None, Landing.BELOW, Landing.GOOD, Landing.GOOD, Landing.GREAT, Landing.AMAZING)[k]
        if landed is not None:
            store.update_session(priya.id, record.sessions[-1].id, landed=landed)
        close(priya.id)
    store.log_note(
        priya.id, "Considering a renewal for another six months; wants to focus on succession.", session_number=7
    )
    # A revisit begun with her at the end of session 7 and left half-way: it resumes where it stood.
    walk = start_revisit(store, priya.id)
    current = store.present(priya.id).current_alliance
    assert current is not None
    logistics = next(i for i in current.items if i.category == "Logistics")
    walk = walk.decide(
        ItemDecision(item_id=logistics.id, decision=Decision.KEEP, category="Logistics", wording=logistics.wording)
    )
    save_revisit_draft(store, priya.id, walk.answer("well", "Straight talk; the calendar screenshots keep me honest"))

    # --- Sofia: mid-programme, think time no longer fits ---------------------------
    at(today - 16 * WEEK)
    sofia = store.add_client(
        "Sofia Lindqvist",
        pronouns="they/them",
        contact="sofia.l@example.net",
        programme_sessions=4,
        think_time_seconds=45,
        discovery_notes="Researcher moving into management. Very reflective; asked for long silences.",
    )
    store.adjust_alliance(
        sofia.id,
        [
            _i("Logistics", "Fortnightly, 60 minutes", B, None),
            _i("Think time", "45 seconds of silence after a big question, watched on the clock", C, None),
        ],
        reason="Agreed at intake",
    )
    for k, sofia_actuals in enumerate(((44, 47), (40, 39), (35, 30), (22, 19), (18,), (15, 14), (12,))):
        n = session(sofia.id, today - (14 - 2 * k) * WEEK, 60)
        for j, actual in enumerate(sofia_actuals):
            pause(sofia.id, n, 45, float(actual), 15 + 15 * j)
        if n == 4:
            current = store.record(sofia.id).current_alliance
            assert current is not None
            store.adjust_alliance(
                sofia.id,
                [
                    *current.items,
                    _i("Style and tone", "Open questions first, pointed ones once I have warmed up", C, n),
                    _i("Accountability", "Commitments checked at the start; no chasing in between", B, n),
                ],
                reason="Full design at session 4",
                session_number=n,
                full_design=True,
            )
        if n == 6:
            store.log_note(
                sofia.id,
                "More pointed questions, sooner.",
                kind=NoteKind.REVISIT,
                session_number=n,
                prompt="What would you like more of from me, and less of?",
            )
            # The revisit walked together: one agreement reworded, the rest kept, the answers attached.
            current = store.present(sofia.id).current_alliance
            assert current is not None
            style = next(i for i in current.items if i.category == "Style and tone")
            walk = start_revisit(store, sofia.id, session_number=n).decide(
                ItemDecision(
                    item_id=style.id,
                    decision=Decision.CHANGE,
                    category=style.category,
                    wording="Pointed questions early; open ones when I am stuck",
                    reason="They warm up faster now and asked for more challenge",
                )
            )
            walk = walk.answer("well", "The silences: I think better than I talk")
            walk = walk.answer("change", "More pointed questions, sooner")
            finish_revisit(store, sofia.id, walk)
        if n == 7:
            store.add_commitment(
                sofia.id,
                "Run the first one-to-ones with all four reports",
                by_when="Two weeks",
                how_accountable="Share what surprised them",
                session_number=n,
            )
        close(sofia.id)
        if n == 4:
            # A first programme of four sessions to find the way of working, then a renewal for twelve.
            renew_programme(
                store,
                sofia.id,
                planned_sessions=12,
                focus="Leading the team they now manage",
                closing_summary="Found the pace and the silences; full design at session 4",
            )

    # --- Tom: finished, archived ---------------------------------------------------
    at(today - 40 * WEEK)
    tom = store.add_client("Tom Becker", pronouns="he/him", programme_sessions=6)
    store.adjust_alliance(tom.id, [_i("Focus", "Prepare for the board role", C, None)], reason="Agreed at intake")
    for k in range(6):
        session(tom.id, today - (38 - 3 * k) * WEEK, 60)
        close(tom.id)
    store.set_archived(tom.id, True)

    at(today)
    store.clock = DemoClock(today, ticking=False) if now else _live_clock
    return store


DEMO_CALENDAR = "demo-calendar.ics"


DEMO_INTAKE = "demo-intake-{}.md"
DEMO_ANSWERS = {
    "purpose": "To lead my new team without doing their work for them, and to speak up with my director.",
    "challenge": "Be direct. When I say 'it's quicker if I do it myself', stop me and ask what I'd hand over.",
    "accountability": "Ask me at the start of every session what I handed over. A deadline said out loud works.",
    "think_time": "A minute, sometimes. I go quiet when I'm thinking, not when I'm stuck.",
    "feedback": "Straight, then what to try next. Skip the praise sandwich.",
    "contact": "",  # left blank, as clients do
    "logistics": "Fortnightly, 60 minutes, by video; Tuesday mornings suit me best.",
}


def write_demo_files(store: PracticeStore, now: datetime | None = None) -> Path:
    """Beside the demo practice, the files a coach would bring: a calendar (its path returned), a filled intake form."""
    write_demo_intake(store)
    return write_demo_calendar(store.data_dir, now)


def write_demo_intake(store: PracticeStore) -> Path:
    """Maya's intake form as she sent it back: ctrl+t on her review reads it (one answer left blank)."""
    from .exports.intake import intake_form
    from .models.intake import PLACEHOLDER
    from .store.intake import intake_questions, write_form

    maya = store.find_client("Maya Okafor")
    assert maya is not None
    form = intake_form(maya.name, maya.id, intake_questions(store))
    for key, answer in DEMO_ANSWERS.items():
        if answer:
            form = form.replace(f"<!-- q:{key} -->\n\n{PLACEHOLDER}", f"<!-- q:{key} -->\n\n{answer}")
    path = store.data_dir / DEMO_INTAKE.format(maya.id)
    write_form(path, form)
    return path


def demo_intake_for(data_dir: Path, client_id: str) -> str:
    """The demo's filled form for this client, if there is one: the import screen starts with its path."""
    path = data_dir / DEMO_INTAKE.format(client_id)
    return str(path) if path.is_file() else ""


def write_demo_calendar(folder: Path, now: datetime | None = None) -> Path:
    """The calendar `alliance-tui today` reads for the demo, beside the demo practice; its path."""
    today = (now or datetime.now(UTC)).astimezone(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    path = folder / DEMO_CALENDAR
    write_calendar(path, demo_calendar(today))
    return path


def demo_calendar(today: datetime) -> str:
    """Today's calls for `alliance-tui today`: Maya by her email, Daniel by name, Sofia weekly, one other meeting."""
    day = today.astimezone(UTC).strftime("%Y%m%d")
    first = (today - 3 * WEEK).astimezone(UTC).strftime("%Y%m%d")
    events = [
        ("maya", f"{day}T130000Z", f"{day}T140000Z", "Coaching call", "", "maya.okafor@example.org"),
        ("daniel", f"{day}T150000Z", f"{day}T154500Z", "Daniel Reyes: session", "", ""),
        ("sofia", f"{first}T170000Z", f"{first}T180000Z", "Sofia coaching", "RRULE:FREQ=WEEKLY;COUNT=12\r\n", ""),
        ("team", f"{day}T100000Z", f"{day}T103000Z", "Supervision group", "", ""),
    ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Alliance TUI//demo//EN"]
    for uid, start, end, title, rule, email in events:
        lines += ["BEGIN:VEVENT", f"UID:{uid}@demo.alliance-tui", f"DTSTAMP:{day}T000000Z"]
        lines += [f"DTSTART:{start}", f"DTEND:{end}", f"SUMMARY:{title}"]
        if rule:
            lines.append(rule.removesuffix("\r\n"))
        if email:
            lines.append(f"ATTENDEE:mailto:{email}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _live_clock() -> datetime:
    return datetime.now(UTC)
