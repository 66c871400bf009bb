"""The shareables library: things worth passing on, whom each fits and who already got it.

`a` adds a link, `s` (or enter) shares the highlighted item with one of the people it fits:
the composer opens with it in their draft, and sending logs the share.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from core.models import Contact, Share, Shareable
from core.value import ShareMatch, clean_topics, looks_like_url, suggest_shares
from data.store import StoreError
from tui.render import fit, safe_text, short_day
from tui.value_actions import share_with, values_of
from tui.widgets.entry import EntryField, EntryModal, optional_text
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from pendulum import Date

    from tui.app import NurtureApp

MUTED = "$text-muted"
HEADING = "bold $accent"
FITS_SHOWN = 5
DETAIL_DELAY = 0.05  # seconds of stillness before the detail pane follows the cursor
Part = str | tuple[str, str]


def parse_url(text: str) -> str:
    """A web address, or ValueError saying what one looks like."""
    cleaned = text.strip()
    if not looks_like_url(cleaned):
        raise ValueError("give a web address, like https://example.org/post")
    return cleaned


def parse_topics(text: str) -> tuple[str, ...]:
    """Comma-separated topics, cleaned."""
    return clean_topics(text.split(","))


def row_content(shareable: Shareable, sent: int, width: int) -> Content:
    """One library row: the title, and how many got it."""
    tail = f" {sent} sent" if sent else " new"
    return Content.assemble(
        fit(safe_text(shareable.title), max(8, width - len(tail))), (tail, MUTED)
    )


def detail_content(
    shareable: Shareable,
    fits: Sequence[ShareMatch],
    recipients: Sequence[tuple[str, Date]],
    today: Date,
) -> Content:
    """The highlighted item: what it is, why it matters, whom it fits and who got it."""
    parts: list[Part] = [
        (safe_text(shareable.title), "bold"),
        "\n",
        (safe_text(shareable.url), MUTED),
    ]
    if shareable.note:
        parts += ["\n", (safe_text(shareable.note), "italic")]
    if shareable.topics:
        parts += ["\n", ("topics ", MUTED), safe_text(", ".join(shareable.topics))]
    if shareable.added_on is not None:
        parts += ["\n", (f"added {short_day(shareable.added_on, today)}", MUTED)]
    parts += ["\n\n", ("Fits", HEADING), ("  s to share", MUTED)]
    if not fits:
        parts += ["\n", ("  no one yet: give people interests that match its topics", MUTED)]
    for match in fits[:FITS_SHOWN]:
        parts += ["\n", f"  {safe_text(match.contact.display_name)}"]
        parts += ["\n", (f"    {safe_text(match.explanation)}", MUTED)]
    if len(fits) > FITS_SHOWN:
        parts += ["\n", (f"  and {len(fits) - FITS_SHOWN} more", MUTED)]
    if recipients:
        parts += ["\n\n", ("Sent to", HEADING)]
        for name, day in recipients:
            parts += ["\n", f"  {safe_text(name)}", (f"  {short_day(day, today)}", MUTED)]
    return Content.assemble(*parts)


class ShareablesScreen(Screen[None]):
    """The library: add links, see whom each fits, share one with a person."""

    DEFAULT_CSS = """
    ShareablesScreen #library-header {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    ShareablesScreen #library-title {
        width: 1fr;
        text-style: bold;
    }
    ShareablesScreen #library-counts {
        width: auto;
        color: $text-muted;
    }
    ShareablesScreen #library-body {
        height: 1fr;
    }
    ShareablesScreen #library-list {
        width: 1fr;
        height: 1fr;
        border: none;
    }
    ShareablesScreen #library-side {
        width: 44;
        height: 1fr;
        padding: 0 1;
        border-left: vkey $panel-lighten-2;
    }
    ShareablesScreen #library-empty {
        padding: 1 2;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="library.back", tooltip="Back to where you were"),
        Binding("a", "add", "Add", id="library.add", tooltip="Add a link to the library"),
        Binding(
            "s",
            "share",
            "Share",
            id="library.share",
            tooltip="Share the item with someone it fits",
        ),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Shareable] = []
        self.sent_counts: dict[int, int] = {}
        # Read once per reload: whom items can fit, and who got what (matching is pure).
        self._people: list[Contact] = []
        self._shares: list[Share] = []
        self._detail_timer: Timer | None = None

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-header"):
            yield Static("Library · things worth sharing", id="library-title")
            yield Static(id="library-counts")
        with Horizontal(id="library-body"):
            yield OptionList(id="library-list")
            yield Static(id="library-empty")
            with VerticalScroll(id="library-side"):
                yield Static(id="library-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @property
    def listing(self) -> OptionList:
        return self.query_one("#library-list", OptionList)

    def reload(self, *, select_id: int | None = None) -> None:
        """Read the library again; keep the cursor on the same item (or `select_id`)."""
        values = values_of(self.nurture)
        listing = self.listing
        current = self.current
        wanted = select_id if select_id is not None else (current.id if current else None)
        self.items = values.list_shareables()
        self._people = values.people_with_topics()
        self._shares = values.shares()
        self.sent_counts = {}
        for share in self._shares:
            self.sent_counts[share.shareable_id] = self.sent_counts.get(share.shareable_id, 0) + 1
        width = max(20, (listing.size.width or 34) - 2)
        listing.clear_options()
        listing.add_options(
            [
                Option(row_content(item, self.sent_counts.get(item.id, 0), width), id=str(item.id))
                for item in self.items
            ]
        )
        count = len(self.items)
        self.query_one("#library-counts", Static).update(f"{count} item{'s' if count != 1 else ''}")
        has_items = bool(self.items)
        listing.display = has_items
        self.query_one("#library-side").display = has_items
        empty = self.query_one("#library-empty", Static)
        empty.display = not has_items
        if not has_items:
            empty.update(
                Content(
                    "The library is empty.\n\nPress a to add a link (an article, a talk, a tool)"
                    " with the topics it is about; it will be matched to people whose interests"
                    " it fits."
                )
            )
            return
        index = next((i for i, item in enumerate(self.items) if item.id == wanted), 0)
        listing.highlighted = index
        listing.focus()
        self._show(self.items[index])

    @property
    def current(self) -> Shareable | None:
        listing = self.query_one("#library-list", OptionList)
        index = listing.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    @on(OptionList.OptionHighlighted, "#library-list")
    def _on_highlight(self) -> None:
        # The pane follows once the keys pause, so holding j never waits on matching.
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._show_current)

    def _show_current(self) -> None:
        self._detail_timer = None
        current = self.current
        if current is not None:
            self._show(current)

    def fits(self, shareable: Shareable) -> tuple[ShareMatch, ...]:
        """Whom an item fits, best first, leaving out those who got it."""
        return suggest_shares(
            self._people,
            [shareable],
            [share for share in self._shares if share.shareable_id == shareable.id],
            today=self.nurture.today,
        )

    @on(OptionList.OptionSelected, "#library-list")
    def _on_select(self) -> None:
        self.action_share()

    def _show(self, shareable: Shareable) -> None:
        app = self.nurture
        values = values_of(app)
        fits = self.fits(shareable)
        recipients = [
            (contact.display_name, day) for contact, day in values.recipients(shareable.id)
        ]
        self.query_one("#library-detail", Static).update(
            detail_content(shareable, fits, recipients, app.today)
        )

    # --- actions ----------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss()

    def action_cursor_down(self) -> None:
        self.listing.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.listing.action_cursor_up()

    def action_add(self) -> None:
        app = self.nurture

        def added(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            shareable = Shareable(
                id=0,
                title=values["title"] or values["url"],
                url=values["url"],
                note=values["note"],
                topics=values["topics"],
            )
            try:
                stored = values_of(app).add_shareable(shareable, today=app.today)
            except (ValueError, StoreError) as problem:
                self.notify(safe_text(problem), severity="error", markup=False)
                return
            self.reload(select_id=stored.id)
            self.notify(f"Added “{safe_text(stored.title)}”.", timeout=3, markup=False)

        self.app.push_screen(
            EntryModal(
                "Add to the library",
                [
                    EntryField("url", "URL", parse_url, placeholder="https://…"),
                    EntryField("title", "Title", optional_text, placeholder="what it is"),
                    EntryField("topics", "Topics", parse_topics, placeholder="ai, climbing"),
                    EntryField("note", "Why", optional_text, placeholder="one line on why"),
                ],
            ),
            added,
        )

    def action_share(self) -> None:
        shareable = self.current
        if shareable is None:
            self.notify("Add something to the library first (a).", severity="warning")
            return
        app = self.nurture
        fits = self.fits(shareable)
        if not fits:
            self.notify(
                "It fits no one yet: give people interests that match its topics.",
                severity="warning",
                markup=False,
            )
            return
        from tui.screens.contact import PickModal

        people = [
            (match.contact.id, f"{match.contact.display_name} — {match.explanation}")
            for match in fits
        ]

        def picked(contact_id: int | None) -> None:
            if contact_id is not None:
                share_with(app, contact_id, shareable)

        self.app.push_screen(PickModal("Share it with…", people), picked)
