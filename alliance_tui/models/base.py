"""Shared pydantic configuration for every record."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field


def new_id() -> str:
    """Every record gets its own UUID: TinyDB reuses doc_ids after deletes."""
    return uuid.uuid4().hex


class Record(BaseModel):
    """Base of every stored record: strict about unknown fields, and frozen: a record handed out is never changed.

    Validators are built on first use (defer_build), not at import: the
    dashboard needs none of the records, so start-up skips building them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)
