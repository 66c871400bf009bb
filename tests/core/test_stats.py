"""Insights: every network figure and each relationship's health, on small known histories."""

from __future__ import annotations

from dataclasses import replace

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pendulum import Date, DateTime

from core import stats
from core.cadence import apply_interaction, next_due_on
from core.models import (
    Circle,
    Commitment,
    Contact,
    DateKind,
    Direction,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
    YearlyRule,
)
from tests.core.strategies import contacts, interactions

TODAY = Date(2026, 11, 26)


def day(days_ago: int) -> Date:
    return TODAY.subtract(days=days_ago)


def at(days_ago: int, hour: int = 12) -> DateTime:
    moment = day(days_ago)
    return pendulum.datetime(moment.year, moment.month, moment.day, hour, tz="UTC")


def standing(
    contact_id: int,
    circle: Circle = Circle.ACTIVE,
    *,
    due_in: int = 5,
    every: int = 30,
    created_ago: int | None = None,
) -> stats.Standing:
    return stats.Standing(
        contact_id=contact_id,
        circle=circle,
        cadence_days=every,
        next_due_on=TODAY.add(days=due_in),
        created_on=None if created_ago is None else day(created_ago),
    )


def touch(
    contact_id: int,
    days_ago: int,
    *,
    kind: InteractionKind = InteractionKind.CHECK_IN,
    direction: Direction = Direction.OUTBOUND,
    hour: int = 12,
) -> Interaction:
    return Interaction(
        id=0,
        contact_id=contact_id,
        occurred_at=at(days_ago, hour),
        kind=kind,
        direction=direction,
    )


# --- on cadence and drifting ---------------------------------------------------------------


def test_on_cadence_counts_by_circle_and_due_today_is_still_on_cadence() -> None:
    standings = [
        standing(1, Circle.INNER, due_in=0, every=7),  # due today: on cadence
        standing(2, Circle.INNER, due_in=-1, every=7),  # a day late
        standing(3, Circle.CLOSE, due_in=3, every=14),
        standing(4, Circle.NETWORK, due_in=-40, every=90),
    ]
    rows = {row.circle: row for row in stats.cadence_by_circle(standings, TODAY)}
    assert (rows[Circle.INNER].on_cadence, rows[Circle.INNER].total) == (1, 2)
    assert rows[Circle.INNER].share == 0.5
    assert (rows[Circle.CLOSE].on_cadence, rows[Circle.CLOSE].total) == (1, 1)
    assert (rows[Circle.NETWORK].on_cadence, rows[Circle.NETWORK].total) == (0, 1)
    assert rows[Circle.ACQUAINTANCE].share is None  # nobody there
    assert (rows[None].on_cadence, rows[None].total) == (2, 4)
    assert [row.circle for row in stats.cadence_by_circle(standings, TODAY)] == [
        *Circle,
        None,
    ]


def test_drifting_ranks_by_lateness_relative_to_cadence() -> None:
    standings = [
        standing(1, Circle.INNER, due_in=-10, every=7),  # 1.43 cadences late
        standing(2, Circle.NETWORK, due_in=-30, every=90),  # 0.33
        standing(3, Circle.ACTIVE, due_in=-30, every=30),  # 1.0
        standing(4, Circle.ACTIVE, due_in=0, every=30),  # due today: not drifting
        standing(5, Circle.ACTIVE, due_in=-15, every=15),  # 1.0, fewer days late than #3
    ]
    drifts = stats.drifting(standings, TODAY, limit=10)
    assert [drift.contact_id for drift in drifts] == [1, 3, 5, 2]
    assert drifts[0].days_late == 10
    assert drifts[0].cadences_late == pytest.approx(10 / 7)
    assert [drift.contact_id for drift in stats.drifting(standings, TODAY, limit=2)] == [1, 3]
    assert stats.drifting(standings, TODAY, limit=0) == ()


def test_standing_of_a_contact_follows_core_cadence() -> None:
    contact = Contact(
        id=7, display_name="Ana", circle=Circle.INNER, last_touch_at=at(10), created_on=day(400)
    )
    assert stats.standing_of(contact) == stats.Standing(
        7, Circle.INNER, 7, next_due_on(contact), day(400), None
    )
    assert stats.days_late(stats.standing_of(contact), TODAY) == 3
    assert not stats.on_cadence(stats.standing_of(contact), TODAY)


