"""Cadence: when is someone next due, and does every touch reset the clock."""

from __future__ import annotations

from dataclasses import replace

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.cadence import (
    apply_interaction,
    cadence_days,
    days_overdue,
    next_due_on,
    parse_period,
    skip_cycle,
    snooze,
    urgency,
)
from core.models import Circle, Contact, Direction, Interaction, InteractionKind
from tests.core.strategies import TODAY, contacts, dates, datetimes, interactions


def at(text: str) -> pendulum.DateTime:
    parsed = pendulum.parse(text, tz="UTC")
    assert isinstance(parsed, pendulum.DateTime)
    return parsed


@pytest.mark.parametrize(
    ("text", "days"),
    [("10", 10), ("10d", 10), ("3w", 21), ("2m", 60), ("1y", 365), (" 2W ", 14)],
)
def test_parse_period_accepts_days_weeks_months_years(text: str, days: int) -> None:
    assert parse_period(text) == days


@pytest.mark.parametrize("text", ["", "w", "3x", "-3d", "0", "3.5w", "99999d", "weekly"])
def test_parse_period_rejects_nonsense_with_a_message(text: str) -> None:
    with pytest.raises(ValueError, match="bad period"):
        parse_period(text)


@pytest.mark.parametrize(
    ("circle", "days"),
    [
        (Circle.INNER, 7),
        (Circle.CLOSE, 14),
        (Circle.ACTIVE, 30),
        (Circle.NETWORK, 90),
        (Circle.ACQUAINTANCE, 180),
    ],
)
def test_circle_defaults(circle: Circle, days: int) -> None:
    assert cadence_days(Contact(id=1, display_name="x", circle=circle)) == days


def test_own_cadence_beats_the_circle_default() -> None:
    contact = Contact(id=1, display_name="x", circle=Circle.INNER, cadence_override_days=21)
    assert cadence_days(contact) == 21


def test_next_due_is_last_touch_plus_cadence() -> None:
    contact = Contact(
        id=1, display_name="Ana", circle=Circle.ACTIVE, last_touch_at=at("2026-10-27T09:00")
    )
    assert next_due_on(contact) == pendulum.Date(2026, 11, 26)
    assert days_overdue(contact, TODAY) == 0
    assert days_overdue(contact, pendulum.Date(2026, 12, 1)) == 5
    assert days_overdue(contact, pendulum.Date(2026, 11, 20)) == -6


@pytest.mark.parametrize("kind", list(InteractionKind))
def test_any_logged_touch_resets_the_clock(kind: InteractionKind) -> None:
    contact = Contact(
        id=1, display_name="Ana", circle=Circle.INNER, last_touch_at=at("2026-10-01T09:00")
    )
    touched = apply_interaction(
        contact, Interaction(id=1, contact_id=1, occurred_at=at("2026-11-26T10:00"), kind=kind)
    )
    assert next_due_on(touched) == pendulum.Date(2026, 12, 3)


def test_inbound_message_makes_a_reply_owed_until_we_answer() -> None:
    contact = Contact(id=1, display_name="Bruno")
    inbound = Interaction(
        id=1, contact_id=1, occurred_at=at("2026-11-24T09:00"), direction=Direction.INBOUND
    )
    owed = apply_interaction(contact, inbound)
    assert owed.awaiting_reply_since == at("2026-11-24T09:00")
    reply = Interaction(
        id=2, contact_id=1, occurred_at=at("2026-11-25T09:00"), direction=Direction.OUTBOUND
    )
    assert apply_interaction(owed, reply).awaiting_reply_since is None


def test_an_older_outbound_does_not_answer_a_newer_inbound() -> None:
    contact = Contact(id=1, display_name="Bruno")
    owed = apply_interaction(
        contact,
        Interaction(
            id=1, contact_id=1, occurred_at=at("2026-11-24T09:00"), direction=Direction.INBOUND
        ),
    )
    backdated = Interaction(id=2, contact_id=1, occurred_at=at("2026-11-20T09:00"))
    assert apply_interaction(owed, backdated).awaiting_reply_since == at("2026-11-24T09:00")


