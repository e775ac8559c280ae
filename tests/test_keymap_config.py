"""The config file: every entry judged on its own, problems named by file, line and entry."""

from __future__ import annotations

from pathlib import Path

from alliance_tui.models.config import build_user_config, key_syntax_problem, split_keys
from alliance_tui.store.config_file import read_user_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_defaults_and_no_complaint(tmp_path: Path) -> None:
    loaded = read_user_config(tmp_path / "nope" / "config.toml")
    assert loaded.config.keys == {}
    assert loaded.problems == ()


def test_good_entries_survive_next_to_bad_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        '# my keys\n[keys]\napp.help = "f2"\nsession.pause = "ctrl+"\n"dashboard.session" = ["s", "f5"]\nx = 3\n',
    )
    loaded = read_user_config(path)
    assert loaded.config.keys == {"app.help": "f2", "dashboard.session": "s,f5"}
    messages = loaded.messages()
    assert len(messages) == 2
    assert "line 4" in messages[0] and "[keys] session.pause" in messages[0] and "names no key" in messages[0]
    assert "line 6" in messages[1] and "[keys] x" in messages[1]
    assert all(str(path) in m or "config.toml" in m for m in messages)


def test_broken_toml_is_reported_with_its_line_and_defaults_apply(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", '[keys]\napp.help = "f2"\napp.quit = \n')
    loaded = read_user_config(path)
    assert loaded.config.keys == {}
    (problem,) = loaded.problems
    assert problem.line == 3
    assert "not valid TOML" in problem.message


def test_unknown_table_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", '[colours]\nred = "blue"\n[keys]\napp.help = "f2"\n')
    loaded = read_user_config(path)
    assert loaded.config.keys == {"app.help": "f2"}
    (problem,) = loaded.problems
    assert "unknown setting 'colours'" in problem.message
    assert problem.line == 1


def test_non_utf8_and_keys_not_a_table(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe[keys]")
    assert "UTF-8" in read_user_config(bad).problems[0].message
    flat = write(tmp_path / "flat.toml", 'keys = "f1"\n')
    assert "must be a table" in read_user_config(flat).problems[0].message


def test_key_syntax() -> None:
    assert key_syntax_problem("ctrl+p") is None
    assert key_syntax_problem("?") is None
    assert key_syntax_problem("ctrl++") is None
    assert "modifier" in (key_syntax_problem("crtl+p") or "")
    assert "space" in (key_syntax_problem("ctrl + p") or "")
    assert "empty" in (key_syntax_problem("") or "")
    assert split_keys("a, b") == (["a", "b"], None)
    assert split_keys(3)[1] is not None
    assert "stray comma" in (split_keys("a,,b")[1] or "")
    assert "at most" in (split_keys("a,b,c,d,e")[1] or "")


def test_build_user_config_rejects_odd_ids() -> None:
    config, problems = build_user_config({"keys": {"not an id!": "a", "ok.id": "b"}})
    assert config.keys == {"ok.id": "b"}
    assert "not an action id" in problems[0].message
