"""The agenda from real SQL: right items, right order, archived/snoozed left out, indexed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pendulum import Date

from core import agenda as core_agenda
from core import cadence, milestones
from core.models import (
    Circle,
    Contact,
    ContactSummary,
    DateKind,
    Direction,
    ImportantDate,
    Interaction,
    LifeEvent,
    LifeEventKind,
    YearlyRule,
)
from data.store import Store
from tests.data.conftest import TODAY, at, person

LONG_AGO = TODAY.subtract(years=2)


def _touched(name: str, circle: Circle, days_ago: int, **fields: object) -> object:
    fields.setdefault("created_on", LONG_AGO)
    return person(name, circle, last_touch_at=at(TODAY.subtract(days=days_ago)), **fields)


def _small_network(store: Store) -> dict[str, int]:
    people = [
        _touched("Ana Lima", Circle.INNER, 18),  # 11 days late on a weekly cadence
        _touched("Bruno Costa", Circle.ACTIVE, 40),  # 10 days late on a monthly one
        _touched("Carla Reis", Circle.NETWORK, 100),  # 10 days late on a quarterly one
        _touched("Dario Sa", Circle.CLOSE, 3),
        _touched("Eva Nunes", Circle.INNER, 2),
        _touched("Fabio Dias", Circle.ACTIVE, 5),
        _touched("Gil Archived", Circle.INNER, 300, archived=True),
        _touched("Hana Snoozed", Circle.INNER, 30, snoozed_until=TODAY.add(days=5)),
        _touched("Ivo Fresh", Circle.ACTIVE, 2),
    ]
    added = store.add_contacts(people, today=TODAY, daily_budget=5)  # type: ignore[arg-type]
    ids = {contact.display_name.split()[0]: contact.id for contact in added}
    store.log_interaction(
        Interaction(
            id=0,
            contact_id=ids["Dario"],
            occurred_at=at(TODAY.subtract(days=2)),
            direction=Direction.INBOUND,
            summary="can you review my talk?",
        ),
        today=TODAY,
    )
    for name in ("Eva", "Gil"):
        store.add_important_date(
            ImportantDate(
                id=0,
                contact_id=ids[name],
                kind=DateKind.BIRTHDAY,
                rule=YearlyRule(11, 27),
                year=1986,
            )
        )
    store.add_important_date(  # months away: not on the agenda
        ImportantDate(id=0, contact_id=ids["Ivo"], kind=DateKind.BIRTHDAY, rule=YearlyRule(5, 1))
    )
    for name in ("Fabio", "Gil"):
        store.add_commitment(
            ids[name], "send the deck", due_on=TODAY.subtract(days=1), today=LONG_AGO
        )
    store.add_commitment(ids["Ivo"], "far promise", due_on=TODAY.add(days=20), today=TODAY)
    store.add_life_event(
        LifeEvent(
            id=0,
            contact_id=ids["Gil"],
            kind=LifeEventKind.PROMOTION,
            text="VP",
            occurred_on=TODAY.subtract(days=1),
        )
    )
    store.add_question(ids["Ana"], "how did the Porto race go?", today=LONG_AGO)
    return ids


def test_the_small_network_gives_the_right_items_in_the_right_order(store: Store) -> None:
    ids = _small_network(store)
    agenda = store.agenda(TODAY)
    rows = [(item.contact.display_name, item.kind.value) for item in agenda.items]
    assert rows == [
        ("Fabio Dias", "commitment"),
        ("Dario Sa", "reply-owed"),
        ("Ana Lima", "check-in"),
        ("Bruno Costa", "check-in"),
        ("Carla Reis", "check-in"),
        ("Eva Nunes", "celebration"),
    ]
    assert agenda.checkins_due == 3
    assert "Porto" in agenda.items[2].action
    assert "review my talk" in agenda.items[1].reason
    assert all(item.contact.id != ids["Gil"] for item in agenda.items)


def test_a_limit_lists_only_the_most_urgent_but_counts_them_all(store: Store) -> None:
    _small_network(store)
    agenda = store.agenda(TODAY, limit=1)
    checkins = [item.contact.display_name for item in agenda.items if item.kind.value == "check-in"]
    assert checkins == ["Ana Lima"]
    assert agenda.checkins_due == 3


def test_the_snoozed_contact_returns_on_its_date(store: Store) -> None:
    ids = _small_network(store)
    later = store.agenda(TODAY.add(days=5))
    assert ids["Hana"] in {item.contact.id for item in later.items}


def test_top_checkins_across_cadence_groups_match_ranking_everyone(store: Store) -> None:
    people = []
    for n in range(12):
        people.append(_touched(f"Inner {n:02d}", Circle.INNER, 8 + n))
        people.append(_touched(f"Net {n:02d}", Circle.NETWORK, 95 + 7 * n))
        people.append(_touched(f"Own {n:02d}", Circle.ACTIVE, 12 + n, cadence_override_days=10))
        people.append(_touched(f"Acq {n:02d}", Circle.ACQUAINTANCE, 170 + 30 * n))
    store.add_contacts(people, today=TODAY, daily_budget=5)  # type: ignore[arg-type]
    everyone = [ContactSummary(contact=contact) for contact in store.list_contacts()]
    ranked = core_agenda.build_agenda(
        TODAY, checkins=everyone, replies_owed=[], dates=[], events=[], commitments=[]
    )
    agenda = store.agenda(TODAY, limit=7)
    assert [item.contact.id for item in agenda.items] == [
        item.contact.id for item in ranked.items[:7]
    ]
    assert agenda.checkins_due == ranked.checkins_due
    assert agenda.checkins_due == sum(
        1 for summary in everyone if cadence.days_overdue(summary.contact, TODAY) >= 0
    )


@contextmanager
def _capture_sql(store: Store) -> Iterator[list[str]]:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        store.conn.set_trace_callback(None)


def test_agenda_queries_use_indexes_never_a_full_scan(store: Store) -> None:
    _small_network(store)
    with _capture_sql(store) as statements:
        store.agenda(TODAY)
    selects = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 8
    plans: dict[str, list[str]] = {}
    for sql in selects:
        plans[sql] = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    full_scans = {
        sql: plan
        for sql, plan in plans.items()
        for step in plan
        if step.startswith(("SCAN contacts", "SCAN interactions"))
        or (step.startswith("SCAN") and "USING" not in step and "VIRTUAL TABLE" not in step)
    }
    assert full_scans == {}
    used = {step for plan in plans.values() for step in plan}
    for index in (
        "contacts_checkins",
        "contacts_reply_owed",
        "interactions_contact_time",
        "important_dates_month_day",
        "life_events_open",
        "commitments_open",
    ):
        assert any(index in step for step in used), index
    # The only aggregate counts due contacts per cadence group from the covering index of
    # due dates; nothing ever groups interactions.
    assert not any("GROUP BY" in sql.upper() and "INTERACTIONS" in sql.upper() for sql in selects)
    assert "contacts_due" in " ".join(used)


def test_celebrations_found_by_sql_match_core_over_every_date(store: Store) -> None:
    """The per-circle (month, day) prefilter never drops a date core would celebrate."""
    people = store.add_contacts(
        [
            person(f"{circle.value} {n}", circle, created_on=LONG_AGO)
            for circle in Circle
            for n in range(2)
        ],
        today=TODAY,
        daily_budget=50,
    )
    rules = [YearlyRule(month, day) for month in (11, 12, 1, 2, 3) for day in range(1, 32, 2)]
    rules += [YearlyRule(2, 29), YearlyRule(2, 28), YearlyRule(6, weekday=6, nth=3)]
    rules += [YearlyRule(12, weekday=4, nth=-1)]
    dates: list[tuple[ImportantDate, Contact]] = []
    for index, rule in enumerate(rules):
        if rule.day is not None and rule.month == 2 and rule.day > 29:
            continue
        if rule.day is not None and rule.month == 11 and rule.day > 30:
            continue
        contact = people[index % len(people)]
        stored = store.add_important_date(
            ImportantDate(
                id=0,
                contact_id=contact.id,
                kind=list(DateKind)[index % len(DateKind)],
                rule=rule,
                remind_days_ahead=20 if index % 7 == 0 else None,
            )
        )
        dates.append((stored, contact))
    for today in (
        TODAY,
        TODAY.add(days=30),
        Date(2027, 2, 26),
        Date(2027, 2, 28),
        Date(2028, 2, 28),
        Date(2026, 12, 30),
        Date(2027, 6, 18),
    ):
        expected = {
            date.id
            for date, contact in dates
            if milestones.pending_occurrence(date, contact.circle, today) is not None
        }
        found = {
            item.ref_id
            for item in store.agenda(today).items
            if item.kind is core_agenda.ItemKind.CELEBRATION
        }
        assert found == expected, today
        assert expected, today  # the case is not vacuous
