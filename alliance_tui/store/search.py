"""Searching the practice one client at a time, from the stored text.

Building every client's records (a model for every note, commitment and
alliance version) to search them took seconds on a large practice. This reads
one client's file, takes the words of its notes, commitments, current
agreement and discovery notes straight from the stored documents, and lets the
file go before reading the next, so a caller can show what is found as it is
found and stop at any client.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Imported with this module (as the search screen opens), not by the first search's worker:
# building these models' validators on the worker held the UI's thread up to ~130 ms.
from ..models.alliance import AllianceItem, AllianceVersion
from ..models.commitments import CommitmentStatus
from ..models.search import SearchHit, query_terms, where_found
from ..models.timeutil import format_utc
from ..models.version_delta import Delta, apply
from .errors import StoreError
from .history import KIND as SESSION_KIND
from .history import history_dir, session_files
from .jsonfile import load_json

if TYPE_CHECKING:
    from .practice import PracticeStore

KIND = "client"


@dataclass(frozen=True)
class ClientSearched:
    """One client's part of a search: their hits, newest first, or why their file could not be searched."""

    client_id: str
    client_name: str
    hits: tuple[SearchHit, ...]
    problem: str = ""
    searched: int = 1  # clients searched so far, this one included
    of: int = 1  # clients the search goes through
    found: int = 0  # this client's hits, all of them, however many are in hits


@dataclass(frozen=True)
class SearchTarget:
    client_id: str
    client_name: str
    path: Path


def search_targets(store: PracticeStore, client_id: str | None = None) -> list[SearchTarget]:
    """Who a search goes through: one client, or everyone in the practice, by name."""
    summaries = [store.summary(client_id)] if client_id is not None else store.summaries(include_archived=True)
    return [SearchTarget(s.id, s.name, store.client_path(s.id)) for s in summaries]


def iter_hits(
    store: PracticeStore, query: str, client_id: str | None = None, *, newest: int | None = None
) -> Iterator[ClientSearched]:
    """Each client's hits for every word of the query, one client read at a time.

    Nothing is cached and no record is built: a file is parsed, its words
    matched and the parse dropped. With `newest`, only that many of each
    client's newest hits are made (ClientSearched.found still counts them
    all): a screen that lists the newest few pays for no more. A file that
    cannot be read is reported (ClientSearched.problem) and the search goes
    on through the rest.
    """
    terms = query_terms(query)
    targets = search_targets(store, client_id)
    if not terms:
        return
    for searched, target in enumerate(targets, start=1):
        problem = ""
        hits: list[SearchHit] = []
        found = 0
        try:
            hits, found = client_hits(target.path, terms, target.client_id, target.client_name, newest)
        except StoreError as exc:
            problem = _problem(target, exc.message)
        except (KeyError, TypeError, ValueError, AttributeError):
            problem = _problem(target, f"{target.path}: holds a record in an unexpected form.")
        yield ClientSearched(target.client_id, target.client_name, tuple(hits), problem, searched, len(targets), found)


def client_hits(
    path: Path, terms: Sequence[str], client_id: str, name: str, newest: int | None = None
) -> tuple[list[SearchHit], int]:
    """The hits in one client's files, newest first: the present's and each ended session's own file's.

    Each file is matched and let go of before the next is read, so what a
    search holds at any moment is one file's parse and the matches so far: a
    whole client's documents held at once outlived Python's young collections
    and made it sweep the app's whole memory two or three times a search, each
    a stall of the screen of up to ~80 ms. A record in two files (the copy of
    the latest session ended) counts once, as the later file has it; versions
    are put in order, so the current agreement is worked out from them.
    Returns the newest `newest` hits (all when None) and how many there are.
    """
    present = load_json(path, KIND, documents=False)
    found = _Matches(terms)
    for session_file in session_files(history_dir(path)):
        found.take(load_json(session_file, SESSION_KIND, documents=False))
    found.take(present)
    (client,) = present["client"].values()
    return found.hits(client, client_id, name, newest)


def _problem(target: SearchTarget, message: str) -> str:
    return f"{target.client_name}'s file cannot be searched: {message}"


# One match before its hit is made: (when as stored, session, where, text, where the match starts).
Match = tuple[str | None, int | None, str, str, int]


