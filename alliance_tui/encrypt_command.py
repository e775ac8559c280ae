"""`alliance-tui encrypt`, `decrypt` and `passphrase`: encryption at rest, turned on, off, or re-keyed.

Each converts the practice file by file (store/crypto/convert.py), so a stop
at any moment leaves every file whole and readable and the same command,
run again, finishes the work. The passphrase comes from --passphrase-file or
is typed (twice when new), never from an argument or the environment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .models.wording import plural
from .terminal_progress import TerminalProgress
from .unlock import LOSS_WARNING, UnlockFailed, key_for, new_passphrase

if TYPE_CHECKING:
    from .store.crypto.header import Header


def _secret_options(parser: argparse.ArgumentParser, *, new: bool = False) -> None:
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the practice lives")
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help="read the passphrase from the first line of FILE instead of asking for it",
    )
    parser.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help="open the practice with its recovery key instead of the passphrase",
    )
    parser.add_argument(
        "--write-recovery-key",
        metavar="FILE",
        type=Path,
        help="write the practice's recovery key to FILE (a new file; keep it apart from this computer)",
    )
    if new:
        parser.add_argument(
            "--new-passphrase-file", metavar="FILE", type=Path, help="read the new passphrase from FILE"
        )
    parser.set_defaults(unlocks=False)


def add_encrypt_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt the practice on disk (asks for a passphrase twice)",
        description="Encrypt every file of the practice with one random key, locked by your passphrase "
        "(AES-256-GCM; scrypt). " + LOSS_WARNING + " Stopped part-way, run it again to finish.",
    )
    _secret_options(encrypt)
    encrypt.set_defaults(handler=cmd_encrypt)
    decrypt = commands.add_parser(
        "decrypt",
        help="turn an encrypted practice back into plain files",
        description="Decrypt every file of the practice. Stopped part-way, run it again to finish.",
    )
    _secret_options(decrypt)
    decrypt.set_defaults(handler=cmd_decrypt)
    change = commands.add_parser(
        "passphrase",
        help="change the passphrase of an encrypted practice (rewrites no client file)",
        description="Lock the practice's key with a new passphrase. Only the small header file changes; "
        "backups made before keep the passphrase they were made with.",
    )
    _secret_options(change, new=True)
    change.set_defaults(handler=cmd_passphrase)


def _data_dir(args: argparse.Namespace) -> Path:
    from .cli import CommandFailed
    from .store import resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if not (data_dir / "practice.json").exists() and not (data_dir / "clients").is_dir():
        raise CommandFailed(f"there is no practice at {data_dir} yet (use --data-dir or $ALLIANCE_TUI_DATA)")
    return data_dir


def _old_key(args: argparse.Namespace, data_dir: Path) -> bytes:
    from .cli import CommandFailed
    from .store.crypto.header import read_header

    header = read_header(data_dir)
    if header is None:
        raise CommandFailed(f"the practice at {data_dir} is not encrypted; nothing was changed")
    try:
        return key_for(
            header,
            f"the practice at {data_dir}",
            passphrase_file=getattr(args, "passphrase_file", None),
            recovery_key_file=getattr(args, "recovery_key_file", None),
        )
    except UnlockFailed as exc:
        raise CommandFailed(str(exc)) from None


def _offer_recovery_key(args: argparse.Namespace, key: bytes) -> None:
    """Written where the coach says: --write-recovery-key, or a file name typed at the terminal."""
    from .cli import CommandFailed, say
    from .store.atomic import atomic_write_bytes
    from .store.crypto.header import recovery_text

    target: Path | None = args.write_recovery_key
    if target is None and sys.stdin.isatty():
        typed = input("Write a recovery key to a file? Give its name (Enter to skip): ").strip()
        target = Path(typed) if typed else None
    if target is None:
        say("No recovery key was written: the passphrase alone opens the practice.")
        return
    target = target.expanduser()
    if target.exists() or not target.parent.is_dir():
        raise CommandFailed(f"{target} already exists or its folder does not: choose a new file for the recovery key")
    atomic_write_bytes(target, recovery_text(key).encode("utf-8"))  # 0600 from the start
    say(f"Recovery key written to {target}. Keep it apart from this computer: it opens the practice.")


def cmd_encrypt(args: argparse.Namespace) -> int:
    from .cli import CommandFailed, say
    from .store.crypto.convert import convert, start_encryption
    from .store.crypto.header import read_header

    data_dir = _data_dir(args)
    header = read_header(data_dir)
    if header is None:
        say(LOSS_WARNING)
        try:
            passphrase = new_passphrase(getattr(args, "passphrase_file", None))
        except UnlockFailed as exc:
            raise CommandFailed(str(exc)) from None
        header, key = start_encryption(data_dir, passphrase)
        _offer_recovery_key(args, key)
    else:
        key = _old_key(args, data_dir)
        if header.state != "encrypted":
            say("Finishing the conversion that was stopped part-way.")
        if args.write_recovery_key is not None or header.state == "encrypting":
            _offer_recovery_key(args, key)  # a stop may have come before the offer was made
    with TerminalProgress("Encrypting") as progress:
        count = convert(data_dir, key, to_sealed=True, progress=progress)
    say(f"The practice at {data_dir} is encrypted ({plural(count, 'file')} encrypted now).")
    say("Backups written before today, wherever you copied them, stay as they were written.")
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from .cli import say
    from .store.crypto.convert import convert
    from .store.crypto.keychain import forget

    data_dir = _data_dir(args)
    key = _old_key(args, data_dir)
    with TerminalProgress("Decrypting") as progress:
        count = convert(data_dir, key, to_sealed=False, progress=progress)
    forget(data_dir)
    say(f"The practice at {data_dir} is plain again ({plural(count, 'file')} decrypted now).")
    say("Encrypted backups written before still need their passphrase to be restored.")
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    from .cli import CommandFailed, say
    from .store.crypto.convert import change_passphrase

    data_dir = _data_dir(args)
    key = _old_key(args, data_dir)
    try:
        chosen = new_passphrase(args.new_passphrase_file)
    except UnlockFailed as exc:
        raise CommandFailed(str(exc)) from None
    change_passphrase(data_dir, key, chosen)
    if args.write_recovery_key is not None:
        _offer_recovery_key(args, key)
    say(f"The passphrase of the practice at {data_dir} was changed; no client file was rewritten.")
    say("Automatic backups made before keep the passphrase they were made with.")
    return 0


class BackupKeys:
    """An encrypted backup's key, asked for once when restore reads it, and kept for the practice it fills."""

    def __init__(self, passphrase_file: Path | None) -> None:
        self.passphrase_file = passphrase_file
        self.header: Header | None = None
        self.key: bytes | None = None

    def __call__(self, header: Header, source: str) -> bytes:
        key = key_for(header, f"the backup {source}", passphrase_file=self.passphrase_file)
        self.header, self.key = header, key
        return key

    def adopt(self, data_dir: Path) -> bool:
        """A plain practice restored from an encrypted backup is encrypted with the backup's key, from the start.

        The header goes first in state "encrypting" (readers take either form), so
        no restored file is ever written plain; convert() finishes with "encrypted".
        """
        from .store.crypto.header import read_header, write_header
        from .store.crypto.vault import Vault, attach, vault_for

        if self.header is None or self.key is None or vault_for(data_dir / "practice.json") is not None:
            return False
        if read_header(data_dir) is not None:
            return False  # encrypted, not unlocked: the practice's own key is asked for as ever
        from .store.atomic import ensure_private_dir

        ensure_private_dir(data_dir)
        header = self.header.in_state(self.key, "encrypting")
        write_header(data_dir, header)
        attach(Vault(data_dir, self.key, header))
        return True

    def finish(self, data_dir: Path, adopted: bool, *, restored: bool) -> None:
        from .store.crypto.convert import convert
        from .store.crypto.header import header_path
        from .store.crypto.vault import detach, vault_for

        if not adopted or self.key is None:
            return
        vault = vault_for(data_dir / "practice.json")
        if vault is not None:
            detach(vault)
        if restored:
            convert(data_dir, self.key, to_sealed=True)
        else:
            header_path(data_dir).unlink(missing_ok=True)
