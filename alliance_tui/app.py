"""The App: wires the store, clocks, theme and keymap, then hands over to screens."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.driver import Driver
from textual.screen import Screen

from .idle_lock import CHOICES as IDLE_CHOICES
from .idle_lock import IdleLock
from .models.timeutil import Clock, utcnow
from .screens.base import AllianceScreen
from .screens.dashboard import DashboardScreen
from .screens.too_small import TooSmallScreen, guard_size
from .store import PracticeStore, StoreError
from .store.config_file import LoadedConfig, config_path, read_user_config, save_preference
from .widgets.light_colours import LEGIBLE_LIGHT

if TYPE_CHECKING:
    from .models.config_schema import Preferences
    from .widgets.work_progress import WorkProgress

FALLBACK_THEME = "textual-dark"
QUIT_AGAIN_WITHIN = 6.0  # seconds: as long as the "Not yet" message stays


def screen_label(screen: DOMNode) -> str:
    """'ClientReviewScreen' -> 'Client review', for titles the coach reads."""
    name = type(screen).__name__.removesuffix("Screen")
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name) or [name]
    return " ".join([words[0], *(w.lower() for w in words[1:])])


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


FOLDER_CHECK_SECONDS = 3  # how soon a deleted practice folder is noticed without a write


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
        self._start_up_messages: list[tuple[str, str]] = []
        self._reported_clashes: set[tuple[str, ...]] = set()
        self._changes: dict[str | None, int] = {}  # writes per client (None: practice-wide), from the store
        self.ansi_theme_light = LEGIBLE_LIGHT
        self._apply_saved_theme()
        self.idle_lock = IdleLock(self)

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
            self._start_up_messages.append(
                (f"The theme {wanted!r} is not available; using {FALLBACK_THEME}.", "Theme"),
            )

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
        label = self.config.label
        for problem in problems:
            title = "Config file: key clash" if problem.applied else "Config file: entry ignored"
            self._start_up_messages.append((problem.describe(label), title))

    def on_mount(self) -> None:
        self._apply_keymap()
        self.push_screen(DashboardScreen())
        for problem in self.store.problems:
            self.notify(problem, title="Practice data", severity="warning", timeout=15, markup=False)
        self.store.on_problem = self._practice_problem
        self._unsubscribe = self.store.subscribe(self._store_changed_elsewhere)
        if not self.store.read_only:
            self.set_interval(FOLDER_CHECK_SECONDS, self._every_few_seconds)
        if self.store.unchecked:
            from .screens.changed_files import check_changed_files

            self.call_after_refresh(check_changed_files, self)  # after the first frame: start-up reads no client file
        if self.store.index_set_aside is not None:
            from .commands.rescue import offer_at_start

            offer_at_start(self)
        for message, title in self._start_up_messages:
            self.notify(message, title=title, severity="warning", timeout=20, markup=False)
        if self.start_client:
            self._open_start_client(self.start_client)
        self.call_after_refresh(guard_size, self)  # once the first screens are on the stack
        self.idle_lock.start()

    async def on_event(self, event: events.Event) -> None:
        """Any key, click, scroll or paste is the coach at work: the idle lock counts from there."""
        if isinstance(
            event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp | events.Paste
        ):
            self.idle_lock.touched()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Over the lock screen the palette stays closed: it would list clients and open them."""
        if action == "command_palette" and self.idle_lock.locked:
            return False
        return super().check_action(action, parameters)

    def set_idle_lock(self, minutes: int | None) -> None:
        """The coach's choice, kept in the config file's [preferences] for every practice."""
        try:
            save_preference(self.config.path, "lock_after_minutes", minutes or 0)
        except (OSError, StoreError) as exc:
            self.notify(getattr(exc, "message", str(exc)), title="Idle lock", severity="error", markup=False)
            return
        self.config = read_user_config(self.config.path)
        said = f"after {minutes} minutes idle" if minutes else "never"
        self.notify(f"The screen now locks {said}.", title="Idle lock", markup=False)

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _store_changed_elsewhere(self, client_id: str | None, kind: str) -> None:
        """From the store, on the thread that wrote, once the change is on disk: counted for the screens.

        Counted at once rather than by message, so a screen that wrote and
        redrew, or one brought back before a message would have arrived, reads
        the count as it is.
        """
        if kind != "index":  # the summaries only: the client list reads them as it is shown
            self._changes[client_id] = self._changes.get(client_id, 0) + 1

    def changes_seen(self, client_id: str) -> tuple[int, int]:
        """Where this client's changes, and the practice's, stand: a screen keeps it to know what it shows."""
        return self._changes.get(client_id, 0), self._changes.get(None, 0)

    def _every_few_seconds(self) -> None:
        """A deleted practice folder found at once; the client list's summaries the calls changed saved to the index."""
        self.store.guard_folder()
        self.store.save_index()

    def _practice_problem(self, message: str) -> None:
        """Found while the coach works (the folder deleted, a file gone): told at once, not kept for the next start."""
        self.notify(message, title="Practice data", severity="error", timeout=30, markup=False)

    def on_resize(self, event: events.Resize) -> None:
        """Too small a terminal gets a clear 'please enlarge' notice, on every screen."""
        guard_size(self, event.size)

    def _open_start_client(self, name: str) -> None:
        summary = self.store.find_client(name)
        if summary is None:
            # "--client daniel" is enough when only one active client's name starts that way.
            wanted = name.strip().casefold()
            starts = [s for s in self.store.summaries(include_archived=False) if s.name.casefold().startswith(wanted)]
            summary = starts[0] if wanted and len(starts) == 1 else None
        if summary is None or summary.archived:
            self.notify(f"No active client is called {name!r}.", title="--client", severity="warning", markup=False)
            return
        self.open_session(summary.id)

    # ------------------------------------------------------------ themes

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

    # ------------------------------------------------------------ keys

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Export coaching hours log (CSV)",
            "Sessions and hours per client, as credential applications ask; unlisted clients left out",
            partial(self.export_hours_log, anonymise=False),
        )
        yield SystemCommand(
            "Export coaching hours log, anonymised (CSV)",
            "Clients who have not agreed to be listed appear as 'Client N' instead of being left out",
            partial(self.export_hours_log, anonymise=True),
        )
        if self.config.path.exists():
            yield SystemCommand("Keys: config file", "Where the file that changes keys lives", self.show_config_path)
        else:
            yield SystemCommand(
                "Keys: create config file",
                "Write a commented config file listing every key, ready to change",
                self.create_config_file,
            )
        if self.store.vault is not None and not self.idle_lock.locked:
            yield SystemCommand(
                "Lock the screen now",
                "Cover everything until the passphrase is typed; nothing beneath is closed",
                self.idle_lock.lock,
            )
            for minutes in (*IDLE_CHOICES, None):
                yield SystemCommand(
                    f"Idle lock: {f'after {minutes} minutes' if minutes else 'never'}",
                    "When the screen locks itself after no key, click or scroll (kept in the config file)",
                    partial(self.set_idle_lock, minutes),
                )
        yield SystemCommand(
            "Intake questions",
            "Edit the questions of the intake form you send new clients (each answer becomes a draft agreement)",
            self.edit_intake_questions,
        )
        yield SystemCommand(
            "Debug info",
            "Versions and where the config, the practice and the log live, copied for a bug report",
            self.show_debug_info,
        )

    def edit_intake_questions(self) -> None:
        from .screens.intake_questions import IntakeQuestionsScreen

        if not isinstance(self.screen, IntakeQuestionsScreen):
            self.push_screen(IntakeQuestionsScreen())

    def show_debug_info(self) -> None:
        """Versions and where things live, shown and copied: what a bug report needs, and no client's words."""
        from .config.command import debug_info

        text = debug_info(self.store.data_dir)
        self.copy_to_clipboard(text)
        self.notify(text + "\n(copied)", title="Debug info", timeout=20, markup=False)

    def export_hours_log(self, *, anonymise: bool) -> None:
        """Read on a worker thread, a progress line meanwhile: a large practice takes seconds."""
        from .widgets.work_progress import WorkProgress

        for old in self.screen.query(WorkProgress):
            old.remove()
        line = WorkProgress("Hours log")
        self.screen.mount(line)
        self.run_worker(
            partial(self._export_hours_in_thread, line, anonymise), thread=True, group="hours", exclusive=True
        )

    def _export_hours_in_thread(self, line: WorkProgress, anonymise: bool) -> None:
        from .screens.exporting import HoursExport, build_hours_export, show_hours_export

        def progress(done: int, total: int) -> None:
            self.call_from_thread(line.advance, done, total)

        try:
            made: HoursExport | StoreError = build_hours_export(
                self.store, self.clock(), anonymise=anonymise, progress=progress
            )
        except StoreError as exc:
            made = exc
        self.call_from_thread(self._hours_export_done, line, made, show_hours_export)

    def _hours_export_done(self, line: WorkProgress, made: object, show: Any) -> None:
        line.remove()
        show(self.screen, made)

    def show_config_path(self) -> None:
        self.notify(
            f"{self.config.label} — changes apply the next time Alliance TUI opens.",
            title="Config file",
            timeout=15,
            markup=False,
        )

    def create_config_file(self) -> None:
        from .config import binding_catalogue, sample_config
        from .store.config_file import write_sample_config

        path = self.config.path
        try:
            write_sample_config(path, sample_config(binding_catalogue(), self.config.label))
        except StoreError as exc:
            self.notify(exc.message, title="Config file not written", severity="error", timeout=10, markup=False)
            return
        self.notify(
            f"Written to {self.config.label}. Uncomment a line and change its key; it applies next time.",
            title="Config file",
            timeout=15,
            markup=False,
        )

    def action_help(self) -> None:
        from .commands import screen_actions
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        if isinstance(self.screen, TooSmallScreen):
            return  # the notice is all that fits; help would be a broken layout
        self.push_screen(HelpScreen(screen_actions(self.screen), screen_title=screen_label(self.screen)))

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """A remapped key took over a key of Textual's own (focus, copy...): say so once, quietly.

        Clashes between the app's own bindings are reported at start-up from the
        config check, since Textual does not call this for bindings with an id.
        """
        names = tuple(sorted(b.description or b.action for b in clashed_bindings))
        if names in self._reported_clashes:
            return
        self._reported_clashes.add(names)
        self.notify(
            f"A key in {self.config.label} replaced the key of: {', '.join(names)}.",
            title="Config file: key clash",
            severity="warning",
            timeout=15,
            markup=False,
        )

    # ------------------------------------------------------------ client screens

    def open_session(self, client_id: str) -> None:
        """Start (or resume) a session with a client, from anywhere (a kept session screen comes back as it was)."""
        from .screens.session import SessionScreen, show_session_screen

        if isinstance(self.screen, SessionScreen) and self.screen.client_id == client_id:
            return
        try:
            show_session_screen(self, client_id)
        except StoreError as exc:
            self.notify(exc.message, title="Cannot open", severity="error", timeout=10, markup=False)

    def demo_intake_form(self, client_id: str) -> str:
        """In the demo, the path of the client's filled intake form to try (else "")."""
        if not self.demo:
            return ""
        from .demo import demo_intake_for

        return demo_intake_for(self.store.data_dir, client_id)

    def open_review(self, client_id: str) -> None:
        from .screens.review import ClientReviewScreen

        if isinstance(self.screen, ClientReviewScreen) and self.screen.client_id == client_id:
            return
        try:
            self.push_screen(ClientReviewScreen(client_id))
        except StoreError as exc:
            self.notify(exc.message, title="Cannot open", severity="error", timeout=10, markup=False)
