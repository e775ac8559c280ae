"""Whatever a coach types or pastes is stored exactly as the documented clean-up says, or refused clearly.

Property-based: arbitrary unicode, emoji, right-to-left text, markup-like text,
control characters and very long text go through the models and the real store.
Each is either saved and read back from disk exactly as models.text.clean()
predicts, or refused with InvalidInput and a sentence for the coach. Nothing
else may happen: no other exception, no partial write.
"""

from __future__ import annotations

import contextlib
import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_tui.models.commitments import CommitmentStatus
from alliance_tui.models.notes import Note
from alliance_tui.models.text import LONG_MAX, NAME_MAX, NOTE_MAX, PROMPT_MAX, SHORT_MAX, TextRefused, clean
from alliance_tui.store import InvalidInput, PracticeStore
from tests.conftest import FROZEN_NOW

SPECIALS = [
    "[bold]not bold[/]",
    "[red]x[/]",
    "[/]",
    "[@click=app.quit]quit[/]",
    "\x1b[31mred\x1b[0m",
    "שלום עולם",
    "مرحبا بالعالم",
    "abc \u202eevil\u202c def",
    "👩\u200d👩\u200d👧 🏳️\u200d🌈 👍🏽",
    "e\u0301 vs é",
    "\u200b",
    "line one\r\nline two\rline three",
    "tab\there",
    "\x00\x01\x7f\x85\x9f",
    "\ud800 lone surrogate",
    "\u2028separator\u2029",
    "   ",
    "x" * NOTE_MAX,
    "x" * (NOTE_MAX + 1),
    "💬" * 1200,
    "\uffff\ufffe noncharacters",
]

any_text = st.one_of(
    st.text(alphabet=st.characters(), max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),  # no surrogates
    st.sampled_from(SPECIALS),
    st.builds(lambda a, b: a + b, st.sampled_from(SPECIALS), st.text(max_size=20)),
    st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=4), st.integers(40, 3000)),
)

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def expected(value: str, max_len: int, multiline: bool, optional: bool = False) -> str | None:
    """What the store must keep, or None where it must refuse."""
    try:
        return clean(value, max_len=max_len, multiline=multiline)
    except TextRefused:
        if optional and not clean_is_empty(value, multiline):
            return None
        return "" if optional else None


def clean_is_empty(value: str, multiline: bool) -> bool:
    try:
        clean(value, max_len=10**9, multiline=multiline)
    except TextRefused:
        return True
    return False


class Practice:
    """One real store for a whole property run; every check reads the client's file from disk."""

    def __init__(self, data_dir: Path) -> None:
        self.store = PracticeStore(data_dir, clock=lambda: FROZEN_NOW).open()
        self.client = self.store.add_client("Property Client")
        self.other = self.store.add_client("Zed Reference")
        self.session = self.store.start_session(self.client.id)
        self.commitment = self.store.add_commitment(self.client.id, "Something to check in")

    def disk(self) -> dict[str, Any]:
        path = self.store.clients_dir / f"{self.client.id}.json"
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def stored(self, table: str, record_id: str) -> dict[str, Any]:
        docs = [d for d in self.disk()[table].values() if d["id"] == record_id]
        assert len(docs) == 1
        return docs[0]

    def attempt(self, call: Callable[[], Any], want: str | None) -> Any:
        """The call returns when and only when `want` is not None; a refusal is a clear InvalidInput."""
        before = self.disk()
        if want is None:
            with pytest.raises(InvalidInput) as info:
                call()
            message = info.value.message
            assert message.endswith(".") and "\n" not in message and "Value error" not in message
            assert 10 < len(message) < 300
            assert self.disk() == before  # nothing was written
            return None
        return call()


@pytest.fixture
def practice(tmp_path: Path) -> Iterator[Practice]:
    p = Practice(tmp_path / "practice")
    yield p
    p.store.close()


# ----------------------------------------------------------------- the rules themselves


