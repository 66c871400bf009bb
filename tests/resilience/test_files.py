"""Real files, real errors: the installed `nurture-tui` refuses bad files in one line and
destroys nothing.

Every case runs the console script as a separate process on a real file: damaged databases,
files that are not databases, folders nobody can write in (this sandbox runs as root, so
"read-only" means /proc and /sys, which even root cannot write), and a full disk (a file-size
limit set in the child, with SIGXFSZ ignored so a write fails with EFBIG instead of killing
it). Each must exit 2 with one `nurture-tui: error: ...` line and leave the original bytes as
they were; after a full disk mid-import the database must still open, check out, and hold
exactly what it held before.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core.models import Circle, Contact, Interaction
from data.store import Store
from tests.resilience.test_hostile_data import NOW, TODAY

SCRIPT = shutil.which("nurture-tui", path=str(Path(sys.executable).parent)) or "nurture-tui"
PAGE = 4096
SHM_BYTES = 32768  # SQLite's -shm file: a smaller file-size limit fails at open, not at write
DISK_FULL_AT = 64 * 1024  # bytes any one file may grow to, in the "full disk" runs
TRACEBACK = "Traceback"


# --- running the real program ------------------------------------------------------------------


def _environment() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NURTURE_")}
    environment["NURTURE_TZ"] = "UTC"
    return environment


def _limit_file_size(limit: int) -> Callable[[], None]:
    """For `preexec_fn`: files may not grow past `limit` bytes; a write past it fails
    (EFBIG) instead of killing the process, as a full disk fails it (ENOSPC)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def nurture(
    db: Path | str, *args: str, disk_full_at: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`nurture-tui --db DB --today ... ARGS` as a real process, stdin not a terminal."""
    return subprocess.run(
        [SCRIPT, "--db", str(db), "--today", TODAY.isoformat(), *args],
        capture_output=True,
        text=True,
        env=_environment(),
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
        preexec_fn=None if disk_full_at is None else _limit_file_size(disk_full_at),
    )


def refused(done: subprocess.CompletedProcess[str]) -> str:
    """Check a run was refused the way every error is: exit 2, one line, no traceback."""
    assert done.returncode == 2, (done.returncode, done.stdout[-500:], done.stderr[-2000:])
    assert TRACEBACK not in done.stderr
    assert done.stderr.startswith("nurture-tui: error: "), done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    return done.stderr.removeprefix("nurture-tui: error: ").strip()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


# --- databases to spoil ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real network of 300 people with history, closed cleanly (no -wal beside it)."""
    db = tmp_path_factory.mktemp("network") / "nurture.db"
    with Store.open(db) as store:
        people = store.add_contacts(
            [
                Contact(id=0, display_name=f"Person {n:03d}", circle=Circle.ACTIVE)
                for n in range(300)
            ],
            today=TODAY,
            daily_budget=20,
        )
        for person in people[:50]:
            store.log_interaction(
                Interaction(id=0, contact_id=person.id, occurred_at=NOW, summary="coffee"),
                today=TODAY,
            )
            store.add_note(person.id, f"note about {person.display_name}", now=NOW)
    return db


@pytest.fixture
def db(tmp_path: Path, network: Path) -> Path:
    copy = tmp_path / "nurture.db"
    shutil.copyfile(network, copy)
    copy.chmod(0o600)
    return copy


def _contacts_root_page(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return int(
            conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contacts'").fetchone()[0]
        )
    finally:
        conn.close()


def _spoil_contacts_page(data: bytes, page: int) -> bytes:
    start = (page - 1) * PAGE
    return data[:start] + b"\xa5" * PAGE + data[start + PAGE :]


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "random-after-header": lambda data: data[:100] + os.urandom(len(data) - 100),
    "truncated-half": lambda data: data[: len(data) // 2],
    "truncated-header": lambda data: data[:60],
}
NOT_DATABASES: dict[str, bytes] = {
    "text": b"Ana Lima, call Tuesday\nBruno: send the deck\n" * 50,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16,
}
# Every command that opens the database, with what it needs (FILE: a file to read in).
COMMANDS: dict[str, tuple[str, ...]] = {
    "due": ("due",),
    "list": ("list", "--json"),
    "show": ("show", "Person 001"),
    "search": ("search", "coffee"),
    "add": ("add", "Zoe New"),
    "log": ("log", "Person 001"),
    "import": ("import", "FILE"),
    "export": ("export", "--format", "json"),
    "backup": ("backup", "BACKUP"),
    "launch": (),  # bare `nurture-tui`, not on a terminal: prints the agenda
}


def _args(command: str, tmp_path: Path) -> tuple[str, ...]:
    vcard = tmp_path / "people.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n")
    swap = {"FILE": str(vcard), "BACKUP": str(tmp_path / "backup.db")}
    return tuple(swap.get(arg, arg) for arg in COMMANDS[command])


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_damaged_database_is_refused_in_one_line_and_left_as_it_is(
    db: Path, tmp_path: Path, corruption: str, command: str
) -> None:
    db.write_bytes(CORRUPTIONS[corruption](db.read_bytes()))
    before = digest(db)
    message = refused(nurture(db, *_args(command, tmp_path)))
    assert str(db) in message
    assert "not a usable database" in message or "not a SQLite database" in message, message
    assert digest(db) == before
    assert not (tmp_path / "backup.db").exists()


@pytest.mark.parametrize("command", ["list", "show", "search", "add", "log", "export", "backup"])
def test_a_damaged_page_is_refused_in_one_line_and_left_as_it_is(
    db: Path, tmp_path: Path, command: str
) -> None:
    db.write_bytes(_spoil_contacts_page(db.read_bytes(), _contacts_root_page(db)))
    before = digest(db)
    message = refused(nurture(db, *_args(command, tmp_path)))
    assert "malformed" in message or "not a usable database" in message, message
    assert digest(db) == before


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", NOT_DATABASES)
def test_a_file_that_is_not_a_database_is_refused_and_never_touched(
    tmp_path: Path, kind: str, command: str
) -> None:
    db = tmp_path / "nurture.db"
    db.write_bytes(NOT_DATABASES[kind])
    message = refused(nurture(db, *_args(command, tmp_path)))
    assert message == f"{db} is not a SQLite database; refusing to touch it"
    assert db.read_bytes() == NOT_DATABASES[kind]
    assert sidecars(db) == []


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    """A 0-byte file holds nothing to lose: it is set up as a new network (Store.open makes
    the file empty itself before SQLite writes the schema, so a run stopped between the two
    must not lock the person out)."""
    db = tmp_path / "nurture.db"
    db.touch()
    done = nurture(db, "add", "Ana Lima")
    assert done.returncode == 0, done.stderr
    assert json.loads(nurture(db, "list", "--json").stdout)["contacts"][0]["display_name"] == (
        "Ana Lima"
    )


# --- folders nobody can write in ---------------------------------------------------------------

UNWRITABLE = {
    "proc-new-folder": "/proc/nurture-tui-test/nurture.db",
    "proc": "/proc/nurture-tui-test.db",
    "sys": "/sys/nurture-tui-test.db",
}


@pytest.mark.parametrize("where", UNWRITABLE)
@pytest.mark.parametrize("command", ["add", "due", "launch", "import"])
def test_a_database_in_a_folder_nobody_can_write_is_refused(
    tmp_path: Path, where: str, command: str
) -> None:
    message = refused(nurture(UNWRITABLE[where], *_args(command, tmp_path)))
    assert message.startswith(f"cannot create {UNWRITABLE[where]}: "), message
    assert not Path(UNWRITABLE[where]).exists()


@pytest.mark.parametrize("target", ["/proc/nurture-export.json", "/sys/nurture-export.json"])
def test_export_into_a_folder_nobody_can_write_is_refused(db: Path, target: str) -> None:
    message = refused(nurture(db, "export", "-o", target))
    assert message.startswith("cannot write in "), message
    assert not Path(target).exists()


@pytest.mark.parametrize(
    "target", ["/proc/nurture-backup.db", "/sys/nurture-backup.db", "/sys/kernel", "/proc"]
)
def test_backup_to_a_place_nobody_can_write_is_refused(db: Path, target: str) -> None:
    before = digest(db)
    message = refused(nurture(db, "backup", target))
    assert message.startswith("cannot write in "), message
    assert digest(db) == before


def test_backup_never_overwrites_a_file_that_is_not_a_database(db: Path, tmp_path: Path) -> None:
    precious = tmp_path / "thesis.txt"
    precious.write_text("years of work\n")
    message = refused(nurture(db, "backup", str(precious)))
    assert "not a SQLite database; refusing" in message or "not a database; refusing" in message
    assert precious.read_text() == "years of work\n"


# --- a full disk -----------------------------------------------------------------------------


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index's own tables too), to compare."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        names = [
            str(name)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE"
                " VIRTUAL%' ORDER BY name"
            )
        ]
        return {name: conn.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in names}
    finally:
        conn.close()


