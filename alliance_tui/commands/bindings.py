"""What the keys do right now: the live bindings of a screen, merged per action.

Both the help screen and the command palette read this, so what F1 lists and
what the palette offers are always the keys that would actually fire.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.actions import parse as parse_action
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import format_key, key_to_character
from textual.screen import Screen
from textual.widgets import Static

# Textual classes declared with inherit_bindings=False: a class below one of them
# starts its keys afresh from there (Textual 8.2.8, pinned; tests/test_help.py
# checks every key the app has active is listed).
FRESH_KEYS: tuple[type[DOMNode], ...] = (Static,)

EVERYWHERE = "Everywhere"
THIS_SCREEN = "This screen"
GENERAL = "General"


@dataclass
class ScreenAction:
    """One action reachable by key on a screen, with every key that fires it."""

    binding: Binding
    node: DOMNode
    keys: list[str]
    enabled: bool
    group: str
    hidden_by_typing: bool = False  # a focused text field takes this key as a character
    key_taken: bool = False  # the coach's keymap gave this key to another action

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
    return plain_key_label(binding)


def plain_key_label(binding: Binding) -> str:
    """The one key this binding has, ignoring a shared display like '1-9'."""
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


def binding_chain(screen: Screen[object]) -> list[tuple[DOMNode, list[tuple[Binding, bool]]]]:
    """Each node from the focused widget up, with all its bindings after the keymap.

    Unlike Screen.active_bindings this keeps keys that a focused text field or a
    widget's own binding hides right now: the action still exists, and the
    palette can run it whatever has focus. A binding whose key the coach's
    keymap gave to another action is kept too, flagged True.
    """
    app = screen.app
    focused = screen.focused
    nodes: list[DOMNode] = list(focused.ancestors_with_self) if focused is not None else [screen, app]
    for index, node in enumerate(nodes, 1):
        if node.is_modal:  # a dialog: only its own keys, plus the app's priority keys below
            nodes = nodes[:index]
            break
    chain: list[tuple[DOMNode, list[tuple[Binding, bool]]]] = []
    for node in nodes:
        chain.append((node, _with_keymap(node)))
    if app not in nodes:
        chain.append((app, [(binding, taken) for binding, taken in _with_keymap(app) if binding.priority]))
    return chain


def _with_keymap(node: DOMNode) -> list[tuple[Binding, bool]]:
    """The node's bindings after the keymap, plus those whose only key it gave away (flagged).

    Textual drops a displaced binding that has an id without reporting a clash,
    so the displaced ones are found by comparing before and after.
    """
    bindings_map = declared_bindings(type(node))
    before = [binding for _, binding in bindings_map]
    keymap: dict[str, str] = getattr(node.app, "keymap_in_use", {})  # what AllianceApp gave App.set_keymap
    if keymap:
        bindings_map.apply_keymap(keymap)
    after = [binding for _, binding in bindings_map]
    still_bound = {(binding.id, binding.action) for binding in after}
    displaced = [binding for binding in before if (binding.id, binding.action) not in still_bound]
    return [(binding, False) for binding in after] + [(binding, True) for binding in displaced]


def declared_bindings(cls: type[DOMNode]) -> BindingsMap:
    """A node class's keys as Textual merges them: each class's BINDINGS over its bases'.

    A key bound again lower down replaces the base class's binding of it.
    """
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if not issubclass(base, DOMNode):
            continue
        if base in FRESH_KEYS:
            keys.clear()
        keys.update(BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings)
    return BindingsMap.from_keys(keys)


def action_state(app: App[object], action: str, node: DOMNode) -> bool | None:
    """What the action's own node says of it now (check_action): False hides it, None shows it disabled."""
    destination, name, parameters = parse_action(action)
    targets: dict[str, DOMNode | None] = {"": node, "app": app, "screen": app.screen, "focused": app.focused}
    target = targets.get(destination)
    return False if target is None else target.check_action(name, parameters)


def screen_actions(screen: Screen[object]) -> list[ScreenAction]:
    """Every described, non-system action reachable from `screen`, one entry per action and place."""
    app = screen.app
    focused = screen.focused
    merged: dict[tuple[int, str], ScreenAction] = {}
    for node, bindings in binding_chain(screen):
        for binding, key_taken in bindings:
            if binding.system or not binding.description:
                continue
            state = action_state(app, binding.action, node)
            if state is False:  # the screen hides this action right now
                continue
            slot = (id(node), binding.action)
            label = key_label(binding)
            hidden = (
                focused is not None
                and node is not focused
                and not binding.priority
                and focused.check_consume_key(binding.key, key_to_character(binding.key))
            )
            if slot not in merged:
                merged[slot] = ScreenAction(
                    binding=binding,
                    node=node,
                    keys=[label],
                    enabled=bool(state),
                    group=group_name(node, binding),
                    hidden_by_typing=hidden,
                    key_taken=key_taken,
                )
                continue
            action = merged[slot]
            if key_taken:
                continue  # another of its keys still works; list that one
            if action.key_taken:
                action.keys, action.key_taken, action.hidden_by_typing = [label], False, hidden
            elif action.hidden_by_typing and not hidden:
                # 't' is taken by the text field but 'ctrl+t' still works: show only what works.
                action.keys, action.hidden_by_typing = [label], False
            elif hidden == action.hidden_by_typing and label not in action.keys:
                action.keys.append(label)
    # This screen, then the app's own widget keys (the check-in keys...), then keys that work
    # everywhere, then Textual's widget keys (cursor, paging) and its general keys.
    rank: dict[str, int] = {THIS_SCREEN: 0, EVERYWHERE: 2, GENERAL: 4}
    for action in merged.values():
        if action.group not in (THIS_SCREEN, EVERYWHERE, GENERAL):
            rank[action.group] = min(rank.get(action.group, 3), 1 if action.binding.id else 3)
    return sorted(merged.values(), key=lambda a: rank[a.group])


def grouped(actions: list[ScreenAction]) -> dict[str, list[ScreenAction]]:
    groups: dict[str, list[ScreenAction]] = {}
    for action in actions:
        groups.setdefault(action.group, []).append(action)
    return groups
