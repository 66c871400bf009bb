"""Is the database file healthy? `nurture-tui doctor`'s checks, as findings in plain words.

Every check reads; nothing here writes, migrates or repairs. The file is opened through a
`file:...?mode=ro` URI with `query_only` on; when no `-wal` file sits beside it, also
`immutable=1`, so SQLite creates no `-wal`/`-shm` of its own either. The one check that
SQLite runs as a write, FTS5's `integrity-check`, runs on a copy in memory.

Each finding is `ok`, `warn` (it works, but look at this) or `problem` (it is damaged,
refused, or missing: something needs doing); `advice` says what, in words.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote

from data import schema

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100
LOW_SPACE_BYTES = 50 * 1024 * 1024
# The search index's structure is checked on a copy in memory up to this size.
MEMORY_COPY_LIMIT = 256 * 1024 * 1024
CHECK_LINES = 5  # lines of SQLite's own report quoted in a finding
RECOVER = (
    "Keep this file as it is and work on a copy. Restore your latest backup (a copy made with "
    "`nurture-tui backup`, or a JSON export with `nurture-tui restore`); the sqlite3 tool's "
    "`.recover` command can often rescue the rest from a damaged file."
)
NOT_OURS = (
    "nurture-tui refuses to open it and never changes it. Check that --db or $NURTURE_DB "
    "names your database."
)
# What a file that is not a database probably is, by how it starts.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)
_INSERT_SEARCH = re.compile(
    r"\s*INSERT INTO search_index \(rowid, body, contact_id\)\s*(SELECT\b.*)", re.DOTALL
)


class Level(StrEnum):
    """How much a finding matters."""

    OK = "ok"
    WARN = "warn"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    """One check's result: how it went, what was found, and what to do about it."""

    level: Level
    check: str
    what: str
    advice: str = ""


def worst(findings: list[Finding]) -> Level:
    """The most serious level among `findings` (ok when there are none)."""
    levels = {finding.level for finding in findings}
    for level in (Level.PROBLEM, Level.WARN):
        if level in levels:
            return level
    return Level.OK


def size_words(size: int) -> str:
    """`512 bytes`, `136 KiB`, `4.2 MiB`, `1.1 GiB`."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _file_size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _guess_kind(head: bytes) -> str:
    """What a file that is not a SQLite database looks like, from its first bytes."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text[:11].upper() == b"BEGIN:VCARD":
        return "a vCard file (to bring those people in: nurture-tui import FILE)"
    if text.startswith(b"{") and b'"nurture-tui"' in head:
        return "a nurture-tui JSON export (to load it: nurture-tui restore FILE)"
    try:
        # Not final: the first bytes may end in the middle of a character.
        decoded = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "binary data"
    if all(char.isprintable() or char in "\t\n\r\f" for char in decoded):
        return "a text file"
    return "binary data"


def _held_open(path: Path) -> bool | None:
    """Whether some process holds a lock on `path` (SQLite does on `-shm` while a
    connection is open), from /proc/locks; None when this system cannot tell.

    Reading /proc/locks leaves the file alone: opening and closing the file itself would drop
    any lock this process holds on it.
    """
    try:
        info = path.stat()
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            table = handle.read()
    except OSError:
        return None
    wanted = (os.major(info.st_dev), os.minor(info.st_dev), info.st_ino)
    for line in table.splitlines():
        for field in line.split():
            parts = field.split(":")
            if len(parts) != 3:
                continue
            try:
                found = (int(parts[0], 16), int(parts[1], 16), int(parts[2]))
            except ValueError:
                continue
            if found == wanted:
                return True
    return False


