"""Offering back the practice's own settings after a damaged index: one quiet command, asked for.

At the start where the damaged index was set aside, the coach is told in the
same notice what can be brought back and how (ctrl+p); the command stays in
the palette while a copy holds settings the practice lacks. Nothing is
restored unless the coach runs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from textual.markup import escape

from .palette import Command, _CommandListProvider

if TYPE_CHECKING:
    from ..app import AllianceApp
    from ..store.settings_rescue import SettingsRescue

COMMAND = "Restore practice settings"


def settings_rescue(app: AllianceApp) -> SettingsRescue | None:
    """Only a practice that ever had its index set aside is searched (a glob, at most one small parse)."""
    store = app.store
    if store.read_only or not any(store.data_dir.glob("practice.json.damaged-*")):
        return None
    from ..store.settings_rescue import find_settings_rescue

    return find_settings_rescue(store)


def offer_at_start(app: AllianceApp) -> None:
    """Said once, with the notice that the index was set aside; no dialog."""
    if app.store.index_set_aside is None:
        return
    rescue = settings_rescue(app)
    if rescue is None:
        return
    app.notify(
        f"{rescue.source.name} still holds {rescue.summary}. To bring them back, press ctrl+p and choose "
        f"'{COMMAND}'; nothing you set since is replaced.",
        title="Practice settings can be restored",
        timeout=30,
        markup=False,
    )


def restore(app: AllianceApp) -> None:
    from ..store import StoreError
    from ..store.settings_rescue import restore_settings

    rescue = settings_rescue(app)
    if rescue is None:
        app.notify("There is nothing left to restore.", title=COMMAND, timeout=5, markup=False)
        return
    try:
        settings = restore_settings(app.store, rescue)
    except StoreError as exc:
        app.notify(exc.message, title="Settings not restored", severity="error", timeout=10, markup=False)
        return
    if rescue.theme and settings.theme in app.available_themes:
        app.theme = settings.theme
    app.notify(f"Restored {rescue.summary} from {rescue.source.name}.", title=COMMAND, timeout=8, markup=False)


class SettingsRescueCommands(_CommandListProvider):
    """The restore command, present only while there is something to restore."""

    def commands(self) -> Iterator[Command]:
        app = cast("AllianceApp", self.app)
        rescue = settings_rescue(app)
        if rescue is not None:
            yield (
                f"{COMMAND}: {rescue.summary}",
                lambda: restore(app),
                escape(f"From {rescue.source.name}; nothing you set since is replaced"),
            )
