"""The daily budget: spread first check-ins so an import of 500 never makes 500 due today."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pendulum import Date

from core.cadence import CIRCLE_WEIGHT, cadence_days
from core.models import Contact

DEFAULT_DAILY_BUDGET = 5


def spread_first_due_dates(
    contacts: Sequence[Contact],
    *,
    today: Date,
    daily_budget: int,
    load: Mapping[Date, int],
) -> list[Date]:
    """First due date for each never-contacted contact, parallel to `contacts`.

    Each lands on the earliest day within its cadence window (today .. today+cadence-1)
    whose load (existing `load` plus those placed here) is under `daily_budget`; when the
    whole window is full, dealt out evenly across it. Closer circles are placed first.
    """
    if daily_budget < 1:
        raise ValueError("the daily budget must be at least 1")
    placed: dict[Date, int] = {}

    def used(day: Date) -> int:
        return load.get(day, 0) + placed.get(day, 0)

    # Every window starts today, so the earliest day with room only ever moves forward.
    first_open = 0
    overflow_turn: dict[int, int] = {}
    result: dict[int, Date] = {}
    # Closer circles and shorter cadences get the earliest days; name then position keep
    # the order stable for equal contacts.
    order = sorted(
        range(len(contacts)),
        key=lambda i: (
            -CIRCLE_WEIGHT[contacts[i].circle],
            cadence_days(contacts[i]),
            contacts[i].display_name.casefold(),
            i,
        ),
    )
    for index in order:
        window_days = cadence_days(contacts[index])
        while first_open < window_days and used(today.add(days=first_open)) >= daily_budget:
            first_open += 1
        if first_open < window_days:
            day = today.add(days=first_open)
        else:
            # The whole window is full: deal the rest out evenly across it.
            turn = overflow_turn.get(window_days, 0)
            overflow_turn[window_days] = turn + 1
            day = today.add(days=turn % window_days)
        placed[day] = placed.get(day, 0) + 1
        result[index] = day
    return [result[i] for i in range(len(contacts))]