def test_a_full_disk_during_add_changes_nothing(db: Path) -> None:
    before = _snapshot(db)
    story = "how we met: " + "a long story " * 10_000  # more than the disk has room for
    done = nurture(db, "add", "Zoe Full", "--how-met", story, disk_full_at=SHM_BYTES)
    message = refused(done)
    assert "disk" in message or "full" in message, message
    assert _snapshot(db) == before


def test_a_full_disk_during_import_changes_nothing(db: Path, tmp_path: Path) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported {n:04d}\r\nN:{n:04d};Imported;;;\r\n"
        f"EMAIL:imported{n}@example.org\r\nNOTE:{'met at the conference ' * 10}\r\n"
        "END:VCARD\r\n"
        for n in range(1500)
    )
    vcard = tmp_path / "people.vcf"
    vcard.write_text(cards)
    before = _snapshot(db)
    message = refused(nurture(db, "import", str(vcard), disk_full_at=DISK_FULL_AT))
    assert "disk" in message or "full" in message, message
    assert _snapshot(db) == before  # opens, checks out, holds exactly what it held
    with Store.open(db) as store:
        assert store.count_contacts() == 300
        assert store.peek_undo() is None or "imported" not in store.peek_undo()  # type: ignore[operator]
    done = nurture(db, "import", str(vcard))  # with room again, the same import works
    assert done.returncode == 0, done.stderr
    assert "added 1500" in done.stdout


