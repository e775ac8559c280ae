"""Practices of a chosen size, written through the real store.

A decade of a busy coach's work (the large practice) and a first month (the
small one), with the same shape as real use: most clients finished and
archived, a few long-running ones with years of sessions, alliances revised
every few sessions, commitments checked in at the next session, pauses that
get shorter as a client gets used to think time.

Each client's whole history is built in memory as validated models and handed
to `PracticeStore.import_record`, which writes the client's file once, in the
layout the one-call-at-a-time store path leaves behind (see
tests/test_bench_quick.py). Generation is deterministic for a given spec.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..models.alliance import DEFAULT_CATEGORIES, AllianceItem, AllianceVersion, RequestedBy
from ..models.client import Client
from ..models.commitments import Commitment, CommitmentStatus
from ..models.notes import Note, NoteKind
from ..models.pauses import PauseRecord
from ..models.record import ClientRecord
from ..models.session import Session
from ..store import CLIENT_SCHEMA_VERSION, SCHEMA_VERSION, PracticeStore

# Bump whenever the generated data changes shape: cached practices are keyed by it.
GENERATOR_VERSION = 2  # 2: session files keep the version before their first (the review reads no chain)
COMPLETE_MARK = "generated.ok"
PRACTICE_DIR = "practice"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class PracticeSpec:
    name: str
    clients: int
    active: int
    sessions: int
    notes: int
    versions: int
    commitments: int
    pauses: int
    years: float
    seed: int = 2026
    interval_days: int = 0  # between a client's sessions; 0: each client's own, drawn from a few usual rhythms

    @property
    def cache_key(self) -> str:
        return f"{self.name}-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}.{CLIENT_SCHEMA_VERSION}-{self.seed}"


LARGE = PracticeSpec(
    "large",
    clients=200,
    active=40,
    sessions=5_000,
    notes=150_000,
    versions=3_000,
    commitments=12_000,
    pauses=20_000,
    years=10,
)
SMALL = PracticeSpec(
    "small", clients=5, active=4, sessions=50, notes=1_500, versions=30, commitments=120, pauses=200, years=0.5
)

FIRST = (
    "Amara",
    "Ben",
    "Chloe",
    "Dmitri",
    "Elif",
    "Farah",
    "Gustavo",
    "Hana",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Paula",
    "Quentin",
    "Rosa",
    "Samir",
    "Tara",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Aiko",
    "Bruno",
    "Carmen",
    "Diego",
    "Esme",
    "Felix",
    "Greta",
    "Hugo",
    "Ivy",
    "Jamal",
)
LAST = (
    "Adeyemi",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okonkwo",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Umar",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
)

OBSERVATIONS = (
    "Spoke about the team restructure with more energy than last time.",
    "Went quiet when the director came up; named it and the client agreed it matters.",
    "Long silence after the values question, then a clear answer about wanting autonomy.",
    "Client noticed the pattern herself: says yes, then resents the extra work.",
    "Laughed at the idea of delegating the budget, then asked how it could work.",
    "Energy dropped when we moved to the promotion; worth returning to next time.",
    "Used the word 'should' nine times in ten minutes.",
    "Described the weekend without checking email as 'strange but good'.",
    "Asked for more challenge today and took it well.",
    "Tension between loyalty to the old team and ambition for the new role.",
    "Much calmer than the last two sessions; sleep is better.",
    "Brought a clear agenda for the first time in the programme.",
    "Resisted the reframe twice, then built on it himself.",
    "Mentioned the side project again: third session in a row.",
    "Quick to blame herself when the launch slipped; explored other readings.",
    "Noticed that he checks his phone whenever we get close to money.",
)
COMMITMENTS = (
    "Block two mornings a week with no meetings",
    "Ask the director for a fifteen-minute conversation about scope",
    "Hand the weekly report over completely, without rewriting it",
    "Write down three decisions avoided this week",
    "Have coffee with two people in the target field",
    "Say no to one request and notice what happens",
    "Draft the first page of the business plan",
    "Give one piece of direct feedback to a report",
    "Take the full lunch break three days out of five",
    "Book the portfolio review",
)
ALLIANCE_WORDING = {
    "Logistics": (
        "Weekly calls, 60 minutes",
        "Fortnightly video calls, 45 minutes",
        "Reschedule with 24 hours' notice",
    ),
    "Focus": ("Leading the team without doing their work", "Deciding on the career move within six months"),
    "Style and tone": ("Be direct with me when I dodge a topic", "Open questions first, pointed ones later"),
    "Permissions": ("Challenge me when I put on a smooth veneer", "Probe further; don't take 'fine' at face value"),
    "Accountability": ("Check commitments at the start of every session", "No chasing between sessions"),
    "Think time": ("Thirty seconds of silence after a big question", "A minute of quiet before the big answers"),
    "Feedback": ("First celebrate the effort, then what could be better", "Straight feedback, no cushioning"),
    "Between sessions": ("A short email now and then is fine", "No coaching by message between sessions"),
    "Coach's requests": ("Tell me when something I do is not working for you", "Come with one topic in mind"),
}
REVISIT_PROMPTS = (
    "What's going well in our coaching right now?",
    "What would you like more of from me, and less of?",
    "How would you like to be held accountable?",
)
SETTLED = (CommitmentStatus.DONE, CommitmentStatus.DONE, CommitmentStatus.PARTLY, CommitmentStatus.NOT_DONE)


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split total into integers proportional to weights (largest remainder), each at least minimum."""
    if not weights:
        return []
    base = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError("total is too small for the minimum")
    scale = sum(weights)
    exact = [rest * w / scale for w in weights]
    shares = [int(x) for x in exact]
    leftover = rest - sum(shares)
    for i in sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)[:leftover]:
        shares[i] += 1
    return [b + s for b, s in zip(base, shares, strict=True)]


