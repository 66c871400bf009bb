"""Bulk loading a whole network: ids and fields kept, search and triggers working after."""

from __future__ import annotations

import pytest

from core import cadence
from core.models import (
    Channel,
    Circle,
    Commitment,
    Contact,
    DateKind,
    Direction,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
    Network,
    Note,
    YearlyRule,
)
from data.store import Store, StoreError
from tests.data.conftest import TODAY, at


def _network(size: int = 30) -> Network:
    interactions: list[Interaction] = []
    contacts: list[Contact] = []
    for number in range(1, size + 1):
        contact = Contact(
            id=number * 10,  # ids are kept, gaps and all
            display_name=f"Pessoa {number} Ção",
            circle=list(Circle)[number % 5],
            tags=("bulk", f"t{number % 3}"),
            created_on=TODAY.subtract(years=1),
        )
        for step in range(number % 4):
            interaction = Interaction(
                id=number * 100 + step,
                contact_id=contact.id,
                occurred_at=at(TODAY.subtract(days=5 * step + number)),
                channel=Channel.CALL,
                direction=Direction.INBOUND if step == 0 and number % 7 == 0 else Direction.MUTUAL,
                kind=InteractionKind.CALL,
                summary=f"talked about topic{number} and climbing",
                topics=("climbing",),
            )
            interactions.append(interaction)
        for interaction in sorted(
            (i for i in interactions if i.contact_id == contact.id), key=lambda i: i.occurred_at
        ):
            contact = cadence.apply_interaction(contact, interaction)
        contacts.append(contact)
    return Network(
        contacts=tuple(contacts),
        interactions=tuple(interactions),
        dates=(
            ImportantDate(
                id=7,
                contact_id=10,
                kind=DateKind.BIRTHDAY,
                rule=YearlyRule(TODAY.month, TODAY.day),
                year=1990,
            ),
        ),
        events=(
            LifeEvent(
                id=8,
                contact_id=20,
                kind=LifeEventKind.MOVE,
                text="moved to Porto",
                occurred_on=TODAY.subtract(days=2),
            ),
        ),
        commitments=(
            Commitment(id=9, contact_id=30, text="send the deck", due_on=TODAY.subtract(days=1)),
        ),
        questions=(FollowUpQuestion(id=11, contact_id=40, text="how is the new flat?"),),
        notes=(Note(id=12, contact_id=50, body="loves bouldering", created_at=at(TODAY)),),
    )


def test_everything_loaded_reads_back_identical(store: Store) -> None:
    network = _network()
    store.load_network(network)
    for contact in network.contacts:
        assert store.get_contact(contact.id) == contact
    for contact in network.contacts:
        detail = store.contact_detail(contact.id, interactions=100)
        expected = sorted(
            (i for i in network.interactions if i.contact_id == contact.id),
            key=lambda i: (i.occurred_at, i.id),
            reverse=True,
        )
        assert list(detail.interactions) == expected
        assert detail.next_due_on == cadence.next_due_on(contact)
    assert store.contact_detail(10).dates == network.dates
    assert store.contact_detail(20).events == network.events
    assert store.contact_detail(30).commitments == network.commitments
    assert store.contact_detail(40).questions == network.questions
    assert store.contact_detail(50).notes == network.notes


def test_the_loaded_network_is_searchable_and_its_agenda_works(store: Store) -> None:
    network = _network()
    store.load_network(network)
    assert [c.id for c, _ in store.search("pessoa 7")] == [70]
    assert [c.id for c, _ in store.search("topic13")] == [130]
    assert [c.id for c, _ in store.search("bouldering")] == [50]
    assert [c.id for c, _ in store.search("cao")][:1] != []
    agenda = store.agenda(TODAY)
    kinds = {(item.kind.value, item.ref_id) for item in agenda.items}
    assert {("commitment", 9), ("celebration", 7), ("life-event", 8)} <= kinds
    owed = {item.contact.id for item in agenda.items if item.kind.value == "reply-owed"}
    assert owed == {c.id for c in network.contacts if c.awaiting_reply_since is not None}


def test_triggers_work_again_after_a_bulk_load(store: Store) -> None:
    store.load_network(_network())
    store.add_note(10, "just adopted a greyhound", now=at(TODAY))
    assert [c.id for c, _ in store.search("greyhound")] == [10]
    store.log_interaction(
        Interaction(id=0, contact_id=20, occurred_at=at(TODAY), summary="kayaking trip"),
        today=TODAY,
    )
    assert [c.id for c, _ in store.search("kayak")] == [20]
    assert store.undo() is not None
    assert store.search("kayak") == []


def test_loading_into_a_database_with_contacts_is_refused(store: Store) -> None:
    store.load_network(_network())
    with pytest.raises(StoreError, match="already holds contacts"):
        store.load_network(_network())
    assert store.count_contacts() == 30


def test_a_bad_network_loads_nothing(store: Store) -> None:
    network = _network()
    orphan = Interaction(id=999_999, contact_id=123_456, occurred_at=at(TODAY))
    broken = Network(contacts=network.contacts, interactions=(*network.interactions, orphan))
    with pytest.raises(StoreError, match="FOREIGN KEY"):
        store.load_network(broken)
    assert store.count_contacts() == 0
    names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
    assert "interactions_search_insert" in names
