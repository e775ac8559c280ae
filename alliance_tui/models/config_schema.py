"""The config file's entries as pydantic types: the shape is declared, not checked by hand.

Imported only when a config file exists, so a start without one does not pay
for pydantic. Each entry is validated on its own (one typo never costs the rest
of the file), and pydantic's complaint becomes the sentence a coach reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from .config import (
    _BINDING_ID,
    MAX_KEYS_PER_BINDING,
    PREFERENCES_TABLE,
    ConfigProblem,
    find_entry_line,
    key_syntax_problem,
)


def _as_key_list(value: object) -> object:
    """'a,b' and ['a', 'b'] are the same entry; anything else is left for pydantic to refuse."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",")]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value]
    if isinstance(value, list | tuple):
        raise ValueError('give the key as text, like "ctrl+p", or a list of texts, like ["p", "f5"]')
    return value


def _every_key_sound(keys: list[str]) -> list[str]:
    if not keys or keys == [""]:
        raise ValueError("no key given")
    if len(keys) > MAX_KEYS_PER_BINDING:
        raise ValueError(f"at most {MAX_KEYS_PER_BINDING} keys per action")
    for key in keys:
        problem = key_syntax_problem(key)
        if problem:
            raise ValueError(problem)
    return keys


KeyList = Annotated[list[str], BeforeValidator(_as_key_list), AfterValidator(_every_key_sound)]
BindingId = Annotated[str, StringConstraints(pattern=_BINDING_ID.pattern)]
_KEY_LIST = TypeAdapter(KeyList)
_BINDING_ID_TYPE = TypeAdapter(BindingId)


class Preferences(BaseModel):
    """The coach's own preferences, kept with the coach rather than in any one practice."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    theme: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    think_time_seconds: Annotated[int, Field(ge=5, le=600)] | None = None  # for new clients
    calendar: Annotated[str, StringConstraints(min_length=1, max_length=4096)] | None = None  # .ics file or folder
    lock_after_minutes: Annotated[int, Field(ge=0, le=480)] | None = (
        None  # idle lock of an encrypted practice; 0: never
    )


def _complaint(error: PydanticValidationError, subject: str) -> str:
    """pydantic's first complaint as the sentence a coach reads (without its 'Value error,' prefix)."""
    first = error.errors(include_url=False)[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] in ("string_type", "list_type"):
        return 'give the key as text, like "ctrl+p", or a list of texts, like ["p", "f5"]'
    if first["type"] == "extra_forbidden":
        known = ", ".join(Preferences.model_fields)
        return f"unknown preference {subject!r} is ignored (known: {known})"
    return message[:1].lower() + message[1:] if subject == "" else f"{subject}: {message[:1].lower()}{message[1:]}"


def valid_binding_id(name: str) -> bool:
    try:
        _BINDING_ID_TYPE.validate_python(name)
    except PydanticValidationError:
        return False
    return True


def split_keys(value: object) -> tuple[list[str], str | None]:
    """The keys of one entry ('a,b' or ['a', 'b']) and why they are unusable, if they are."""
    try:
        return _KEY_LIST.validate_python(value), None
    except PydanticValidationError as exc:
        return [], _complaint(exc, "")


def read_preferences(table: object, lines: Sequence[str], problems: list[ConfigProblem]) -> Preferences | None:
    """Each preference on its own: a wrong think time never costs the theme."""
    if table is None:
        return None
    if not isinstance(table, Mapping):
        problems.append(
            ConfigProblem(
                message="'preferences' must be a table: write [preferences] on its own line, then name = value"
            )
        )
        return None
    kept: dict[str, Any] = {}
    for name, value in table.items():
        try:
            Preferences.model_validate({name: value})
        except PydanticValidationError as exc:
            problems.append(
                ConfigProblem(
                    message=_complaint(exc, name),
                    line=find_entry_line(lines, PREFERENCES_TABLE, name),
                    entry=f"[{PREFERENCES_TABLE}] {name}",
                )
            )
            continue
        kept[name] = value
    return Preferences.model_validate(kept)
