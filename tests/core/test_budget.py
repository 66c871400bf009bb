"""The daily budget spreads first check-ins instead of making an import all due today."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.budget import spread_first_due_dates
from core.cadence import cadence_days
from core.models import Circle, Contact
from tests.core.strategies import TODAY, circles


def people(count: int, circle: Circle = Circle.NETWORK) -> list[Contact]:
    return [Contact(id=i, display_name=f"Person {i:03}", circle=circle) for i in range(count)]


def test_an_import_of_400_never_makes_more_than_the_budget_due_on_a_day() -> None:
    firsts = spread_first_due_dates(people(400), today=TODAY, daily_budget=5, load={})
    assert max(Counter(firsts).values()) == 5
    assert min(firsts) == TODAY
    assert max(firsts) == TODAY.add(days=79)


def test_more_people_than_the_window_holds_still_stay_inside_it_evenly() -> None:
    firsts = spread_first_due_dates(people(500), today=TODAY, daily_budget=5, load={})
    per_day = Counter(firsts)
    assert max(firsts) == TODAY.add(days=89)
    assert set(per_day.values()) == {5, 6}


def test_days_already_loaded_are_filled_last() -> None:
    load = {TODAY: 5, TODAY.add(days=1): 3}
    firsts = spread_first_due_dates(people(4), today=TODAY, daily_budget=5, load=load)
    assert firsts == [TODAY.add(days=1)] * 2 + [TODAY.add(days=2)] * 2


def test_inner_circle_gets_the_earliest_days() -> None:
    crowd = people(10) + [Contact(id=99, display_name="Zed", circle=Circle.INNER)]
    firsts = spread_first_due_dates(crowd, today=TODAY, daily_budget=1, load={})
    assert firsts[-1] == TODAY


def test_when_the_window_is_full_the_rest_are_dealt_out_inside_it() -> None:
    firsts = spread_first_due_dates(people(30, Circle.INNER), today=TODAY, daily_budget=2, load={})
    assert all(TODAY <= day < TODAY.add(days=7) for day in firsts)
    assert max(Counter(firsts).values()) - min(Counter(firsts).values()) <= 1


def test_a_zero_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        spread_first_due_dates(people(1), today=TODAY, daily_budget=0, load={})


@given(
    st.lists(circles, min_size=0, max_size=120),
    st.integers(min_value=1, max_value=12),
)
def test_spread_is_within_window_under_budget_and_deterministic(
    circle_list: list[Circle], budget: int
) -> None:
    crowd = [Contact(id=i, display_name=f"p{i}", circle=c) for i, c in enumerate(circle_list)]
    firsts = spread_first_due_dates(crowd, today=TODAY, daily_budget=budget, load={})
    assert len(firsts) == len(crowd)
    for contact, day in zip(crowd, firsts, strict=True):
        assert TODAY <= day < TODAY.add(days=cadence_days(contact))
    capacity = budget * min((cadence_days(c) for c in crowd), default=0)
    if len(crowd) <= capacity:
        assert max(Counter(firsts).values(), default=0) <= budget
    assert firsts == spread_first_due_dates(crowd, today=TODAY, daily_budget=budget, load={})
