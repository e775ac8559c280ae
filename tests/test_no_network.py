"""Confidentiality through the app: no network at all, and no note text anywhere but the practice."""

from __future__ import annotations

import logging
import socket
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from alliance_tui.app import AllianceApp
from alliance_tui.screens.session import SessionScreen
from alliance_tui.screens.session_summary import SessionSummaryScreen
from alliance_tui.store import PracticeStore
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import FROZEN_NOW
from .waits import handled, settled


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any attempt to reach the network fails loudly and is remembered (local socketpairs stay allowed)."""
    attempts: list[str] = []
    real_init = socket.socket.__init__

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(what)
            raise NetworkUsed(f"Alliance TUI tried the network: {what}")

        return refused

    def guarded_init(self: socket.socket, family: int = -1, *args: Any, **kwargs: Any) -> None:
        if family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"socket({family!r})")
            raise NetworkUsed("Alliance TUI tried to open an internet socket")
        real_init(self, family, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "__init__", guarded_init)
    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def files_holding(
    root: Path, secret: bytes, since: float, *, skip: Path | None = None, recursive: bool = True
) -> list[Path]:
    """Files changed since `since` under root whose bytes hold the secret."""
    found: list[Path] = []
    for path in root.rglob("*") if recursive else root.iterdir():
        try:
            if skip is not None and path.is_relative_to(skip):
                continue
            if not path.is_file() or path.is_symlink():
                continue
            stat = path.stat()
            if stat.st_mtime < since or stat.st_size > 5_000_000:
                continue
            if secret in path.read_bytes():
                found.append(path)
        except OSError:
            continue
    return found


async def test_a_whole_session_and_the_palette_never_touch_the_network_or_a_log(
    demo_store: PracticeStore,
    no_network: list[str],
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with pytest.raises(NetworkUsed):  # the guard is in place
        socket.create_connection(("192.0.2.1", 80))
    no_network.clear()
    started = time.time() - 1
    secret = f"Confidential {uuid.uuid4().hex}: she is thinking of leaving her husband"
    caplog.set_level(logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    assert logging.getLogger("alliance_tui.store").isEnabledFor(logging.DEBUG)
    app = AllianceApp(demo_store, demo=True, clock=lambda: FROZEN_NOW, monotonic=lambda: 50.0, cursor_blink=False)
    maya = demo_store.find_client("Maya Okafor")
    assert maya is not None
    async with app.run_test(size=(120, 36)) as pilot:
        await handled(pilot)
        # The palette: search a client and an action, then leave it.
        await pilot.press("ctrl+p", *"maya")
        await settled(pilot)
        await pilot.press("escape")
        await app.push_screen(SessionScreen(maya.id))
        await handled(pilot)
        screen = app.screen
        await pilot.press("ctrl+y", "d")  # check in the first commitment
        box = screen.query_one(QuickLogInput)
        for text in (secret, f"c: {secret} | Friday", f"a: {secret}"):
            box.value = text
            box.focus()
            await pilot.press("enter")
            assert box.value == "", text
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+f", "1", *"yes", "enter")
        await pilot.press("ctrl+e", "y")
        await handled(pilot)
        assert isinstance(app.screen, SessionSummaryScreen)
        await pilot.press("ctrl+p", *"recap")
        await settled(pilot)
        await pilot.press("escape", "escape")
        await handled(pilot)
        assert app.is_running and app.return_code is None
    assert no_network == []

    needle = secret.encode()
    assert secret not in caplog.text, "note text was written to a log"
    out, err = capsys.readouterr()
    assert secret not in out and secret not in err
    practice = Path(demo_store.data_dir).resolve()
    assert files_holding(practice, needle, started), "the note is in the practice"
    elsewhere = files_holding(tmp_path_factory.getbasetemp(), needle, started, skip=practice)
    elsewhere += files_holding(Path(tempfile.gettempdir()), needle, started, recursive=False)
    assert elsewhere == [], elsewhere


def test_the_app_module_imports_no_network_library() -> None:
    """The app's code names no network module; what the store writes never leaves the machine."""
    import alliance_tui

    root = Path(alliance_tui.__file__).parent
    banned = ("import socket", "import urllib", "import http", "import requests", "import httpx", "import smtplib")
    offenders = [
        f"{path.relative_to(root)}: {word}"
        for path in root.rglob("*.py")
        for word in banned
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
