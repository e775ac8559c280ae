"""Markdown that a coach's words cannot break.

A note such as ``# not a heading``, ``- not a list`` or ``[link](x)`` must reach
the client exactly as typed, so every character Markdown gives meaning to is
backslash-escaped (CommonMark allows a backslash before any ASCII punctuation).
Ordinary punctuation inside sentences (full stops, hyphens, brackets of prose)
is escaped only where it could start a block, so the file still reads well as
plain text in an email.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

# Characters that act inline wherever they stand.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An "&" that would start an HTML entity (&amp; &#38;).
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What can start a block at the beginning of a line: headings, quotes, list
# markers, thematic breaks, setext underlines, fenced code, ordered lists.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[>+]|[-=]+(?=\s|$)|\d{1,9}(?=[.)]))")


def md_inline(text: str) -> str:
    """One line of user text, safe anywhere inline (headings, list items, table cells)."""
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = escaped.replace("\n", " ")
    return _escape_line_start(escaped.strip())


def _escape_line_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if not match:
        return line
    token = match.group(0)
    if token.isdigit():
        # "1. " or "1) " would start an ordered list: escape the delimiter.
        return f"{token}\\{line[len(token) :]}"
    return "".join(f"\\{ch}" for ch in token) + line[len(token) :]


def md_block(text: str, indent: int = 0) -> str:
    """Multi-line user text as lines of one Markdown paragraph (or several).

    Lines after the first are indented by ``indent`` so they stay inside the
    list item that holds them; leading spaces the coach typed are dropped so
    they never turn into a code block. Blank lines separate paragraphs.
    """
    pad = " " * indent
    out: list[str] = []
    for number, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        safe = md_inline(line)
        out.append(safe if number == 0 else pad + safe)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def long_date(moment: datetime, tz: tzinfo | None = None) -> str:
    """A date as a client reads it in a letter: 20 November 2026."""
    local = moment.astimezone(tz)
    return f"{local.day} {local:%B %Y}"
