"""A whole-practice backup file, encrypted, carrying the header that opens it.

A backup is kept wherever the coach puts it, away from the practice's own
header, so it carries a copy: the magic line, the header as one JSON line,
then the backup's JSON sealed with the data key. Its passphrase is the one
the practice had when the backup was written.
"""

from __future__ import annotations

from collections.abc import Callable

from .cipher import FileCipher, SealBroken
from .header import Header

MAGIC = b"ATUIBAK1\n"
SEALED_NAME = "backup"  # the name a backup's body is sealed under, whatever the coach calls the file

Unlock = Callable[[Header, str], bytes]  # (header, the file's name for the coach) -> the data key


class EnvelopeRefused(Exception):
    """Why an encrypted backup cannot be read, in the coach's words."""


def is_envelope(raw: bytes) -> bool:
    return raw[: len(MAGIC)] == MAGIC


def seal_backup(key: bytes, header: Header, payload: bytes) -> bytes:
    line = header.to_json().replace(b"\n", b"").replace(b"  ", b"")
    return MAGIC + line + b"\n" + FileCipher(key).seal(SEALED_NAME, payload)


def envelope_header(raw: bytes, source: str) -> tuple[Header, bytes]:
    end = raw.find(b"\n", len(MAGIC))
    if end < 0:
        raise EnvelopeRefused(f"{source} is an encrypted backup that is damaged (it has no header).")
    return Header.from_json(raw[len(MAGIC) : end], source), raw[end + 1 :]


def open_backup(raw: bytes, source: str, unlock: Unlock | None) -> bytes:
    """The backup's JSON; unlock is asked for the key (it may ask the coach for the passphrase)."""
    header, body = envelope_header(raw, source)
    if unlock is None:
        raise EnvelopeRefused(f"{source} is an encrypted backup: its passphrase is needed to read it.")
    key = unlock(header, source)
    try:
        return FileCipher(key).open(SEALED_NAME, body)
    except SealBroken:
        raise EnvelopeRefused(
            f"{source} was refused as tampered: its seal does not match (it was altered or damaged)."
        ) from None