def test_a_full_disk_during_export_keeps_the_old_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "everyone.json"
    target.write_text('{"an": "older export"}\n')
    message = refused(nurture(db, "export", "-o", str(target), disk_full_at=DISK_FULL_AT))
    assert message.startswith(f"cannot write {target}: "), message
    assert target.read_text() == '{"an": "older export"}\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_full_disk_during_backup_keeps_the_old_backup(db: Path, tmp_path: Path) -> None:
    old = tmp_path / "backup.db"
    assert nurture(db, "backup", str(old)).returncode == 0
    nurture(db, "add", "Someone Later")
    kept = digest(old)
    message = refused(nurture(db, "backup", str(old), disk_full_at=DISK_FULL_AT))
    assert "backup" in message or "cannot write" in message, message
    assert digest(old) == kept
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


# --- the full-screen app on a bad file ---------------------------------------------------------


def _in_terminal(db: Path, *, timeout: float = 30) -> tuple[int, str]:
    """Run bare `nurture-tui --db DB` on an 80x24 pseudo-terminal (the app's own path); what it
    printed (escape sequences dropped) and its exit status. Sends `q` if the app comes up."""
    import fcntl
    import pty
    import re
    import termios

    pid, fd = pty.fork()
    if pid == 0:
        os.execve(SCRIPT, [SCRIPT, "--db", str(db), "--today", TODAY.isoformat()], _environment())
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    written = bytearray()
    started = time.monotonic()
    quit_sent = False
    status = None
    while time.monotonic() - started < timeout:
        if not quit_sent and time.monotonic() - started > 8:
            os.write(fd, b"q")
            quit_sent = True
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            written += chunk
            if chunk:
                continue
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert status is not None
    text = re.sub(
        r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])",
        "",
        written.decode("utf-8", "replace"),
    )
    return os.waitstatus_to_exitcode(status), text


def _one_line_error(code: int, printed: str) -> str:
    assert code == 2, printed[-3000:]
    assert TRACEBACK not in printed
    lines = [line for line in printed.replace("\r", "").splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("nurture-tui: error: "), printed[-3000:]
    return lines[0]


@pytest.mark.parametrize("kind", ["random-after-header", "truncated-half", "text", "png"])
def test_the_app_on_a_bad_file_says_so_in_one_line(db: Path, kind: str) -> None:
    if kind in CORRUPTIONS:
        db.write_bytes(CORRUPTIONS[kind](db.read_bytes()))
    else:
        db.write_bytes(NOT_DATABASES[kind])
    before = digest(db)
    _one_line_error(*_in_terminal(db))
    assert digest(db) == before
    # Piped (no terminal), the same one line.
    refused(nurture(db))
    assert digest(db) == before


def test_the_app_on_a_damaged_table_says_so_in_one_line(db: Path) -> None:
    db.write_bytes(_spoil_contacts_page(db.read_bytes(), _contacts_root_page(db)))
    before = digest(db)
    _one_line_error(*_in_terminal(db))
    assert digest(db) == before