@dataclass(frozen=True)
class _Header:
    page_size: int
    wal: bool
    page_count: int | None  # None when the header's count is not known to be valid

    @classmethod
    def parse(cls, data: bytes) -> _Header:
        page_size = int.from_bytes(data[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        write_version, read_version = data[18], data[19]
        change_counter = int.from_bytes(data[24:28], "big")
        page_count = int.from_bytes(data[28:32], "big")
        valid_for = int.from_bytes(data[92:96], "big")
        counted = page_count if page_count and change_counter == valid_for else None
        return cls(page_size, write_version == 2 and read_version == 2, counted)


def diagnose(
    path: Path, *, thorough: bool = True, low_space_bytes: int = LOW_SPACE_BYTES
) -> list[Finding]:
    """Check the database file at `path` without changing it; the findings, in order.

    `thorough` runs SQLite's full integrity check after the quick one, and checks the search
    index's structure; without it only the quick checks run.
    """
    path = Path(path).expanduser()
    findings: list[Finding] = []
    try:
        info = path.stat()
    except FileNotFoundError:
        findings.append(
            Finding(
                Level.PROBLEM,
                "file",
                f"there is no database at {path} yet",
                "nurture-tui creates it the first time it is used: add someone with "
                '`nurture-tui add "Ana Lima"` (with the same --db or $NURTURE_DB), or run '
                "`nurture-tui` and follow the welcome screen.",
            )
        )
        findings += _space(path.parent, low_space_bytes)
        return findings
    except OSError as error:
        findings.append(
            Finding(Level.PROBLEM, "file", f"cannot look at {path}: {error.strerror or error}")
        )
        return findings
    if stat.S_ISDIR(info.st_mode):
        return [
            Finding(
                Level.PROBLEM,
                "file",
                f"{path} is a directory, not a database file",
                "Name the database file itself, e.g. --db ~/notes/nurture.db.",
            )
        ]
    try:
        with path.open("rb") as handle:
            head = handle.read(HEADER_BYTES)
    except OSError as error:
        return [
            Finding(
                Level.PROBLEM,
                "file",
                f"cannot read {path}: {error.strerror or error}",
                "Check the file's owner and permissions (ls -l).",
            )
        ]
    if not head:
        findings.append(
            Finding(
                Level.WARN,
                "file",
                f"{path} is empty (0 bytes)",
                "nurture-tui sets up a new, empty network in it the next time it opens it. If "
                "your people should be here, this is not your database: check --db and "
                "$NURTURE_DB, or restore a backup.",
            )
        )
        return findings + _permissions(path, info) + _space(path.parent, low_space_bytes)
    if not head.startswith(SQLITE_HEADER):
        return [
            Finding(
                Level.PROBLEM,
                "file",
                f"{path} is not a SQLite database: it looks like {_guess_kind(head)}",
                NOT_OURS,
            )
        ]
    if len(head) < HEADER_BYTES:
        return [
            Finding(
                Level.PROBLEM,
                "file",
                f"{path} is cut short: {_plural(len(head), 'byte')}, less than a database's header",
                RECOVER,
            )
        ]
    header = _Header.parse(head)
    findings.append(
        Finding(Level.OK, "file", f"{path} is a SQLite database ({size_words(info.st_size)})")
    )
    wal_path, shm_path = _sidecar(path, "-wal"), _sidecar(path, "-shm")
    wal_size = _file_size(wal_path)
    in_use = _held_open(shm_path) if shm_path.exists() else False
    expected = None if header.page_count is None else header.page_count * header.page_size
    if expected is not None and info.st_size < expected and not wal_size:
        findings.append(
            Finding(
                Level.PROBLEM,
                "file",
                f"the file is cut short: its header says {size_words(expected)}, it holds "
                f"{size_words(info.st_size)}",
                RECOVER,
            )
        )
    findings += _journal(path, header, wal_size, in_use)
    findings += _database(path, info, wal_size, thorough=thorough)
    findings += _permissions(path, info)
    findings += _space(path.parent, low_space_bytes)
    return findings


def _journal(
    path: Path, header: _Header, wal_size: int | None, in_use: bool | None
) -> list[Finding]:
    """Journal mode, and `-wal`, `-shm` and `-journal` files beside the database."""
    findings: list[Finding] = []
    wal_path, shm_path = _sidecar(path, "-wal"), _sidecar(path, "-shm")
    if header.wal:
        findings.append(Finding(Level.OK, "journal", "write-ahead log (WAL), as it should be"))
    else:
        findings.append(
            Finding(
                Level.WARN,
                "journal",
                "not in write-ahead-log (WAL) mode",
                "Nothing to do: nurture-tui switches it to WAL the next time it opens it.",
            )
        )
    if in_use:
        findings.append(
            Finding(
                Level.OK,
                "journal",
                "the database is open in another session right now; its latest changes wait in "
                f"{wal_path.name}, as they should",
            )
        )
    elif wal_size:
        unless = " (unless nurture-tui is running right now)" if in_use is None else ""
        findings.append(
            Finding(
                Level.WARN,
                "journal",
                f"nurture-tui did not close cleanly last time{unless}: "
                f"{size_words(wal_size)} of recent changes wait in {wal_path.name}",
                "They are safe: nurture-tui merges them into the database the next time it "
                f"opens it. Never delete {wal_path.name}: it holds your latest changes.",
            )
        )
    else:
        leftovers = [p.name for p in (wal_path, shm_path) if p.exists()]
        if leftovers:
            findings.append(
                Finding(
                    Level.OK,
                    "journal",
                    f"{' and '.join(leftovers)} left beside it, empty: harmless, and removed "
                    "the next time nurture-tui closes the database",
                )
            )
    journal = _sidecar(path, "-journal")
    if _file_size(journal):
        findings.append(
            Finding(
                Level.WARN,
                "journal",
                f"an interrupted change left {journal.name} beside the database",
                "Open nurture-tui once: SQLite rolls the unfinished change back. Never delete "
                f"{journal.name} by hand: without it the database may be damaged.",
            )
        )
    return findings


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """`path` opened read-only; immutable too when there is no -wal or -journal to read."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    quiet = not _sidecar(path, "-wal").exists() and not _sidecar(path, "-journal").exists()
    if quiet:
        # Nothing but the file to read: immutable, so SQLite creates no -wal/-shm either.
        uri += "&immutable=1"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 2000")
        yield conn
    finally:
        conn.close()


def _check_lines(rows: list[tuple[object, ...]]) -> list[str]:
    return [str(row[0]) for row in rows]


def _database(
    path: Path, info: os.stat_result, wal_size: int | None, *, thorough: bool
) -> list[Finding]:
    """Open read-only and run SQLite's checks, the schema version, the search index, counts."""
    findings: list[Finding] = []
    try:
        with _read_only(path) as conn:
            try:
                version = schema.user_version(conn)
                tables = {
                    str(name)
                    for (name,) in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                    )
                }
            except sqlite3.DatabaseError as error:
                return [
                    Finding(
                        Level.PROBLEM,
                        "opens",
                        f"SQLite cannot read it as a database: {error}",
                        RECOVER,
                    )
                ]
            healthy = _integrity(conn, findings, thorough=thorough)
            ours = _schema(version, tables, findings)
            if ours and healthy:
                _foreign_keys(conn, findings)
                _search_index(conn, info.st_size, findings, thorough=thorough)
            if ours:
                _counts(conn, info.st_size, wal_size, findings, damaged=not healthy)
    except sqlite3.Error as error:
        findings.append(
            Finding(
                Level.PROBLEM,
                "opens",
                f"SQLite cannot open it: {error}",
                RECOVER if isinstance(error, sqlite3.DatabaseError) else "",
            )
        )
    return findings


def _integrity(conn: sqlite3.Connection, findings: list[Finding], *, thorough: bool) -> bool:
    """SQLite's quick check, then (thorough) its full integrity check; True when healthy."""
    try:
        quick = _check_lines(conn.execute(f"PRAGMA quick_check({CHECK_LINES})").fetchall())
        full = ["ok"]
        if quick == ["ok"] and thorough:
            full = _check_lines(conn.execute(f"PRAGMA integrity_check({CHECK_LINES})").fetchall())
    except sqlite3.DatabaseError as error:
        quick, full = [str(error)], []
    damage = quick if quick != ["ok"] else full
    if damage != ["ok"]:
        findings.append(
            Finding(
                Level.PROBLEM,
                "integrity",
                "SQLite found damage: " + "; ".join(damage),
                RECOVER,
            )
        )
        return False
    which = "quick and full integrity checks" if thorough else "quick check"
    findings.append(Finding(Level.OK, "integrity", f"SQLite's {which} found no damage"))
    return True


def tables_at(version: int) -> list[str]:
    """The tables a file at schema `version` holds, in the order the migrations made them.

    Built by running the migrations on an empty database in memory, so the list can never
    disagree with the schema it describes.
    """
    conn = sqlite3.connect(":memory:")
    try:
        for script in schema.MIGRATIONS[:version]:
            conn.executescript(script)
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
        return [name for (name,) in rows]
    finally:
        conn.close()


def _schema(version: int, tables: set[str], findings: list[Finding]) -> bool:
    """The schema version against this nurture-tui's; True when the tables are ours to count."""
    latest = schema.LATEST_VERSION
    if version == 0:
        if tables:
            shown = ", ".join(sorted(tables)[:4])
            findings.append(
                Finding(
                    Level.PROBLEM,
                    "schema",
                    f"a SQLite database, but not a nurture-tui one (it holds {shown})",
                    NOT_OURS,
                )
            )
        else:
            findings.append(
                Finding(
                    Level.WARN,
                    "schema",
                    "an empty SQLite database",
                    "nurture-tui sets it up as a new network the next time it opens it.",
                )
            )
        return False
    if version > latest:
        findings.append(
            Finding(
                Level.PROBLEM,
                "schema",
                f"written by a newer nurture-tui (schema version {version}; this one knows "
                f"up to {latest})",
                "Upgrade nurture-tui to use it. This version refuses to open it and never "
                "changes it.",
            )
        )
        return False
    missing = [table for table in tables_at(version) if table not in tables]
    if missing:
        findings.append(
            Finding(
                Level.PROBLEM,
                "schema",
                f"schema version {version}, but tables are missing: {', '.join(missing)}",
                "Something other than nurture-tui changed this file. " + RECOVER,
            )
        )
        return False
    if version < latest:
        findings.append(
            Finding(
                Level.WARN,
                "schema",
                f"schema version {version}, older than this nurture-tui's {latest}",
                "nurture-tui upgrades it the next time it opens it. To keep a copy as it is "
                "now, copy the file while nurture-tui is closed.",
            )
        )
    else:
        findings.append(Finding(Level.OK, "schema", f"schema version {version}, current"))
    return True


def _foreign_keys(conn: sqlite3.Connection, findings: list[Finding]) -> None:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        findings.append(Finding(Level.PROBLEM, "links", f"cannot check links: {error}", RECOVER))
        return
    if not rows:
        findings.append(Finding(Level.OK, "links", "every record belongs to someone who exists"))
        return
    tables = ", ".join(sorted({str(row[0]) for row in rows}))
    points = "points at someone who is" if len(rows) == 1 else "point at people who are"
    findings.append(
        Finding(
            Level.WARN,
            "links",
            f"{_plural(len(rows), 'record')} in {tables} {points} no longer there",
            "They do not stop nurture-tui from working, but nurture-tui never writes such "
            "records: something else changed this file.",
        )
    )


def _expected_search_rows() -> str | None:
    """The search index's rows as the schema builds them, as one SELECT (None if unknown)."""
    selects = []
    for statement in schema.REBUILD_SEARCH_SQL:
        if statement.lstrip().upper().startswith("DELETE"):
            continue
        match = _INSERT_SEARCH.fullmatch(statement)
        if match is None:
            return None
        selects.append(match.group(1))
    return " UNION ALL ".join(selects) or None


def _search_index(
    conn: sqlite3.Connection, size: int, findings: list[Finding], *, thorough: bool
) -> None:
    """The full-text index holds exactly the rows it should, and (thorough) is sound."""
    advice = (
        "People, notes and conversations are intact; only search is affected. To rebuild the "
        "index: nurture-tui export --format json -o all.json, then nurture-tui --db NEW.db "
        "restore all.json, and use NEW.db."
    )
    expected = _expected_search_rows()
    try:
        if expected is not None:
            missing, extra = conn.execute(
                f"WITH expected AS ({expected}),"
                " actual AS (SELECT rowid, body, contact_id FROM search_index)"
                " SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT"
                " SELECT * FROM actual)),"
                " (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected))"
            ).fetchone()
            if missing or extra:
                findings.append(
                    Finding(
                        Level.WARN,
                        "search index",
                        f"out of step with your data: {_plural(missing, 'entry', 'entries')} "
                        f"missing or stale, {_plural(extra, 'entry', 'entries')} too many; "
                        "search may miss people or show old text",
                        advice,
                    )
                )
                return
    except sqlite3.DatabaseError as error:
        findings.append(Finding(Level.PROBLEM, "search index", f"cannot be read: {error}", advice))
        return
    if not thorough:
        findings.append(Finding(Level.OK, "search index", "holds every name, note and summary"))
        return
    if size > MEMORY_COPY_LIMIT:
        findings.append(
            Finding(
                Level.OK,
                "search index",
                "holds every name, note and summary (its inner structure was not checked: the "
                f"database is over {size_words(MEMORY_COPY_LIMIT)})",
            )
        )
        return
    # FTS5 runs its integrity check as a write, so it runs on a copy, never on the file.
    copy = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(copy)
        copy.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as error:
        findings.append(Finding(Level.PROBLEM, "search index", f"damaged: {error}", advice))
        return
    finally:
        copy.close()
    findings.append(
        Finding(Level.OK, "search index", "sound, and holds every name, note and summary")
    )


def _counts(
    conn: sqlite3.Connection,
    size: int,
    wal_size: int | None,
    findings: list[Finding],
    *,
    damaged: bool,
) -> None:
    """Size and how many people, conversations and notes (said once: no second alarm on a
    file already found damaged)."""
    try:
        people, archived = conn.execute(
            "SELECT count(*), coalesce(sum(archived != 0), 0) FROM contacts"
        ).fetchone()
        talks = conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
        notes = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if not damaged:
            findings.append(Finding(Level.PROBLEM, "contents", f"cannot count: {error}", RECOVER))
        return
    pending = f" + {size_words(wal_size)} not yet merged" if wal_size else ""
    archived_words = f" ({archived:,} archived)" if archived else ""
    findings.append(
        Finding(
            Level.OK,
            "contents",
            f"{size_words(size)}{pending}: {_plural(people, 'person', 'people')}{archived_words}, "
            f"{_plural(talks, 'conversation')}, {_plural(notes, 'note')}",
        )
    )


def _permissions(path: Path, info: os.stat_result) -> list[Finding]:
    """The file 0600 and its folder 0700: the notes in it are private."""
    findings: list[Finding] = []
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        findings.append(
            Finding(
                Level.WARN,
                "permissions",
                f"other users can {'read' if mode & 0o044 else 'reach'} it (mode {mode:04o})",
                f"Make it yours alone: chmod 600 {path}",
            )
        )
    folder = path.resolve().parent
    try:
        folder_mode = stat.S_IMODE(folder.stat().st_mode)
    except OSError:
        folder_mode = 0
    if folder_mode & 0o077:
        findings.append(
            Finding(
                Level.WARN,
                "permissions",
                f"other users can look into its folder {folder} (mode {folder_mode:04o})",
                f"If only nurture-tui's files are in it: chmod 700 {folder}",
            )
        )
    owner = getattr(os, "geteuid", lambda: info.st_uid)()
    if info.st_uid != owner:
        findings.append(
            Finding(
                Level.WARN,
                "permissions",
                f"it belongs to another user (uid {info.st_uid})",
                "Run nurture-tui as the user who owns the file, or take it over with chown.",
            )
        )
    if not findings:
        findings.append(
            Finding(
                Level.OK,
                "permissions",
                f"only you can read it (file {mode:04o}, folder {folder_mode:04o})",
            )
        )
    return findings


def _space(folder: Path, low_space_bytes: int) -> list[Finding]:
    """Free space where the database lives: SQLite refuses writes when the disk fills."""
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    try:
        free = shutil.disk_usage(existing).free
    except OSError as error:
        return [
            Finding(
                Level.WARN,
                "disk space",
                f"cannot tell how much space is free in {existing}: {error.strerror or error}",
            )
        ]
    if free < low_space_bytes:
        return [
            Finding(
                Level.WARN,
                "disk space",
                f"only {size_words(free)} free on the disk holding {existing}",
                "Free some space: when the disk is full every change is refused (nothing is "
                "lost, but nothing new is saved).",
            )
        ]
    return [Finding(Level.OK, "disk space", f"{size_words(free)} free")]
