"""The insights' SQL agrees with core's own reading of the same history, object by object."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from pendulum import Date

from core import stats
from core.models import Circle, Contact, Direction, Interaction, InteractionKind
from data import codec
from data.demo import write_demo
from data.stats_queries import (
    LocalDays,
    contact_health,
    read_network_stats,
    year_of_interactions,
)
from data.store import Store
from tests.data.conftest import TODAY, person


def everything(store: Store, daily_budget: int = 5) -> stats.NetworkStats:
    """Core's figures from every row of the database turned into objects (small networks)."""
    conn, zone = store.conn, store.zone
    return stats.network_stats_from_history(
        today=TODAY,
        contacts=[
            codec.contact_from_row(row, zone)
            for row in conn.execute(f"SELECT {codec.CONTACT_SQL} FROM contacts")
        ],
        interactions=[
            codec.interaction_from_row(row, zone)
            for row in conn.execute(f"SELECT {codec.INTERACTION_SQL} FROM interactions")
        ],
        dates=[
            codec.important_date_from_row(row)
            for row in conn.execute(f"SELECT {codec.IMPORTANT_DATE_SQL} FROM important_dates")
        ],
        events=[
            codec.life_event_from_row(row)
            for row in conn.execute(f"SELECT {codec.LIFE_EVENT_SQL} FROM life_events")
        ],
        commitments=[
            codec.commitment_from_row(row)
            for row in conn.execute(f"SELECT {codec.COMMITMENT_SQL} FROM commitments")
        ],
        daily_budget=daily_budget,
    )


@pytest.mark.parametrize("zone", ["UTC", "Europe/Lisbon"])
def test_the_demo_networks_figures_match_core_over_every_object(tmp_path: Path, zone: str) -> None:
    path = tmp_path / "demo.db"
    write_demo(path, TODAY)
    with Store.open(path, zone=zone) as store:
        report = read_network_stats(store, today=TODAY, daily_budget=5)
        assert report.stats == everything(store)
    figures = report.stats
    assert figures.people == 148  # two of the 150 are archived
    assert sum(week.count for week in figures.weekly) > 1000
    assert figures.drifting[0].contact_id in report.names
    assert report.names[figures.drifting[0].contact_id] == "Ana Lima"


def test_a_network_with_gaps_promises_and_a_celebration(store: Store) -> None:
    ana, bruno = store.add_contacts(
        [
            person("Ana Lima", Circle.INNER, created_on=TODAY.subtract(days=60)),
            person("Bruno Costa", Circle.ACTIVE, created_on=TODAY.subtract(days=60)),
        ],
        today=TODAY.subtract(days=60),
        daily_budget=5,
    )
    for contact, days_ago, kind, direction in [
        (ana, 60, InteractionKind.CHECK_IN, Direction.OUTBOUND),
        (ana, 50, InteractionKind.SHARE, Direction.OUTBOUND),  # 10 days: 3 undone
        (ana, 45, InteractionKind.ASK, Direction.OUTBOUND),
        (ana, 20, InteractionKind.CALL, Direction.MUTUAL),  # 25 days: 18 undone
        (ana, 14, InteractionKind.CHECK_IN, Direction.INBOUND),
        (ana, 7, InteractionKind.CHECK_IN, Direction.OUTBOUND),
        (ana, 0, InteractionKind.HELP, Direction.OUTBOUND),
        (bruno, 60, InteractionKind.CHECK_IN, Direction.OUTBOUND),
        (bruno, 35, InteractionKind.CONGRATS, Direction.OUTBOUND),
        (bruno, 5, InteractionKind.MESSAGE, Direction.INBOUND),
    ]:
        when = pendulum.datetime(2026, 11, 26, 12, tz="UTC").subtract(days=days_ago)
        store.log_interaction(
            Interaction(
                id=0,
                contact_id=contact.id,
                occurred_at=when,
                kind=kind,
                direction=direction,
            ),
            today=TODAY.subtract(days=days_ago),
        )
    promise = store.add_commitment(
        bruno.id, "send the deck", due_on=TODAY.subtract(days=3), today=TODAY.subtract(days=9)
    )
    store.complete_commitment(promise.id, today=TODAY.subtract(days=1))
    report = read_network_stats(store, today=TODAY, daily_budget=2)
    figures = report.stats
    assert figures == everything(store, daily_budget=2)
    assert figures.give_ask.gives == 3 and figures.give_ask.asks == 1
    assert [(d.contact_id, d.days_late) for d in figures.drifting] == []
    undone = 3 + 18 + 2  # Ana's two late stretches and the promise kept two days late
    assert figures.streak == stats.Streak(
        current=2, longest=17, cleared_days=61 - undone, period_days=61, today_cleared=True
    )
    assert figures.checkins.days[-1].done == 1
    assert figures.weekly[-1].count == 2  # Ana today, Bruno 5 days ago (any direction)
    assert figures.celebrations == stats.CelebrationTally(0, 0, 0)


