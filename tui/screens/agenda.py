"""Due today, the home screen: triage the agenda with one key per item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.worker import get_current_worker

from core.agenda import TIER_VALUE, Agenda, AgendaItem, ItemKind, when_words
from core.models import Channel, Direction, Interaction, InteractionKind
from data.store import StoreError
from tui.render import safe_text, short_day
from tui.widgets.agenda_list import AgendaList
from tui.widgets.key_footer import KeyFooter
from tui.widgets.preview import ContactPreview

if TYPE_CHECKING:
    from pendulum import Date

    from data.value_store import ValueExtras
    from tui.app import NurtureApp

PREVIEW_DELAY = 0.05  # seconds of stillness before the context pane follows the cursor
# Check-ins listed at first; scrolling to the end lists the next page.
AGENDA_PAGE = 50

# What logging "done" records for each kind of item.
DONE_KIND = {
    ItemKind.CHECK_IN: InteractionKind.CHECK_IN,
    ItemKind.REPLY_OWED: InteractionKind.MESSAGE,
    ItemKind.CELEBRATION: InteractionKind.CONGRATS,
    ItemKind.LIFE_EVENT: InteractionKind.CONGRATS,
    ItemKind.SHARE: InteractionKind.SHARE,
}


class AgendaScreen(Screen[None]):
    """The day's check-ins, celebrations and promises, most urgent first."""

    BINDINGS = [
        Binding("enter", "open_contact", "Open", id="agenda.open", tooltip="The contact's page"),
        Binding("c", "compose", "Compose", id="agenda.compose", tooltip="Draft a message"),
        Binding("d", "done", "Done", id="agenda.done", tooltip="Log it on their usual channel"),
        Binding(
            "D",
            "done_via",
            "Done via",
            id="agenda.done_via",
            tooltip="Done, on another channel",
            show=False,
        ),
        Binding("s", "snooze", "Snooze", id="agenda.snooze", tooltip="Not now: pick a day"),
        Binding("x", "skip", "Skip", id="agenda.skip", tooltip="Skip this cycle"),
        Binding("u", "undo", "Undo", id="agenda.undo", tooltip="Undo the last action"),
        Binding("slash", "search", "Find", id="agenda.search", tooltip="Find anyone"),
        Binding("r", "reload", "Reload", id="agenda.reload", show=False),
        Binding(
            "i",
            "insights",
            "Insights",
            id="agenda.insights",
            tooltip="How is my network doing?",
            show=False,
        ),
        Binding(
            "l",
            "library",
            "Library",
            id="agenda.library",
            tooltip="Shareables: things worth passing on",
            show=False,
        ),
        Binding(
            "n",
            "introductions",
            "Intros",
            id="agenda.introductions",
            tooltip="Introductions: suggested, asked, made",
            show=False,
        ),
    ]

    @dataclass
    class ExtrasLoaded(Message):
        """Share and intro rows for the day, read in a worker (posted from it)."""

        extras: ValueExtras

    def __init__(self) -> None:
        super().__init__()
        self.agenda: Agenda | None = None
        self._base: Agenda | None = None  # as read from the store, before the extras
        # Introduction follow-ups and a few chances to give: read after the first frame, in
        # a worker (matching reads many people), and added to every reload.
        self._extras: ValueExtras | None = None
        self._shown = False
        self.limit = AGENDA_PAGE
        self._preview_timer: Timer | None = None

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="agenda-header"):
            yield Static(id="agenda-title")
            yield Static(id="agenda-counts")
        with Horizontal(id="agenda-body"):
            yield AgendaList(id="agenda-list")
            yield Static(id="agenda-empty")
            yield ContactPreview(id="agenda-preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        # The giving rows follow the first frame (see _repaint_around_the_first_rows): their
        # read and the rows they add would hold it up.
        self.reload(extras=False)
        if self.agenda is not None and not self.agenda.items:
            self.call_after_refresh(self._refresh_extras)  # no rows to wait for

    def on_screen_resume(self) -> None:
        # Back from a contact or the composer: what was done there shows here. The first
        # resume is the screen being shown at all, just after on_mount loaded it.
        if self._shown:
            self.reload(keep_index=self.query_one(AgendaList).highlighted)
        self._shown = True

    # --- loading ----------------------------------------------------------------------
    def reload(self, *, keep_index: int | None = None, extras: bool = True) -> None:
        """Read the agenda again and show it, the cursor staying where it was; with `extras`,
        read the share and intro rows again too."""
        app = self.nurture
        self._base = app.store.agenda(app.today, limit=self.limit, daily_budget=app.daily_budget)
        if extras:
            self._refresh_extras(show=False)
        self._show(keep_index)

    def _show(self, keep_index: int | None) -> None:
        """Show the agenda last read, with the share and intro rows last read added."""
        app = self.nurture
        base = self._base
        if base is None:
            return
        self.agenda = base if self._extras is None else self._extras.apply(base)
        self.query_one("#agenda-title", Static).update(
            f"nurture · {short_day(app.today, app.today)}"
        )
        self.query_one("#agenda-counts", Static).update(self._counts_text(self.agenda))
        listing = self.query_one(AgendaList)
        empty = self.query_one("#agenda-empty", Static)
        has_items = bool(self.agenda.items)
        listing.display = has_items
        self.query_one(ContactPreview).display = has_items
        empty.display = not has_items
        listing.show_items(self.agenda.items, keep_index=keep_index)
        if has_items:
            # The pane follows from the highlight the new rows set (see _on_highlight):
            # reading the contact here as well would do it twice per action.
            listing.focus()
        else:
            empty.update(self._empty_text(app.today))

    def _refresh_extras(self, *, show: bool = True) -> None:
        """Read the share and intro rows again, and with `show` put them on screen.

        Follow-ups and the day's intro suggestion are a few index seeks (~2 ms at 100,000
        people): they are read here, with no thread and no second connection to pay for.
        Matching a library reads everyone with interests, so only then does a worker do it,
        and its rows follow a moment later.
        """
        from data.value_store import ValueStore

        app = self.nurture
        values = ValueStore(app.store)
        if values.has_shareables():
            self._read_extras(app.today, app.daily_budget)
        else:
            self._take_extras(values.extras(app.today, daily_budget=app.daily_budget), show=show)

    @work(thread=True, exclusive=True, exit_on_error=False, group="agenda-extras")
    def _read_extras(self, today: Date, daily_budget: int) -> None:
        from data.value_store import read_value_extras

        extras = read_value_extras(self.nurture.store, today, daily_budget=daily_budget)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ExtrasLoaded(extras))

    @on(ExtrasLoaded)
    def _show_extras(self, event: ExtrasLoaded) -> None:
        self._take_extras(event.extras)

    def _take_extras(self, extras: ValueExtras, *, show: bool = True) -> None:
        from data.value_store import ValueExtras

        unchanged = extras == (self._extras or ValueExtras())
        self._extras = extras
        if show and not unchanged:
            # Added to the agenda already read: reading it again would hold two at once.
            self._show(keep_index=self.query_one(AgendaList).highlighted)

    @staticmethod
    def _counts_text(agenda: Agenda) -> str:
        # Every due check-in counts, listed yet or not (the rest page in as you scroll).
        others = sum(
            1
            for item in agenda.items
            if item.kind not in (ItemKind.CHECK_IN, ItemKind.CELEBRATION, ItemKind.LIFE_EVENT)
            and item.tier != TIER_VALUE  # a suggestion to give is not something due
        )
        parts = [f"{agenda.checkins_due + others} due"]
        if agenda.celebrations:
            parts.append(f"{agenda.celebrations} to celebrate")
        return " · ".join(parts)

    def _empty_text(self, today: Date) -> Content:
        upcoming = self.nurture.store.next_due(today)
        if upcoming is None:
            later = "Nobody is waiting on you. Add people with `a` on the contacts screen (/)."
        else:
            contact, day = upcoming
            later = f"Next up: {safe_text(contact.display_name)}, {when_words(day, today)}."
        # A name may hold markup-like brackets: plain Content, never a markup string.
        return Content(f"All clear for today. Nicely done.\n\n{later}")

    @on(AgendaList.FirstRows)
    def _repaint_around_the_first_rows(self) -> None:
        # At start-up Textual lays this screen out inside its first batch update and drops
        # that frame: what it drew (title, counts, the pane's border) would reach the
        # terminal only with a full repaint a frame later, after the rows. Marking it all
        # dirty now puts the whole screen in the first frame that is sent.
        for widget in self.children:
            widget.refresh()
        # Then the share and intro rows, once that frame is out (unless they were what
        # brought the first rows, on a day with nothing else due).
        if self._extras is None:
            self.call_after_refresh(self._refresh_extras)

    @on(OptionList.OptionSelected, "#agenda-list")
    def _on_select(self) -> None:
        self.action_open_contact()

    @on(OptionList.OptionHighlighted, "#agenda-list")
    def _on_highlight(self) -> None:
        listing = self.query_one(AgendaList)
        # The cursor moves in this frame; the pane follows once the keys pause, so holding
        # j never waits on a database read per row.
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview_current)
        if listing.highlighted == len(listing.items) - 1 and self._hidden_checkins() > 0:
            # At the end with more people due: list the next page, cursor where it was.
            self.limit += AGENDA_PAGE
            self.reload(keep_index=listing.highlighted)

    def _hidden_checkins(self) -> int:
        if self.agenda is None:
            return 0
        listed = sum(1 for item in self.agenda.items if item.kind is ItemKind.CHECK_IN)
        return self.agenda.checkins_due - listed

    def _preview_current(self) -> None:
        self._preview_timer = None
        self._preview(self.query_one(AgendaList).current)

    def _preview(self, item: AgendaItem | None) -> None:
        if item is None:
            return
        app = self.nurture
        detail = app.store.contact_detail(item.contact.id, interactions=3)
        self.query_one(ContactPreview).show_item(item, detail, app.today, app.now())

    # --- actions ----------------------------------------------------------------------
    def _current(self) -> AgendaItem | None:
        item = self.query_one(AgendaList).current
        if item is None:
            self.notify("Nothing selected.", severity="warning")
        return item

    def _after_change(self, message: str) -> None:
        self.reload(keep_index=self.query_one(AgendaList).highlighted)
        self.notify(f"{message} · u to undo", timeout=4, markup=False)

    def action_done(self, channel: Channel | None = None) -> None:
        item = self._current()
        if item is None:
            return
        app = self.nurture
        name = safe_text(item.contact.display_name)
        if item.kind in (ItemKind.SHARE, ItemKind.INTRO):
            from tui.value_actions import done_value_item

            try:
                done = done_value_item(app, item, channel)
            except (ValueError, StoreError) as problem:
                self.notify(safe_text(problem), severity="warning", markup=False)
                return
            self._after_change(done)
            return
        if item.kind is ItemKind.COMMITMENT and item.ref_id is not None:
            app.store.complete_commitment(item.ref_id, today=app.today)
            self._after_change(f"Kept your promise to {name}")
            return
        used = channel or item.contact.preferred_channel
        app.store.log_interaction(
            Interaction(
                id=0,
                contact_id=item.contact.id,
                occurred_at=app.now(),
                channel=used,
                direction=Direction.OUTBOUND,
                kind=DONE_KIND[item.kind],
            ),
            today=app.today,
        )
        self._after_change(f"Logged {DONE_KIND[item.kind].value} with {name} ({used.value})")

    def action_done_via(self) -> None:
        if self._current() is None:
            return
        from tui.screens.pickers import ChannelPicker

        def chosen(channel: Channel | None) -> None:
            if channel is not None:
                self.action_done(channel)

        self.app.push_screen(ChannelPicker(), chosen)

    def _not_for_value_rows(self, item: AgendaItem) -> bool:
        """Snooze and skip move a check-in: on a share or intro row, say so and do nothing."""
        if item.kind not in (ItemKind.SHARE, ItemKind.INTRO):
            return False
        self.notify(
            "s and x move check-ins; on this row c drafts it and d logs it.",
            severity="warning",
            markup=False,
        )
        return True

    def action_snooze(self) -> None:
        item = self._current()
        if item is None or self._not_for_value_rows(item):
            return
        from tui.screens.pickers import SnoozePicker

        app = self.nurture

        def chosen(until: Date | None) -> None:
            if until is None:
                return
            app.store.snooze(item.contact.id, until, today=app.today)
            name = safe_text(item.contact.display_name)
            self._after_change(f"Snoozed {name} until {when_words(until, app.today)}")

        self.app.push_screen(SnoozePicker(app.today), chosen)

    def action_skip(self) -> None:
        item = self._current()
        if item is None or self._not_for_value_rows(item):
            return
        app = self.nurture
        app.store.skip(item.contact.id, today=app.today)
        self._after_change(f"Skipped {safe_text(item.contact.display_name)} this cycle")

    def action_undo(self) -> None:
        undone = self.nurture.store.undo()
        if undone is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.reload(keep_index=self.query_one(AgendaList).highlighted)
        self.notify(safe_text(undone).capitalize(), timeout=4, markup=False)

    def action_reload(self) -> None:
        self.reload(keep_index=self.query_one(AgendaList).highlighted)

    def action_open_contact(self) -> None:
        item = self._current()
        if item is None:
            return
        from tui.screens.contact import ContactScreen

        self.app.push_screen(ContactScreen(item.contact.id))

    def action_compose(self) -> None:
        item = self._current()
        if item is None:
            return
        if item.kind in (ItemKind.SHARE, ItemKind.INTRO):
            from tui.value_actions import compose_value_item

            try:
                compose_value_item(self.nurture, item)
            except (ValueError, StoreError) as problem:
                self.notify(safe_text(problem), severity="warning", markup=False)
            return
        from tui.screens.composer import ComposerScreen

        self.app.push_screen(ComposerScreen(item.contact.id, item=item))

    def action_search(self) -> None:
        from tui.screens.contacts import ContactsScreen

        self.app.push_screen(ContactsScreen(search=True))

    def action_library(self) -> None:
        from tui.screens.shareables import ShareablesScreen

        self.app.push_screen(ShareablesScreen())

    def action_introductions(self) -> None:
        from tui.screens.introductions import IntroductionsScreen

        self.app.push_screen(IntroductionsScreen())

    def action_insights(self) -> None:
        from tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())
