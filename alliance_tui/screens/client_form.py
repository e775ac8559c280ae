"""Adding a client: a short form, checked as the coach saves, nothing typed ever lost."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from ..models.client import DEFAULT_PROGRAMME, DEFAULT_SESSION_MINUTES, DEFAULT_THINK_TIME
from ..store import PracticeStore, ReadOnlyPractice, StoreError
from ..widgets.app_header import AppHeader
from ..widgets.editor import TextEditor
from ..widgets.footer import KeyFooter
from ..widgets.inputs import TextInput

NUMBER_FIELDS = {
    # field id: (what the coach calls it, smallest, largest, unit)
    "programme_sessions": ("Programme length", 1, 500, "sessions"),
    "session_minutes": ("Session length", 5, 480, "minutes"),
    "think_time_seconds": ("Think time", 5, 600, "seconds"),
    "contacts_between_sessions": ("Contacts between sessions", 0, 99, "contacts"),
}


def parse_number(raw: str, field: str) -> int:
    """A whole number within the field's range, or ValueError with a sentence for the coach."""
    label, low, high, unit = NUMBER_FIELDS[field]
    text = raw.strip()
    if not text:
        raise ValueError(f"{label} cannot be empty: give a number of {unit}.")
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{label} must be a whole number of {unit}, like {low if low > 1 else 12}.") from None
    if not low <= value <= high:
        raise ValueError(f"{label} must be between {low} and {high} {unit}.")
    return value


class ClientFormScreen(Screen[str | None]):
    """Adds a client, or edits one when given a client id.

    Dismisses with the client's id once saved, or None when the coach cancels.
    """

    CSS_PATH = "client_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save client", id="client_form.save", tooltip="Check the form and save the client"),
        Binding("escape", "cancel", "Cancel", id="client_form.cancel", tooltip="Leave without saving anything"),
    ]

    def __init__(self, client_id: str | None = None) -> None:
        super().__init__()
        self.client_id = client_id

    @property
    def store(self) -> PracticeStore:
        store: PracticeStore = self.app.store  # type: ignore[attr-defined]
        return store

    @property
    def default_think_time(self) -> int:
        """The coach's own default from the config file's [preferences], else the product's."""
        preferences = getattr(self.app, "preferences", None)
        chosen = preferences.think_time_seconds if preferences is not None else None
        return chosen if chosen is not None else DEFAULT_THINK_TIME

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="form"):
            yield Static(id="form-title")
            yield Static(id="message")
            with Horizontal(classes="pair"):
                yield Label("Name (required)")
                yield TextInput(id="name", placeholder="e.g. Alex Morgan")
            with Horizontal(classes="pair"):
                yield Label("Pronouns")
                yield TextInput(id="pronouns", placeholder="e.g. she/her")
            with Horizontal(classes="pair"):
                yield Label("Contact")
                yield TextInput(id="contact", placeholder="email or phone")
            with Horizontal(classes="pair"):
                yield Label("Programme (sessions)")
                yield TextInput(str(DEFAULT_PROGRAMME), id="programme_sessions", type="text")
            with Horizontal(classes="pair"):
                yield Label("Session (minutes)")
                yield TextInput(str(DEFAULT_SESSION_MINUTES), id="session_minutes", type="text")
            with Horizontal(classes="pair"):
                yield Label("Think time (seconds)")
                yield TextInput(str(self.default_think_time), id="think_time_seconds", type="text")
            with Horizontal(classes="pair"):
                yield Label("Contacts agreed")
                yield TextInput(
                    "0",
                    id="contacts_between_sessions",
                    type="text",
                    tooltip="How many contacts between two sessions are fine (0: nothing agreed)",
                )
            yield Label("Discovery notes: what you learned before the first session")
            yield TextEditor(id="discovery_notes", soft_wrap=True)
            yield Checkbox("Pro bono: unpaid coaching, counted apart in the hours log", id="pro_bono")
            yield Checkbox(
                "Named in the hours log: the client agreed to be listed by name (ICF)", id="in_hours_log", value=True
            )
            yield Checkbox("Archived: the programme has ended (hidden from the dashboard)", id="archived")
            with Horizontal(id="buttons"):
                yield Button("Save client", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        title = self.query_one("#form-title", Static)
        archived = self.query_one("#archived", Checkbox)
        archived.display = self.client_id is not None
        if self.client_id is None:
            title.update("New client: Tab moves between fields, ctrl+s saves")
        else:
            try:
                client = self.store.present(self.client_id).client
            except StoreError as exc:
                self.say(exc.message)
                return
            title.update(Text(f"{client.name}'s details: Tab moves between fields, ctrl+s saves"))
            for name in ("name", "pronouns", "contact"):
                self.query_one(f"#{name}", Input).value = getattr(client, name)
            for name in NUMBER_FIELDS:
                self.query_one(f"#{name}", Input).value = str(getattr(client, name))
            self.query_one("#discovery_notes", TextArea).text = client.discovery_notes
            archived.value = client.archived
            self.query_one("#pro_bono", Checkbox).value = client.pro_bono
            self.query_one("#in_hours_log", Checkbox).value = client.in_hours_log
        self.query_one("#name", Input).focus()

    def say(self, message: str, *, problem: bool = True) -> None:
        widget = self.query_one("#message", Static)
        widget.update(Text(message))
        widget.set_class(problem, "problem")
        self.query_one("#form", VerticalScroll).scroll_home(animate=False)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("name", "pronouns", "contact")}
        numbers: dict[str, int] = {}
        for field in NUMBER_FIELDS:
            try:
                numbers[field] = parse_number(self.query_one(f"#{field}", Input).value, field)
            except ValueError as exc:
                self.say(str(exc))
                self.query_one(f"#{field}", Input).focus()
                return
        notes = self.query_one("#discovery_notes", TextArea).text
        hours_log = {name: self.query_one(f"#{name}", Checkbox).value for name in ("pro_bono", "in_hours_log")}
        try:
            if self.client_id is None:
                client = self.store.add_client(
                    values["name"],
                    pronouns=values["pronouns"],
                    contact=values["contact"],
                    discovery_notes=notes,
                    **hours_log,
                    **numbers,
                )
            else:
                client = self.store.update_client(
                    self.client_id,
                    name=values["name"],
                    pronouns=values["pronouns"],
                    contact=values["contact"],
                    discovery_notes=notes,
                    archived=self.query_one("#archived", Checkbox).value,
                    **hours_log,
                    **numbers,
                )
        except ReadOnlyPractice as exc:
            self.say(exc.message)
            return
        except StoreError as exc:
            self.say(exc.message)
            if exc.message.startswith(("Name", "There is already")):
                self.query_one("#name", Input).focus()
            return
        self.notify(f"{client.name} {'added' if self.client_id is None else 'saved'}.", timeout=4, markup=False)
        self.dismiss(client.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
