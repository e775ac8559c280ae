"""The encrypt, decrypt and passphrase commands, and a stop at any moment of a conversion.

The commands run at the full key-derivation cost (about 0.3 s each), so these
tests are few; the store-level behaviour is in tests/test_encryption.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from alliance_tui.cli import main
from alliance_tui.store.crypto.cipher import FileCipher, is_sealed
from alliance_tui.store.crypto.convert import data_files
from alliance_tui.store.crypto.header import read_header
from alliance_tui.store.crypto.vault import logical_name

KILLS = int(os.environ.get("ALLIANCE_TUI_CONVERSION_KILLS", "3"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text("correct horse battery staple\n")
    return path


def test_encrypt_then_every_command_asks_for_the_passphrase(
    capsys: pytest.CaptureFixture[str], practice: Path, secret: Path, tmp_path: Path
) -> None:
    code, said = run(
        capsys,
        "encrypt",
        "--data-dir",
        str(practice),
        "--passphrase-file",
        str(secret),
        "--write-recovery-key",
        str(tmp_path / "recovery.txt"),
    )
    assert code == 0, said
    assert "Losing the passphrase loses the data" in said and "correct horse" not in said
    assert (tmp_path / "recovery.txt").stat().st_mode & 0o077 == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it at all\n")
    before = {p: p.read_bytes() for p in data_files(practice)}
    code, said = run(capsys, "--data-dir", str(practice), "--passphrase-file", str(wrong), "export", "hours")
    assert code == 1 and "not the passphrase of this practice" in said
    code, said = run(capsys, "--data-dir", str(practice), "--passphrase-file", str(secret), "export", "hours")
    assert code == 0, said
    code, said = run(
        capsys, "--data-dir", str(practice), "--recovery-key-file", str(tmp_path / "recovery.txt"), "export", "hours"
    )
    assert code == 0, said
    assert {p: p.read_bytes() for p in data_files(practice)} == before
    logged = b"".join(p.read_bytes() for p in Path(os.environ["ALLIANCE_TUI_LOG"]).rglob("*") if p.is_file())
    assert logged and b"correct horse" not in logged and b"not it at all" not in logged


def test_passphrase_change_then_decrypt_and_an_encrypted_backup_restores_only_with_its_passphrase(
    capsys: pytest.CaptureFixture[str], practice: Path, secret: Path, tmp_path: Path
) -> None:
    assert run(capsys, "encrypt", "--data-dir", str(practice), "--passphrase-file", str(secret))[0] == 0
    backup = tmp_path / "practice.backup"
    code, said = run(capsys, "backup", str(backup), "--data-dir", str(practice), "--passphrase-file", str(secret))
    assert code == 0, said
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_files(practice)}
    new = tmp_path / "new.txt"
    new.write_text("a different passphrase\n")
    code, said = run(
        capsys,
        "passphrase",
        "--data-dir",
        str(practice),
        "--passphrase-file",
        str(secret),
        "--new-passphrase-file",
        str(new),
    )
    assert code == 0, said
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_files(practice)} == files
    assert run(capsys, "decrypt", "--data-dir", str(practice), "--passphrase-file", str(secret))[0] == 1
    code, said = run(capsys, "decrypt", "--data-dir", str(practice), "--passphrase-file", str(new))
    assert code == 0, said
    assert not any(is_sealed(p.read_bytes()) for p in data_files(practice))
    elsewhere = tmp_path / "restored"
    code, said = run(capsys, "restore", str(backup), "--data-dir", str(elsewhere), "--backup-passphrase-file", str(new))
    assert code == 1 and "not the passphrase" in said and not elsewhere.exists()
    code, said = run(
        capsys, "restore", str(backup), "--data-dir", str(elsewhere), "--backup-passphrase-file", str(secret)
    )
    assert code == 0, said
    assert all(is_sealed(p.read_bytes()) for p in data_files(elsewhere))  # encrypted as its backup was


def _state(practice: Path) -> str | None:
    try:
        return str(orjson.loads((practice / "encryption.json").read_bytes()).get("state"))
    except (OSError, orjson.JSONDecodeError):
        return None


def _each_file_whole(practice: Path, passphrase: str, keys: dict[bytes, bytes]) -> None:
    """Every data file is plain JSON or sealed and opens with the practice's key: never neither."""
    header = read_header(practice)
    cipher = None
    if header is not None:
        if header.wrapped_key not in keys:
            keys[header.wrapped_key] = header.unwrap(passphrase)
        cipher = FileCipher(keys[header.wrapped_key])
    for path in data_files(practice):
        raw = path.read_bytes()
        if is_sealed(raw):
            assert cipher is not None, f"{path} is sealed but the practice has no header"
            raw = cipher.open(logical_name(path), raw)
        orjson.loads(raw)


