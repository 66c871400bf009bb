"""Importing from the app: name a file, see what would happen, confirm, see who arrived."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Log, Static

from data.store import Store
from tests.tui.conftest import reopen
from tui.screens.agenda import AgendaScreen
from tui.screens.first_run import FirstRunScreen
from tui.screens.import_file import ImportScreen

FIXTURES = Path(__file__).parent.parent / "fixtures" / "tui"


def status_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#import-status", Static).render())


def report_of(app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(app.screen.query_one("#import-report", Log).lines)


async def test_preview_then_import_from_the_first_run_screen(make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    Store.open(db_path).close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("i")
        assert isinstance(app.screen, ImportScreen)
        await pilot.press(*str(FIXTURES / "four-cards.vcf"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "would add 3" in status_of(app)
        assert "1 rejected" in status_of(app)
        lines = report_of(app)
        assert any(line.startswith("+") and "[bold red]Mallory[/]" in line for line in lines)
        assert any(line.startswith("!") and "not a person" in line for line in lines)
        assert not reopen(db_path).has_contacts()  # a preview writes nothing

        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Imported four-cards.vcf: added 3" in status_of(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
    store = reopen(db_path)
    names = sorted(name for _, name in store.contact_names())
    assert names == ["Ana Lima", "Zoë Park", "[bold red]Mallory[/]"]
    store.close()


async def test_importing_needs_a_preview_first_and_bad_files_say_why(
    make_app, seeded, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "photo.vcf"
    junk.write_bytes(bytes(range(256)) * 8)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"import from", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        await pilot.press(*str(junk), "ctrl+s")
        assert "Press enter first" in status_of(app)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert status_of(app).startswith("Cannot import:")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
    store = reopen(db_path)
    assert store.count_contacts() == 5
    store.close()


async def test_someone_already_here_is_merged_not_added(make_app, seeded, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ImportScreen(str(FIXTURES / "four-cards.vcf")))
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "would add 2 · would merge 1" in status_of(app)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    store = reopen(db_path)
    assert store.count_contacts() == 7
    ana = store.get_contact(seeded["Ana"])
    assert ana.emails == ("ana@lima.org",)
    assert len(store.contact_detail(ana.id).dates) == 1
    store.close()
