"""Contacts in and out of the store: every field survives, budget spreading on add."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pendulum
import pytest

from core import cadence
from core.models import (
    Channel,
    Circle,
    Contact,
    DateKind,
    ImportantDate,
    LifeEvent,
    LifeEventKind,
    YearlyRule,
)
from data.store import NotFound, Store, StoreError
from tests.data.conftest import TODAY, at, person

FULL = Contact(
    id=0,
    display_name="Zoë Ñúñez-Łukasiewicz",
    given_name="Zoë",
    family_name="Ñúñez-Łukasiewicz",
    nickname="Zo 🌻",
    emails=("zoe@example.com", "z@ex.pt"),
    phones=("+351 912 345 678",),
    handles=(("mastodon", "@zoe@social.example"), ("github", "zoen")),
    company="Açores Café",
    title="CTO",
    location="Ponta Delgada",
    timezone="Atlantic/Azores",
    circle=Circle.CLOSE,
    cadence_override_days=21,
    tags=("climbing", "lisbon", 'quote"d'),
    interests=("bouldering", "rust"),
    offers=("intros to VCs",),
    needs=("a designer",),
    how_met="RustConf 2024, 'hallway track'",
    preferred_channel=Channel.TEXT,
    archived=False,
    created_on=pendulum.Date(2024, 2, 29),
    first_due_on=pendulum.Date(2024, 3, 1),
    last_touch_at=pendulum.datetime(2026, 11, 1, 9, 30, 15, 123456, tz="Europe/Lisbon"),
    last_outbound_at=pendulum.datetime(2026, 11, 1, 9, 30, tz="Asia/Kolkata"),
    awaiting_reply_since=pendulum.datetime(2026, 11, 20, 23, 59, tz="America/New_York"),
    snoozed_until=pendulum.Date(2026, 12, 24),
    skipped_on=pendulum.Date(2026, 11, 2),
)


def test_every_field_survives_a_roundtrip(store: Store) -> None:
    (added,) = store.add_contacts([FULL], today=TODAY, daily_budget=5)
    assert added.id > 0
    loaded = store.get_contact(added.id)
    assert loaded == replace(FULL, id=added.id)
    assert loaded.last_touch_at is not None
    assert loaded.last_touch_at.microsecond == 123456


def test_instants_are_stored_in_utc_text_that_sorts(store: Store) -> None:
    (added,) = store.add_contacts([FULL], today=TODAY, daily_budget=5)
    stored = store.conn.execute(
        "SELECT last_touch_at, awaiting_reply_since FROM contacts WHERE id = ?", (added.id,)
    ).fetchone()
    assert stored[0] == "2026-11-01T09:30:15.123456+00:00"  # Lisbon is UTC in November
    assert stored[1] == "2026-11-21T04:59:00+00:00"


def test_ids_given_to_add_are_ignored_and_created_on_defaults_to_today(store: Store) -> None:
    added = store.add_contacts(
        [person("Ana Lima", id=99), person("Bruno Costa", id=99)], today=TODAY, daily_budget=5
    )
    assert len({contact.id for contact in added}) == 2
    assert all(store.get_contact(contact.id).created_on == TODAY for contact in added)


def test_update_saves_every_field_and_recomputes_next_due(store: Store) -> None:
    (ana,) = store.add_contacts(
        [person("Ana Lima", last_touch_at=at(TODAY.subtract(days=3)))],
        today=TODAY,
        daily_budget=5,
    )
    changed = replace(FULL, id=ana.id)
    assert store.update_contact(changed) == changed
    detail = store.contact_detail(ana.id)
    assert detail.contact == changed
    assert detail.next_due_on == cadence.next_due_on(changed)
    stored_due = store.conn.execute(
        "SELECT next_due_on, cadence_days FROM contacts WHERE id = ?", (ana.id,)
    ).fetchone()
    assert stored_due == (cadence.next_due_on(changed).isoformat(), 21)


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_contact(404)
    with pytest.raises(NotFound):
        store.update_contact(replace(FULL, id=404))
    with pytest.raises(NotFound):
        store.add_question(404, "how are you?", today=TODAY)
    with pytest.raises(NotFound):
        store.add_note(404, "hello", now=at(TODAY))


def test_list_filters_by_circle_and_tag_and_hides_archived(store: Store) -> None:
    store.add_contacts(
        [
            person("bea", Circle.INNER, tags=("climbing",)),
            person("Ana", Circle.INNER, tags=("climbing", "work")),
            person("Carl", Circle.NETWORK, tags=("work",)),
            person("Dora", Circle.INNER, tags=("climbing",), archived=True),
        ],
        today=TODAY,
        daily_budget=5,
    )
    assert [c.display_name for c in store.list_contacts()] == ["Ana", "bea", "Carl"]
    assert [c.display_name for c in store.list_contacts(circle="inner")] == ["Ana", "bea"]
    assert [c.display_name for c in store.list_contacts(tag="work")] == ["Ana", "Carl"]
    assert [c.display_name for c in store.list_contacts(circle="inner", tag="work")] == ["Ana"]
    assert [name for _, name in store.contact_names()] == ["bea", "Ana", "Carl"]
    assert len(store.contact_names(include_archived=True)) == 4


def test_detail_gathers_the_whole_record(store: Store) -> None:
    (ana,) = store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5)
    birthday = store.add_important_date(
        ImportantDate(
            id=0, contact_id=ana.id, kind=DateKind.BIRTHDAY, rule=YearlyRule(2, 29), year=1988
        )
    )
    event = store.add_life_event(
        LifeEvent(
            id=0,
            contact_id=ana.id,
            kind=LifeEventKind.NEW_JOB,
            text="joined Ãcme",
            occurred_on=TODAY.subtract(days=3),
        )
    )
    promise = store.add_commitment(ana.id, "send the deck", due_on=TODAY, today=TODAY)
    question = store.add_question(ana.id, "how did the Porto race go?", today=TODAY)
    note = store.add_note(ana.id, "training for a marathon", now=at(TODAY))
    detail = store.contact_detail(ana.id)
    assert detail.dates == (birthday,)
    assert detail.events == (event,)
    assert detail.commitments == (promise,)
    assert detail.questions == (question,)
    assert detail.notes == (note,)
    assert store.open_commitments(ana.id) == [promise]


def test_an_impossible_yearly_rule_is_refused(store: Store) -> None:
    (ana,) = store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5)
    with pytest.raises(StoreError):
        store.add_important_date(
            ImportantDate(id=0, contact_id=ana.id, kind=DateKind.CUSTOM, rule=YearlyRule(13, 1))
        )


def _due_per_day(store: Store) -> Counter[str]:
    return Counter(
        row[0] for row in store.conn.execute("SELECT next_due_on FROM contacts WHERE archived = 0")
    )


def test_fifty_new_contacts_are_spread_within_the_daily_budget(store: Store) -> None:
    newcomers = [person(f"Person {n:02d}", Circle.ACTIVE) for n in range(50)]
    added = store.add_contacts(newcomers, today=TODAY, daily_budget=5)
    per_day = _due_per_day(store)
    assert max(per_day.values()) <= 5
    assert sum(per_day.values()) == 50
    assert min(per_day) == TODAY.isoformat()
    assert all(TODAY <= c.first_due_on < TODAY.add(days=30) for c in added if c.first_due_on)


def test_a_second_import_fills_around_days_already_loaded(store: Store) -> None:
    store.add_contacts([person(f"First {n:02d}") for n in range(20)], today=TODAY, daily_budget=5)
    store.add_contacts([person(f"Second {n:02d}") for n in range(30)], today=TODAY, daily_budget=5)
    per_day = _due_per_day(store)
    assert max(per_day.values()) <= 5
    assert sum(per_day.values()) == 50


def test_overdue_contacts_count_against_todays_budget(store: Store) -> None:
    overdue = [person(f"Late {n}", last_touch_at=at(TODAY.subtract(days=60))) for n in range(5)]
    store.add_contacts(overdue, today=TODAY, daily_budget=5)
    (fresh,) = store.add_contacts([person("Fresh")], today=TODAY, daily_budget=5)
    assert fresh.first_due_on == TODAY.add(days=1)


def test_contacts_already_in_touch_are_not_spread(store: Store) -> None:
    touched = at(TODAY.subtract(days=10))
    (ana,) = store.add_contacts([person("Ana", last_touch_at=touched)], today=TODAY, daily_budget=1)
    assert ana.first_due_on is None
    assert store.contact_detail(ana.id).next_due_on == TODAY.add(days=20)


def test_next_due_names_who_comes_up_after_today(store: Store) -> None:
    assert store.next_due(TODAY) is None
    assert not store.has_contacts()
    first, second = store.add_contacts(
        [
            person("Soon", Circle.INNER, first_due_on=TODAY.add(days=2)),
            person("Later", Circle.INNER, first_due_on=TODAY.add(days=5)),
        ],
        today=TODAY,
        daily_budget=5,
    )
    assert store.has_contacts()
    upcoming = store.next_due(TODAY)
    assert upcoming is not None
    assert (upcoming[0].display_name, upcoming[1]) == ("Soon", TODAY.add(days=2))
    assert store.next_due(TODAY.add(days=2)) == (second, TODAY.add(days=5))