# --- touches over time --------------------------------------------------------------------


def test_weekly_counts_are_52_weeks_of_seven_days_ending_today() -> None:
    per_day = {day(0): 2, day(6): 1, day(7): 4, day(363): 5, day(364): 100, TODAY.add(days=1): 9}
    weeks = stats.weekly_counts(per_day, TODAY)
    assert len(weeks) == 52
    assert weeks[-1].ends_on == TODAY and weeks[-1].starts_on == day(6)
    assert weeks[-1].count == 3
    assert weeks[-2].count == 4
    assert weeks[0].starts_on == day(363) and weeks[0].count == 5  # day 364 is outside
    assert sum(week.count for week in weeks) == 12


def test_checkins_per_day_count_different_people_we_touched() -> None:
    history = [
        touch(1, 0),
        touch(1, 0, hour=18),  # the same person twice: one check-in
        touch(2, 0, kind=InteractionKind.CONGRATS),  # any kind counts
        touch(3, 0, direction=Direction.INBOUND),  # they wrote: not ours
        touch(4, 0, direction=Direction.MUTUAL),  # a call counts
        touch(1, 1),
        touch(1, 30),  # before the 30 days
    ]
    record = stats.checkins_per_day(stats.touches_made(history), TODAY, budget=3)
    assert len(record.days) == 30
    assert record.days[0].day == day(29) and record.days[-1].day == TODAY
    assert record.days[-1].done == 3
    assert record.days[-2].done == 1
    assert record.days_met == 1
    assert record.average == pytest.approx(4 / 30)


def test_give_and_ask_count_our_touches_of_the_last_year() -> None:
    history = [
        touch(1, 5, kind=InteractionKind.SHARE),
        touch(1, 6, kind=InteractionKind.HELP),
        touch(2, 7, kind=InteractionKind.INTRO, direction=Direction.MUTUAL),
        touch(2, 8, kind=InteractionKind.CONGRATS),
        touch(3, 9, kind=InteractionKind.ASK),
        touch(3, 10, kind=InteractionKind.HELP, direction=Direction.INBOUND),  # they helped us
        touch(3, 11, kind=InteractionKind.ASK, direction=Direction.INBOUND),  # they asked
        touch(4, 365, kind=InteractionKind.SHARE),  # over a year ago
        touch(4, 12, kind=InteractionKind.CALL),  # neither
    ]
    balance = stats.give_ask(stats.kinds_made(history, TODAY))
    assert balance.gives == 4
    assert balance.asks == 1
    assert balance.give_share == pytest.approx(0.8)
    assert dict(balance.gives_by_kind)[InteractionKind.SHARE] == 1
    assert stats.give_ask({}).give_share is None


# --- celebrations -------------------------------------------------------------------------


def birthday(contact_id: int, month: int, dd: int, **fields: object) -> ImportantDate:
    return ImportantDate(
        id=contact_id,
        contact_id=contact_id,
        kind=DateKind.BIRTHDAY,
        rule=YearlyRule(month, dd),
        **fields,  # type: ignore[arg-type]
    )


def statuses(
    dates: list[ImportantDate],
    congrats: dict[int, list[Date]],
    owners: dict[int, stats.Standing],
    events: list[LifeEvent] | None = None,
) -> list[tuple[int, Date, str]]:
    found = stats.celebration_list(dates, events or [], owners, congrats, TODAY)
    return [(c.contact_id, c.on, c.status(TODAY)) for c in found]


def test_a_congrats_within_the_window_catches_a_birthday() -> None:
    owners = {1: standing(1, Circle.CLOSE)}  # close: reminded 7 days ahead
    dates = [birthday(1, 10, 10)]
    on = Date(2026, 10, 10)
    assert statuses(dates, {1: [on.subtract(days=7)]}, owners) == [(1, on, "caught")]
    assert statuses(dates, {1: [on.add(days=2)]}, owners) == [(1, on, "caught")]
    assert statuses(dates, {1: [on.subtract(days=8)]}, owners) == [(1, on, "missed")]
    assert statuses(dates, {1: [on.add(days=3)]}, owners) == [(1, on, "missed")]
    assert statuses(dates, {}, owners) == [(1, on, "missed")]
    celebrated = [birthday(1, 10, 10, celebrated_on=on)]
    assert statuses(celebrated, {}, owners) == [(1, on, "caught")]


