"""What the keys do right now: the live bindings of a screen, merged per action.

Both the help screen and the command palette read this, so what F1 lists and
what the palette offers are always the keys that would actually fire.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import Screen

EVERYWHERE = "Everywhere"
THIS_SCREEN = "This screen"
GENERAL = "General (Textual)"


@dataclass
class ScreenAction:
    """One action reachable by key on a screen, with every key that fires it."""

    binding: Binding
    node: DOMNode
    keys: list[str]
    enabled: bool
    group: str

    @property
    def description(self) -> str:
        return self.binding.description

    @property
    def tooltip(self) -> str:
        return self.binding.tooltip

    @property
    def action(self) -> str:
        return self.binding.action

    @property
    def key_label(self) -> str:
        return " / ".join(self.keys)


def key_label(binding: Binding) -> str:
    """A key spelled out for someone who does not live in a terminal: 'ctrl+p', 'f1', '?'."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    return "+".join([*modifiers, format_key(key)])


def group_name(node: DOMNode, binding: Binding) -> str:
    if binding.id is None and isinstance(node, App | Screen):
        return GENERAL  # Textual's own keys (focus, copy...), listed last
    if isinstance(node, App):
        return EVERYWHERE
    if isinstance(node, Screen):
        return THIS_SCREEN
    label = node.id or type(node).__name__
    return f"In {label.replace('_', ' ').replace('-', ' ')}"


def screen_actions(screen: Screen[object]) -> list[ScreenAction]:
    """Every described, non-system binding active on `screen`, one entry per action and place."""
    merged: dict[tuple[int, str], ScreenAction] = {}
    live = list(screen.active_bindings.values())
    app = screen.app
    if not any(active.node is app for active in live):
        # A dialog hides the app's keys from active_bindings, but priority ones still fire.
        taken = {active.binding.key for active in live}
        app_bindings = next((b for node, b in screen._binding_chain if node is app), None)
        for key, binding in app_bindings or ():
            if binding.priority and key not in taken:
                live.append(ActiveBinding(app, binding, True, binding.tooltip))
    for active in live:
        binding = active.binding
        if binding.system or not binding.description:
            continue
        slot = (id(active.node), binding.action)
        label = key_label(binding)
        if slot in merged:
            if label not in merged[slot].keys:
                merged[slot].keys.append(label)
            continue
        merged[slot] = ScreenAction(
            binding=binding,
            node=active.node,
            keys=[label],
            enabled=active.enabled,
            group=group_name(active.node, binding),
        )
    order = {THIS_SCREEN: 0, EVERYWHERE: 1, GENERAL: 3}
    return sorted(merged.values(), key=lambda a: order.get(a.group, 2))


def grouped(actions: list[ScreenAction]) -> dict[str, list[ScreenAction]]:
    groups: dict[str, list[ScreenAction]] = {}
    for action in actions:
        groups.setdefault(action.group, []).append(action)
    return groups
