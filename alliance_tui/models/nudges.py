"""When to revisit the alliance, computed from the history and said in plain words."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .client import Client
from .coverage import NUDGE_FROM, missing_areas
from .notes import NoteKind
from .programme import Programme, current_programme
from .record import ClientRecord

THINK_TIME_WINDOW = 5  # the last N pauses that must all run short
THINK_TIME_SHORT = 0.5  # "well under": less than half of the agreed time


class NudgeKind(StrEnum):
    FIRST_DESIGN = "first-design"
    OVERDUE = "overdue"
    PROGRAMME_END = "programme-end"
    THINK_TIME = "think-time"
    COVERAGE = "coverage"  # areas an assessor listens for, never designed (models/coverage.py)


@dataclass(frozen=True)
class Nudge:
    kind: NudgeKind
    text: str


def last_revisit_session(record: ClientRecord) -> int | None:
    """The latest session in which the alliance was fully designed or revisited."""
    marks = [record.session_of(v) for v in record.versions if v.full_design or v.revisit]  # 0: before session 1
    marks += [n.session_number for n in record.notes if n.kind is NoteKind.REVISIT and n.session_number]
    return max(marks) if marks else None


def revisit_nudges(record: ClientRecord, every_sessions: int = 4) -> list[Nudge]:
    return nudges_for(
        record.client,
        upcoming=record.next_session_number,
        programme=current_programme(record.programmes, record.client),
        any_full_design=any(v.full_design for v in record.versions),
        last_revisit=last_revisit_session(record),
        recent_pauses=[p.actual_seconds for p in record.pauses[-THINK_TIME_WINDOW:]],
        every_sessions=every_sessions,
        missing=[a.name for a in missing_areas(record.current_alliance)],
    )


def nudges_for(
    client: Client,
    *,
    upcoming: int,
    programme: Programme | None = None,
    any_full_design: bool,
    last_revisit: int | None,
    recent_pauses: Sequence[float],
    every_sessions: int = 4,
    missing: Sequence[str] = (),
) -> list[Nudge]:
    """The nudges from the few figures they rest on, so a live session needs none of the history."""
    if client.archived:
        return []
    nudges: list[Nudge] = []
    last = last_revisit
    if not any_full_design and upcoming >= 3:
        nudges.append(
            Nudge(
                NudgeKind.FIRST_DESIGN,
                f"No full design of the alliance yet, and this is session {upcoming}: "
                "sessions 3 and 4 are when it tends to work best.",
            )
        )
    elif last is not None and upcoming - last >= every_sessions:
        nudges.append(
            Nudge(
                NudgeKind.OVERDUE,
                f"{upcoming - last} sessions since the alliance was last revisited "
                + (f"(session {last})." if last else "(before the first session)."),
            )
        )
    # "n of m" is counted within the programme running now (models/programme.py).
    position = programme.position(upcoming) if programme is not None else upcoming
    length = client.programme_sessions
    if position >= length:
        where = "the last" if position == length else "past the end"
        which = f"programme {programme.number}" if programme is not None and programme.number > 1 else "programme"
        nudges.append(
            Nudge(
                NudgeKind.PROGRAMME_END,
                f"Session {position} is {where} of the {length}-session {which}: revisit before it ends or is renewed.",
            )
        )
    recent = list(recent_pauses[-THINK_TIME_WINDOW:])
    target = client.think_time_seconds
    if len(recent) == THINK_TIME_WINDOW and all(a < target * THINK_TIME_SHORT for a in recent):
        nudges.append(
            Nudge(
                NudgeKind.THINK_TIME,
                f"The last {THINK_TIME_WINDOW} pauses all ran under half the agreed {target} s "
                f"(median {statistics.median(recent):.0f} s): does {target} s still fit?",
            )
        )
    if missing and upcoming >= NUDGE_FROM:
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        nudges.append(
            Nudge(
                NudgeKind.COVERAGE,
                f"Session {upcoming} and never designed: {listed}. An assessor listens for these.",
            )
        )
    return nudges
