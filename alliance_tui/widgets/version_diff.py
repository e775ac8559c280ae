"""Alliance changes drawn with a symbol and a word on every line, never colour alone."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..models.alliance import AllianceItem, AllianceVersion
from ..models.diff import ChangeKind, ItemChange, WordChange, word_changes

MARKS = {
    ChangeKind.ADDED: ("+", "added", "green"),
    ChangeKind.REMOVED: ("−", "removed", "red"),
    ChangeKind.REWORDED: ("~", "reworded", "yellow"),
    ChangeKind.RECATEGORISED: (">", "moved", "cyan"),
    ChangeKind.UNCHANGED: (" ", "", "dim"),
}
TAG_WIDTH = 10  # "~ reworded" is the widest tag
# Words changed in a rewording: underlined when new, struck through when gone; the colour only adds to that.
ADDED_WORDS = "bold underline green"
REMOVED_WORDS = "strike red"


def reworded(old: str, new: str, *, new_side: bool, base: str = "") -> Text:
    """One side of a rewording with the words that changed marked: ``new_side`` shows what was added."""
    out = Text(style=base)
    for kind, words in word_changes(old, new):
        if kind is WordChange.SAME:
            out.append(words)
        elif (kind is WordChange.ADDED and new_side) or (kind is WordChange.REMOVED and not new_side):
            core = words.strip()
            lead = words[: len(words) - len(words.lstrip())]
            trail = words[len(lead) + len(core) :]
            out.append(lead)  # spaces around changed words stay unmarked: only words are underlined
            out.append(core, style=ADDED_WORDS if new_side else REMOVED_WORDS)
            out.append(trail)
    return out


def change_tag(kind: ChangeKind) -> Text:
    symbol, word, style = MARKS[kind]
    return Text(f"{symbol} {word}" if word else "", style=f"bold {style}")


def hanging(rows: list[tuple[Text, Text]], tag_width: int = 14) -> Table:
    """Tag on the left, text on the right, wrapped lines kept under the text."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=tag_width, no_wrap=True)
    table.add_column(ratio=1)
    for tag, body in rows:
        table.add_row(tag, body)
    return table


def change_body(change: ItemChange, *, show_category: bool = True) -> Text:
    """The item's wording, with the old wording or category underneath when it differs."""
    item = change.item
    line = Text()
    if show_category:
        line.append(f"{item.category}: ", style="bold")
    before = change.before
    if change.kind is ChangeKind.REWORDED and before is not None:
        line.append(reworded(before.wording, item.wording, new_side=True))
        line.append("\nwas: ", style="dim")
        line.append(reworded(before.wording, item.wording, new_side=False, base="dim"))
        if before.category != item.category:
            line.append(f"  (and moved from {before.category})", style="dim")
    else:
        line.append(Text(item.wording, style="strike" if change.kind is ChangeKind.REMOVED else ""))
    if change.kind is ChangeKind.RECATEGORISED and before is not None:
        line.append(f"\nmoved from {before.category}", style="dim")
    if item.reason and change.kind is not ChangeKind.UNCHANGED and change.kind is not ChangeKind.REMOVED:
        line.append("\nwhy: ", style="dim")
        line.append(item.reason, style="dim italic")
    return line


def render_diff(changes: list[ItemChange], *, include_unchanged: bool = True) -> Table | Text:
    shown = [c for c in changes if include_unchanged or c.kind is not ChangeKind.UNCHANGED]
    if not shown:
        return Text("No differences: the two versions hold the same agreements.", style="dim")
    return hanging([(change_tag(c.kind), change_body(c)) for c in shown], tag_width=TAG_WIDTH)


def change_counts(changes: list[ItemChange]) -> str:
    """E.g. '1 added, 1 reworded, 1 removed', or 'no changes'."""
    parts = []
    for kind in (ChangeKind.ADDED, ChangeKind.REWORDED, ChangeKind.RECATEGORISED, ChangeKind.REMOVED):
        count = sum(1 for c in changes if c.kind is kind)
        if count:
            parts.append(f"{count} {MARKS[kind][1]}")
    return ", ".join(parts) if parts else "no changes"


def render_version(
    version: AllianceVersion | None,
    marks: dict[str, ChangeKind],
    categories: tuple[str, ...],
    other: AllianceVersion | None = None,
    *,
    new_side: bool = True,
) -> Group | Text:
    """A whole version grouped by category, each item tagged with how it differs from the other side.

    Wrapped wording stays under the wording, so a narrow column still reads as a list. Given the
    ``other`` side, a reworded item marks the words that changed (added on the new side, gone on the old).
    """
    others = {i.id: i.wording for i in other.items} if other else {}

    def wording(item: AllianceItem) -> Text:
        if marks.get(item.id) is ChangeKind.REWORDED and item.id in others:
            old, new = (others[item.id], item.wording) if new_side else (item.wording, others[item.id])
            return reworded(old, new, new_side=new_side)
        return Text(item.wording)

    if version is None:
        return Text("(nothing agreed yet)", style="dim")
    tag_width = TAG_WIDTH if marks else 1  # the same on both sides of a comparison, so rows line up
    parts: list[Table | Text] = []
    for category, items in version.by_category(categories):
        parts.append(Text(category, style="bold underline"))
        rows = [(change_tag(marks.get(item.id, ChangeKind.UNCHANGED)), wording(item)) for item in items]
        parts.append(hanging(rows, tag_width=tag_width))
    return Group(*parts) if parts else Text("(no agreements in this version)", style="dim")


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


def side_column(
    version: AllianceVersion | None,
    marks: dict[str, ChangeKind],
    categories: tuple[str, ...],
    other: AllianceVersion | None = None,
    *,
    new_side: bool = True,
) -> Group:
    """One side of a side-by-side comparison, headed by its version number."""
    heading = Text(f"Version {version.number}" if version else "Before", style="bold reverse")
    return Group(heading, Text(), render_version(version, marks, categories, other, new_side=new_side))


def item_line(item: AllianceItem) -> Text:
    return Text.assemble((f"{item.category}: ", "bold"), item.wording)
