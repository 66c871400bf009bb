"""First run: an empty network gets a welcome that says how to add people, not an empty list."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.render import safe_text
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from core.models import Contact
    from tui.app import NurtureApp

WELCOME = Content.assemble(
    ("Welcome to nurture", "bold $accent"),
    "\n\n",
    "Nobody is in your network yet. Each person you add gets a rhythm (every week, every "
    "month...) and shows up here on the day they are due, with birthdays and promises.\n\n",
    ("a", "bold"),
    "  add someone now\n",
    ("i", "bold"),
    "  import people from a vCard or CSV file\n",
    ("/", "bold"),
    "  open the contacts screen\n",
    ("q", "bold"),
    "  quit\n\n",
    ("From the shell", "bold"),
    "\n",
    '  nurture-tui add "Ana Lima" --circle inner --birthday --04-15\n',
    "  nurture-tui import contacts.vcf --dry-run\n",
    "  nurture-tui --demo        (explore a made-up network first)\n",
)


class FirstRunScreen(Screen[None]):
    """Shown instead of the agenda while the database holds nobody."""

    BINDINGS = [
        Binding("a", "add", "Add someone", id="first_run.add", tooltip="The new-contact form"),
        Binding("i", "import_file", "Import", id="first_run.import", tooltip="From a file"),
        Binding("slash", "contacts", "Contacts", id="first_run.contacts"),
    ]

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="first-run"):
            yield Static(WELCOME, id="first-run-text")
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        self._leave_if_anyone()

    def action_add(self) -> None:
        from tui.screens.contact_form import ContactForm

        def added(contact: Contact | None) -> None:
            if contact is not None:
                self.notify(f"Added {safe_text(contact.display_name)}.", markup=False)
                self._leave_if_anyone()

        self.app.push_screen(ContactForm(), added)

    def action_import_file(self) -> None:
        from tui.screens.import_file import ImportScreen

        def imported(_: bool | None) -> None:
            self._leave_if_anyone()

        self.app.push_screen(ImportScreen(), imported)

    def action_contacts(self) -> None:
        from tui.screens.contacts import ContactsScreen

        self.app.push_screen(ContactsScreen())

    def _leave_if_anyone(self) -> None:
        if self.nurture.store.has_contacts():
            from tui.screens.agenda import AgendaScreen

            self.app.switch_screen(AgendaScreen())
