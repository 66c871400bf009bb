"""The demo network: deterministic, internally consistent, and a lively but sane agenda."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from pendulum import Date

from core.agenda import ItemKind
from core.cadence import apply_interaction, next_due_on
from core.models import Circle, Contact, DateKind, Direction, Interaction, Network
from data.demo import GENERATOR_VERSION, generate_network, write_demo
from data.store import Store, StoreError

TODAY = Date(2026, 11, 26)
# Around the year's edges, leap days and Father's Day, where date arithmetic likes to break.
TODAYS = [
    TODAY,
    Date(2028, 2, 28),
    Date(2028, 2, 29),
    Date(2027, 1, 1),
    Date(2026, 12, 31),
    Date(2026, 6, 15),
]

_cache: dict[tuple[Date, int, int | None], Network] = {}


def network(today: Date = TODAY, contacts: int = 150, interactions: int | None = None) -> Network:
    key = (today, contacts, interactions)
    if key not in _cache:
        _cache[key] = generate_network(today, contacts=contacts, interactions=interactions)
    return _cache[key]


def _by_contact(net: Network) -> dict[int, list[Interaction]]:
    rows: dict[int, list[Interaction]] = defaultdict(list)
    for row in net.interactions:
        rows[row.contact_id].append(row)
    return rows


def _refolded(contact: Contact, rows: list[Interaction]) -> Contact:
    state = replace(contact, last_touch_at=None, last_outbound_at=None, awaiting_reply_since=None)
    for row in rows:
        state = apply_interaction(state, row)
    return state


def _checkins_due(net: Network, today: Date) -> list[Contact]:
    return [c for c in net.contacts if not c.archived and next_due_on(c) <= today]


def test_same_seed_and_day_give_an_equal_network() -> None:
    assert generate_network(TODAY) == generate_network(TODAY)
    assert generate_network(TODAY, seed=8) != generate_network(TODAY)


def test_default_size_covers_every_circle() -> None:
    net = network()
    assert len(net.contacts) == 150
    assert len(net.interactions) == 150 * 20
    circles = {c.circle for c in net.contacts}
    assert circles == set(Circle)
    inner = sum(c.circle is Circle.INNER for c in net.contacts)
    assert 2 <= inner <= 10


def test_names_are_international_and_unique() -> None:
    names = [c.display_name for c in network().contacts]
    assert len(set(names)) == len(names)
    joined = " ".join(names)
    for fragment in ("Zoë", "João", "Ayşe", "Nguyễn"):
        assert fragment in joined
    assert all(email.isascii() for c in network().contacts for email in c.emails)


@pytest.mark.parametrize("today", TODAYS)
def test_cadence_state_is_the_fold_of_the_interactions(today: Date) -> None:
    net = network(today)
    rows = _by_contact(net)
    for contact in net.contacts:
        refolded = _refolded(contact, rows[contact.id])
        assert (contact.last_touch_at, contact.last_outbound_at, contact.awaiting_reply_since) == (
            refolded.last_touch_at,
            refolded.last_outbound_at,
            refolded.awaiting_reply_since,
        ), contact.display_name


@pytest.mark.parametrize("today", TODAYS)
def test_ids_and_references_are_valid(today: Date) -> None:
    net = network(today)
    for records in (
        net.contacts,
        net.interactions,
        net.dates,
        net.events,
        net.commitments,
        net.questions,
        net.notes,
    ):
        assert [r.id for r in records] == list(range(1, len(records) + 1))
    contact_ids = {c.id for c in net.contacts}
    for records in (
        net.interactions,
        net.dates,
        net.events,
        net.commitments,
        net.questions,
        net.notes,
    ):
        assert all(r.contact_id in contact_ids for r in records)


@pytest.mark.parametrize("today", TODAYS)
def test_history_is_in_the_past_and_in_id_order(today: Date) -> None:
    net = network(today)
    times = [row.occurred_at for row in net.interactions]
    assert times == sorted(times)
    assert times[-1].date() < today
    assert (today - times[0].date()).days <= 730
    first_touch: dict[int, Date] = {}
    for row in net.interactions:
        first_touch.setdefault(row.contact_id, row.occurred_at.date())
    for contact in net.contacts:
        assert contact.created_on is not None and contact.created_on <= today
        if contact.id in first_touch:
            assert contact.created_on <= first_touch[contact.id]


@pytest.mark.parametrize("today", TODAYS)
def test_the_day_is_lively_but_sane(today: Date) -> None:
    net = network(today)
    assert 3 <= len(_checkins_due(net, today)) <= 15
    owed = [c for c in net.contacts if c.awaiting_reply_since is not None and not c.archived]
    assert 1 <= len(owed) <= 3
    open_promises = [p for p in net.commitments if p.done_on is None]
    overdue = [p for p in open_promises if p.due_on is not None and p.due_on < today]
    assert 1 <= len(overdue) <= 2
    recent_events = [e for e in net.events if 0 <= (today - e.occurred_on).days <= 14]
    assert any(e.acknowledged_on is None for e in recent_events)


def test_never_contacted_people_are_spread_over_the_coming_weeks() -> None:
    never = [c for c in network().contacts if c.last_touch_at is None]
    assert len(never) >= 2
    assert all(c.first_due_on is not None and c.first_due_on > TODAY for c in never)
    assert len({c.first_due_on for c in never}) == len(never)


def test_milestones_cover_the_awkward_cases() -> None:
    net = network()
    birthdays = [d for d in net.dates if d.kind is DateKind.BIRTHDAY]
    assert any(d.rule.month == 2 and d.rule.day == 29 for d in birthdays)
    assert any(d.year is None for d in birthdays)
    assert any(d.kind is DateKind.WORK_ANNIVERSARY for d in net.dates)
    relative = [d for d in net.dates if d.rule.day is None]
    assert relative and all(d.rule.weekday is not None and d.rule.nth for d in relative)
    assert any(q.asked_on is None for q in net.questions)
    assert any(p.done_on is not None for p in net.commitments)
    assert net.notes


def test_some_contacts_keep_their_own_rhythm_and_have_rich_profiles() -> None:
    contacts = network().contacts
    assert any(c.cadence_override_days is not None for c in contacts)
    assert all(c.timezone and "/" in c.timezone for c in contacts)
    assert sum(bool(c.interests) for c in contacts) == len(contacts)
    assert any(c.offers for c in contacts) and any(c.needs for c in contacts)
    assert any(row.direction is Direction.INBOUND for row in network().interactions)


@pytest.mark.parametrize(("contacts", "interactions"), [(0, 0), (1, 0), (1, 5), (5, 2), (12, 40)])
def test_small_and_odd_sizes(contacts: int, interactions: int) -> None:
    net = generate_network(TODAY, contacts=contacts, interactions=interactions)
    assert len(net.contacts) == contacts
    assert len(net.interactions) == interactions
    rows = _by_contact(net)
    for contact in net.contacts:
        assert _refolded(contact, rows[contact.id]) == contact


def test_large_network_shape_and_steady_state() -> None:
    net = network(contacts=2_000, interactions=40_000)
    assert len(net.contacts) == 2_000
    assert len(net.interactions) == 40_000
    assert {c.circle for c in net.contacts} == set(Circle)
    due = len(_checkins_due(net, TODAY))
    assert 0.03 * 2_000 <= due <= 0.12 * 2_000
    rows = _by_contact(net)
    for contact in net.contacts[::50]:
        assert _refolded(contact, rows[contact.id]) == contact


def test_write_demo_loads_a_store_with_a_lively_agenda(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    write_demo(path, TODAY)
    store = Store.open(path, create=False)
    try:
        assert store.get_setting("demo_anchor") == "2026-11-26"
        assert store.get_setting("demo_generator") == str(GENERATOR_VERSION)
        agenda = store.agenda(TODAY)
        kinds = [item.kind for item in agenda.items]
        assert 3 <= agenda.checkins_due <= 25
        assert agenda.celebrations >= 1
        assert ItemKind.COMMITMENT in kinds
        assert ItemKind.REPLY_OWED in kinds
        assert len(store.contact_names()) == 150 - sum(c.archived for c in network().contacts)
    finally:
        store.close()


def test_write_demo_refuses_a_database_that_holds_contacts(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    write_demo(path, TODAY, contacts=20)
    with pytest.raises(StoreError):
        write_demo(path, TODAY, contacts=20)
