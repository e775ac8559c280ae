"""The designed alliance as a page the coach can send the client."""

from __future__ import annotations

from datetime import tzinfo

from ..models import DEFAULT_CATEGORIES, AllianceItem, ClientRecord
from .markdown import long_date, md_block, md_inline
from .recap import NothingToExport

_WHO = {"client": "your request", "coach": "my request", "both": "agreed together"}


def _item_lines(item: AllianceItem, with_reasons: bool) -> list[str]:
    details = [_WHO[item.requested_by.value]]
    details.append(f"session {item.agreed_in_session}" if item.agreed_in_session else "from the start")
    lines = [f"- {md_block(item.wording, indent=2)}", f"  *{', '.join(details)}*"]
    if with_reasons and item.reason:
        lines[-1] += f" · why: {md_block(item.reason, indent=2)}"
    return lines


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
        f"Version {version.number}, agreed {long_date(version.created, tz)}"
        + (f" (session {version.session_number})" if version.session_number else ""),
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
            out += _item_lines(item, with_reasons)
        out.append("")
    out += ["This agreement is ours to change: if something is not working for you, say so.", ""]
    return "\n".join(out).rstrip("\n") + "\n"
