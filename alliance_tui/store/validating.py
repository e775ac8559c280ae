"""Pydantic's refusals as messages for the coach, and validated copies of records."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import InvalidInput

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")


@contextlib.contextmanager
def validating(**labels: str) -> Iterator[None]:
    """Turn a pydantic refusal into a message for the coach; ``labels`` names fields for this call."""
    from pydantic import ValidationError

    from ..models.errors import describe

    try:
        yield
    except ValidationError as exc:
        raise InvalidInput(describe(exc, labels)) from exc


def revise(model: M, **changes: Any) -> M:
    """A validated copy (model_copy would skip validation)."""
    with validating():
        return type(model).model_validate({**model.model_dump(), **changes})
