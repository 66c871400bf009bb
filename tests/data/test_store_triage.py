"""Logging touches and triage actions, each undoable and each one transaction."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from core import cadence
from core.models import (
    Circle,
    Contact,
    DateKind,
    Direction,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
    YearlyRule,
)
from data import store as store_module
from data.store import NotFound, Store
from tests.data.conftest import TODAY, at, person


def _table_dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    tables = ("contacts", "interactions", "important_dates", "life_events", "commitments")
    return {
        table: store.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in (*tables, "questions", "notes")
    }


@pytest.fixture
def ana(store: Store) -> Contact:
    (added,) = store.add_contacts(
        [
            person(
                "Ana Lima",
                Circle.INNER,
                created_on=TODAY.subtract(days=365),
                last_touch_at=at(TODAY.subtract(days=18)),
            )
        ],
        today=TODAY,
        daily_budget=5,
    )
    return added


def _touch(contact: Contact, direction: Direction, **fields: object) -> Interaction:
    return Interaction(
        id=0,
        contact_id=contact.id,
        occurred_at=fields.pop("occurred_at", at(TODAY, 10)),  # type: ignore[arg-type]
        direction=direction,
        **fields,  # type: ignore[arg-type]
    )


def test_logging_moves_last_touch_and_next_due(store: Store, ana: Contact) -> None:
    assert store.contact_detail(ana.id).next_due_on == TODAY.subtract(days=11)
    logged = store.log_interaction(
        _touch(ana, Direction.OUTBOUND, summary="marathon training"), today=TODAY
    )
    assert logged.id > 0
    detail = store.contact_detail(ana.id)
    assert detail.contact.last_touch_at == at(TODAY, 10)
    assert detail.next_due_on == TODAY.add(days=7)
    assert detail.interactions == (logged,)
    stored_due = store.conn.execute(
        "SELECT next_due_on FROM contacts WHERE id = ?", (ana.id,)
    ).fetchone()[0]
    assert stored_due == TODAY.add(days=7).isoformat()


def test_inbound_makes_a_reply_owed_and_outbound_clears_it(store: Store, ana: Contact) -> None:
    store.log_interaction(_touch(ana, Direction.INBOUND, occurred_at=at(TODAY, 9)), today=TODAY)
    assert store.get_contact(ana.id).awaiting_reply_since == at(TODAY, 9)
    assert [item.kind.value for item in store.agenda(TODAY).items] == ["reply-owed"]
    store.log_interaction(_touch(ana, Direction.OUTBOUND, occurred_at=at(TODAY, 11)), today=TODAY)
    assert store.get_contact(ana.id).awaiting_reply_since is None
    assert store.agenda(TODAY).items == ()


def test_a_failed_log_leaves_nothing_behind(
    store: Store, ana: Contact, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _table_dump(store)

    def broken(contact: Contact, interaction: Interaction) -> Contact:
        raise RuntimeError("boom")

    monkeypatch.setattr(cadence, "apply_interaction", broken)
    with pytest.raises(RuntimeError):
        store.log_interaction(_touch(ana, Direction.OUTBOUND), today=TODAY)
    assert _table_dump(store) == before
    assert store.undo() is None


def test_logging_for_an_unknown_contact_stores_nothing(store: Store, ana: Contact) -> None:
    before = _table_dump(store)
    with pytest.raises(NotFound):
        store.log_interaction(Interaction(id=0, contact_id=404, occurred_at=at(TODAY)), today=TODAY)
    assert _table_dump(store) == before


def test_congrats_acknowledges_a_pending_birthday_and_recent_life_event(
    store: Store, ana: Contact
) -> None:
    birthday = store.add_important_date(
        ImportantDate(
            id=0, contact_id=ana.id, kind=DateKind.BIRTHDAY, rule=YearlyRule(11, 28), year=1986
        )
    )
    far_date = store.add_important_date(
        ImportantDate(id=0, contact_id=ana.id, kind=DateKind.ANNIVERSARY, rule=YearlyRule(6, 1))
    )
    job = store.add_life_event(
        LifeEvent(
            id=0,
            contact_id=ana.id,
            kind=LifeEventKind.NEW_JOB,
            text="head of research",
            occurred_on=TODAY.subtract(days=4),
        )
    )
    kinds = {item.kind.value for item in store.agenda(TODAY).items}
    assert {"celebration", "life-event"} <= kinds
    store.log_interaction(
        _touch(ana, Direction.OUTBOUND, kind=InteractionKind.CONGRATS), today=TODAY
    )
    detail = store.contact_detail(ana.id)
    dates = {date.id: date for date in detail.dates}
    assert dates[birthday.id].celebrated_on == TODAY
    assert dates[far_date.id].celebrated_on is None
    assert detail.events[0].id == job.id
    assert detail.events[0].acknowledged_on == TODAY
    assert store.agenda(TODAY).items == ()
    assert store.undo() == "undid: logged congrats with Ana Lima"
    assert store.contact_detail(ana.id).dates[0].celebrated_on is None
    assert {"celebration", "life-event"} <= {i.kind.value for i in store.agenda(TODAY).items}


def test_a_plain_check_in_does_not_acknowledge_celebrations(store: Store, ana: Contact) -> None:
    store.add_important_date(
        ImportantDate(id=0, contact_id=ana.id, kind=DateKind.BIRTHDAY, rule=YearlyRule(11, 28))
    )
    store.log_interaction(_touch(ana, Direction.OUTBOUND), today=TODAY)
    assert store.contact_detail(ana.id).dates[0].celebrated_on is None


def test_undo_of_a_log_restores_every_row_exactly(store: Store, ana: Contact) -> None:
    before = _table_dump(store)
    store.log_interaction(_touch(ana, Direction.INBOUND, summary="marathon?"), today=TODAY)
    assert _table_dump(store) != before
    assert store.undo() == "undid: logged check-in with Ana Lima"
    assert _table_dump(store) == before
    assert store.search("marathon") == []


def test_snooze_hides_until_the_date_and_undo_restores(store: Store, ana: Contact) -> None:
    before = _table_dump(store)
    assert [item.contact.id for item in store.agenda(TODAY).items] == [ana.id]
    snoozed = store.snooze(ana.id, TODAY.add(days=3), today=TODAY)
    assert snoozed.snoozed_until == TODAY.add(days=3)
    assert store.agenda(TODAY).items == ()
    assert [item.contact.id for item in store.agenda(TODAY.add(days=3)).items] == [ana.id]
    assert store.peek_undo() == "snoozed Ana Lima until 2026-11-29"
    assert store.undo() == "undid: snoozed Ana Lima until 2026-11-29"
    assert _table_dump(store) == before


def test_snoozing_into_the_past_is_refused_and_changes_nothing(store: Store, ana: Contact) -> None:
    before = _table_dump(store)
    with pytest.raises(ValueError):
        store.snooze(ana.id, TODAY, today=TODAY)
    assert _table_dump(store) == before
    assert store.undo() is None


def test_skip_moves_due_a_cadence_ahead_and_undo_restores(store: Store, ana: Contact) -> None:
    before = _table_dump(store)
    skipped = store.skip(ana.id, today=TODAY)
    assert skipped.skipped_on == TODAY
    assert store.contact_detail(ana.id).next_due_on == TODAY.add(days=7)
    assert store.agenda(TODAY).items == ()
    assert store.undo() == "undid: skipped this cycle for Ana Lima"
    assert _table_dump(store) == before


def test_undo_reverts_latest_first_then_reports_nothing(store: Store, ana: Contact) -> None:
    before = _table_dump(store)
    store.skip(ana.id, today=TODAY)
    store.log_interaction(_touch(ana, Direction.OUTBOUND), today=TODAY)
    assert store.undo() == "undid: logged check-in with Ana Lima"
    assert store.get_contact(ana.id).skipped_on == TODAY
    assert store.undo() == "undid: skipped this cycle for Ana Lima"
    assert _table_dump(store) == before
    assert store.undo() is None


def test_completing_a_commitment_and_undoing_it(store: Store, ana: Contact) -> None:
    promise = store.add_commitment(
        ana.id, "send the deck", due_on=TODAY.subtract(days=1), today=TODAY
    )
    before = _table_dump(store)
    done = store.complete_commitment(promise.id, today=TODAY)
    assert done.done_on == TODAY
    assert store.open_commitments(ana.id) == []
    assert store.undo() == "undid: kept promise to Ana Lima: send the deck"
    assert _table_dump(store) == before
    assert store.open_commitments(ana.id) == [promise]
    with pytest.raises(NotFound):
        store.complete_commitment(404, today=TODAY)


def test_marking_a_question_asked_and_undoing_it(store: Store, ana: Contact) -> None:
    question = store.add_question(ana.id, "how did Porto go?", today=TODAY)
    asked = store.mark_question_asked(question.id, today=TODAY)
    assert asked.asked_on == TODAY
    assert store.contact_detail(ana.id).questions == (asked,)
    assert store.undo() == "undid: asked Ana Lima: how did Porto go?"
    assert store.contact_detail(ana.id).questions == (question,)


def test_only_the_latest_hundred_actions_are_kept(store: Store, ana: Contact) -> None:
    for day in range(1, 106):
        store.snooze(ana.id, TODAY.add(days=day), today=TODAY)
    assert store.conn.execute("SELECT count(*) FROM undo_log").fetchone()[0] == (
        store_module.UNDO_KEEP
    )
    assert store.peek_undo() == "snoozed Ana Lima until 2027-03-11"


def test_an_evening_touch_west_of_utc_counts_for_that_day(tmp_path: Path) -> None:
    """20:00 in Los Angeles is 04:00 UTC the next day: the touch is still on the 26th."""
    from core.models import Circle, Contact, Interaction

    la = "America/Los_Angeles"
    with Store.open(tmp_path / "la.db", zone=la) as store:
        (ana,) = store.add_contacts(
            [Contact(id=0, display_name="Ana", circle=Circle.INNER)],
            today=pendulum.Date(2026, 11, 1),
            daily_budget=5,
        )
        store.log_interaction(
            Interaction(
                id=0, contact_id=ana.id, occurred_at=pendulum.datetime(2026, 11, 26, 20, tz=la)
            ),
            today=pendulum.Date(2026, 11, 26),
        )
        touched = store.get_contact(ana.id)
        assert touched.last_touch_at is not None
        assert touched.last_touch_at.date() == pendulum.Date(2026, 11, 26)
        assert cadence.next_due_on(touched) == pendulum.Date(2026, 12, 3)
        assert store.next_due(pendulum.Date(2026, 11, 27)) == (touched, pendulum.Date(2026, 12, 3))
