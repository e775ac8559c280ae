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

from ..store import PracticeStore
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


def notes_in_turn(plain: Path, vault: Vault, client_id: str, repeats: int) -> tuple[list[float], list[float]]:
    """store.log_note (returned once fsynced) on each practice in turn, in one process: ms each, plain then sealed."""
    stores = (PracticeStore(plain).open(), PracticeStore(vault.data_dir, vault=vault).open())
    times: tuple[list[float], list[float]] = ([], [])
    try:
        sessions = [store.start_session(client_id).number for store in stores]
        for store, number in zip(stores, sessions, strict=True):
            store.log_note(client_id, measure.NOTE_TEXT, session_number=number)  # loads the client; not timed
        for _ in range(repeats):
            for store, number, kept in zip(stores, sessions, times, strict=True):
                started = time.perf_counter()
                store.log_note(client_id, measure.NOTE_TEXT, session_number=number)
                kept.append((time.perf_counter() - started) * 1000)
    finally:
        for store in stores:
            store.close()
    return times


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
    plain_notes, sealed_notes = notes_in_turn(plain, vault, client_id, rounds * notes)
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
    sealed_less_kdf: list[float] = []
    kdf_in_start: list[float] = []
    for round_ in range(starts + 1):  # one unrecorded warm-up each
        runs = (
            measure.startup("bare", None, config_dir),
            measure.startup("alliance", plain, config_dir),
            measure.startup("alliance", vault.data_dir, config_dir, secret),
        )
        if round_:
            bare.append(runs[0].seconds * 1000)
            plain_start.append(runs[1].seconds * 1000)
            sealed_start.append(runs[2].seconds * 1000)
            sealed_less_kdf.append((runs[2].seconds - runs[2].unlock_seconds) * 1000)
            kdf_in_start.append(runs[2].unlock_seconds * 1000)
    b, p, e, less = (statistics.median(x) for x in (bare, plain_start, sealed_start, sealed_less_kdf))
    in_start = statistics.median(kdf_in_start)
    how = f"median in the parent; {in_start:.0f} ms inside the encrypted starts"
    rows.append(Row("Key derivation (scrypt n=2^17, r=8, p=1)", spec.name, kdf, "ms", how, None, "", None))
    rows.append(
        Row(
            "Start-up to painted dashboard, encrypted, less its KDF",
            spec.name,
            less,
            "ms",
            f"{b:.1f} ms bare; {e:.1f} ms with the KDF; {p:.1f} ms plain",
            less / b,
            "≤ 1.3x",
            less <= 1.3 * b,
        )
    )
    rows.append(
        Row(
            "Start-up, encrypted less its KDF, vs plain", spec.name, less, "ms", f"{p:.1f} ms plain", less / p, "", None
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