def test_a_window_still_running_is_open_not_missed() -> None:
    owners = {1: standing(1, Circle.ACTIVE)}
    dates = [birthday(1, 11, 25)]  # yesterday, grace runs until the 27th
    assert statuses(dates, {}, owners) == [(1, Date(2026, 11, 25), "open")]
    assert stats.tally(stats.celebration_list(dates, [], owners, {}, TODAY), TODAY) == (
        stats.CelebrationTally(caught=0, missed=0, open=1)
    )


def test_only_occurrences_of_the_last_365_days_count() -> None:
    owners = {1: standing(1), 2: standing(2)}
    dates = [
        birthday(1, 11, 26),  # today counts (open); last year's, 365 days ago, does not
        birthday(2, 11, 27),  # last year's, 364 days ago, counts; tomorrow's not yet
    ]
    assert statuses(dates, {}, owners) == [
        (2, Date(2025, 11, 27), "missed"),
        (1, Date(2026, 11, 26), "open"),
    ]


def test_nothing_counts_before_the_date_or_the_contact_existed_or_once_archived() -> None:
    owners = {1: standing(1), 2: standing(2, created_ago=20)}
    dates = [
        birthday(1, 3, 1, year=2026),  # born this March: last year's does not count
        birthday(2, 10, 1),  # added after the window closed
        birthday(3, 10, 1),  # not among the owners: archived
    ]
    assert statuses(dates, {}, owners) == [(1, Date(2026, 3, 1), "missed")]


def test_feb_29_is_celebrated_on_feb_28_in_a_common_year() -> None:
    owners = {1: standing(1, Circle.INNER)}
    assert statuses([birthday(1, 2, 29)], {1: [Date(2026, 2, 28)]}, owners) == [
        (1, Date(2026, 2, 28), "caught")
    ]


def test_life_events_count_with_their_own_window_and_acknowledgement() -> None:
    owners = {1: standing(1)}
    events = [
        LifeEvent(1, 1, LifeEventKind.NEW_JOB, "joined Acme", day(100), acknowledged_on=day(90)),
        LifeEvent(2, 1, LifeEventKind.MOVE, "moved", day(200)),
        LifeEvent(3, 1, LifeEventKind.BABY, "a baby", day(300)),
        LifeEvent(4, 1, LifeEventKind.LAUNCH, "launched", day(5)),
    ]
    assert statuses([], {1: [day(303)]}, owners, events) == [
        (1, day(300), "caught"),  # a congrats three days before
        (1, day(200), "missed"),
        (1, day(100), "caught"),
        (1, day(5), "open"),
    ]


# --- the cleared streak -------------------------------------------------------------------


def test_spans_between_touches_start_a_cadence_after_the_last_one() -> None:
    owner = standing(1, every=7, created_ago=100)
    gap = stats.TouchGap(1, day(20), day(10))  # 10 days apart, due after 7
    assert stats.gap_span(gap, owner) == (day(13).toordinal(), day(11).toordinal())
    assert stats.gap_span(stats.TouchGap(1, day(20), day(13)), owner) is None
    # Never before the day they were added: due from then until the first touch.
    assert stats.gap_span(stats.TouchGap(1, None, day(90)), owner) == (
        day(100).toordinal(),
        day(91).toordinal(),
    )


def test_a_promise_is_undone_from_its_due_day_until_kept() -> None:
    kept = Commitment(1, 1, "deck", due_on=day(10), created_on=day(20), done_on=day(8))
    assert stats.promise_span(kept, TODAY) == (day(10).toordinal(), day(9).toordinal())
    on_time = replace(kept, done_on=day(10))
    assert stats.promise_span(on_time, TODAY) is None
    still_open = replace(kept, done_on=None)
    assert stats.promise_span(still_open, TODAY) == (day(10).toordinal(), TODAY.toordinal())
    assert stats.promise_span(replace(kept, due_on=None), TODAY) is None


