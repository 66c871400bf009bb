"""Introductions: the ones under way, by status, and the pairs worth introducing.

`a` moves the highlighted introduction to its next step (ask A, ask B, make it, follow up)
and opens that step's message in the composer; on a suggested pair it proposes the
introduction and drafts the first ask. `enter` opens the first person's page.
"""

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
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from core.models import IntroStatus
from core.value import INTRO_FLOW, IntroSuggestion, pair_key
from data.store import StoreError
from tui.render import fit, safe_text, short_day
from tui.value_actions import advance_and_draft, intro_step_notice, values_of
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from pendulum import Date

    from data.value_store import IntroView
    from tui.app import NurtureApp

MUTED = "$text-muted"
HEADING = "bold $accent"
SUGGESTIONS_SHOWN = 10
SECTION_TITLES = {
    IntroStatus.PROPOSED: "Proposed",
    IntroStatus.ASKED_A: "Asked the first",
    IntroStatus.ASKED_B: "Asked both",
    IntroStatus.MADE: "Made",
    IntroStatus.FOLLOWED_UP: "Followed up",
}


@dataclass(frozen=True)
class Row:
    """What a list row stands for: an introduction, a suggestion, or a section heading."""

    view: IntroView | None = None
    suggestion: IntroSuggestion | None = None

    @property
    def is_heading(self) -> bool:
        return self.view is None and self.suggestion is None


def intro_row(view: IntroView, today: Date, width: int) -> Content:
    """`  #3 Ana Lima + Bruno Costa` and what comes next, on two lines."""
    pair = f"#{view.intro.id} {view.a.display_name} + {view.b.display_name}"
    intro = view.intro
    if intro.status is IntroStatus.MADE and intro.follow_up_on is not None:
        late = intro.follow_up_on <= today
        when = f"follow up {short_day(intro.follow_up_on, today)}"
        tail: tuple[str, str] = (when, "$warning" if late else MUTED)
    elif intro.status is IntroStatus.FOLLOWED_UP:
        tail = ("done", MUTED)
    else:
        tail = (f"next: {view.next_step}", MUTED)
    return Content.assemble(
        fit(safe_text(pair), width), "\n", (fit(safe_text(f"   {tail[0]}"), width), tail[1])
    )


def suggestion_row(suggestion: IntroSuggestion, width: int) -> Content:
    pair = f"{suggestion.needer.display_name} + {suggestion.offerer.display_name}"
    return Content.assemble(
        fit(safe_text(pair), width),
        "\n",
        (fit(safe_text(f"   {suggestion.explanation}"), width), MUTED),
    )


def detail_text(row: Row) -> Content:
    """The line under the list: why, and what `a` will do."""
    if row.view is not None:
        view = row.view
        why = view.intro.reason or "no reason noted"
        if view.intro.status is IntroStatus.FOLLOWED_UP:
            return Content.assemble(("why ", MUTED), safe_text(why))
        return Content.assemble(
            ("why ", MUTED), safe_text(why), "\n", ("a ", "bold"), safe_text(view.next_step)
        )
    if row.suggestion is not None:
        suggestion = row.suggestion
        return Content.assemble(
            ("why ", MUTED),
            safe_text(suggestion.explanation),
            "\n",
            ("a ", "bold"),
            safe_text(
                f"propose it and ask {suggestion.needer.display_name} first"
                f" if they want to meet {suggestion.offerer.display_name}"
            ),
        )
    return Content("")


