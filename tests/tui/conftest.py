"""Fixtures for Pilot tests: a small hand-made network on a real SQLite file, a fixed day."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

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
    YearlyRule,
)
from data.store import Store
from tui.app import NurtureApp

TODAY = pendulum.Date(2026, 11, 26)
NOW = pendulum.datetime(2026, 11, 26, 14, 2, tz="Europe/Lisbon")


def at(days_ago: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2026, 11, 26, hour, tz="Europe/Lisbon").subtract(days=days_ago)


def seed_small_network(store: Store) -> dict[str, int]:
    """Five people in known states; returns their ids by first name."""
    people = [
        Contact(
            id=0,
            display_name="Ana Lima",
            given_name="Ana",
            circle=Circle.INNER,
            timezone="Europe/Lisbon",
            interests=("running",),
            preferred_channel=Channel.TEXT,
        ),
        Contact(id=0, display_name="Bruno Costa", given_name="Bruno", circle=Circle.ACTIVE),
        Contact(id=0, display_name="Carla Reis", given_name="Carla", circle=Circle.CLOSE),
        Contact(id=0, display_name="Dario Sa", given_name="Dario", circle=Circle.NETWORK),
        Contact(id=0, display_name="Eva Nunes", given_name="Eva", circle=Circle.ACTIVE),
    ]
    stored = store.add_contacts(people, today=TODAY.subtract(days=400), daily_budget=5)
    ids = {c.given_name: c.id for c in stored}
    log = [
        ("Ana", 25, Direction.OUTBOUND, "call — marathon training, knee is better"),
        ("Bruno", 40, Direction.OUTBOUND, "coffee — new role at Acme"),
        ("Bruno", 2, Direction.INBOUND, "asked about the climbing trip"),
        ("Carla", 3, Direction.OUTBOUND, "lunch"),
        ("Dario", 100, Direction.OUTBOUND, "conference hallway chat"),
        ("Eva", 5, Direction.OUTBOUND, "shared an article"),
    ]
    for name, days_ago, direction, summary in log:
        store.log_interaction(
            Interaction(
                id=0,
                contact_id=ids[name],
                occurred_at=at(days_ago),
                direction=direction,
                kind=InteractionKind.CHECK_IN,
                summary=summary,
            ),
            today=TODAY.subtract(days=days_ago),
        )
    store.add_important_date(
        ImportantDate(
            id=0,
            contact_id=ids["Carla"],
            kind=DateKind.BIRTHDAY,
            rule=YearlyRule(11, 27),
            year=1986,
        )
    )
    store.add_commitment(
        ids["Dario"], "send the deck", due_on=TODAY.subtract(days=1), today=TODAY.subtract(days=10)
    )
    store.add_question(ids["Ana"], "how did the Porto race go?", today=TODAY.subtract(days=25))
    return ids


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nurture.db"


@pytest.fixture
def seeded(db_path: Path) -> dict[str, int]:
    store = Store.open(db_path)
    try:
        return seed_small_network(store)
    finally:
        store.close()


@pytest.fixture
def make_app(db_path: Path) -> Callable[[], NurtureApp]:
    """Build the app on the test database, as `nurture-tui --db PATH --today 2026-11-26`."""
    opened: list[Store] = []

    def build() -> NurtureApp:
        store = Store.open(db_path)
        opened.append(store)
        return NurtureApp(store, today=TODAY, now=lambda: NOW)

    yield build  # type: ignore[misc]
    for store in opened:
        store.close()


def reopen(db_path: Path) -> Store:
    """A second connection, to check what was really stored."""
    return Store.open(db_path)


__all__ = ["FollowUpQuestion", "Commitment", "TODAY", "NOW", "reopen"]
