"""Contact detail: everything about one person, and quick ways to add to it.

The header says who they are and when they are next due; the body (scrollable) puts what to
act on first (questions to ask, promises), then the timeline, notes, dates and the rest.
Every add goes through a small validating modal and the Store; the screen reloads after.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from pendulum import Date, DateTime
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from core.agenda import MONTH_ABBR, cadence_words, when_words
from core.cadence import cadence_days
from core.milestones import describe_occurrence, event_pending, next_occurrence, parse_yearly_date
from core.models import (
    Channel,
    Contact,
    ContactDetail,
    DateKind,
    Direction,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
)
from core.stats import Health, health_word
from data.stats_queries import contact_health
from data.store import NotFound, StoreError
from tui.cli_input import parse_day
from tui.render import cell_width, describe_rule, fit, local_time, safe_text, short_day
from tui.widgets.charts import spark
from tui.widgets.entry import EntryField, EntryModal, optional_text, required
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tui.app import NurtureApp

INTERACTIONS_SHOWN = 50
PICK_LIMIT = 20  # suggestions offered in a pick list
MUTED = "$text-muted"
HEADING = "bold $accent"
DIRECTION_WORDS = {Direction.OUTBOUND: "out", Direction.INBOUND: "in", Direction.MUTUAL: "both"}

Part = str | tuple[str, str]


# --- what the screen shows (pure: detail + today/now + width in, Content out) ---------


def due_words(due: Date, today: Date) -> str:
    """`due today`, `3 days late`, `due Fri`, `due Fri 4 Dec`."""
    late = (today - due).days
    if late > 0:
        return f"{late} day late" if late == 1 else f"{late} days late"
    return "due today" if late == 0 else f"due {when_words(due, today)}"


def day_words(day: Date, today: Date) -> str:
    """A past or future day in at most 11 columns: `8 Aug`, `27 Dec 2025`."""
    return day.format("D MMM") if day.year == today.year else day.format("D MMM YYYY")


def header_content(detail: ContactDetail, today: Date, now: DateTime, width: int) -> Content:
    """Three lines cut to `width`: who and how often; when due and their time; work and place."""
    contact = detail.contact
    name = safe_text(contact.display_name)
    rhythm = f"  {contact.circle.value} · {cadence_words(cadence_days(contact))}"
    name_width = max(10, min(cell_width(name), width - cell_width(rhythm)))
    late = detail.next_due_on < today
    due = due_words(detail.next_due_on, today)
    clock = local_time(contact.timezone, now)
    when = f" · it is {safe_text(clock)}" if clock else ""
    work = " at ".join(part for part in (contact.title, contact.company) if part)
    about = safe_text(" · ".join(part for part in (work, contact.location) if part))
    parts: list[Part] = [
        (fit(name, name_width).rstrip(), "bold"),
        (fit(rhythm, width - name_width).rstrip(), MUTED),
        "\n",
        (due, "bold $warning" if late else ""),
        (fit(when, width - cell_width(due)).rstrip(), MUTED),
    ]
    if about:
        parts += ["\n", (fit(about, width).rstrip(), MUTED)]
    return Content.assemble(*parts)


def _heading(parts: list[Part], title: str, note: str = "") -> None:
    if parts:
        parts.append("\n")
    parts.append((title, HEADING))
    if note:
        parts.append((f"  {note}", MUTED))
    parts.append("\n")


def _hanging(lead: str, text: str, width: int, *, lead_style: str = MUTED) -> list[Part]:
    """`lead` then `text` wrapped so continuation lines start under the text, not at column 0."""
    indent = cell_width(lead)
    lines = textwrap.wrap(text, max(12, width - indent), break_on_hyphens=False) or [""]
    parts: list[Part] = [(lead, lead_style), lines[0], "\n"]
    for line in lines[1:]:
        parts += [" " * indent, line, "\n"]
    return parts


def _interaction_text(interaction: Interaction) -> str:
    what = f"{interaction.channel.value} · {interaction.kind.value} · "
    what += DIRECTION_WORDS[interaction.direction]
    if interaction.summary:
        what += " — " + safe_text(interaction.summary)
    return what


def _date_lines(detail: ContactDetail, today: Date, width: int) -> list[Part]:
    lines: list[Part] = []
    upcoming = sorted(
        ((next_occurrence(date.rule, today), date) for date in detail.dates),
        key=lambda pair: (pair[0], pair[1].id),
    )
    for day, date in upcoming:
        what = safe_text(describe_occurrence(date, day))
        rule = describe_rule(date.rule, date.year)
        lines += _hanging(
            f"  {when_words(day, today):<11} ", f"{what} ({rule})", width, lead_style=""
        )
    for event in detail.events:
        text = f"{event.kind.value}: {safe_text(event.text)}"
        if event_pending(event, today):
            text += " · to congratulate"
        lines += _hanging(f"  {day_words(event.occurred_on, today):<11} ", text, width)
    return lines


WORD_STYLES = {
    "thriving": "$success",
    "steady": "",
    "drifting": "$warning",
    "neglected": "$error",
}


def _ago(days: int) -> str:
    return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"


def _score_line(label: str, score: int | None, detail: str, width: int) -> list[Part]:
    """`  recency      75 thriving   last touch 3 days ago` cut to `width`."""
    word = health_word(score)
    shown = "  —" if score is None else f"{score:>3}"
    lead = f"  {label:<12}{shown} "
    return [
        lead,
        (f"{word:<10}", WORD_STYLES.get(word, MUTED)),
        (fit(detail, width - cell_width(lead) - 10).rstrip(), MUTED),
        "\n",
    ]


def health_parts(health: Health, width: int) -> list[Part]:
    """The health section: three scores with a word and why, and touches per month."""
    parts: list[Part] = ["\n"]  # a blank line after the promises, as between sections
    parts += [("Health", HEADING), ("  last 12 months", MUTED), "\n"]
    if health.days_since_touch is None:
        recency = "no touch yet"
    else:
        late = health.days_late
        if late > 0:
            due = "1 day late" if late == 1 else f"{late} days late"
        else:
            due = "due today" if late == 0 else f"due in {-late} days"
        recency = f"last touch {_ago(health.days_since_touch)} · {due}"
    parts += _score_line("recency", health.recency, recency, width)
    together = (
        f"{health.from_them} of {health.touches} touches from them or together"
        if health.touches
        else "no touches in the last year"
    )
    parts += _score_line("reciprocity", health.reciprocity, together, width)
    regular = (
        f"{health.gaps_on_time} of {health.gaps} gaps within the cadence"
        if health.gaps
        else "needs two touches in a year"
    )
    parts += _score_line("consistency", health.consistency, regular, width)
    months = health.per_month
    counts = [month.count for month in months]
    span = f"{MONTH_ABBR[months[0].month.month - 1]}–{MONTH_ABBR[months[-1].month.month - 1]}"
    parts += [
        f"  {'per month':<12}",
        (spark(counts).replace(" ", "·"), "$accent"),
        (fit(f"  {span} · {health.touches} touches", width - 14 - len(counts)).rstrip(), MUTED),
        "\n",
    ]
    return parts


def body_content(
    detail: ContactDetail,
    today: Date,
    width: int = 76,
    health: Health | None = None,
    giving: Sequence[Part] = (),
) -> Content:
    """The scrollable record: what to act on first, what to give, how the relationship is
    doing, then history, then who they are."""
    contact = detail.contact
    parts: list[Part] = []

    open_questions = [question for question in detail.questions if question.asked_on is None]
    asked = len(detail.questions) - len(open_questions)
    _heading(parts, "Ask next time", f"{asked} asked before" if asked else "")
    for question in open_questions:
        parts += _hanging("  · ", safe_text(question.text), width)
    if not open_questions:
        parts += [("  nothing yet — a to add a question", MUTED), "\n"]

    open_promises = [promise for promise in detail.commitments if promise.done_on is None]
    kept = len(detail.commitments) - len(open_promises)
    _heading(parts, "Promises", f"{kept} kept" if kept else "")
    for promise in open_promises:
        text = safe_text(promise.text)
        if promise.due_on is not None:
            late = (today - promise.due_on).days
            text += f" — by {short_day(promise.due_on, today)}"
            if late > 0:
                text += f" ({late}d late)"
        parts += _hanging("  · ", text, width)
    if not open_promises:
        parts += [("  none open — p to promise something", MUTED), "\n"]

    parts += giving

    if health is not None:
        parts += health_parts(health, width)

    logged = len(detail.interactions)
    capped = logged >= INTERACTIONS_SHOWN
    _heading(
        parts, "Timeline", f"latest {logged}" if capped else f"{logged} logged" if logged else ""
    )
    for interaction in detail.interactions:
        day = day_words(interaction.occurred_at.date(), today)
        parts += _hanging(f"  {day:<11} ", _interaction_text(interaction), width)
    if not detail.interactions:
        parts += [("  no contact logged yet — l to log one", MUTED), "\n"]

    _heading(parts, "Notes")
    for note in detail.notes:
        when = day_words(note.created_at.date(), today) if note.created_at else ""
        parts += _hanging(f"  {when:<11} ", safe_text(note.body), width)
    if not detail.notes:
        parts += [("  no notes — n to add one", MUTED), "\n"]

    _heading(parts, "Dates and life events")
    none = "  none — b for a birthday or anniversary, v for a life event"
    parts += _date_lines(detail, today, width) or [(none, MUTED), "\n"]

    _heading(parts, "About")
    about: list[tuple[str, Sequence[str] | str]] = [
        ("interests", contact.interests),
        ("tags", contact.tags),
        ("offers", contact.offers),
        ("needs", contact.needs),
        ("company", contact.company),
        ("title", contact.title),
        ("location", contact.location),
        ("time zone", contact.timezone or ""),
        ("emails", contact.emails),
        ("phones", contact.phones),
        ("handles", [f"{channel} {handle}" for channel, handle in contact.handles]),
        ("prefers", contact.preferred_channel.value),
        ("how we met", contact.how_met),
    ]
    for label, value in about:
        text = value if isinstance(value, str) else ", ".join(value)
        if text:
            parts += _hanging(f"  {label:<11} ", safe_text(text), width)
    return Content.assemble(*parts)


# --- the inline adds ------------------------------------------------------------------


def _choices(enum_values: Sequence[Any]) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum_values]


def _day_parser(today: Date, *, what: str, optional: bool = False) -> Any:
    def parse(text: str) -> Date | None:
        if optional and not text.strip():
            return None
        return parse_day(text, today=today, what=what)

    return parse


def _past_day_parser(today: Date, *, what: str) -> Any:
    def parse(text: str) -> Date:
        day = parse_day(text or "today", today=today, what=what)
        if day > today:
            raise ValueError(f"{what} {text.strip()!r} is in the future")
        return day

    return parse


class PickModal(ModalScreen[int | None]):
    """Pick one of a few items (a question to tick off, a promise kept) by its row."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, items: Sequence[tuple[int, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.items = tuple(items)

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker"):
            yield Static(Content(self.title_text), classes="picker-title")
            yield OptionList(
                *(Option(Content(safe_text(text)), id=str(key)) for key, text in self.items),
                id="pick-options",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ContactScreen(Screen[None]):
    """One person: header, record, and keys to add a note, question, promise, date or event."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="contact.back", tooltip="Back to where you were"),
        Binding("c", "compose", "Compose", id="contact.compose", tooltip="Draft a message"),
        Binding("l", "log", "Log", id="contact.log", tooltip="Log a call, message or meeting"),
        Binding("n", "note", "Note", id="contact.note", tooltip="Add a note about them"),
        Binding("a", "ask", "Ask", id="contact.ask", tooltip="A question for next time"),
        Binding("p", "promise", "Promise", id="contact.promise", tooltip="Something you promised"),
        Binding("b", "add_date", "Date", id="contact.date", tooltip="A birthday or anniversary"),
        Binding(
            "v", "event", "Event", id="contact.event", tooltip="A life event (new job, move...)"
        ),
        Binding("e", "edit", "Edit", id="contact.edit", tooltip="Edit their details"),
        Binding("A", "asked", "Asked", id="contact.asked", tooltip="Tick off a question as asked"),
        Binding(
            "s", "share", "Share", id="contact.share", tooltip="Share something that fits them"
        ),
        Binding(
            "i",
            "introduce",
            "Introduce",
            id="contact.introduce",
            tooltip="Introduce them to someone whose need or offer meets theirs",
        ),
        Binding("K", "kept", "Kept", id="contact.kept", tooltip="Mark a promise as kept"),
        Binding("j", "scroll(1)", "Down", show=False, id="contact.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="contact.up"),
    ]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.detail: ContactDetail | None = None
        self.health: Health | None = None
        self.giving: list[Part] = []

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="contact-header")
        with VerticalScroll(id="contact-scroll"):
            yield Static(id="contact-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#contact-scroll").focus()

    def on_screen_resume(self) -> None:
        # Back from the composer (a message may have been logged): show it.
        if self.detail is not None:
            self.reload()

    def reload(self) -> None:
        """Read the contact again and show everything."""
        store = self.nurture.store
        try:
            self.detail = store.contact_detail(self.contact_id, interactions=INTERACTIONS_SHOWN)
            self.health = contact_health(store, self.detail.contact, self.nurture.today)
            self._load_giving()
        except NotFound:
            self.notify("That contact no longer exists.", severity="error")
            self.detail = None
            self.app.call_later(self.dismiss)
            return
        self.render_detail()

    def render_detail(self) -> None:
        """Show the loaded record at the current width (no database read)."""
        if self.detail is None:
            return
        app = self.nurture
        width = self.size.width or app.size.width
        self.query_one("#contact-header", Static).update(
            header_content(self.detail, app.today, app.now(), width - 2)
        )
        # Padding on both sides and the scrollbar take three columns.
        body = body_content(
            self.detail, app.today, width - 3, self.health, self._giving_parts(width - 3)
        )
        self.query_one("#contact-body", Static).update(body)

    def on_resize(self) -> None:
        self.render_detail()

    def _load_giving(self) -> None:
        """What the Giving section shows: the balance, shares that fit, introductions."""
        from tui.value_actions import values_of

        if self.detail is None:
            return
        app = self.nurture
        values = values_of(app)
        contact = self.detail.contact
        self._giving_data = (
            values.balance(contact, app.today),
            values.matches_for(contact, app.today),
            values.introductions_of(contact.id),
        )

    def _giving_parts(self, width: int) -> list[Part]:
        from tui.value_actions import giving_parts

        data = getattr(self, "_giving_data", None)
        if data is None or self.detail is None:
            return []
        balance, matches, intros = data
        hint = "s to share one" if matches else ""
        return giving_parts(balance, matches, intros, self.detail.contact.id, width, key_hint=hint)

    @property
    def contact(self) -> Contact | None:
        return None if self.detail is None else self.detail.contact

    @property
    def who(self) -> str:
        """The person's first name (or full name), safe to show."""
        contact = self.contact
        return "" if contact is None else safe_text(contact.given_name or contact.display_name)

    def _write(self, what: str, write: Any) -> None:
        """Run a Store write; say what happened (or why not) and reload."""
        try:
            write()
        except StoreError as problem:
            self.notify(safe_text(problem), severity="error", markup=False)
            return
        self.reload()
        self.notify(what, markup=False, timeout=3)

    def _ask(self, title: str, fields: Sequence[EntryField], then: Any) -> None:
        if self.contact is None:
            return

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                then(values)

        self.app.push_screen(EntryModal(title, fields), done)

    # --- actions ----------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss()

    def action_scroll(self, rows: int) -> None:
        scroll = self.query_one("#contact-scroll", VerticalScroll)
        scroll.scroll_relative(y=rows, animate=False)

    def action_note(self) -> None:
        app = self.nurture
        self._ask(
            f"A note about {self.who}",
            [EntryField("body", "Note", required("note"), placeholder="what they told you")],
            lambda values: self._write(
                "Note added.",
                lambda: app.store.add_note(self.contact_id, values["body"], now=app.now()),
            ),
        )

    def action_ask(self) -> None:
        app = self.nurture
        self._ask(
            f"Ask {self.who} next time",
            [
                EntryField(
                    "text", "Question", required("question"), placeholder="e.g. how was the race?"
                )
            ],
            lambda values: self._write(
                "Question saved for next time.",
                lambda: app.store.add_question(self.contact_id, values["text"], today=app.today),
            ),
        )

    def action_promise(self) -> None:
        app = self.nurture
        self._ask(
            f"A promise to {self.who}",
            [
                EntryField(
                    "text", "Promise", required("promise"), placeholder="e.g. send the deck"
                ),
                EntryField(
                    "due_on",
                    "Due",
                    _day_parser(app.today, what="due date", optional=True),
                    placeholder="friday, +3d, 2026-12-24 (empty: no date)",
                ),
            ],
            lambda values: self._write(
                "Promise recorded.",
                lambda: app.store.add_commitment(
                    self.contact_id, values["text"], due_on=values["due_on"], today=app.today
                ),
            ),
        )

    def action_add_date(self) -> None:
        def store(values: dict[str, Any]) -> None:
            rule, year = values["when"]
            date = ImportantDate(
                id=0,
                contact_id=self.contact_id,
                kind=DateKind(values["kind"]),
                rule=rule,
                year=year,
                label=values["label"],
            )
            self._write("Date added.", lambda: self.nurture.store.add_important_date(date))

        self._ask(
            f"A date to remember for {self.who}",
            [
                EntryField("kind", "Kind", choices=_choices(list(DateKind))),
                EntryField(
                    "when",
                    "Date",
                    parse_yearly_date,
                    placeholder="like 1990-02-29, --02-29 or 3rd Sunday of June",
                ),
                EntryField("label", "Label", optional_text, placeholder="optional, e.g. wedding"),
            ],
            store,
        )

    def action_event(self) -> None:
        app = self.nurture

        def store(values: dict[str, Any]) -> None:
            event = LifeEvent(
                id=0,
                contact_id=self.contact_id,
                kind=LifeEventKind(values["kind"]),
                text=values["text"],
                occurred_on=values["on"],
            )
            self._write("Life event added.", lambda: app.store.add_life_event(event))

        self._ask(
            f"A life event for {self.who}",
            [
                EntryField(
                    "text", "What", required("event"), placeholder="e.g. joined Acme as CTO"
                ),
                EntryField(
                    "on",
                    "When",
                    _day_parser(app.today, what="date"),
                    value="today",
                    placeholder="2026-11-02, yesterday, -1w",
                ),
                EntryField("kind", "Kind", choices=_choices(list(LifeEventKind))),
            ],
            store,
        )

    def action_log(self) -> None:
        app = self.nurture
        contact = self.contact
        if contact is None:
            return

        def store(values: dict[str, Any]) -> None:
            now = app.now()
            day: Date = values["on"]
            occurred_at = now if day == app.today else now.on(day.year, day.month, day.day)
            interaction = Interaction(
                id=0,
                contact_id=self.contact_id,
                occurred_at=occurred_at,
                channel=Channel(values["channel"]),
                direction=Direction(values["direction"]),
                kind=InteractionKind(values["kind"]),
                summary=values["summary"],
            )
            self._write(
                f"Logged {interaction.kind.value} ({interaction.channel.value}).",
                lambda: app.store.log_interaction(interaction, today=app.today),
            )

        self._ask(
            f"Log a touch with {self.who}",
            [
                EntryField(
                    "channel",
                    "Channel",
                    value=contact.preferred_channel.value,
                    choices=_choices(list(Channel)),
                ),
                EntryField("kind", "Kind", choices=_choices(list(InteractionKind))),
                EntryField("direction", "Direction", choices=_choices(list(Direction))),
                EntryField(
                    "summary", "Summary", optional_text, placeholder="what you talked about"
                ),
                EntryField(
                    "on",
                    "When",
                    _past_day_parser(app.today, what="day"),
                    value="today",
                    placeholder="today, yesterday, -3d, 2026-11-20",
                ),
            ],
            store,
        )

    def action_asked(self) -> None:
        if self.detail is None:
            return
        app = self.nurture
        open_questions = [(q.id, q.text) for q in self.detail.questions if q.asked_on is None]
        if not open_questions:
            self.notify("No open questions.", severity="warning")
            return

        def picked(question_id: int | None) -> None:
            if question_id is not None:
                self._write(
                    "Ticked off.",
                    lambda: app.store.mark_question_asked(question_id, today=app.today),
                )

        self.app.push_screen(PickModal("Which one did you ask?", open_questions), picked)

    def action_kept(self) -> None:
        if self.detail is None:
            return
        app = self.nurture
        promises = [(c.id, c.text) for c in self.detail.commitments if c.done_on is None]
        if not promises:
            self.notify("No open promises.", severity="warning")
            return

        def picked(commitment_id: int | None) -> None:
            if commitment_id is not None:
                self._write(
                    "Promise kept.",
                    lambda: app.store.complete_commitment(commitment_id, today=app.today),
                )

        self.app.push_screen(PickModal("Which promise did you keep?", promises), picked)

    def action_edit(self) -> None:
        contact = self.contact
        if contact is None:
            return
        from tui.screens.contact_form import ContactForm

        def saved(result: Contact | None) -> None:
            if result is not None:
                self.reload()
                self.notify("Saved.", timeout=3)

        self.app.push_screen(ContactForm(contact), saved)

    def action_share(self) -> None:
        """Pick one of the shareables that fit them; the composer opens with it."""
        contact = self.contact
        if contact is None:
            return
        from tui.value_actions import share_with, values_of

        app = self.nurture
        matches = values_of(app).matches_for(contact, app.today)
        if not matches:
            self.notify(
                "Nothing in the library fits them yet: add links on the library screen"
                " (l on the agenda) or interests here (e).",
                severity="warning",
                markup=False,
            )
            return
        by_id = {match.shareable.id: match.shareable for match in matches}
        items = [
            (match.shareable.id, f"{match.shareable.title} — {match.explanation}")
            for match in matches
        ]

        def picked(shareable_id: int | None) -> None:
            if shareable_id is not None:
                share_with(app, contact.id, by_id[shareable_id])

        self.app.push_screen(PickModal(f"Share with {self.who}…", items), picked)

    def action_introduce(self) -> None:
        """Pick a suggested introduction involving them; propose it and draft the first ask."""
        contact = self.contact
        if contact is None:
            return
        from tui.value_actions import advance_and_draft, intro_step_notice, values_of

        app = self.nurture
        values = values_of(app)
        suggestions = values.intro_suggestions(involving=contact.id, limit=PICK_LIMIT)
        if not suggestions:
            self.notify(
                "No one's offer meets their needs (or their offers anyone's needs) yet:"
                " add offers and needs with e.",
                severity="warning",
                markup=False,
            )
            return
        by_index = dict(enumerate(suggestions))
        items = [(index, suggestion.explanation) for index, suggestion in by_index.items()]

        def picked(index: int | None) -> None:
            if index is None:
                return
            suggestion = by_index[index]
            try:
                proposed = values.propose_intro(
                    suggestion.needer.id, suggestion.offerer.id, suggestion.reason, today=app.today
                )
                advanced = advance_and_draft(app, proposed.intro.id)
            except (ValueError, StoreError) as problem:
                self.notify(safe_text(problem), severity="warning", markup=False)
                return
            self.notify(intro_step_notice(advanced), timeout=4, markup=False)

        self.app.push_screen(PickModal("Introduce…", items), picked)

    def action_compose(self) -> None:
        try:
            from tui.screens.composer import ComposerScreen
        except ImportError:
            self.notify("The composer is not available yet.", severity="warning")
            return
        self.app.push_screen(ComposerScreen(self.contact_id))
