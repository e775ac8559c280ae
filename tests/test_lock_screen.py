"""The lock screen: the first screen of an encrypted practice, and the idle lock over a session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from alliance_tui.app import AllianceApp
from alliance_tui.screens.lock import LockScreen, UnlockApp
from alliance_tui.screens.session import SessionScreen
from alliance_tui.store import PracticeStore
from alliance_tui.store.crypto.convert import convert, start_encryption
from alliance_tui.store.crypto.header import KdfParams, read_header
from alliance_tui.store.crypto.vault import Vault
from alliance_tui.widgets.quick_log import QuickLogInput

from .conftest import FROZEN_NOW
from .screen_text import run_palette_command
from .test_session_flow import FakeMonotonic, open_session
from .waits import until

PASSPHRASE = "a long enough passphrase"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from alliance_tui.demo import build_demo

    data_dir = tmp_path_factory.mktemp("built") / "demo"
    build_demo(data_dir, now=FROZEN_NOW).close()
    _, key = start_encryption(data_dir, PASSPHRASE, KdfParams(n=2**10))
    convert(data_dir, key, to_sealed=True)
    return data_dir


@pytest.fixture
def vault(built: Path, tmp_path: Path) -> Vault:
    data_dir = Path(shutil.copytree(built, tmp_path / "demo"))
    header = read_header(data_dir)
    assert header is not None
    return Vault(data_dir, header.unwrap(PASSPHRASE), header)


def said(screen: LockScreen) -> str:
    return str(screen.query_one("#lock-message", Static).render())


async def test_the_first_screen_asks_for_the_passphrase_and_says_when_it_is_wrong(vault: Vault) -> None:
    app = UnlockApp(vault.header, "the practice", offer_keyring=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LockScreen), "the lock screen")
        lock = app.screen
        assert isinstance(lock, LockScreen)
        await pilot.press(*"not the one", "enter")
        await until(pilot, lambda: "not the passphrase" in said(lock), "the refusal")
        assert lock.query_one("#passphrase").value == ""  # type: ignore[attr-defined]
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: app.return_value is not None, "the key")
    assert app.return_value == (vault.key, False)


async def test_the_idle_lock_covers_a_session_and_gives_it_back_as_it_was(vault: Vault, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[preferences]\nlock_after_minutes = 5\n")
    mono = FakeMonotonic()
    store = PracticeStore(vault.data_dir, clock=lambda: FROZEN_NOW, vault=vault).open()
    app = AllianceApp(store, clock=lambda: FROZEN_NOW, monotonic=mono, cursor_blink=False, config_file=config)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.sub_title.endswith(" · encrypted")
            session = await open_session(app, pilot, "Maya Okafor")
            await pilot.press(*"half a")
            mono.now += 4 * 60
            await pilot.press(*" thought")  # a key is activity: the five minutes count from here
            mono.now += 4 * 60
            app.idle_lock.check()
            assert app.screen is session  # not idle long enough yet
            mono.now += 60
            app.idle_lock.check()
            await until(pilot, lambda: isinstance(app.screen, LockScreen), "the lock screen")
            assert app.check_action("command_palette", ()) is False
            await pilot.press(*"wrong passphrase", "enter")
            await until(pilot, lambda: "not the passphrase" in said(app.screen), "the refusal")  # type: ignore[arg-type]
            await pilot.press(*PASSPHRASE, "enter")
            await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session again")
            assert app.screen is session
            assert session.query_one(QuickLogInput).value == "half a thought"
            run_palette_command(app, "Idle lock: never")  # kept in the config file
            assert "lock_after_minutes = 0" in config.read_text() and not app.idle_lock.minutes
            mono.now += 60 * 60
            app.idle_lock.check()
            assert app.screen is session
    finally:
        store.close()


def test_the_first_screen_at_80x24_after_a_wrong_try(vault: Vault, snap_compare: Callable[..., bool]) -> None:
    app = UnlockApp(vault.header, "the practice at ~/.local/share/alliance-tui", offer_keyring=True, cursor_blink=False)

    async def wrong_try(pilot: Pilot[object]) -> None:
        await pilot.press(*"not it", "enter")
        await until(pilot, lambda: "not the passphrase" in said(app.screen), "the refusal")  # type: ignore[arg-type]

    assert snap_compare(app, terminal_size=(80, 24), run_before=wrong_try)
