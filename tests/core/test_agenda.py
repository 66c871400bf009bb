"""The agenda: what is due today, in what order, and why."""

from __future__ import annotations

import random
from dataclasses import replace

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from core.agenda import ItemKind, build_agenda, cadence_words, when_words
from core.cadence import days_overdue
from core.models import (
    Circle,
    Commitment,
    Contact,
    ContactSummary,
    DateKind,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
    YearlyRule,
)
from tests.core.strategies import TODAY, contacts

D = pendulum.Date


def touched(
    name: str, days_ago: int, circle: Circle = Circle.ACTIVE, contact_id: int = 1, **extra: object
) -> Contact:
    when = pendulum.datetime(2026, 11, 26, 10, tz="UTC").subtract(days=days_ago)
    return Contact(
        id=contact_id,
        display_name=name,
        circle=circle,
        last_touch_at=when,
        last_outbound_at=when,
        **extra,
    )  # type: ignore[arg-type]


def agenda(**candidates: object):  # type: ignore[no-untyped-def]
    defaults: dict[str, object] = {
        "checkins": [],
        "replies_owed": [],
        "dates": [],
        "events": [],
        "commitments": [],
    }
    defaults.update(candidates)
    return build_agenda(TODAY, **defaults)  # type: ignore[arg-type]


def test_the_reason_says_when_we_last_talked_about_what_and_the_cadence() -> None:
    ana = touched("Ana Lima", 47)
    last = Interaction(id=1, contact_id=1, occurred_at=ana.last_touch_at, summary="her marathon")  # type: ignore[arg-type]
    (item,) = agenda(checkins=[ContactSummary(ana, last)]).items
    assert item.kind is ItemKind.CHECK_IN
    assert item.reason == "last talked 47 days ago about her marathon — every month"
    assert item.days_late == 17
    assert item.action == "check in (email)"


def test_an_open_question_becomes_the_suggested_action() -> None:
    ana = touched("Ana Lima", 40)
    question = FollowUpQuestion(id=1, contact_id=1, text="how did the Porto race go?")
    (item,) = agenda(checkins=[ContactSummary(ana, open_questions=(question,))]).items
    assert item.action == "check in; ask: how did the Porto race go?"


def test_contacts_not_yet_due_archived_or_snoozed_are_left_out() -> None:
    fresh = touched("Fresh", 3, contact_id=1)
    archived = touched("Gone", 90, contact_id=2, archived=True)
    snoozed = touched("Later", 90, contact_id=3, snoozed_until=TODAY.add(days=2))
    result = agenda(checkins=[ContactSummary(c) for c in (fresh, archived, snoozed)])
    assert result.items == ()
    assert result.checkins_due == 0


def test_overdue_commitments_top_everything_then_replies_then_today() -> None:
    bruno = touched("Bruno", 100, Circle.INNER, contact_id=2)
    carla = touched("Carla", 5, Circle.CLOSE, contact_id=3)
    owing = touched(
        "Dario",
        2,
        Circle.NETWORK,
        contact_id=4,
        awaiting_reply_since=pendulum.datetime(2026, 11, 24, tz="UTC"),
    )
    promise = Commitment(id=7, contact_id=3, text="send the deck", due_on=D(2026, 11, 25))
    birthday = ImportantDate(
        id=9, contact_id=3, kind=DateKind.BIRTHDAY, rule=YearlyRule(11, 26), year=1986
    )
    result = agenda(
        checkins=[ContactSummary(bruno)],
        replies_owed=[ContactSummary(owing)],
        dates=[(birthday, carla)],
        commitments=[(promise, carla)],
    )
    assert [(i.kind, i.contact.display_name) for i in result.items] == [
        (ItemKind.COMMITMENT, "Carla"),
        (ItemKind.REPLY_OWED, "Dario"),
        (ItemKind.CELEBRATION, "Carla"),
        (ItemKind.CHECK_IN, "Bruno"),
    ]
    assert result.items[0].reason == "promised for yesterday — 1 day late"
    assert result.items[2].label == "birthday today (turns 40)"
    assert result.celebrations == 1


def test_a_reply_owed_is_not_listed_twice_as_a_check_in() -> None:
    owing = touched("Eva", 200, awaiting_reply_since=pendulum.datetime(2026, 11, 25, tz="UTC"))
    result = agenda(checkins=[ContactSummary(owing)], replies_owed=[ContactSummary(owing)])
    assert [i.kind for i in result.items] == [ItemKind.REPLY_OWED]
    assert result.items[0].reason == "they wrote yesterday"


