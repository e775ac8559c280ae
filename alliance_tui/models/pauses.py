"""Agreed silent think time, as it actually ran."""

from __future__ import annotations

from pydantic import Field

from .base import Record
from .fields import UtcDatetime


class PauseRecord(Record):
    target_seconds: int = Field(ge=1, le=3600)
    actual_seconds: float = Field(ge=0, le=24 * 3600)
    started: UtcDatetime
    session_number: int | None = Field(default=None, ge=1)
