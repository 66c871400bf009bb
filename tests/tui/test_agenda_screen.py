"""Due today: triage with the keyboard, and what is stored afterwards."""

from __future__ import annotations

from pathlib import Path

from core.agenda import ItemKind
from tests.tui.conftest import TODAY, reopen
from tui.widgets.agenda_list import AgendaList


def rows(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(AgendaList)
    return [(item.contact.display_name, item.kind.value) for item in listing.items]


async def test_the_agenda_lists_what_is_due_most_urgent_first(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert rows(app) == [
            ("Dario Sa", "commitment"),
            ("Bruno Costa", "reply-owed"),
            ("Ana Lima", "check-in"),
            ("Dario Sa", "check-in"),
            ("Carla Reis", "celebration"),
        ]
        assert "4 due · 1 to celebrate" in str(app.screen.query_one("#agenda-counts").render())


async def test_d_logs_a_check_in_and_the_cursor_lands_on_the_next_item(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j")
        listing = app.screen.query_one(AgendaList)
        assert listing.current.contact.display_name == "Ana Lima"
        await pilot.press("d")
        assert ("Ana Lima", "check-in") not in rows(app)
        assert listing.current.contact.display_name == "Dario Sa"
    store = reopen(db_path)
    detail = store.contact_detail(seeded["Ana"])
    assert detail.interactions[0].occurred_at.date() == TODAY
    assert detail.interactions[0].channel.value == "text"  # her preferred channel
    store.close()


async def test_u_undoes_the_last_triage_action(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        before = rows(app)
        await pilot.press("j", "j", "x")
        assert len(rows(app)) == len(before) - 1
        await pilot.press("u")
        assert rows(app) == before


async def test_snooze_one_week_hides_the_contact(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "s")
        await pilot.press("w")
        assert ("Ana Lima", "check-in") not in rows(app)
    store = reopen(db_path)
    assert store.get_contact(seeded["Ana"]).snoozed_until == TODAY.add(days=7)
    store.close()


async def test_snooze_to_a_typed_date_with_a_bad_date_first(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "s", "t")
        await pilot.press(*"nonsense", "enter")
        assert "bad snooze date" in str(app.screen.query_one("#snooze-error").render())
        field = app.screen.query_one("#snooze-date")
        field.value = ""
        await pilot.press(*"2026-12-24", "enter")
        assert ("Ana Lima", "check-in") not in rows(app)
    store = reopen(db_path)
    assert str(store.get_contact(seeded["Ana"]).snoozed_until) == "2026-12-24"
    store.close()


async def test_done_on_a_promise_keeps_it(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        assert ("Dario Sa", "commitment") not in rows(app)
    store = reopen(db_path)
    assert store.open_commitments(seeded["Dario"]) == []
    store.close()


async def test_done_via_another_channel(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "D", "c")
    store = reopen(db_path)
    assert store.contact_detail(seeded["Ana"]).interactions[0].channel.value == "call"
    store.close()


async def test_ten_items_in_ten_keystrokes(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(len(rows(app))):
            await pilot.press("d")
        assert rows(app) == []
        empty = str(app.screen.query_one("#agenda-empty").render())
        assert "All clear" in empty
        assert "Next up:" in empty


async def test_celebration_done_logs_congratulations(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "j", "j")
        assert app.screen.query_one(AgendaList).current.kind is ItemKind.CELEBRATION
        await pilot.press("d")
        assert ("Carla Reis", "celebration") not in rows(app)
    store = reopen(db_path)
    assert store.contact_detail(seeded["Carla"]).interactions[0].kind.value == "congrats"
    store.close()


async def test_scrolling_to_the_end_lists_the_next_page_of_check_ins(tmp_path: Path) -> None:
    import pendulum

    from core.models import Circle, Contact
    from data.store import Store
    from tui.app import NurtureApp
    from tui.screens import agenda as agenda_screen

    path = tmp_path / "many.db"
    store = Store.open(path)
    people = [
        Contact(id=0, display_name=f"Person {n:03}", circle=Circle.ACTIVE, first_due_on=TODAY)
        for n in range(agenda_screen.AGENDA_PAGE + 10)
    ]
    store.add_contacts(people, today=TODAY.subtract(days=1), daily_budget=500)
    app = NurtureApp(store, today=TODAY, now=lambda: pendulum.datetime(2026, 11, 26, 12))
    async with app.run_test(size=(80, 24)) as pilot:
        counts = str(app.screen.query_one("#agenda-counts").render())
        assert counts == f"{agenda_screen.AGENDA_PAGE + 10} due"
        assert len(rows(app)) == agenda_screen.AGENDA_PAGE
        await pilot.press("end")
        assert len(rows(app)) == agenda_screen.AGENDA_PAGE + 10
        assert app.screen.query_one(AgendaList).highlighted == agenda_screen.AGENDA_PAGE - 1
    store.close()


async def test_hostile_names_show_literally_in_rows_preview_and_toasts(tmp_path: Path) -> None:
    import pendulum

    from core.models import Circle, Contact
    from data.store import Store
    from tui.app import NurtureApp

    store = Store.open(tmp_path / "hostile.db")
    names = ["[bold red]Eve[/]", "Mallory\x1b[31mRED\x1b]52;c;aGk=\x07"]
    store.add_contacts(
        [
            Contact(id=0, display_name=name, circle=Circle.INNER, first_due_on=TODAY)
            for name in names
        ],
        today=TODAY.subtract(days=1),
        daily_budget=5,
    )
    app = NurtureApp(store, today=TODAY, now=lambda: pendulum.datetime(2026, 11, 26, 12))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        listing = app.screen.query_one(AgendaList)
        rendered = [str(listing.get_option_at_index(i).prompt) for i in range(len(listing.items))]
        assert any(row.startswith("[bold red]Eve[") for row in rendered), rendered
        assert all("\x1b" not in row for row in rendered)
        preview = str(app.screen.query_one("#agenda-preview").render())
        assert "\x1b" not in preview
        await pilot.press("d")
        await pilot.pause()
        toasts = [str(toast.message) for toast in app._notifications]  # type: ignore[attr-defined]
        assert any("[bold red]Eve[/]" in toast or "Mallory" in toast for toast in toasts), toasts
    store.close()
