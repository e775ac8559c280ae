"""Revisit questions: short and conversational, never a form to fill in."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .base import Record
from .fields import Label


class PromptSet(StrEnum):
    CHECK_IN = "check-in"  # any session: how is the coaching going?
    DESIGN = "design"  # the full design, around session 3 or 4
    RENEWAL = "renewal"  # the programme's last session, or a renewal
    OWN = "own"  # the coach's own questions


class RevisitPrompt(Record):
    text: Label
    prompt_set: PromptSet = PromptSet.OWN


class BuiltinPrompt(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    text: str
    prompt_set: PromptSet


def _p(key: str, text: str, prompt_set: PromptSet) -> BuiltinPrompt:
    return BuiltinPrompt(id=f"builtin-{key}", text=text, prompt_set=prompt_set)


BUILTIN_PROMPTS: tuple[BuiltinPrompt, ...] = (
    _p("well", "What's working well in our sessions at the moment?", PromptSet.CHECK_IN),
    _p("less-well", "What's working less well for you?", PromptSet.CHECK_IN),
    _p("change", "What would you like us to change?", PromptSet.CHECK_IN),
    _p("more-less", "What would you like more of from me, and less of?", PromptSet.CHECK_IN),
    _p("be-with", "When that comes up, how would you like me to be with you?", PromptSet.DESIGN),
    _p("challenge", "How much should I push back or challenge you?", PromptSet.DESIGN),
    _p("accountable", "How do you want me to hold you to what you commit to?", PromptSet.DESIGN),
    _p("good-great", "What would good look like for our work? And great? And amazing?", PromptSet.DESIGN),
    _p("feedback", "When I give you feedback, how do you want to hear it?", PromptSet.DESIGN),
    _p("between", "What contact between sessions feels right to you?", PromptSet.DESIGN),
    _p("looking-back", "Looking back over our sessions, what made the biggest difference?", PromptSet.RENEWAL),
    _p("next-chapter", "If we go on, what should we keep and what should we change?", PromptSet.RENEWAL),
    _p("own-it", "How will you keep this going on your own?", PromptSet.RENEWAL),
)


def prompts_for_moment(
    session_number: int, programme_sessions: int, own: list[RevisitPrompt]
) -> list[BuiltinPrompt | RevisitPrompt]:
    """The questions that fit this moment of the programme, most fitting first."""
    if session_number >= programme_sessions:
        lead = PromptSet.RENEWAL
    elif session_number in (3, 4):
        lead = PromptSet.DESIGN
    else:
        lead = PromptSet.CHECK_IN
    ordered: list[BuiltinPrompt | RevisitPrompt] = [p for p in BUILTIN_PROMPTS if p.prompt_set is lead]
    ordered += [p for p in BUILTIN_PROMPTS if p.prompt_set is PromptSet.CHECK_IN and lead is not PromptSet.CHECK_IN]
    ordered += own
    return ordered
