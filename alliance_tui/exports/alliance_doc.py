"""The designed alliance as a page the coach can send the client."""

from __future__ import annotations

from datetime import tzinfo

from ..models.alliance import DEFAULT_CATEGORIES, AllianceItem, AllianceVersion
from ..models.coverage import missing_areas
from ..models.ladder import ladder_of
from ..models.programme import current_programme
from ..models.record import ClientRecord
from .markdown import long_date, md_block, md_inline
from .recap import NothingToExport

_WHO = {"client": "your request", "coach": "my request", "both": "agreed together"}


def _agreed_when(record: ClientRecord, item: AllianceItem) -> str:
    """In which session an agreement was made; one added between sessions is not "from the start"."""
    if item.agreed_in_session:
        return f"session {item.agreed_in_session}"
    first = next((v for v in record.versions if any(i.id == item.id for i in v.items)), None)
    after = record.session_of(first) if first is not None else 0
    return f"after session {after}" if after else "from the start"


def _version_when(record: ClientRecord, version: AllianceVersion) -> str:
    if version.session_number:
        return f" (session {version.session_number})"
    after = record.session_of(version)
    return f" (after session {after})" if after else ""


def _item_lines(record: ClientRecord, item: AllianceItem, with_reasons: bool) -> list[str]:
    details = [_WHO[item.requested_by.value], _agreed_when(record, item)]
    lines = [f"- {md_block(item.wording, indent=2)}", f"  *{', '.join(details)}*"]
    if with_reasons and item.reason:
        lines[-1] += f" · why: {md_block(item.reason, indent=2)}"
    return lines


def _ladder_lines(record: ClientRecord) -> list[str]:
    """What success looks like, in the client's words: the current programme's ladder."""
    ladder = ladder_of(record.ladders, current_programme(record.programmes, record.client).number)
    if ladder is None or ladder.is_empty:
        return []
    out = ["## What success looks like", ""]
    for rung in ("good", "great", "amazing"):
        words = str(getattr(ladder, rung))
        if words:
            out.append(f"- **{rung.capitalize()}**: {md_block(words, indent=2)}")
    return [*out, ""]


def _missing_lines(version: AllianceVersion, categories: tuple[str, ...]) -> list[str]:
    """The areas and categories no agreement covers yet, as things still to talk about (the client reads this)."""
    missing = missing_areas(version)
    held = {i.category for i in version.items} | {a.category for a in missing}
    empty = [c for c in categories if c not in held]
    if not missing and not empty:
        return []
    out = ["## Not yet designed", "", "Worth agreeing between us when it fits:", ""]
    out += [f"- {area.name.capitalize()}: {area.question}" for area in missing]
    out += [f"- {md_inline(category)}" for category in empty]
    return [*out, ""]


def alliance_document(
    record: ClientRecord,
    *,
    version_number: int | None = None,
    categories: tuple[str, ...] = DEFAULT_CATEGORIES,
    with_reasons: bool = False,
    tz: tzinfo | None = None,
) -> str:
    """The current agreement (or an earlier version) grouped by category, with its version and date.

    Reasons are left out unless asked for: coaches often word them for themselves
    ("he asked after dodging twice"), not for the client.
    """
    if not record.versions:
        raise NothingToExport(f"{record.client.name} has no alliance recorded yet.")
    if version_number is None:
        version = record.versions[-1]
    else:
        found = [v for v in record.versions if v.number == version_number]
        if not found:
            raise NothingToExport(
                f"{record.client.name}'s alliance has versions 1 to {record.versions[-1].number}, not {version_number}."
            )
        version = found[0]
    name = md_inline(record.client.name)
    out = [
        f"# How we work together: {name}",
        "",
        f"Version {version.number}, agreed {long_date(version.created, tz)}" + _version_when(record, version),
        "",
    ]
    if version.number != record.versions[-1].number:
        out += [f"This is an earlier version; the current one is version {record.versions[-1].number}.", ""]
    groups = version.by_category(categories)
    if not groups:
        out += ["Nothing is agreed in this version.", ""]
    for category, items in groups:
        out += [f"## {md_inline(category)}", ""]
        for item in items:
            out += _item_lines(record, item, with_reasons)
        out.append("")
    out += _ladder_lines(record)
    if version.number == record.versions[-1].number:
        out += _missing_lines(version, categories)
    out += ["This agreement is ours to change: if something is not working for you, say so.", ""]
    return "\n".join(out).rstrip("\n") + "\n"
