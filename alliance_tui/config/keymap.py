"""Remapping keys: which binding ids exist, which key names Textual knows, the sample file.

The ids come from the classes themselves (every screen and widget of the app),
so a binding added to any screen is remappable, listed in the sample config and
checked for an id, a description and a tooltip, without anyone registering it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, Keys, _character_to_key

from ..models.config import MODIFIERS, ConfigProblem, UserConfig

PACKAGE = "alliance_tui"
_SCANNED_PACKAGES = ("alliance_tui.screens", "alliance_tui.widgets")
_NAMED_KEYS = frozenset(
    {name for key in Keys if not (name := key.value.rpartition("+")[2]).startswith("<") and name != "ctrl-at"}
    | set(KEY_NAME_REPLACEMENTS.values())
    | set(KEY_TO_UNICODE_NAME)
    | {"minus", "plus", "comma", "full_stop", "slash", "colon", "semicolon", "exclamation_mark"}
)

# Keys that never type into a text field, so an action that works while typing may use them.
# (Arrows, enter, tab, escape and paging all do something in a text field, so they are not.)
_TYPING_SAFE = frozenset({f"f{n}" for n in range(1, 25)} | {"insert"})


@dataclass(frozen=True)
class BindingInfo:
    """One remappable binding, as declared in a class's BINDINGS."""

    id: str
    key: str
    action: str
    description: str
    tooltip: str
    owner: str  # the class that declares it, e.g. "SessionScreen"
    priority: bool = False  # fires even while the coach types in a text field


@dataclass
class KeymapResult:
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[ConfigProblem] = field(default_factory=list)


def _import_screens_and_widgets() -> None:
    """Import every screen and widget module, so their classes (and bindings) exist."""
    for package_name in _SCANNED_PACKAGES:
        try:
            package = importlib.import_module(package_name)
        except Exception:  # a module being broken must not stop the app opening
            continue
        for module in pkgutil.iter_modules(package.__path__, prefix=f"{package_name}."):
            try:
                importlib.import_module(module.name)
            except Exception:
                continue


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _as_bindings(declared: Iterable[BindingType]) -> Iterator[Binding]:
    for item in declared:
        yield item if isinstance(item, Binding) else Binding(*item)


def declared_bindings(classes: Iterable[type] | None = None) -> list[tuple[type, Binding]]:
    """Every binding the app's own classes declare (not those inherited from Textual)."""
    if classes is None:
        _import_screens_and_widgets()
        from ..app import AllianceApp

        classes = [AllianceApp, *_subclasses(DOMNode)]
    found: list[tuple[type, Binding]] = []
    seen: set[type] = set()
    for cls in classes:
        if cls in seen or not cls.__module__.startswith(PACKAGE):
            continue
        seen.add(cls)
        for binding in _as_bindings(cls.__dict__.get("BINDINGS", ())):
            found.append((cls, binding))
    return found


def binding_catalogue(classes: Iterable[type] | None = None) -> dict[str, BindingInfo]:
    """Binding id -> what it is; the first declaration of an id wins."""
    catalogue: dict[str, BindingInfo] = {}
    for cls, binding in declared_bindings(classes):
        if binding.id and not binding.system and binding.id not in catalogue:
            catalogue[binding.id] = BindingInfo(
                id=binding.id,
                key=binding.key,
                action=binding.action,
                description=binding.description,
                tooltip=binding.tooltip,
                owner=cls.__name__,
                priority=binding.priority,
            )
    return catalogue


def normalize_key(key: str) -> str:
    """The key as Textual names it: '?' -> 'question_mark', 'Ctrl+/' -> 'ctrl+slash'."""
    if len(key) == 1:
        return _character_to_key(key)
    if key.endswith("++"):
        modifiers, name = key[:-2].split("+"), "+"
    else:
        *modifiers, name = key.split("+")
    modifiers = [m.lower() for m in modifiers if m]
    name = _character_to_key(name) if len(name) == 1 else name.lower()
    return "+".join([*modifiers, name])


def key_name_problem(key: str) -> str | None:
    """Why a key (already syntactically sound) is not one Textual can receive."""
    normalized = normalize_key(key)
    *modifiers, name = normalized.split("+")
    if any(m not in MODIFIERS for m in modifiers):
        return f"{key!r} has an unknown modifier"
    if name in _NAMED_KEYS or (len(name) == 1 and name.isprintable()):
        return None
    try:
        character = unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        character = ""
    if len(character) == 1 and character.isprintable():
        return None
    return f"{key!r} is not a key name (try 'f2', 'ctrl+p', 'escape', 'space' or a single character)"


def typing_key_problem(key: str) -> str | None:
    """A key a text field uses cannot drive an action that works while typing."""
    normalized = normalize_key(key)
    modifiers = normalized.split("+")[:-1]
    if any(m in ("ctrl", "alt", "meta", "super", "hyper") for m in modifiers):
        return None
    name = normalized.rpartition("+")[2]
    if name in _TYPING_SAFE:
        return None
    return (
        f"{key!r} is used while typing, and this action works even while you type a note: "
        "give it a key like 'f2' or 'ctrl+k'"
    )


