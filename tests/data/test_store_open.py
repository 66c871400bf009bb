"""Opening a database file: creation, migrations, refusals that never touch the file."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from core.models import Contact
from data import schema
from data.paths import demo_db_path, resolve_db_path
from data.store import Store, StoreError
from tests.data.conftest import TODAY, person

EXPECTED_TABLES = {
    "contacts",
    "interactions",
    "important_dates",
    "life_events",
    "commitments",
    "questions",
    "notes",
    "settings",
    "undo_log",
    "search_index",
}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_new_file_is_migrated_to_the_latest_version_with_wal_and_foreign_keys(
    db_path: Path,
) -> None:
    store = Store.open(db_path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    finally:
        store.close()
    assert _tables(db_path) >= EXPECTED_TABLES


def test_reopening_keeps_data_and_does_not_migrate_again(db_path: Path) -> None:
    store = Store.open(db_path)
    store.set_setting("daily_budget", "7")
    store.close()
    again = Store.open(db_path, create=False)
    try:
        assert again.get_setting("daily_budget") == "7"
        assert again.get_setting("missing", "fallback") == "fallback"
        assert again.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    finally:
        again.close()


def test_settings_are_replaced_not_duplicated(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.set_setting("theme", "dark")
        store.set_setting("theme", "light")
        assert store.get_setting("theme") == "light"


def test_missing_file_without_create_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absent" / "nurture.db"
    with pytest.raises(StoreError, match="no database"):
        Store.open(path, create=False)
    assert not path.exists()
    assert not path.parent.exists()


def test_new_file_is_private_and_so_are_the_dirs_made_for_it(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "nurture.db"
    Store.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "deep" / "er").stat().st_mode) == 0o700


def test_a_newer_schema_version_is_refused_and_the_file_left_byte_identical(
    db_path: Path,
) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer nurture-tui"):
        Store.open(db_path)
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists()


@pytest.mark.parametrize(
    "content",
    [b"name,email\nAna,ana@example.com\n", b"SQLite format 2\x00" + b"\x00" * 100, b"\x00"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(
    db_path: Path, content: bytes
) -> None:
    db_path.write_bytes(content)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(db_path)
    assert db_path.read_bytes() == content


def test_someone_elses_sqlite_database_is_refused_and_left_unchanged(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a nurture-tui one"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store.open(tmp_path)


def test_an_empty_file_is_initialised(db_path: Path) -> None:
    db_path.touch()
    with Store.open(db_path) as store:
        assert store.count_contacts() == 0
    assert _tables(db_path) >= EXPECTED_TABLES


def test_db_path_prefers_the_flag_then_the_environment_then_the_data_dir(
    tmp_path: Path,
) -> None:
    env = {"NURTURE_DB": str(tmp_path / "env.db")}
    assert resolve_db_path(str(tmp_path / "flag.db"), env) == tmp_path / "flag.db"
    assert resolve_db_path(None, env) == tmp_path / "env.db"
    default = resolve_db_path(None, {})
    assert default.name == "nurture.db"
    assert "nurture-tui" in str(default)


def test_demo_db_is_kept_apart_from_the_users_own(tmp_path: Path) -> None:
    assert demo_db_path({}) != resolve_db_path(None, {})
    assert demo_db_path({}).name == "demo.db"
    override = {"NURTURE_DEMO_DB": str(tmp_path / "d.db")}
    assert demo_db_path(override) == tmp_path / "d.db"


def test_a_worker_thread_can_use_the_same_store(db_path: Path) -> None:
    added: list[list[Contact]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            added.append(store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5))
        except BaseException as error:  # surfaced below, not swallowed
            errors.append(error)

    with Store.open(db_path) as store:
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        assert errors == []
        assert store.get_contact(added[0][0].id).display_name == "Ana Lima"
