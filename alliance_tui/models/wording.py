"""Counts in the coach's words: one helper, so no message says "1 clients" or "2 client"."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str = "") -> str:
    """'1 client', '2 clients', '1,200 notes'; ``nouns`` for a word that does not just add an s."""
    word = noun if count == 1 else (nouns or f"{noun}s")
    return f"{count:,} {word}"
