"""The header file: the practice's data key, wrapped by a key derived from the passphrase.

encryption.json in the data folder holds the format version, the scrypt
parameters and salt, and the wrapped key; nothing in it is secret without the
passphrase. Changing the passphrase rewrites this file alone. Its state
("encrypting", "encrypted", "decrypting") says whether a conversion is under
way; a check sealed with the data key over the state means a state altered
on disk is refused at unlock rather than trusted.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..atomic import atomic_write_bytes
from ..errors import StoreError
from .cipher import KEY_BYTES, NONCE_BYTES, new_key

HEADER_FILE = "encryption.json"
FORMAT = "alliance-tui-encryption"
HEADER_VERSION = 1
_WRAP_AAD = b"alliance-tui data key v1"
_CHECK_TEXT = b"alliance-tui key check"
RECOVERY_TITLE = "Alliance TUI recovery key"

State = Literal["encrypting", "encrypted", "decrypting"]
STATES = ("encrypting", "encrypted", "decrypting")


class Locked(StoreError):
    """The practice is encrypted and was not unlocked, or the passphrase given is not its passphrase."""


class WrongPassphrase(Locked):
    pass


@dataclass(frozen=True)
class KdfParams:
    """scrypt's cost: n=2**17, r=8, p=1 takes 128 MiB and about 0.3 s here (README)."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def usable(self) -> bool:
        """Parameters scrypt takes, at a cost this machine can pay (a header altered to demand more is refused)."""
        power_of_two = self.n > 1 and self.n & (self.n - 1) == 0
        return power_of_two and 2**10 <= self.n <= 2**22 and 1 <= self.r <= 32 and 1 <= self.p <= 16

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        kdf = Scrypt(salt=salt, length=KEY_BYTES, n=self.n, r=self.r, p=self.p)
        return kdf.derive(passphrase.encode("utf-8"))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    return base64.b64decode(text, validate=True)


@dataclass(frozen=True)
class Header:
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    state: State
    check_nonce: bytes
    check: bytes

    # ------------------------------------------------------------ making and unwrapping

    @classmethod
    def new(cls, passphrase: str, kdf: KdfParams, state: State = "encrypting") -> tuple[Header, bytes]:
        """A fresh random data key and its header; returns both."""
        key = new_key()
        return cls.wrapping(key, passphrase, kdf, state), key

    @classmethod
    def wrapping(cls, key: bytes, passphrase: str, kdf: KdfParams, state: State) -> Header:
        salt, nonce = os.urandom(16), os.urandom(NONCE_BYTES)
        wrapped = AESGCM(kdf.derive(passphrase, salt)).encrypt(nonce, key, _WRAP_AAD)
        check_nonce = os.urandom(NONCE_BYTES)
        check = AESGCM(key).encrypt(check_nonce, _CHECK_TEXT, state.encode())
        return cls(kdf, salt, nonce, wrapped, state, check_nonce, check)

    def unwrap(self, passphrase: str) -> bytes:
        """The data key; WrongPassphrase if the passphrase is not this header's."""
        try:
            key = AESGCM(self.kdf.derive(passphrase, self.salt)).decrypt(self.nonce, self.wrapped_key, _WRAP_AAD)
        except InvalidTag:
            raise WrongPassphrase("That is not the passphrase of this practice. Nothing was changed.") from None
        self.verify(key)
        return key

    def verify(self, key: bytes) -> None:
        """The key is this practice's and the state on disk is the one sealed with it."""
        try:
            AESGCM(key).decrypt(self.check_nonce, self.check, self.state.encode())
        except (InvalidTag, ValueError):
            raise WrongPassphrase(
                "That key does not open this practice, or its encryption header was altered. Nothing was changed."
            ) from None

    def rewrapped(self, key: bytes, passphrase: str, kdf: KdfParams | None = None) -> Header:
        return Header.wrapping(key, passphrase, kdf or self.kdf, self.state)

    def in_state(self, key: bytes, state: State) -> Header:
        check_nonce = os.urandom(NONCE_BYTES)
        check = AESGCM(key).encrypt(check_nonce, _CHECK_TEXT, state.encode())
        return replace(self, state=state, check_nonce=check_nonce, check=check)

    # ------------------------------------------------------------ on disk

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": HEADER_VERSION,
            "state": self.state,
            "kdf": {"name": "scrypt", "n": self.kdf.n, "r": self.kdf.r, "p": self.kdf.p, "salt": _b64(self.salt)},
            "cipher": "AES-256-GCM",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
            "check_nonce": _b64(self.check_nonce),
            "check": _b64(self.check),
        }
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2)

    @classmethod
    def from_json(cls, raw: bytes, source: str) -> Header:
        try:
            doc = orjson.loads(raw)
            if doc.get("format") != FORMAT:
                raise ValueError("format")
            if doc.get("version") != HEADER_VERSION:
                raise Locked(
                    f"{source} was written by another version of Alliance TUI (encryption format "
                    f"{doc.get('version')!r}); upgrade to open this practice. Nothing was changed."
                )
            kdf = doc["kdf"]
            if kdf.get("name") != "scrypt" or doc.get("state") not in STATES:
                raise ValueError("kdf")
            params = KdfParams(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
            if not params.usable():
                raise ValueError("kdf parameters")
            return cls(
                params,
                _unb64(kdf["salt"]),
                _unb64(doc["nonce"]),
                _unb64(doc["wrapped_key"]),
                doc["state"],
                _unb64(doc["check_nonce"]),
                _unb64(doc["check"]),
            )
        except Locked:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, orjson.JSONDecodeError):
            raise Locked(
                f"{source} is damaged: the practice's encryption header cannot be read, so its files cannot be "
                "opened. Nothing was changed; a copy of the header from an automatic backup "
                "(backups/auto-<date>/encryption.json) or the recovery key opens them."
            ) from None


def header_path(data_dir: Path) -> Path:
    return Path(data_dir) / HEADER_FILE


def read_header(data_dir: Path) -> Header | None:
    """The practice's header, or None when the practice is not encrypted."""
    path = header_path(data_dir)
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None  # no header, or no folder to hold one: the practice is not encrypted
    except OSError as exc:
        raise Locked(f"{path} cannot be read ({exc.strerror or exc}). Nothing was changed.") from exc
    return Header.from_json(raw, str(path))


def write_header(data_dir: Path, header: Header) -> None:
    atomic_write_bytes(header_path(data_dir), header.to_json())


# ---------------------------------------------------------------- the recovery key


def recovery_text(key: bytes) -> str:
    """The data key as a file the coach keeps apart: whoever has it can open the practice."""
    code = base64.b32encode(key).decode("ascii").rstrip("=")
    groups = " ".join(code[i : i + 4] for i in range(0, len(code), 4))
    return (
        f"{RECOVERY_TITLE}\n"
        "Whoever holds this key can read the practice it belongs to: keep it apart from the computer,\n"
        "e.g. printed, or on a drive kept elsewhere. To use it: alliance-tui passphrase --recovery-key-file FILE\n"
        f"\n{groups}\n"
    )


def read_recovery_key(path: Path) -> bytes:
    try:
        text = Path(path).expanduser().read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Locked(f"The recovery key file {path} cannot be read ({exc}). Nothing was changed.") from exc
    for line in reversed(text.splitlines()):
        code = line.replace(" ", "").strip().upper()
        if len(code) == 52:
            try:
                key = base64.b32decode(code + "====")
            except ValueError:
                continue
            if len(key) == KEY_BYTES:
                return key
    raise Locked(f"{path} does not hold an Alliance TUI recovery key. Nothing was changed.")
