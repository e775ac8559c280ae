"""Pasted text is text: control bytes in it never act as keys, whatever field it lands in."""

from __future__ import annotations

from textual import events
from textual._xterm_parser import XTermParser

from alliance_tui.models.text import pasted_text
from alliance_tui.store import PracticeStore
from alliance_tui.terminal import PASTE_END, PASTE_START, PasteGuard
from alliance_tui.widgets.editor import TextEditor
from alliance_tui.widgets.quick_log import QuickLogInput

from .test_session_input import make_app, open_session
from .waits import handled

# What the coach copied: words, an ESC with bytes after it (ctrl+s among them), more words.
PASTED = "pasted \x1b\x13^private\x1b[A words\x07"


def tokens(chunks: list[str], guard: PasteGuard | None) -> list[object]:
    parser = XTermParser()
    seen: list[object] = []
    for chunk in chunks:
        data = guard.feed(chunk) if guard else chunk
        if data:  # as the driver: "" would tell the reader the input has ended
            seen.extend(parser.feed(data))
    seen.extend(parser.tick())
    return seen


def test_the_reader_alone_turns_bytes_after_an_esc_in_a_paste_into_keys() -> None:
    """Why the guard exists: without it the same bytes press keys (and Textual is pinned to show it)."""
    seen = tokens([PASTE_START + PASTED + PASTE_END], guard=None)
    assert any(isinstance(t, events.Key) for t in seen)


def test_a_paste_holding_control_bytes_reaches_the_app_as_one_paste_and_no_key() -> None:
    seen = tokens([PASTE_START + PASTED + PASTE_END], PasteGuard())
    assert [type(t) for t in seen] == [events.Paste]
    assert seen[0].text == "pasted ^private[A words"  # type: ignore[attr-defined]


def test_markers_split_across_reads_are_still_seen() -> None:
    whole = "x" + PASTE_START + PASTED + PASTE_END + "y"
    for cut in range(1, len(whole)):
        for cut2 in range(cut, len(whole), 3):
            seen = tokens([whole[:cut], whole[cut:cut2], whole[cut2:]], PasteGuard())
            keys = [t.character for t in seen if isinstance(t, events.Key)]
            pastes = [t.text for t in seen if isinstance(t, events.Paste)]
            assert keys == ["x", "y"], (cut, cut2, keys)
            assert pastes == ["pasted ^private[A words"], (cut, cut2)


def test_keys_outside_a_paste_pass_untouched_and_at_once() -> None:
    guard = PasteGuard()
    assert guard.feed("\x1b") == "\x1b"  # an Esc key press is not held back
    assert guard.feed("\x13a\x1b[A") == "\x13a\x1b[A"
    assert not guard.in_paste


def test_pasted_text_drops_controls_and_joins_lines() -> None:
    assert pasted_text("one\r\ntwo\x1b[31m\n\n  three\t4\x00", multiline=False) == "one two[31m three 4"
    assert pasted_text("one\r\ntwo\x1b\n\tthree", multiline=True) == "one\ntwo\n three"


async def test_a_pasted_esc_in_the_log_line_saves_the_words_as_a_private_note(demo_store: PracticeStore) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot, "Daniel Reyes")
        await pilot.press("ctrl+l")
        box = screen.query_one(QuickLogInput)
        box.post_message(events.Paste(PASTED + "\nsecond line"))
        await handled(pilot)
        assert box.value == "pasted ^private[A words second line"
        await pilot.press("enter")
        await handled(pilot)
    notes = [n for n in demo_store.record(screen.client_id).notes if n.text.startswith("pasted")]
    assert [(n.text, n.private) for n in notes] == [("pasted ^private[A words second line", True)]


async def test_a_paste_into_a_multi_line_field_keeps_its_lines_without_controls() -> None:
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield TextEditor()

    app = One()
    async with app.run_test() as pilot:
        editor = app.query_one(TextEditor)
        editor.focus()
        editor.post_message(events.Paste("first\x1b[2J\nsecond\x07"))
        await handled(pilot)
        assert editor.text == "first[2J\nsecond"
