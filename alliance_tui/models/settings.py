"""Practice-wide preferences the coach can change."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .prompts import RevisitPrompt
from .settings_doc import DEFAULT_REVISIT_EVERY, DEFAULT_THEME, REVISIT_EVERY_MAX, REVISIT_EVERY_MIN, THEME_MAX
from .text import Label


class PracticeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    revisit_every_sessions: int = Field(default=DEFAULT_REVISIT_EVERY, ge=REVISIT_EVERY_MIN, le=REVISIT_EVERY_MAX)
    theme: str = Field(default=DEFAULT_THEME, max_length=THEME_MAX)
    categories: list[Label] = Field(default_factory=list)  # the coach's own, beyond the defaults
    prompts: list[RevisitPrompt] = Field(default_factory=list)  # the coach's own revisit questions
