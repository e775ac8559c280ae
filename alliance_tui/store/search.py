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
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models.search import SearchHit, newest_first, query_terms, where_found
from ..models.timeutil import parse_stored_utc
from .errors import StoreError
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


@dataclass(frozen=True)
class SearchTarget:
    client_id: str
    client_name: str
    path: Path


def search_targets(store: PracticeStore, client_id: str | None = None) -> list[SearchTarget]:
    """Who a search goes through: one client, or everyone in the practice, by name."""
    summaries = [store.summary(client_id)] if client_id is not None else store.summaries(include_archived=True)
    return [SearchTarget(s.id, s.name, store.client_path(s.id)) for s in summaries]


def iter_hits(store: PracticeStore, query: str, client_id: str | None = None) -> Iterator[ClientSearched]:
    """Each client's hits for every word of the query, one client read at a time.

    Nothing is cached and no record is built: a file is parsed, its words
    matched and the parse dropped. A file that cannot be read is reported
    (ClientSearched.problem) and the search goes on through the rest.
    """
    terms = query_terms(query)
    targets = search_targets(store, client_id)
    if not terms:
        return
    for searched, target in enumerate(targets, start=1):
        problem = ""
        hits: list[SearchHit] = []
        try:
            data = load_json(target.path, KIND)
            hits = hits_in_file(data, terms, target.client_id, target.client_name)
        except StoreError as exc:
            problem = _problem(target, exc.message)
        except (KeyError, TypeError, ValueError, AttributeError):
            problem = _problem(target, f"{target.path}: holds a record in an unexpected form.")
        yield ClientSearched(target.client_id, target.client_name, tuple(hits), problem, searched, len(targets))


def _problem(target: SearchTarget, message: str) -> str:
    return f"{target.client_name}'s file cannot be searched: {message}"


def hits_in_file(data: dict[str, dict[str, Any]], terms: Sequence[str], client_id: str, name: str) -> list[SearchHit]:
    """The hits in one client's stored documents, as search_record finds them in the client's records."""
    hits: list[SearchHit] = []

    def add(session: int | None, where: str, text: str, when: datetime | None) -> None:
        folded = text.casefold()
        if all(t in folded for t in terms):
            hits.append(SearchHit(client_id, name, session, where, text, folded.find(terms[0]), len(terms[0]), when))

    for note in reversed(list(data.get("notes", {}).values())):
        prompt, text = note.get("prompt") or "", note["text"]
        where = where_found(note.get("kind", "note"), private=note.get("private", True))
        add(note.get("session_number"), where, f"{prompt} {text}".strip() if prompt else text, _when(note["created"]))
    if data.get("commitments"):
        from ..models.commitments import CommitmentStatus

        for commitment in reversed(list(data["commitments"].values())):
            note = commitment.get("checkin_note") or ""
            text = commitment["what"] + (f" ({note})" if note else "")
            status = CommitmentStatus(commitment.get("status", CommitmentStatus.OPEN.value))
            add(commitment.get("session_number"), f"commitment, {status.label}", text, _when(commitment["created"]))
    versions = list(data.get("versions", {}).values())
    if versions:
        from ..models.version_delta import expand_all

        current = expand_all(versions[-_chain_start(versions) :])[-1]
        for item in current.items:
            add(item.agreed_in_session, f"agreement ({item.category})", item.wording, current.created)
    (client,) = data["client"].values()
    if client.get("discovery_notes"):
        add(None, "discovery notes", client["discovery_notes"], None)
    return newest_first(hits)


def _chain_start(versions: Sequence[dict[str, Any]]) -> int:
    """How many of the last versions make the current one whole: back to the last one stored in full."""
    for back, doc in enumerate(reversed(versions), start=1):
        if "delta" not in doc:
            return back
    return len(versions)


def _when(stored: str) -> datetime:
    """A stored time, as the models read it."""
    when = parse_stored_utc(stored)
    if when is None:
        when = datetime.fromisoformat(stored.replace("Z", "+00:00"))
        if when.tzinfo is None:
            raise ValueError(f"a time without its zone: {stored!r}")
        when = when.astimezone(UTC)
    return when