def test_an_inbound_we_already_answered_owes_nothing() -> None:
    answered = apply_interaction(
        Contact(id=1, display_name="Bruno"),
        Interaction(id=1, contact_id=1, occurred_at=at("2026-11-25T09:00")),
    )
    late_logged = Interaction(
        id=2, contact_id=1, occurred_at=at("2026-11-24T09:00"), direction=Direction.INBOUND
    )
    assert apply_interaction(answered, late_logged).awaiting_reply_since is None


def test_snooze_must_be_in_the_future() -> None:
    with pytest.raises(ValueError, match="not after today"):
        snooze(Contact(id=1, display_name="x"), TODAY, TODAY)


def test_skip_moves_next_due_one_cadence_from_today() -> None:
    contact = Contact(
        id=1, display_name="x", circle=Circle.CLOSE, last_touch_at=at("2026-09-01T09:00")
    )
    assert next_due_on(skip_cycle(contact, TODAY)) == TODAY.add(days=14)


def test_never_contacted_is_due_on_its_spread_first_date() -> None:
    contact = Contact(id=1, display_name="x", created_on=TODAY, first_due_on=TODAY.add(days=3))
    assert next_due_on(contact) == TODAY.add(days=3)


def test_ten_days_late_weekly_beats_ten_days_late_quarterly() -> None:
    weekly = Contact(
        id=1, display_name="w", cadence_override_days=7, last_touch_at=at("2026-11-09T09:00")
    )
    quarterly = Contact(
        id=2, display_name="q", cadence_override_days=90, last_touch_at=at("2026-08-18T09:00")
    )
    assert days_overdue(weekly, TODAY) == days_overdue(quarterly, TODAY) == 10
    assert urgency(weekly, TODAY) > urgency(quarterly, TODAY)


def test_inner_circle_weighs_more_at_equal_lateness() -> None:
    base = Contact(
        id=1, display_name="x", cadence_override_days=30, last_touch_at=at("2026-10-01T09:00")
    )
    assert urgency(replace(base, circle=Circle.INNER), TODAY) > urgency(
        replace(base, circle=Circle.ACQUAINTANCE), TODAY
    )


@given(contacts(), dates)
def test_a_snoozed_contact_is_never_due_before_its_snooze_date(
    contact: Contact, today: pendulum.Date
) -> None:
    if contact.snoozed_until is not None and today < contact.snoozed_until:
        assert days_overdue(contact, today) < 0


@given(contacts(), interactions(direction=Direction.OUTBOUND), dates)
def test_logging_outbound_never_makes_a_contact_more_urgent(
    contact: Contact, interaction: Interaction, today: pendulum.Date
) -> None:
    after = apply_interaction(contact, interaction)
    assert urgency(after, today) <= urgency(contact, today)
    assert not (after.awaiting_reply_since and not contact.awaiting_reply_since)


@given(contacts(), interactions())
def test_any_touch_never_moves_the_due_date_earlier(
    contact: Contact, interaction: Interaction
) -> None:
    assert next_due_on(apply_interaction(contact, interaction)) >= next_due_on(contact)


@given(contacts(), st.lists(interactions(), min_size=1, max_size=6))
def test_folding_touches_is_order_independent_for_last_touch(
    contact: Contact, touches: list[Interaction]
) -> None:
    fresh = replace(contact, last_touch_at=None, last_outbound_at=None, awaiting_reply_since=None)
    forward = fresh
    for touch in touches:
        forward = apply_interaction(forward, touch)
    backward = fresh
    for touch in reversed(touches):
        backward = apply_interaction(backward, touch)
    assert forward.last_touch_at == backward.last_touch_at == max(t.occurred_at for t in touches)


@given(contacts(), dates)
def test_skip_always_pushes_due_at_least_a_cadence_ahead(
    contact: Contact, today: pendulum.Date
) -> None:
    skipped = skip_cycle(contact, today)
    assert next_due_on(skipped) >= today.add(days=cadence_days(contact))


@given(contacts(), datetimes)
def test_reply_owed_is_never_earlier_than_last_outbound(
    contact: Contact, when: pendulum.DateTime
) -> None:
    fresh = replace(contact, last_outbound_at=None, awaiting_reply_since=None)
    after = apply_interaction(
        fresh, Interaction(id=1, contact_id=1, occurred_at=when, direction=Direction.INBOUND)
    )
    assert after.awaiting_reply_since == when
