"""Databases and files for the resilience tests, made through the real Store and exporters."""

from __future__ import annotations

from pathlib import Path

import pendulum
from pendulum import Date

from core.models import Circle, Contact, Direction, Interaction
from data.demo import write_demo
from data.interchange.vcard_write import write_vcards
from data.store import Store

TODAY = Date(2026, 11, 26)

PEOPLE = (
    ("Ana Lima", Circle.INNER),
    ("Bruno Costa", Circle.ACTIVE),
    ("Carla Reis", Circle.CLOSE),
    ("Dario Sa", Circle.NETWORK),
    ("Eva Nunes", Circle.ACTIVE),
    ("Filipa Rocha", Circle.INNER),
    ("Gil Moura", Circle.ACQUAINTANCE),
    ("Helena Vaz", Circle.CLOSE),
    ("Ines Pinto", Circle.NETWORK),
    ("Joao Teles", Circle.ACTIVE),
    ("Kiko Barros", Circle.CLOSE),
    ("Lia Faria", Circle.INNER),
)


def build_small_network(db: Path, *, promises: bool = True) -> None:
    """Twelve people with history, notes, promises and a few undoable actions."""
    with Store.open(db) as store:
        people = store.add_contacts(
            [
                Contact(id=0, display_name=name, given_name=name.split()[0], circle=circle)
                for name, circle in PEOPLE
            ],
            today=TODAY.subtract(days=400),
            daily_budget=5,
        )
        for n, person in enumerate(people):
            if n % 4 == 3:
                continue  # some people have never been contacted
            store.log_interaction(
                Interaction(
                    id=0,
                    contact_id=person.id,
                    occurred_at=pendulum.datetime(2026, 11, 26, 10).subtract(days=3 + 11 * n),
                    direction=Direction.INBOUND if n % 5 == 1 else Direction.OUTBOUND,
                    summary=f"talked about project {n}",
                ),
                today=TODAY,
            )
            store.add_note(person.id, f"met at meetup {n}", now=pendulum.datetime(2026, 1, 1))
            if promises:
                for k in range(3):
                    store.add_commitment(
                        person.id,
                        f"send article {n}.{k}",
                        due_on=TODAY.add(days=k - 1),
                        today=TODAY,
                    )
        store.snooze(people[1].id, TODAY.add(days=9), today=TODAY)
        store.skip(people[2].id, today=TODAY)


def write_cards(folder: Path, count: int) -> Path:
    """A vCard 4.0 file of `count` people, exported from a demo network of that size."""
    demo = folder / "demo.db"
    write_demo(demo, TODAY, contacts=count, interactions=count)
    with Store.open(demo) as store:
        text = write_vcards(store)
    path = folder / "people.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    assert text.count("BEGIN:VCARD") == count
    return path
