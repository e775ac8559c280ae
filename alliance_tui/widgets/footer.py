"""A Footer that rebuilds its keys only when what it shows has changed.

Textual's Footer recomposes every time a screen's bindings are updated, and
they are updated on every focus change and every refresh_bindings(): opening a
session screen asked for eight rebuilds of fifteen keys each, most of them
identical, which was most of the time it took to open. This one coalesces the
requests made within one frame, skips a rebuild that would draw the same keys
again, and when only the keys' words change (focus moved from one pane to
another) relabels the keys it has instead of mounting new ones.

It also never cuts a key in half: the keys that do not fit beside the command
palette's key are left out, later ones first (so a screen lists its keys in
order of importance; F1 help and the palette list them all),
so a narrow terminal shows fewer keys rather than "^pComm ands".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class KeyPlan:
    """One FooterKey as Footer.compose would make it."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    palette: bool


class SteadyFooter(Footer):
    def __init__(self, *, id: str | None = None, classes: str | None = None, compact: bool = False) -> None:
        super().__init__(id=id, classes=classes, compact=compact)
        self._shown: tuple[KeyPlan, ...] | None = None
        self._rebuild_pending = False

    def compose(self) -> ComposeResult:
        """Footer's keys, made in the footer's style from the start.

        A FooterKey starts compact and is then bound to the footer's style, so
        each key changed class twice while mounting, and every class change
        restyles a widget at once: about 20 keys on every screen opened. The
        command palette's key is not bound and stays compact, as in Footer.
        """
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def _plan(self) -> tuple[KeyPlan, ...] | None:
        """The keys compose() would yield, in order; None when it would group some (then it recomposes)."""
        active = self.screen.active_bindings
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        plan: list[KeyPlan] = []
        groups: defaultdict[object, int] = defaultdict(int)
        for entries in by_action.values():
            binding, enabled, tooltip = entries[0]
            if binding.group is not None:
                groups[binding.group] += 1
            display = self.app.get_key_display(binding)
            plan.append(KeyPlan(binding.key, display, binding.description, binding.action, not enabled, tooltip, False))
        if any(count > 1 for count in groups.values()):
            return None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                tip = binding.tooltip or binding.description
                display = self.app.get_key_display(binding)
                plan.append(KeyPlan(binding.key, display, binding.description, binding.action, not enabled, tip, True))
        return tuple(plan)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        plan = self._plan()
        if plan is not None and plan == self._shown:
            return
        previous, self._shown = self._shown, plan
        if plan is not None and previous is not None and self._relabel(previous, plan):
            self._fit()
            return
        await self.recompose()
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    @staticmethod
    def _width(key: FooterKey) -> int:
        margin = key.styles.margin
        return cell_len(key.render().plain) + key.styles.gutter.width + margin.left + margin.right

    def _fit(self) -> None:
        """Show the keys that fit whole, earlier keys first; leave out the rest."""
        if not self.is_attached or not self.size.width:
            return
        keys = list(self.query_children(FooterKey))
        room = self.size.width
        for key in keys:
            if key.has_class("-command-palette"):
                room -= self._width(key)
        for key in keys:
            if key.has_class("-command-palette"):
                continue
            width = self._width(key)
            fits = width <= room
            if fits:
                room -= width
            if key.display != fits:
                key.display = fits

    def _relabel(self, previous: tuple[KeyPlan, ...], plan: tuple[KeyPlan, ...]) -> bool:
        """Give the existing keys their new words; False when the shape differs and a recompose is needed."""
        keys = list(self.query_children(FooterKey))
        if len(keys) != len(plan) or len(previous) != len(plan):
            return False
        if any(old.palette != new.palette for old, new in zip(previous, plan, strict=True)):
            return False
        for widget, new in zip(keys, plan, strict=True):
            widget.key = new.key
            widget.key_display = new.key_display
            widget.description = new.description
            widget.action = new.action
            widget._disabled = new.disabled
            widget.set_class(new.disabled, "-disabled")
            widget.tooltip = new.tooltip or None
            widget.refresh(layout=True)
        return True
