"""Contacts: everyone in the network, with instant full-text search and circle/tag filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Static

from core.agenda import when_words
from core.cadence import next_due_on
from core.models import Circle, Contact
from core.names import fold
from data.store import StoreError
from tui.render import cell_width, fit, safe_text
from tui.widgets.entry import EntryField, EntryModal, PlainInput, optional_text
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from pendulum import Date

    from tui.app import NurtureApp

SEARCH_DEBOUNCE = 0.15  # seconds of quiet typing before the search runs
SEARCH_LIMIT = 200
LIST_LIMIT = 500  # rows in the table at once: a big network is searched, not scrolled
CIRCLE_KEYS = {str(number): circle for number, circle in enumerate(Circle, start=1)}
# (title, width) of each column; the last one, the company or what a search matched, takes
# what is left of the screen (at least MIN_LAST_WIDTH).
COLUMNS = (("name", 22), ("circle", 12), ("next due", 10), ("company / match", 0))
MIN_LAST_WIDTH = 20
# Each column is padded one cell either side; the scrollbar takes one more.
CHROME = 2 * len(COLUMNS) + 1


def column_widths(screen_width: int) -> tuple[int, ...]:
    """Every column's width for a screen this wide."""
    fixed = sum(width for _, width in COLUMNS)
    return (*(w for _, w in COLUMNS[:-1]), max(MIN_LAST_WIDTH, screen_width - fixed - CHROME))


def focus_snippet(snippet: str, query: str, width: int) -> str:
    """`snippet` cut to `width` columns so the first matched word stays in view."""
    folded = snippet.casefold()
    hits = [folded.find(word.casefold()) for word in query.split()]
    found = [index for index in hits if index >= 0]
    if not found or cell_width(snippet) <= width:
        return snippet
    start = min(found)
    if start + 12 < width:
        return snippet
    return "…" + snippet[max(0, start - 6) :].lstrip()


def next_due_text(contact: Contact, today: Date) -> str:
    """`due today`, `12d late`, `tomorrow`, `Fri 4 Dec`."""
    due = next_due_on(contact)
    late = (today - due).days
    if late > 0:
        return f"{late}d late"
    return "due today" if late == 0 else when_words(due, today)


def row_cells(
    contact: Contact, today: Date, widths: Sequence[int], match: str = ""
) -> tuple[Text, ...]:
    """One table row; every cell plain Text (DataTable reads `str` cells as markup)."""
    name_width, _, _, last_width = widths
    circle = "archived" if contact.archived else contact.circle.value
    due = next_due_text(contact, today)
    last = match or contact.company
    return (
        Text(fit(safe_text(contact.display_name), name_width).rstrip()),
        Text(circle, style="dim" if contact.archived else ""),
        Text(due, style="bold" if due.endswith("late") else ""),
        Text(fit(safe_text(last), last_width).rstrip(), style="italic" if match else ""),
    )


def _starts(contact: Contact, text: str) -> bool:
    """Whether a word of the name or company starts with `text` (case/accent-insensitive)."""
    wanted = fold(text)
    words = fold(f"{contact.display_name} {contact.company}").split()
    return any(word.startswith(wanted) for word in words)


def _has_tag(contact: Contact, tag: str) -> bool:
    wanted = tag.casefold()
    return any(own.casefold() == wanted for own in contact.tags)


