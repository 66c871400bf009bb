"""`nurture-tui doctor`: every kind of sick file is named in words, and no file is ever touched.

Each case builds a real file, runs the check (through the command, and `data.doctor` where a
threshold needs moving), and compares every file in the folder, byte for byte, before and
after: the doctor opens read-only and never migrates, repairs or creates anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from core.models import Circle, Contact
from data import schema
from data.doctor import Finding, Level, diagnose, size_words, worst
from data.store import Store
from tests.resilience.test_hostile_data import (
    NOW,
    TODAY,
    bidi_controls,
    build_hostile_network,
    terminal_controls,
)
from tui.cli import cli

SCRIPT = shutil.which("nurture-tui", path=str(Path(sys.executable).parent)) or "nurture-tui"
PAGE = 4096


# --- helpers ---------------------------------------------------------------------------------


def folder_state(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file in `folder`: (sha256, size, mode) — what the doctor must leave alone.

    A `-shm` file is SQLite's shared memory, not data: every reader of a database in use
    marks its place in it, so only its presence and size count.
    """
    state = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_file():
            data = entry.read_bytes()
            digest = "" if entry.name.endswith("-shm") else hashlib.sha256(data).hexdigest()
            state[entry.name] = (digest, len(data), entry.stat().st_mode)
    return state


