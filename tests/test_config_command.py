"""`alliance-tui config path|sample|check`, and a log that never holds what a client said."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from alliance_tui import cli
from alliance_tui.config import binding_catalogue
from alliance_tui.store import PracticeStore

README = Path(__file__).resolve().parent.parent / "README.md"


def test_sample_lists_every_binding_id_with_its_description(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["config", "sample"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    for info in binding_catalogue().values():
        assert f'{info.id} = "{info.key}"' in out and info.description in out


def test_the_readmes_toml_example_passes_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the README shows a config example"
    for number, block in enumerate(blocks):
        example = tmp_path / f"example-{number}.toml"
        example.write_text(block, encoding="utf-8")
        assert cli.main(["config", "check", str(example)]) == cli.EXIT_OK, capsys.readouterr().out
        assert "no problems" in capsys.readouterr().err


def test_check_names_every_problem_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text(
        '[keys]\n"app.help" = "f1"\n"session.pauze" = "p"\n"app.quit" = "ctrl+"\n[colours]\nx = 1\n', encoding="utf-8"
    )
    assert cli.main(["config", "check", str(bad)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == 3, out.out
    assert any("line 3" in line and "unknown action id 'session.pauze'" in line for line in lines)
    assert any("line 4" in line and "names no key" in line for line in lines)
    assert any("line 5" in line and "unknown setting 'colours'" in line for line in lines)
    assert "3 problems in" in out.err


def test_check_of_a_broken_file_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text('[keys]\n"app.help" = \n', encoding="utf-8")
    assert cli.main(["config", "check", str(bad)]) == 1
    assert "line 2" in capsys.readouterr().out


def test_no_config_file_is_fine_and_said(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["config", "check"]) == cli.EXIT_OK
    assert "no such file" in capsys.readouterr().err


def test_path_says_where_config_data_and_log_live(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["config", "path", "--data-dir", str(tmp_path / "practice")]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"data:   {tmp_path / 'practice'}" in out
    assert f"log:    {Path(os.environ['ALLIANCE_TUI_LOG']) / 'alliance-tui.log'}" in out
    assert "config: " in out and "textual 8.2.8" in out


def test_the_log_records_what_happened_and_never_a_clients_name_or_words(
    store: PracticeStore, capsys: pytest.CaptureFixture[str]
) -> None:
    client = store.add_client("Secret Sorensen")
    store.start_session(client.id)
    store.log_note(client.id, "words only the coach may read")
    store.close()
    data = str(store.data_dir)
    assert cli.main(["--data-dir", data, "export", "recap", "Secret", "--session", "9"]) == cli.EXIT_FAILED
    assert cli.main(["--data-dir", data, "export", "recap", "Nobody Here"]) == cli.EXIT_FAILED
    assert cli.main(["--log-level", "debug", "--data-dir", data, "export", "alliance", "Secret"]) in (0, 1)
    capsys.readouterr()
    log = (Path(os.environ["ALLIANCE_TUI_LOG"]) / "alliance-tui.log").read_text(encoding="utf-8")
    assert "export" in log
    for secret in ("Secret", "Sorensen", "words only", "Nobody"):
        assert secret not in log
    assert oct((Path(os.environ["ALLIANCE_TUI_LOG"]) / "alliance-tui.log").stat().st_mode & 0o777) == "0o600"


def test_a_command_leaves_the_logging_as_it_found_it(capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    logger = logging.getLogger("alliance_tui")
    before = (logger.level, logger.propagate, list(logger.handlers))
    assert cli.main(["--log-level", "error", "config", "sample"]) == cli.EXIT_OK
    capsys.readouterr()
    assert (logger.level, logger.propagate, list(logger.handlers)) == before