def _names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{name} {len(names) + 1}"
        seen.add(name)
        names.append(name)
    return names


def build_record(
    rng: random.Random,
    name: str,
    *,
    active: bool,
    sessions: int,
    notes: int,
    versions: int,
    commitments: int,
    pauses: int,
    first_session: datetime,
    interval: timedelta,
) -> ClientRecord:
    """One client's whole history, validated model by model."""
    think = rng.choice((20, 30, 30, 45, 60))
    minutes = rng.choice((45, 60, 60, 90))
    client = Client(
        name=name,
        created=first_session - timedelta(days=7),
        # A programme is at most 500 sessions; a longer relationship has renewed it.
        programme_sessions=min(max(sessions + (rng.randint(1, 6) if active else 0), 6), 500),
        session_minutes=minutes,
        think_time_seconds=think,
        archived=not active,
        discovery_notes=f"{name.split()[0]} came through a referral. {rng.choice(OBSERVATIONS)}",
    )
    starts = [first_session + k * interval + timedelta(minutes=rng.randint(-90, 90)) for k in range(sessions)]
    session_models = [
        Session(
            number=k + 1,
            started=start,
            ended=start + timedelta(minutes=minutes),
            planned_minutes=minutes,
            focus=rng.choice(COMMITMENTS) if k % 3 == 0 else "",
        )
        for k, start in enumerate(starts)
    ]

    # Alliance: agreed at intake, then revised at sessions spread over the programme.
    revised_at = sorted(rng.sample(range(1, sessions + 1), min(versions - 1, sessions)))
    revised_at += [sessions] * (versions - 1 - len(revised_at))
    categories = list(DEFAULT_CATEGORIES)
    items = [
        AllianceItem(category=c, wording=rng.choice(ALLIANCE_WORDING[c]), requested_by=RequestedBy.BOTH)
        for c in categories[:4]
    ]
    version_models = [AllianceVersion(number=1, created=client.created, reason="Agreed at intake", items=list(items))]
    for n, at in enumerate(revised_at, start=2):
        category = rng.choice(categories)
        choice = rng.random()
        if choice < 0.5 or len(items) < 4:
            items.append(
                AllianceItem(
                    category=category,
                    wording=rng.choice(ALLIANCE_WORDING[category]),
                    requested_by=rng.choice(list(RequestedBy)),
                    agreed_in_session=at,
                    reason="Asked for in session",
                )
            )
        elif choice < 0.8:
            k = rng.randrange(len(items))
            items[k] = items[k].model_copy(update={"wording": f"{items[k].wording} (revised in session {at})"})
        else:
            items.pop(rng.randrange(len(items)))
        if len(items) > 14:
            items.pop(0)
        version_models.append(
            AllianceVersion(
                number=n,
                created=starts[at - 1] + timedelta(minutes=20),
                session_number=at,
                reason=f"Revisited in session {at}",
                full_design=(at in (3, 4) or n % 4 == 0),
                items=list(items),
            )
        )

    per_session = apportion(notes, [1.0] * sessions)
    note_models: list[Note] = []
    for k, count in enumerate(per_session):
        for j in range(count):
            revisit = j == 0 and k % 4 == 3
            note_models.append(
                Note(
                    text=f"{rng.choice(OBSERVATIONS)} {rng.choice(OBSERVATIONS)}"
                    if j % 5 == 0
                    else rng.choice(OBSERVATIONS),
                    kind=NoteKind.REVISIT
                    if revisit
                    else rng.choice((NoteKind.NOTE, NoteKind.NOTE, NoteKind.ADJUSTMENT)),
                    private=j % 7 != 0,
                    created=starts[k] + timedelta(minutes=min(j, minutes - 1)),
                    session_number=k + 1,
                    prompt=rng.choice(REVISIT_PROMPTS) if revisit else "",
                )
            )

    commitment_models: list[Commitment] = []
    for k, count in enumerate(apportion(commitments, [1.0] * sessions)):
        last = k + 1 == sessions
        for _ in range(count):
            open_ = last and active
            commitment_models.append(
                Commitment(
                    what=rng.choice(COMMITMENTS),
                    by_when="Before our next session",
                    how_accountable="Check in at the start of the next session",
                    created=starts[k] + timedelta(minutes=minutes - 5),
                    session_number=k + 1,
                    status=CommitmentStatus.OPEN if open_ else rng.choice(SETTLED),
                    checked_in_session=None if open_ or last else k + 2,
                    checked_in_at=None if open_ or last else starts[k + 1] + timedelta(minutes=3),
                )
            )

    pause_models: list[PauseRecord] = []
    for k, count in enumerate(apportion(pauses, [1.0] * sessions)):
        settle = max(0.35, 1.0 - k / max(sessions, 1))  # clients need less think time as they get used to it
        for j in range(count):
            pause_models.append(
                PauseRecord(
                    target_seconds=think,
                    actual_seconds=round(think * settle * rng.uniform(0.7, 1.2), 3),
                    started=starts[k] + timedelta(minutes=5 + 5 * j),
                    session_number=k + 1,
                )
            )

    return ClientRecord(
        client=client,
        versions=version_models,
        sessions=session_models,
        notes=note_models,
        commitments=commitment_models,
        pauses=pause_models,
    )


