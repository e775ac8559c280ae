"""The client list's keys, in footer order: every one holds ctrl or is Enter, so a name typed only filters."""

from __future__ import annotations

from textual.binding import Binding, BindingType

DASHBOARD_BINDINGS: list[BindingType] = [
    Binding(
        "enter",
        "review",
        "Review",
        id="dashboard.review",
        tooltip="Open the client review (Enter): prepare for the call",
    ),
    Binding(
        "ctrl+s",
        "session",
        "Session",
        id="dashboard.session",
        tooltip="Open a session with this client (nothing is written until you log something)",
    ),
    Binding("ctrl+r", "history", "History", id="dashboard.history", tooltip="Every version of this client's alliance"),
    Binding("ctrl+g", "edit", "Edit", id="dashboard.edit", tooltip="Add, reword or remove agreements"),
    Binding("ctrl+n", "add_client", "Add", id="dashboard.add", tooltip="Add a new client to the practice"),
    Binding("ctrl+f", "search", "Search", id="dashboard.search", tooltip="Search notes across the whole practice"),
    Binding(
        "ctrl+d",
        "client_details",
        "Details",
        id="dashboard.details",
        tooltip="Change the client's details: think time, programme length, contact, archived",
        show=False,
    ),
    Binding("ctrl+t", "toggle_archived", "Archived", id="dashboard.archived", tooltip="Show or hide archived clients"),
    Binding(
        "ctrl+l",
        "link_call",
        "Match call",
        id="dashboard.link_call",
        tooltip="The call in the line at the top is with the highlighted client (remembered for its series)",
        show=False,
    ),
    Binding(
        "ctrl+k",
        "contact",
        "Contact",
        id="dashboard.contact",
        tooltip="Log a contact between sessions with this client (a message, an email, a call): type it, Enter",
    ),
    Binding(
        "ctrl+z",
        "undo_contact",
        "Undo contact",
        id="dashboard.undo_contact",
        tooltip="Take back the latest contact logged here (again for the one before)",
        priority=True,
        show=False,
    ),
]
