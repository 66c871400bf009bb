"""An empty database opens a welcome that leads to adding the first person."""

from __future__ import annotations

from pathlib import Path

from data.store import Store
from tests.tui.conftest import reopen
from tui.screens.agenda import AgendaScreen
from tui.screens.first_run import FirstRunScreen


async def test_first_run_explains_then_adding_someone_opens_the_agenda(
    make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    Store.open(db_path).close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        assert "Nobody is in your network yet" in str(
            app.screen.query_one("#first-run-text").render()
        )
        await pilot.press("a")
        await pilot.press(*"Ana Lima")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        listing = app.screen.query_one("#agenda-list")
        assert [item.contact.display_name for item in listing.items] == ["Ana Lima"]
    store = reopen(db_path)
    assert [name for _, name in store.contact_names()] == ["Ana Lima"]
    store.close()