class _Matches:
    """One client's matches, file by file, as search_record finds them in their records."""

    def __init__(self, terms: Sequence[str]) -> None:
        self.first, self.rest, self.length = terms[0], terms[1:], len(terms[0])
        # By record id, in the order first met; a later file's copy replaces an earlier one's.
        self.notes: dict[str, Match | None] = {}
        self.commitments: dict[str, Match | None] = {}
        self.versions: dict[str, dict[str, Any]] = {}
        self.places: dict[tuple[str, bool], str] = {}  # how a note of each kind is named in a result

    def match(self, session: int | None, where: str, text: str, when: str | None) -> Match | None:
        folded = text.casefold()
        at = folded.find(self.first)
        if at >= 0 and all(t in folded for t in self.rest):
            return (when, session, where, text, at)
        return None

    def take(self, data: dict[str, dict[str, Any]]) -> None:
        """One file's notes and commitments matched, its versions kept: nothing else of it outlives this."""
        first, rest, notes, places = self.first, self.rest, self.notes, self.places
        for note in data.get("notes", {}).values():
            prompt, text, created = note.get("prompt"), note["text"], note["created"]
            whole = f"{prompt} {text}".strip() if prompt else text
            folded = whole.casefold()
            at = folded.find(first)
            if at < 0 or (rest and not all(t in folded for t in rest)):
                notes[str(note["id"])] = None
                continue
            place = (note.get("kind", "note"), note.get("private", True))
            where = places.get(place)
            if where is None:
                where = places[place] = where_found(place[0], private=place[1])
            notes[str(note["id"])] = (created, note.get("session_number"), where, whole, at)
        for commitment in data.get("commitments", {}).values():
            note = commitment.get("checkin_note") or ""
            text = commitment["what"] + (f" ({note})" if note else "")
            status = CommitmentStatus(commitment.get("status", CommitmentStatus.OPEN.value))
            self.commitments[str(commitment["id"])] = self.match(
                commitment.get("session_number"), f"commitment, {status.label}", text, commitment["created"]
            )
        for version in data.get("versions", {}).values():
            self.versions[str(version["id"])] = version

    def hits(
        self, client: dict[str, Any], client_id: str, name: str, newest: int | None
    ) -> tuple[list[SearchHit], int]:
        matches: list[Match | None] = [*reversed(self.notes.values()), *reversed(self.commitments.values())]
        versions = sorted(self.versions.values(), key=lambda d: int(d["number"]))
        if versions:
            created = format_utc(_when(versions[-1]["created"]))
            for item in _current_items(versions[-_chain_start(versions) :]):
                matches.append(
                    self.match(item.agreed_in_session, f"agreement ({item.category})", item.wording, created)
                )
        if client.get("discovery_notes"):
            matches.append(self.match(None, "discovery notes", client["discovery_notes"], None))
        found = [m for m in matches if m is not None]
        # Newest first as newest_first orders them (stable, undated last); stored times in their one
        # written form sort as the times do, so only the hits kept are given a datetime.
        dated = sorted((m for m in found if m[0] is not None), key=lambda m: _sortable(m[0]), reverse=True)  # type: ignore[arg-type]
        ordered = dated + [m for m in found if m[0] is None]
        kept = ordered if newest is None else ordered[:newest]
        hits = [
            SearchHit(client_id, name, session, where, text, at, self.length, _when(when) if when is not None else None)
            for when, session, where, text, at in kept
        ]
        return hits, len(found)


def _sortable(stored: str) -> str:
    """A stored time as format_utc writes it, whose order as text is the order in time."""
    if len(stored) == 27 and stored[-1] == "Z" and stored[10] == "T" and stored[19] == ".":
        return stored
    return format_utc(_when(stored))


def _current_items(chain: Sequence[dict[str, Any]]) -> Sequence[AllianceItem]:
    """The current agreement's items: each version's delta applied in turn to the last one stored in full.

    Only the items are validated, as the models store them; the versions'
    own fields are not needed to search, so no version is built whole.
    """
    items: Sequence[AllianceItem] = ()
    for doc in chain:
        if "delta" in doc:
            items = apply(items, Delta.model_validate(doc["delta"]))
        else:
            items = AllianceVersion.model_validate(doc).items
    return items


def _chain_start(versions: Sequence[dict[str, Any]]) -> int:
    """How many of the last versions make the current one whole: back to the last one stored in full."""
    for back, doc in enumerate(reversed(versions), start=1):
        if "delta" not in doc:
            return back
    return len(versions)


def _when(stored: str) -> datetime:
    """A stored time, as the models read it: in UTC, whatever zone it was written with."""
    when = datetime.fromisoformat(stored.replace("Z", "+00:00") if stored.endswith("Z") else stored)
    if when.tzinfo is None:
        raise ValueError(f"a time without its zone: {stored!r}")
    return when if when.utcoffset() == _ZERO and when.tzinfo is UTC else when.astimezone(UTC)


_ZERO = timedelta(0)
