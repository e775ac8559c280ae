"""The intake questionnaire a coach sends before the first session, as plain Markdown."""

from __future__ import annotations

from ..models.intake import FORM_MARK, INTAKE_QUESTIONS, PLACEHOLDER, IntakeQuestion
from .markdown import md_inline


def intake_form(client_name: str, client_id: str, questions: tuple[IntakeQuestion, ...] = INTAKE_QUESTIONS) -> str:
    """The questionnaire to send. The client writes under each question; the headings stay as they are."""
    out = [
        f"<!-- {FORM_MARK} client:{client_id} -->",
        f"# Before we start: {md_inline(client_name)}",
        "",
        "Please write your answers under each question, in your own words, as much or as little as you like.",
        "Keep the questions and the lines between them as they are, so your answers can be read back.",
        "",
    ]
    for number, question in enumerate(questions, start=1):
        out += [f"## {number}. {question.text}", f"<!-- q:{question.key} -->", "", PLACEHOLDER, ""]
    return "\n".join(out)