def generate(spec: PracticeSpec, data_dir: Path) -> None:
    """Write the practice described by spec into data_dir (which must not hold one yet)."""
    rng = random.Random(spec.seed)
    weights = [rng.lognormvariate(0, 0.7) for _ in range(spec.clients)]
    # The active clients are the long-running ones: they carry the most history.
    order = sorted(range(spec.clients), key=lambda i: weights[i], reverse=True)
    active = set(order[: spec.active])
    sessions = apportion(spec.sessions, weights, minimum=3)
    shares = {
        "notes": apportion(spec.notes, [float(s) for s in sessions]),
        "versions": apportion(spec.versions, [float(s) for s in sessions], minimum=1),
        "commitments": apportion(spec.commitments, [float(s) for s in sessions]),
        "pauses": apportion(spec.pauses, [float(s) for s in sessions]),
    }
    span = timedelta(days=365 * spec.years)
    names = _names(rng, spec.clients)
    store = PracticeStore(data_dir, clock=lambda: NOW).open()
    try:
        for i, name in enumerate(names):
            interval = timedelta(days=spec.interval_days or rng.choice((7, 14, 14, 21, 28)))
            length = interval * (sessions[i] - 1)
            if i in active:
                first = NOW - timedelta(days=rng.randint(2, 20)) - length
            else:
                latest = NOW - timedelta(days=60) - length
                first = NOW - span + (latest - (NOW - span)) * rng.random() if latest > NOW - span else latest
            record = build_record(
                rng,
                name,
                active=i in active,
                sessions=sessions[i],
                notes=shares["notes"][i],
                versions=shares["versions"][i],
                commitments=shares["commitments"][i],
                pauses=shares["pauses"][i],
                first_session=first,
                interval=interval,
            )
            client = store.import_record(record)
            store.release(client.id)
    finally:
        store.close()


def census(data_dir: Path) -> dict[str, int]:
    """Count what a freshly opened store finds, loading every client from disk."""
    counts = dict.fromkeys(("clients", "active", "sessions", "notes", "versions", "commitments", "pauses"), 0)
    store = PracticeStore(data_dir, read_only=True).open()
    try:
        for summary in store.summaries():
            record = store.record(summary.id)
            counts["clients"] += 1
            counts["active"] += not record.client.archived
            for table in ("sessions", "notes", "versions", "commitments", "pauses"):
                counts[table] += len(getattr(record, table))
            store.release(summary.id)
    finally:
        store.close()
    return counts


def expected_census(spec: PracticeSpec) -> dict[str, int]:
    return {
        "clients": spec.clients,
        "active": spec.active,
        "sessions": spec.sessions,
        "notes": spec.notes,
        "versions": spec.versions,
        "commitments": spec.commitments,
        "pauses": spec.pauses,
    }


def still_opens(spec: PracticeSpec, data_dir: Path) -> bool:
    """A cached practice is reused only if this version of the store opens it cleanly from its index."""
    try:
        store = PracticeStore(data_dir, read_only=True).open()
    except Exception:
        return False
    try:
        summaries = store.summaries()
        return not store.problems and len(summaries) == spec.clients and not any(s.problem for s in summaries)
    finally:
        store.close()


def cached_practice(spec: PracticeSpec, cache_dir: Path) -> Path:
    """The practice for spec, generated and checked once, then reused from cache_dir."""
    home = cache_dir / spec.cache_key
    practice = home / PRACTICE_DIR
    if (home / COMPLETE_MARK).exists() and practice.is_dir() and still_opens(spec, practice):
        return practice
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True, mode=0o700)
    generate(spec, practice)
    found = census(practice)
    if found != expected_census(spec):
        raise RuntimeError(f"the generated {spec.name} practice does not match its spec: {found}")
    (home / COMPLETE_MARK).write_text(f"{found}\n")
    return practice