def test_streak_counts_back_from_today_or_from_yesterday_while_today_is_undone() -> None:
    since = day(9)  # a ten-day period
    span = (day(6).toordinal(), day(4).toordinal())
    streak = stats.cleared_streak([span], today=TODAY, since=since)
    assert streak == stats.Streak(
        current=4, longest=4, cleared_days=7, period_days=10, today_cleared=True
    )
    today_undone = (TODAY.toordinal(), TODAY.toordinal())
    streak = stats.cleared_streak([span, today_undone], today=TODAY, since=since)
    assert (streak.current, streak.longest, streak.cleared_days) == (3, 3, 6)
    assert not streak.today_cleared
    two_days = (day(1).toordinal(), TODAY.toordinal())
    assert stats.cleared_streak([two_days], today=TODAY, since=since).current == 0


def test_a_network_kept_on_cadence_clears_every_day() -> None:
    weekly = Contact(id=1, display_name="Ana", circle=Circle.INNER, created_on=day(98))
    history = [touch(1, days_ago) for days_ago in range(98, -1, -7)]
    for interaction in history:
        weekly = apply_interaction(weekly, interaction)
    figures = stats.network_stats_from_history(
        today=TODAY, contacts=[weekly], interactions=history, daily_budget=1
    )
    assert figures.streak == stats.Streak(99, 99, 99, 99, today_cleared=True)
    # Added two days before the first touch: due at once (no budget date), so undone twice.
    earlier = replace(weekly, created_on=day(100))
    figures = stats.network_stats_from_history(
        today=TODAY, contacts=[earlier], interactions=history, daily_budget=1
    )
    assert figures.streak == stats.Streak(99, 99, 99, 101, today_cleared=True)


def test_a_late_touch_and_a_late_promise_break_the_streak() -> None:
    ana = Contact(id=1, display_name="Ana", circle=Circle.INNER, created_on=day(30))
    history = [touch(1, 30), touch(1, 23), touch(1, 13), touch(1, 6), touch(1, 0)]
    for interaction in history:
        ana = apply_interaction(ana, interaction)
    promise = Commitment(1, 1, "deck", due_on=day(3), created_on=day(10), done_on=day(1))
    figures = stats.network_stats_from_history(
        today=TODAY,
        contacts=[ana],
        interactions=history,
        commitments=[promise],
        daily_budget=1,
    )
    # Overdue from day 16 to day 14 (touched on day 13); the promise from day 3 to day 2.
    assert figures.streak == stats.Streak(
        current=2, longest=14, cleared_days=26, period_days=31, today_cleared=True
    )


def test_archived_contacts_do_not_count() -> None:
    gone = Contact(
        id=1, display_name="Gone", archived=True, last_touch_at=at(300), created_on=day(400)
    )
    figures = stats.network_stats_from_history(
        today=TODAY, contacts=[gone], interactions=[touch(1, 300)], daily_budget=1
    )
    assert figures.people == 0
    assert figures.drifting == ()
    assert figures.streak.cleared_days == figures.streak.period_days


# --- one relationship -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("touched_ago", "score", "word"),
    [
        (0, 100, "thriving"),
        (3, 100, "thriving"),  # half a cadence before due
        (7, 75, "thriving"),  # due today
        (10, 54, "steady"),  # 3 days late: 75 - 50 * 3 / 7
        (14, 25, "drifting"),  # a cadence late
        (18, 0, "neglected"),
    ],
)
def test_recency_score(touched_ago: int, score: int, word: str) -> None:
    contact = Contact(id=1, display_name="Ana", circle=Circle.INNER, last_touch_at=at(touched_ago))
    assert stats.recency_score(contact, TODAY) == score
    assert stats.health_word(score) == word


def test_recency_is_none_for_someone_never_touched() -> None:
    assert stats.recency_score(Contact(id=1, display_name="New"), TODAY) is None
    assert stats.health_word(None) == "—"


@pytest.mark.parametrize(
    ("from_them", "touches", "score"),
    [(0, 4, 0), (1, 4, 50), (2, 4, 100), (4, 4, 100), (0, 0, None)],
)
def test_reciprocity_score(from_them: int, touches: int, score: int | None) -> None:
    assert stats.reciprocity_score(from_them, touches) == score


@pytest.mark.parametrize(
    ("gaps", "score"),
    [([7, 5, 7], 100), ([7, 14], 50), ([21, 14], 0), ([7, 7, 7, 10.5], 88), ([], None)],
)
def test_consistency_score(gaps: list[int], score: int | None) -> None:
    assert stats.consistency_score(gaps, 7) == score


