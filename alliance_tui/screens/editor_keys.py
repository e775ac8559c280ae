"""The alliance editor's keys, in order of importance: a narrow footer leaves out the later ones (F1 lists them all)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

EDITOR_BINDINGS: list[BindingType] = [
    Binding("a", "add", "Add", id="editor.add", tooltip="Add a new agreement"),
    Binding("r", "reword", "Reword", id="editor.reword", tooltip="Change the wording of the highlighted agreement"),
    Binding(
        "c",
        "recategorise",
        "Category",
        id="editor.recategorise",
        tooltip="Move the highlighted agreement to another category",
    ),
    Binding("d", "remove", "Remove", id="editor.remove", tooltip="Remove the highlighted agreement (with a reason)"),
    Binding(
        "ctrl+s",
        "save",
        "Save version",
        id="editor.save",
        tooltip="Save every change as one new version",
        priority=True,
    ),
    Binding(
        "escape",
        "back",
        "Back",
        id="editor.back",
        tooltip="Close the form, or leave (twice if there are unsaved changes)",
    ),
    Binding(
        "u",
        "undo",
        "Undo",
        id="editor.undo",
        tooltip="Undo the unsaved change to the highlighted agreement (or bring a skipped draft back)",
    ),
    Binding(
        "ctrl+z",
        "undo_saved",
        "Undo saved",
        id="editor.undo_saved",
        tooltip=(
            "Take back what was saved here at once: the ladder, your style, the pause clock, a category,"
            " a starting point (again for the one before)"
        ),
        priority=True,
        show=False,
    ),
    Binding(
        "ctrl+g",
        "toggle_full_design",
        "Full design",
        id="editor.full_design",
        tooltip="Mark this save as a full design or revisit of the alliance (again: an ordinary save)",
    ),
    Binding("n", "new_category", "New category", id="editor.category", tooltip="Add a category of your own"),
    Binding(
        "v",
        "walk",
        "Revisit",
        id="editor.walk",
        tooltip="A revisit that decides: keep, change or drop each agreement, add new ones, ask three questions",
    ),
    Binding(
        "o",
        "next_starting_point",
        "Starting point",
        id="editor.starting_point",
        tooltip="Offer (the next of) your starting points below the agreement, to accept or change",
        show=False,
    ),
    Binding(
        "t",
        "save_starting_point",
        "Save as start",
        id="editor.save_starting_point",
        tooltip="Name this client's agreement as a starting point; Enter saves it (their name and focus left out)",
        show=False,
    ),
    Binding(
        "l",
        "ladder",
        "Ladder",
        id="editor.ladder",
        tooltip="Set or change the success ladder: good | great | amazing, in the client's words",
        show=False,
    ),
    Binding(
        "ctrl+k",
        "clock_in_step",
        "Clock in step",
        id="editor.clock",
        tooltip="Set the pause clock to the seconds the Think time agreement names (saved at once; ctrl+z undoes)",
        show=False,
    ),
    Binding(
        "w",
        "style",
        "Your style",
        id="editor.style",
        tooltip="Describe your own style: offered, sentence by sentence, at each client's first full design",
        show=False,
    ),
    Binding(
        "y",
        "accept_draft",
        "Accept draft",
        id="editor.accept_draft",
        tooltip="Open the highlighted draft to accept: Enter adds it as it reads (r edits its words first)",
        show=False,
    ),
]
