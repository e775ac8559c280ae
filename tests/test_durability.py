"""A coach never loses an acknowledged word: SIGKILL at random moments, about twenty times, plain and encrypted.

A child process writes through the real PracticeStore in a loop and prints each
record's id only after the call has returned (so after its fsync). The parent
kills it with SIGKILL at random moments, restarts it on the same directory, and
in the end every file must load and every acknowledged id must be there.
ALLIANCE_TUI_KILLS sets how many kills (500 and more for a storm run by hand);
the encrypted run makes a third as many by default.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from alliance_tui.store import PracticeStore
from alliance_tui.store.atomic import TMP_SUFFIX
from alliance_tui.store.crypto.cipher import is_sealed
from alliance_tui.store.crypto.convert import convert, start_encryption
from alliance_tui.store.crypto.header import KdfParams, read_header
from alliance_tui.store.crypto.vault import Vault, attach, detach
from alliance_tui.store.jsonfile import read_data_bytes
from alliance_tui.store.storage import load_json
from tests.test_put_away_later import kept_once

KILLS = int(os.environ.get("ALLIANCE_TUI_KILLS", "20"))

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from alliance_tui.models.commitments import CommitmentStatus
    from alliance_tui.store import PracticeStore

    vault = None
    if len(sys.argv) > 2:  # an encrypted practice: the data key, from a file the test wrote
        from pathlib import Path
        from alliance_tui.store.crypto.header import read_header
        from alliance_tui.store.crypto.vault import Vault

        vault = Vault(Path(sys.argv[1]), bytes.fromhex(Path(sys.argv[2]).read_text()), read_header(Path(sys.argv[1])))
    store = PracticeStore(sys.argv[1], vault=vault).open()
    assert not store.read_only, store.problems
    found = store.find_client("Durable Client")
    client_id = found.id if found else store.add_client("Durable Client").id
    print("client", client_id, flush=True)
    i = 0
    while True:
        i += 1
        if i % 13 == 0:
            # The practice file itself: settings are rewritten whole each time.
            prompt = store.add_prompt(f"Question {i}?")
            print("prompts", prompt.id, flush=True)
        elif i % 11 == 0:
            version = store.add_alliance_item(client_id, "Focus", f"agreement {i}")
            print("versions", version.id, flush=True)
        elif i % 7 == 0:
            # Sessions change the summary, so the practice index is written too.
            record = store.record(client_id)
            if record.open_session:
                session = store.end_session(client_id, record.open_session.id)
                print("sessions", session.id, flush=True)
                store.put_away_ended(client_id)  # as the app does once the end is on screen
            else:
                session = store.start_session(client_id)
                print("sessions", session.id, flush=True)
        elif i % 5 == 0:
            c = store.add_commitment(client_id, f"commitment {i} ✔ [b]x[/b]")
            print("commitments", c.id, flush=True)
            if i % 10 == 0:
                c = store.check_in(client_id, c.id, CommitmentStatus.DONE, note="done")
                print("checked", c.id, flush=True)
        elif i % 3 == 0:
            p = store.record_pause(client_id, target_seconds=30, actual_seconds=i % 30, started=datetime.now(UTC))
            print("pauses", p.id, flush=True)
        else:
            n = store.log_note(client_id, f"note {i}: مرحبا 👩‍👩‍👧 " + "x" * (i % 50))
            print("notes", n.id, flush=True)
    """
)


def spawn(data_dir: Path, key_file: Path | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), *([str(key_file)] if key_file else [])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def wait_for_first_line(child: subprocess.Popen[bytes]) -> bytes:
    """The child's first acknowledged write: from then on a kill can land inside a write."""
    assert child.stdout is not None
    first = child.stdout.readline()
    if not first:
        assert child.stderr is not None
        raise AssertionError(f"child died before writing: {child.stderr.read().decode()}")
    return first


def acknowledged_writes(child: subprocess.Popen[bytes], count: int) -> bytes:
    """The child's next `count` acknowledgements (each a whole line, printed after its write is on disk)."""
    assert child.stdout is not None
    lines = b""
    for _ in range(count):
        line = child.stdout.readline()
        if not line:
            assert child.stderr is not None
            raise AssertionError(f"child stopped writing: {child.stderr.read().decode()}")
        lines += line
    return lines


