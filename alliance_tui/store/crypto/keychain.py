"""The data key remembered in the OS keyring, only when the coach asked for it.

A marker file in the data folder (no secret in it) records that the coach
agreed, so a practice whose coach never agreed never touches the keyring (on
some systems asking it opens a prompt of its own). Everything fails quietly:
where there is no keyring, the passphrase is asked as ever.
"""

from __future__ import annotations

import base64
import contextlib
import os
from pathlib import Path

SERVICE = "alliance-tui"
MARKER = "encryption.keyring"


def _user(data_dir: Path) -> str:
    return f"data key {os.path.abspath(data_dir)}"


def remembered(data_dir: Path) -> bool:
    return (Path(data_dir) / MARKER).exists()


def recall(data_dir: Path) -> bytes | None:
    """The key the keyring holds for this practice, if the coach asked to remember it and it is there."""
    if not remembered(data_dir):
        return None
    try:
        import keyring

        stored = keyring.get_password(SERVICE, _user(data_dir))
        return base64.b64decode(stored) if stored else None
    except Exception:  # no backend, a locked keyring, a damaged entry: the passphrase is asked instead
        return None


def remember(data_dir: Path, key: bytes) -> bool:
    """True when the keyring took the key (and the marker is written); False where there is no keyring."""
    try:
        import keyring

        keyring.set_password(SERVICE, _user(data_dir), base64.b64encode(key).decode("ascii"))
    except Exception:
        return False
    from ..atomic import atomic_write_bytes

    try:
        atomic_write_bytes(Path(data_dir) / MARKER, b"The data key is remembered in the OS keyring.\n")
    except OSError:
        return False
    return True


def forget(data_dir: Path) -> None:
    with contextlib.suppress(Exception):
        import keyring

        keyring.delete_password(SERVICE, _user(data_dir))
    with contextlib.suppress(OSError):
        (Path(data_dir) / MARKER).unlink()
