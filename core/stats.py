"""Insights: how healthy the network is, and each relationship, from history and a `today`.

Every figure is a pure function of contacts, interactions, dates, life events, promises and
`today` (days are the user's local days). The network-wide figures take small summaries the
data layer adds up in SQL (touches per day, counts by kind, the gaps between touches that are
long enough to matter), so 200,000 interactions never become objects; the `*_from_history`
functions derive the same summaries from objects, for one contact and for tests.

The definitions, shared by the stats screen, `nurture-tui stats` and the tests:

- **On cadence**: a contact (not archived) whose check-in is not overdue today, i.e. whose
  next due day (`core.cadence.next_due_on`: last touch + cadence, or their budget-spread first
  date, pushed by a snooze or a skip) is today or later. Due today is still on cadence.
- **Drifting**: the overdue contacts, most late *relative to their cadence* first (days late /
  cadence days; then more days late; then by id): 10 days late on a weekly friend (1.4
  cadences) drifts further than 30 days late on a quarterly contact (0.3).
- **Touches per week**: every logged interaction (any kind or direction) in the 52 weeks of 7
  days that end today, oldest week first.
- **Check-ins done per day**: the number of different people we touched (an outbound or mutual
  interaction of any kind: any touch resets the clock) on each of the last 30 days, against
  the daily budget; a day "meets" the budget when it reaches it.
- **Celebrations caught or missed**: every occurrence of a yearly date in the 365 days ending
  today (not before the date's year, and only when the contact existed by the end of its
  window) has a window from its reminder lead before the day (by circle, or the date's own) to
  `CELEBRATION_GRACE_DAYS` after it, the span the agenda shows it. It is *caught* when a
  congrats interaction with that person, or the date's `celebrated_on`, falls in the window;
  *missed* when the window has closed without one; *open* while the window is still running
  (neither caught nor missed). A life event that happened in those 365 days counts the same way
  with its own window (`LIFE_EVENT_AHEAD_DAYS` before to `LIFE_EVENT_WINDOW_DAYS` after) and
  its `acknowledged_on`. Only the latest `celebrated_on` is stored, so an older year is
  caught by its congrats interaction.
- **Give/ask balance**: our touches (outbound or mutual) of the last 365 days by kind; gives
  are share, intro, help and congrats, asks are ask; the balance is gives / (gives + asks).
- **Cleared streak**: a day is *cleared* when, at its end, nothing was left undone: no contact
  whose check-in was due on or before that day without a touch since it fell due, and no
  promise due on or before that day still open. Each contact contributes the spans between
  two touches where it sat overdue (from last touch + cadence, never before the day it was
  added or its first due day, to the day before the next touch), and the span from its current
  next due day to today (this is where a snooze or a skip counts: they are stored as current
  state only); each promise the span from its due day to the day before it was kept. History is
  judged by each contact's cadence today. Only the last 365 days count, and none before the
  first contact was added (an empty network has no streak at all). The current streak is the
  run of cleared days ending today (today counts once cleared so far) or, while today still
  has something undone, the run ending yesterday.

Per contact, `contact_health` scores three things from 0 to 100, each with a word
(`HEALTH_WORDS`: thriving 75+, steady 50+, drifting 25+, neglected below):

- **Recency**: 75 on the due day, 100 half a cadence or more before it, falling 50 points per
  cadence late (0 from 1.5 cadences late): `75 - 50 * days_overdue / cadence`, clamped. None
  for someone never touched.
- **Reciprocity**: the share of the last 365 days' touches that came from them or were
  mutual, doubled: an even split (or better) is 100, all one-sided outbound is 0. None
  without a touch in that time.
- **Consistency**: how the gaps between touch days ending in the last 365 days compare with
  the cadence: a gap within the cadence earns full credit, a longer one loses credit in
  proportion and none from twice the cadence; the score is the mean. None without a gap.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pendulum import Date

from core import cadence, milestones
from core.models import (
    ASK_KINDS,
    GIVE_KINDS,
    Circle,
    Commitment,
    Contact,
    Direction,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    counts_as_ours,
)

YEAR_DAYS = 365
WEEKS_SHOWN = 52
BUDGET_DAYS = 30
MONTHS_SHOWN = 12
DRIFTING_SHOWN = 10
# Lowest score for each word, best first.
HEALTH_WORDS: tuple[tuple[int, str], ...] = (
    (75, "thriving"),
    (50, "steady"),
    (25, "drifting"),
    (0, "neglected"),
)
_EPOCH_ORDINAL = Date(2000, 1, 1).toordinal()  # core.cadence's "due since forever"

Span = tuple[int, int]  # first and last day ordinals, inclusive


def _day(ordinal: int) -> Date:
    return Date.fromordinal(ordinal)


def period_start(today: Date, days: int = YEAR_DAYS) -> Date:
    """The first day of the `days` days that end with `today`."""
    return _day(today.toordinal() - days + 1)


# --- where each contact stands ---------------------------------------------------------


class Standing(NamedTuple):
    """What the network figures need of one (not archived) contact: its cadence state.

    `next_due_on` is `core.cadence.next_due_on` of the contact (the store keeps it indexed).
    A named tuple, not a frozen dataclass: a read builds one per contact, and a frozen
    dataclass's `__init__` costs several times more.
    """

    contact_id: int
    circle: Circle
    cadence_days: int
    next_due_on: Date
    created_on: Date | None = None
    first_due_on: Date | None = None


def standing_of(contact: Contact) -> Standing:
    """The contact's standing as of its current state."""
    return Standing(
        contact_id=contact.id,
        circle=contact.circle,
        cadence_days=cadence.cadence_days(contact),
        next_due_on=cadence.next_due_on(contact),
        created_on=contact.created_on,
        first_due_on=contact.first_due_on,
    )