def resolve_keymap(config: UserConfig, catalogue: Mapping[str, BindingInfo]) -> KeymapResult:
    """The keymap to hand to App.set_keymap, and every entry that had to be left out."""
    result = KeymapResult()
    for binding_id, keys in config.keys.items():
        entry = f"[keys] {binding_id}"
        line = config.lines.get(binding_id)
        if binding_id not in catalogue:
            suggestion = _closest(binding_id, catalogue)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            result.problems.append(
                ConfigProblem(message=f"unknown action id {binding_id!r}{hint}", line=line, entry=entry)
            )
            continue
        names = keys.split(",")
        problem = next((p for p in map(key_name_problem, names) if p), None)
        if problem is None and catalogue[binding_id].priority:
            problem = next((p for p in map(typing_key_problem, names) if p), None)
        if problem:
            result.problems.append(ConfigProblem(message=problem, line=line, entry=entry))
            continue
        result.keymap[binding_id] = ",".join(normalize_key(name) for name in names)
    result.problems += _clashes(result.keymap, catalogue, config.lines)
    return result


def _keys_of(binding_id: str, keymap: Mapping[str, str], catalogue: Mapping[str, BindingInfo]) -> set[str]:
    keys = keymap.get(binding_id) or catalogue[binding_id].key
    return {normalize_key(key.strip()) for key in keys.split(",") if key.strip()}


def _clashes(
    keymap: Mapping[str, str], catalogue: Mapping[str, BindingInfo], lines: Mapping[str, int]
) -> list[ConfigProblem]:
    """A remapped key that another action of the same screen (or of the app, whose keys
    work on every screen) still uses. Textual drops the other action's key without a word,
    so the coach hears it from us; the remap still applies."""
    problems: list[ConfigProblem] = []
    for binding_id in keymap:
        mine = catalogue[binding_id]
        defaults = {normalize_key(key.strip()) for key in mine.key.split(",") if key.strip()}
        new_keys = _keys_of(binding_id, keymap, catalogue) - defaults
        if not new_keys:
            continue
        for other in catalogue.values():
            if other.id == binding_id:
                continue
            same_place = other.owner == mine.owner or "AllianceApp" in (other.owner, mine.owner)
            shared = new_keys & _keys_of(other.id, keymap, catalogue)
            if same_place and shared:
                problems.append(
                    ConfigProblem(
                        message=f"{', '.join(sorted(shared))} is also the key of {other.description!r} "
                        f"({owner_label(other.owner)}); one of the two loses it there, and both stay "
                        "in the command palette (ctrl+p)",
                        line=lines.get(binding_id),
                        entry=f"[keys] {binding_id}",
                        applied=True,
                    )
                )
    return problems


def _closest(wanted: str, catalogue: Mapping[str, BindingInfo]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(wanted, list(catalogue), n=1, cutoff=0.6)
    return matches[0] if matches else None


def sample_config(catalogue: Mapping[str, BindingInfo], path_label: str = "config.toml") -> str:
    """A commented config file listing every remappable action with its default key."""
    lines = [
        f"# Alliance TUI configuration: {path_label}",
        "#",
        '# Remap a key: uncomment its line and change the key. Several keys: "p,f5".',
        f"# Modifiers: {', '.join(MODIFIERS)}. Named keys: f1..f12, escape, enter, tab,",
        "# space, up, down, left, right, home, end, pageup, pagedown, delete, backspace.",
        "# Anything wrong here is reported when the app opens; the rest still applies.",
        "",
        "[keys]",
    ]
    width = max((len(info.id) + len(info.key) for info in catalogue.values()), default=0) + 6
    owner = None
    for info in sorted(catalogue.values(), key=lambda i: (i.owner != "AllianceApp", i.owner, i.id)):
        if info.owner != owner:
            owner = info.owner
            lines += ["", f"# --- {owner_label(owner)}"]
        assignment = f'{info.id} = "{info.key}"'
        lines.append(f"# {assignment.ljust(width)} # {info.description}")
    lines += [
        "",
        "# Your own preferences, the same for every practice you open.",
        "[preferences]",
        '# theme = "textual-dark"          # also saved here when you pick a theme in the palette',
        "# think_time_seconds = 30         # the think time a new client starts with (5 to 600)",
        '# calendar = "~/calendar.ics"    # an .ics file or folder, read offline for alliance-tui today',
        "# lock_after_minutes = 15         # an encrypted practice locks its screen after this long idle (0: never)",
    ]
    return "\n".join(lines) + "\n"


def owner_label(class_name: str) -> str:
    """'AccountabilityPane' -> 'Accountability pane'; the app's own keys work everywhere."""
    if class_name == "AllianceApp":
        return "Everywhere"
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", class_name.removesuffix("Screen")) or [class_name]
    return " ".join([words[0], *(word.lower() for word in words[1:])])
