"""Intake between the disk and the client's card: a filled form read in, its answers applied in one write.

The answers join the discovery notes (marked as from the intake, with a
reference that makes a second import of the same form recognisable) and
wait as draft agreements on the client's card; both land in one atomic write
of the client's present file, or neither does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..models.intake import IntakeAnswers, IntakeProblem, IntakeQuestion, already_imported, parse_intake
from ..models.text import LONG_MAX
from .errors import InvalidInput

if TYPE_CHECKING:
    from ..models.client import Client
    from ..models.drafts import DraftItem
    from .practice import PracticeStore

MAX_FORM_BYTES = 1024 * 1024
NOTHING = "Nothing was changed."


def intake_questions(store: PracticeStore) -> tuple[IntakeQuestion, ...]:
    from ..models.intake import practice_questions

    return practice_questions(store.settings.intake_questions)


def read_form_text(path: Path) -> str:
    """A filled form's text, or InvalidInput naming the file and what is wrong with it."""
    try:
        if path.stat().st_size > MAX_FORM_BYTES:
            raise InvalidInput(f"{path} is too large to be a filled intake form. {NOTHING}")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not text (UTF-8). {NOTHING}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a filled intake form. {NOTHING}") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or exc}. {NOTHING}") from None


def read_form(store: PracticeStore, path: Path, client_id: str | None = None) -> IntakeAnswers:
    """The answers in a filled form, checked against the practice (and this client, when given)."""
    try:
        answers = parse_intake(read_form_text(path), intake_questions(store))
    except IntakeProblem as exc:
        raise InvalidInput(f"{path}: {exc} {NOTHING}") from None
    check_answers(store, answers, path, client_id)
    return answers


def check_answers(store: PracticeStore, answers: IntakeAnswers, path: Path, client_id: str | None) -> None:
    """Refused with a clear message: no answers, someone else's form, an unknown client, a second import."""
    from .errors import UnknownRecord

    if not answers.answers:
        raise InvalidInput(f"{path} holds no answers yet (every question is still blank). {NOTHING}")
    try:
        summary = store.summary(answers.client_id)
    except UnknownRecord:
        raise InvalidInput(f"{path} was written for a client this practice does not have. {NOTHING}") from None
    if client_id is not None and answers.client_id != client_id:
        raise InvalidInput(f"{path} is {summary.name}'s form, not this client's. {NOTHING}")
    client = store.present(answers.client_id).client
    if already_imported(answers, client.discovery_notes) or any(
        answers.reference in d.source for d in client.intake_drafts
    ):
        raise InvalidInput(f"These answers are already in {client.name}'s discovery notes. {NOTHING}")


def apply_intake(store: PracticeStore, answers: IntakeAnswers, day: str) -> tuple[Client, int]:
    """Discovery notes and drafts in one write; (the client as saved, how many drafts were added)."""
    from ..models.drafts import drafts_from

    with store.core.lock:
        check_answers(store, answers, Path("The form"), None)
        client = store.present(answers.client_id).client
        block = answers.discovery_text(day)
        notes = f"{client.discovery_notes}\n\n{block}" if client.discovery_notes else block
        if len(notes) > LONG_MAX:
            raise InvalidInput(
                f"With these answers {client.name}'s discovery notes would be {len(notes):,} characters, over the "
                f"{LONG_MAX:,} they hold: shorten them (ctrl+d on the review), then import again. {NOTHING}"
            )
        drafts = drafts_from(answers, store.categories())
        saved = store.update_client(
            answers.client_id, discovery_notes=notes, intake_drafts=(*client.intake_drafts, *drafts)
        )
        return saved, len(drafts)


def set_drafts(store: PracticeStore, client_id: str, drafts: list[DraftItem]) -> Client:
    """The drafts left waiting once the coach accepted or skipped some (in the alliance editor)."""
    return store.update_client(client_id, intake_drafts=tuple(drafts))


def write_form(path: Path, text: str) -> None:
    """A form written whole and durably (the demo's filled one; exports go through export_files)."""
    from .atomic import atomic_write_bytes

    atomic_write_bytes(path, text.encode("utf-8"))


def save_intake_questions(store: PracticeStore, questions: list[IntakeQuestion]) -> tuple[IntakeQuestion, ...]:
    """The practice's intake questions from now on (a form sent earlier reads back only if its questions match)."""
    from ..models.settings import IntakeQuestionSetting
    from .validating import validating

    with validating(text="The question", category="The category"):
        own = [IntakeQuestionSetting(key=q.key, category=q.category, text=q.text) for q in questions]
    if not own:
        raise InvalidInput("An intake form needs at least one question. Nothing was changed.")
    if len({q.key for q in own}) != len(own):
        raise InvalidInput("Two questions share a key. Nothing was changed.")
    store.update_settings(intake_questions=own)
    return intake_questions(store)
