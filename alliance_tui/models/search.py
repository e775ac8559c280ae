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


def _terms(query: str) -> list[str]:
    return [t for t in query.casefold().split() if t]


def _match(text: str, terms: list[str]) -> int | None:
    folded = text.casefold()
    if not all(t in folded for t in terms):
        return None
    return folded.find(terms[0])


def search_record(record: ClientRecord, query: str) -> list[SearchHit]:
    """Every note, commitment, agreement and discovery note matching all words of the query, newest first."""
    terms = _terms(query)
    if not terms:
        return []
    client = record.client
    hits: list[SearchHit] = []

    def add(session: int | None, where: str, text: str, when: datetime | None) -> None:
        at = _match(text, terms)
        if at is not None:
            hits.append(SearchHit(client.id, client.name, session, where, text, at, len(terms[0]), when))

    for note in reversed(record.notes):
        label = "private note" if note.private else "shared note"
        if note.kind.value != "note":
            label = f"{label} ({note.kind.value})"
        add(
            note.session_number, label, f"{note.prompt} {note.text}".strip() if note.prompt else note.text, note.created
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
