"""Taking back a write (ctrl+z): the step a screen recorded (models/undo.py), undone on disk.

A record goes as if it had never been written, or is put back exactly as it
was; the store refuses, with a message, what cannot be taken back safely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import StoreCore
from .errors import InvalidInput, UnknownRecord

if TYPE_CHECKING:
    from ..models.undo import UndoStep
    from .client_records import ClientRecords
    from .client_writes import ClientWrites
    from .practice_settings import PracticeSettingsStore


class TakingBack:
    """remove_record, put_record and undo, for the screens' ctrl+z."""

    def __init__(
        self, core: StoreCore, clients: ClientRecords, writes: ClientWrites, prefs: PracticeSettingsStore
    ) -> None:
        self.core = core
        self.clients = clients
        self.writes = writes
        self.prefs = prefs

    # ----------------------------------------------------------------- taking back (ctrl+z)

    def remove_record(self, client_id: str, table: str, record_id: str) -> None:
        """Take back a record written by mistake, as if it had never been written.

        An alliance version goes only while it is the latest (it is withdrawn,
        never rewritten); a session only while nothing is logged in it.
        """
        with self.core.lock:
            self.core.check_writable()
            record = self.clients.held(client_id)
            items: list[Any] = getattr(record, table)
            if not any(m.id == record_id for m in items):
                raise UnknownRecord("That entry is no longer in this client's file; nothing was undone.")
            if table == "versions" and items[-1].id != record_id:
                raise InvalidInput("A later version of the alliance was saved since; nothing was undone.")
            if table == "sessions":
                number = next(m.number for m in items if m.id == record_id)
                linked = (record.notes, record.commitments, record.pauses, record.versions)
                if any(m.session_number == number for models in linked for m in models) or any(
                    c.checked_in_session == number for c in record.commitments
                ):
                    raise InvalidInput("That session holds entries still; undo them first.")
            self.writes.write(client_id, lambda f: f.remove(table, record_id))
            setattr(record, table, [m for m in items if m.id != record_id])
            self.clients.keep_summary(client_id)

    def put_record(self, client_id: str, table: str, model: Any) -> None:
        """Put a record back exactly as it was before a change (a check-in's earlier status, say)."""
        with self.core.lock:
            self.core.check_writable()
            record = self.clients.held(client_id)
            items: list[Any] = getattr(record, table)
            index = next((i for i, m in enumerate(items) if m.id == model.id), None)
            # Not at hand: put away with its session (a note reworded in the session summary).
            if index is None and self.clients.files[client_id].held_in_history(table, model.id) is None:
                raise UnknownRecord("That entry is no longer in this client's file; nothing was undone.")
            self.writes.write(client_id, lambda f: f.replace(table, model))
            if index is not None:
                items[index] = model
            self.clients.keep_summary(client_id)

    def undo(self, step: UndoStep) -> None:
        """Take back one write a screen made (models.undo); on disk when it returns."""
        from ..models.undo import (
            Added,
            CardChanged,
            Changed,
            ExportWritten,
            PromptAdded,
            PromptRemoved,
            SettingsChanged,
            StyleChanged,
            ThinkTimeChanged,
        )

        with self.core.lock:
            if isinstance(step, Added):
                self.remove_record(step.client_id, step.table, step.record_id)
            elif isinstance(step, Changed):
                self.put_record(step.client_id, step.table, step.before)
            elif isinstance(step, ThinkTimeChanged):
                from .think_time import write_think_time

                self.core.check_writable()
                write_think_time(self.writes, self.clients, step.client_id, step.seconds, step.session)
            elif isinstance(step, CardChanged):
                client = self.clients.held(step.client_id).client
                if any(getattr(client, name) != value for name, value in step.after.items()):
                    raise InvalidInput(f"{client.name}'s details were changed since; nothing was undone.")
                self.writes.update_client(step.client_id, **step.before)
            elif isinstance(step, StyleChanged):
                if self.prefs.settings.style != step.after:
                    raise InvalidInput("Your style statement was changed since; nothing was undone.")
                self.prefs.update_settings(style=step.before)
            elif isinstance(step, ExportWritten):
                from .export_files import take_back_export

                take_back_export(step.path, step.before, step.written)
            elif isinstance(step, SettingsChanged):
                settings = self.prefs.settings
                if any(getattr(settings, name) != value for name, value in step.after.items()):
                    raise InvalidInput("Your practice's settings were changed since; nothing was undone.")
                self.prefs.update_settings(**step.before)
            elif isinstance(step, PromptAdded):
                self.prefs.remove_prompt(step.prompt_id)
            elif isinstance(step, PromptRemoved):
                prompts = [p for p in self.prefs.settings.prompts if p.id != step.prompt.id]
                prompts.insert(min(step.position, len(prompts)), step.prompt)
                self.prefs.update_settings(prompts=prompts)
