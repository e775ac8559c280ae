"""The client review's keys, in order of importance: a narrow footer leaves out the later ones (F1 lists them all).

A single letter here only shows something (another screen to read, a scroll);
everything that writes, or opens a screen made for writing, holds ctrl, as on
the client list. So a sentence typed here by mistake writes nothing.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

REVIEW_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "Back", id="review.back", tooltip="Back to the practice dashboard"),
    Binding(
        "ctrl+s",
        "session",
        "Session",
        id="review.session",
        tooltip="Start or resume the session with this client (nothing is written until you log something)",
    ),
    Binding("h", "history", "History", id="review.history", tooltip="Every version of the alliance, with diffs"),
    Binding(
        "ctrl+g",
        "edit",
        "Edit",
        id="review.edit",
        tooltip="Edit the alliance: add, reword, recategorise or remove (ctrl+s there saves)",
    ),
    Binding(
        "o",
        "all_sessions",
        "All sessions",
        id="review.all_sessions",
        tooltip="Show every session, not only the latest few",
        show=False,
    ),
    Binding("n", "next_section", "Next section", id="review.next", tooltip="Scroll to the next section", show=False),
    Binding(
        "ctrl+d",
        "client_details",
        "Client details",
        id="review.details",
        tooltip="Change the client's details: think time, programme length, contact, archived",
        show=False,
    ),
    # Sending and erasing (see screens/send_sheet.py, screens/exporting.py and screens/erase.py).
    Binding(
        "ctrl+o",
        "send",
        "Send…",
        id="review.send",
        tooltip="Pick what to write for the client (the latest recap, the alliance document, the intake form): "
        "Enter writes it and copies it",
    ),
    Binding("f", "search", "Search", id="review.search", tooltip="Search this client's notes"),
    Binding(
        "p",
        "prep",
        "Prep sheet",
        id="review.prep",
        tooltip="One page to read before the call: revisit due, open commitments, last focus, the agreement",
    ),
    Binding(
        "ctrl+k",
        "contact",
        "Contact",
        id="review.contact",
        tooltip="Log a contact between sessions (a message, an email, a call): type it, Enter",
    ),
    Binding(
        "ctrl+z",
        "undo_contact",
        "Undo",
        id="review.undo_contact",
        tooltip="Take back the latest contact or intake form added here (again for the one before)",
        priority=True,
        show=False,
    ),
    Binding(
        "ctrl+t",
        "import_intake",
        "Import intake",
        id="review.import_intake",
        tooltip="Read the client's filled intake form: shown first, then added to the discovery notes on ctrl+s",
        show=False,
    ),
    Binding(
        "ctrl+n",
        "renew",
        "Renew",
        id="review.renew",
        tooltip="Close this programme with a short summary and open the next (offers a revisit first)",
        show=False,
    ),
    Binding(
        "ctrl+x",
        "erase",
        "Erase client…",
        id="review.erase",
        tooltip="Erase every record of this client on their request (asks you to type their name)",
        show=False,
    ),
]
