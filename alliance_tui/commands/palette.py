"""Command palette providers: every key's action, every client, every theme.

Client names are the coach's text: they are shown through Content (never
parsed as markup) and escaped wherever Textual would read markup (help text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from .bindings import plain_key_label, screen_actions

if TYPE_CHECKING:
    from ..app import AllianceApp

# The system commands provider already offers these, by name.
_COVERED_ELSEWHERE = {"quit", "app.quit", "command_palette", "app.command_palette"}

Command = tuple[str, Callable[[], object], str]  # text, callback, help (markup-safe)


def highlighted(matcher: Matcher, text: str) -> Content:
    """Like Matcher.highlight, but the text is never read as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _CommandListProvider(Provider):
    """A provider whose commands are a plain list; subclasses say what is in it."""

    discoverable = True

    def commands(self) -> Iterator[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        if not self.discoverable:
            return
        for text, callback, help_text in self.commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlighted(matcher, text), callback, text=text, help=help_text)


class ScreenActionCommands(_CommandListProvider):
    """Every action bound to a key on the current screen, so nothing is key-only."""

    def commands(self) -> Iterator[Command]:
        actions = [
            action
            for action in screen_actions(self.screen)
            if action.enabled and action.binding.id is not None and action.action not in _COVERED_ELSEWHERE
        ]
        repeated = Counter(action.description for action in actions)
        for action in actions:
            help_text = action.tooltip or action.description
            text, keys = action.description, action.key_label
            if repeated[text] > 1:  # "Ask prompt" for 1..9: say which one
                keys = plain_key_label(action.binding)
                text = f"{text} ({keys})"
            yield (
                text,
                partial(self.app.run_action, action.action, action.node),
                escape(f"{help_text}  ·  key: {keys}"),
            )


class ClientCommands(_CommandListProvider):
    """Start a session with, or review, any client by typing part of their name."""

    def commands(self) -> Iterator[Command]:
        app = cast("AllianceApp", self.app)
        for summary in app.store.summaries(include_archived=True):
            if summary.archived:
                yield (
                    f"Review {summary.name} (archived)",
                    partial(app.open_review, summary.id),
                    "Read this archived client's alliance, sessions and commitments",
                )
                continue
            yield (
                f"Start session with {summary.name}",
                partial(app.open_session, summary.id),
                escape(
                    f"Session {summary.held_in_programme + 1} of {summary.programme_sessions}, or the one already open"
                ),
            )
            yield (
                f"Review {summary.name}",
                partial(app.open_review, summary.id),
                "Before or after a session: the alliance, commitments and what changed",
            )


class ThemeCommands(_CommandListProvider):
    """'Theme: nord' and the like, so a theme is one search away; the choice is remembered."""

    discoverable = False

    def commands(self) -> Iterator[Command]:
        for name in sorted(self.app.available_themes):
            yield (f"Theme: {name}", partial(setattr, self.app, "theme", name), "Switch to this theme (remembered)")
