"""What the alliance editor offers beyond the client's own drafts: the coach's style and starting points.

Your style (a practice setting) is shown as a prompt and offered sentence by
sentence until a client's first full design; a starting point (an alliance
saved under a name, the client's name and focus left out) is offered while a
new client has nothing agreed. Both are drafts like the intake's: accepted,
changed or skipped, and part of the alliance only once a version is saved.
The ladder, the think time, your style and a starting point are saved from
here at once, apart from the version.
"""

from __future__ import annotations

from textual.widgets import Input, Select

from ..models.drafts import DraftItem, still_drafts
from ..models.undo import Added, Changed, SettingsChanged, StyleChanged, ThinkTimeChanged, UndoStep
from ..models.wording import plural
from ..store import StoreError
from .draft_book import DraftBook
from .editor_core import Mode
from .editor_drafts import DraftsInEditor


class OffersInEditor(DraftsInEditor):
    """Offers below the agreement (o: the next starting point) and what is saved at once: style, ladder, think time.

    None of it is part of the version the coach saves, so it sits apart from the changes to the agreement.
    """

    def action_save_starting_point(self) -> None:
        self.open_form(Mode.STARTING)

    def action_ladder(self) -> None:
        ladder = self.store.present(self.client_id).ladder
        self.open_form(Mode.LADDER)
        self.query_one("#wording", Input).value = ladder.as_line() if ladder is not None else ""

    def action_style(self) -> None:
        self.open_form(Mode.STYLE)
        self.query_one("#wording", Input).value = self.store.settings.style

    def offer(self) -> None:
        """The drafts below the agreement: the client's intake answers, your style at a first full design,
        and a starting point while nothing is agreed yet. What was decided on one still offered is kept."""
        from ..models.style import offered, style_drafts

        assert self.record is not None
        settings = self.store.settings
        offers: list[DraftItem] = []
        if settings.style and not any(v.full_design for v in self.record.versions):
            offers += style_drafts(settings.style)
        if settings.starting_points and not self.original:
            offers += offered(settings.starting_points[self.point % len(settings.starting_points)])
        agreed = [(i.category, i.wording) for i in self.items]
        kept = {(d.category, d.wording): d for d in self.drafts.drafts}
        fresh = [kept.get((d.category, d.wording), d) for d in still_drafts(offers, agreed)]
        book = DraftBook([*fresh, *self.intake])  # the client's own answers last, nearest the end of the list
        ids = {d.id for d in book.drafts}
        book.skipped = {i for i in self.drafts.skipped if i in ids}
        book.accepted_as = {k: v for k, v in self.drafts.accepted_as.items() if v in ids}
        self.drafts = book

    def action_next_starting_point(self) -> None:
        points = self.store.settings.starting_points
        if not points:
            self.notify("No starting points yet: t saves a client's agreement as one.", timeout=5)
            return
        if self.original:
            self.notify("Starting points are offered while nothing is agreed yet.", timeout=5)
            return
        if self.drafts.accepted_as:
            self.notify("Drafts from this one are accepted: save (ctrl+s) or undo them first.", timeout=5)
            return
        self.point += 1
        self.offer()
        self.refresh_items()
        self.notify(f"Offered: {points[self.point % len(points)].name}", timeout=3, markup=False)

    def action_clock_in_step(self) -> None:
        """The client's think time set to what the agreement says (at once, not with the version); ctrl+z undoes."""
        from ..models.think_time import out_of_step, seconds_in
        from ..models.undo import ThinkTimeChanged
        from ..store.think_time import set_think_time

        assert self.record is not None
        item = out_of_step(self.items, self.record.client.think_time_seconds)
        said = seconds_in(item.wording) if item is not None else None
        if said is None:
            self.notify("The pause clock and the Think time agreement already agree.", timeout=4)
            return
        try:
            before, _ = set_think_time(self.store, self.client_id, said)
        except StoreError as exc:
            self.report(exc, title="Think time unchanged")
            return
        self.record = self.record.model_copy(update={"client": self.store.present(self.client_id).client})
        label = f"Pause clock set to {said} s (was {before.think_time_seconds} s)"
        self.wrote(ThinkTimeChanged(label, self.client_id, before.think_time_seconds, None), "as the agreement says")
        self.refresh_items()

    def wrote(self, step: UndoStep, detail: str = "") -> None:
        """A write made here at once: kept for ctrl+z and said in a quiet toast, naming what was written."""
        self.saved_here.push(step)
        said = f"✔ {step.label}: {detail}" if detail else f"✔ {step.label}"
        self.notify(f"{said} · ctrl+z undoes", timeout=5, markup=False)

    def apply_ladder(self, words: str) -> bool:
        """The success ladder set or changed from the form: saved at once (it is no part of the version).

        Said with what was written and kept for ctrl+z; words that read as the ladder already does write nothing.
        """
        from ..models.ladder import parse_ladder, unchanged
        from ..models.text import TextRefused
        from ..store.ladders import set_ladder

        try:
            good, great, amazing = parse_ladder(words)
            present = self.store.present(self.client_id)
            if unchanged(present.ladder, good, great, amazing):
                self.notify("The success ladder is as it was: nothing saved.", timeout=4)
                return True
            session = present.open_session
            ladder, before = set_ladder(
                self.store,
                self.client_id,
                good,
                great,
                amazing,
                programme=present.programme.number,
                session_number=session.number if session is not None else None,
            )
        except TextRefused as exc:
            self.say(f"{exc}")
            return False
        except StoreError as exc:
            self.say(exc.message)
            return False
        line = ladder.as_line()
        line = line if len(line) <= 100 else line[:99] + "…"
        if before is None:
            self.wrote(Added("Success ladder saved", self.client_id, "ladders", ladder.id), line)
        else:
            self.wrote(Changed("Success ladder saved", self.client_id, "ladders", before), line)
        return True

    def apply_practice_form(self, *, style: bool, words: str) -> bool:
        """Your style, or this alliance as a starting point: saved to the practice at once (not in this version)."""
        from ..store.style import change_style, save_starting_point

        try:
            if style:
                change = change_style(self.store, words)
                if change is None:
                    self.notify("Your style is as it was: nothing saved.", timeout=4)
                    return True
                before, after = change
                if after:
                    self.wrote(
                        StyleChanged("Your style saved", before, after), "offered at each client's first full design"
                    )
                else:
                    self.wrote(StyleChanged("Your style statement cleared", before, after))
                return True
            points = list(self.store.settings.starting_points)
            point, replaced = save_starting_point(self.store, self.client_id, words)
        except StoreError as exc:
            self.say(exc.message)
            return False
        label = f"Starting point \u201c{point.name}\u201d " + ("replaced" if replaced else "saved")
        saved = SettingsChanged(
            label, {"starting_points": points}, {"starting_points": list(self.store.settings.starting_points)}
        )
        self.wrote(saved, f"{plural(len(point.items), 'agreement')}; the client's name and focus left out")
        return True

    def action_undo_saved(self) -> None:
        """ctrl+z: the newest thing saved from this editor at once (ladder, style, think time, a category,
        a starting point) goes back to what it was, on disk."""
        from ..models.undo import undone_message

        step = self.saved_here.newest()
        if step is None:
            self.notify(
                "Nothing saved here to undo (u undoes an agreement's change, before the version is saved).", timeout=4
            )
            return
        if not self.may_undo(step):
            return
        self.saved_here.pop()
        try:
            self.store.undo(step)
        except StoreError as exc:
            self.saved_here.push(step)
            self.notify(f"{exc.message} (not undone)", severity="warning", timeout=6, markup=False)
            return
        self.notify(undone_message(step), timeout=4, markup=False)
        if isinstance(step, ThinkTimeChanged) and self.record is not None:
            self.record = self.record.model_copy(update={"client": self.store.present(self.client_id).client})
        self.fill_categories(str(self.query_one("#category", Select).value))
        self.offer()  # your style's sentences are offered as it now reads
        self.refresh_items()

    def may_undo(self, step: UndoStep) -> bool:
        """A category an agreement on screen is in stays: taking it back would leave that agreement without one."""
        if not isinstance(step, SettingsChanged) or "categories" not in step.before:
            return True
        gone = set(step.after["categories"]) - set(step.before["categories"])
        if any(item.category in gone for item in self.items):
            self.notify("An agreement here is in that category: move or undo it first (nothing was undone).", timeout=5)
            return False
        return True
