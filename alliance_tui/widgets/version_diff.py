"""Alliance changes drawn with a symbol and a word on every line, never colour alone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from ..models import AllianceItem, AllianceVersion, ChangeKind, ItemChange

MARKS = {
    ChangeKind.ADDED: ("+", "added", "green"),
    ChangeKind.REMOVED: ("−", "removed", "red"),
    ChangeKind.REWORDED: ("~", "reworded", "yellow"),
    ChangeKind.RECATEGORISED: (">", "moved", "cyan"),
    ChangeKind.UNCHANGED: (" ", "", "dim"),
}
TAG_WIDTH = 11  # "~ reworded " lines the wordings up


def change_tag(kind: ChangeKind) -> Text:
    symbol, word, style = MARKS[kind]
    return Text(f"{symbol} {word}".ljust(TAG_WIDTH), style=f"bold {style}" if word else style)


def render_change(change: ItemChange, *, show_category: bool = True) -> Text:
    """One change, with the old wording or category underneath when it differs."""
    item = change.item
    line = change_tag(change.kind)
    if show_category:
        line.append(f"{item.category}: ", style="bold")
    line.append(Text(item.wording, style="strike" if change.kind is ChangeKind.REMOVED else ""))
    before = change.before
    if change.kind is ChangeKind.REWORDED and before is not None:
        line.append("\n" + " " * TAG_WIDTH + "was: ", style="dim")
        line.append(before.wording, style="dim")
        if before.category != item.category:
            line.append(f"  (and moved from {before.category})", style="dim")
    elif change.kind is ChangeKind.RECATEGORISED and before is not None:
        line.append("\n" + " " * TAG_WIDTH + f"moved from {before.category}", style="dim")
    if item.reason and change.kind is not ChangeKind.UNCHANGED and change.kind is not ChangeKind.REMOVED:
        line.append("\n" + " " * TAG_WIDTH + "why: ", style="dim")
        line.append(item.reason, style="dim italic")
    return line


def render_diff(changes: list[ItemChange], *, include_unchanged: bool = True) -> Text:
    shown = [c for c in changes if include_unchanged or c.kind is not ChangeKind.UNCHANGED]
    if not shown:
        return Text("No differences: the two versions hold the same agreements.", style="dim")
    return Text("\n").join(render_change(c) for c in shown)


def change_counts(changes: list[ItemChange]) -> str:
    """E.g. '1 added, 1 reworded, 1 removed', or 'no changes'."""
    parts = []
    for kind in (ChangeKind.ADDED, ChangeKind.REWORDED, ChangeKind.RECATEGORISED, ChangeKind.REMOVED):
        count = sum(1 for c in changes if c.kind is kind)
        if count:
            parts.append(f"{count} {MARKS[kind][1]}")
    return ", ".join(parts) if parts else "no changes"


def render_version(version: AllianceVersion | None, marks: dict[str, ChangeKind], categories: tuple[str, ...]) -> Text:
    """A whole version grouped by category, each item tagged with how it differs from the other side."""
    if version is None:
        return Text("(nothing agreed yet)", style="dim")
    text = Text()
    for category, items in version.by_category(categories):
        if text:
            text.append("\n")
        text.append(category, style="bold underline")
        for item in items:
            text.append("\n")
            text.append_text(change_tag(marks.get(item.id, ChangeKind.UNCHANGED)))
            text.append(item.wording)
    return text or Text("(no agreements in this version)", style="dim")


def side_marks(changes: list[ItemChange]) -> tuple[dict[str, ChangeKind], dict[str, ChangeKind]]:
    """How each item is tagged on the old side and on the new side."""
    old: dict[str, ChangeKind] = {}
    new: dict[str, ChangeKind] = {}
    for change in changes:
        if change.kind is ChangeKind.REMOVED:
            old[change.item.id] = ChangeKind.REMOVED
        elif change.kind is ChangeKind.ADDED:
            new[change.item.id] = ChangeKind.ADDED
        else:
            old[change.item.id] = change.kind
            new[change.item.id] = change.kind
    return old, new


class SideBySide(Widget):
    """Two versions in two columns."""

    DEFAULT_CSS = """
    SideBySide { height: auto; }
    SideBySide Horizontal { height: auto; }
    SideBySide .side { width: 1fr; height: auto; padding: 0 1; }
    """

    def __init__(
        self,
        old: AllianceVersion | None,
        new: AllianceVersion,
        changes: list[ItemChange],
        categories: tuple[str, ...],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.old, self.new, self.changes, self.categories = old, new, changes, categories

    def compose(self) -> ComposeResult:
        old_marks, new_marks = side_marks(self.changes)
        with Horizontal():
            yield Static(self._column(self.old, old_marks), classes="side")
            yield Static(self._column(self.new, new_marks), classes="side")

    def _column(self, version: AllianceVersion | None, marks: dict[str, ChangeKind]) -> Text:
        title = Text(f"Version {version.number}\n\n" if version else "Before\n\n", style="bold reverse")
        return title + render_version(version, marks, self.categories)


def item_line(item: AllianceItem) -> Text:
    return Text.assemble((f"{item.category}: ", "bold"), item.wording)
