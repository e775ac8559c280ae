"""Practice-wide preferences the coach can change."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .prompts import RevisitPrompt
from .text import Label


class PracticeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    revisit_every_sessions: int = Field(default=4, ge=1, le=52)
    theme: str = Field(default="textual-dark", max_length=64)
    categories: list[Label] = Field(default_factory=list)  # the coach's own, beyond the defaults
    prompts: list[RevisitPrompt] = Field(default_factory=list)  # the coach's own revisit questions