class IntroductionsScreen(Screen[None]):
    """Introductions by status, then suggested pairs; one key walks each to its next step."""

    DEFAULT_CSS = """
    IntroductionsScreen #intros-header {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    IntroductionsScreen #intros-title {
        width: 1fr;
        text-style: bold;
    }
    IntroductionsScreen #intros-counts {
        width: auto;
        color: $text-muted;
    }
    IntroductionsScreen #intros-list {
        height: 1fr;
        border: none;
    }
    IntroductionsScreen #intros-detail {
        height: 3;
        padding: 0 1;
        border-top: hkey $panel-lighten-2;
    }
    IntroductionsScreen #intros-empty {
        height: 1fr;
        padding: 1 2;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="intros.back", tooltip="Back to where you were"),
        Binding(
            "a",
            "advance",
            "Next step",
            id="intros.advance",
            tooltip="Move it on and draft that step's message",
        ),
        Binding("enter", "open_contact", "Open", id="intros.open", tooltip="The first person"),
        Binding("j", "cursor_down", "Down", show=False, id="intros.down"),
        Binding("k", "cursor_up", "Up", show=False, id="intros.up"),
    ]

    @dataclass
    class PairsFound(Message):
        """The suggested pairs, read in a worker."""

        suggestions: tuple[IntroSuggestion, ...]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        # Finding pairs reads everyone with needs or offers (a second or more at 100,000
        # people), so it runs in a worker; until it answers, the last pairs found are shown.
        self._suggestions: tuple[IntroSuggestion, ...] | None = None

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="intros-header"):
            yield Static("Introductions · double opt-in", id="intros-title")
            yield Static(id="intros-counts")
        yield OptionList(id="intros-list")
        yield Static(id="intros-empty")
        yield Static(id="intros-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @property
    def listing(self) -> OptionList:
        return self.query_one("#intros-list", OptionList)

    def reload(self, *, find_pairs: bool = True) -> None:
        """Read introductions again, and with `find_pairs` look for pairs again (in a worker:
        they follow a moment later); keep the cursor where it was."""
        app = self.nurture
        values = values_of(app)
        listing = self.listing
        keep = listing.highlighted
        views = values.introductions()
        if find_pairs:
            self._find_pairs()
        taken = {pair_key(view.a.id, view.b.id) for view in views}
        suggestions = tuple(
            suggestion
            for suggestion in self._suggestions or ()
            if pair_key(suggestion.needer.id, suggestion.offerer.id) not in taken
        )
        width = max(20, (listing.size.width or app.size.width) - 3)
        options: list[Option] = []
        self.rows = []

        def heading(title: str) -> None:
            options.append(Option(Content.styled(title, HEADING), disabled=True))
            self.rows.append(Row())

        for status in INTRO_FLOW:
            in_status = [view for view in views if view.intro.status is status]
            if not in_status:
                continue
            heading(f"{SECTION_TITLES[status]} ({len(in_status)})")
            for view in in_status:
                options.append(Option(intro_row(view, app.today, width)))
                self.rows.append(Row(view=view))
        if suggestions:
            heading("Suggested: one's need meets another's offer")
            for suggestion in suggestions:
                options.append(Option(suggestion_row(suggestion, width)))
                self.rows.append(Row(suggestion=suggestion))
        listing.clear_options()
        listing.add_options(options)
        open_count = sum(1 for v in views if v.intro.status is not IntroStatus.FOLLOWED_UP)
        found = "finding pairs…" if self._suggestions is None else f"{len(suggestions)} suggested"
        self.query_one("#intros-counts", Static).update(f"{open_count} under way · {found}")
        has_rows = bool(options)
        listing.display = has_rows
        self.query_one("#intros-detail").display = has_rows
        empty = self.query_one("#intros-empty", Static)
        empty.display = not has_rows
        if not has_rows:
            if self._suggestions is None:
                empty.update(Content("Looking for people whose needs meet others' offers…"))
                return
            empty.update(
                Content(
                    "No introductions yet, and none to suggest.\n\nGive people offers"
                    " (design, hiring, fundraising advice) and needs (looking for a designer,"
                    " a job in climate) on their page (e to edit); pairs where one's need meets"
                    " another's offer show up here."
                )
            )
            return
        selectable = [i for i, row in enumerate(self.rows) if not row.is_heading]
        if keep not in selectable:
            later = [i for i in selectable if keep is not None and i >= keep]
            keep = later[0] if later else selectable[0]
        listing.highlighted = keep
        listing.focus()
        self._show_detail()

    @work(thread=True, exclusive=True, exit_on_error=False, group="intro-pairs")
    def _find_pairs(self) -> None:
        from data.value_store import read_intro_suggestions

        found = read_intro_suggestions(self.nurture.store, limit=SUGGESTIONS_SHOWN)
        if not get_current_worker().is_cancelled:
            self.post_message(self.PairsFound(found))

    @on(PairsFound)
    def _show_pairs(self, event: PairsFound) -> None:
        if event.suggestions == self._suggestions:
            return
        self._suggestions = event.suggestions
        self.reload(find_pairs=False)

    @property
    def current(self) -> Row | None:
        index = self.listing.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        return None if row.is_heading else row

    @on(OptionList.OptionHighlighted, "#intros-list")
    def _show_detail(self) -> None:
        row = self.current
        self.query_one("#intros-detail", Static).update(
            detail_text(row) if row is not None else Content("")
        )

    @on(OptionList.OptionSelected, "#intros-list")
    def _on_select(self) -> None:
        self.action_open_contact()

    # --- actions ----------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss()

    def action_cursor_down(self) -> None:
        self.listing.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.listing.action_cursor_up()

    def action_open_contact(self) -> None:
        row = self.current
        if row is None:
            return
        from tui.screens.contact import ContactScreen

        if row.view is not None:
            self.app.push_screen(ContactScreen(row.view.a.id))
        elif row.suggestion is not None:
            self.app.push_screen(ContactScreen(row.suggestion.needer.id))

    def action_advance(self) -> None:
        row = self.current
        if row is None:
            self.notify("Nothing selected.", severity="warning")
            return
        app = self.nurture
        try:
            if row.view is not None:
                intro_id = row.view.intro.id
            elif row.suggestion is not None:
                suggestion = row.suggestion
                proposed = values_of(app).propose_intro(
                    suggestion.needer.id, suggestion.offerer.id, suggestion.reason, today=app.today
                )
                intro_id = proposed.intro.id
            else:
                return
            advanced = advance_and_draft(app, intro_id)
        except (ValueError, StoreError) as problem:
            self.notify(safe_text(problem), severity="warning", markup=False)
            return
        self.notify(intro_step_notice(advanced), timeout=4, markup=False)
