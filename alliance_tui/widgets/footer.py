"""The footer's keys, drawn as one line by one widget.

Textual's Footer is a container of one FooterKey widget per key, rebuilt
whenever a screen's bindings are updated (every focus change): on every
screen opened it mounted, styled and laid out a dozen widgets, after the
first frame, and then laid the whole screen out again. This footer draws the
same keys in the same places and colours, from the same theme variables, as
one line: the keys are there in the first frame, and a change of keys is a
repaint of that line, never a layout.

It also never cuts a key in half: keys are placed in order while they fit
whole beside the command palette's key, and one that does not is left out (so
a screen lists its keys in order of importance; F1 help and the palette list
them all): a narrow terminal shows fewer keys rather than "^pComm ands". A click on a key presses
it; hovering shows its tooltip. A disabled key is drawn dim and does nothing
when clicked (no bell: the app sits beside a live call).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

EDGE = "▏"  # the left edge of Footer's command palette key (a "vkey" border)


@dataclass(frozen=True)
class FooterEntry:
    """One key as Textual's Footer would show it."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    palette: bool = False

    @property
    def width(self) -> int:
        """Cells it takes: " k desc " for a key, "▏k desc " for the palette's."""
        if self.palette:
            return len(EDGE) + cell_len(self.key_display) + 1 + cell_len(self.description) + 1
        return 1 + cell_len(self.key_display) + 1 + cell_len(self.description) + 1


@dataclass(frozen=True)
class Placed:
    """A key shown, and the cells it covers."""

    entry: FooterEntry
    start: int
    end: int


def fit(entries: tuple[FooterEntry, ...], width: int) -> tuple[Placed, ...]:
    """Where each key that fits whole goes: earlier keys first from the left, the palette's at the right."""
    placed: list[Placed] = []
    palette = [entry for entry in entries if entry.palette]
    room = width - sum(entry.width for entry in palette)
    x = 0
    for entry in entries:
        if entry.palette or entry.width > room:
            continue
        placed.append(Placed(entry, x, x + entry.width))
        x += entry.width
        room -= entry.width
    right = width
    for entry in reversed(palette):
        if right - entry.width < x:
            break
        placed.append(Placed(entry, right - entry.width, right))
        right -= entry.width
    return tuple(sorted(placed, key=lambda p: p.start))


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--edge",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-footer--edge {
            color: $foreground 20%;
        }
    }
    """

    entries: reactive[tuple[FooterEntry, ...]] = reactive(())
    hovered: reactive[FooterEntry | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.shown: tuple[Placed, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.entries = self.plan()  # in the first frame, as the screen's bindings stand now

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.entries = self.plan()  # the same keys again: equal, so not even a repaint

    def plan(self) -> tuple[FooterEntry, ...]:
        """The keys Footer.compose would show, in its order (one per action, the first binding's)."""
        active = self.screen.active_bindings
        by_action: dict[str, FooterEntry] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                display = self.app.get_key_display(binding)
                by_action[binding.action] = FooterEntry(
                    binding.key, display, binding.description, binding.action, not enabled, tooltip
                )
        entries = list(by_action.values())
        if self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                tip = binding.tooltip or binding.description
                display = self.app.get_key_display(binding)
                entries.append(
                    FooterEntry(binding.key, display, binding.description, binding.action, not enabled, tip, True)
                )
        return tuple(entries)

    def render(self) -> Text:
        self.shown = fit(self.entries, self.size.width)
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        hover_style = self.get_component_rich_style("key-footer--hover")
        edge_style = self.get_component_rich_style("key-footer--edge")
        line = Text(no_wrap=True, end="")
        x = 0
        for placed in self.shown:
            line.append(" " * (placed.start - x))
            line.append_text(self._drawn(placed.entry, key_style, description_style, hover_style, edge_style))
            x = placed.end
        return line

    def _drawn(self, entry: FooterEntry, key: Style, description: Style, hover: Style, edge: Style) -> Text:
        if entry.palette:  # as Footer draws it: a compact key, an edge on its left, a space on its right
            drawn = Text.assemble((EDGE, edge), (entry.key_display, key), (f" {entry.description}", description), " ")
        else:
            drawn = Text.assemble((f" {entry.key_display} ", key), (f"{entry.description} ", description))
        if entry == self.hovered:  # as FooterKey:hover: the key's own colours, on the hover background
            drawn.stylize(Style(bgcolor=hover.bgcolor))
        if entry.disabled:
            drawn.stylize(Style(dim=True))
        return drawn

    def _at(self, x: int) -> FooterEntry | None:
        return next((p.entry for p in self.shown if p.start <= x < p.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._at(event.x)
        self.hovered = entry
        self.tooltip = (entry.tooltip or None) if entry is not None else None

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = None
        self.tooltip = None

    def watch_hovered(self, entry: FooterEntry | None) -> None:
        """A hand over a key that can be pressed, as over a FooterKey."""
        pressable = entry is not None and not entry.disabled
        if (self.styles.pointer == "pointer") != pressable:
            self.styles.pointer = "pointer" if pressable else "default"

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self._at(event.x)
        if entry is not None and not entry.disabled:
            event.stop()
            self.app.simulate_key(entry.key)

    def keys_shown(self) -> Iterator[FooterEntry]:
        """The keys on screen now, left to right."""
        return (placed.entry for placed in self.shown)
