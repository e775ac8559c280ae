"""The client review's keys, in order of importance: a narrow footer leaves out the later ones (F1 lists them all)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

REVIEW_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "Back", id="review.back", tooltip="Back to the practice dashboard"),
    Binding("s", "session", "Session", id="review.session", tooltip="Start or resume the session with this client"),
    Binding("h", "history", "History", id="review.history", tooltip="Every version of the alliance, with diffs"),
    Binding("e", "edit", "Edit", id="review.edit", tooltip="Edit the alliance: add, reword, recategorise or remove"),
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
        "c",
        "client_details",
        "Client details",
        id="review.details",
        tooltip="Change the client's details: think time, programme length, contact, archived",
        show=False,
    ),
    # Sending and erasing (see screens/exporting.py and screens/erase.py).
    Binding(
        "r",
        "recap",
        "Recap",
        id="review.recap",
        tooltip="Write the latest session's recap for the client (shared notes only) and copy it",
    ),
    Binding(
        "d",
        "alliance_document",
        "Alliance doc",
        id="review.alliance_document",
        tooltip="Write the current agreement as a page for the client and copy it",
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
        "k",
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
        "q",
        "intake_form",
        "Intake form",
        id="review.intake_form",
        tooltip="Write the intake questionnaire to send the client (plain Markdown) and copy it; i reads it back",
        show=False,
    ),
    Binding(
        "i",
        "import_intake",
        "Import intake",
        id="review.import_intake",
        tooltip="Read the client's filled intake form: shown first, then added to the discovery notes on ctrl+s",
        show=False,
    ),
    Binding(
        "w",
        "renew",
        "Renew",
        id="review.renew",
        tooltip="Close this programme with a short summary and open the next (offers a revisit first)",
        show=False,
    ),
    Binding(
        "X",
        "erase",
        "Erase client…",
        id="review.erase",
        tooltip="Erase every record of this client on their request (asks you to type their name)",
        show=False,
    ),
]
