"""Insights: how healthy is my network? Every figure of `core.stats` on one 80x24 screen.

The figures are added up in a thread worker on a connection of its own (a 10,000-person
network takes a moment), while the screen says so; `r` adds them up again. What each figure
means is defined in `core.stats`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from pendulum import Date
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Sparkline, Static
from textual.worker import Worker, WorkerState, get_current_worker

from core import stats as core_stats
from core.agenda import MONTH_ABBR
from tui.render import cell_width, fit, safe_text, short_day
from tui.widgets.charts import bar_rows, meter, percent
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from data.stats_queries import NetworkReport
    from tui.app import NurtureApp

HEADING = "bold $accent"
MUTED = "$text-muted"
LABEL_WIDTH = 16
DRIFTING_ROWS = 6  # what fits beside the circles at 80x24
BUDGET_HEIGHT = 3
WEEKLY_HEIGHT = 3
LOADING_TEXT = "Adding up your network…"

Part = str | tuple[str, str]


# --- what the screen shows (pure: figures + width in, Content out) ----------------------


def cadence_content(stats: core_stats.NetworkStats) -> Content:
    """On cadence by circle: counts, share and a small meter, then everyone."""
    parts: list[Part] = [("On cadence", HEADING), ("  not overdue today", MUTED)]
    for row in stats.cadence:
        label = "everyone" if row.circle is None else row.circle.value
        style = "bold" if row.circle is None else ""
        parts += [
            "\n",
            (f" {label:<12}{row.on_cadence:>6,}/{row.total:<6,}{percent(row.share):>5} ", style),
            (meter(row.share, 6), "$success"),
        ]
    return Content.assemble(*parts)


def drifting_content(report: NetworkReport, width: int, rows: int = DRIFTING_ROWS) -> Content:
    """The contacts most late for their cadence: name, days late, cadence."""
    parts: list[Part] = [("Drifting", HEADING), ("  late · cadence", MUTED)]
    drifts = report.stats.drifting[:rows]
    if not drifts:
        parts += ["\n", (" nobody: everyone is on cadence", MUTED)]
    for drift in drifts:
        tail = f" {drift.days_late:>4}d late · {drift.cadence_days}d"
        name = safe_text(report.names.get(drift.contact_id, f"#{drift.contact_id}"))
        parts += ["\n", " ", fit(name, max(8, width - 1 - cell_width(tail))), (tail, MUTED)]
    return Content.assemble(*parts)


def weekly_title(stats: core_stats.NetworkStats) -> Content:
    """The weekly chart's heading: since when, and how many in all."""
    first = stats.weekly[0].starts_on
    total = sum(week.count for week in stats.weekly)
    since = f"{first.day} {MONTH_ABBR[first.month - 1]} {first.year}"
    return Content.assemble(
        ("Touches per week", HEADING), (f"  since {since} · {total:,} in all", MUTED)
    )


def weekly_side(stats: core_stats.NetworkStats) -> Content:
    """Beside the chart: the busiest, quietest and average week (the chart is min-to-max)."""
    counts = [week.count for week in stats.weekly]
    average = round(sum(counts) / len(counts)) if counts else 0
    return Content.assemble(
        (f"busiest  {max(counts, default=0):>5,}\n", MUTED),
        (f"quietest {min(counts, default=0):>5,}\n", MUTED),
        (f"average  {average:>5,}", MUTED),
    )


def month_axis(weeks: tuple[core_stats.WeekCount, ...]) -> str:
    """Month names under the weeks in which each month begins (one column per week)."""
    axis = [" "] * len(weeks)
    free_from = 0
    for index, week in enumerate(weeks):
        if week.starts_on.day != 1 and week.ends_on.month == week.starts_on.month:
            continue
        label = MONTH_ABBR[week.ends_on.month - 1]
        if index >= free_from and index + len(label) <= len(axis):
            axis[index : index + len(label)] = label
            free_from = index + len(label) + 1
    return "".join(axis).rstrip()


def budget_content(stats: core_stats.NetworkStats) -> Content:
    """Check-ins done per day against the budget: a small bar chart, met days in green."""
    record = stats.checkins
    days = len(record.days)
    parts: list[Part] = [
        ("Check-ins per day", HEADING),
        (
            f"  last {days} days · budget {record.budget} met on {record.days_met}"
            f" · {record.average:.1f} a day",
            MUTED,
        ),
    ]
    done = [day.done for day in record.days]
    top = max([record.budget, *done])
    rows = bar_rows(done, height=BUDGET_HEIGHT, top=top)
    for number, row in enumerate(rows):
        parts.append("\n")
        for glyph, day in zip(row, record.days, strict=True):
            parts += [(glyph, "$success" if day.done >= record.budget else "$warning"), " "]
        if number == 0:
            parts.append((f"{top:>3}", MUTED))
        elif number == len(rows) - 1:
            parts.append(("  0", MUTED))
    return Content.assemble(*parts)