def _encrypted(data_dir: Path, key_file: Path) -> Vault:
    """An empty practice, encrypted (at a small key-derivation cost): every write the children make is sealed."""
    data_dir.mkdir(mode=0o700)
    _, key = start_encryption(data_dir, "a long enough passphrase", KdfParams(n=2**10))
    convert(data_dir, key, to_sealed=True)
    key_file.write_text(key.hex())
    header = read_header(data_dir)
    assert header is not None and header.state == "encrypted"
    return Vault(data_dir, key, header)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(tmp_path: Path, encrypted: bool) -> None:
    data_dir = tmp_path / "practice"
    key_file = tmp_path / "key.hex" if encrypted else None
    vault = _encrypted(data_dir, key_file) if key_file else None
    kills = KILLS if not encrypted or "ALLIANCE_TUI_KILLS" in os.environ else KILLS // 3
    rng = random.Random(20261120)
    kinds = ("notes", "commitments", "pauses", "sessions", "checked", "versions", "prompts")
    acknowledged: dict[str, set[str]] = {k: set() for k in kinds}
    client_ids: set[str] = set()
    mid_write = 0  # kills that left a temporary file: they landed inside a write
    made = 0
    # As many kills as asked, and more (up to four times as many) until one has landed inside a write:
    # a write is one file's replacement, a small share of the child's time, and the kill's moment is random.
    while made < kills or (not mid_write and made < 4 * kills):
        made += 1
        child = spawn(data_dir, key_file)
        output = wait_for_first_line(child)
        # At least one write acknowledged before each kill, however busy the machine: a wait on the
        # child's own words, not on the clock. Then the kill's random moment, not a wait for anything.
        output += acknowledged_writes(child, rng.randint(1, 3))
        time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL
        mid_write += bool(list(data_dir.rglob(f".*{TMP_SUFFIX}")))
        # Only whole lines count: a half-printed id was never acknowledged.
        for line in (output + rest).decode().splitlines(keepends=True):
            if not line.endswith("\n"):
                continue
            kind, record_id = line.split()
            if kind == "client":
                client_ids.add(record_id)
            else:
                acknowledged[kind].add(record_id)

    assert len(client_ids) == 1, "every restart found the same client"
    total = sum(len(v) for v in acknowledged.values())
    assert total >= kills, "the children wrote something between kills"
    form = "encrypted" if encrypted else "plain"
    print(f"{total} acknowledged writes across {kills} kills ({form}), {mid_write} of them inside a write")
    assert mid_write >= 1, "no kill landed inside a write, so the test proved nothing"

    if vault is not None:
        attach(vault)  # the checks below read through the practice's key, as the app would
    try:
        _check_all(data_dir, client_ids, acknowledged, vault)
    finally:
        if vault is not None:
            detach(vault)


def _check_all(data_dir: Path, client_ids: set[str], acknowledged: dict[str, set[str]], vault: Vault | None) -> None:
    # Every file is whole and readable on its own (and sealed, when the practice is encrypted).
    for path in data_dir.rglob("*.json"):
        if path.name == "encryption.json":
            continue
        assert vault is None or is_sealed(path.read_bytes()), f"{path} was written plain"
        in_sessions = path.parent.parent.name == "clients"  # clients/<id>/0001.json: an ended session's own file
        kind = "practice" if path.name == "practice.json" else "session" if in_sessions else "client"
        load_json(path, kind)

    (client_id,) = client_ids
    with PracticeStore(data_dir, vault=vault) as store:
        assert not store.read_only
        assert store.problems == []
        assert not list(data_dir.rglob(f".*{TMP_SUFFIX}"))
        record = store.record(client_id)
        for table in ("notes", "commitments", "pauses", "sessions", "versions"):
            stored = {m.id for m in getattr(record, table)}
            missing = acknowledged[table] - stored
            assert not missing, f"{len(missing)} acknowledged {table} lost"
        versions = {v.id: v for v in record.versions}
        assert acknowledged["versions"] <= set(versions)
        assert [v.number for v in record.versions] == list(range(1, len(record.versions) + 1))
        assert acknowledged["prompts"] <= {p.id for p in store.settings.prompts}
        settled = {c.id for c in record.commitments if c.status == "done"}
        assert acknowledged["checked"] <= settled
        # The index agrees with the client's own file once reopened.
        summary = store.summary(client_id)
        assert summary.sessions_held == len(record.sessions)
        assert summary.open_commitments == len(record.open_commitments)
        # Whatever a kill left halfway put away is finished now, and no record is then kept twice.
        store.put_away_ended(client_id)
        assert store.problems == []
        kept_once(data_dir, client_id)
        files = [store.clients_dir / f"{client_id}.json", *(store.clients_dir / client_id).glob("*.json")]
        stored = {
            doc["id"]
            for path in files
            for doc in json.loads(read_data_bytes(path, path.read_bytes())).get("notes", {}).values()
        }
        assert stored == {n.id for n in record.notes}
