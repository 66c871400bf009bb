"""Under NO_COLOR the agenda still reads and triages: meaning never rides on colour alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import reopen
from tui.widgets.agenda_list import AgendaList


async def test_no_color_keeps_rows_readable_and_triage_working(
    seeded, make_app, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen.query_one(AgendaList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(len(listing.items))]
        # Kind and lateness are words in the row, not only a colour.
        assert any("promise: send the" in row and "1d late" in row for row in rows), rows
        assert any("reply owed" in row for row in rows), rows
        await pilot.press("d")
    store = reopen(db_path)
    assert store.open_commitments(seeded["Dario"]) == []
    store.close()