def days_late(standing: Standing, today: Date) -> int:
    """Days the check-in is overdue (0 on the due day, negative before it)."""
    return today.toordinal() - standing.next_due_on.toordinal()


def on_cadence(standing: Standing, today: Date) -> bool:
    """Not overdue today: due today or later."""
    return days_late(standing, today) <= 0


@dataclass(frozen=True, slots=True)
class CircleCadence:
    """How many of a circle are on cadence."""

    circle: Circle | None  # None: the whole network
    on_cadence: int
    total: int

    @property
    def share(self) -> float | None:
        """on_cadence / total, None for an empty circle."""
        return self.on_cadence / self.total if self.total else None


def cadence_by_circle(standings: Iterable[Standing], today: Date) -> tuple[CircleCadence, ...]:
    """One entry per circle (closest first, empty ones too), then the whole network."""
    totals: Counter[Circle] = Counter()
    kept: Counter[Circle] = Counter()
    today_ordinal = today.toordinal()
    for standing in standings:
        totals[standing.circle] += 1
        if standing.next_due_on.toordinal() >= today_ordinal:
            kept[standing.circle] += 1
    rows = [CircleCadence(circle, kept[circle], totals[circle]) for circle in Circle]
    rows.append(CircleCadence(None, sum(kept.values()), sum(totals.values())))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class Drift:
    """An overdue contact: how late, against what cadence."""

    contact_id: int
    circle: Circle
    days_late: int
    cadence_days: int

    @property
    def cadences_late(self) -> float:
        """Days late in units of the contact's cadence: how far they have drifted."""
        return self.days_late / self.cadence_days


def drifting(
    standings: Iterable[Standing], today: Date, limit: int = DRIFTING_SHOWN
) -> tuple[Drift, ...]:
    """The `limit` overdue contacts most late relative to their cadence."""
    today_ordinal = today.toordinal()
    late = (
        Drift(s.contact_id, s.circle, today_ordinal - s.next_due_on.toordinal(), s.cadence_days)
        for s in standings
        if s.next_due_on.toordinal() < today_ordinal
    )
    return tuple(
        heapq.nsmallest(
            max(limit, 0),
            late,
            key=lambda drift: (-drift.cadences_late, -drift.days_late, drift.contact_id),
        )
    )


