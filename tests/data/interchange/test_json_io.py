"""JSON backup and restore: lossless, all or nothing, and only into an empty database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.models import Channel, Draft
from data.demo import generate_network
from data.interchange.json_io import RestoreError, backed_up_tables, export_json, restore_json
from data.store import Store, StoreError
from tests.data.conftest import TODAY, at, person


@pytest.fixture
def rich(store: Store) -> Store:
    """A demo network with drafts, settings, undo history and hostile text."""
    store.load_network(generate_network(TODAY))
    store.save_draft(
        Draft(contact_id=1, body="Hi Ana,\n\n[bold]é\x1b[0m", channel=Channel.EMAIL, subject="Re"),
        now=at(TODAY),
    )
    store.save_draft(Draft(contact_id=2, body="Parabéns!", channel=Channel.TEXT), now=at(TODAY))
    store.set_setting("daily_budget", "7")
    store.set_setting("zone", "Europe/Lisbon")
    store.skip(3, today=TODAY)  # leaves an undo record, which a backup does not carry
    return store


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "restored.db")
    yield opened
    opened.close()


def _table_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table.name: store.conn.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid').fetchall()
        for table in backed_up_tables(store.conn)
    }


def test_a_round_trip_gives_the_same_text_and_the_same_rows(rich: Store, empty: Store) -> None:
    text = export_json(rich)
    report = restore_json(empty, text)
    assert export_json(empty) == text
    assert _table_rows(empty) == _table_rows(rich)
    assert report.counts["contacts"] == 150
    assert report.counts["drafts"] == 2
    assert report.counts["settings"] == 2
    assert report.total == sum(len(rows) for rows in _table_rows(rich).values())


def test_the_backup_is_ours_and_leaves_out_derived_tables(rich: Store) -> None:
    document = json.loads(export_json(rich))
    assert document["format"] == "nurture-tui"
    assert document["version"] == 1
    assert document["schema_version"] == rich.conn.execute("PRAGMA user_version").fetchone()[0]
    assert "exported_at" not in document
    assert list(document["tables"]) == [
        "contacts",
        "interactions",
        "important_dates",
        "life_events",
        "commitments",
        "questions",
        "notes",
        "settings",
        "drafts",
        "shareables",
        "shares",
        "introductions",
    ]
    draft = document["tables"]["drafts"][0]
    assert draft["body"] == "Hi Ana,\n\n[bold]é\x1b[0m"


def test_a_restored_database_works_reopened_and_in_place(
    rich: Store, empty: Store, tmp_path: Path
) -> None:
    restore_json(empty, export_json(rich))
    expected_agenda = rich.agenda(TODAY)
    assert empty.agenda(TODAY) == expected_agenda
    assert empty.search("Lima") == rich.search("Lima")
    reopened = Store.open(tmp_path / "restored.db")
    try:
        assert reopened.agenda(TODAY) == expected_agenda
        assert reopened.search("Lima") == rich.search("Lima")
        assert reopened.get_draft(1) == rich.get_draft(1)
        assert reopened.peek_undo() is None
        # The search triggers are back: a new note is found at once.
        reopened.add_note(1, "loves zanzibar", now=at(TODAY))
        assert [contact.id for contact, _ in reopened.search("zanzibar")] == [1]
    finally:
        reopened.close()


def test_an_agenda_read_before_the_restore_does_not_hide_the_new_rows(
    rich: Store, empty: Store
) -> None:
    assert empty.agenda(TODAY).items == ()  # caches what an empty network looks like
    restore_json(empty, export_json(rich))
    assert empty.agenda(TODAY) == rich.agenda(TODAY)


def test_tables_added_later_are_backed_up_without_a_change(tmp_path: Path) -> None:
    made_later = (
        "CREATE TABLE pictures (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
        " picture BLOB, score REAL)"
    )
    stores = [Store.open(tmp_path / name) for name in ("source.db", "target.db")]
    try:
        for store in stores:
            store.conn.execute(made_later)
        source, target = stores
        source.conn.execute(
            "INSERT INTO pictures (title, picture, score) VALUES (?, ?, ?)",
            ("Zoë's deck", b"\x00\xffPNG", 0.1),
        )
        text = export_json(source)
        assert json.loads(text)["tables"]["pictures"] == [
            {"id": 1, "title": "Zoë's deck", "picture": {"base64": "AP9QTkc="}, "score": 0.1}
        ]
        assert restore_json(target, text).counts["pictures"] == 1
        assert target.conn.execute("SELECT * FROM pictures").fetchall() == [
            (1, "Zoë's deck", b"\x00\xffPNG", 0.1)
        ]
    finally:
        for store in stores:
            store.close()


def test_restore_refuses_a_database_that_holds_anything(rich: Store, empty: Store) -> None:
    empty.add_contacts([person("Already Here")], today=TODAY, daily_budget=5)
    with pytest.raises(RestoreError, match="already holds data.*'contacts'"):
        restore_json(empty, export_json(rich))
    assert [contact.display_name for contact in empty.list_contacts()] == ["Already Here"]


def test_restore_refuses_a_database_with_only_settings(rich: Store, empty: Store) -> None:
    empty.set_setting("daily_budget", "3")
    with pytest.raises(RestoreError, match="'settings' has rows"):
        restore_json(empty, export_json(rich))
    assert empty.get_setting("daily_budget") == "3"


def _backup(**tables: Any) -> dict[str, Any]:
    return {"format": "nurture-tui", "version": 1, "schema_version": 2, "tables": tables}


def _contact(**fields: Any) -> dict[str, Any]:
    row = {
        "id": 1,
        "display_name": "Ana Lima",
        "circle": "active",
        "preferred_channel": "email",
        "cadence_days": 30,
        "next_due_on": "2026-12-01",
    }
    row.update(fields)
    return row


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not JSON"),
        ("BEGIN:VCARD\r\n", "not JSON"),
        ("[1, 2]", 'no "format"'),
        (json.dumps({"format": "monica"}), 'no "format"'),
        (json.dumps({**_backup(), "version": 2}), "format 2, newer"),
        (json.dumps({**_backup(), "version": "1"}), '"version" is not a number'),
        (json.dumps({**_backup(), "schema_version": 99}), "newer nurture-tui \\(schema 99"),
        (json.dumps({**_backup(), "tables": []}), 'no "tables"'),
        (json.dumps(_backup(contacts={})), "'contacts': expected a list"),
        (json.dumps(_backup(search_index=[])), "table 'search_index' this database does not"),
        (json.dumps(_backup(undo_log=[])), "table 'undo_log'"),
        (json.dumps(_backup(people=[])), "table 'people'"),
        (json.dumps(_backup(contacts=[[1, "Ana"]])), "'contacts' row 1: expected an object"),
        (
            json.dumps(_backup(contacts=[_contact(), _contact(id=2, shoe_size=42)])),
            "'contacts' row 2: unknown column 'shoe_size'",
        ),
        (json.dumps(_backup(contacts=[_contact(id="1")])), "'id' must be an integer, not text"),
        (json.dumps(_backup(contacts=[_contact(archived=True)])), "'archived' must be an integer"),
        (json.dumps(_backup(contacts=[_contact(circle=None)])), "'circle' must not be null"),
        (json.dumps(_backup(contacts=[_contact(id=None)])), "'id' must not be null"),
        (json.dumps(_backup(contacts=[_contact(title=["a"])])), "'title' must be text, not a list"),
        (
            json.dumps(_backup(contacts=[{"id": 1, "circle": "active"}])),
            "'contacts' row 1: the column 'display_name' is missing",
        ),
    ],
)
def test_restore_refuses_what_is_not_a_good_backup(empty: Store, text: str, message: str) -> None:
    with pytest.raises(RestoreError, match=message) as raised:
        restore_json(empty, text)
    assert "\n" not in str(raised.value)
    assert isinstance(raised.value, StoreError) and isinstance(raised.value, ValueError)
    assert not empty.has_contacts()


def test_a_failed_restore_leaves_the_database_empty(rich: Store, empty: Store) -> None:
    document = json.loads(export_json(rich))
    # Everything checks out until a constraint deep in a later table says no.
    document["tables"]["important_dates"][5]["month"] = 13
    with pytest.raises(RestoreError, match="'important_dates' row 6: CHECK constraint failed"):
        restore_json(empty, json.dumps(document))
    assert all(rows == [] for rows in _table_rows(empty).values())
    assert empty.conn.execute("SELECT count(*) FROM search_index").fetchone() == (0,)
    # Nothing was left half done: the triggers are there, and a good restore still works.
    triggers = empty.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
    ).fetchone()[0]
    assert (
        triggers
        == rich.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
        ).fetchone()[0]
    )
    restore_json(empty, export_json(rich))
    assert empty.count_contacts(include_archived=True) == 150


def test_a_reference_to_nobody_is_refused(empty: Store) -> None:
    backup = _backup(
        contacts=[_contact()],
        notes=[{"id": 1, "contact_id": 7, "body": "orphan", "created_at": None}],
    )
    with pytest.raises(RestoreError, match="'notes' row with id 1 refers to a 'contacts' row"):
        restore_json(empty, json.dumps(backup))
    assert not empty.has_contacts()


def test_a_duplicate_id_is_named(empty: Store) -> None:
    backup = _backup(contacts=[_contact(), _contact(display_name="Twin")])
    with pytest.raises(RestoreError, match="'contacts' row 2: UNIQUE constraint failed"):
        restore_json(empty, json.dumps(backup))
    assert not empty.has_contacts()


def test_a_minimal_hand_written_backup_restores(empty: Store) -> None:
    report = restore_json(empty, json.dumps(_backup(contacts=[_contact()])))
    assert report.counts == {"contacts": 1}
    assert empty.get_contact(1).display_name == "Ana Lima"
    assert [contact.id for contact, _ in empty.search("ana")] == [1]


def test_a_refused_restore_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with Store.open(path) as store:
        before = store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        with pytest.raises(RestoreError):
            restore_json(store, json.dumps(_backup(contacts=[_contact(circle=7)])))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == before
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
    finally:
        conn.close()
