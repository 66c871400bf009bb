"""The command palette finds people by a fuzzy name and shows names literally."""

from __future__ import annotations

from pathlib import Path

from core.models import Circle, Contact
from data.store import Store
from tests.tui.conftest import TODAY
from tui.screens.contact import ContactScreen


async def test_palette_goes_to_a_contact_by_part_of_the_name(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"go to carl")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == seeded["Carla"]


async def test_palette_shows_a_markup_name_literally(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(db_path) as store:
        store.add_contacts(
            [Contact(id=0, display_name="[bold red]Eve[/]", circle=Circle.ACTIVE)],
            today=TODAY,
            daily_budget=5,
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"eve")
        await pilot.pause(0.5)
        from textual.command import CommandList

        shown = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("[bold red]Eve[/]" in text for text in shown), shown
