"""Encryption at rest, at the store: no client's words on disk, tampering refused, one key re-wrapped.

The key derivation runs at a small cost here (KdfParams(n=2**10)); the
commands use the full one (README), and tests/test_encryption_cli.py runs them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_tui.store import ClientUnavailable, PracticeStore, PracticeUnavailable
from alliance_tui.store.atomic import atomic_write_bytes
from alliance_tui.store.backup import BackupRefused, read_backup, write_backup
from alliance_tui.store.crypto.cipher import FileCipher, SealBroken, is_sealed
from alliance_tui.store.crypto.convert import change_passphrase, convert, data_files, start_encryption
from alliance_tui.store.crypto.header import KdfParams, WrongPassphrase, read_header
from alliance_tui.store.crypto.vault import Vault, attach, detach

from .conftest import FROZEN_NOW

QUICK = KdfParams(n=2**10)
PASSPHRASE = "a long enough passphrase"


def words_of(data_dir: Path) -> set[str]:
    """Every note's and commitment's text the practice holds, read while it is plain."""
    found: set[str] = set()
    for path in data_files(data_dir):
        doc = orjson.loads(path.read_bytes())
        for table in ("notes", "commitments"):
            found |= {d["text"] for d in doc.get(table, {}).values() if len(d.get("text", "")) > 8}
        found |= {d["name"] for d in doc.get("client", {}).values()}
    return found


def every_byte(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file() and not p.is_symlink())


def encrypt(data_dir: Path) -> bytes:
    _, key = start_encryption(data_dir, PASSPHRASE, QUICK)
    convert(data_dir, key, to_sealed=True)
    return key


@pytest.fixture
def vault(practice: Path) -> Iterator[Vault]:
    key = encrypt(practice)
    header = read_header(practice)
    assert header is not None
    yield Vault(practice, key, header)


def test_after_encrypt_no_byte_under_the_data_folder_holds_a_note(practice: Path) -> None:
    words = words_of(practice)
    assert len(words) > 12
    assert any(w.encode() in every_byte(practice) for w in words), "the test would find them if they were there"
    encrypt(practice)
    on_disk = every_byte(practice)
    assert [w for w in words if w.encode() in on_disk] == []
    assert all(is_sealed(p.read_bytes()) for p in data_files(practice))
    assert (practice / "backups").is_dir() and list((practice / "backups").rglob("encryption.json"))


def test_an_unlocked_practice_reads_and_writes_sealed(practice: Path, vault: Vault) -> None:
    with PracticeStore(practice, clock=lambda: FROZEN_NOW, vault=vault) as store:
        client = store.summaries()[0].id
        store.log_note(client, "She named the fear of being seen plainly")
        assert any(n.text.startswith("She named the fear") for n in store.record(client).notes)
    assert b"fear of being seen" not in every_byte(practice)
    with PracticeStore(practice, vault=vault) as store:
        assert any(n.text.startswith("She named the fear") for n in store.record(client).notes)


def test_a_locked_practice_is_not_opened_and_nothing_moves(practice: Path, vault: Vault) -> None:
    before = {p: p.read_bytes() for p in data_files(practice)}
    with pytest.raises(PracticeUnavailable, match="encrypted and the practice is locked"):
        PracticeStore(practice).open()
    assert {p: p.read_bytes() for p in data_files(practice)} == before


@pytest.mark.parametrize("how", ["a byte altered", "swapped for another client's", "replaced by a plain file"])
def test_a_tampered_client_file_is_refused_named_and_left_untouched(practice: Path, vault: Vault, how: str) -> None:
    with PracticeStore(practice, vault=vault) as store:
        first, second = (s.id for s in store.summaries()[:2])
    target = practice / "clients" / f"{first}.json"
    if how == "a byte altered":
        raw = bytearray(target.read_bytes())
        raw[len(raw) // 2] ^= 1
        target.write_bytes(bytes(raw))
    elif how == "swapped for another client's":
        target.write_bytes((practice / "clients" / f"{second}.json").read_bytes())
    else:
        target.write_bytes(orjson.dumps({"_meta": {"1": {"schema": 3, "kind": "client"}}}))
    tampered = target.read_bytes()
    with PracticeStore(practice, vault=vault) as store:
        with pytest.raises(ClientUnavailable) as refused:
            store.record(first)
        assert "tampered" in refused.value.message and str(target) in refused.value.message
        assert store.record(second).client.id == second  # the rest of the practice works
    assert target.read_bytes() == tampered


def test_a_tampered_index_is_refused_not_moved_aside(practice: Path, vault: Vault) -> None:
    index = practice / "practice.json"
    index.write_bytes(index.read_bytes()[:-1] + b"\x00")
    with pytest.raises(PracticeUnavailable, match="tampered"):
        PracticeStore(practice, vault=vault).open()
    assert index.exists() and not list(practice.glob("practice.json.damaged-*"))


def test_a_wrong_passphrase_is_refused(vault: Vault) -> None:
    header = read_header(vault.data_dir)
    assert header is not None
    with pytest.raises(WrongPassphrase, match="not the passphrase"):
        header.unwrap("not the passphrase at all")
    assert header.unwrap(PASSPHRASE) == vault.key


def test_changing_the_passphrase_rewrites_no_client_file(vault: Vault) -> None:
    files = list(data_files(vault.data_dir))
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns, os.stat(p).st_ino) for p in files}
    change_passphrase(vault.data_dir, vault.key, "another long passphrase", QUICK)
    assert {p: (p.read_bytes(), os.stat(p).st_mtime_ns, os.stat(p).st_ino) for p in files} == before
    header = read_header(vault.data_dir)
    assert header is not None
    with pytest.raises(WrongPassphrase):
        header.unwrap(PASSPHRASE)
    assert header.unwrap("another long passphrase") == vault.key


def test_decrypt_gives_back_the_same_practice(practice: Path) -> None:
    plain = {p: orjson.loads(p.read_bytes()) for p in data_files(practice)}
    key = encrypt(practice)
    convert(practice, key, to_sealed=False)
    assert {p: orjson.loads(p.read_bytes()) for p in data_files(practice)} == plain
    assert read_header(practice) is None and not list(practice.rglob("encryption.json"))


def test_a_backup_of_an_encrypted_practice_needs_its_passphrase(practice: Path, vault: Vault, tmp_path: Path) -> None:
    target = tmp_path / "kept-elsewhere.backup"
    with PracticeStore(practice, vault=vault) as store:
        backup, _ = write_backup(store, target, now=FROZEN_NOW)
    assert not any(c.client.name.encode() in target.read_bytes() for c in backup.clients)
    with pytest.raises(BackupRefused, match="passphrase is needed"):
        read_backup(target)
    with pytest.raises(WrongPassphrase):
        read_backup(target, unlock=lambda header, _: header.unwrap("wrong wrong wrong"))
    read = read_backup(target, unlock=lambda header, _: header.unwrap(PASSPHRASE))
    assert [c.client.id for c in read.clients] == [c.client.id for c in backup.clients]


def test_an_automatic_backup_copied_away_opens_with_its_own_header(vault: Vault, tmp_path: Path) -> None:
    (snapshot,) = (vault.data_dir / "backups").iterdir()
    away = tmp_path / "usb" / snapshot.name
    away.parent.mkdir()
    os.rename(snapshot, away)
    with pytest.raises(BackupRefused, match="passphrase is needed"):
        read_backup(away)
    assert read_backup(away, unlock=lambda header, _: header.unwrap(PASSPHRASE)).clients


def test_during_a_conversion_both_forms_read(practice: Path) -> None:
    """Half the files sealed, half plain, as a stop part-way leaves them: the practice opens whole."""
    header, key = start_encryption(practice, PASSPHRASE, QUICK)
    files = list(data_files(practice))
    vault = Vault(practice, key, header)
    for path in files[::2]:  # replaced, as the conversion does: an automatic backup's hard link keeps its own
        atomic_write_bytes(path, vault.seal(path, path.read_bytes()))
    attach(vault)
    try:
        with PracticeStore(practice) as store:
            assert all(store.record(s.id).client.name for s in store.summaries())
    finally:
        detach(vault)


def test_the_keyring_remembers_the_key_only_when_asked(practice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    from alliance_tui.store.crypto import keychain

    held: dict[tuple[str, str], str] = {}
    monkeypatch.setattr(keyring, "get_password", lambda service, user: held.get((service, user)))
    monkeypatch.setattr(keyring, "set_password", lambda service, user, value: held.__setitem__((service, user), value))
    monkeypatch.setattr(keyring, "delete_password", lambda service, user: held.pop((service, user)))
    held[(keychain.SERVICE, f"data key {practice}")] = "bm90IGFza2VkIGZvcg=="
    assert keychain.recall(practice) is None  # never asked to remember: the keyring is not even read
    key = encrypt(practice)
    assert keychain.remember(practice, key) and keychain.recall(practice) == key
    keychain.forget(practice)
    assert keychain.recall(practice) is None and not keychain.remembered(practice)


def test_where_no_keyring_works_remembering_fails_quietly(practice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.errors import NoKeyringError

    from alliance_tui.store.crypto import keychain

    def no_keyring(*_: object) -> None:
        raise NoKeyringError("no backend")

    monkeypatch.setattr(keyring, "set_password", no_keyring)
    assert keychain.remember(practice, b"k" * 32) is False
    assert not keychain.remembered(practice)


def test_the_benchmark_logs_notes_on_both_practices_in_turn(built: Path, tmp_path: Path) -> None:
    """bench/encryption.py's note measure writes real notes, sealed on the encrypted copy only."""
    from alliance_tui.bench.encryption import notes_in_turn
    from alliance_tui.bench.measure import NOTE_TEXT

    plain = Path(shutil.copytree(built, tmp_path / "plain"))
    sealed = Path(shutil.copytree(built, tmp_path / "sealed"))
    key = encrypt(sealed)
    header = read_header(sealed)
    assert header is not None
    vault = Vault(sealed, key, header)
    with PracticeStore(plain) as store:
        client = store.summaries(include_archived=False)[0].id
    plain_ms, sealed_ms = notes_in_turn(plain, vault, client, 3)
    assert len(plain_ms) == len(sealed_ms) == 3
    for data_dir, key_held in ((plain, None), (sealed, vault)):
        with PracticeStore(data_dir, vault=key_held) as store:
            assert sum(n.text == NOTE_TEXT for n in store.record(client).notes) == 4
    assert NOTE_TEXT.encode() in (plain / "clients" / f"{client}.json").read_bytes()
    assert NOTE_TEXT.encode() not in every_byte(sealed)


@pytest.mark.parametrize("n", [3, 2**30])
def test_a_header_altered_to_unusable_key_derivation_is_refused(vault: Vault, n: int) -> None:
    from alliance_tui.store.crypto.header import Locked, header_path

    path = header_path(vault.data_dir)
    doc = orjson.loads(path.read_bytes())
    doc["kdf"]["n"] = n
    path.write_bytes(orjson.dumps(doc))
    with pytest.raises(Locked, match="encryption header cannot be read"):
        read_header(vault.data_dir)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2048), name=st.text(min_size=1, max_size=40), flip=st.integers(min_value=0))
def test_a_sealed_file_opens_only_as_sealed_under_its_own_name(data: bytes, name: str, flip: int) -> None:
    cipher = FileCipher(b"k" * 32)
    sealed = cipher.seal(name, data)
    assert is_sealed(sealed) and cipher.open(name, sealed) == data
    altered = bytearray(sealed)
    altered[flip % len(altered)] ^= 1 << (flip % 8)
    with pytest.raises(SealBroken):
        cipher.open(name, bytes(altered))
    with pytest.raises(SealBroken):
        cipher.open(name + "x", sealed)
