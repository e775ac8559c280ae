"""What the terminal sends, read so that pasted text is only ever text.

A terminal wraps a paste in two markers (bracketed paste). Textual's reader
turns whatever follows an ESC byte inside a paste into key presses as well,
so a copied text holding an ESC could press keys the coach never pressed
(mark a note shared, say). `PasteGuard` drops every control byte between
the markers before the reader sees them; `GuardedDriver` is Textual's Linux
driver (used on macOS too) reading through it.
"""

from __future__ import annotations

import re
import selectors
from codecs import getincrementaldecoder
from os import read

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"

# Inside a paste: every C0/C1 control except the line breaks and tab a paste may hold.
_PASTED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _partial_marker_at_end(text: str, marker: str) -> int:
    """How many characters at the end of text could be the start of marker (0 if none)."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


class PasteGuard:
    """Passes keys through untouched and strips control bytes from inside pastes.

    Outside a paste nothing is held back (an ESC key press must arrive at
    once); inside one, a piece that may be the start of the end marker waits
    for the next read, since the terminal always sends the marker whole soon.
    """

    def __init__(self) -> None:
        self.in_paste = False
        self._tail = ""  # outside a paste: the last few characters, for a start marker split across reads
        self._held = ""  # inside a paste: a possible start of the end marker

    def feed(self, data: str) -> str:
        out: list[str] = []
        while data:
            if not self.in_paste:
                seen = self._tail + data
                found = seen.find(PASTE_START)
                if found < 0:
                    out.append(data)
                    self._tail = seen[-(len(PASTE_START) - 1) :]
                    return "".join(out)
                after = found + len(PASTE_START) - len(self._tail)  # where the paste starts in data
                out.append(data[:after])
                data = data[after:]
                self._tail = ""
                self.in_paste = True
            else:
                data = self._held + data
                self._held = ""
                found = data.find(PASTE_END)
                if found < 0:
                    keep = _partial_marker_at_end(data, PASTE_END)
                    body, self._held = (data[:-keep], data[-keep:]) if keep else (data, "")
                    out.append(_PASTED_CONTROL.sub("", body))
                    return "".join(out)
                out.append(_PASTED_CONTROL.sub("", data[:found]))
                out.append(PASTE_END)
                data = data[found + len(PASTE_END) :]
                self.in_paste = False
        return "".join(out)


class GuardedDriver(LinuxDriver):
    """Textual's Linux driver, its input read through a PasteGuard.

    The loop is LinuxDriver.run_input_thread's own with one step added (the
    guard before the parser): Textual is pinned, and tests/test_paste.py
    feeds a paste holding an ESC through this same parser to notice a change.
    """

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        guard = PasteGuard()
        decode = getincrementaldecoder("utf-8")().decode

        def process(selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for index, (_key, mask) in enumerate(selector_events):
                if mask & selectors.EVENT_READ:
                    last = index == len(selector_events) - 1
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        break
                    guarded = guard.feed(unicode_data)
                    if guarded:  # all held back (part of the end marker): feeding "" would mean end of input
                        for event in parser.feed(guarded):
                            self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):  # closing: the reader's end-of-input complaints are moot
                pass