# --- touches over time -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Interactions logged in one week (seven days, first and last included)."""

    starts_on: Date
    ends_on: Date
    count: int


def weekly_counts(
    per_day: Mapping[Date, int], today: Date, weeks: int = WEEKS_SHOWN
) -> tuple[WeekCount, ...]:
    """`weeks` weeks of seven days ending today, oldest first; days outside are ignored."""
    last = today.toordinal()
    first = last - 7 * weeks + 1
    totals = [0] * weeks
    for day, count in per_day.items():
        ordinal = day.toordinal()
        if first <= ordinal <= last:
            totals[(ordinal - first) // 7] += count
    return tuple(
        WeekCount(_day(first + 7 * week), _day(first + 7 * week + 6), totals[week])
        for week in range(weeks)
    )


def interactions_per_day(interactions: Iterable[Interaction]) -> Counter[Date]:
    """How many interactions fell on each (local) day."""
    return Counter(interaction.occurred_at.date() for interaction in interactions)


@dataclass(frozen=True, slots=True)
class BudgetDay:
    """Different people we touched on one day."""

    day: Date
    done: int


@dataclass(frozen=True, slots=True)
class BudgetRecord:
    """Check-ins done per day over the last days, against the daily budget."""

    budget: int
    days: tuple[BudgetDay, ...]

    @property
    def days_met(self) -> int:
        """Days that reached the budget."""
        return sum(1 for day in self.days if day.done >= self.budget)

    @property
    def average(self) -> float:
        """Check-ins done per day, on average."""
        return sum(day.done for day in self.days) / len(self.days) if self.days else 0.0


def checkins_per_day(
    touches: Iterable[tuple[Date, int]], today: Date, budget: int, days: int = BUDGET_DAYS
) -> BudgetRecord:
    """Different contacts touched per day over `days` days ending today.

    `touches` are (day, contact id) of our touches (`counts_as_ours`); repeats count once.
    """
    first = today.toordinal() - days + 1
    people: dict[int, set[int]] = {}
    for day, contact_id in touches:
        ordinal = day.toordinal()
        if first <= ordinal <= today.toordinal():
            people.setdefault(ordinal, set()).add(contact_id)
    return BudgetRecord(
        budget=budget,
        days=tuple(
            BudgetDay(_day(ordinal), len(people.get(ordinal, ())))
            for ordinal in range(first, first + days)
        ),
    )


def touches_made(interactions: Iterable[Interaction]) -> list[tuple[Date, int]]:
    """(day, contact id) of every touch we made or shared."""
    return [
        (interaction.occurred_at.date(), interaction.contact_id)
        for interaction in interactions
        if counts_as_ours(interaction.direction)
    ]


# --- give and ask ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GiveAsk:
    """Our touches that gave (share, intro, help, congrats) against those that asked."""

    gives_by_kind: tuple[tuple[InteractionKind, int], ...]
    asks: int

    @property
    def gives(self) -> int:
        return sum(count for _, count in self.gives_by_kind)

    @property
    def give_share(self) -> float | None:
        """gives / (gives + asks); None when there were neither."""
        total = self.gives + self.asks
        return self.gives / total if total else None


def give_ask(kind_counts: Mapping[InteractionKind, int]) -> GiveAsk:
    """The balance from counts of our touches by kind (other kinds are ignored)."""
    gives = tuple(
        (kind, kind_counts.get(kind, 0)) for kind in InteractionKind if kind in GIVE_KINDS
    )
    return GiveAsk(gives, sum(kind_counts.get(kind, 0) for kind in ASK_KINDS))


def kinds_made(
    interactions: Iterable[Interaction], today: Date, days: int = YEAR_DAYS
) -> Counter[InteractionKind]:
    """Our touches by kind over `days` days ending today."""
    first = today.toordinal() - days + 1
    return Counter(
        interaction.kind
        for interaction in interactions
        if counts_as_ours(interaction.direction)
        and first <= interaction.occurred_at.date().toordinal() <= today.toordinal()
    )


# --- celebrations ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Celebration:
    """One occurrence of a yearly date or a life event, and how it went."""

    contact_id: int
    on: Date
    opens: Date
    closes: Date
    caught_on: Date | None
    what: str

    def status(self, today: Date) -> str:
        """`caught`, `missed` (the window closed without one), or `open`."""
        if self.caught_on is not None:
            return "caught"
        return "missed" if self.closes < today else "open"


@dataclass(frozen=True, slots=True)
class CelebrationTally:
    """Celebrations of the last year, caught and missed."""

    caught: int
    missed: int
    open: int

    @property
    def caught_share(self) -> float | None:
        """caught / (caught + missed); None when there was nothing to catch."""
        decided = self.caught + self.missed
        return self.caught / decided if decided else None


def _first_in(days: Iterable[Date], opens: int, closes: int) -> Date | None:
    inside = [day for day in days if opens <= day.toordinal() <= closes]
    return min(inside) if inside else None


def celebration_list(
    dates: Iterable[ImportantDate],
    events: Iterable[LifeEvent],
    standings: Mapping[int, Standing],
    congrats: Mapping[int, Sequence[Date]],
    today: Date,
) -> list[Celebration]:
    """Every celebration of the 365 days ending today, with the day it was caught (if so).

    `standings` holds the contacts that count (not archived); `congrats` the days of each
    contact's congrats interactions (those within a year and a month of today suffice).
    """
    first = today.toordinal() - YEAR_DAYS + 1
    last = today.toordinal()
    found: list[Celebration] = []
    for date in dates:
        owner = standings.get(date.contact_id)
        if owner is None:
            continue
        lead = milestones.remind_days_ahead(date, owner.circle)
        for year in (today.year - 1, today.year):
            occurrence = milestones.occurrence_in(date.rule, year)
            day = occurrence.toordinal()
            if not first <= day <= last:
                continue
            if date.year is not None and year < date.year:
                continue
            opens, closes = day - lead, day + milestones.CELEBRATION_GRACE_DAYS
            if owner.created_on is not None and owner.created_on.toordinal() > closes:
                continue
            marks = [*congrats.get(date.contact_id, ())]
            if date.celebrated_on is not None:
                marks.append(date.celebrated_on)
            found.append(
                Celebration(
                    contact_id=date.contact_id,
                    on=occurrence,
                    opens=_day(opens),
                    closes=_day(closes),
                    caught_on=_first_in(marks, opens, closes),
                    what=milestones.describe_occurrence(date, occurrence),
                )
            )
    for event in events:
        owner = standings.get(event.contact_id)
        day = event.occurred_on.toordinal()
        if owner is None or not first <= day <= last:
            continue
        opens = day - milestones.LIFE_EVENT_AHEAD_DAYS
        closes = day + milestones.LIFE_EVENT_WINDOW_DAYS
        if owner.created_on is not None and owner.created_on.toordinal() > closes:
            continue
        marks = [*congrats.get(event.contact_id, ())]
        if event.acknowledged_on is not None:
            marks.append(event.acknowledged_on)
        found.append(
            Celebration(
                contact_id=event.contact_id,
                on=event.occurred_on,
                opens=_day(opens),
                closes=_day(closes),
                caught_on=_first_in(marks, opens, closes),
                what=event.kind.value,
            )
        )
    found.sort(key=lambda celebration: (celebration.on, celebration.contact_id))
    return found


def tally(celebrations: Iterable[Celebration], today: Date) -> CelebrationTally:
    """How many were caught, missed, and are still open."""
    counts = Counter(celebration.status(today) for celebration in celebrations)
    return CelebrationTally(counts["caught"], counts["missed"], counts["open"])


def congrats_days(interactions: Iterable[Interaction]) -> dict[int, list[Date]]:
    """Each contact's congrats days (any direction)."""
    days: dict[int, list[Date]] = {}
    for interaction in interactions:
        if interaction.kind is InteractionKind.CONGRATS:
            days.setdefault(interaction.contact_id, []).append(interaction.occurred_at.date())
    return days


# --- the cleared streak ------------------------------------------------------------------


class TouchGap(NamedTuple):
    """Two consecutive touch days of one contact; `after` None: the time before the first.

    A named tuple, like `Standing`: a read may build thousands.
    """

    contact_id: int
    after: Date | None
    before: Date


def touch_gaps(contact_id: int, touch_days: Iterable[Date]) -> list[TouchGap]:
    """Every gap of one contact's touch days: before the first, then between each pair."""
    ordered = sorted(set(touch_days))
    gaps = [TouchGap(contact_id, None, ordered[0])] if ordered else []
    gaps.extend(
        TouchGap(contact_id, earlier, later)
        for earlier, later in zip(ordered, ordered[1:], strict=False)
    )
    return gaps


def gap_span(gap: TouchGap, standing: Standing) -> Span | None:
    """The days at whose end the contact sat overdue within the gap, if any."""
    due = _EPOCH_ORDINAL if gap.after is None else gap.after.toordinal() + standing.cadence_days
    for floor in (standing.created_on, standing.first_due_on):
        if floor is not None:
            due = max(due, floor.toordinal())
    last = gap.before.toordinal() - 1
    return (due, last) if due <= last else None


def open_span(standing: Standing, today: Date) -> Span | None:
    """From the current next due day to today, when it has come."""
    due = standing.next_due_on.toordinal()
    return (due, today.toordinal()) if due <= today.toordinal() else None


def promise_span(commitment: Commitment, today: Date) -> Span | None:
    """From its due day to the day before it was kept (to today while open)."""
    if commitment.due_on is None:
        return None
    first = commitment.due_on.toordinal()
    if commitment.created_on is not None:
        first = max(first, commitment.created_on.toordinal())
    last = today.toordinal() if commitment.done_on is None else commitment.done_on.toordinal() - 1
    last = min(last, today.toordinal())
    return (first, last) if first <= last else None


def undone_spans(
    standings: Mapping[int, Standing],
    gaps: Iterable[TouchGap],
    commitments: Iterable[Commitment],
    today: Date,
) -> Iterator[Span]:
    """Every span of days that left something undone (see the module's streak definition).

    Lazily, the cheap ones first (current overdue check-ins, promises), so `cleared_streak`
    can stop reading `gaps` once every day is covered. `gaps` may leave out gaps shorter
    than their contact's cadence (they have no span); contacts missing from `standings` are
    archived and do not count.
    """
    for standing in standings.values():
        span = open_span(standing, today)
        if span is not None:
            yield span
    for commitment in commitments:
        if commitment.contact_id in standings:
            span = promise_span(commitment, today)
            if span is not None:
                yield span
    for gap in gaps:
        owner = standings.get(gap.contact_id)
        if owner is not None:
            span = gap_span(gap, owner)
            if span is not None:
                yield span


@dataclass(frozen=True, slots=True)
class Streak:
    """Cleared days: the current run, the longest run and how many, within the period."""

    current: int
    longest: int
    cleared_days: int
    period_days: int
    today_cleared: bool


def cleared_streak(spans: Iterable[Span], *, today: Date, since: Date) -> Streak:
    """Streaks of cleared days in since..today (a day is cleared when no span covers it).

    Stops reading `spans` as soon as every day of the period is covered.
    """
    first, last = since.toordinal(), today.toordinal()
    period = last - first + 1
    if period <= 0:
        return Streak(0, 0, 0, 0, today_cleared=False)
    undone = bytearray(period)  # 1: something was left undone at the end of that day
    open_days = period
    for start, end in spans:
        low, high = max(start, first) - first, min(end, last) - first
        if low > high:
            continue
        open_days -= (high - low + 1) - undone.count(1, low, high + 1)
        undone[low : high + 1] = b"\x01" * (high - low + 1)
        if open_days == 0:
            break
    runs: list[int] = []  # lengths of runs of cleared days, oldest first
    run = 0
    for flag in undone:
        if flag:
            if run:
                runs.append(run)
            run = 0
        else:
            run += 1
    today_cleared = run > 0
    if run:
        runs.append(run)
    current = run
    if not today_cleared and period > 1 and not undone[-2]:
        # Today is not over: while it still has something undone, yesterday's run stands.
        current = runs[-1]
    return Streak(
        current=current,
        longest=max(runs, default=0),
        cleared_days=period - sum(undone),
        period_days=period,
        today_cleared=today_cleared,
    )


def streak_start(standings: Iterable[Standing], today: Date) -> Date:
    """The first day the streak looks at: 364 days ago, but none before the first contact
    was added (with nobody in the network, tomorrow: an empty period)."""
    start = today.toordinal() - YEAR_DAYS + 1
    created: list[int] = []
    anyone = False
    for standing in standings:
        anyone = True
        if standing.created_on is not None:
            created.append(standing.created_on.toordinal())
    if not anyone:
        return _day(today.toordinal() + 1)
    if created:
        start = max(start, min(created))
    return _day(min(start, today.toordinal()))


# --- the whole network -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NetworkStats:
    """Every network-wide figure as of `today`."""

    today: Date
    people: int
    cadence: tuple[CircleCadence, ...]
    drifting: tuple[Drift, ...]
    weekly: tuple[WeekCount, ...]
    checkins: BudgetRecord
    celebrations: CelebrationTally
    give_ask: GiveAsk
    streak: Streak


def network_stats(
    *,
    today: Date,
    standings: Sequence[Standing],
    per_day: Mapping[Date, int],
    touches: Iterable[tuple[Date, int]],
    kind_counts: Mapping[InteractionKind, int],
    dates: Iterable[ImportantDate],
    events: Iterable[LifeEvent],
    congrats: Mapping[int, Sequence[Date]],
    gaps: Iterable[TouchGap],
    commitments: Iterable[Commitment],
    daily_budget: int,
    drifting_limit: int = DRIFTING_SHOWN,
) -> NetworkStats:
    """The figures from summaries of history (what the store adds up in SQL).

    `per_day`, `touches` and `kind_counts` may hold more than their periods (they are cut to
    them here); `kind_counts` must already be ours only (see `kinds_made`).
    """
    by_id = {standing.contact_id: standing for standing in standings}
    return NetworkStats(
        today=today,
        people=len(standings),
        cadence=cadence_by_circle(standings, today),
        drifting=drifting(standings, today, drifting_limit),
        weekly=weekly_counts(per_day, today),
        checkins=checkins_per_day(touches, today, daily_budget),
        celebrations=tally(celebration_list(dates, events, by_id, congrats, today), today),
        give_ask=give_ask(kind_counts),
        streak=cleared_streak(
            undone_spans(by_id, gaps, commitments, today),
            today=today,
            since=streak_start(standings, today),
        ),
    )


def network_stats_from_history(
    *,
    today: Date,
    contacts: Iterable[Contact],
    interactions: Sequence[Interaction],
    dates: Iterable[ImportantDate] = (),
    events: Iterable[LifeEvent] = (),
    commitments: Iterable[Commitment] = (),
    daily_budget: int,
    drifting_limit: int = DRIFTING_SHOWN,
) -> NetworkStats:
    """The same figures straight from objects (archived contacts are left out)."""
    standings = [standing_of(contact) for contact in contacts if not contact.archived]
    touch_days: dict[int, list[Date]] = {}
    for interaction in interactions:
        touch_days.setdefault(interaction.contact_id, []).append(interaction.occurred_at.date())
    gaps = [gap for cid, days in touch_days.items() for gap in touch_gaps(cid, days)]
    return network_stats(
        today=today,
        standings=standings,
        per_day=interactions_per_day(interactions),
        touches=touches_made(interactions),
        kind_counts=kinds_made(interactions, today),
        dates=dates,
        events=events,
        congrats=congrats_days(interactions),
        gaps=gaps,
        commitments=commitments,
        daily_budget=daily_budget,
        drifting_limit=drifting_limit,
    )


# --- one relationship ----------------------------------------------------------------------


def health_word(score: int | None) -> str:
    """thriving / steady / drifting / neglected, or `—` when there is no score."""
    if score is None:
        return "—"
    for lowest, word in HEALTH_WORDS:
        if score >= lowest:
            return word
    return HEALTH_WORDS[-1][1]


def _clamp_score(value: float) -> int:
    return max(0, min(100, round(value)))


def recency_score(contact: Contact, today: Date) -> int | None:
    """75 on the due day, +/-50 per cadence early/late, within 0..100; None if never touched."""
    if contact.last_touch_at is None:
        return None
    late = cadence.days_overdue(contact, today)
    return _clamp_score(75 - 50 * late / cadence.cadence_days(contact))


def reciprocity_score(from_them: int, touches: int) -> int | None:
    """Twice the share of touches they started or shared, within 0..100."""
    if touches <= 0:
        return None
    return _clamp_score(200 * from_them / touches)


def gap_credit(gap_days: int, cadence_days: int) -> float:
    """1 for a gap within the cadence, falling to 0 at twice the cadence."""
    if gap_days <= cadence_days:
        return 1.0
    return max(0.0, 2.0 - gap_days / cadence_days)


def consistency_score(gaps: Sequence[int], cadence_days: int) -> int | None:
    """The mean credit of the gaps (in days) between touches; None without a gap."""
    if not gaps:
        return None
    return _clamp_score(100 * sum(gap_credit(gap, cadence_days) for gap in gaps) / len(gaps))


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Interactions in one calendar month."""

    month: Date  # its first day
    count: int


def monthly_counts(
    days: Iterable[Date], today: Date, months: int = MONTHS_SHOWN
) -> tuple[MonthCount, ...]:
    """Interactions per calendar month, the last `months` months up to today's, oldest first."""
    keys: list[tuple[int, int]] = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    counts = Counter((day.year, day.month) for day in days if day <= today)
    return tuple(MonthCount(Date(year, month, 1), counts[(year, month)]) for year, month in keys)


@dataclass(frozen=True, slots=True)
class Health:
    """One relationship's health: three scores and what they are made of."""

    recency: int | None
    reciprocity: int | None
    consistency: int | None
    days_since_touch: int | None
    days_late: int
    cadence_days: int
    touches: int  # in the last 365 days
    from_them: int  # of those, inbound or mutual
    gaps: int  # gaps between touch days ending in the last 365 days
    gaps_on_time: int  # of those, within the cadence
    per_month: tuple[MonthCount, ...]


def contact_health(contact: Contact, interactions: Iterable[Interaction], today: Date) -> Health:
    """The contact's health from its interactions (those of the last 365 days, and the one
    before them, are enough; later ones than today are ignored)."""
    first = today.toordinal() - YEAR_DAYS + 1
    last = today.toordinal()
    every = cadence.cadence_days(contact)
    touch_days: set[int] = set()
    touches = from_them = 0
    in_year: list[Date] = []
    for interaction in interactions:
        day = interaction.occurred_at.date()
        ordinal = day.toordinal()
        if ordinal > last:
            continue
        touch_days.add(ordinal)
        if ordinal >= first:
            touches += 1
            in_year.append(day)
            if interaction.direction is not Direction.OUTBOUND:
                from_them += 1
    ordered = sorted(touch_days)
    gaps = [
        later - earlier
        for earlier, later in zip(ordered, ordered[1:], strict=False)
        if later >= first
    ]
    last_touch = contact.last_touch_at.date().toordinal() if contact.last_touch_at else None
    return Health(
        recency=recency_score(contact, today),
        reciprocity=reciprocity_score(from_them, touches),
        consistency=consistency_score(gaps, every),
        days_since_touch=None if last_touch is None else last - last_touch,
        days_late=cadence.days_overdue(contact, today),
        cadence_days=every,
        touches=touches,
        from_them=from_them,
        gaps=len(gaps),
        gaps_on_time=sum(1 for gap in gaps if gap <= every),
        per_month=monthly_counts(in_year, today),
    )
