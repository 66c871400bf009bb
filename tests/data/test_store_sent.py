"""A sent message is recorded in one transaction: logged, promise kept, questions ticked, the
draft forgotten, all together or none of it."""

from __future__ import annotations

import sqlite3

import pendulum
import pytest

from core.models import Channel, Direction, Draft, Interaction, InteractionKind
from data.store import Store
from tests.data.conftest import TODAY, person

NOW = pendulum.datetime(2026, 11, 26, 14, 2, tz="UTC")


def sent(contact_id: int) -> Interaction:
    return Interaction(
        id=0,
        contact_id=contact_id,
        occurred_at=NOW,
        channel=Channel.TEXT,
        direction=Direction.OUTBOUND,
        kind=InteractionKind.HELP,
        summary="Sent: the intro to Rui",
    )


def with_a_draft(store: Store) -> tuple[int, int, int]:
    """Ana, with an open promise, an open question and a draft: their ids."""
    (ana,) = store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5)
    promise = store.add_commitment(ana.id, "intro to Rui", due_on=None, today=TODAY)
    question = store.add_question(ana.id, "how was Porto?", today=TODAY)
    store.save_draft(Draft(contact_id=ana.id, body="Hi Ana", channel=Channel.TEXT), now=NOW)
    return ana.id, promise.id, question.id


def test_record_sent_logs_keeps_ticks_and_forgets_the_draft(store: Store) -> None:
    ana, promise, question = with_a_draft(store)
    stored, kept, asked = store.record_sent(
        sent(ana), today=TODAY, commitment_id=promise, question_ids=[question]
    )
    assert stored.id > 0 and (kept, asked) == (True, 1)
    assert store.get_draft(ana) is None
    detail = store.contact_detail(ana)
    assert [touch.summary for touch in detail.interactions] == ["Sent: the intro to Rui"]
    assert [c.done_on for c in detail.commitments] == [TODAY]
    assert [q.asked_on for q in detail.questions] == [TODAY]


def test_record_sent_skips_a_promise_or_question_gone_or_done(store: Store) -> None:
    ana, promise, question = with_a_draft(store)
    store.complete_commitment(promise, today=TODAY)
    _, kept, asked = store.record_sent(
        sent(ana), today=TODAY, commitment_id=promise, question_ids=[question + 99]
    )
    assert (kept, asked) == (False, 0)
    assert store.get_draft(ana) is None


def test_a_failure_part_way_leaves_everything_as_it_was(store: Store) -> None:
    ana, promise, question = with_a_draft(store)
    # The last step (forgetting the draft) fails, as a full disk or a crash would.
    store.conn.execute(
        "CREATE TRIGGER fail_delete BEFORE DELETE ON drafts"
        " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with pytest.raises(sqlite3.DatabaseError):
        store.record_sent(sent(ana), today=TODAY, commitment_id=promise, question_ids=[question])
    assert not store.conn.in_transaction
    draft = store.get_draft(ana)
    assert draft is not None and draft.body == "Hi Ana"
    detail = store.contact_detail(ana)
    assert detail.interactions == ()
    assert [c.done_on for c in detail.commitments] == [None]
    assert [q.asked_on for q in detail.questions] == [None]
    assert detail.contact.last_touch_at is None
    assert store.peek_undo() is None
