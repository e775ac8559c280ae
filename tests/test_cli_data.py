"""The data commands: export, backup, restore, backups. One clear line on error, never a traceback."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import orjson
import pytest

from alliance_tui.cli import main
from alliance_tui.store import PracticeStore

from .conftest import FROZEN_NOW


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def practice(demo_store: PracticeStore) -> str:
    return str(demo_store.data_dir)


def test_export_recap_prints_markdown_of_the_latest_session(capsys: pytest.CaptureFixture[str], practice: str) -> None:
    code, out, err = run(capsys, "--data-dir", practice, "export", "recap", "daniel")
    assert code == 0 and err == ""
    assert out.startswith("# Session 3 recap: Daniel Reyes\n")


def test_export_recap_to_a_private_file(capsys: pytest.CaptureFixture[str], practice: str, tmp_path: Path) -> None:
    target = tmp_path / "recap.md"
    code, out, err = run(
        capsys, "export", "recap", "Daniel Reyes", "--session", "2", "-o", str(target), "--data-dir", practice
    )
    assert code == 0 and out == ""
    assert f"to {target}" in err
    assert target.read_text().startswith("# Session 2 recap: Daniel Reyes")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_alliance_and_hours(capsys: pytest.CaptureFixture[str], practice: str) -> None:
    code, out, _ = run(capsys, "--data-dir", practice, "export", "alliance", "Maya")
    assert code == 0 and out.startswith("# How we work together: Maya Okafor")
    code, out, err = run(capsys, "--data-dir", practice, "export", "hours", "--since", "2026-01-01")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "Client name" and len(rows) == 6
    assert "5 clients, 24 sessions" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("export", "recap", "Nobody"), "no client called 'Nobody' (clients: Daniel Reyes, Maya Okafor"),
        (("export", "recap", "a"), "could be"),
        (("export", "recap", "Maya", "--session", "9"), "Maya Okafor has no session 9."),
        (("export", "alliance", "Maya", "--version", "7"), "not 7"),
        (("export", "hours", "--since", "2026-12-01", "--until", "2026-01-01"), "--since is after --until"),
        (("export", "recap", "Maya", "-o", "/nonexistent/dir/recap.md"), "does not exist"),
        (("backup", "/nonexistent/dir/backup.json"), "does not exist"),
        (("restore", "/nonexistent/backup.json"), "does not exist. Nothing was changed."),
    ],
)
def test_errors_are_one_line_and_a_non_zero_exit(
    capsys: pytest.CaptureFixture[str], practice: str, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "--data-dir", practice, *argv)
    assert code == 1 and out == ""
    assert message in err
    assert err.startswith("alliance-tui: ") and err.count("\n") == 1 and "Traceback" not in err


def test_a_missing_practice_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "none"), "export", "hours")
    assert code == 1 and "there is no practice at" in err
    assert not (tmp_path / "none").exists()


def test_an_unexpected_failure_is_still_one_line(
    capsys: pytest.CaptureFixture[str], practice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr("alliance_tui.exports.session_recap", explode)
    code, _, err = run(capsys, "--data-dir", practice, "export", "recap", "Maya")
    assert code == 1 and "boom" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "--help"),
        ("export", "recap", "--help"),
        ("export", "alliance", "--help"),
        ("export", "hours", "--help"),
        ("backup", "--help"),
        ("restore", "--help"),
        ("backups", "--help"),
        ("erase", "--help"),
    ],
)
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert exited.value.code == 0
    assert "usage: alliance-tui" in capsys.readouterr().out


def test_restore_help_documents_what_happens_to_existing_data(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["restore", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--replace" in text and "before-restore-<time>" in text and "refuses" in text


def test_backup_restore_round_trip_through_the_command_line(
    capsys: pytest.CaptureFixture[str], demo_store: PracticeStore, tmp_path: Path
) -> None:
    backup = tmp_path / "practice.json"
    code, _, err = run(capsys, "--data-dir", str(demo_store.data_dir), "backup", str(backup))
    assert code == 0 and "Backed up 5 clients" in err
    assert orjson.loads(backup.read_bytes())["schema"] == 1

    code, _, err = run(capsys, "--data-dir", str(demo_store.data_dir), "backup", str(backup))
    assert code == 1 and "already exists" in err

    # Refused while the app has the practice open, and into a practice that has data.
    code, _, err = run(capsys, "--data-dir", str(demo_store.data_dir), "restore", str(backup), "--replace")
    assert code == 1 and "Close it, then run restore again" in err
    demo_store.close()
    code, _, err = run(capsys, "--data-dir", str(demo_store.data_dir), "restore", str(backup))
    assert code == 1 and "--replace" in err

    fresh = tmp_path / "fresh"
    code, _, err = run(capsys, "--data-dir", str(fresh), "restore", str(backup))
    assert code == 0 and f"Restored 5 clients into {fresh}" in err
    code, out, _ = run(capsys, "--data-dir", str(fresh), "export", "recap", "Daniel")
    assert out.startswith("# Session 3 recap: Daniel Reyes")

    code, _, err = run(capsys, "--data-dir", str(fresh), "restore", str(backup), "--replace")
    assert code == 0 and "was moved to" in err and "before-restore-" in err


def test_backups_lists_the_automatic_backups(capsys: pytest.CaptureFixture[str], demo_store: PracticeStore) -> None:
    from alliance_tui.store.backup import take_automatic_backup

    code, _, err = run(capsys, "--data-dir", str(demo_store.data_dir), "backups")
    assert code == 0 and "No automatic backups yet" in err
    take_automatic_backup(demo_store.data_dir, now=FROZEN_NOW)
    code, out, _ = run(capsys, "backups", "--data-dir", str(demo_store.data_dir))
    assert code == 0 and "auto-2026-11-20" in out and "(5 clients)" in out


def test_erase_needs_the_name_twice_and_a_closed_app(
    capsys: pytest.CaptureFixture[str], demo_store: PracticeStore
) -> None:
    data_dir = str(demo_store.data_dir)
    code, _, err = run(capsys, "--data-dir", data_dir, "erase", "Maya Okafor", "--confirm", "Maya Okafor")
    assert code == 1 and "open in another Alliance TUI window" in err and "Nothing was erased" in err
    demo_store.close()
    code, _, err = run(capsys, "--data-dir", data_dir, "erase", "Maya Okafor", "--confirm", "Maya")
    assert code == 1 and "type the client's name exactly" in err
    code, _, err = run(capsys, "--data-dir", data_dir, "erase", "Maya", "--confirm", "Maya")
    assert code == 1 and "give the full name" in err
    code, out, _ = run(capsys, "--data-dir", data_dir, "erase", "Maya Okafor", "--confirm", "maya okafor")
    assert code == 0 and out.startswith("Erased Maya Okafor. Removed:")
    with PracticeStore(demo_store.data_dir, read_only=True) as practice:
        assert practice.find_client("Maya Okafor") is None


def test_opening_the_app_takes_todays_automatic_backup_once(
    demo_store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_tui.app import AllianceApp
    from alliance_tui.store.backup import automatic_backups

    monkeypatch.setattr(AllianceApp, "run", lambda self, *a, **k: None)
    demo_store.close()
    assert main(["--data-dir", str(demo_store.data_dir)]) == 0
    assert main(["--data-dir", str(demo_store.data_dir)]) == 0
    snapshots = automatic_backups(demo_store.data_dir)
    assert len(snapshots) == 1
    assert len(list((snapshots[0] / "clients").glob("*.json"))) == 5
