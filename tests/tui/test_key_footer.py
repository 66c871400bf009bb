"""The footer shows the keys that matter where the focus is, rebuilt only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from tests.tui.conftest import TODAY
from tui.widgets.key_footer import KeyFooter


def described(footer: KeyFooter) -> list[str]:
    return [key.description for key in footer.query(FooterKey)]


class Pane(Static, can_focus=True):
    BINDINGS = [Binding("e", "edit", "Edit")]


class TwoPanes(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("no keys of its own", id="plain")
        yield Pane("edit me", id="pane")
        yield KeyFooter()


async def test_keys_follow_the_focus_and_unchanged_ones_are_not_rebuilt() -> None:
    app = TwoPanes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        assert app.focused is app.query_one(Pane)  # the first that can take the focus
        assert described(footer) == ["Edit", "Quit"]
        app.screen.set_focus(None)
        await pilot.pause()
        assert described(footer) == ["Quit"]
        keys = list(footer.query(FooterKey))
        app.screen.refresh_bindings()  # what every focus change does, here changing nothing
        await pilot.pause()
        assert list(footer.query(FooterKey)) == keys  # the same widgets, not new ones
        app.query_one(Pane).focus()
        await pilot.pause()
        assert described(footer) == ["Edit", "Quit"]


async def test_each_screen_shows_its_own_keys(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.today == TODAY
        on_agenda = described(app.screen.query_one(KeyFooter))
        assert {"Compose", "Done", "Snooze", "Skip", "Undo", "Find"} <= set(on_agenda)
        await pilot.press("slash")
        await pilot.pause()
        # Typing in the search box: its letters are text, so only Back and Search show.
        assert described(app.screen.query_one(KeyFooter)) == ["Back", "Search"]
        await pilot.press("down")  # into the list: now the letters are keys again
        await pilot.pause()
        on_contacts = described(app.screen.query_one(KeyFooter))
        assert {"Add", "Import", "Tag"} <= set(on_contacts)
        assert "Compose" not in on_contacts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert described(app.screen.query_one(KeyFooter)) == on_agenda