@pytest.mark.slow
def test_killed_at_any_moment_encrypt_and_decrypt_leave_every_file_whole(practice: Path, secret: Path) -> None:
    passphrase = secret.read_text().strip()
    plain = {p.relative_to(practice): orjson.loads(p.read_bytes()) for p in data_files(practice)}
    rng = random.Random(2112)
    keys: dict[bytes, bytes] = {}
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    stopped_part_way = 0
    for attempt in range(KILLS):
        command = "encrypt" if attempt % 2 == 0 else "decrypt"
        argv = [
            sys.executable,
            "-m",
            "alliance_tui",
            command,
            "--data-dir",
            str(practice),
            "--passphrase-file",
            str(secret),
        ]
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        running = "encrypting" if command == "encrypt" else "decrypting"
        while child.poll() is None and _state(practice) != running:
            time.sleep(0.002)  # a wait on the condition: the conversion has begun
        # Then a random moment (the first kill at once, as the first files are turned): the kill's, not a wait.
        time.sleep(rng.uniform(0.0, 0.3) if attempt else 0.0)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        stopped_part_way += child.returncode == -signal.SIGKILL and _state(practice) == running
        _each_file_whole(practice, passphrase, keys)
    print(f"{KILLS} kills, {stopped_part_way} in the middle of a conversion")
    for command in ("encrypt", "decrypt"):  # finish whatever was stopped, then turn it back
        finished = subprocess.run(
            [
                sys.executable,
                "-m",
                "alliance_tui",
                command,
                "--data-dir",
                str(practice),
                "--passphrase-file",
                str(secret),
            ],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert finished.returncode == 0, finished.stderr.decode()
    assert stopped_part_way >= 1, "no kill landed inside a conversion, so the test proved nothing"
    assert {p.relative_to(practice): orjson.loads(p.read_bytes()) for p in data_files(practice)} == plain


def test_the_app_start_unlocks_from_a_file_the_keyring_or_its_first_screen(
    capsys: pytest.CaptureFixture[str], practice: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_tui.screens.lock import UnlockApp
    from alliance_tui.store.crypto import keychain
    from alliance_tui.store.crypto.vault import detach
    from alliance_tui.unlock import UnlockFailed, unlock_for_app

    assert unlock_for_app(practice, passphrase_file=None, recovery_key_file=None) is None  # plain: nothing asked
    assert run(capsys, "encrypt", "--data-dir", str(practice), "--passphrase-file", str(secret))[0] == 0
    vault = unlock_for_app(practice, passphrase_file=secret, recovery_key_file=None)
    assert vault is not None
    detach(vault)
    monkeypatch.setattr(keychain, "recall", lambda data_dir: vault.key)
    monkeypatch.setattr(UnlockApp, "run", lambda self, **_: pytest.fail("the keyring's key was not used"))
    remembered = unlock_for_app(practice, passphrase_file=None, recovery_key_file=None)
    assert remembered is not None and remembered.key == vault.key
    monkeypatch.setattr(keychain, "recall", lambda data_dir: None)
    monkeypatch.setattr(UnlockApp, "run", lambda self, **_: None)  # the coach left the first screen
    with pytest.raises(UnlockFailed, match="left locked"):
        unlock_for_app(practice, passphrase_file=None, recovery_key_file=None)
    chosen: list[bytes] = []
    monkeypatch.setattr(keychain, "remember", lambda data_dir, key: chosen.append(key) or True)
    monkeypatch.setattr(UnlockApp, "run", lambda self, **_: (vault.key, True))  # unlocked, "remember" ticked
    assert unlock_for_app(practice, passphrase_file=None, recovery_key_file=None) is not None
    assert chosen == [vault.key]


def test_the_app_says_when_a_conversion_was_stopped_part_way(
    practice: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import alliance_tui.app
    from alliance_tui.store.crypto.convert import start_encryption

    start_encryption(practice, secret.read_text().strip())  # as a stop right after the header leaves it
    seen: list[str] = []

    class Opened:
        return_code = 0

        def __init__(self, store: object, **_: object) -> None:
            seen.extend(store.problems)  # type: ignore[attr-defined]

        def run(self) -> None:
            pass

    monkeypatch.setattr(alliance_tui.app, "AllianceApp", Opened)
    assert main(["--data-dir", str(practice), "--passphrase-file", str(secret)]) == 0
    assert any("encryption was stopped part-way" in line and "alliance-tui encrypt" in line for line in seen)
