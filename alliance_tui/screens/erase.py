"""Erasing a client for good, opened only on purpose by the coach.

The coach types the client's name to confirm (archiving is the gentle option and
is offered in the text); afterwards the dialog says exactly what was removed.
It also offers "Archive instead". Callers push it and get the report back, or
None when nothing was erased (the client may have been archived instead)::

    from alliance_tui.screens.erase import EraseClientScreen

    self.app.push_screen(EraseClientScreen(client_id), callback)  # callback(ErasureReport | None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ..models.wording import plural
from ..store import PracticeStore, StoreError
from ..store.erase import ErasureReport, erase_client, names_match
from ..widgets.inputs import TextInput

if TYPE_CHECKING:
    from ..app import AllianceApp


class EraseClientScreen(ModalScreen[ErasureReport | None]):
    CSS_PATH = "erase.tcss"

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Cancel",
            id="erase.cancel",
            tooltip="Close without erasing anything (or close the report once erased)",
        ),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.report: ErasureReport | None = None

    @property
    def store(self) -> PracticeStore:
        return cast("AllianceApp", self.app).store

    def _held(self) -> str:
        try:
            record = self.store.record(self.client_id)
        except StoreError:
            return "their file (it cannot be read, but it will still be removed)"
        parts = [
            (len(record.sessions), "session"),
            (len(record.notes), "note"),
            (len(record.commitments), "commitment"),
            (len(record.versions), "alliance version"),
        ]
        held = ", ".join(plural(n, noun) for n, noun in parts if n)
        return f"their file ({held})" if held else "their file"

    def compose(self) -> ComposeResult:
        name = self.store.summary(self.client_id).name
        with Vertical(id="erase-dialog"):
            yield Static(Text(f"Erase {name} for good?", style="bold"), id="erase-title")
            yield Static(
                Text(
                    f"This removes every record of {name}: {self._held()}, every recap and document exported "
                    "for them, and their copies in the automatic backups. It cannot be undone.\n"
                    "To hide a client and keep their records, archive them instead."
                ),
                id="erase-body",
            )
            yield Static(Text(f"Type {name} to confirm:"), id="erase-prompt")
            yield TextInput(id="erase-name", placeholder="the client's name")
            yield Static("", id="erase-message")
            with Horizontal(id="erase-buttons"):
                yield Button("Erase for good", id="erase-confirm", variant="error", disabled=True)
                if not self.store.summary(self.client_id).archived:
                    yield Button("Archive instead", id="erase-archive")
                yield Button("Keep (Esc)", id="erase-keep")

    def on_mount(self) -> None:
        self.query_one("#erase-name", TextInput).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        name = self.store.summary(self.client_id).name
        self.query_one("#erase-confirm", Button).disabled = not names_match(event.value, name)
        self.query_one("#erase-message", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._erase(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "erase-confirm":
            self._erase(self.query_one("#erase-name", TextInput).value)
        elif event.button.id == "erase-archive":
            self._archive()
        else:
            self.action_close()

    def _archive(self) -> None:
        """The gentle option: hidden from the client list, every record kept."""
        try:
            client = self.store.set_archived(self.client_id, True)
        except StoreError as exc:
            self.query_one("#erase-message", Static).update(Text(exc.message))
            return
        self.notify(
            f"{client.name} is archived: hidden from the client list, every record kept.",
            title="Archived",
            markup=False,
        )
        self.dismiss(None)

    def _erase(self, typed: str) -> None:
        if self.report is not None:
            return
        message = self.query_one("#erase-message", Static)
        try:
            self.report = erase_client(self.store, self.client_id, typed)
        except StoreError as exc:
            message.update(Text(exc.message))
            return
        self._show_report(self.report)

    def _show_report(self, report: ErasureReport) -> None:
        self.query_one("#erase-title", Static).update(Text(f"{report.name} has been erased", style="bold"))
        self.query_one("#erase-body", Static).update(Text(report.details))
        for selector in ("#erase-prompt", "#erase-name", "#erase-message", "#erase-confirm", "#erase-archive"):
            for widget in self.query(selector):
                widget.display = False
        keep = self.query_one("#erase-keep", Button)
        keep.label = "Close"
        keep.focus()

    def action_close(self) -> None:
        self.dismiss(self.report)
