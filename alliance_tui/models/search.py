"""Finding what was written: across one client's notes, or the whole practice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .record import ClientRecord

SNIPPET = 90


@dataclass(frozen=True)
class SearchHit:
    client_id: str
    client_name: str
    session_number: int | None  # None: outside a session (intake, discovery notes)
    where: str  # "note", "shared note", "commitment", "agreement", "discovery notes"
    text: str
    start: int  # where the match begins in text
    length: int
    when: datetime | None = None  # when it was written; None for discovery notes

    @property
    def snippet(self) -> str:
        """The matched text with a little context, on one line."""
        begin = max(0, self.start - SNIPPET // 3)
        end = min(len(self.text), begin + SNIPPET)
        piece = " ".join(self.text[begin:end].split())
        return ("…" if begin else "") + piece + ("…" if end < len(self.text) else "")


def newest_first(hits: list[SearchHit]) -> list[SearchHit]:
    """Across clients, the most recent writing first; undated text (discovery notes) last."""
    dated = sorted((h for h in hits if h.when is not None), key=lambda h: h.when, reverse=True)  # type: ignore[arg-type,return-value]
    return dated + [h for h in hits if h.when is None]


def query_terms(query: str) -> list[str]:
    """The words a result must hold, each in any case."""
    return [t for t in query.casefold().split() if t]


def where_found(kind: str, *, private: bool) -> str:
    """How a note is named in a result: 'private note', 'shared note (adjustment)'."""
    label = "private note" if private else "shared note"
    return label if kind == "note" else f"{label} ({kind})"


def _match(text: str, terms: list[str]) -> int | None:
    folded = text.casefold()
    if not all(t in folded for t in terms):
        return None
    return folded.find(terms[0])


def search_record(record: ClientRecord, query: str) -> list[SearchHit]:
    """Every note, commitment, agreement and discovery note matching all words of the query, newest first."""
    terms = query_terms(query)
    if not terms:
        return []
    client = record.client
    hits: list[SearchHit] = []

    def add(session: int | None, where: str, text: str, when: datetime | None) -> None:
        at = _match(text, terms)
        if at is not None:
            hits.append(SearchHit(client.id, client.name, session, where, text, at, len(terms[0]), when))

    for note in reversed(record.notes):
        where = where_found(note.kind.value, private=note.private)
        add(
            note.session_number, where, f"{note.prompt} {note.text}".strip() if note.prompt else note.text, note.created
        )
    for commitment in reversed(record.commitments):
        text = commitment.what + (f" ({commitment.checkin_note})" if commitment.checkin_note else "")
        add(commitment.session_number, f"commitment, {commitment.status.label}", text, commitment.created)
    current = record.current_alliance
    if current is not None:
        for item in current.items:
            add(item.agreed_in_session, f"agreement ({item.category})", item.wording, current.created)
    if client.discovery_notes:
        add(None, "discovery notes", client.discovery_notes, None)
    return newest_first(hits)
