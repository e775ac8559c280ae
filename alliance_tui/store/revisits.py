"""A revisit under way, kept in the client's present, and the one alliance version it ends in.

The draft is one small document in the present file, written after every
decision, so a revisit left half-way resumes where it stood (even after the
app was closed). Finishing writes the new version and drops the draft in one
atomic write: a stop in between can neither lose the version nor leave a
draft that was already saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models.revisit import RevisitDraft

if TYPE_CHECKING:
    from ..models.alliance import AllianceVersion
    from .client_file import ClientFile
    from .practice import PracticeStore

DRAFT_TABLE = "revisit_draft"


def revisit_draft(store: PracticeStore, client_id: str) -> RevisitDraft | None:
    """The revisit left under way for this client, if any."""
    with store.core.lock:
        drafts = store.client_records.held(client_id).revisit_draft
        return drafts[-1] if drafts else None


def start_revisit(store: PracticeStore, client_id: str, session_number: int | None = None) -> RevisitDraft:
    """The draft to walk: the one under way, or a new one (written only with its first decision)."""
    found = revisit_draft(store, client_id)
    if found is not None:
        return found
    with store.core.lock:
        present = store.client_records.present_of(client_id)
        return RevisitDraft(started=store.clock(), base_version=present.version_count, session_number=session_number)


def save_revisit_draft(store: PracticeStore, client_id: str, draft: RevisitDraft) -> RevisitDraft:
    """Keep what the revisit decided so far; on disk when it returns."""
    from .present_tables import write_tables

    with store.core.lock:
        store.core.check_writable()
        store.client_records.held(client_id)
        doc = draft.model_dump(mode="json")
        store.client_writes.write(client_id, lambda f: write_tables(f, {DRAFT_TABLE: [doc]}))
        store.client_records.held(client_id).revisit_draft = [draft]
        return draft


def discard_revisit_draft(store: PracticeStore, client_id: str) -> None:
    """Forget the revisit under way (nothing of the alliance changes)."""
    from .present_tables import write_tables

    with store.core.lock:
        store.core.check_writable()
        store.client_records.held(client_id)
        store.client_writes.write(client_id, lambda f: write_tables(f, {DRAFT_TABLE: None}))
        store.client_records.held(client_id).revisit_draft = []


def finish_revisit(store: PracticeStore, client_id: str, draft: RevisitDraft) -> AllianceVersion:
    """One new alliance version from the revisit: the items as decided, a reason per change, the answers."""
    from ..models.alliance import AllianceItem, AllianceVersion
    from .validating import validating

    with store.core.lock:
        store.core.check_writable()
        present = store.client_records.present_of(client_id)
        previous = present.current_alliance
        base = previous.items if previous is not None else []
        with validating():
            version = AllianceVersion(
                number=present.version_count + 1,
                created=store.clock(),
                session_number=draft.session_number if present.open_session is not None else None,
                reason=draft.summary(base),
                revisit=True,
                decisions=draft.all_decisions(base),
                answers=draft.attached_answers(),
                items=[AllianceItem.model_validate(i.model_dump()) for i in draft.result(base)],
            )
        store.client_writes.write(client_id, lambda f: _insert_version_and_drop_draft(f, previous, version))
        held = store.client_records.held(client_id)
        held.versions.append(version)
        held.revisit_draft = []
        store.client_records.keep_summary(client_id)
        return version


def _insert_version_and_drop_draft(
    file: ClientFile, previous: AllianceVersion | None, version: AllianceVersion
) -> None:
    from ..models.version_delta import compact_doc
    from .present_tables import table_docs, write_tables

    versions: list[dict[str, Any]] = table_docs(file, "versions")
    versions.append(compact_doc(previous, version))
    write_tables(file, {"versions": versions, DRAFT_TABLE: None})
