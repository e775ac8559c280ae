"""python -m alliance_tui.bench --encryption: what encryption at rest costs, against the same practice plain.

The generated practice (large; --quick: small) is copied twice, and one copy
encrypted as `alliance-tui encrypt` does (scrypt at its full cost). In the
same run, alternating between the two: logging a note (returned, fsynced),
opening the session screen from cold, and starting the app to a painted
dashboard (the encrypted start reads its passphrase from a file, as
--passphrase-file does, so the key derivation is inside its time; that time is
measured on its own and stated). Targets (issue 21): a note at most 1.2x,
an opening at most 1.1x, a start at most 1.3x bare Textual plus the KDF time.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..store.crypto.convert import convert, start_encryption
from ..store.crypto.header import KdfParams, read_header
from ..store.crypto.vault import Vault
from . import generator, measure
from .generator import LARGE, SMALL
from .report import Row, largest_active_client, machine, table

PASSPHRASE = "benchmark passphrase, long enough"


def _encrypted_copy(cached: Path, target: Path) -> tuple[Vault, float]:
    """The practice encrypted at the full key-derivation cost; returns its vault and the conversion's seconds."""
    shutil.copytree(cached, target, symlinks=False)
    started = time.perf_counter()
    _, key = start_encryption(target, PASSPHRASE, KdfParams())
    convert(target, key, to_sealed=True)
    seconds = time.perf_counter() - started
    header = read_header(target)
    assert header is not None
    return Vault(target, key, header), seconds


def kdf_ms(vault: Vault, repeats: int) -> float:
    """Unwrapping the key from the passphrase, as every unlock does."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        vault.header.unwrap(PASSPHRASE)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(quick: bool, cache_dir: Path, work: Path, log: Callable[[str], object]) -> list[Row]:
    spec = SMALL if quick else LARGE
    rounds, notes, opens, starts = (1, 5, 2, 2) if quick else (4, 15, 5, 7)
    cached = generator.cached_practice(spec, cache_dir)
    plain = work / "plain"
    shutil.copytree(cached, plain, symlinks=False)
    vault, converted_s = _encrypted_copy(cached, work / "encrypted")
    secret = work / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    config_dir = work / "config"
    config_dir.mkdir()
    client_id, size = largest_active_client(plain)
    log(f"{spec.name} practice encrypted in {converted_s:.1f} s; measuring the key derivation")
    kdf = kdf_ms(vault, 3 if quick else 5)
    rows: list[Row] = []

    log("logging notes, plain and encrypted in turn")
    plain_notes: list[float] = []
    sealed_notes: list[float] = []
    for _ in range(rounds):
        plain_notes += measure.log_notes(plain, client_id, notes).note_ms
        sealed_notes += measure.log_notes(vault.data_dir, client_id, notes, vault=vault).note_ms
    p, e = statistics.median(plain_notes), statistics.median(sealed_notes)
    how = f"{p:.1f} ms plain, same practice; client file {size / 1e6:.2f} MB"
    rows.append(
        Row("Log a note, encrypted (returned, fsynced)", spec.name, e, "ms", how, e / p, "≤ 1.2x", e <= 1.2 * p)
    )

    log("opening the session screen, plain and encrypted in turn")
    plain_open: list[float] = []
    sealed_open: list[float] = []
    for _ in range(rounds):
        plain_open += measure.open_session(plain, client_id, opens, 1, 1.05, config_dir).times_ms
        sealed_open += measure.open_session(vault.data_dir, client_id, opens, 1, 1.05, config_dir, secret).times_ms
    p, e = statistics.median(plain_open), statistics.median(sealed_open)
    rows.append(
        Row(
            "Open session screen (cold), encrypted",
            spec.name,
            e,
            "ms",
            f"{p:.1f} ms plain",
            e / p,
            "≤ 1.1x",
            e <= 1.1 * p,
        )
    )

    log("starting the app: bare Textual, plain and encrypted in turn")
    bare: list[float] = []
    plain_start: list[float] = []
    sealed_start: list[float] = []
    for round_ in range(starts + 1):  # one unrecorded warm-up each
        runs = (
            measure.startup("bare", None, config_dir).seconds * 1000,
            measure.startup("alliance", plain, config_dir).seconds * 1000,
            measure.startup("alliance", vault.data_dir, config_dir, secret).seconds * 1000,
        )
        if round_:
            bare.append(runs[0])
            plain_start.append(runs[1])
            sealed_start.append(runs[2])
    b, p, e = (statistics.median(x) for x in (bare, plain_start, sealed_start))
    rows.append(Row("Key derivation (scrypt n=2^17, r=8, p=1)", spec.name, kdf, "ms", "stated", None, "", None))
    rows.append(
        Row(
            "Start-up to painted dashboard, encrypted, less the KDF",
            spec.name,
            e - kdf,
            "ms",
            f"{b:.1f} ms bare; {e:.1f} ms with the KDF; {p:.1f} ms plain",
            (e - kdf) / b,
            "≤ 1.3x",
            e - kdf <= 1.3 * b,
        )
    )
    rows.append(
        Row("Start-up, encrypted vs plain (KDF included)", spec.name, e, "ms", f"{p:.1f} ms plain", e / p, "", None)
    )
    return rows


def main(quick: bool, cache_dir: Path, output: Path | None, log: Callable[[str], object]) -> int:
    measure.compile_package()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="alliance-bench-crypt-") as work:
        rows = run(quick, cache_dir, Path(work), log)
    text = table(rows)
    print(text)
    print(f"\n{machine()}; {time.perf_counter() - started:.0f} s in all.")
    if output:
        output.write_text(text + "\n")
    return 0