def doctor(db: Path, *args: str) -> tuple[int, str, str]:
    """`nurture-tui --db DB doctor ARGS` in-process: exit code, stdout, stderr."""
    result = CliRunner().invoke(cli, ["--db", str(db), "doctor", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def doctor_json(db: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = doctor(db, "--json", *args)
    return code, json.loads(out)


def untouched(db: Path, *args: str) -> tuple[int, str, dict[str, Any]]:
    """Run the doctor as text and as JSON; check the folder is byte-for-byte as it was."""
    before = folder_state(db.parent)
    code, out, err = doctor(db, *args)
    json_code, payload = doctor_json(db, *args)
    assert folder_state(db.parent) == before
    assert err == ""
    assert json_code == code
    assert terminal_controls(out.replace("\n", "")) == [] and bidi_controls(out) == []
    return code, out, payload


def levels(payload: dict[str, Any], check: str) -> list[str]:
    return [f["level"] for f in payload["findings"] if f["check"] == check]


def finding(payload: dict[str, Any], check: str, level: str) -> dict[str, Any]:
    found = [f for f in payload["findings"] if f["check"] == check and f["level"] == level]
    assert found, payload["findings"]
    return dict(found[0])


def private_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)
    return folder


@pytest.fixture
def healthy(tmp_path: Path) -> Path:
    """A small real network, made by the Store: 0600 in a 0700 folder, closed cleanly."""
    db = private_folder(tmp_path) / "nurture.db"
    with Store.open(db) as store:
        (ana, _) = store.add_contacts(
            [
                Contact(id=0, display_name="Ana Lima", circle=Circle.INNER),
                Contact(id=0, display_name="Bruno Costa", circle=Circle.CLOSE),
            ],
            today=TODAY,
            daily_budget=5,
        )
        store.add_note(ana.id, "likes tea", now=NOW)
    return db


def damaged_copy(healthy: Path, make: Callable[[bytes], bytes]) -> Path:
    db = healthy.with_name("damaged.db")
    db.write_bytes(make(healthy.read_bytes()))
    db.chmod(0o600)
    return db


def sql(db: Path, *statements: str) -> None:
    """Change a file behind nurture-tui's back, as another program might."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


# --- healthy -----------------------------------------------------------------------------------


def test_a_healthy_database_is_all_ok_and_exits_0(healthy: Path) -> None:
    code, out, payload = untouched(healthy)
    assert code == 0, out
    assert payload["status"] == "ok"
    assert {f["level"] for f in payload["findings"]} == {"ok"}, payload["findings"]
    checks = {f["check"] for f in payload["findings"]}
    assert {
        "file",
        "journal",
        "integrity",
        "schema",
        "links",
        "search index",
        "contents",
        "permissions",
        "disk space",
    } <= checks
    assert "2 people, 0 conversations, 1 note" in finding(payload, "contents", "ok")["what"]
    assert "quick and full integrity checks" in out
    assert out.splitlines()[-1] == "All good."


def test_json_has_stable_keys(healthy: Path) -> None:
    code, payload = doctor_json(healthy)
    assert code == 0
    assert set(payload) == {"db", "status", "findings"}
    assert payload["db"] == str(healthy)
    for item in payload["findings"]:
        assert set(item) == {"level", "check", "what", "advice"}
        assert item["level"] in ("ok", "warn", "problem")


def test_quick_skips_the_full_integrity_check(healthy: Path) -> None:
    code, out, payload = untouched(healthy, "--quick")
    assert code == 0
    assert "SQLite's quick check found no damage" in out
    assert "full integrity" not in out


def test_the_hostile_network_is_healthy_too(tmp_path: Path) -> None:
    db = private_folder(tmp_path) / "hostile.db"
    with Store.open(db) as store:
        build_hostile_network(store)
    code, out, payload = untouched(db)
    assert code == 0, out
    assert levels(payload, "search index") == ["ok"]  # NULs, escapes and 1 MB included


def test_a_database_in_use_elsewhere_is_fine_and_left_alone(healthy: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute(\"INSERT INTO settings VALUES ('held', 'yes')\")\n"
            "print('ready', flush=True)\n"
            "time.sleep(60)\n",
            str(healthy),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        code, out, payload = untouched(healthy)
    finally:
        holder.kill()
        holder.wait()
    assert code == 0, out
    journal = " ".join(f["what"] for f in payload["findings"] if f["check"] == "journal")
    if os.path.exists("/proc/locks"):
        assert "open in another session right now" in journal
    assert "not yet merged" in finding(payload, "contents", "ok")["what"]


# --- missing, empty, not a database ----------------------------------------------------------


def test_a_missing_database_says_how_to_create_one_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "not" / "yet" / "nurture.db"
    before = folder_state(tmp_path)
    code, out, err = doctor(db)
    assert code == 1
    assert err == ""
    assert f"there is no database at {db} yet" in out
    assert "nurture-tui add" in out
    assert not (tmp_path / "not").exists()
    assert folder_state(tmp_path) == before


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    (problem,) = diagnose(tmp_path)
    assert problem.level is Level.PROBLEM
    assert "is a directory, not a database file" in problem.what
    code, out, err = doctor(tmp_path)  # the command line refuses it before the doctor
    assert code == 2
    assert err.startswith("nurture-tui: error: ") and len(err.splitlines()) == 1


def test_an_empty_file_is_a_warning_not_a_problem(tmp_path: Path) -> None:
    db = private_folder(tmp_path) / "nurture.db"
    db.touch(mode=0o600)
    code, out, payload = untouched(db)
    assert code == 0
    assert "is empty (0 bytes)" in finding(payload, "file", "warn")["what"]
    assert db.stat().st_size == 0


@pytest.mark.parametrize(
    ("content", "looks_like"),
    [
        (b"my notes, not a database\n" * 40, "a text file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n", "a vCard file"),
        (b'{"format": "nurture-tui", "version": 1, "tables": {}}', "a nurture-tui JSON export"),
        (bytes(range(256)) * 8, "binary data"),
    ],
    ids=["text", "png", "vcard", "json-export", "binary"],
)
def test_a_file_that_is_not_a_database_is_named(
    tmp_path: Path, content: bytes, looks_like: str
) -> None:
    db = private_folder(tmp_path) / "nurture.db"
    db.write_bytes(content)
    code, out, payload = untouched(db)
    assert code == 1
    problem = finding(payload, "file", "problem")
    assert f"is not a SQLite database: it looks like {looks_like}" in problem["what"]
    assert "never changes it" in problem["advice"]
    assert out.splitlines()[-1] == "1 problem: see the advice above."


# --- damage ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "check", "words"),
    [
        (lambda data: data[: len(data) // 2], "file", "the file is cut short"),
        (lambda data: data[:60], "file", "is cut short"),
        (lambda data: data[:100] + os.urandom(len(data) - 100), "opens", "SQLite cannot"),
        (
            lambda data: data[:PAGE] + b"\xa5" * PAGE + data[2 * PAGE :],  # the contacts table
            "integrity",
            "SQLite found damage",
        ),
    ],
    ids=["half", "header-only", "random-after-header", "one-page"],
)
def test_damage_is_a_problem_with_a_way_out(
    healthy: Path, damage: Callable[[bytes], bytes], check: str, words: str
) -> None:
    db = damaged_copy(healthy, damage)
    code, out, payload = untouched(db)
    assert code == 1, out
    problem = finding(payload, check, "problem")
    assert words in problem["what"]
    assert "backup" in problem["advice"] and ".recover" in problem["advice"]


def test_a_damaged_search_index_is_found_on_a_copy(healthy: Path) -> None:
    sql(healthy, "UPDATE search_index_data SET block = zeroblob(length(block)) WHERE id > 10")
    code, out, payload = untouched(healthy)
    assert code == 1, out
    problem = finding(payload, "search index", "problem")
    assert "damaged" in problem["what"]
    assert "restore" in problem["advice"]
    assert levels(payload, "integrity") == ["ok"]  # the rest of the file is sound


def test_a_search_index_out_of_step_is_a_warning(healthy: Path) -> None:
    sql(healthy, "DELETE FROM search_index WHERE rowid = 4")  # Ana's name, as if never indexed
    code, out, payload = untouched(healthy)
    assert code == 0, out
    assert "1 entry missing or stale" in finding(payload, "search index", "warn")["what"]


def test_records_of_nobody_are_a_warning(healthy: Path) -> None:
    sql(
        healthy,
        "PRAGMA foreign_keys = OFF",
        "INSERT INTO notes (contact_id, body) VALUES (999, 'whose?')",
    )
    code, out, payload = untouched(healthy)
    assert code == 0, out
    assert "1 record in notes points at someone" in finding(payload, "links", "warn")["what"]


# --- versions --------------------------------------------------------------------------------


def _at_version(db: Path, version: int) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for number in range(1, min(version, schema.LATEST_VERSION) + 1):
            conn.executescript(f"BEGIN;\n{schema.MIGRATIONS[number - 1]}\nCOMMIT;")
        conn.execute(f"PRAGMA user_version = {version:d}")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    db.chmod(0o600)


def test_an_older_schema_is_upgraded_later_not_now(tmp_path: Path) -> None:
    db = private_folder(tmp_path) / "nurture.db"
    _at_version(db, 1)
    code, out, payload = untouched(db)
    assert code == 0, out
    warning = finding(payload, "schema", "warn")
    assert (
        f"schema version 1, older than this nurture-tui's {schema.LATEST_VERSION}"
        in (warning["what"])
    )
    assert "upgrades it the next time it opens it" in warning["advice"]
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert schema.user_version(conn) == 1  # never migrated
    conn.close()


def test_a_newer_schema_is_a_problem(tmp_path: Path) -> None:
    db = private_folder(tmp_path) / "nurture.db"
    _at_version(db, schema.LATEST_VERSION + 1)
    code, out, payload = untouched(db)
    assert code == 1
    problem = finding(payload, "schema", "problem")
    assert "written by a newer nurture-tui" in problem["what"]
    assert "Upgrade nurture-tui" in problem["advice"]


def test_a_database_of_another_program_is_a_problem(tmp_path: Path) -> None:
    db = private_folder(tmp_path) / "nurture.db"
    sql(db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    db.chmod(0o600)
    code, out, payload = untouched(db)
    assert code == 1
    assert (
        "not a nurture-tui one (it holds invoices)" in finding(payload, "schema", "problem")["what"]
    )


def test_an_empty_sqlite_database_is_a_warning(tmp_path: Path) -> None:
    db = private_folder(tmp_path) / "nurture.db"
    sql(db, "CREATE TABLE t (x)", "DROP TABLE t")
    db.chmod(0o600)
    code, out, payload = untouched(db)
    assert code == 0, out
    assert finding(payload, "schema", "warn")["what"] == "an empty SQLite database"


# --- journal, permissions, space ---------------------------------------------------------------

_CRASH = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO settings VALUES ('crashed', 'mid-session')")
    os._exit(0)  # gone without closing: the change stays in the -wal
    """
)


def test_changes_left_in_the_wal_by_a_crash_are_named_and_kept(healthy: Path) -> None:
    subprocess.run([sys.executable, "-c", _CRASH, str(healthy)], check=True, timeout=30)
    wal = healthy.with_name(healthy.name + "-wal")
    wal_bytes = wal.read_bytes()
    assert wal_bytes
    before = healthy.read_bytes()
    code, out, err = doctor(healthy)
    assert code == 0, out
    assert "did not close cleanly last time" in out
    assert f"Never delete {wal.name}" in out
    assert healthy.read_bytes() == before and wal.read_bytes() == wal_bytes
    with Store.open(healthy) as store:  # and the change is really there
        assert store.get_setting("crashed") == "mid-session"


def test_a_database_others_can_read_says_which_chmod_to_run(healthy: Path) -> None:
    healthy.chmod(0o644)
    healthy.parent.chmod(0o755)
    code, out, payload = untouched(healthy)
    assert code == 0
    advice = [f["advice"] for f in payload["findings"] if f["check"] == "permissions"]
    assert f"Make it yours alone: chmod 600 {healthy}" in advice
    assert f"If only nurture-tui's files are in it: chmod 700 {healthy.parent}" in advice
    assert "other users can read it (mode 0644)" in out


def test_low_disk_space_is_a_warning(healthy: Path) -> None:
    findings = diagnose(healthy, low_space_bytes=1 << 62)
    (space,) = [f for f in findings if f.check == "disk space"]
    assert space.level is Level.WARN
    assert space.what.startswith("only ") and "free on the disk holding" in space.what


def test_free_space_is_reported(healthy: Path) -> None:
    findings = diagnose(healthy, low_space_bytes=0)
    (space,) = [f for f in findings if f.check == "disk space"]
    assert space.level is Level.OK and space.what.endswith(" free")


# --- the words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "words"),
    [(0, "0 bytes"), (1023, "1023 bytes"), (1024, "1.0 KiB"), (139264, "136 KiB"),
     (5 * 1024**3, "5.0 GiB")],
)  # fmt: skip
def test_size_words(size: int, words: str) -> None:
    assert size_words(size) == words


