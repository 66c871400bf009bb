"""Hypothesis strategies for core records, shared by the property tests."""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st
from pendulum import Date, DateTime

from core.models import (
    Circle,
    Contact,
    DateKind,
    Direction,
    ImportantDate,
    Interaction,
    InteractionKind,
    YearlyRule,
)

TODAY = pendulum.Date(2026, 11, 26)

dates = st.dates(min_value=pendulum.Date(2000, 1, 1), max_value=pendulum.Date(2040, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)


def _datetime(day: Date, minute: int) -> DateTime:
    return pendulum.datetime(day.year, day.month, day.day, tz="UTC").add(minutes=minute)


datetimes = st.builds(_datetime, dates, st.integers(min_value=0, max_value=24 * 60 - 1))
circles = st.sampled_from(list(Circle))


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    """A contact in any cadence state: touched or not, snoozed, skipped, owed a reply."""
    last_touch = draw(st.none() | datetimes)
    return Contact(
        id=draw(st.integers(min_value=1, max_value=10_000)),
        display_name=draw(st.text(min_size=1, max_size=12)),
        circle=draw(circles),
        cadence_override_days=draw(st.none() | st.integers(min_value=1, max_value=400)),
        created_on=draw(st.none() | dates),
        first_due_on=draw(st.none() | dates),
        last_touch_at=last_touch,
        last_outbound_at=draw(st.none() | st.just(last_touch)) if last_touch else None,
        awaiting_reply_since=draw(st.none() | datetimes),
        snoozed_until=draw(st.none() | dates),
        skipped_on=draw(st.none() | dates),
    )


@st.composite
def interactions(draw: st.DrawFn, direction: Direction | None = None) -> Interaction:
    return Interaction(
        id=draw(st.integers(min_value=1, max_value=10_000)),
        contact_id=1,
        occurred_at=draw(datetimes),
        direction=direction if direction is not None else draw(st.sampled_from(list(Direction))),
        kind=draw(st.sampled_from(list(InteractionKind))),
    )


@st.composite
def yearly_rules(draw: st.DrawFn) -> YearlyRule:
    month = draw(st.integers(min_value=1, max_value=12))
    if draw(st.booleans()):
        last_day = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return YearlyRule(month=month, day=draw(st.integers(min_value=1, max_value=last_day)))
    return YearlyRule(
        month=month,
        weekday=draw(st.integers(min_value=0, max_value=6)),
        nth=draw(st.sampled_from([1, 2, 3, 4, 5, -1])),
    )


@st.composite
def important_dates(draw: st.DrawFn) -> ImportantDate:
    rule = draw(yearly_rules())
    year = draw(st.none() | st.integers(min_value=1920, max_value=2020))
    if rule.month == 2 and rule.day == 29 and year is not None:
        year = 1992
    return ImportantDate(
        id=draw(st.integers(min_value=1, max_value=1000)),
        contact_id=1,
        kind=draw(st.sampled_from(list(DateKind))),
        rule=rule,
        year=year,
        remind_days_ahead=draw(st.none() | st.integers(min_value=0, max_value=30)),
        celebrated_on=draw(st.none() | dates),
    )
