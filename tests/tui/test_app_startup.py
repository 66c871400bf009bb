"""Start-up: the collector the fast launch path turns off comes back on, and the first
frame sent holds the whole agenda."""

from __future__ import annotations

import gc
from collections.abc import Callable

from textual.message import Message

from tui.app import NurtureApp
from tui.widgets.agenda_list import AgendaList


async def test_the_collector_runs_again_once_the_first_frame_is_up(
    make_app: Callable[[], NurtureApp], seeded: dict[str, int]
) -> None:
    gc.disable()  # as `nurture-tui` does before it imports anything heavy
    try:
        async with make_app().run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_the_rows_tell_the_screen_once_when_they_first_show(
    make_app: Callable[[], NurtureApp], seeded: dict[str, int]
) -> None:
    # The screen repaints around them then, so the whole agenda is in the first frame sent.
    posted: list[Message] = []
    async with make_app().run_test(size=(80, 24), message_hook=posted.append) as pilot:
        await pilot.pause()
        await pilot.press("r")  # a reload rebuilds the rows, and so does a new width,
        await pilot.resize_terminal(100, 30)  # but neither is the first time
        await pilot.pause()
        assert pilot.app.screen.query_one(AgendaList).items
    # (The hook sees a message at every widget it bubbles through: count it once.)
    assert (
        len({id(message) for message in posted if isinstance(message, AgendaList.FirstRows)}) == 1
    )
