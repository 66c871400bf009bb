"""Milestones: yearly dates (Feb 29 included), relative rules, lead times, life events."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given

from core.milestones import (
    CELEBRATION_GRACE_DAYS,
    describe_occurrence,
    event_pending,
    month_days_within,
    next_occurrence,
    occurrence_in,
    ordinal,
    parse_yearly_date,
    pending_occurrence,
)
from core.models import Circle, DateKind, ImportantDate, LifeEvent, LifeEventKind, YearlyRule
from tests.core.strategies import TODAY, circles, dates, important_dates, yearly_rules

D = pendulum.Date


@pytest.mark.parametrize(
    ("text", "rule", "year"),
    [
        ("1992-02-29", YearlyRule(2, 29), 1992),
        ("1986-11-27", YearlyRule(11, 27), 1986),
        ("--02-29", YearlyRule(2, 29), None),
        ("--0415", YearlyRule(4, 15), None),
        ("04-15", YearlyRule(4, 15), None),
        ("3rd Sunday of June", YearlyRule(6, weekday=6, nth=3), None),
        ("last Friday of May", YearlyRule(5, weekday=4, nth=-1), None),
        ("first monday in september", YearlyRule(9, weekday=0, nth=1), None),
    ],
)
def test_parse_yearly_date(text: str, rule: YearlyRule, year: int | None) -> None:
    assert parse_yearly_date(text) == (rule, year)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("1990-02-29", "1990 had no 29 February"),
        ("--02-30", "no such day"),
        ("2026-13-01", "no month 13"),
        ("tomorrow", "bad date"),
        ("9th Sunday of June", "bad date"),
        ("", "bad date"),
    ],
)
def test_bad_yearly_dates_are_refused_with_a_reason(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_yearly_date(text)


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        (YearlyRule(2, 29), 2027, D(2027, 2, 28)),
        (YearlyRule(2, 29), 2028, D(2028, 2, 29)),
        (YearlyRule(6, weekday=6, nth=3), 2026, D(2026, 6, 21)),
        (YearlyRule(5, weekday=4, nth=-1), 2026, D(2026, 5, 29)),
        (YearlyRule(11, weekday=3, nth=4), 2026, D(2026, 11, 26)),  # Thanksgiving
        (YearlyRule(2, weekday=0, nth=5), 2026, D(2026, 2, 23)),  # no 5th: the last one
    ],
)
def test_occurrence_in(rule: YearlyRule, year: int, day: pendulum.Date) -> None:
    assert occurrence_in(rule, year) == day


@given(yearly_rules(), dates)
def test_next_occurrence_is_within_366_days_and_on_the_right_day(
    rule: YearlyRule, start: pendulum.Date
) -> None:
    upcoming = next_occurrence(rule, start)
    # A weekday rule drifts by up to six days from one year to the next.
    longest_gap = 366 if rule.day is not None else 366 + 6
    assert start <= upcoming <= start.add(days=longest_gap)
    assert upcoming.month == rule.month
    if rule.day is not None:
        expected = (
            28 if (rule.month, rule.day) == (2, 29) and not upcoming.is_leap_year() else rule.day
        )
        assert upcoming.day == expected
    else:
        assert upcoming.weekday() == rule.weekday


@given(yearly_rules(), dates)
def test_no_occurrence_is_skipped_between_start_and_next(
    rule: YearlyRule, start: pendulum.Date
) -> None:
    upcoming = next_occurrence(rule, start)
    previous_year = occurrence_in(rule, upcoming.year - 1)
    assert previous_year < start or previous_year == upcoming


@given(dates)
def test_month_days_window_covers_every_day_and_feb_29_in_common_years(
    start: pendulum.Date,
) -> None:
    pairs = month_days_within(start, 20)
    for offset in range(21):
        day = start.add(days=offset)
        assert (day.month, day.day) in pairs
    feb28s = [
        start.add(days=o)
        for o in range(21)
        if (start.add(days=o).month, start.add(days=o).day) == (2, 28)
    ]
    if any(not day.is_leap_year() for day in feb28s):
        assert (2, 29) in pairs


def birthday(month: int, day: int, year: int | None = None, **extra: object) -> ImportantDate:
    return ImportantDate(
        id=1, contact_id=1, kind=DateKind.BIRTHDAY, rule=YearlyRule(month, day), year=year, **extra
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("circle", "today", "pending"),
    [
        (Circle.INNER, D(2026, 11, 13), None),  # 15 days before: too early
        (Circle.INNER, D(2026, 11, 14), D(2026, 11, 28)),  # inner: 14 days ahead
        (Circle.ACQUAINTANCE, D(2026, 11, 26), None),
        (Circle.ACQUAINTANCE, D(2026, 11, 27), D(2026, 11, 28)),  # 1 day ahead
        (Circle.ACQUAINTANCE, D(2026, 11, 28), D(2026, 11, 28)),  # on the day
        (Circle.ACQUAINTANCE, D(2026, 11, 30), D(2026, 11, 28)),  # grace after
        (Circle.ACQUAINTANCE, D(2026, 12, 1), None),
    ],
)
def test_celebrations_are_reminded_ahead_by_circle(
    circle: Circle, today: pendulum.Date, pending: pendulum.Date | None
) -> None:
    assert pending_occurrence(birthday(11, 28), circle, today) == pending


def test_feb_29_birthday_is_celebrated_on_feb_28_in_common_years() -> None:
    assert pending_occurrence(birthday(2, 29), Circle.ACQUAINTANCE, D(2027, 2, 28)) == D(
        2027, 2, 28
    )
    assert pending_occurrence(birthday(2, 29), Circle.ACQUAINTANCE, D(2028, 2, 28)) == D(
        2028, 2, 29
    )


def test_a_celebrated_birthday_leaves_the_agenda_until_next_year() -> None:
    done = birthday(11, 28, celebrated_on=D(2026, 11, 27))
    assert pending_occurrence(done, Circle.INNER, D(2026, 11, 29)) is None
    assert pending_occurrence(done, Circle.INNER, D(2027, 11, 20)) == D(2027, 11, 28)


@given(important_dates(), circles, dates)
def test_a_pending_occurrence_is_never_more_than_the_lead_ahead_nor_grace_behind(
    date: ImportantDate, circle: Circle, today: pendulum.Date
) -> None:
    occurrence = pending_occurrence(date, circle, today)
    if occurrence is not None:
        assert today.subtract(days=CELEBRATION_GRACE_DAYS) <= occurrence <= today.add(days=30)


@pytest.mark.parametrize(
    ("kind", "year", "label", "text"),
    [
        (DateKind.BIRTHDAY, 1986, "", "birthday (turns 40)"),
        (DateKind.BIRTHDAY, None, "", "birthday"),
        (DateKind.WORK_ANNIVERSARY, 2023, "", "3rd work anniversary"),
        (DateKind.ANNIVERSARY, 2015, "wedding anniversary", "11th wedding anniversary"),
        (DateKind.CUSTOM, None, "name day", "name day"),
    ],
)
def test_describe_occurrence(kind: DateKind, year: int | None, label: str, text: str) -> None:
    date = ImportantDate(
        id=1, contact_id=1, kind=kind, rule=YearlyRule(11, 28), year=year, label=label
    )
    assert describe_occurrence(date, D(2026, 11, 28)) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (112, "112th"),
    ],
)
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


@pytest.mark.parametrize(
    ("today", "pending"),
    [
        (D(2026, 11, 1), False),
        (D(2026, 11, 7), True),
        (D(2026, 11, 10), True),
        (D(2026, 11, 24), True),
        (D(2026, 11, 25), False),
    ],
)
def test_life_events_are_congratulated_within_a_window(today: pendulum.Date, pending: bool) -> None:
    event = LifeEvent(
        id=1,
        contact_id=1,
        kind=LifeEventKind.NEW_JOB,
        text="joined Acme",
        occurred_on=D(2026, 11, 10),
    )
    assert event_pending(event, today) is pending


def test_an_acknowledged_life_event_is_not_pending() -> None:
    event = LifeEvent(
        id=1,
        contact_id=1,
        kind=LifeEventKind.BABY,
        text="baby Rosa",
        occurred_on=TODAY,
        acknowledged_on=TODAY,
    )
    assert not event_pending(event, TODAY)
