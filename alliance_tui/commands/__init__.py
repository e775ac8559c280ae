"""Command palette providers and the live-binding view shared with the help screen."""

from .bindings import ScreenAction, grouped, key_label, screen_actions
from .palette import ClientCommands, ScreenActionCommands, ThemeCommands

__all__ = [
    "ClientCommands",
    "ScreenAction",
    "ScreenActionCommands",
    "ThemeCommands",
    "grouped",
    "key_label",
    "screen_actions",
]
