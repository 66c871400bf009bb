"""`stats`: how healthy the network is, on the command line (the stats screen's figures).

The definitions live in `core.stats`; the store adds up history in SQL (`data.stats_queries`).
Both are imported when the command runs, so registering it costs the other commands nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tui.cli import Session, _json_out, _out, _width, cli, json_option, pass_session
from tui.render import fit, safe_text, short_day

if TYPE_CHECKING:
    from data.stats_queries import NetworkReport

CIRCLE_LABEL_WIDTH = 12
NAME_WIDTH = 26
DRIFTING_LISTED = 10  # core.stats.DRIFTING_SHOWN, without importing core.stats to say so


def _share(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


def stats_json(report: NetworkReport) -> dict[str, Any]:
    """Every figure with stable keys."""
    stats = report.stats
    circles: dict[str, Any] = {}
    for row in stats.cadence:
        circles["all" if row.circle is None else row.circle.value] = {
            "on_cadence": row.on_cadence,
            "total": row.total,
            "share": _share(row.share),
        }
    give_ask = stats.give_ask
    streak = stats.streak
    return {
        "today": stats.today.isoformat(),
        "people": stats.people,
        "on_cadence": circles,
        "drifting": [
            {
                "contact_id": drift.contact_id,
                "name": report.names.get(drift.contact_id, ""),
                "circle": drift.circle.value,
                "days_late": drift.days_late,
                "cadence_days": drift.cadence_days,
                "cadences_late": round(drift.cadences_late, 2),
            }
            for drift in stats.drifting
        ],
        "touches_per_week": [
            {
                "starts_on": week.starts_on.isoformat(),
                "ends_on": week.ends_on.isoformat(),
                "count": week.count,
            }
            for week in stats.weekly
        ],
        "checkins_per_day": {
            "daily_budget": stats.checkins.budget,
            "days_met": stats.checkins.days_met,
            "average": round(stats.checkins.average, 2),
            "days": [{"day": day.day.isoformat(), "done": day.done} for day in stats.checkins.days],
        },
        "celebrations": {
            "caught": stats.celebrations.caught,
            "missed": stats.celebrations.missed,
            "open": stats.celebrations.open,
            "caught_share": _share(stats.celebrations.caught_share),
        },
        "give_ask": {
            "gives": give_ask.gives,
            "asks": give_ask.asks,
            "give_share": _share(give_ask.give_share),
            "gives_by_kind": {kind.value: count for kind, count in give_ask.gives_by_kind},
        },
        "cleared_streak": {
            "current": streak.current,
            "longest": streak.longest,
            "cleared_days": streak.cleared_days,
            "period_days": streak.period_days,
            "today_cleared": streak.today_cleared,
        },
    }


def _plural(count: int, noun: str, nouns: str = "") -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {nouns or noun + 's'}"


def stats_lines(report: NetworkReport, *, width: int) -> list[str]:
    """The figures as plain text within `width` columns."""
    from core.agenda import MONTH_ABBR, cadence_words
    from tui.widgets.charts import percent, spark

    stats = report.stats
    today = stats.today
    people = _plural(stats.people, "person", "people")
    lines = [f"Network health · {short_day(today, today)} · {people}"]
    lines.append("")
    lines.append("On cadence (not overdue today)")
    for row in stats.cadence:
        label = "everyone" if row.circle is None else row.circle.value
        lines.append(
            f"  {label:<{CIRCLE_LABEL_WIDTH}} {row.on_cadence:>6,}/{row.total:<6,}"
            f" {percent(row.share):>4}"
        )
    lines.append("")
    lines.append("Drifting (most late for their cadence)")
    if not stats.drifting:
        lines.append("  nobody: everyone is on cadence")
    for drift in stats.drifting:
        tail = f"  {drift.days_late:>4}d late, {cadence_words(drift.cadence_days)}"
        name = safe_text(report.names.get(drift.contact_id, f"#{drift.contact_id}"))
        name_width = max(10, min(NAME_WIDTH, width - 2 - len(tail)))
        lines.append(f"  {fit(name, name_width)}{tail}".rstrip())
    weekly = [week.count for week in stats.weekly]
    first_week = stats.weekly[0].starts_on
    lines.append("")
    lines.append(
        f"Touches per week since {first_week.day} {MONTH_ABBR[first_week.month - 1]}"
        f" {first_week.year}: {sum(weekly):,} in all, busiest week {max(weekly, default=0):,}"
    )
    if any(weekly):
        lines.append(f"  {spark(weekly)}")
    checkins = stats.checkins
    lines.append("")
    lines.append(
        f"Check-ins per day, last {len(checkins.days)} days: {checkins.average:.1f} a day,"
        f" budget {checkins.budget} met on {checkins.days_met} of {len(checkins.days)}"
    )
    done = [day.done for day in checkins.days]
    if any(done):
        lines.append(f"  {spark(done, top=max([checkins.budget, *done]))}")
    tally = stats.celebrations
    lines.append("")
    lines.append(
        f"Celebrations, last year: caught {tally.caught}, missed {tally.missed}"
        f" ({percent(tally.caught_share)} caught), {tally.open} still open"
    )
    give_ask = stats.give_ask
    kinds = ", ".join(f"{kind.value} {count}" for kind, count in give_ask.gives_by_kind if count)
    lines.append(
        f"Give and ask, last year: {_plural(give_ask.gives, 'give')} to"
        f" {_plural(give_ask.asks, 'ask')} ({percent(give_ask.give_share)} giving)"
    )
    if kinds:
        lines.append(f"  {kinds}")
    streak = stats.streak
    lines.append(
        f"Cleared streak: {_plural(streak.current, 'day')} (longest {streak.longest};"
        f" {streak.cleared_days} of the last {streak.period_days} days cleared)"
    )
    return [fit(line, width).rstrip() for line in lines]


@cli.command("stats")
@click.option(
    "--limit",
    default=DRIFTING_LISTED,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many drifting people to list.",
)
@json_option
@pass_session
def stats_command(session: Session, limit: int, as_json: bool) -> None:
    """How healthy is your network: on cadence by circle, who is drifting, touches per
    week, check-ins against the budget, celebrations caught, give/ask and the cleared streak.
    """
    from data.stats_queries import read_network_stats

    store = session.store(create=False)
    report = read_network_stats(
        store, today=session.today, daily_budget=session.daily_budget(), drifting_limit=limit
    )
    if as_json:
        _json_out(stats_json(report))
        return
    for line in stats_lines(report, width=_width()):
        _out(line)