def test_upcoming_birthday_label_names_the_weekday_and_age() -> None:
    carla = touched("Carla Reis", 1, Circle.INNER)
    birthday = ImportantDate(
        id=1, contact_id=1, kind=DateKind.BIRTHDAY, rule=YearlyRule(11, 27), year=1986
    )
    (item,) = agenda(dates=[(birthday, carla)]).items
    assert item.label == "birthday tomorrow (turns 40)"
    assert item.action == "send birthday wishes"


def test_recent_life_event_and_far_commitment() -> None:
    eva = touched("Eva", 1)
    event = LifeEvent(
        id=1,
        contact_id=1,
        kind=LifeEventKind.NEW_JOB,
        text="joined Acme as CTO",
        occurred_on=D(2026, 11, 20),
    )
    later = Commitment(id=2, contact_id=1, text="review her talk", due_on=D(2026, 12, 20))
    (item,) = agenda(events=[(event, eva)], commitments=[(later, eva)]).items
    assert item.kind is ItemKind.LIFE_EVENT
    assert item.label == "new job: joined Acme as CTO"


def test_never_contacted_reason() -> None:
    new = Contact(id=1, display_name="New Person", created_on=TODAY)
    (item,) = agenda(checkins=[ContactSummary(new)]).items
    assert item.reason == "never contacted yet — every month"


def test_checkins_due_total_can_exceed_what_is_listed() -> None:
    result = agenda(checkins=[ContactSummary(touched("A", 60))], checkins_due=120)
    assert result.checkins_due == 120


@given(st.lists(contacts(), max_size=25, unique_by=lambda c: c.id), st.randoms())
def test_order_is_deterministic_whatever_order_the_candidates_arrive_in(
    people: list[Contact], rng: random.Random
) -> None:
    summaries = [ContactSummary(replace(p, awaiting_reply_since=None)) for p in people]
    shuffled = summaries[:]
    rng.shuffle(shuffled)
    first = agenda(checkins=summaries).items
    assert first == agenda(checkins=shuffled).items
    assert list(first) == sorted(first, key=lambda item: item.sort_key)
    assert all(item.days_late >= 0 for item in first)


@given(st.lists(contacts(), max_size=25, unique_by=lambda c: c.id))
def test_every_due_contact_is_listed_once_and_only_due_ones(people: list[Contact]) -> None:
    summaries = [ContactSummary(replace(p, awaiting_reply_since=None)) for p in people]
    listed = [item.contact.id for item in agenda(checkins=summaries).items]
    expected = {p.id for p in people if not p.archived and days_overdue(p, TODAY) >= 0}
    assert sorted(listed) == sorted(expected)


def test_when_words() -> None:
    assert [when_words(TODAY.add(days=n), TODAY) for n in (-1, 0, 1, 2, 9)] == [
        "yesterday",
        "today",
        "tomorrow",
        "Sat",
        "Sat 5 Dec",
    ]


def test_cadence_words() -> None:
    assert [cadence_words(n) for n in (7, 14, 30, 90, 180, 10, 365)] == [
        "every week",
        "every 2 weeks",
        "every month",
        "every 3 months",
        "every 6 months",
        "every 10 days",
        "every 365 days",
    ]


def test_a_touch_that_was_not_a_conversation_says_what_it_was() -> None:
    eva = touched("Eva", 40)
    last = Interaction(
        id=1,
        contact_id=1,
        occurred_at=eva.last_touch_at,  # type: ignore[arg-type]
        kind=InteractionKind.HELP,
        summary="read their essay draft",
    )
    (item,) = agenda(checkins=[ContactSummary(eva, last)]).items
    assert item.reason == "last touch 40 days ago, help: read their essay draft — every month"


def test_after_a_message_we_sent_the_reason_says_what_we_wrote() -> None:
    from core.models import SENT_PREFIX

    ana = touched("Ana", 40)
    last = Interaction(
        id=1,
        contact_id=1,
        occurred_at=ana.last_touch_at,  # type: ignore[arg-type]
        summary=f"{SENT_PREFIX}Catching up, Ana",
    )
    (item,) = agenda(checkins=[ContactSummary(ana, last)]).items
    assert item.reason == "you wrote 40 days ago: Catching up, Ana — every month"
