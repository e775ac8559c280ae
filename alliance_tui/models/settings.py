"""Practice-wide preferences the coach can change."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .fields import Label, OptionalLong
from .prompts import RevisitPrompt
from .settings_doc import (
    DEFAULT_REVISIT_EVERY,
    DEFAULT_THEME,
    ID_MAX,
    MATCH_KEY_MAX,
    MATCHES_MAX,
    QUESTION_KEY,
    REVISIT_EVERY_MAX,
    REVISIT_EVERY_MIN,
    STARTING_POINTS_MAX,
    THEME_MAX,
)
from .style import StartingPoint

_FIELD = {
    "revisit_every_sessions": "how often a revisit is due",
    "theme": "the theme",
    "categories": "your categories",
    "prompts": "your revisit questions",
    "calendar_matches": "the calls you matched to clients",
    "intake_questions": "your intake questions",
    "style": "your style",
    "starting_points": "your starting points",
}
_ITEM = {
    "categories": "your category",
    "prompts": "your revisit question",
    "intake_questions": "your intake question",
    "starting_points": "your starting point",
}

MatchKey = Annotated[str, StringConstraints(min_length=1, max_length=MATCH_KEY_MAX)]
ClientRef = Annotated[str, StringConstraints(max_length=ID_MAX)]  # "" : not a client


class IntakeQuestionSetting(BaseModel):
    """One of the practice's own intake questions, as the coach wrote it; key ties an answer to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Annotated[str, StringConstraints(pattern=QUESTION_KEY)]
    category: Label
    text: Label


class PracticeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    revisit_every_sessions: int = Field(default=DEFAULT_REVISIT_EVERY, ge=REVISIT_EVERY_MIN, le=REVISIT_EVERY_MAX)
    theme: str = Field(default=DEFAULT_THEME, max_length=THEME_MAX)
    categories: list[Label] = Field(default_factory=list)  # the coach's own, beyond the defaults
    prompts: list[RevisitPrompt] = Field(default_factory=list)  # the coach's own revisit questions
    # A calendar event's UID or title (models/calendar.match_keys) -> the client the coach said it is with.
    calendar_matches: dict[MatchKey, ClientRef] = Field(default_factory=dict, max_length=MATCHES_MAX)
    intake_questions: list[IntakeQuestionSetting] = Field(default_factory=list)  # empty: the built-in questions
    style: OptionalLong = ""  # the coach's own style, offered at a client's first full design (models/style.py)
    starting_points: list[StartingPoint] = Field(default_factory=list, max_length=STARTING_POINTS_MAX)

    @classmethod
    def salvage(cls, doc: object) -> tuple[PracticeSettings, list[str]]:
        """As much of a stored settings document as validates, and what had to be left out.

        One bad value (a hand-edited interval, a key from elsewhere) must not
        cost the coach their own questions and categories: a bad field costs
        that field, a bad question or category that one item.
        """
        if not isinstance(doc, dict):
            return cls(), ["all of them (they are not a settings record)"]
        kept: dict[str, Any] = {}
        left_out = [f"the unknown setting {key!r}" for key in doc if key not in cls.model_fields]
        for name in cls.model_fields:
            if name not in doc:
                continue
            value = doc[name]
            if isinstance(value, list) and name in _ITEM:
                items = []
                for n, item in enumerate(value, start=1):
                    try:
                        items.extend(getattr(cls.model_validate({name: [item]}), name))
                    except ValidationError:
                        left_out.append(f"{_ITEM[name]} {n}")
                value = items
            try:
                kept[name] = getattr(cls.model_validate({name: value}), name)
            except ValidationError:
                left_out.append(_FIELD.get(name, name))
        try:
            return cls.model_validate(kept), left_out
        except ValidationError:  # the kept parts disagree with each other: nothing half-trusted
            return cls(), ["all of them"]
