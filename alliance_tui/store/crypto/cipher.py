"""One file's bytes sealed with AES-256-GCM under the practice's data key.

A sealed file is MAGIC + version + a random 96-bit nonce + ciphertext and tag.
The file's name inside the practice ("clients/<id>.json") is authenticated
with it, so a file swapped for another (one client's for another's, one
session's for another's) is refused like an altered one. No JSON file starts
with MAGIC, so a reader tells sealed from plain by the first bytes.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"ATUIENC"
VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32
_PREFIX = MAGIC + bytes([VERSION])


class SealBroken(Exception):
    """The bytes are not what this key sealed under this name: altered, swapped, or another key's."""


def is_sealed(raw: bytes) -> bool:
    return raw[: len(MAGIC)] == MAGIC


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


class FileCipher:
    """The data key in use; seal and open take the file's name inside the practice."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        # Imported here, not with the module: a plain practice's start-up never loads the cipher.
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead: AESGCM = AESGCM(key)

    def seal(self, name: str, data: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return _PREFIX + nonce + self._aead.encrypt(nonce, data, _PREFIX + name.encode())

    def open(self, name: str, raw: bytes) -> bytes:
        if raw[: len(_PREFIX)] != _PREFIX or len(raw) < len(_PREFIX) + NONCE_BYTES + 16:
            raise SealBroken("not sealed in a form this version reads")
        nonce = raw[len(_PREFIX) : len(_PREFIX) + NONCE_BYTES]
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(nonce, raw[len(_PREFIX) + NONCE_BYTES :], _PREFIX + name.encode())
        except InvalidTag:
            raise SealBroken("its seal does not match") from None