def summary_content(stats: core_stats.NetworkStats, width: int) -> Content:
    """Celebrations, give/ask and the cleared streak, one line each (cut to `width`)."""
    tally = stats.celebrations
    give_ask = stats.give_ask
    streak = stats.streak
    kinds = " · ".join(f"{kind.value} {count:,}" for kind, count in give_ask.gives_by_kind if count)
    celebrated = (
        f"  {percent(tally.caught_share)} caught · {tally.open} open, last year"
        if tally.caught_share is not None
        else f"  nothing to celebrate in the last year · {tally.open} open"
    )
    balance = (
        f"  {percent(give_ask.give_share)} giving" + (f" · {kinds}" if kinds else "")
        if give_ask.give_share is not None
        else "  none logged in the last year"
    )
    lines: list[tuple[str, str, str]] = [
        ("Celebrations", f"{tally.caught:,} caught · {tally.missed:,} missed", celebrated),
        ("Give and ask", f"{give_ask.gives:,} gives · {give_ask.asks:,} asks", balance),
        (
            "Cleared streak",
            f"{streak.current} day{'' if streak.current == 1 else 's'}",
            f"  longest {streak.longest} · {streak.cleared_days} of the last"
            f" {streak.period_days} days cleared",
        ),
    ]
    parts: list[Part] = []
    for label, figure, note in lines:
        if parts:
            parts.append("\n")
        room = max(0, width - LABEL_WIDTH - cell_width(figure))
        parts += [(f"{label:<{LABEL_WIDTH}}", HEADING), (figure, "bold")]
        parts.append((fit(note, room).rstrip(), MUTED))
    return Content.assemble(*parts)


def header_counts(stats: core_stats.NetworkStats) -> str:
    people = stats.people
    return f"{people:,} {'person' if people == 1 else 'people'}"


# --- the screen --------------------------------------------------------------------------


class StatsScreen(Screen[None]):
    """How healthy is my network: cadence by circle, drift, touches, budget, celebrations,
    give/ask and the cleared streak."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="stats.back", tooltip="Back to where you were"),
        Binding("r", "reload", "Recount", id="stats.reload", tooltip="Add the figures up again"),
        Binding("j", "scroll(1)", "Down", show=False, id="stats.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="stats.up"),
    ]

    @dataclass
    class Loaded(Message):
        """The figures are in (posted from the worker)."""

        report: NetworkReport
        seconds: float

    def __init__(self) -> None:
        super().__init__()
        self.report: NetworkReport | None = None
        self.seconds: float | None = None  # how long the last count took

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="stats-header"):
            yield Static(id="stats-title")
            yield Static(id="stats-counts")
        yield Static(LOADING_TEXT, id="stats-loading")
        with VerticalScroll(id="stats-body"):
            with Horizontal(id="stats-top"):
                yield Static(id="stats-cadence")
                yield Static(id="stats-drifting")
            yield Static(id="stats-weekly-title", classes="stats-section")
            with Horizontal(id="stats-weekly-row"):
                yield Sparkline([], id="stats-weekly")
                yield Static(id="stats-weekly-side")
            yield Static(id="stats-weekly-axis")
            yield Static(id="stats-budget", classes="stats-section")
            yield Static(id="stats-summary", classes="stats-section")
        yield KeyFooter()

    def on_mount(self) -> None:
        today = self.nurture.today
        self.query_one("#stats-title", Static).update(
            Content(f"insights · {short_day(today, today)}")
        )
        self.load()

    def load(self) -> None:
        """Add the figures up (again) in a worker, saying so meanwhile."""
        self.add_class("-loading")
        self.query_one("#stats-loading", Static).update(LOADING_TEXT)
        self._count(self.nurture.today, self.nurture.daily_budget)

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def _count(self, today: Date, daily_budget: int) -> None:
        from data.stats_queries import read_network_stats

        started = time.perf_counter()
        report = read_network_stats(self.nurture.store, today=today, daily_budget=daily_budget)
        if not get_current_worker().is_cancelled:  # a newer count (r) replaced this one
            self.post_message(self.Loaded(report, time.perf_counter() - started))

    @on(Loaded)
    def show_figures(self, message: Loaded) -> None:
        self.report, self.seconds = message.report, message.seconds
        self.remove_class("-loading")
        self.render_figures()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "stats" and event.state is WorkerState.ERROR:
            error = event.worker.error
            self.query_one("#stats-loading", Static).update(
                Content(f"Cannot add up the network: {safe_text(error)}")
            )
            self.notify(
                f"Cannot add up the network: {safe_text(error)}", severity="error", markup=False
            )

    def render_figures(self) -> None:
        """Show the loaded figures at the current width (no database read)."""
        report = self.report
        if report is None:
            return
        stats = report.stats
        width = self.size.width or self.app.size.width
        cadence = self.query_one("#stats-cadence", Static)
        self.query_one("#stats-counts", Static).update(Content(header_counts(stats)))
        cadence.update(cadence_content(stats))
        # The body's padding and scrollbar take three columns; the circles take 40.
        self.query_one("#stats-drifting", Static).update(
            drifting_content(report, max(20, width - 3 - 40))
        )
        self.query_one("#stats-weekly-title", Static).update(weekly_title(stats))
        self.query_one("#stats-weekly", Sparkline).data = [week.count for week in stats.weekly]
        self.query_one("#stats-weekly-side", Static).update(weekly_side(stats))
        self.query_one("#stats-weekly-axis", Static).update(
            Content(month_axis(stats.weekly)).stylize(MUTED)
        )
        self.query_one("#stats-budget", Static).update(budget_content(stats))
        self.query_one("#stats-summary", Static).update(summary_content(stats, width - 3))

    def on_resize(self) -> None:
        self.render_figures()

    # --- actions ----------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.load()

    def action_scroll(self, rows: int) -> None:
        self.query_one("#stats-body", VerticalScroll).scroll_relative(y=rows, animate=False)
