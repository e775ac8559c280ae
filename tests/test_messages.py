"""Messages a coach reads: they name the field, use the product's words, and count right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alliance_tui.cli import main
from alliance_tui.models.kinds import NoteKind
from alliance_tui.models.wording import plural
from alliance_tui.store import ClientUnavailable, InvalidInput, PracticeStore
from alliance_tui.store.backup import BackupRefused, read_backup
from alliance_tui.store.erase import erase_client

from .conftest import FROZEN_NOW

PACKAGE = Path(__file__).resolve().parents[1] / "alliance_tui"


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda s, c: s.add_prompt(""), "Own question cannot be empty."),
        (lambda s, c: s.add_prompt("x" * 10_000), "Own question is 10,000 characters long; the limit is 200."),
        (lambda s, c: s.add_category("x" * 10_000), "Category name is 10,000 characters long; the limit is 200."),
        (lambda s, c: s.add_category("   "), "Category name cannot be empty."),
        (lambda s, c: s.log_note(c, " ", kind=NoteKind.REVISIT), "Revisit answer cannot be empty."),
        (lambda s, c: s.log_note(c, "y" * 3_000), "Note is 3,000 characters long; the limit is 2,000."),
    ],
)
def test_a_refusal_names_the_field(store: PracticeStore, write: object, message: str) -> None:
    client = store.add_client("Ana")
    with pytest.raises(InvalidInput) as refused:
        write(store, client.id)  # type: ignore[operator]
    assert refused.value.message == message


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda raw: raw[:100], "it stops part-way through, after 100 bytes"),
        (lambda raw: raw[:30] + b"\xed\xa0\x80" + raw[30:], "it holds bytes that are not text, at byte 31"),
        (lambda raw: b"", "it is empty"),
        (lambda raw: b"{@" + raw[1:], "it is not laid out as Alliance TUI writes it, at line 1, column 2"),
        (lambda raw: raw.replace(b'"kind":"client"', b'"kind":"practice"'), "it is marked as the practice index"),
        (lambda raw: raw.replace(b'"schema":', b'"version":'), "it has no version mark"),
        (lambda raw: raw.replace(b'"notes":{"1"', b'"notes":{"first"'), "the layout of the notes is not one"),
    ],
)
def test_a_damaged_file_is_described_in_the_products_words(data_dir: Path, damage: object, words: str) -> None:
    with PracticeStore(data_dir, clock=lambda: FROZEN_NOW) as store:
        client = store.add_client("Ana")
        store.log_note(client.id, "a note")
    path = data_dir / "clients" / f"{client.id}.json"
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with PracticeStore(data_dir) as store, pytest.raises(ClientUnavailable) as refused:
        store.record(client.id)
    message = refused.value.message
    assert words in message
    for jargon in ("JSON", "UTF-8", "surrogate", "char ", "document", "table", "schema", "expected"):
        assert jargon not in message


def test_a_damaged_backup_is_described_in_the_products_words(tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_bytes(b'{"format": "alliance-tui-backup", "clients": [')
    with pytest.raises(BackupRefused) as refused:
        read_backup(backup)
    assert "stops part-way through" in refused.value.message and "JSON" not in refused.value.message


def test_erase_while_the_app_is_open_says_it_is_open_in_another_window(
    capsys: pytest.CaptureFixture[str], store: PracticeStore
) -> None:
    store.add_client("Ana")
    code = main(["--data-dir", str(store.data_dir), "erase", "Ana", "--confirm", "Ana"])
    _, err = capsys.readouterr()
    assert code != 0
    assert "open in another Alliance TUI window" in err and "Nothing was erased" in err
    assert "read-only" not in err
    assert store.find_client("Ana") is not None


def test_counts_use_one_plural_helper(capsys: pytest.CaptureFixture[str], store: PracticeStore, tmp_path: Path) -> None:
    assert [plural(n, "client") for n in (0, 1, 2, 1200)] == ["0 clients", "1 client", "2 clients", "1,200 clients"]
    client = store.add_client("Ana")
    store.add_alliance_item(client.id, "Focus", "One agreement")
    store.close()
    target = tmp_path / "backup.json"
    assert main(["--data-dir", str(store.data_dir), "backup", str(target)]) == 0
    assert f"Backed up 1 client to {target}" in capsys.readouterr().err
    with PracticeStore(store.data_dir) as again:
        report = erase_client(again, client.id, "Ana")
    assert "1 alliance version)" in report.text and "versions" not in report.text


def test_no_message_builds_a_plural_by_hand() -> None:
    """Every count goes through models/wording.plural: a hand-made 's' is how '1 clients' got in."""
    by_hand = re.compile(r"""['"]s['"] if |if \w+ (?:!=|==) 1 else ['"]s['"]""")
    found = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert found == []
