"""The idle lock: an encrypted practice's screen locks again after the minutes the coach chose.

The minutes are a preference (lock_after_minutes in the config file, or the
palette's "Idle lock" commands); none means never. Any key, click, scroll or
paste is activity. The lock screen (screens/lock.py) goes over everything; the
screens beneath keep what they hold and come back as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from .app import AllianceApp

ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.Paste)

CHECK_EVERY_SECONDS = 10.0
CHOICES = (5, 15, 30, 60)  # minutes offered in the palette


class IdleLock:
    def __init__(self, app: AllianceApp) -> None:
        self.app = app
        self.last_activity = app.monotonic()
        self._timer: Any = None

    @property
    def available(self) -> bool:
        """Only an encrypted practice locks: a plain one has nothing a passphrase would guard."""
        return self.app.store.vault is not None

    @property
    def minutes(self) -> int | None:
        prefs = self.app.preferences
        return prefs.lock_after_minutes if prefs is not None else None

    def start(self) -> None:
        if self.available and self._timer is None:
            self._timer = self.app.set_interval(CHECK_EVERY_SECONDS, self.check)

    def touched(self) -> None:
        self.last_activity = self.app.monotonic()

    def seen(self, event: events.Event) -> None:
        """Any key, click, scroll or paste is the coach at work: the minutes count from there."""
        if isinstance(event, ACTIVITY):
            self.touched()

    def choose(self, minutes: int | None) -> None:
        """The coach's choice, kept in the config file's [preferences] for every practice."""
        from .store import StoreError
        from .store.config_file import read_user_config, save_preference

        app = self.app
        try:
            save_preference(app.config.path, "lock_after_minutes", minutes or 0)
        except (OSError, StoreError) as exc:
            app.notify(getattr(exc, "message", str(exc)), title="Idle lock", severity="error", markup=False)
            return
        app.config = read_user_config(app.config.path)
        said = f"after {minutes} minutes idle" if minutes else "never"
        app.notify(f"The screen now locks {said}.", title="Idle lock", markup=False)

    @property
    def locked(self) -> bool:
        return any(getattr(screen, "locks_practice", False) for screen in self.app.screen_stack)

    def check(self) -> None:
        """Lock when the coach's chosen minutes have passed without a key, a click or a scroll."""
        minutes = self.minutes
        if minutes and not self.locked and self.app.monotonic() - self.last_activity >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        vault = self.app.store.vault
        if vault is None or self.locked:
            return
        from .screens.lock import LockScreen

        self.app.clear_notifications()  # a toast may name a client: none shows over the lock
        where = f"the practice at {self.app.store.data_dir}"
        self.app.push_screen(LockScreen(vault.header, where, relock=True), self._unlocked)

    def _unlocked(self, _: object) -> None:
        self.touched()