def test_archived_people_are_left_out(store: Store) -> None:
    (gone,) = store.add_contacts(
        [person("Gone", archived=True, created_on=TODAY.subtract(days=400))],
        today=TODAY.subtract(days=400),
        daily_budget=5,
    )
    figures = read_network_stats(store, today=TODAY, daily_budget=5).stats
    assert figures.people == 0
    assert figures.cadence[-1] == stats.CircleCadence(None, 0, 0)
    assert figures.streak == stats.Streak(0, 0, 0, 0, today_cleared=False)  # nobody left


def test_local_days_follow_the_users_zone_even_half_an_hour_off(tmp_path: Path) -> None:
    with Store.open(tmp_path / "n.db", zone="Asia/Kolkata") as store:
        (ana,) = store.add_contacts(
            [person("Ana", created_on=TODAY.subtract(days=10))],
            today=TODAY.subtract(days=10),
            daily_budget=5,
        )
        # 18:45 UTC on the 25th is 00:15 on the 26th in Kolkata (UTC+05:30).
        late = pendulum.datetime(2026, 11, 25, 18, 45, tz="UTC")
        early = pendulum.datetime(2026, 11, 25, 18, 15, tz="UTC")  # 23:45 on the 25th
        for when in (late, early):
            store.log_interaction(
                Interaction(id=0, contact_id=ana.id, occurred_at=when), today=TODAY
            )
        figures = read_network_stats(store, today=TODAY, daily_budget=5).stats
    days = {day.day: day.done for day in figures.checkins.days}
    assert days[TODAY] == 1
    assert days[TODAY.subtract(days=1)] == 1
    local = LocalDays("Asia/Kolkata", TODAY)
    assert local.slot_length == 16
    assert local.start_text(TODAY) == "2026-11-25T18:30:00+00:00"
    assert local.day_of("2026-11-25T18:30:00+00:00") == TODAY
    assert local.day_of("2026-11-25T18:29:59+00:00") == TODAY.subtract(days=1)
    assert LocalDays("Europe/Lisbon", TODAY).slot_length == 13


def test_a_contacts_year_and_health(store: Store) -> None:
    (ana,) = store.add_contacts(
        [person("Ana", Circle.CLOSE, created_on=TODAY.subtract(days=800))],
        today=TODAY.subtract(days=800),
        daily_budget=5,
    )
    for days_ago, direction in [
        (700, Direction.OUTBOUND),
        (400, Direction.OUTBOUND),
        (20, Direction.INBOUND),
        (6, Direction.OUTBOUND),
    ]:
        when = pendulum.datetime(2026, 11, 26, 12, tz="UTC").subtract(days=days_ago)
        store.log_interaction(
            Interaction(id=0, contact_id=ana.id, occurred_at=when, direction=direction),
            today=TODAY,
        )
    year = year_of_interactions(store, ana.id, TODAY)
    # The touch just before the year (400 days ago) comes along for the first gap.
    assert [(TODAY - i.occurred_at.date()).days for i in year] == [400, 20, 6]
    health = contact_health(store, store.get_contact(ana.id), TODAY)
    assert (health.touches, health.from_them) == (2, 1)
    assert health.reciprocity == 100
    assert (health.gaps, health.gaps_on_time) == (2, 1)  # 380 days, then 14
    assert health.consistency == 50
    assert health.recency == 100  # due in 8 of 14 days
    assert health.per_month[-1].count == 2


def test_the_reading_connection_leaves_the_store_usable(store: Store) -> None:
    store.add_contacts([person("Ana")], today=TODAY, daily_budget=5)
    read_network_stats(store, today=Date(2026, 11, 26), daily_budget=5)
    assert store.count_contacts() == 1
    store.add_contacts([Contact(id=0, display_name="Bruno")], today=TODAY, daily_budget=5)
    assert read_network_stats(store, today=TODAY, daily_budget=5).stats.people == 2
