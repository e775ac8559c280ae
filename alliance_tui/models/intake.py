"""The intake form: questions a coach sends before the first session, and the answers read back.

Plain Markdown, so any editor or email client carries it. Each question keeps a
hidden marker (an HTML comment Markdown does not show) so the answers can be
read back whatever the client did to the spacing, and anything that no longer
reads as this form (a question gone, one added, the client's id changed) is
named rather than guessed at. Nothing here applies anything: the coach decides.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

FORM_MARK = "alliance-tui intake form v1"
PLACEHOLDER = "(write your answer here)"


@dataclass(frozen=True)
class IntakeQuestion:
    key: str
    category: str  # the alliance category an answer can become an agreement in
    text: str


INTAKE_QUESTIONS: tuple[IntakeQuestion, ...] = (
    IntakeQuestion("purpose", "Focus", "What do you want our coaching to be for? What would make it worth it?"),
    IntakeQuestion("challenge", "Style and tone", "How do you want to be challenged? How direct should I be?"),
    IntakeQuestion("accountability", "Accountability", "How do you want to be held to what you commit to?"),
    IntakeQuestion("think_time", "Think time", "When I ask a big question, how much silence do you like to think?"),
    IntakeQuestion("feedback", "Feedback", "When I give you feedback, how do you want to hear it?"),
    IntakeQuestion(
        "contact", "Between sessions", "What contact between sessions feels right to you, and through which channel?"
    ),
    IntakeQuestion("logistics", "Logistics", "When, how often and how long shall we meet, and by phone or video?"),
)


def practice_questions(own: object) -> tuple[IntakeQuestion, ...]:
    """The practice's intake questions: the coach's own (settings), else the built-in ones."""
    chosen = tuple(IntakeQuestion(q.key, q.category, q.text) for q in own) if isinstance(own, (list, tuple)) else ()
    return chosen or INTAKE_QUESTIONS


def already_imported(answers: IntakeAnswers, discovery_notes: str) -> bool:
    """A second import of the same answers: the first left its reference in the discovery notes."""
    return f"ref {answers.reference})" in discovery_notes


class IntakeProblem(ValueError):
    """A file that cannot be read back as this form; the message says what and where."""


@dataclass(frozen=True)
class IntakeAnswer:
    question: IntakeQuestion
    text: str


@dataclass(frozen=True)
class IntakeAnswers:
    client_id: str
    answers: tuple[IntakeAnswer, ...]  # only the questions answered
    unanswered: tuple[IntakeQuestion, ...]

    @property
    def reference(self) -> str:
        """Short and stable for the same answers: a second import of the same form is recognised."""
        joined = "\n".join(f"{a.question.key}={a.text}" for a in self.answers)
        return hashlib.sha256(f"{self.client_id}\n{joined}".encode()).hexdigest()[:12]

    def discovery_text(self, day: str) -> str:
        """The answers as the client's discovery notes receive them, marked as from the intake."""
        lines = [f"From the intake form ({day}, ref {self.reference}):"]
        for answer in self.answers:
            lines.append(f"- {answer.question.text}")
            lines += [f"  {line}" if line else "" for line in answer.text.splitlines()]
        return "\n".join(lines)


_HEADER = re.compile(rf"<!--\s*{re.escape(FORM_MARK)}\s+client:([A-Za-z0-9_-]{{1,64}})\s*-->")
_QUESTION = re.compile(r"^<!--\s*q:([a-z][a-z0-9_]*)\s*-->\s*$", re.MULTILINE)
_HEADING = re.compile(r"^##\s.*$", re.MULTILINE)


def parse_intake(text: str, questions: tuple[IntakeQuestion, ...] = INTAKE_QUESTIONS) -> IntakeAnswers:
    """The answers in a filled form, or IntakeProblem naming what does not read as the form."""
    header = _HEADER.search(text)
    if header is None:
        raise IntakeProblem(
            "This is not an Alliance TUI intake form (its first line, a hidden marker, is missing or changed)."
        )
    known = {q.key: q for q in questions}
    marks = list(_QUESTION.finditer(text))
    found = [m.group(1) for m in marks]
    unknown = [key for key in found if key not in known]
    if unknown:
        raise IntakeProblem(f"The form holds a question this practice does not ask ({unknown[0]}).")
    missing = [q.key for q in questions if q.key not in found]
    if missing or len(found) != len(set(found)):
        gone = ", ".join(f"'{known[k].text}'" for k in missing) or "a question marker appears twice"
        raise IntakeProblem(f"The form's questions were changed, so answers cannot be matched: {gone}.")
    answers: list[IntakeAnswer] = []
    unanswered: list[IntakeQuestion] = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        body = text[mark.end() : end]
        heading = _HEADING.search(body)  # the next question's heading ends this answer
        if heading is not None:
            body = body[: heading.start()]
        answer = _clean(body)
        question = known[mark.group(1)]
        if answer:
            answers.append(IntakeAnswer(question, answer))
        else:
            unanswered.append(question)
    return IntakeAnswers(header.group(1), tuple(answers), tuple(unanswered))


def _clean(body: str) -> str:
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line.strip() != PLACEHOLDER]
    text = "\n".join(lines).strip("\n")
    return "\n".join(line.strip() for line in text.split("\n")).strip()
