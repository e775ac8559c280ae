"""Every version of the alliance, in order, and any two compared.

The highlighted version is compared with the one before it, or with a version
the coach pinned as the base (b); the comparison reads as a diff or side by side (v).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..models.alliance import AllianceVersion
from ..models.diff import diff_versions
from ..models.record import ClientRecord
from ..models.wording import plural
from ..store import StoreError
from ..widgets.app_header import AppHeader
from ..widgets.footer import KeyFooter
from ..widgets.version_diff import change_counts, render_diff, side_column, side_marks
from .base import AllianceScreen
from .dashboard import short_date


def version_label(version: AllianceVersion, *, base: bool = False) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"v{version.number:<3}", style="bold")
    text.append(f"{short_date(version.created):>11}  ")
    if version.session_number is not None:
        text.append(f"session {version.session_number:<2}")
    else:
        text.append("intake    " if version.number == 1 else "between   ")
    if version.full_design:
        text.append("  ★ full design", style="bold")
    if version.revisit:
        text.append("  ↻ revisit", style="bold")
    if base:
        text.append("  ◆ base", style="bold reverse")
    if version.reason:
        text.append("  ")
        text.append(version.reason.splitlines()[0], style="italic")
    return text


def revisit_lines(version: AllianceVersion) -> Text:
    """What a revisit decided and why (changes and drops; kept ones are the diff's unchanged), and the answers."""
    text = Text()
    for decision in version.decisions:
        if decision.decision.value == "keep" or not decision.reason:
            continue
        text.append(f"\n{decision.decision.value}: ", style="bold")
        text.append(decision.wording)
        text.append(f" (why: {decision.reason})", style="dim")
    for answer in version.answers:
        text.append(f"\n{answer.question} ", style="bold")
        text.append(answer.answer)
    return text


class AllianceHistoryScreen(AllianceScreen):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back", tooltip="Back to where you came from"),
        Binding(
            "b",
            "pin_base",
            "Compare against",
            id="history.base",
            tooltip="Compare every version with this one (b again clears it)",
        ),
        Binding(
            "v",
            "toggle_view",
            "Diff / side by side",
            id="history.view",
            tooltip="Show the comparison as a diff or as two columns",
        ),
        Binding(
            "u",
            "toggle_unchanged",
            "Unchanged",
            id="history.unchanged",
            tooltip="Show or hide agreements that did not change",
        ),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.record: ClientRecord | None = None
        self.base: int | None = None  # a pinned version number, or None for "the one before"
        self.side_by_side = False
        self.show_unchanged = True

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="history-title")
        yield OptionList(id="versions")
        yield Static(id="compare-title")
        with VerticalScroll(id="compare"):
            yield Static(id="diff")
            with Horizontal(id="side-by-side"):
                yield Static(id="side-old", classes="side")
                yield Static(id="side-new", classes="side")
        yield KeyFooter()

    def on_mount(self) -> None:
        try:
            self.record = self.store.alliance_history(self.client_id)
        except StoreError as exc:
            self.query_one("#history-title", Static).update(Text(exc.message))
            return
        self.sub_title = f"{self.record.client.name}: alliance history"
        versions = self.record.versions
        title = Text(f"{self.record.client.name}: {plural(len(versions), 'version')} of the alliance, oldest first")
        self.query_one("#history-title", Static).update(title)
        self.fill_versions()
        option_list = self.query_one("#versions", OptionList)
        if versions:
            option_list.highlighted = len(versions) - 1
        option_list.focus()
        self.show_comparison()

    def fill_versions(self) -> None:
        assert self.record is not None
        option_list = self.query_one("#versions", OptionList)
        keep = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(
            Option(version_label(v, base=v.number == self.base), id=f"v{v.number}") for v in self.record.versions
        )
        if keep is not None:
            option_list.highlighted = keep

    def selected(self) -> AllianceVersion | None:
        if self.record is None or not self.record.versions:
            return None
        index = self.query_one("#versions", OptionList).highlighted
        return self.record.versions[index if index is not None else -1]

    def show_comparison(self) -> None:
        if self.record is None:
            return
        title = self.query_one("#compare-title", Static)
        diff = self.query_one("#diff", Static)
        sides = self.query_one("#side-by-side", Horizontal)
        new = self.selected()
        if new is None:
            title.update(Text("No versions yet: the alliance has not been written down."))
            diff.display = sides.display = False
            return
        old: AllianceVersion | None
        if self.base is not None and self.base != new.number:
            old = self.record.versions[self.base - 1]
        else:
            old = self.record.versions[new.number - 2] if new.number > 1 else None
        changes = diff_versions(old, new)
        heading = Text()
        heading.append(f"v{old.number} → v{new.number}" if old else f"v{new.number}, the first version", style="bold")
        heading.append(f": {change_counts(changes)}")
        after = self.record.session_of(new)
        when = (
            f"in session {new.session_number}"
            if new.session_number
            else (f"after session {after}" if after else "at intake")
        )
        heading.append(f"\nSaved {short_date(new.created)}, {when}. Why: ", style="dim")
        heading.append(new.reason or "no reason given", style="italic")
        if new.revisit:
            heading.append_text(revisit_lines(new))
        title.update(heading)
        diff.display = not self.side_by_side
        sides.display = self.side_by_side
        if self.side_by_side:
            old_marks, new_marks = side_marks(changes)
            categories = self.store.categories()
            self.query_one("#side-old", Static).update(side_column(old, old_marks, categories, new, new_side=False))
            self.query_one("#side-new", Static).update(side_column(new, new_marks, categories, old))
        else:
            diff.update(render_diff(changes, include_unchanged=self.show_unchanged))

    @on(OptionList.OptionHighlighted, "#versions")
    def _moved(self) -> None:
        self.show_comparison()

    def action_pin_base(self) -> None:
        version = self.selected()
        if version is None:
            return
        self.base = None if self.base == version.number else version.number
        self.fill_versions()
        self.show_comparison()
        if self.base:
            self.notify(f"Comparing against v{self.base}: move to another version to see the difference.", timeout=4)

    def action_toggle_view(self) -> None:
        self.side_by_side = not self.side_by_side
        self.show_comparison()

    def action_toggle_unchanged(self) -> None:
        self.show_unchanged = not self.show_unchanged
        self.show_comparison()

    def action_back(self) -> None:
        self.dismiss()
