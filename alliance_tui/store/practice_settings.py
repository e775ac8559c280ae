"""The practice's settings, kept in the index: validated on first use, replaced whole when changed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

import orjson

from ..models.settings_doc import DEFAULT_THEME, plainly_valid, theme_of
from .atomic import write_data_file
from .core import PRACTICE_FILE, StoreCore
from .errors import FileProblem, InvalidInput
from .jsonfile import read_data_bytes
from .practice_index import PracticeIndex
from .validating import revise, validating

if TYPE_CHECKING:
    from tinydb import TinyDB

    from ..models.prompts import RevisitPrompt
    from ..models.settings import PracticeSettings


def _replace_settings(db: TinyDB, doc: dict[str, Any]) -> None:
    """The stored settings become exactly doc, in one write: nothing left over from an older form of them."""
    table = db.table("settings", cache_size=0)

    def become_doc(stored: MutableMapping[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    if table.all():
        table.update(become_doc)
    else:
        table.insert(doc)


class PracticeSettingsStore:
    """Reads and changes the practice's settings; every change is one write of the index."""

    def __init__(self, core: StoreCore, index: PracticeIndex) -> None:
        self.core = core
        self.index = index
        self.validated: PracticeSettings | None = None  # validated on first use
        self.doc: dict[str, Any] | None = None  # stored settings, plainly valid, not yet validated
        # Told when the revisit interval changed: every client's nudges follow it (set by the facade).
        self.on_revisit_change: Callable[[], None] = lambda: None

    def take(self, doc: Mapping[str, Any], *, at_once: bool) -> None:
        """The settings found in the index at open: anything unusual is checked now, as ever."""
        if at_once or not plainly_valid(doc):
            self.validate(doc)
        else:
            self.doc = dict(doc)  # its own: TinyDB may later change the stored one

    def validate(self, doc: object) -> None:
        from pydantic import ValidationError

        from ..models.errors import describe
        from ..models.settings import PracticeSettings

        try:
            self.validated = PracticeSettings.model_validate(doc)
        except ValidationError as exc:
            self.validated, left_out = PracticeSettings.salvage(doc)
            kept = self._keep_as_they_were(doc)
            self.core.problems.append(
                f"Practice settings could not all be read ({describe(exc).rstrip('.')}). Left out, with the defaults "
                f"in their place: {', '.join(left_out)}; everything else was kept. {kept}"
            )

    def _keep_as_they_were(self, doc: object) -> str:
        """The stored settings, copied beside the index before the next settings change replaces them."""
        core = self.core
        if core.read_only:
            return "This window is read-only: nothing was changed."
        try:
            copy = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
            # Opened again before any settings change: the copy kept last time stands, no new one each start.
            kept = core.data_dir.glob(f"{PRACTICE_FILE}.settings-*")
            aside = next((p for p in kept if read_data_bytes(p, p.read_bytes()) == copy), None)
            if aside is None:
                aside = core.data_dir / f"{PRACTICE_FILE}.settings-{core.clock().strftime('%Y%m%dT%H%M%S')}"
                write_data_file(aside, copy)
        except (OSError, TypeError, FileProblem) as exc:
            return f"A copy of them could not be kept ({getattr(exc, 'strerror', None) or exc})."
        return f"A copy of them as they were is in {aside.name}."

    @property
    def settings(self) -> PracticeSettings:
        if self.validated is None:
            with self.core.lock:  # a worker thread may ask at the same moment
                if self.validated is None:
                    # Plainly valid when the practice was opened (or absent): this cannot fail.
                    self.validate(self.doc if self.doc is not None else {})
                    self.doc = None
        assert self.validated is not None
        return self.validated

    @property
    def theme(self) -> str:
        """The saved theme, without validating the rest of the settings (start-up needs only this)."""
        if self.validated is not None:
            return self.validated.theme
        return theme_of(self.doc) if self.doc is not None else DEFAULT_THEME

    def update_settings(self, **changes: Any) -> PracticeSettings:
        with self.core.lock:
            self.core.check_writable()
            settings = revise(self.settings, **changes)
            doc = settings.model_dump(mode="json")
            self.index.write(lambda db: _replace_settings(db, doc))
            previous, self.validated = self.settings, settings
            if previous.revisit_every_sessions != settings.revisit_every_sessions:
                self.on_revisit_change()  # the revisit nudges in every summary follow this interval
            return settings

    # Read-modify-write of the settings happens under the lock, so two callers never lose each other's change.

    def revise_settings(self, change: Callable[[PracticeSettings], dict[str, Any]]) -> PracticeSettings:
        """The settings changed by what ``change`` makes of them as they stand, under the lock."""
        with self.core.lock:
            return self.update_settings(**change(self.settings))

    def add_prompt(self, text: str) -> RevisitPrompt:
        from ..models.prompts import RevisitPrompt

        with validating():
            prompt = RevisitPrompt(text=text)
        with self.core.lock:
            self.update_settings(prompts=[*self.settings.prompts, prompt])
        return prompt

    def remove_prompt(self, prompt_id: str) -> None:
        with self.core.lock:
            self.update_settings(prompts=[p for p in self.settings.prompts if p.id != prompt_id])

    def add_category(self, name: str) -> str:
        with self.core.lock:
            with validating():
                settings = revise(self.settings, categories=[*self.settings.categories, name])
            added = settings.categories[-1]
            known = {c.casefold() for c in self.categories()}
            if added.casefold() in known:
                raise InvalidInput(f"There is already a category called '{added}'.")
            self.update_settings(categories=settings.categories)
            return added

    def categories(self) -> tuple[str, ...]:
        from ..models.alliance import DEFAULT_CATEGORIES

        return DEFAULT_CATEGORIES + tuple(self.settings.categories)