@pytest.mark.parametrize(
    ("score", "word"),
    [
        (100, "thriving"),
        (75, "thriving"),
        (74, "steady"),
        (50, "steady"),
        (49, "drifting"),
        (25, "drifting"),
        (24, "neglected"),
        (0, "neglected"),
    ],
)
def test_health_words(score: int, word: str) -> None:
    assert stats.health_word(score) == word


def test_contact_health_on_a_small_history() -> None:
    bruno = Contact(id=2, display_name="Bruno", circle=Circle.ACTIVE)
    history = [
        touch(2, 400),  # before the year: only the gap it starts counts
        touch(2, 340),  # 60 days: no credit
        touch(2, 300, direction=Direction.INBOUND),  # 40 days: 2/3 credit
        touch(2, 280, direction=Direction.MUTUAL),  # 20 days: full credit
        touch(2, 2),  # 278 days: none
    ]
    for interaction in history:
        bruno = apply_interaction(bruno, interaction)
    health = stats.contact_health(bruno, history, TODAY)
    assert (health.touches, health.from_them) == (4, 2)
    assert health.reciprocity == 100
    assert (health.gaps, health.gaps_on_time) == (4, 1)
    assert health.consistency == round(100 * (0 + 2 / 3 + 1 + 0) / 4)
    assert health.recency == 100
    assert health.days_since_touch == 2
    assert [month.month for month in health.per_month][-1] == Date(2026, 11, 1)
    assert [month.month for month in health.per_month][0] == Date(2025, 12, 1)
    assert [month.count for month in health.per_month] == [1, 1, 1] + [0] * 8 + [1]


def test_monthly_counts_cover_twelve_calendar_months() -> None:
    days = [Date(2026, 11, 1), Date(2026, 11, 26), Date(2026, 1, 31), Date(2025, 11, 30)]
    months = stats.monthly_counts(days, TODAY)
    assert len(months) == 12
    assert months[-1] == stats.MonthCount(Date(2026, 11, 1), 2)
    assert months[1] == stats.MonthCount(Date(2026, 1, 1), 1)
    assert sum(month.count for month in months) == 3  # 30 Nov 2025 is before


# --- properties ---------------------------------------------------------------------------

ordinals = st.integers(min_value=TODAY.toordinal() - 400, max_value=TODAY.toordinal() + 10)
spans = st.tuples(ordinals, ordinals)


@st.composite
def standings(draw: st.DrawFn) -> stats.Standing:
    return stats.Standing(
        contact_id=draw(st.integers(min_value=1, max_value=50)),
        circle=draw(st.sampled_from(list(Circle))),
        cadence_days=draw(st.integers(min_value=1, max_value=400)),
        next_due_on=Date.fromordinal(draw(ordinals)),
        created_on=draw(st.none() | ordinals.map(Date.fromordinal)),
    )


@given(st.lists(standings(), max_size=40))
def test_on_cadence_counts_sum_to_the_totals_and_shares_stay_within_0_and_1(
    people: list[stats.Standing],
) -> None:
    rows = stats.cadence_by_circle(people, TODAY)
    by_circle, everyone = rows[:-1], rows[-1]
    assert sum(row.total for row in by_circle) == everyone.total == len(people)
    assert sum(row.on_cadence for row in by_circle) == everyone.on_cadence
    for row in rows:
        assert 0 <= row.on_cadence <= row.total
        assert row.share is None or 0.0 <= row.share <= 1.0
    drifts = stats.drifting(people, TODAY, limit=len(people))
    assert len(drifts) == everyone.total - everyone.on_cadence
    assert all(drift.days_late > 0 for drift in drifts)


@given(st.lists(spans, max_size=30), st.integers(min_value=0, max_value=400))
def test_the_streak_matches_a_day_by_day_count_and_never_exceeds_the_period(
    undone: list[tuple[int, int]], period: int
) -> None:
    since = TODAY.subtract(days=period)
    streak = stats.cleared_streak(undone, today=TODAY, since=since)
    days = range(since.toordinal(), TODAY.toordinal() + 1)
    cleared = [not any(start <= d <= end for start, end in undone) for d in days]
    assert streak.period_days == len(cleared)
    assert streak.cleared_days == sum(cleared)
    assert 0 <= streak.current <= streak.longest <= streak.cleared_days <= streak.period_days
    runs, run = [], 0
    for ok in cleared:
        run = run + 1 if ok else 0
        runs.append(run)
    assert streak.longest == max(runs, default=0)
    expected = runs[-1] if cleared[-1] else (runs[-2] if len(runs) > 1 else 0)
    assert streak.current == expected


