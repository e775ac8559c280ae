"""The annotated types the models declare their fields with.

They need pydantic, so they live apart from the clean-up rules (text.py) and
the clock (timeutil.py), which the start-up path uses without pydantic.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, PlainSerializer

from .text import LONG_MAX, NAME_MAX, NOTE_MAX, PROMPT_MAX, SHORT_MAX, clean, clean_optional
from .timeutil import format_utc, to_utc


def _required(max_len: int, *, multiline: bool) -> AfterValidator:
    return AfterValidator(lambda v: clean(v, field="", max_len=max_len, multiline=multiline))


def _optional(max_len: int, *, multiline: bool) -> BeforeValidator:
    return BeforeValidator(lambda v: clean_optional(v, field="", max_len=max_len, multiline=multiline))


Name = Annotated[str, _required(NAME_MAX, multiline=False)]
Label = Annotated[str, _required(SHORT_MAX, multiline=False)]
NoteText = Annotated[str, _required(NOTE_MAX, multiline=True)]
OptionalShort = Annotated[str, _optional(SHORT_MAX, multiline=False)]
OptionalNote = Annotated[str, _optional(NOTE_MAX, multiline=True)]
OptionalLong = Annotated[str, _optional(LONG_MAX, multiline=True)]
OptionalPromptText = Annotated[str, _optional(PROMPT_MAX, multiline=False)]

UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(to_utc),
    PlainSerializer(format_utc, return_type=str, when_used="json"),
]
