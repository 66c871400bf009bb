"""Cadence: how often each person should hear from us, and when they are next due.

Next due = last touch (or a skip, or the budget-spread first date) + cadence, pushed to the
snooze date when snoozed. ANY logged touch resets the clock: the oldest complaint against
Monica is that logging a call did not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from pendulum import Date

from core.models import Circle, Contact, Direction, Interaction, InteractionKind

DEFAULT_CADENCE_DAYS: Mapping[Circle, int] = {
    Circle.INNER: 7,
    Circle.CLOSE: 14,
    Circle.ACTIVE: 30,
    Circle.NETWORK: 90,
    Circle.ACQUAINTANCE: 180,
}

# How much one "cadence of lateness" counts, by circle: inner friends drifting hurts most.
CIRCLE_WEIGHT: Mapping[Circle, float] = {
    Circle.INNER: 1.6,
    Circle.CLOSE: 1.35,
    Circle.ACTIVE: 1.0,
    Circle.NETWORK: 0.8,
    Circle.ACQUAINTANCE: 0.6,
}


_PERIOD = re.compile(r"(?P<count>\d{1,4})\s*(?P<unit>[dwmy])?")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
_EPOCH_ORDINAL = Date(2000, 1, 1).toordinal()


def parse_period(text: str) -> int:
    """Days in a period written as `10`, `10d`, `3w`, `2m` (30 days) or `1y` (365 days).

    Raises ValueError with a message fit to show the user.
    """
    match = _PERIOD.fullmatch(text.strip().lower())
    if match is None:
        raise ValueError(f"bad period {text!r}: use a number of days, or like 10d, 3w, 2m, 1y")
    count = int(match["count"])
    days = count * _UNIT_DAYS[match["unit"] or "d"]
    if not 1 <= days <= 3660:
        raise ValueError(f"bad period {text!r}: must be between 1 day and 10 years")
    return days


def cadence_days(contact: Contact) -> int:
    """The contact's own cadence, else their circle's default."""
    if contact.cadence_override_days is not None:
        return contact.cadence_override_days
    return DEFAULT_CADENCE_DAYS[contact.circle]


def next_due_on(contact: Contact) -> Date:
    """The day this contact is next due for a check-in."""
    return Date.fromordinal(_next_due_ordinal(contact))


def _next_due_ordinal(contact: Contact) -> int:
    # Whole-day arithmetic on ordinals: the agenda ranks hundreds of contacts per frame,
    # and pendulum's Interval objects cost more than the rule itself.
    start = 0
    if contact.last_touch_at is not None:
        start = contact.last_touch_at.date().toordinal()
    if contact.skipped_on is not None:
        start = max(start, contact.skipped_on.toordinal())
    due = start + cadence_days(contact) if start else _EPOCH_ORDINAL
    # Floors a touch never pulls in: nobody is due before they were added, before their
    # budget-spread first date, or while snoozed.
    for floor in (contact.created_on, contact.first_due_on, contact.snoozed_until):
        if floor is not None:
            due = max(due, floor.toordinal())
    return due


def days_overdue(contact: Contact, today: Date) -> int:
    """Days past `next_due_on` (0 when due today, negative when not yet due)."""
    return today.toordinal() - _next_due_ordinal(contact)


def urgency(contact: Contact, today: Date) -> float:
    """Lateness relative to cadence, weighted by circle: higher is more urgent."""
    return urgency_of(days_overdue(contact, today), cadence_days(contact), contact.circle)


def urgency_of(days_late: int, every_days: int, circle: Circle) -> float:
    """The urgency rule on its inputs alone, so the store can rank index entries with it."""
    # +1 so that "due today" already outranks "due tomorrow", and a longer cadence
    # dilutes the same number of late days.
    return (days_late + 1) / every_days * CIRCLE_WEIGHT[circle]


def resets_cadence(kind: InteractionKind) -> bool:
    """Whether logging this kind of touch restarts the cadence clock (every kind does)."""
    return True


def apply_interaction(contact: Contact, interaction: Interaction) -> Contact:
    """The contact after this interaction: last touch moved, reply owed set or cleared."""
    when = interaction.occurred_at
    last_touch = contact.last_touch_at
    if resets_cadence(interaction.kind) and (last_touch is None or when > last_touch):
        last_touch = when
    last_outbound = contact.last_outbound_at
    awaiting = contact.awaiting_reply_since
    if interaction.direction is Direction.INBOUND:
        answered = last_outbound is not None and last_outbound >= when
        if not answered and (awaiting is None or when < awaiting):
            awaiting = when
    else:
        if last_outbound is None or when > last_outbound:
            last_outbound = when
        if awaiting is not None and when >= awaiting:
            awaiting = None
    return replace(
        contact,
        last_touch_at=last_touch,
        last_outbound_at=last_outbound,
        awaiting_reply_since=awaiting,
    )


def snooze(contact: Contact, until: Date, today: Date) -> Contact:
    """The contact snoozed until `until` (must be after `today`)."""
    if until <= today:
        raise ValueError(f"snooze date {until.to_date_string()} is not after today")
    return replace(contact, snoozed_until=until)


def skip_cycle(contact: Contact, today: Date) -> Contact:
    """The contact with this cycle skipped: next due moves one cadence from today."""
    return replace(contact, skipped_on=today)