def test_worst_level() -> None:
    ok = Finding(Level.OK, "a", "fine")
    warn = Finding(Level.WARN, "b", "hmm")
    problem = Finding(Level.PROBLEM, "c", "bad")
    assert worst([]) is Level.OK
    assert worst([ok, warn]) is Level.WARN
    assert worst([warn, problem, ok]) is Level.PROBLEM


def test_a_hostile_path_is_shown_inert(tmp_path: Path) -> None:
    db = private_folder(tmp_path) / "evil\x1b]52;c;ZXZpbA==\x07\u202e.db"
    db.write_bytes(b"not a database")
    code, out, payload = untouched(db)
    assert code == 1
    assert "evil^[]52;c;ZXZpbA==^G\ufffd.db" in out
    assert payload["db"] == str(db)  # JSON gives the path back exactly


# --- the real program ------------------------------------------------------------------------


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NURTURE_")}
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def test_exit_codes_of_the_real_program(healthy: Path, tmp_path: Path) -> None:
    assert _script("--db", str(healthy), "doctor").returncode == 0
    missing = _script("--db", str(tmp_path / "none.db"), "doctor")
    assert missing.returncode == 1 and "there is no database" in missing.stdout
    assert not (tmp_path / "none.db").exists()
    wrong = _script("--db", str(healthy), "doctor", "--bogus")
    assert wrong.returncode == 2
    assert wrong.stdout == ""
    assert len(wrong.stderr.splitlines()) == 1
    assert wrong.stderr.startswith("nurture-tui: error: ")
