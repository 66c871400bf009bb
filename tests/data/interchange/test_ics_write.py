"""iCalendar export: dates fall where the app celebrates them; check-ins and promises show up."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from pendulum import Date

from core.milestones import occurrence_in
from core.models import Circle, DateKind, ImportantDate, YearlyRule
from data.interchange.ics_write import write_ics, yearly_rrule
from data.store import Store
from tests.data.conftest import TODAY, at, person


def _events(text: str) -> list[Any]:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def _by_uid(text: str) -> dict[str, Any]:
    return {str(event["UID"]): event for event in _events(text)}


def _occurrences(rrule: Any, start: date, first_year: int, last_year: int) -> list[date]:
    rule = rrulestr(rrule.to_ical().decode(), dtstart=datetime(start.year, start.month, start.day))
    return [
        moment.date()
        for moment in rule.between(
            datetime(first_year, 1, 1), datetime(last_year, 12, 31), inc=True
        )
    ]


def _add_date(
    store: Store, contact_id: int, kind: DateKind, rule: YearlyRule, **fields: Any
) -> int:
    return store.add_important_date(
        ImportantDate(id=0, contact_id=contact_id, kind=kind, rule=rule, **fields)
    ).id


def test_feb_29_is_celebrated_every_year(store: Store) -> None:
    (ana,) = store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5)
    date_id = _add_date(store, ana.id, DateKind.BIRTHDAY, YearlyRule(2, 29), year=1992)
    event = _by_uid(write_ics(store, today=TODAY))[f"birthday-{date_id}@nurture-tui"]
    assert str(event["SUMMARY"]) == "Ana Lima's birthday"
    assert event.start == date(1992, 2, 29)
    assert event["RRULE"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"
    assert _occurrences(event["RRULE"], event.start, 2027, 2028) == [
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


@pytest.mark.parametrize(
    ("rule", "byday"),
    [
        (YearlyRule(6, weekday=6, nth=3), "3SU"),  # Father's Day
        (YearlyRule(5, weekday=4, nth=-1), "-1FR"),
        (YearlyRule(3, weekday=4, nth=5), "-1FR"),  # core's 5th Friday falls back to the last
        (YearlyRule(11, weekday=3, nth=4), "4TH"),  # Thanksgiving
    ],
)
def test_relative_rules_recur_on_the_days_core_computes(rule: YearlyRule, byday: str) -> None:
    rrule = yearly_rrule(rule)
    assert rrule.to_ical().decode() == f"FREQ=YEARLY;BYDAY={byday};BYMONTH={rule.month}"
    start = occurrence_in(rule, 2020)
    assert _occurrences(rrule, start, 2020, 2040) == [
        occurrence_in(rule, year) for year in range(2020, 2041)
    ]


@pytest.mark.parametrize(
    "rule", [YearlyRule(2, 29), YearlyRule(2, 28), YearlyRule(1, 31), YearlyRule(12, 25)]
)
def test_fixed_rules_recur_on_the_days_core_computes(rule: YearlyRule) -> None:
    start = occurrence_in(rule, 2021)
    assert _occurrences(yearly_rrule(rule), start, 2021, 2040) == [
        occurrence_in(rule, year) for year in range(2021, 2041)
    ]


def test_year_less_and_relative_dates_start_this_year(store: Store) -> None:
    (ana,) = store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5)
    birthday = _add_date(store, ana.id, DateKind.BIRTHDAY, YearlyRule(4, 3))
    fathers = _add_date(
        store, ana.id, DateKind.CUSTOM, YearlyRule(6, weekday=6, nth=3), label="Father's Day"
    )
    events = _by_uid(write_ics(store, today=TODAY))
    assert events[f"birthday-{birthday}@nurture-tui"].start == date(2026, 4, 3)
    custom = events[f"custom-{fathers}@nurture-tui"]
    assert str(custom["SUMMARY"]) == "Ana Lima: Father's Day"
    assert custom.start == date(2026, 6, 21)


def test_check_ins_within_the_horizon_overdue_ones_today(store: Store) -> None:
    overdue, soon, later, archived = store.add_contacts(
        [
            person(
                "Ana Lima",
                Circle.INNER,
                created_on=TODAY.subtract(days=100),
                last_touch_at=at(TODAY.subtract(days=20)),
            ),
            person("Ben Okafor", Circle.ACTIVE, last_touch_at=at(TODAY.subtract(days=10))),
            person("Cai Wen", Circle.ACQUAINTANCE, last_touch_at=at(TODAY.subtract(days=1))),
            person("Dee Gone", Circle.INNER, archived=True, last_touch_at=at(TODAY)),
        ],
        today=TODAY,
        daily_budget=5,
    )
    events = _by_uid(write_ics(store, today=TODAY, horizon_days=90))
    ana = events[f"checkin-{overdue.id}@nurture-tui"]
    assert str(ana["SUMMARY"]) == "Check in with Ana Lima"
    assert ana.start == date(2026, 11, 26)
    assert "Overdue since 2026-11-13" in str(ana["DESCRIPTION"])
    assert events[f"checkin-{soon.id}@nurture-tui"].start == date(2026, 12, 16)
    assert f"checkin-{later.id}@nurture-tui" not in events  # due in 179 days
    assert f"checkin-{archived.id}@nurture-tui" not in events


def test_open_promises_with_a_due_date(store: Store) -> None:
    ana, gone = store.add_contacts(
        [person("Ana Lima"), person("Gone", archived=True)], today=TODAY, daily_budget=5
    )
    deck = store.add_commitment(ana.id, "send the deck", due_on=TODAY.add(days=5), today=TODAY)
    late = store.add_commitment(ana.id, "intro to Ben", due_on=TODAY.subtract(days=2), today=TODAY)
    undated = store.add_commitment(ana.id, "someday", due_on=None, today=TODAY)
    kept = store.add_commitment(ana.id, "kept", due_on=TODAY, today=TODAY)
    store.complete_commitment(kept.id, today=TODAY)
    hidden = store.add_commitment(gone.id, "archived", due_on=TODAY, today=TODAY)
    events = _by_uid(write_ics(store, today=TODAY))
    promise = events[f"promise-{deck.id}@nurture-tui"]
    assert str(promise["SUMMARY"]) == "Promise to Ana Lima: send the deck"
    assert promise.start == date(2026, 12, 1)
    assert events[f"promise-{late.id}@nurture-tui"].start == date(2026, 11, 26)
    for absent in (undated, kept, hidden):
        assert f"promise-{absent.id}@nurture-tui" not in events


def test_the_calendar_is_well_formed_and_the_same_every_time(store: Store) -> None:
    (ana,) = store.add_contacts(
        [person("Ana\x1b[31m Lima\n[bold]", last_touch_at=at(TODAY.subtract(days=40)))],
        today=TODAY,
        daily_budget=5,
    )
    _add_date(store, ana.id, DateKind.BIRTHDAY, YearlyRule(5, 12))
    text = write_ics(store, today=TODAY)
    assert text == write_ics(store, today=TODAY)
    assert "\n" not in text.replace("\r\n", "")
    assert "\x1b" not in text
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75
    feed = Calendar.from_ical(text)
    assert str(feed["VERSION"]) == "2.0"
    assert str(feed["PRODID"]) == "-//nurture-tui//nurture-tui//EN"
    assert str(feed["X-WR-CALNAME"]) == "nurture"
    events = _events(text)
    assert {str(event["SUMMARY"]) for event in events} == {
        "Ana[31m Lima [bold]'s birthday",
        "Check in with Ana[31m Lima [bold]",
    }
    for event in events:
        assert event["DTSTAMP"].dt == datetime(2026, 11, 26, tzinfo=event["DTSTAMP"].dt.tzinfo)
        assert str(event["TRANSP"]) == "TRANSPARENT"
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_a_demo_network_exports(store: Store) -> None:
    from data.demo import generate_network

    store.load_network(generate_network(TODAY))
    events = _events(write_ics(store, today=Date(2026, 11, 26)))
    assert len({str(event["UID"]) for event in events}) == len(events) > 50


def test_a_negative_horizon_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="horizon"):
        write_ics(store, today=TODAY, horizon_days=-1)