@given(value=any_text, multiline=st.booleans())
@settings(max_examples=300, deadline=None)
def test_clean_output_obeys_its_documented_rules(value: str, multiline: bool) -> None:
    try:
        text = clean(value, max_len=NOTE_MAX, multiline=multiline)
    except TextRefused as exc:
        assert str(exc) == "cannot be empty" or str(exc).endswith(f"characters long; the limit is {NOTE_MAX:,}")
        return
    assert text == text.strip() and text
    assert len(text) <= NOTE_MAX
    assert clean(text, max_len=NOTE_MAX, multiline=multiline) == text  # reloading never changes it
    assert text.encode("utf-8")  # always storable
    for ch in text:
        assert ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"), repr(ch)
        assert ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
    if not multiline:
        assert "\n" not in text
    assert unicodedata.is_normalized("NFC", text)


@given(value=any_text)
@settings(max_examples=200, deadline=None)
def test_models_apply_exactly_the_clean_up(value: str) -> None:
    want = expected(value, NOTE_MAX, multiline=True)
    try:
        note = Note(text=value, created=FROZEN_NOW)
    except Exception as exc:  # only a validation refusal is acceptable
        assert want is None, f"refused {value!r}: {exc}"
        assert type(exc).__name__ == "ValidationError"
        return
    assert note.text == want
    assert Note.model_validate_json(note.model_dump_json()) == note


# ----------------------------------------------------------------- through the store, to disk and back


@given(value=any_text, private=st.booleans())
@EXAMPLES
def test_notes(practice: Practice, value: str, private: bool) -> None:
    want = expected(value, NOTE_MAX, multiline=True)
    note = practice.attempt(lambda: practice.store.log_note(practice.client.id, value, private=private), want)
    if note is not None:
        assert note.text == want
        assert practice.stored("notes", note.id)["text"] == want
        want_edit = expected(value + "!", NOTE_MAX, multiline=True)
        edited = practice.attempt(
            lambda: practice.store.update_note(practice.client.id, note.id, text=value + "!"), want_edit
        )
        if edited is not None:
            assert practice.stored("notes", edited.id)["text"] == want_edit


@given(name=any_text, pronouns=any_text, discovery=any_text)
@EXAMPLES
def test_client_fields(practice: Practice, name: str, pronouns: str, discovery: str) -> None:
    want_name = expected(name, NAME_MAX, multiline=False)
    if want_name is not None and want_name.casefold() == "zed reference":
        want_name = None
    client = practice.attempt(lambda: practice.store.update_client(practice.client.id, name=name), want_name)
    if client is not None:
        assert practice.stored("client", client.id)["name"] == want_name
        assert practice.store.summary(client.id).name == want_name
    want_pronouns = expected(pronouns, SHORT_MAX, multiline=False, optional=True)
    client = practice.attempt(
        lambda: practice.store.update_client(practice.client.id, pronouns=pronouns), want_pronouns
    )
    if client is not None:
        assert practice.stored("client", client.id)["pronouns"] == want_pronouns
    want_discovery = expected(discovery, LONG_MAX, multiline=True, optional=True)
    client = practice.attempt(
        lambda: practice.store.update_client(practice.client.id, discovery_notes=discovery), want_discovery
    )
    if client is not None:
        assert practice.stored("client", client.id)["discovery_notes"] == want_discovery


@given(what=any_text, by_when=any_text, checkin=any_text)
@EXAMPLES
def test_commitments(practice: Practice, what: str, by_when: str, checkin: str) -> None:
    want_what = expected(what, NOTE_MAX, multiline=True)
    want_when = expected(by_when, SHORT_MAX, multiline=False, optional=True)
    both = None if want_what is None or want_when is None else want_what
    made = practice.attempt(lambda: practice.store.add_commitment(practice.client.id, what, by_when=by_when), both)
    if made is not None:
        doc = practice.stored("commitments", made.id)
        assert (doc["what"], doc["by_when"]) == (want_what, want_when)
    want_note = expected(checkin, NOTE_MAX, multiline=True, optional=True)
    checked = practice.attempt(
        lambda: practice.store.check_in(
            practice.client.id, practice.commitment.id, CommitmentStatus.CARRIED, note=checkin
        ),
        want_note,
    )
    if checked is not None:
        assert practice.stored("commitments", checked.id)["checkin_note"] == want_note


