"""Faults while the app runs: a clear word to the coach, the app goes on, nothing saved is lost."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from alliance_tui.app import AllianceApp
from alliance_tui.demo import build_demo
from alliance_tui.models.notes import NoteKind
from alliance_tui.screens.alliance_editor import AllianceEditorScreen
from alliance_tui.screens.client_form import ClientFormScreen
from alliance_tui.screens.dashboard import DashboardScreen
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore, atomic
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import FROZEN_NOW
from .screen_text import screen_text
from .waits import handled, toast_saying, toasts, until


class Mono:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_app(store: PracticeStore, mono: Mono | None = None) -> AllianceApp:
    return AllianceApp(store, demo=True, clock=lambda: FROZEN_NOW, monotonic=mono or Mono(), cursor_blink=False)


def said(app: AllianceApp, words: str) -> bool:
    return words in " ".join(screen_text(app).split())


def alive(app: AllianceApp) -> None:
    assert app.is_running and app.return_code is None  # nothing raised: the app would have exited with it


def client_id(store: PracticeStore, name: str) -> str:
    summary = store.find_client(name)
    assert summary is not None
    return summary.id


@pytest.fixture
def no_bell(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rung: list[str] = []
    monkeypatch.setattr(AllianceApp, "bell", lambda self: rung.append("bell"))
    return rung


_REAL = {"write": os.write, "fsync": os.fsync}


def heal() -> None:
    """There is room on the disk again."""
    for name, function in _REAL.items():
        setattr(atomic.os, name, function)


@pytest.fixture
def disk_full() -> Iterator[Callable[[str, Path], None]]:
    """ENOSPC from os.write or os.fsync, only for files in the practice (the terminal keeps working)."""
    real = _REAL

    def fill(call: str, practice: Path) -> None:
        def failing(fd: int, *args: Any) -> Any:
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                target = ""
            if target.startswith(str(practice)):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real[call](fd, *args)

        setattr(atomic.os, call, failing)

    yield fill
    heal()


@pytest.mark.parametrize("call", ["write", "fsync"])
async def test_a_full_disk_while_logging_keeps_the_line_and_the_app(
    demo_store: PracticeStore, disk_full: Callable[[str, Path], None], call: str, no_bell: list[str]
) -> None:
    mono = Mono()
    app = make_app(demo_store, mono)
    maya = client_id(demo_store, "Maya Okafor")
    practice = Path(demo_store.data_dir)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.push_screen(SessionScreen(maya))
        await handled(pilot)
        box = app.screen.query_one(QuickLogInput)
        box.value = "Saved before the disk filled"
        box.focus()
        await pilot.press("enter")
        assert box.value == ""
        before = demo_store.record(maya).model_copy(deep=True)
        files = {p: p.read_bytes() for p in practice.rglob("*.json")}

        disk_full(call, practice.resolve())
        box.value = "She named the fear out loud"
        box.focus()
        await pilot.press("enter")
        alive(app)
        assert box.value == "She named the fear out loud", "the line keeps what was typed"
        assert said(app, "disk is full") and said(app, "your text is still here")
        assert {p: p.read_bytes() for p in practice.rglob("*.json")} == files
        assert demo_store.record(maya).notes == before.notes
        # Other actions say so too, and the app stays usable.
        await pilot.press("ctrl+t")
        mono.now += 5.0
        await pilot.press("ctrl+t")
        alive(app)
        await toast_saying(pilot, "disk is full")

        heal()
        await pilot.press("ctrl+l", "enter")  # the same line, saved once there is room
        alive(app)
        assert box.value == ""
    assert no_bell == []
    with PracticeStore(practice, clock=lambda: FROZEN_NOW) as again:
        record = again.record(maya)
        texts = [n.text for n in record.notes]
        assert texts[: len(before.notes)] == [n.text for n in before.notes]
        assert texts.count("She named the fear out loud") == 1
        assert texts[-1] == "She named the fear out loud"


async def test_a_second_window_is_read_only_and_says_so_quietly(demo_store: PracticeStore, no_bell: list[str]) -> None:
    practice = Path(demo_store.data_dir)
    files = {p: p.read_bytes() for p in practice.rglob("*.json")}
    second = PracticeStore(practice, clock=lambda: FROZEN_NOW).open()
    assert second.read_only
    app = make_app(second)
    try:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await handled(pilot)
            await toast_saying(pilot, "read-only")  # the app says it is read-only at start
            assert app.sub_title.endswith("read-only"), "and keeps saying so in the header"
            maya = client_id(second, "Maya Okafor")
            # A session cannot start: said quietly, and the dashboard is still there.
            await pilot.press("ctrl+s")
            await handled(pilot)
            await handled(pilot)
            alive(app)
            assert isinstance(app.screen, DashboardScreen)
            # Adding a client: refused inline, the form keeps the name.
            await pilot.press("ctrl+n")
            await handled(pilot)
            form = app.screen
            assert isinstance(form, ClientFormScreen)
            form.query_one("#name", Input).value = "New Client"
            await pilot.press("ctrl+s")
            alive(app)
            assert app.screen is form and form.query_one("#name", Input).value == "New Client"
            assert said(app, "read-only")
            await pilot.press("escape")
            # Changing the theme applies and is remembered with the coach's own preferences, not in the
            # practice this window may not write.
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            await handled(pilot)
            alive(app)
            assert not [text for text in toasts(app) if "theme applies until you quit" in text]
            assert f'theme = "{app.theme}"' in app.config.path.read_text(encoding="utf-8")
            # The alliance editor: the save is refused, the edits stay on screen to try again.
            editor = AllianceEditorScreen(maya)
            await app.push_screen(editor)
            await handled(pilot)
            editor.action_add()
            editor.query_one("#wording", Input).value = "Challenge me more"
            editor.query_one("#reason", Input).value = "She asked"
            await pilot.press("ctrl+s")
            alive(app)
            assert app.screen is editor and editor.pending
            refused = lambda: any("read-only" in text for text in toasts(app, "error"))  # noqa: E731
            await until(pilot, refused, "the editor's save refused, saying why")
            assert second.find_client("New Client") is None
            assert maya
    finally:
        second.close()
    assert no_bell == []
    assert {p: p.read_bytes() for p in practice.rglob("*.json")} == files


async def test_a_client_file_deleted_or_replaced_while_the_app_runs(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    maya = client_id(demo_store, "Maya Okafor")
    path = demo_store.clients_dir / f"{maya}.json"
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SessionScreen(maya))
        await handled(pilot)
        box = app.screen.query_one(QuickLogInput)
        # Deleted: the next save writes it again from what the app holds.
        path.unlink()
        box.value = "After the file vanished"
        box.focus()
        await pilot.press("enter")
        alive(app)
        assert box.value == "" and path.exists()
        # Replaced by another program: the app does not overwrite it; the text waits in the line.
        theirs = json.loads(path.read_text())
        edited = next(iter(theirs["notes"].values()))
        assert edited["text"] == "After the file vanished"  # saved once the file was gone
        edited["text"] = "Their edit"
        incoming = path.with_name("incoming")
        incoming.write_text(json.dumps(theirs))
        os.replace(incoming, path)
        replaced = path.read_bytes()
        box.value = "After the file was replaced"
        box.focus()
        await pilot.press("enter")
        alive(app)
        assert box.value == "After the file was replaced"
        assert said(app, "your text is still here") and said(app, "changed outside Alliance TUI")
        assert path.read_bytes() == replaced
        await pilot.press("enter")  # Enter again builds on the file as it now is
        alive(app)
        assert box.value == ""
    with _reopen(demo_store) as again:
        texts = [n.text for n in again.record(maya).notes]
        assert {n.id: n.text for n in again.record(maya).notes}[edited["id"]] == "Their edit", "theirs is kept"
        # The line saved after the deletion is the present's first note, the one they edited.
        assert texts[-2:] == ["Their edit", "After the file was replaced"]


def _reopen(store: PracticeStore) -> PracticeStore:
    store.close()
    return PracticeStore(Path(store.data_dir), clock=lambda: FROZEN_NOW).open()


async def test_one_corrupt_client_file_the_rest_works(tmp_path: Path, no_bell: list[str]) -> None:
    practice = tmp_path / "demo"
    build_demo(practice, now=FROZEN_NOW).close()
    with PracticeStore(practice) as peek:
        sofia = client_id(peek, "Sofia Lindqvist")
        maya = client_id(peek, "Maya Okafor")
        damaged = peek.clients_dir / f"{sofia}.json"
    damaged.write_bytes(damaged.read_bytes()[:57])
    garbage = damaged.read_bytes()
    store = PracticeStore(practice, clock=lambda: FROZEN_NOW).open()
    app = make_app(store)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await handled(pilot)
            assert said(app, "Sofia Lindqvist")  # still listed, with what is wrong
            assert store.summary(sofia).problem
            await app.push_screen(SessionScreen(sofia))
            await handled(pilot)
            alive(app)
            assert not isinstance(app.screen, SessionScreen) or app.screen.client_id != sofia
            await app.push_screen(SessionScreen(maya))
            await handled(pilot)
            box = app.screen.query_one(QuickLogInput)
            box.value = "Maya's session goes on"
            box.focus()
            await pilot.press("enter")
            alive(app)
            assert box.value == ""
    finally:
        store.close()
    assert damaged.read_bytes() == garbage, "a damaged file is left as it was, for repair"
    assert no_bell == []
    with PracticeStore(practice) as again:
        assert again.record(maya).notes[-1].text == "Maya's session goes on"
        assert again.record(maya).notes[-1].kind is NoteKind.NOTE
