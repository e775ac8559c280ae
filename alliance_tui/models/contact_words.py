"""The contact line's words, without pydantic: the dashboard offers the line before any record is built."""

from __future__ import annotations

from .kinds import Channel, StartedBy

CHANNELS: tuple[Channel, ...] = tuple(Channel)


def next_channel(channel: Channel) -> Channel:
    """Tab on the contact line: the next channel, round again after the last."""
    return CHANNELS[(CHANNELS.index(channel) + 1) % len(CHANNELS)]


def describe_line(channel: Channel, started_by: StartedBy, private: bool) -> str:
    """The contact line's state, shown before Enter: what Enter will write."""
    who = "from the client" if started_by is StartedBy.CLIENT else "from you"
    return f"✉ contact · {channel.value} · {who} · {'private' if private else 'shared'}"
