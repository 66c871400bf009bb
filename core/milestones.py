"""Milestones: yearly dates (birthdays, anniversaries) and one-off life events.

Yearly dates are month/day with an optional year; Feb 29 falls on Feb 28 in common years.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date

from pendulum import Date

from core.models import Circle, DateKind, ImportantDate, LifeEvent, YearlyRule

# How many days ahead a celebration enters the agenda, by circle.
REMIND_DAYS_AHEAD: Mapping[Circle, int] = {
    Circle.INNER: 14,
    Circle.CLOSE: 7,
    Circle.ACTIVE: 3,
    Circle.NETWORK: 2,
    Circle.ACQUAINTANCE: 1,
}
MAX_REMIND_DAYS_AHEAD = 30  # the cap on a per-date override, and the data layer's prefilter
CELEBRATION_GRACE_DAYS = 2  # a missed birthday stays on the agenda this long after the day
LIFE_EVENT_WINDOW_DAYS = 14  # congratulate a new job up to two weeks after it happened
LIFE_EVENT_AHEAD_DAYS = 3  # and show a known future one a few days before
COMMITMENT_AHEAD_DAYS = 3  # commitments due within this many days are shown


_ISO_FULL = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NO_YEAR = re.compile(r"(?:--)?(\d{1,2})-?(\d{2})")
_ORDINALS = {
    "1st": 1,
    "first": 1,
    "2nd": 2,
    "second": 2,
    "3rd": 3,
    "third": 3,
    "4th": 4,
    "fourth": 4,
    "5th": 5,
    "fifth": 5,
    "last": -1,
}
_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
_RELATIVE = re.compile(r"(\w+)\s+(\w+)\s+(?:of|in)\s+(\w+)")
# Validation happens against a leap year so Feb 29 is accepted; never 1900, which is not one.
_LEAP_REFERENCE_YEAR = 2000


def parse_yearly_date(text: str) -> tuple[YearlyRule, int | None]:
    """Parse `1990-02-29`, `--02-29`, `--0229`, `02-29`, `3rd Sunday of June`, `last Friday
    of May`. Returns the rule and the year (None when unknown). ValueError on bad input."""
    cleaned = text.strip()
    full = _ISO_FULL.fullmatch(cleaned)
    if full:
        year, month, day = (int(part) for part in full.groups())
        _check_day(month, day, year, text)
        return YearlyRule(month=month, day=day), year
    no_year = _NO_YEAR.fullmatch(cleaned)
    if no_year:
        month, day = (int(part) for part in no_year.groups())
        _check_day(month, day, _LEAP_REFERENCE_YEAR, text)
        return YearlyRule(month=month, day=day), None
    relative = _RELATIVE.fullmatch(cleaned.lower())
    if relative:
        ordinal, weekday, month_name = relative.groups()
        if ordinal in _ORDINALS and weekday in _WEEKDAYS and month_name in _MONTHS:
            return (
                YearlyRule(
                    month=_MONTHS[month_name], weekday=_WEEKDAYS[weekday], nth=_ORDINALS[ordinal]
                ),
                None,
            )
    raise ValueError(
        f"bad date {text!r}: use YYYY-MM-DD, --MM-DD (no year) or like '3rd Sunday of June'"
    )


def _check_day(month: int, day: int, year: int, text: str) -> None:
    if not 1 <= year <= 9999:
        raise ValueError(f"bad date {text!r}: year out of range")
    if not 1 <= month <= 12:
        raise ValueError(f"bad date {text!r}: there is no month {month}")
    if month == 2 and day == 29 and not calendar.isleap(year):
        raise ValueError(f"bad date {text!r}: {year} had no 29 February (use --02-29)")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"bad date {text!r}: there is no such day")


def occurrence_in(rule: YearlyRule, year: int) -> Date:
    """The day the rule falls on in `year` (Feb 29 -> Feb 28 in common years)."""
    last_day = calendar.monthrange(year, rule.month)[1]
    if rule.day is not None:
        return Date(year, rule.month, min(rule.day, last_day))
    if rule.weekday is None or rule.nth is None:
        raise ValueError("a yearly rule needs a day, or a weekday and its position")
    if rule.nth > 0:
        first = Date(year, rule.month, 1)
        offset = (rule.weekday - first.weekday()) % 7
        day = 1 + offset + 7 * (rule.nth - 1)
        # A "5th Friday" that a month lacks falls back to its last one.
        while day > last_day:
            day -= 7
        return Date(year, rule.month, day)
    last = Date(year, rule.month, last_day)
    return last.subtract(days=(last.weekday() - rule.weekday) % 7)


def next_occurrence(rule: YearlyRule, on_or_after: Date) -> Date:
    """The first occurrence on or after the given day (always within 366 days)."""
    this_year = occurrence_in(rule, on_or_after.year)
    if this_year >= on_or_after:
        return this_year
    return occurrence_in(rule, on_or_after.year + 1)


def month_days_within(start: Date, days: int) -> set[tuple[int, int]]:
    """(month, day) pairs a fixed yearly date may have to occur in start..start+days.

    Includes (2, 29) when the span holds Feb 28 of a common year. For SQL prefiltering.
    """
    pairs: set[tuple[int, int]] = set()
    first = start.toordinal()
    for ordinal in range(first, first + days + 1):
        day = date.fromordinal(ordinal)
        pairs.add((day.month, day.day))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            pairs.add((2, 29))
    return pairs


def remind_days_ahead(date: ImportantDate, circle: Circle) -> int:
    """How many days before the day this date enters the agenda."""
    if date.remind_days_ahead is not None:
        return min(date.remind_days_ahead, MAX_REMIND_DAYS_AHEAD)
    return REMIND_DAYS_AHEAD[circle]


def pending_occurrence(date: ImportantDate, circle: Circle, today: Date) -> Date | None:
    """The occurrence this date should be celebrated for on `today`, or None.

    Pending from its lead time before the day until CELEBRATION_GRACE_DAYS after it,
    unless already celebrated within that span.
    """
    lead = remind_days_ahead(date, circle)
    since = Date.fromordinal(today.toordinal() - CELEBRATION_GRACE_DAYS)
    occurrence = next_occurrence(date.rule, since)
    opens = occurrence.toordinal() - lead
    if today.toordinal() < opens:
        return None
    if date.celebrated_on is not None and date.celebrated_on.toordinal() >= opens:
        return None
    if date.year is not None and occurrence.year < date.year:
        return None
    return occurrence


def event_pending(event: LifeEvent, today: Date) -> bool:
    """Whether a life event is within its congratulation window and not yet acknowledged."""
    if event.acknowledged_on is not None:
        return False
    offset = today.toordinal() - event.occurred_on.toordinal()
    return -LIFE_EVENT_AHEAD_DAYS <= offset <= LIFE_EVENT_WINDOW_DAYS


def years_since(date: ImportantDate, occurrence: Date) -> int | None:
    """How many years the occurrence marks (age turned, years married), when the year is known."""
    if date.year is None:
        return None
    return occurrence.year - date.year


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st..."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def describe_occurrence(date: ImportantDate, occurrence: Date) -> str:
    """What the day is: "birthday (turns 40)", "3rd work anniversary", "wedding anniversary"."""
    years = years_since(date, occurrence)
    if date.kind is DateKind.BIRTHDAY:
        return f"birthday (turns {years})" if years else "birthday"
    if date.kind is DateKind.WORK_ANNIVERSARY:
        return f"{ordinal(years)} work anniversary" if years else "work anniversary"
    if date.kind is DateKind.ANNIVERSARY:
        name = date.label or "anniversary"
        return f"{ordinal(years)} {name}" if years else name
    return date.label or "special day"
