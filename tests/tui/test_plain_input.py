"""The contacts search box never takes a control character, typed or pasted."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui.screens.contacts import ContactsScreen
from tui.widgets.entry import PlainInput

SIZE = (80, 24)


async def test_a_paste_with_escape_sequences_keeps_only_the_text(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactsScreen(search=True))
        await app.workers.wait_for_complete()
        search = app.screen.query_one("#contacts-search", Input)
        assert isinstance(search, PlainInput)
        search.post_message(events.Paste("\x1b]52;c;ZXZpbA==\x07Ana\x9b Lima\x7f\nsecond line"))
        await pilot.pause(0.3)
        assert search.value == "]52;c;ZXZpbA==Ana Lima"
        search.post_message(events.Paste("\x1b\x07"))  # nothing left to paste
        await pilot.pause()
        assert search.value == "]52;c;ZXZpbA==Ana Lima"
        await pilot.press("ctrl+a")  # typed control keys are bindings, never text
        await pilot.pause()
        assert all(ord(char) >= 0x20 for char in search.value)
