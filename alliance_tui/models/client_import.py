"""Clients from another tool's CSV export: read, checked row by row, and planned before anything is added.

The columns most tools export are recognised by name (in any order, any case);
each row becomes a client to add or a line saying why it is skipped. The plan
is shown first; the coach applies it, and a name already in the practice is
never added twice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from .client import Client
from .errors import describe
from .timeutil import utcnow

# What a column may be called, by the field it fills.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "client", "client name", "display name"),
    "first": ("first name", "firstname", "given name"),
    "last": ("last name", "lastname", "surname", "family name"),
    "email": ("email", "e-mail", "email address", "mail"),
    "phone": ("phone", "mobile", "telephone", "phone number"),
    "pronouns": ("pronouns",),
    "programme_sessions": ("programme length", "program length", "sessions", "number of sessions", "programme"),
    "session_minutes": ("session length", "session minutes", "minutes", "duration"),
}
MAX_ROWS = 5000


class ClientImportProblem(ValueError):
    """The file as a whole cannot be read as clients; the message says why."""


@dataclass(frozen=True)
class PlannedClient:
    row: int  # 1-based line in the file, the header being line 1
    fields: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.fields["name"])


@dataclass
class ClientImportPlan:
    add: list[PlannedClient] = field(default_factory=list)
    skip: list[str] = field(default_factory=list)  # "line 4: why"


def plan_client_import(text: str, existing_names: set[str]) -> ClientImportPlan:
    """Every row, as a client to add or a reason to skip it; ``existing_names`` are casefolded."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ClientImportProblem("The file is empty: it needs a first line of column names, then a client a line.")
    if len(rows) > MAX_ROWS + 1:
        raise ClientImportProblem(f"The file has {len(rows) - 1:,} rows; at most {MAX_ROWS:,} are read at once.")
    where = _columns(rows[0])
    if "name" not in where and "first" not in where:
        raise ClientImportProblem(
            "No column holds the clients' names (call it 'name', or 'first name' and 'last name')."
        )
    plan = ClientImportPlan()
    seen = set(existing_names)
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        fields = _fields(row, where)
        name = fields.get("name", "")
        if not name:
            plan.skip.append(f"line {number}: no name")
            continue
        if name.casefold() in seen:
            plan.skip.append(f"line {number}: {name} is already in the practice (or earlier in the file)")
            continue
        try:
            Client(created=utcnow(), **fields)
        except ValidationError as exc:
            plan.skip.append(f"line {number}: {describe(exc)}")
            continue
        except ValueError as exc:
            plan.skip.append(f"line {number}: {exc}")
            continue
        seen.add(name.casefold())
        plan.add.append(PlannedClient(number, fields))
    return plan


def _columns(header: list[str]) -> dict[str, int]:
    known = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    where: dict[str, int] = {}
    for index, title in enumerate(header):
        name = known.get(" ".join(title.strip().casefold().replace("_", " ").split()))
        if name is not None and name not in where:
            where[name] = index
    return where


def _fields(row: list[str], where: dict[str, int]) -> dict[str, Any]:
    def cell(name: str) -> str:
        index = where.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    name = cell("name") or " ".join(part for part in (cell("first"), cell("last")) if part)
    fields: dict[str, Any] = {"name": name}
    contact = ", ".join(part for part in (cell("email"), cell("phone")) if part)
    if contact:
        fields["contact"] = contact
    if cell("pronouns"):
        fields["pronouns"] = cell("pronouns")
    for number in ("programme_sessions", "session_minutes"):
        raw = cell(number)
        if raw:
            fields[number] = int(raw) if raw.isdigit() else raw  # words are refused by the model, with its message
    return fields
