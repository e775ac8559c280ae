"""Coverage of the alliance: which areas were designed, which never were, which have gone quiet.

When a session struggles, a coach assessor listens for whether the alliance
ever designed direct communication, challenge, accountability, the use of
pause (think time), feedback and contact between sessions. Each is known by
its default category, or by an item elsewhere that names it (a tag such as
`#challenge`, or its own words: "be blunt with me" is direct communication
wherever it was filed). Computed from the present alone: the current
alliance, and when each category was last touched (kept as figures, see
`touched_by_versions`), so a live session needs none of the history.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .alliance import DEFAULT_CATEGORIES, AllianceItem, AllianceVersion
from .diff import ChangeKind, diff_versions
from .session import Session

STALE_AFTER = 6  # a designed category untouched for this many sessions is worth a look
NUDGE_FROM = 4  # by this session the missing areas are named in a nudge


@dataclass(frozen=True)
class Area:
    """An area an assessor listens for: its name, in plain words what it asks, and how an item is known as it."""

    name: str
    question: str
    category: str
    tag: str
    words: tuple[str, ...] = ()

    def holds(self, item: AllianceItem) -> bool:
        if item.category == self.category:
            return True
        text = item.wording.casefold()
        return f"#{self.tag}" in text or any(re.search(rf"\b{w}", text) for w in self.words)


AREAS: tuple[Area, ...] = (
    Area(
        "direct communication",
        "how straight to be with each other",
        "Style and tone",
        "direct",
        ("direct", "blunt", "straight talk", "bottom[- ]lin", "no sugar"),
    ),
    Area(
        "challenge",
        "how hard to push, and when to call things out",
        "Permissions",
        "challenge",
        ("challeng", "call me out", "push me", "probe"),
    ),
    Area(
        "accountability",
        "how commitments are followed up",
        "Accountability",
        "accountability",
        ("accountab", "hold me to", "check in on commitments"),
    ),
    Area(
        "think time",
        "silence to think before answering",
        "Think time",
        "pause",
        ("think time", "silence", "pause", "quiet before"),
    ),
    Area(
        "feedback",
        "how feedback is given and heard",
        "Feedback",
        "feedback",
        ("feedback",),
    ),
    Area(
        "contact between sessions",
        "what contact is fine between sessions, and how often",
        "Between sessions",
        "contact",
        ("between sessions", "email me", "message me"),
    ),
)


class Status(StrEnum):
    DESIGNED = "designed"
    NOT_DESIGNED = "not yet designed"
    QUIET = "not touched"  # designed, but not touched for STALE_AFTER sessions or more


@dataclass(frozen=True)
class CategoryCoverage:
    category: str
    status: Status
    items: int
    last_touched: int | None  # the session it was last changed in (0: at intake), None if never
    upcoming: int

    @property
    def words(self) -> str:
        """The state in plain words, as the review and the alliance document say it."""
        if self.status is Status.NOT_DESIGNED:
            return "not yet designed"
        since = self.upcoming - (self.last_touched or 0)
        if self.status is Status.QUIET:
            return f"not touched for {since} sessions"
        if self.last_touched is None:
            return f"designed ({self.items})"
        return f"designed ({self.items}), last changed " + (
            f"in session {self.last_touched}" if self.last_touched else "at intake"
        )


def changed_categories(before: AllianceVersion | None, version: AllianceVersion) -> set[str]:
    """The categories a version touched: an item added, reworded, moved or removed; every one in a full design."""
    whole = version.full_design or version.revisit  # every item looked at again, kept or not
    touched = {i.category for i in version.items} if whole else set()
    for change in diff_versions(before, version):
        if change.kind is ChangeKind.UNCHANGED:
            continue
        touched.add(change.item.category)
        if change.before is not None:
            touched.add(change.before.category)
    return touched


def touched_by_versions(
    start: AllianceVersion | None,
    versions: Sequence[AllianceVersion],
    session_of: Callable[[AllianceVersion], int],
    earlier: Iterable[tuple[str, int]] = (),
) -> tuple[tuple[str, int], ...]:
    """(category, the latest session that touched it), from earlier figures and the versions after start."""
    latest = dict(earlier)
    before = start
    for version in versions:
        session = session_of(version)
        for category in changed_categories(before, version):
            latest[category] = max(session, latest.get(category, session))
        before = version
    return tuple(sorted(latest.items()))


@dataclass(frozen=True)
class Touched:
    """The per-category figures after a run of versions, kept so the next version adds only its own changes.

    Repeated adjustments in one session would otherwise diff every version at
    hand on each build of the present: quadratic in the adjustments made.
    basis is what the figures rest on besides the versions (the figures put
    away, the sessions the versions are anchored to): when it changes, or a
    version is taken back, they are counted again from the start.
    """

    basis: tuple[object, ...]
    version_ids: tuple[str, ...]
    figures: tuple[tuple[str, int], ...]


def touched_after(
    kept: Touched | None,
    basis: tuple[object, ...],
    start: AllianceVersion | None,
    versions: Sequence[AllianceVersion],
    session_of: Callable[[AllianceVersion], int],
    earlier: Iterable[tuple[str, int]] = (),
) -> Touched:
    """touched_by_versions, counting only the versions added since kept when it still holds."""
    ids = tuple(v.id for v in versions)
    held = len(kept.version_ids) if kept is not None else 0
    if kept is not None and kept.basis == basis and ids[:held] == kept.version_ids:
        if held == len(ids):
            return kept
        before = versions[held - 1] if held else start
        return Touched(basis, ids, touched_by_versions(before, versions[held:], session_of, kept.figures))
    return Touched(basis, ids, touched_by_versions(start, versions, session_of, earlier))


def session_anchor(sessions: Sequence[Session], floor: int) -> Callable[[AllianceVersion], int]:
    """The session a version belongs to, from the sessions at hand: its own, else the last begun before it.

    floor is the last session already put away: a version saved after it, with
    none of the sessions at hand begun before it, belongs to that one.
    """

    def anchor(version: AllianceVersion) -> int:
        if version.session_number is not None:
            return version.session_number
        return max((s.number for s in sessions if s.started < version.created), default=floor)

    return anchor


def coverage(
    alliance: AllianceVersion | None,
    categories: Sequence[str],
    touched: Mapping[str, int],
    upcoming: int,
    stale_after: int = STALE_AFTER,
) -> list[CategoryCoverage]:
    """Every category (the defaults, the coach's own, any only this client has), each with its state."""
    items = alliance.items if alliance is not None else []
    every = list(dict.fromkeys([*categories, *(i.category for i in items)]))
    found = []
    for category in every:
        held = [i for i in items if i.category == category]
        count = len(held)
        # Figures kept before this was tracked: the latest session one of its items was agreed in.
        last = touched.get(category)
        if last is None and held:
            last = max((i.agreed_in_session or 0 for i in held), default=0)
        if count == 0:
            status = Status.NOT_DESIGNED
        elif upcoming - (last or 0) >= stale_after:
            status = Status.QUIET
        else:
            status = Status.DESIGNED
        found.append(CategoryCoverage(category, status, count, last, upcoming))
    return found


def missing_areas(alliance: AllianceVersion | None) -> list[Area]:
    """The areas an assessor listens for that no agreement covers yet."""
    return missing_among(alliance.items if alliance is not None else [])


def missing_among(items: Sequence[AllianceItem]) -> list[Area]:
    """The areas none of these agreements covers (the agreement as a revisit walks it)."""
    return [area for area in AREAS if not any(area.holds(i) for i in items)]


def say_missing(areas: Sequence[Area]) -> str:
    """The missing areas in one plain sentence ('' when none is missing)."""
    if not areas:
        return ""
    return "Not yet designed: " + "; ".join(f"{a.name} ({a.question})" for a in areas) + "."


def names(areas: Sequence[Area]) -> str:
    """'challenge, think time and feedback'."""
    listed = [a.name for a in areas]
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


__all__ = [
    "AREAS",
    "DEFAULT_CATEGORIES",
    "Area",
    "CategoryCoverage",
    "Status",
    "Touched",
    "coverage",
    "missing_areas",
    "touched_after",
]
