"""Contacts: everyone, instant search, circle/tag filters, adding someone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static

from data.store import Store
from tests.tui.conftest import reopen
from tui.screens.agenda import AgendaScreen
from tui.screens.contact import ContactScreen
from tui.screens.contact_form import ContactForm
from tui.screens.contacts import ContactsScreen
from tui.widgets.entry import FormRow

SETTLE = 0.3  # longer than the search debounce


def names(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#contacts-table", DataTable)
    return [table.get_row_at(index)[0].plain for index in range(table.row_count)]


def column(app, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#contacts-table", DataTable)
    return [table.get_row_at(row)[index].plain for row in range(table.row_count)]


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#contacts-status", Static).content)


async def loaded(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Wait for the list to load (it is read off the UI thread)."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_list(pilot, app, *, search: bool = False) -> None:  # type: ignore[no-untyped-def]
    await app.push_screen(ContactsScreen(search=search))
    await loaded(pilot, app)


async def test_everyone_is_listed_by_name_with_circle_and_next_due(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        assert names(app) == ["Ana Lima", "Bruno Costa", "Carla Reis", "Dario Sa", "Eva Nunes"]
        assert column(app, 1) == ["inner", "active", "close", "network", "active"]
        assert column(app, 2)[0] == "18d late"
        assert column(app, 2)[2] == "Mon 7 Dec"  # Carla: every 2 weeks, last seen 23 Nov
        assert status(app).startswith("5 people")


async def test_slash_on_the_agenda_opens_search_and_typing_narrows_the_list(
    seeded, make_app
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await loaded(pilot, app)
        assert isinstance(app.screen, ContactsScreen)
        assert app.focused is app.screen.query_one("#contacts-search", Input)
        await pilot.press(*"mara")  # prefix of "marathon", in a conversation with Ana
        await pilot.pause(SETTLE)
        assert names(app) == ["Ana Lima"]
        assert "marathon training" in column(app, 3)[0]  # why she matched
        assert status(app).startswith("1 person matches mara")
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"climbing")
        await pilot.pause(SETTLE)
        assert names(app) == ["Bruno Costa"]
        await pilot.press("enter")  # opens the best match
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == app.store.search("climbing")[0][0].id


async def test_search_finds_names_too_and_digits_are_typed_not_filters(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app, search=True)
        await pilot.press(*"carla 1")
        await pilot.pause(SETTLE)
        assert app.screen.query_one("#contacts-search", Input).value == "carla 1"
        assert names(app) == []
        assert status(app).startswith("0 people match carla 1")
        await pilot.press("backspace", "backspace")
        await pilot.pause(SETTLE)
        assert names(app) == ["Carla Reis"]


async def test_enter_on_a_row_opens_the_contact_and_back_returns_to_the_list(
    seeded, make_app
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        await pilot.press("j", "enter")
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == app.store.list_contacts()[1].id
        await pilot.press("escape")
        assert isinstance(app.screen, ContactsScreen)
        assert app.screen.query_one("#contacts-table", DataTable).cursor_row == 1


async def test_escape_clears_the_search_then_goes_back(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"bruno")
        await loaded(pilot, app)
        await pilot.pause(SETTLE)
        assert names(app) == ["Bruno Costa"]
        await pilot.press("escape")
        assert app.screen.query_one("#contacts-search", Input).value == ""
        assert len(names(app)) == 5
        await pilot.press("escape")
        assert isinstance(app.screen, AgendaScreen)


async def test_filter_by_circle_with_number_keys(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        await pilot.press("3")  # active
        assert names(app) == ["Bruno Costa", "Eva Nunes"]
        assert "circle active" in status(app)
        await pilot.press("1")
        assert names(app) == ["Ana Lima"]
        await pilot.press("1")  # the same key again: every circle
        assert len(names(app)) == 5
        await pilot.press("4", "0")
        assert len(names(app)) == 5


async def test_filter_by_tag(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(db_path)
    for name in ("Ana", "Dario"):
        store.update_contact(replace(store.get_contact(seeded[name]), tags=("Climbing-Club",)))
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        await pilot.press("t", *"climbing-club", "enter")
        assert names(app) == ["Ana Lima", "Dario Sa"]
        assert "tag climbing-club" in status(app)
        await pilot.press("4")  # and the network circle
        assert names(app) == ["Dario Sa"]
        await pilot.press("0")  # clears both
        assert len(names(app)) == 5


async def test_a_adds_a_contact_that_is_stored(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        await pilot.press("a")
        assert isinstance(app.screen, ContactForm)
        await pilot.press("ctrl+s")  # nothing typed yet
        assert isinstance(app.screen, ContactForm)
        row = next(row for row in app.screen.query(FormRow) if row.name == "display_name")
        assert row.error == "a contact needs a name"
        await pilot.press(*"Zoe Quinn")
        app.screen.query_one("#form-circle", Select).value = "close"
        app.screen.query_one("#form-cadence").focus()
        await pilot.press(*"3w")
        app.screen.query_one("#form-timezone").focus()
        await pilot.press(*"Europe/Dublin")
        app.screen.query_one("#form-tags").focus()
        await pilot.press(*"book club, climbing")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactsScreen)
        assert "Zoe Quinn" in names(app)
        table = app.screen.query_one("#contacts-table", DataTable)
        assert table.get_row_at(table.cursor_row)[0].plain == "Zoe Quinn"
    store = reopen(db_path)
    (zoe,) = [c for c in store.list_contacts() if c.display_name == "Zoe Quinn"]
    assert (zoe.given_name, zoe.family_name) == ("Zoe", "Quinn")
    assert (zoe.circle.value, zoe.cadence_override_days) == ("close", 21)
    assert zoe.timezone == "Europe/Dublin"
    assert zoe.tags == ("book club", "climbing")
    assert zoe.first_due_on is not None  # spread by the daily budget
    store.close()


async def test_adding_a_namesake_asks_for_a_second_save(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        await pilot.press("a", *"ana lima", "ctrl+s")
        assert isinstance(app.screen, ContactForm)
        row = next(row for row in app.screen.query(FormRow) if row.name == "display_name")
        assert "already in your network" in row.error
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactsScreen)
    store = reopen(db_path)
    assert [c.display_name.casefold() for c in store.list_contacts()].count("ana lima") == 2
    store.close()


async def test_hostile_names_are_listed_literally(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(db_path)
    store.update_contact(
        replace(
            store.get_contact(seeded["Eva"]),
            display_name="[bold red]Eve[/]",
            company="\x1b[31mEvil",
        )
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        table = app.screen.query_one("#contacts-table", DataTable)
        name, _, _, company = table.get_row_at(0)
        assert name.plain == "[bold red]Eve[/]"
        assert not name.spans and not name.style
        assert company.plain == "^[[31mEvil"
        await pilot.press("slash", *"eve")
        await pilot.pause(SETTLE)
        assert names(app) == ["[bold red]Eve[/]"]


async def test_one_letter_narrows_by_name_and_a_big_list_is_capped(  # type: ignore[no-untyped-def]
    seeded, make_app, monkeypatch
) -> None:
    monkeypatch.setattr("tui.screens.contacts.LIST_LIMIT", 3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app, search=True)
        assert names(app) == ["Ana Lima", "Bruno Costa", "Carla Reis"]
        assert status(app).startswith("5 people, first 3 listed")
        await pilot.press("c")  # Carla Reis, Bruno Costa: a word starts with c
        await pilot.pause(SETTLE)
        assert names(app) == ["Bruno Costa", "Carla Reis"]