@given(category=any_text, wording=any_text, focus=any_text)
@EXAMPLES
def test_alliance_and_session_agreement(practice: Practice, category: str, wording: str, focus: str) -> None:
    want_category = expected(category, SHORT_MAX, multiline=False)
    want_wording = expected(wording, NOTE_MAX, multiline=True)
    want = None if want_category is None or want_wording is None else want_wording
    version = practice.attempt(
        lambda: practice.store.add_alliance_item(practice.client.id, category, wording, session_number=1), want
    )
    if version is not None:
        item = practice.stored("versions", version.id)["delta"]["changed"][-1]  # the item added, stored as typed
        assert (item["category"], item["wording"]) == (want_category, want_wording)
    want_focus = expected(focus, NOTE_MAX, multiline=True, optional=True)
    session = practice.attempt(
        lambda: practice.store.update_session(practice.client.id, practice.session.id, focus=focus), want_focus
    )
    if session is not None:
        assert practice.stored("sessions", session.id)["focus"] == want_focus


@given(prompt=any_text, category=any_text)
@EXAMPLES
def test_practice_settings_text(practice: Practice, prompt: str, category: str) -> None:
    want_prompt = expected(prompt, SHORT_MAX, multiline=False)
    added = practice.attempt(lambda: practice.store.add_prompt(prompt), want_prompt)
    if added is not None:
        on_disk = json.loads(practice.store.practice_path.read_text())
        texts = [p["text"] for p in next(iter(on_disk["settings"].values()))["prompts"]]
        assert texts[-1] == want_prompt
    want_category = expected(category, SHORT_MAX, multiline=False)
    if want_category is not None and want_category.casefold() in {c.casefold() for c in practice.store.categories()}:
        want_category = None
    name = practice.attempt(lambda: practice.store.add_category(category), want_category)
    if name is not None:
        assert name == want_category
        assert practice.store.categories()[-1] == want_category


@given(answer=any_text, question=any_text)
@EXAMPLES
def test_revisit_answers_keep_their_question(practice: Practice, answer: str, question: str) -> None:
    want_answer = expected(answer, NOTE_MAX, multiline=True)
    want_question = expected(question, PROMPT_MAX, multiline=False, optional=True)
    both = None if want_answer is None or want_question is None else want_answer
    note = practice.attempt(lambda: practice.store.log_note(practice.client.id, answer, prompt=question), both)
    if note is not None:
        doc = practice.stored("notes", note.id)
        assert (doc["text"], doc["prompt"]) == (want_answer, want_question)


def test_everything_stored_reloads_identically(practice: Practice) -> None:
    """After a run of odd text, a fresh store reads the same records back from disk."""
    for value in SPECIALS:
        with contextlib.suppress(InvalidInput):
            practice.store.log_note(practice.client.id, value)
    in_memory = practice.store.record(practice.client.id)
    with PracticeStore(practice.store.data_dir, read_only=True) as view:
        assert view.record(practice.client.id) == in_memory


# ----------------------------------------------------------------- numbers and choices typed into forms

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["30", " 45 ", "1e3", "0x10", "٣٠", "thirty", ""]),
)


@given(
    field=st.sampled_from(["programme_sessions", "session_minutes", "think_time_seconds", "archived"]), value=anything
)
@EXAMPLES
def test_client_numbers_are_saved_or_refused_clearly(practice: Practice, field: str, value: object) -> None:
    before = practice.disk()
    try:
        client = practice.store.update_client(practice.client.id, **{field: value})
    except InvalidInput as exc:
        assert exc.message.endswith(".") and "Input should" not in exc.message
        assert practice.disk() == before
        return
    assert practice.stored("client", client.id)[field] == getattr(client, field)


@given(status=anything, target=anything, actual=anything)
@EXAMPLES
def test_check_ins_and_pauses_are_saved_or_refused_clearly(
    practice: Practice, status: object, target: object, actual: object
) -> None:
    before = practice.disk()
    try:
        practice.store.check_in(practice.client.id, practice.commitment.id, status)  # type: ignore[arg-type]
    except InvalidInput:
        assert practice.disk() == before
    try:
        pause = practice.store.record_pause(
            practice.client.id,
            target_seconds=target,  # type: ignore[arg-type]
            actual_seconds=actual,  # type: ignore[arg-type]
            started=FROZEN_NOW,
        )
    except InvalidInput as exc:
        assert exc.message.endswith(".")
        return
    assert practice.stored("pauses", pause.id)["actual_seconds"] == pause.actual_seconds
