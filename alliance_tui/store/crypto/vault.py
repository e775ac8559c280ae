"""The codec every practice file goes through: sealed when written, opened when read.

A Vault is a practice's data key, unlocked, with the data folder it belongs
to. The store and the commands attach it for as long as they use the
practice (attach/detach; nothing is attached at import), and the low-level
readers and writers (atomic.write_data_file, jsonfile.load_json, backups)
ask ``vault_for(path)`` which one covers a file. A file is sealed under its
name inside the practice (cipher.py), the same in the live folder and in an
automatic backup's folder, so hard-linked snapshots and a restore's staging
folder read as the practice itself does.

While a conversion runs (state "encrypting" or "decrypting") a reader takes
either form, so every file is readable at every moment; once the practice is
"encrypted", a plain data file is refused: it can only have been put there.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SealRefused
from .cipher import FileCipher, SealBroken, is_sealed

if TYPE_CHECKING:
    from .header import Header, State

CLIENTS_DIR = "clients"
PRACTICE_FILE = "practice.json"


def logical_name(path: Path) -> str:
    """A data file's name inside its practice: clients/<id>.json, clients/<id>/0042.json or practice.json.

    practice.json's copies (.damaged-<time>, .settings-<time>) keep the
    name they were sealed under, as they are the same bytes moved or kept.
    """
    parent = path.parent
    if parent.name == CLIENTS_DIR:
        return f"{CLIENTS_DIR}/{path.name}"
    if parent.parent.name == CLIENTS_DIR:
        return f"{CLIENTS_DIR}/{parent.name}/{path.name}"
    if path.name.startswith(PRACTICE_FILE):
        return PRACTICE_FILE
    return path.name


class Vault:
    """An unlocked practice: its folder, its header as read, and the data key in use."""

    def __init__(self, data_dir: Path, key: bytes, header: Header) -> None:
        self.data_dir = Path(data_dir)
        self.root = os.path.abspath(self.data_dir)
        self.key = key
        self.header = header
        self.cipher = FileCipher(key)

    @property
    def state(self) -> State:
        return self.header.state

    @property
    def seals(self) -> bool:
        """Whether what is written now is sealed: not while the practice is being turned back to plain."""
        return self.header.state != "decrypting"

    def seal(self, path: Path, data: bytes) -> bytes:
        return self.cipher.seal(logical_name(path), data)

    def open(self, path: Path, raw: bytes) -> bytes:
        try:
            return self.cipher.open(logical_name(path), raw)
        except SealBroken:
            raise SealRefused(
                path,
                "was refused as tampered: its seal does not match what this practice wrote there (it was altered, "
                "swapped for another file, or damaged on the disk). It was left untouched.",
            ) from None


_attached: dict[str, Vault] = {}
_guard = threading.Lock()


def attach(vault: Vault) -> None:
    with _guard:
        _attached[vault.root] = vault


def detach(vault: Vault) -> None:
    with _guard:
        if _attached.get(vault.root) is vault:
            del _attached[vault.root]


def vault_for(path: Path) -> Vault | None:
    """The attached vault whose folder holds path (the innermost, if folders nest), else None."""
    if not _attached:
        return None
    where = os.path.abspath(path)
    best: Vault | None = None
    for root, vault in list(_attached.items()):
        if where.startswith(root + os.sep) and (best is None or len(root) > len(best.root)):
            best = vault
    return best


def seal_for(path: Path, data: bytes) -> bytes:
    """The bytes to write at path: sealed when an encrypted practice covers it."""
    vault = vault_for(path)
    return vault.seal(path, data) if vault is not None and vault.seals else data


def open_from(path: Path, raw: bytes) -> bytes:
    """The plain bytes of a data file as read from path, whichever form it is in."""
    if is_sealed(raw):
        vault = vault_for(path)
        if vault is None:
            raise SealRefused(
                path,
                "is encrypted and the practice is locked: give its passphrase to open it. It was left untouched.",
            )
        return vault.open(path, raw)
    vault = vault_for(path)
    if vault is not None and vault.state == "encrypted" and raw.strip():
        raise SealRefused(
            path,
            "was refused as tampered: the practice is encrypted, yet this file is plain, so it was put there from "
            "outside. It was left untouched.",
        )
    return raw
