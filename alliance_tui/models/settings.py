"""Practice-wide preferences the coach can change."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .fields import Label
from .prompts import RevisitPrompt
from .settings_doc import DEFAULT_REVISIT_EVERY, DEFAULT_THEME, REVISIT_EVERY_MAX, REVISIT_EVERY_MIN, THEME_MAX

_FIELD = {
    "revisit_every_sessions": "how often a revisit is due",
    "theme": "the theme",
    "categories": "your categories",
    "prompts": "your revisit questions",
}
_ITEM = {"categories": "your category", "prompts": "your revisit question"}


class PracticeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    revisit_every_sessions: int = Field(default=DEFAULT_REVISIT_EVERY, ge=REVISIT_EVERY_MIN, le=REVISIT_EVERY_MAX)
    theme: str = Field(default=DEFAULT_THEME, max_length=THEME_MAX)
    categories: list[Label] = Field(default_factory=list)  # the coach's own, beyond the defaults
    prompts: list[RevisitPrompt] = Field(default_factory=list)  # the coach's own revisit questions

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
