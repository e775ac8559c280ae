"""The intake form: out as plain Markdown, back in only when the coach says, never twice."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_tui import cli
from alliance_tui.exports.intake import intake_form
from alliance_tui.models.intake import INTAKE_QUESTIONS, PLACEHOLDER, IntakeProblem, parse_intake
from alliance_tui.store import PracticeStore


def fill(form: str, answers: dict[str, str]) -> str:
    """Write each answer under its question, as a client would in any editor."""
    out = []
    pending = None
    for line in form.splitlines():
        if line.startswith("<!-- q:"):
            pending = line.removeprefix("<!-- q:").removesuffix(" -->")
        if line == PLACEHOLDER and pending in answers:
            line = answers[pending]
        out.append(line)
    return "\n".join(out) + "\n"


def test_no_built_in_question_repeats_its_category() -> None:
    """The app shows 'category: question'; a question that begins with its category reads twice."""
    for question in INTAKE_QUESTIONS:
        assert not question.text.casefold().startswith(question.category.casefold()), question.text


def test_answers_come_back_under_their_questions_and_blanks_are_named() -> None:
    form = intake_form("Ada [bold]Lovelace[/]", "abc123")
    assert "# Before we start: Ada \\[bold\\]Lovelace\\[/\\]" in form
    filled = fill(form, {"challenge": "Very direct.\n\nCall me out on excuses.", "logistics": "[b]Tuesdays[/b]"})
    answers = parse_intake(filled)
    assert answers.client_id == "abc123"
    assert [(a.question.key, a.text) for a in answers.answers] == [
        ("challenge", "Very direct.\n\nCall me out on excuses."),
        ("logistics", "[b]Tuesdays[/b]"),  # text typed is text
    ]
    assert len(answers.unanswered) == len(INTAKE_QUESTIONS) - 2
    assert parse_intake(filled).reference == answers.reference


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda f: f.replace("<!-- alliance-tui intake form v1", "<!-- something else"), "not an Alliance TUI intake"),
        (lambda f: f.replace("<!-- q:feedback -->", ""), "questions were changed"),
        (lambda f: f + "\n<!-- q:salary -->\n", "does not ask"),
    ],
)
def test_a_form_that_no_longer_reads_as_the_form_is_named(change: object, words: str) -> None:
    form = intake_form("Ada", "abc123")
    with pytest.raises(IntakeProblem, match=words):
        parse_intake(change(form))  # type: ignore[operator]


answer_text = st.text(max_size=300).filter(
    lambda t: (
        "<!--" not in t and PLACEHOLDER not in t and not any(line.lstrip().startswith("##") for line in t.splitlines())
    )
)


@given(answer_text)
def test_any_answer_comes_back_word_for_word(text: str) -> None:
    answers = parse_intake(fill(intake_form("Ada", "abc123"), {"purpose": text}))
    got = {a.question.key: a.text for a in answers.answers}
    assert got.get("purpose", "").split() == text.split()


@given(st.text(max_size=300))
def test_any_file_is_read_as_a_form_or_refused_clearly(text: str) -> None:
    with contextlib.suppress(IntakeProblem):
        parse_intake(text)


def test_import_shows_first_then_adds_on_apply_and_never_twice(
    demo_store: PracticeStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(demo_store.data_dir)
    daniel = demo_store.find_client("Daniel Reyes")
    assert daniel is not None
    before = demo_store.record(daniel.id).client.discovery_notes
    demo_store.close()
    form = tmp_path / "form.md"
    assert cli.main(["--data-dir", data, "intake", "export", "Daniel", "-o", str(form)]) == 0
    form.write_text(fill(form.read_text(encoding="utf-8"), {"purpose": "Leave law, or stay well."}), encoding="utf-8")

    assert cli.main(["--data-dir", data, "intake", "import", str(form)]) == 0
    out = capsys.readouterr().out
    assert "1 of 7 answered" in out and "Focus: Leave law, or stay well." in out and "Nothing was changed" in out
    with PracticeStore(Path(data), read_only=True) as store:
        assert store.record(daniel.id).client.discovery_notes == before

    assert cli.main(["--data-dir", data, "intake", "import", str(form), "--apply"]) == 0
    with PracticeStore(Path(data), read_only=True) as store:
        client = store.present(daniel.id).client
    notes = client.discovery_notes
    assert notes.startswith(before) and "From the intake form (" in notes and "Leave law, or stay well." in notes
    assert [(d.category, d.wording) for d in client.intake_drafts] == [("Focus", "Leave law, or stay well.")]
    assert "1 draft agreement to accept, edit or skip" in capsys.readouterr().out

    assert cli.main(["--data-dir", data, "intake", "import", str(form), "--apply"]) == cli.EXIT_FAILED
    assert "already in Daniel Reyes's discovery notes" in capsys.readouterr().err


def test_an_empty_form_or_an_unknown_client_changes_nothing(
    store: PracticeStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    data = str(store.data_dir)
    empty = tmp_path / "empty.md"
    empty.write_text(intake_form("Ada", "nobody1"), encoding="utf-8")
    assert cli.main(["--data-dir", data, "intake", "import", str(empty)]) == cli.EXIT_FAILED
    assert "holds no answers yet" in capsys.readouterr().err
    stranger = tmp_path / "stranger.md"
    stranger.write_text(fill(intake_form("Ada", "nobody1"), {"purpose": "x"}), encoding="utf-8")
    assert cli.main(["--data-dir", data, "intake", "import", str(stranger), "--apply"]) == cli.EXIT_FAILED
    assert "a client this practice does not have" in capsys.readouterr().err


CSV = """\ufeffFirst Name,Last Name,E-mail,Phone,Pronouns,Sessions
Ada,Lovelace,ada@example.org,,she/her,6
Maya,Okafor,maya@example.org,,,
,,,,,
Bob,,bob@example.org,,,twelve
Ada,Lovelace,dup@example.org,,,
[bold]Eve[/],,,+44 1,,
"""


def test_clients_from_a_csv_are_planned_then_added_once(
    demo_store: PracticeStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(demo_store.data_dir)
    demo_store.close()
    file = tmp_path / "clients.csv"
    file.write_text(CSV, encoding="utf-8")
    assert cli.main(["--data-dir", data, "intake", "clients", str(file)]) == 0
    out = capsys.readouterr().out
    assert "2 clients to add, 3 lines skipped" in out
    assert "  + Ada Lovelace" in out and "  + [bold]Eve[/]" in out
    assert "line 3: Maya Okafor is already in the practice" in out
    assert "line 5: Programme length should be a whole number." in out
    assert "line 6: Ada Lovelace is already in the practice (or earlier in the file)" in out
    with PracticeStore(Path(data), read_only=True) as store:
        assert store.find_client("Ada Lovelace") is None  # shown, not applied

    assert cli.main(["--data-dir", data, "intake", "clients", str(file), "--apply"]) == 0
    assert "Added 2 clients." in capsys.readouterr().out
    with PracticeStore(Path(data), read_only=True) as store:
        ada = store.find_client("Ada Lovelace")
        assert ada is not None
        client = store.record(ada.id).client
        assert (client.contact, client.pronouns, client.programme_sessions) == ("ada@example.org", "she/her", 6)
        assert store.find_client("[bold]Eve[/]") is not None
    assert cli.main(["--data-dir", data, "intake", "clients", str(file), "--apply"]) == 0
    assert "0 clients to add" in capsys.readouterr().out  # a second run adds no one twice


def test_a_csv_without_names_is_refused_whole(
    store: PracticeStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    file = tmp_path / "clients.csv"
    file.write_text("email,phone\na@b.c,1\n", encoding="utf-8")
    assert cli.main(["--data-dir", str(store.data_dir), "intake", "clients", str(file)]) == cli.EXIT_FAILED
    assert "No column holds the clients' names" in capsys.readouterr().err
