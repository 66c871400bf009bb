"""What must hold in the database file after any crash, hangup or kill.

Read with plain sqlite3 (and `Store.list_contacts` for the rules `core` owns), so a check
never depends on the code under test having cleaned up after itself.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pendulum

from core import cadence
from data.store import Store

# Every table whose rows a user would miss, in a stable order for comparisons.
TABLES = (
    "contacts",
    "interactions",
    "important_dates",
    "life_events",
    "commitments",
    "questions",
    "notes",
    "drafts",
    "settings",
    "undo_log",
)


def connect(db: Path) -> sqlite3.Connection:
    """A plain connection (no Store): recovers a crashed WAL like any reader would."""
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def table_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: two equal results are two identical databases."""
    conn = connect(db)
    try:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in TABLES
        }
    finally:
        conn.close()


def count_contacts(db: Path) -> int:
    conn = connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
    finally:
        conn.close()


def check_file(db: Path) -> None:
    """The file is a sound SQLite database: pages, foreign keys and the search index."""
    conn = connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # FTS5's own check: the index agrees with the text it stores (raises if not).
        conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        # And the triggers kept it in step with its three sources, row for row.
        indexed = {row[0] for row in conn.execute("SELECT rowid FROM search_index")}
        expected = {
            row[0]
            for row in conn.execute(
                "SELECT id * 4 FROM contacts"
                " UNION ALL SELECT id * 4 + 1 FROM notes"
                " UNION ALL SELECT id * 4 + 2 FROM interactions WHERE summary != ''"
            )
        }
        assert indexed == expected, (
            f"search index out of step: {len(indexed - expected)} stale,"
            f" {len(expected - indexed)} missing"
        )
    finally:
        conn.close()


def check_contacts(db: Path) -> int:
    """Each contact's derived columns match its history and core's rules; returns how many.

    last_touch_at is the latest interaction (or both are empty: every kind resets the clock),
    and the stored cadence_days / next_due_on (kept for the agenda's index) are what
    `core.cadence` computes from the contact now.
    """
    conn = connect(db)
    try:
        latest = dict(
            conn.execute(
                "SELECT contact_id, max(occurred_at) FROM interactions GROUP BY contact_id"
            )
        )
        stored = {
            row[0]: (row[1], row[2])
            for row in conn.execute("SELECT id, cadence_days, next_due_on FROM contacts")
        }
    finally:
        conn.close()
    store = Store.open(db, create=False)
    try:
        contacts = store.list_contacts(include_archived=True)
    finally:
        store.close()
    assert len(contacts) == len(stored)
    for contact in contacts:
        touched = latest.get(contact.id)
        if touched is None:
            assert contact.last_touch_at is None, f"{contact.display_name}: touch without history"
        else:
            assert contact.last_touch_at is not None, f"{contact.display_name}: lost its touch"
            assert contact.last_touch_at == pendulum.parse(touched), (
                f"{contact.display_name}: last touch {contact.last_touch_at} but the latest"
                f" interaction is {touched}"
            )
        cadence_days, next_due_text = stored[contact.id]
        assert cadence_days == cadence.cadence_days(contact), contact.display_name
        assert next_due_text == cadence.next_due_on(contact).isoformat(), (
            f"{contact.display_name}: stored next due {next_due_text}, core says"
            f" {cadence.next_due_on(contact).isoformat()}"
        )
    return len(contacts)
