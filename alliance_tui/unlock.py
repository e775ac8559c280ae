"""Getting an encrypted practice's key: from a file, the OS keyring, or the coach at the terminal.

The passphrase is never an argument nor an environment variable, and never
logged: it comes from --passphrase-file (its first line) or getpass (no echo).
Shared by the commands and by the app's start (before Textual draws).
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store.crypto.header import Header
    from .store.crypto.vault import Vault

Ask = Callable[[str], str]
MIN_LENGTH = 8
TRIES = 3
LOSS_WARNING = (
    "Losing the passphrase loses the data: nobody, the makers of Alliance TUI included, can open an encrypted "
    "practice without it or its recovery key."
)


class UnlockFailed(Exception):
    """Why no key was found, in the coach's words."""


def _typed(ask: Ask, prompt: str) -> str:
    try:
        return ask(prompt)
    except (EOFError, KeyboardInterrupt):
        raise UnlockFailed(
            "no passphrase was given (use --passphrase-file where no one types); nothing was changed"
        ) from None


def passphrase_from_file(path: Path) -> str:
    """The file's first line, without its line ending."""
    try:
        text = Path(path).expanduser().read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnlockFailed(f"the passphrase file {path} cannot be read ({exc})") from None
    line = text.splitlines()[0] if text else ""
    if not line:
        raise UnlockFailed(f"the passphrase file {path} is empty")
    return line


def new_passphrase(file: Path | None, ask: Ask = getpass.getpass) -> str:
    """A new passphrase: from the file, or typed twice and the same both times."""
    if file is not None:
        chosen = passphrase_from_file(file)
    else:
        chosen = _typed(ask, "New passphrase: ")
        if _typed(ask, "The same passphrase again: ") != chosen:
            raise UnlockFailed("the two passphrases typed differ; nothing was changed")
    if len(chosen) < MIN_LENGTH:
        raise UnlockFailed(f"a passphrase needs at least {MIN_LENGTH} characters; nothing was changed")
    return chosen


def key_for(
    header: Header,
    where: str,
    *,
    passphrase_file: Path | None = None,
    recovery_key_file: Path | None = None,
    ask: Ask = getpass.getpass,
) -> bytes:
    """The data key of this header: from the recovery key, the passphrase file, or up to three tries typed."""
    from .store.crypto.header import WrongPassphrase, read_recovery_key

    if recovery_key_file is not None:
        key = read_recovery_key(recovery_key_file)
        header.verify(key)
        return key
    if passphrase_file is not None:
        return header.unwrap(passphrase_from_file(passphrase_file))
    for attempt in range(TRIES):
        try:
            return header.unwrap(_typed(ask, f"Passphrase for {where}: "))
        except WrongPassphrase:
            if attempt == TRIES - 1:
                raise
            print("That is not its passphrase; try again.", file=sys.stderr, flush=True)
    raise AssertionError("unreachable")


def unlock_practice(
    data_dir: Path,
    *,
    passphrase_file: Path | None = None,
    recovery_key_file: Path | None = None,
    ask: Ask = getpass.getpass,
    use_keyring: bool = True,
) -> Vault | None:
    """The practice's vault, attached for this process; None when the practice is not encrypted."""
    from .store.crypto.header import read_header
    from .store.crypto.vault import Vault, attach

    header = read_header(data_dir)
    if header is None:
        return None
    key = None
    if use_keyring and passphrase_file is None and recovery_key_file is None:
        from .store.crypto.header import Locked
        from .store.crypto.keychain import recall

        key = recall(data_dir)
        if key is not None:
            try:
                header.verify(key)
            except Locked:
                key = None  # an old key (the practice was encrypted again): ask instead
    if key is None:
        key = key_for(
            header,
            f"the practice at {data_dir}",
            passphrase_file=passphrase_file,
            recovery_key_file=recovery_key_file,
            ask=ask,
        )
    vault = Vault(data_dir, key, header)
    attach(vault)
    return vault


def keyring_available() -> bool:
    """Whether the keyring package is installed (offered on the unlock screen only then)."""
    from importlib.util import find_spec

    return find_spec("keyring") is not None


def unlock_for_app(data_dir: Path, *, passphrase_file: Path | None, recovery_key_file: Path | None) -> Vault | None:
    """The app's start: a file given, else the key the keyring remembers, else the unlock screen (screens/lock.py).

    Returns None for a plain practice; raises UnlockFailed when the coach leaves the screen.
    """
    from .store.crypto.header import Locked, read_header
    from .store.crypto.keychain import recall, remember
    from .store.crypto.vault import Vault

    if passphrase_file is not None or recovery_key_file is not None:
        return unlock_practice(data_dir, passphrase_file=passphrase_file, recovery_key_file=recovery_key_file)
    header = read_header(data_dir)
    if header is None:
        return None
    key = recall(data_dir)
    if key is not None:
        try:
            header.verify(key)
            return Vault(data_dir, key, header)
        except Locked:
            pass  # the keyring holds an older key: the passphrase is asked
    from .screens.lock import UnlockApp

    result = UnlockApp(header, f"the practice at {data_dir}", offer_keyring=keyring_available()).run()
    if result is None:
        raise UnlockFailed("the practice was left locked; nothing was opened")
    key, wanted = result
    if wanted:
        remember(data_dir, key)  # quietly nothing where no keyring works
    return Vault(data_dir, key, header)
