"""Drafts survive closing the store and are replaced, not duplicated."""

from __future__ import annotations

from pathlib import Path

import pendulum

from core.models import Channel, Draft
from data.store import Store
from tests.data.conftest import TODAY, person

NOW = pendulum.datetime(2026, 11, 26, 14, 2, tz="UTC")


def test_a_draft_survives_reopening_and_is_replaced_on_save(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with Store.open(path) as store:
        (ana,) = store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5)
        store.save_draft(Draft(contact_id=ana.id, body="Hi Ana", channel=Channel.TEXT), now=NOW)
        store.save_draft(
            Draft(contact_id=ana.id, body="Hi Ana, how was Porto?", channel=Channel.TEXT), now=NOW
        )
    with Store.open(path) as store:
        draft = store.get_draft(ana.id)
        assert draft is not None
        assert (draft.body, draft.channel, draft.updated_at) == (
            "Hi Ana, how was Porto?",
            Channel.TEXT,
            NOW,
        )
        assert store.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
        store.delete_draft(ana.id)
        assert store.get_draft(ana.id) is None


def test_upgrading_a_version_1_file_adds_drafts_and_keeps_contacts(tmp_path: Path) -> None:
    import sqlite3

    from data import schema

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(f"BEGIN;{schema.MIGRATIONS[0]}PRAGMA user_version = 1;COMMIT;")
    conn.close()
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        (eva,) = store.add_contacts([person("Eva")], today=TODAY, daily_budget=5)
        store.save_draft(Draft(contact_id=eva.id, body="x"), now=NOW)
        assert store.get_draft(eva.id) is not None