@given(
    st.sets(st.integers(min_value=0, max_value=420), max_size=25),
    st.integers(min_value=1, max_value=60),
    st.none() | st.integers(min_value=0, max_value=420),
)
@settings(max_examples=200)
def test_a_contacts_undone_days_match_a_day_by_day_simulation(
    touched_ago: set[int], every: int, created_ago: int | None
) -> None:
    contact = Contact(
        id=1,
        display_name="x",
        cadence_override_days=every,
        created_on=None if created_ago is None else day(created_ago),
    )
    history = [touch(1, ago) for ago in sorted(touched_ago, reverse=True)]
    for interaction in history:
        contact = apply_interaction(contact, interaction)
    since = day(364)
    by_id = {1: stats.standing_of(contact)}
    gaps = stats.touch_gaps(1, [interaction.occurred_at.date() for interaction in history])
    undone = list(stats.undone_spans(by_id, gaps, [], TODAY))
    touch_days = {day(ago).toordinal() for ago in touched_ago}
    floor = 0 if created_ago is None else day(created_ago).toordinal()
    for ordinal in range(since.toordinal(), TODAY.toordinal() + 1):
        before = [t for t in touch_days if t <= ordinal]
        due = max(before) + every if before else Date(2000, 1, 1).toordinal()
        expected = max(due, floor) <= ordinal
        assert any(start <= ordinal <= end for start, end in undone) == expected, ordinal


@given(contacts(), interactions())
def test_adding_a_touch_never_lowers_the_recency_score(
    contact: Contact, interaction: Interaction
) -> None:
    before = stats.recency_score(contact, TODAY)
    after = stats.recency_score(apply_interaction(contact, interaction), TODAY)
    assert after is not None
    assert before is None or after >= before
    assert 0 <= after <= 100


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 5)), max_size=40))
def test_scores_stay_within_0_and_100(gaps_and_more: list[tuple[int, int]]) -> None:
    gaps = [gap for gap, _ in gaps_and_more]
    for every in (1, 7, 30):
        score = stats.consistency_score(gaps, every)
        assert score is None or 0 <= score <= 100
    for from_them, more in gaps_and_more:
        score = stats.reciprocity_score(from_them, from_them + more)
        assert score is not None and 0 <= score <= 100


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 6)), max_size=40))
def test_weekly_counts_add_up_to_the_touches_in_their_weeks(
    days_and_counts: list[tuple[int, int]],
) -> None:
    per_day: dict[Date, int] = {}
    for ago, count in days_and_counts:
        per_day[day(ago)] = per_day.get(day(ago), 0) + count
    weeks = stats.weekly_counts(per_day, TODAY)
    inside = sum(count for d, count in per_day.items() if (TODAY - d).days < 364)
    assert sum(week.count for week in weeks) == inside


@given(
    st.lists(st.tuples(st.integers(1, 6), st.integers(0, 420), st.booleans()), max_size=30),
    st.sets(st.integers(1, 6)),
)
def test_celebrations_are_caught_missed_or_open_and_the_share_is_within_0_and_1(
    congrats: list[tuple[int, int, bool]], archived: set[int]
) -> None:
    owners = {cid: standing(cid) for cid in range(1, 7) if cid not in archived}
    dates = [birthday(cid, 1 + cid, 3 * cid) for cid in range(1, 7)]
    marks: dict[int, list[Date]] = {}
    for cid, ago, _ in congrats:
        marks.setdefault(cid, []).append(day(ago))
    found = stats.celebration_list(dates, [], owners, marks, TODAY)
    tally = stats.tally(found, TODAY)
    assert tally.caught + tally.missed + tally.open == len(found)
    assert tally.caught_share is None or 0.0 <= tally.caught_share <= 1.0
    assert all(c.contact_id in owners for c in found)
    assert all(c.caught_on is None or c.opens <= c.caught_on <= c.closes for c in found)
