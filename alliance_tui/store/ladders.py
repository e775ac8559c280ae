"""Writing a client's success ladder: one small record per programme, kept in the present file.

Kept apart from the practice store's own module so the ladder's one rule
(set the first time, changed in place after) lives in one place; it writes
through the store's single-writer path like every other record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.ladder import FIRST_PROGRAMME, SuccessLadder, ladder_of, unchanged

if TYPE_CHECKING:
    from .practice import PracticeStore


def set_ladder(
    store: PracticeStore,
    client_id: str,
    good: str,
    great: str,
    amazing: str,
    *,
    programme: int = FIRST_PROGRAMME,
    session_number: int | None = None,
) -> tuple[SuccessLadder, SuccessLadder | None]:
    """The programme's ladder, set or changed; on disk when it returns. Returns it and the one it replaced.

    The replaced copy is what ctrl+z puts back (None: the ladder was new, and
    undoing removes it). Words that read as the ladder already does write
    nothing: the ladder comes back as both (see `unchanged`).
    """
    from .practice import validating

    with store.core.lock:
        existing = ladder_of(store.present(client_id).ladders, programme)
        words = {"good": good, "great": great, "amazing": amazing}
        if existing is not None and unchanged(existing, good, great, amazing):
            return existing, existing
        if existing is None:
            with validating():
                ladder = SuccessLadder(
                    programme=programme, updated=store.clock(), set_in_session=session_number, **words
                )
            return store.client_writes.insert(client_id, "ladders", ladder, summary_may_change=False), None
        updated: SuccessLadder = store.client_writes.replace(
            client_id,
            "ladders",
            existing.id,
            updated=store.clock(),
            set_in_session=session_number or existing.set_in_session,
            **words,
        )
        return updated, existing
