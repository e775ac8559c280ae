"""The App: wires the store, clocks, theme and keymap, then hands over to screens."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.driver import Driver
from textual.screen import Screen

from .app_notices import AppNotices
from .idle_lock import IdleLock
from .models.timeutil import Clock, utcnow
from .practice_watch import PracticeChanged, PracticeWatch
from .screens.base import AllianceScreen
from .screens.dashboard import DashboardScreen
from .screens.too_small import guard_size
from .store import PracticeStore, StoreError
from .store.config_file import LoadedConfig, config_path, read_user_config, save_preference
from .widgets.light_colours import LEGIBLE_LIGHT

if TYPE_CHECKING:
    from .models.config_schema import Preferences

FALLBACK_THEME = "textual-dark"
QUIT_AGAIN_WITHIN = 6.0  # seconds: as long as the "Not yet" message stays


def _screen_action_commands() -> type[Provider]:
    from .commands import ScreenActionCommands

    return ScreenActionCommands


def _client_commands() -> type[Provider]:
    from .commands import ClientCommands

    return ClientCommands


def _theme_commands() -> type[Provider]:
    from .commands import ThemeCommands

    return ThemeCommands


def _rescue_commands() -> type[Provider]:
    from .commands.rescue import SettingsRescueCommands

    return SettingsRescueCommands


class AllianceApp(App[None]):
    TITLE = "Alliance TUI"
    # The palette's providers are imported when it first opens, not before the first frame.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = App.COMMANDS | {
        _screen_action_commands,
        _client_commands,
        _theme_commands,
        _rescue_commands,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f1",
            "help",
            "Help",
            id="app.help",
            tooltip="Every key on this screen, and what it is for",
            priority=True,  # priority, so it works on dialogs too
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="app.command_palette",
            tooltip="Search every action, client and theme by typing part of its name",
            show=False,  # the Footer shows the palette key on its right already
            priority=True,
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Close Alliance TUI; everything is already saved (words still in a field: it asks first)",
            show=False,
            priority=True,
        ),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="app.help_quit"),
    ]

    monotonic: Callable[[], float]
    keymap_in_use: dict[str, str] = {}  # binding id -> keys, as given to set_keymap (the help lists from it)
    _quit_refused_at: float | None = None

    async def action_quit(self) -> None:
        """Words typed in a field and not yet saved are said once; ctrl+q again within a few seconds quits."""
        now = self.monotonic()
        again = self._quit_refused_at is not None and now - self._quit_refused_at < QUIT_AGAIN_WITHIN
        holding = [s for s in self.screen_stack if isinstance(s, AllianceScreen)]
        if not again and any(screen.refuse_to_quit() for screen in reversed(holding)):
            self._quit_refused_at = now
            return
        await super().action_quit()

    def get_driver_class(self) -> type[Driver]:
        """Textual's own driver, except that on a Unix terminal pasted text is read as text only."""
        driver_class = super().get_driver_class()
        if driver_class.__module__ == "textual.drivers.linux_driver" and driver_class.__name__ == "LinuxDriver":
            from .terminal import GuardedDriver

            return GuardedDriver
        return driver_class

    def bell(self) -> None:
        """Silent, always: the app sits beside a live call.

        Textual rings on a click on a disabled footer key and on a character an
        input refuses; neither may make a sound the client hears.
        """

    def __init__(
        self,
        store: PracticeStore,
        *,
        demo: bool = False,
        start_client: str | None = None,
        clock: Clock = utcnow,
        monotonic: Callable[[], float] = time.monotonic,
        cursor_blink: bool = True,
        config_file: Path | None = None,
        calendar: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        self.start_client = start_client
        self.clock = clock
        self.monotonic = monotonic
        self.cursor_blink = cursor_blink
        self.sub_title = "demo practice" if demo else str(store.data_dir)
        if store.read_only:  # stays in view after the start-up message has gone
            self.sub_title += " · read-only"
        if store.vault is not None:  # the coach sees the practice is encrypted, and so locks
            self.sub_title += " · encrypted"
        self.config: LoadedConfig = read_user_config(config_file if config_file is not None else config_path())
        chosen = self.preferences.calendar if self.preferences is not None else None
        # --calendar, else the config file's [preferences] calendar: read by the dashboard, never written.
        self.calendar: Path | None = calendar or (Path(chosen).expanduser() if chosen else None)
        self.notices = AppNotices(self)
        self.practice_watch = PracticeWatch(self)
        self.idle_lock = IdleLock(self)
        self.ansi_theme_light = LEGIBLE_LIGHT
        self._apply_saved_theme()

    # ------------------------------------------------------------ start-up

    @property
    def preferences(self) -> Preferences | None:
        """The coach's own preferences from the config file; None when it holds none."""
        return self.config.config.preferences

    def _apply_saved_theme(self) -> None:
        """Before the first paint, so the app never flashes the default theme.

        The theme is the coach's, kept in the config file; a practice from before
        that still names one is honoured until the coach chooses again.
        """
        wanted = (self.preferences.theme if self.preferences else None) or self.store.theme
        self._remembered_theme = wanted
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            self.theme = FALLBACK_THEME
            self.notices.at_start(f"The theme {wanted!r} is not available; using {FALLBACK_THEME}.", "Theme")

    def _apply_keymap(self) -> None:
        problems = list(self.config.problems)
        if self.config.config.keys:
            # Only a remapping needs the catalogue, and building it imports every
            # screen and widget: most starts (no [keys] in the file) skip that cost.
            from .config import binding_catalogue, resolve_keymap

            result = resolve_keymap(self.config.config, binding_catalogue())
            self.keymap_in_use = result.keymap
            self.set_keymap(result.keymap)
            problems += result.problems
        for problem in problems:
            title = "Config file: key clash" if problem.applied else "Config file: entry ignored"
            self.notices.at_start(problem.describe(self.config.label), title)

    def on_mount(self) -> None:
        self._apply_keymap()
        self.push_screen(DashboardScreen())
        self.notices.show_at_start()
        self.practice_watch.start()
        if self.start_client:
            from .routes import open_start_client

            open_start_client(self, self.start_client)
        self.call_after_refresh(guard_size, self)  # once the first screens are on the stack
        self.idle_lock.start()

    def on_unmount(self) -> None:
        self.practice_watch.stop()

    async def on_event(self, event: events.Event) -> None:
        """Any key, click, scroll or paste is the coach at work: the idle lock counts from there."""
        self.idle_lock.seen(event)
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Over the lock screen the palette stays closed: it would list clients and open them."""
        if action == "command_palette" and self.idle_lock.locked:
            return False
        return super().check_action(action, parameters)

    def on_resize(self, event: events.Resize) -> None:
        """Too small a terminal gets a clear 'please enlarge' notice, on every screen."""
        guard_size(self, event.size)

    def on_practice_changed(self, message: PracticeChanged) -> None:
        """A change on disk, from the store: handed on to the screens that follow the practice."""
        self.practice_watch.tell_followers(message)

    # ------------------------------------------------------------ themes and keys

    def watch_theme(self, theme: str) -> None:
        """Remember the coach's choice in their config file, so the next run (of any practice) opens in it."""
        if theme == self._remembered_theme or not self.is_running:
            return
        try:
            save_preference(self.config.path, "theme", theme)
            self._remembered_theme = theme
        except StoreError as exc:
            self.notify(
                f"{exc.message} The theme applies until you quit.",
                title="Theme not remembered",
                severity="warning",
                markup=False,
            )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from .commands.app_wide import app_wide_commands

        yield from super().get_system_commands(screen)
        yield from app_wide_commands(self)

    def action_help(self) -> None:
        from .screens.help import toggle_help

        toggle_help(self)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """A remapped key took over a key of Textual's own: said once (AppNotices).

        Clashes between the app's own bindings are reported at start-up from the
        config check, since Textual does not call this for bindings with an id.
        """
        self.notices.key_clash(clashed_bindings)

    # ------------------------------------------------------------ client screens, from anywhere

    def open_session(self, client_id: str) -> None:
        """Start (or resume) a session with a client, from anywhere (a kept session screen comes back as it was)."""
        from .routes import open_session

        open_session(self, client_id)

    def open_review(self, client_id: str) -> None:
        from .routes import open_review

        open_review(self, client_id)

    def demo_intake_form(self, client_id: str) -> str:
        """In the demo, the path of the client's filled intake form to try (else "")."""
        if not self.demo:
            return ""
        from .demo import demo_intake_for

        return demo_intake_for(self.store.data_dir, client_id)