class ContactsScreen(Screen[None]):
    """Everyone, filtered as you type; `enter` opens a person, `a` adds one."""

    BINDINGS = [
        Binding(
            "escape", "back", "Back", id="contacts.back", tooltip="Clear the search, or go back"
        ),
        Binding("slash", "focus_search", "Search", id="contacts.search", tooltip="Type to search"),
        Binding("a", "add", "Add", id="contacts.add", tooltip="Add a contact"),
        Binding("i", "import_file", "Import", id="contacts.import", tooltip="People from a file"),
        Binding("t", "tag", "Tag", id="contacts.tag", tooltip="Only people with a tag"),
        *(
            Binding(
                key,
                f"circle('{circle.value}')",
                circle.value,
                show=False,
                id=f"contacts.circle.{circle.value}",
                tooltip=f"Only the {circle.value} circle",
            )
            for key, circle in CIRCLE_KEYS.items()
        ),
        Binding("0", "circle('')", "All", id="contacts.all", tooltip="Every circle, any tag"),
        Binding("down", "focus_table", "List", show=False, id="contacts.to_list"),
        Binding("j", "move(1)", "Down", show=False, id="contacts.down"),
        Binding("k", "move(-1)", "Up", show=False, id="contacts.up"),
    ]

    def __init__(self, search: bool = False) -> None:
        super().__init__()
        self.start_in_search = search
        self.circle: Circle | None = None
        self.tag = ""
        self.shown: list[Contact] = []
        self._timer: Timer | None = None
        self._loaded = False
        self._opened_id: int | None = None
        self.everyone: list[Contact] = []
        self.widths = column_widths(80)

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="contacts-bar"):
            yield Label("Find ", id="contacts-prompt")
            yield PlainInput(
                placeholder="names, companies, notes, what you talked about",
                compact=True,
                id="contacts-search",
            )
        yield Static(id="contacts-status")
        table: DataTable[Text] = DataTable(cursor_type="row", id="contacts-table")
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#contacts-table", DataTable)
        self._set_columns()
        self.query_one("#contacts-status", Static).update("Loading your network…")
        self._load_everyone()
        if self.start_in_search:
            self.query_one("#contacts-search", Input).focus()
        else:
            table.focus()

    def _set_columns(self) -> None:
        table = self.query_one("#contacts-table", DataTable)
        self.widths = column_widths(self.size.width or self.app.size.width)
        table.clear(columns=True)
        for (title, _), width in zip(COLUMNS, self.widths, strict=True):
            table.add_column(title, width=width, key=title)

    def on_resize(self) -> None:
        if self._loaded and column_widths(self.size.width) != self.widths:
            keep = self._current_id()
            self._set_columns()
            self.refresh_rows(keep=keep)

    def on_screen_resume(self) -> None:
        # Back from a contact (renamed? new circle?) or a form: show the change.
        if not self._loaded:
            return  # the first showing: the load in progress fills the table
        if self._opened_id is not None:
            self._reload_one(self._opened_id)
            self._opened_id = None
        self.refresh_rows(keep=self._current_id())

    # --- loading ----------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="contacts-load")
    def _load_everyone(self) -> None:
        """Read the whole (unarchived) network once, off the UI thread; filters use the copy."""
        try:
            everyone = self.nurture.store.list_contacts()
        except StoreError as problem:
            message = safe_text(problem)
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            everyone = []
        self.app.call_from_thread(self._show_everyone, everyone)

    def _show_everyone(self, everyone: list[Contact]) -> None:
        self.everyone = everyone
        self._loaded = True
        self.refresh_rows(keep=self._current_id())

    def _reload_one(self, contact_id: int) -> None:
        """Refresh one person in the copy (after their page was open), keeping the order."""
        try:
            fresh = self.nurture.store.get_contact(contact_id)
        except StoreError:
            fresh = None
        others = [contact for contact in self.everyone if contact.id != contact_id]
        if fresh is not None and not fresh.archived:
            others.append(fresh)
            others.sort(key=lambda contact: (contact.display_name.casefold(), contact.id))
        self.everyone = others

    @property
    def search_text(self) -> str:
        return self.query_one("#contacts-search", Input).value.strip()

    def _fetch(self) -> list[tuple[Contact, str]]:
        """Contacts to show with what matched: all (filtered), or the search's hits."""
        text = self.search_text
        if len(text) >= 2:
            found = []
            for contact, snippet in self.nurture.store.search(text, limit=SEARCH_LIMIT):
                # A name/company hit says nothing new; a note or conversation hit says why.
                said = safe_text(" ".join(snippet.split()))
                by_name = contact.display_name.casefold() in said.casefold()
                match = "" if by_name else focus_snippet(said, text, self.widths[-1])
                found.append((contact, match))
        elif text:
            # One letter would match most of the index; names starting with it say more.
            found = [(contact, "") for contact in self.everyone if _starts(contact, text)]
        else:
            found = [(contact, "") for contact in self.everyone]
        return [
            (contact, match)
            for contact, match in found
            if (self.circle is None or contact.circle is self.circle)
            and (not self.tag or _has_tag(contact, self.tag))
        ]

    def refresh_rows(self, *, keep: int | None = None) -> None:
        """Fill the table for the current search and filters, the cursor on `keep` if shown."""
        table = self.query_one("#contacts-table", DataTable)
        try:
            found = self._fetch()
        except StoreError as problem:
            self.notify(safe_text(problem), severity="error", markup=False)
            found = []
        today = self.nurture.today
        listed = found[:LIST_LIMIT]
        table.clear()
        self.shown = [contact for contact, _ in listed]
        table.add_rows(row_cells(contact, today, self.widths, match) for contact, match in listed)
        # add_rows keys rows itself; the row index is the index into `shown`.
        if keep is not None:
            for index, contact in enumerate(self.shown):
                if contact.id == keep:
                    table.move_cursor(row=index, animate=False)
                    break
        self._show_status(len(found), len(listed))

    def _show_status(self, count: int, listed: int) -> None:
        text = self.search_text
        parts: list[str | tuple[str, str]] = []
        noun = "person" if count == 1 else "people"
        if text:
            parts.append(f"{count} {noun} {'matches' if count == 1 else 'match'} ")
            parts.append((safe_text(text), "bold"))
            if count >= SEARCH_LIMIT and len(text) >= 2:
                parts.append(f" (the best {SEARCH_LIMIT})")
        else:
            parts.append(f"{count:,} {noun}")
        if listed < count:
            parts.append(f", first {listed:,} listed")
        if self.circle is not None:
            parts += [" · circle ", (self.circle.value, "bold")]
        if self.tag:
            parts += [" · tag ", (safe_text(self.tag), "bold")]
        if count == 0 and not text and self.circle is None and not self.tag:
            parts.append(" · a to add someone")
        else:
            hint = " · 0 all" if self.circle is not None or self.tag else " · 1-5 circle · t tag"
            parts.append((hint, "$text-muted"))
        self.query_one("#contacts-status", Static).update(Content.assemble(*parts))

    def _current_id(self) -> int | None:
        table = self.query_one("#contacts-table", DataTable)
        row = table.cursor_row
        if not self.shown or row < 0 or row >= len(self.shown):
            return None
        return self.shown[row].id

    # --- events -----------------------------------------------------------------------
    @on(Input.Changed, "#contacts-search")
    def search_soon(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DEBOUNCE, self._search_now)

    def _search_now(self) -> None:
        self._timer = None
        self.refresh_rows()

    @on(Input.Submitted, "#contacts-search")
    def open_best_match(self) -> None:
        # enter in the search box opens the best match at once.
        if self._timer is not None:
            self._timer.stop()
            self._search_now()
        self.action_open()

    @on(DataTable.RowSelected, "#contacts-table")
    def open_selected(self) -> None:
        self.action_open()

    # --- actions ----------------------------------------------------------------------
    def action_open(self) -> None:
        contact_id = self._current_id()
        if contact_id is None:
            self.notify("Nobody to open.", severity="warning")
            return
        from tui.screens.contact import ContactScreen

        self._opened_id = contact_id
        self.app.push_screen(ContactScreen(contact_id))

    def action_back(self) -> None:
        field = self.query_one("#contacts-search", Input)
        if field.value:
            field.value = ""
            if self._timer is not None:
                self._timer.stop()
            self._search_now()
            return
        self.dismiss()

    def action_focus_search(self) -> None:
        self.query_one("#contacts-search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#contacts-table", DataTable).focus()

    def action_move(self, rows: int) -> None:
        table = self.query_one("#contacts-table", DataTable)
        table.focus()
        if rows > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_circle(self, value: str) -> None:
        circle = Circle(value) if value else None
        # The same key again shows every circle; 0 clears the tag too.
        if circle is None:
            self.tag = ""
        self.circle = None if circle is self.circle else circle
        self.refresh_rows(keep=self._current_id())

    def action_tag(self) -> None:
        def chosen(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.tag = values["tag"]
                self.refresh_rows(keep=self._current_id())

        self.app.push_screen(
            EntryModal(
                "Only people tagged…",
                [
                    EntryField(
                        "tag", "Tag", optional_text, value=self.tag, placeholder="empty: any tag"
                    )
                ],
                hint=self._tag_hint(),
            ),
            chosen,
        )

    def _tag_hint(self) -> str:
        tags: dict[str, int] = {}
        for contact in self.shown:
            for tag in contact.tags:
                tags[tag] = tags.get(tag, 0) + 1
        common = sorted(tags, key=lambda tag: (-tags[tag], tag.casefold()))[:4]
        return "tags here: " + ", ".join(safe_text(tag) for tag in common) if common else ""

    def action_import_file(self) -> None:
        from tui.screens.import_file import ImportScreen

        def imported(changed: bool | None) -> None:
            if changed:
                self._loaded = False
                self._load_everyone()

        self.app.push_screen(ImportScreen(), imported)

    def action_add(self) -> None:
        from tui.screens.contact_form import ContactForm

        def added(contact: Contact | None) -> None:
            if contact is None:
                return
            self._reload_one(contact.id)
            self.refresh_rows(keep=contact.id)
            self.notify(f"Added {safe_text(contact.display_name)}.", markup=False, timeout=3)

        self.app.push_screen(ContactForm(), added)
