"""The Store: one SQLite file holding a person's network, opened from a path.

CONTRACT (signatures are fixed; other modules are being written against them).

SQL does the set work (indexed candidate queries, FTS); `core` decides what is due, how
urgent it is and how a touch changes a contact. Every multi-row change runs in one
transaction; triage actions leave an undo record holding what to restore.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from pendulum import Date, DateTime

from core import agenda as core_agenda
from core import budget, cadence, milestones
from core.agenda import Agenda
from core.models import (
    Channel,
    Circle,
    Commitment,
    Contact,
    ContactDetail,
    ContactSummary,
    DateKind,
    Draft,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    Network,
    Note,
    YearlyRule,
)
from data import codec, schema

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
UNDO_KEEP = 100
WRITE_WAIT_SECONDS = 20  # how long a write waits for another session's, at most
LOAD_CACHE_KIB = 256 * 1024
# Tables an undo record may touch (the payload is data read back from the file).
_UNDO_TABLES = frozenset(
    {
        "contacts",
        "interactions",
        "important_dates",
        "life_events",
        "commitments",
        "questions",
        "notes",
        "shareables",
        "shares",
        "introductions",
    }
)
_ID_CHUNK = 500

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class PersonWrite:
    """A contact to insert or save, with yearly dates and note bodies to add to them.

    Dates' `contact_id` is ignored (the contact's id is used); for a contact to insert its
    `id` is ignored too.
    """

    contact: Contact
    dates: tuple[ImportantDate, ...] = ()
    notes: tuple[str, ...] = ()


class StoreError(Exception):
    """A problem with the database file, worded for the user (not a bug)."""


class NotFound(StoreError):
    """No row with that id."""


def _locked(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Serialise calls: the connection may be shared with a worker thread."""

    def wrapper(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store._lock:
            return method(store, *args, **kwargs)

    functools.update_wrapper(wrapper, method)
    return wrapper


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


def _chunks(values: Sequence[int], size: int = _ID_CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _make_private_dirs(directory: Path) -> None:
    """Create `directory` and any missing parents, each one we create mode 0700."""
    missing: list[Path] = []
    current = directory
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700)
        path.chmod(0o700)  # mkdir's mode is filtered by the umask


def check_database_file(path: Path) -> None:
    """Refuse anything but a SQLite file, reading only its header."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from error
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a SQLite database; refusing to touch it")


def disk_failed(error: BaseException) -> bool:
    """Whether a SQLite error means the disk is full or failing (SQLITE_FULL, SQLITE_IOERR)
    rather than anything about the data: the write was rolled back, nothing was changed."""
    if not isinstance(error, sqlite3.Error):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)
    text = str(error)
    return "database or disk is full" in text or "disk I/O error" in text


DISK_FAILED = "disk is full or failing; nothing was changed"


def _fts_query(text: str) -> str | None:
    """`text` as a safe FTS5 query: every word quoted and prefix-matched, all required."""
    terms = []
    for word in text.split():
        if not any(character.isalnum() for character in word):
            continue
        terms.append('"' + word.replace('"', '""') + '"*')
    return " ".join(terms) or None


class Store:
    """A network in one SQLite file. Open with `Store.open(path)`; close when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path, zone: str = "UTC") -> None:
        """Wrap an open, migrated connection (use `Store.open`)."""
        self.conn = conn
        self.path = path
        # Instants are stored in UTC and read back in the user's zone, so the day of a
        # touch (and so every due date) is the day it was where the user lives.
        self.zone = zone
        self._lock = threading.RLock()
        # Whose actions `undo` takes back: a running app sets its own token and undoes only
        # what it did, so two logins never undo each other's work; the command line ('')
        # undoes the latest action of anyone, as `nurture-tui undo` always has.
        self.session = ""
        self._db: sqlite_utils.Database | None = None
        # (cadence_days, circle) groups of active contacts, valid while no other connection
        # has committed (PRAGMA data_version); our own writes add to it as they go.
        self._groups: set[tuple[int, str]] | None = None
        self._groups_version = -1

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction, all or nothing, holding the write lock from its first statement.

        A plain (deferred) BEGIN reads first and asks for the write lock later; in WAL mode,
        when another session committed meanwhile, SQLite refuses that upgrade at once with
        "database is locked" — no busy timeout helps. BEGIN IMMEDIATE waits for the lock up
        front instead, so two sessions writing at once simply take turns. Nested use is a
        savepoint (sqlite-utils' `atomic`).
        """
        with self._lock:
            if self.conn.in_transaction:
                with self.db.atomic():
                    yield
                return
            self._begin_immediate()
            try:
                with self.db.atomic():
                    yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees one consistent state (for exports)."""
        with self._lock:
            if self.conn.in_transaction:
                yield
                return
            self.conn.execute("BEGIN")
            try:
                yield
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")

    def _begin_immediate(self) -> None:
        """BEGIN IMMEDIATE, waiting (busy timeout, then a few retries) for another writer."""
        deadline = time.monotonic() + WRITE_WAIT_SECONDS
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                busy = "locked" in str(error) or "busy" in str(error)
                if not busy or time.monotonic() >= deadline:
                    if busy:
                        raise StoreError(
                            f"another session has been writing to {self.path} for"
                            f" {WRITE_WAIT_SECONDS} s; nothing was changed, try again"
                        ) from None
                    raise

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for transactions and table work.

        Built on first use: reading the agenda needs only sqlite3, and importing
        sqlite-utils costs a third of a bare Textual app's start-up.
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    @classmethod
    def open(cls, path: Path, *, create: bool = True, zone: str = "UTC") -> Store:
        """Open (and create/migrate) the database at `path`.

        Creates missing parent dirs 0700 and the file 0600. WAL, foreign keys, busy timeout.
        Raises StoreError (never modifying the file) when it is not a SQLite database, is from
        a newer schema version, or `create` is False and it does not exist.
        """
        path = Path(path).expanduser()
        if path.exists():
            check_database_file(path)
        elif not create:
            raise StoreError(f"no database at {path}")
        else:
            try:
                _make_private_dirs(path.parent)
                descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(descriptor)
                path.chmod(0o600)
            except OSError as error:
                raise StoreError(f"cannot create {path}: {error.strerror}") from error
        try:
            # Autocommit at the driver: every write runs inside an explicit `atomic()` block, and
            # no read leaves a transaction open to block another session.
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open {path}: {error}") from error
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            _check_schema(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            schema.migrate(conn)
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError(f"{path} is not a usable database: {error}") from error
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, zone)

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- low-level helpers ------------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.conn.execute(sql, tuple(params)).fetchall()
        return rows

    def _row(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.conn.execute(sql, tuple(params)).fetchone()
        return None if row is None else row[0]

    def _insert(self, table: str, columns: Sequence[str], values: Sequence[Any]) -> int:
        """Insert one row without its id column; returns the new id."""
        names = [name for name in columns if name != "id"]
        row = [value for name, value in zip(columns, values, strict=True) if name != "id"]
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({_placeholders(len(names))})",
            row,
        )
        new_id = cursor.lastrowid
        assert new_id is not None
        return new_id

    def _update(self, table: str, columns: Sequence[str], values: Sequence[Any]) -> None:
        """Update every column of the row whose id is the `id` value."""
        pairs = dict(zip(columns, values, strict=True))
        row_id = pairs.pop("id")
        assignments = ", ".join(f"{name} = ?" for name in pairs)
        self.conn.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ?", [*pairs.values(), row_id]
        )

    def _contact_row(self, contact_id: int) -> tuple[Any, ...]:
        row = self._row(f"SELECT {codec.CONTACT_SQL} FROM contacts WHERE id = ?", (contact_id,))
        if row is None:
            raise NotFound(f"no contact with id {contact_id}")
        return row

    def _require_contact(self, contact_id: int) -> None:
        if self._scalar("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)) is None:
            raise NotFound(f"no contact with id {contact_id}")

    def _save_contact(self, contact: Contact) -> None:
        if self._groups is not None:
            self._groups.add((cadence.cadence_days(contact), contact.circle.value))
        self._update("contacts", codec.CONTACT_COLUMNS, codec.contact_values(contact))

    def _contacts_by_ids(
        self, ids: Iterable[int], *, include_archived: bool = False
    ) -> dict[int, Contact]:
        unique = sorted(set(ids))
        found: dict[int, Contact] = {}
        archived_filter = "" if include_archived else " AND archived = 0"
        for chunk in _chunks(unique):
            for row in self._rows(
                f"SELECT {codec.CONTACT_SQL} FROM contacts"
                f" WHERE id IN ({_placeholders(len(chunk))}){archived_filter}",
                chunk,
            ):
                contact = codec.contact_from_row(row, self.zone)
                found[contact.id] = contact
        return found

    def _log_undo(
        self,
        description: str,
        *,
        inserted: dict[str, list[int]] | None = None,
        restore: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        payload = json.dumps(
            {"inserted": inserted or {}, "restore": restore or {}}, ensure_ascii=False
        )
        self.conn.execute(
            "INSERT INTO undo_log (description, payload, session) VALUES (?, ?, ?)",
            (description, payload, self.session),
        )
        self.conn.execute(
            "DELETE FROM undo_log WHERE id <= (SELECT max(id) FROM undo_log) - ?", (UNDO_KEEP,)
        )

    # --- settings -------------------------------------------------------------------
    @_locked
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A stored setting, else `default`."""
        value = self._scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else str(value)

    @_locked
    def set_setting(self, key: str, value: str) -> None:
        """Store a setting, replacing any earlier value."""
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- contacts -------------------------------------------------------------------
    @_locked
    def add_contacts(
        self, contacts: Sequence[Contact], *, today: Date, daily_budget: int
    ) -> list[Contact]:
        """Insert new contacts (their `id` is ignored) in one transaction.

        Contacts with no `last_touch_at` get a `first_due_on` spread by
        `core.budget.spread_first_due_dates` over the days already loaded.
        Returns the stored contacts with their ids.
        """
        self._groups = None  # rows change wholesale: find the groups afresh
        prepared = [
            contact if contact.created_on is not None else replace(contact, created_on=today)
            for contact in contacts
        ]
        to_spread = [
            index
            for index, contact in enumerate(prepared)
            if contact.last_touch_at is None and contact.first_due_on is None
        ]
        stored: list[Contact] = []
        with self.writing():
            self._spread_first_dues(prepared, to_spread, today=today, daily_budget=daily_budget)
            for contact in prepared:
                new_id = self._insert(
                    "contacts", codec.CONTACT_COLUMNS, codec.contact_values(contact)
                )
                stored.append(replace(contact, id=new_id))
        return stored

    def _spread_first_dues(
        self, contacts: list[Contact], indexes: Sequence[int], *, today: Date, daily_budget: int
    ) -> None:
        """Give `contacts[i]` for each i in `indexes` a first due date spread by the budget
        over the days already loaded (in place; call inside the write transaction)."""
        if not indexes:
            return
        spread = [contacts[i] for i in indexes]
        horizon = max(cadence.cadence_days(contact) for contact in spread)
        load = self._due_load(today, today.add(days=horizon))
        first_dues = budget.spread_first_due_dates(
            spread, today=today, daily_budget=daily_budget, load=load
        )
        for i, first_due_on in zip(indexes, first_dues, strict=True):
            contacts[i] = replace(contacts[i], first_due_on=first_due_on)

    def _due_load(self, today: Date, until: Date) -> dict[Date, int]:
        """Check-ins already due per day up to `until`; anything overdue counts for today."""
        load: dict[Date, int] = {}
        for due_text, count in self.conn.execute(
            "SELECT next_due_on, count(*) FROM contacts"
            " WHERE archived = 0 AND next_due_on <= ? GROUP BY next_due_on",
            (until.isoformat(),),
        ):
            day = max(Date.fromisoformat(due_text), today)
            load[day] = load.get(day, 0) + int(count)
        return load

    @_locked
    def import_people(
        self,
        new: Sequence[PersonWrite],
        merged: Sequence[PersonWrite],
        *,
        today: Date,
        now: DateTime,
        daily_budget: int,
        description: str,
    ) -> list[int]:
        """Add `new` people and save `merged` ones, with their dates and notes, all or nothing.

        One transaction, undoable as one action (`description` names it). Every new contact
        without a first due date gets one spread by the daily budget, even one whose file
        seeded a last touch years ago: an import never makes everyone due today. Returns the
        new contacts' ids, parallel to `new`.
        """
        self._groups = None  # rows change wholesale: find the groups afresh
        prepared = [
            write.contact
            if write.contact.created_on is not None
            else replace(write.contact, created_on=today)
            for write in new
        ]
        to_spread = [i for i, contact in enumerate(prepared) if contact.first_due_on is None]
        inserted: dict[str, list[int]] = {"contacts": [], "important_dates": [], "notes": []}
        before: list[dict[str, Any]] = []
        with self.writing():
            self._spread_first_dues(prepared, to_spread, today=today, daily_budget=daily_budget)
            for contact in prepared:
                inserted["contacts"].append(
                    self._insert("contacts", codec.CONTACT_COLUMNS, codec.contact_values(contact))
                )
            for write in merged:
                before.append(
                    codec.row_dict(codec.CONTACT_COLUMNS, self._contact_row(write.contact.id))
                )
                self._save_contact(write.contact)
            targets = [
                *zip(inserted["contacts"], new, strict=True),
                *((write.contact.id, write) for write in merged),
            ]
            for contact_id, write in targets:
                for date in write.dates:
                    inserted["important_dates"].append(
                        self._insert(
                            "important_dates",
                            codec.IMPORTANT_DATE_COLUMNS,
                            codec.important_date_values(replace(date, contact_id=contact_id)),
                        )
                    )
                for body in write.notes:
                    note = Note(id=0, contact_id=contact_id, body=body, created_at=now)
                    inserted["notes"].append(
                        self._insert("notes", codec.NOTE_COLUMNS, codec.note_values(note))
                    )
            self._log_undo(description, inserted=inserted, restore={"contacts": before})
        return inserted["contacts"]

    @_locked
    def date_keys(self) -> dict[int, set[tuple[str, int, int, int, int]]]:
        """Each contact's yearly dates as (kind, month, day, weekday, nth), missing parts 0 or
        -1 for weekday: what an import must not add again."""
        keys: dict[int, set[tuple[str, int, int, int, int]]] = {}
        for contact_id, kind, month, day, weekday, nth in self.conn.execute(
            "SELECT contact_id, kind, month, coalesce(day, 0), coalesce(weekday, -1),"
            " coalesce(nth, 0) FROM important_dates"
        ):
            keys.setdefault(contact_id, set()).add((kind, month, day, weekday, nth))
        return keys

    @_locked
    def note_bodies(self) -> dict[int, set[str]]:
        """Each contact's note texts: an import adds a note only when it is not already there."""
        bodies: dict[int, set[str]] = {}
        for contact_id, body in self.conn.execute("SELECT contact_id, body FROM notes"):
            bodies.setdefault(contact_id, set()).add(body)
        return bodies

    @_locked
    def update_contact(self, contact: Contact) -> Contact:
        """Save every field of an existing contact (recomputing its next due date)."""
        self._require_contact(contact.id)
        self._save_contact(contact)
        return codec.contact_from_row(self._contact_row(contact.id), self.zone)

    @_locked
    def get_contact(self, contact_id: int) -> Contact:
        """The contact with this id (NotFound if there is none)."""
        return codec.contact_from_row(self._contact_row(contact_id), self.zone)

    @_locked
    def contact_names(self, *, include_archived: bool = False) -> list[tuple[int, str]]:
        """(id, display name) of every contact, for name resolution."""
        where = "" if include_archived else " WHERE archived = 0"
        return [
            (int(contact_id), str(name))
            for contact_id, name in self.conn.execute(
                f"SELECT id, display_name FROM contacts{where} ORDER BY id"
            )
        ]

    @_locked
    def list_contacts(
        self,
        *,
        circle: str | None = None,
        tag: str | None = None,
        include_archived: bool = False,
    ) -> list[Contact]:
        """Contacts (not archived, unless asked) by name; optionally one circle and/or tag."""
        clauses = ["1" if include_archived else "archived = 0"]
        params: list[Any] = []
        if circle is not None:
            clauses.append("circle = ?")
            params.append(circle)
        if tag is not None:
            clauses.append("EXISTS (SELECT 1 FROM json_each(contacts.tags) WHERE value = ?)")
            params.append(tag)
        rows = self._rows(
            f"SELECT {codec.CONTACT_SQL} FROM contacts WHERE {' AND '.join(clauses)}", params
        )
        contacts = [codec.contact_from_row(row, self.zone) for row in rows]
        return sorted(contacts, key=lambda contact: (contact.display_name.casefold(), contact.id))

    @_locked
    def contact_detail(self, contact_id: int, *, interactions: int = 20) -> ContactDetail:
        """One person's whole record: the latest `interactions` touches, newest first."""
        contact = codec.contact_from_row(self._contact_row(contact_id), self.zone)
        by_contact = (contact_id,)
        return ContactDetail(
            contact=contact,
            next_due_on=cadence.next_due_on(contact),
            interactions=tuple(self._interactions_for(contact_id, interactions)),
            notes=tuple(
                codec.note_from_row(row, self.zone)
                for row in self._rows(
                    f"SELECT {codec.NOTE_SQL} FROM notes WHERE contact_id = ?"
                    " ORDER BY created_at DESC, id DESC",
                    by_contact,
                )
            ),
            dates=tuple(
                codec.important_date_from_row(row)
                for row in self._rows(
                    f"SELECT {codec.IMPORTANT_DATE_SQL} FROM important_dates"
                    " WHERE contact_id = ? ORDER BY month, day, id",
                    by_contact,
                )
            ),
            events=tuple(
                codec.life_event_from_row(row)
                for row in self._rows(
                    f"SELECT {codec.LIFE_EVENT_SQL} FROM life_events WHERE contact_id = ?"
                    " ORDER BY occurred_on DESC, id DESC",
                    by_contact,
                )
            ),
            commitments=tuple(
                codec.commitment_from_row(row)
                for row in self._rows(
                    f"SELECT {codec.COMMITMENT_SQL} FROM commitments WHERE contact_id = ?"
                    " ORDER BY done_on IS NOT NULL, due_on IS NULL, due_on, id",
                    by_contact,
                )
            ),
            questions=tuple(
                codec.question_from_row(row)
                for row in self._rows(
                    f"SELECT {codec.QUESTION_SQL} FROM questions WHERE contact_id = ?"
                    " ORDER BY asked_on IS NOT NULL, id",
                    by_contact,
                )
            ),
        )

    def _interactions_for(self, contact_id: int, limit: int) -> list[Interaction]:
        return [
            codec.interaction_from_row(row, self.zone)
            for row in self._rows(
                f"SELECT {codec.INTERACTION_SQL} FROM interactions WHERE contact_id = ?"
                " ORDER BY occurred_at DESC, id DESC LIMIT ?",
                (contact_id, limit),
            )
        ]

    @_locked
    def interactions_for(self, contact_id: int, *, limit: int = 50) -> list[Interaction]:
        """The contact's latest `limit` interactions, newest first."""
        return self._interactions_for(contact_id, limit)

    @_locked
    def count_contacts(self, *, include_archived: bool = False) -> int:
        """How many contacts the network holds."""
        where = "" if include_archived else " WHERE archived = 0"
        return int(self._scalar(f"SELECT count(*) FROM contacts{where}"))

    @_locked
    def has_contacts(self) -> bool:
        """Whether anyone is in the network yet (the first-run screen asks)."""
        return self._scalar("SELECT 1 FROM contacts LIMIT 1") is not None

    @_locked
    def next_due(self, today: Date) -> tuple[Contact, Date] | None:
        """The next person due after `today`, and when: what an empty agenda looks forward to."""
        row = self._row(
            f"SELECT {codec.CONTACT_SQL} FROM contacts INDEXED BY contacts_due"
            " WHERE archived = 0 AND next_due_on > ? ORDER BY next_due_on LIMIT 1",
            (today.isoformat(),),
        )
        if row is None:
            return None
        contact = codec.contact_from_row(row, self.zone)
        return contact, cadence.next_due_on(contact)

    # --- interactions and triage (each undoable with `undo`) ------------------------
    @_locked
    def log_interaction(self, interaction: Interaction, *, today: Date) -> Interaction:
        """Store a touch and update the contact's cadence state in the same transaction.

        A congrats interaction also acknowledges the contact's celebrations due around
        `today` (important dates within their lead window, recent life events).
        """
        with self.writing():
            before = self._contact_row(interaction.contact_id)
            contact = codec.contact_from_row(before, self.zone)
            new_id = self._insert(
                "interactions", codec.INTERACTION_COLUMNS, codec.interaction_values(interaction)
            )
            stored = replace(interaction, id=new_id)
            self._save_contact(cadence.apply_interaction(contact, stored))
            restore: dict[str, list[dict[str, Any]]] = {
                "contacts": [codec.row_dict(codec.CONTACT_COLUMNS, before)]
            }
            if stored.kind is InteractionKind.CONGRATS:
                restore.update(self._acknowledge_celebrations(contact, today))
            self._log_undo(
                f"logged {stored.kind.value} with {contact.display_name}",
                inserted={"interactions": [new_id]},
                restore=restore,
            )
        return stored

    def _acknowledge_celebrations(
        self, contact: Contact, today: Date
    ) -> dict[str, list[dict[str, Any]]]:
        """Mark the contact's pending dates celebrated and events acknowledged; prior rows."""
        prior: dict[str, list[dict[str, Any]]] = {"important_dates": [], "life_events": []}
        for row in self._rows(
            f"SELECT {codec.IMPORTANT_DATE_SQL} FROM important_dates WHERE contact_id = ?",
            (contact.id,),
        ):
            date = codec.important_date_from_row(row)
            if milestones.pending_occurrence(date, contact.circle, today) is not None:
                prior["important_dates"].append(codec.row_dict(codec.IMPORTANT_DATE_COLUMNS, row))
                self.conn.execute(
                    "UPDATE important_dates SET celebrated_on = ? WHERE id = ?",
                    (today.isoformat(), date.id),
                )
        for row in self._rows(
            f"SELECT {codec.LIFE_EVENT_SQL} FROM life_events"
            " WHERE contact_id = ? AND acknowledged_on IS NULL",
            (contact.id,),
        ):
            event = codec.life_event_from_row(row)
            if milestones.event_pending(event, today):
                prior["life_events"].append(codec.row_dict(codec.LIFE_EVENT_COLUMNS, row))
                self.conn.execute(
                    "UPDATE life_events SET acknowledged_on = ? WHERE id = ?",
                    (today.isoformat(), event.id),
                )
        return {table: rows for table, rows in prior.items() if rows}

    @_locked
    def snooze(self, contact_id: int, until: Date, *, today: Date) -> Contact:
        """Hide the contact's check-in until `until` (ValueError unless after `today`)."""
        with self.writing():
            before = self._contact_row(contact_id)
            contact = cadence.snooze(codec.contact_from_row(before, self.zone), until, today)
            self._save_contact(contact)
            self._log_undo(
                f"snoozed {contact.display_name} until {until.isoformat()}",
                restore={"contacts": [codec.row_dict(codec.CONTACT_COLUMNS, before)]},
            )
        return contact

    @_locked
    def skip(self, contact_id: int, *, today: Date) -> Contact:
        """Skip this cycle: the contact is next due one cadence from `today`."""
        with self.writing():
            before = self._contact_row(contact_id)
            contact = cadence.skip_cycle(codec.contact_from_row(before, self.zone), today)
            self._save_contact(contact)
            self._log_undo(
                f"skipped this cycle for {contact.display_name}",
                restore={"contacts": [codec.row_dict(codec.CONTACT_COLUMNS, before)]},
            )
        return contact

    @_locked
    def complete_commitment(self, commitment_id: int, *, today: Date) -> Commitment:
        """Mark a promise kept on `today` (a no-op when it already was)."""
        with self.writing():
            before = self._row(
                f"SELECT {codec.COMMITMENT_SQL} FROM commitments WHERE id = ?", (commitment_id,)
            )
            if before is None:
                raise NotFound(f"no promise with id {commitment_id}")
            commitment = codec.commitment_from_row(before)
            if commitment.done_on is not None:
                return commitment
            done = replace(commitment, done_on=today)
            self._update("commitments", codec.COMMITMENT_COLUMNS, codec.commitment_values(done))
            name = self._scalar(
                "SELECT display_name FROM contacts WHERE id = ?", (commitment.contact_id,)
            )
            self._log_undo(
                f"kept promise to {name}: {commitment.text}",
                restore={"commitments": [codec.row_dict(codec.COMMITMENT_COLUMNS, before)]},
            )
        return done

    def _undo_scope(self) -> str:
        return " WHERE session = ?" if self.session else ""

    @_locked
    def undo(self) -> str | None:
        """Revert the latest undoable action; returns what was undone, None if nothing."""
        self._groups = None  # rows change wholesale: find the groups afresh
        with self.writing():
            row = self._row(
                f"SELECT id, description, payload FROM undo_log{self._undo_scope()}"
                " ORDER BY id DESC LIMIT 1",
                (self.session,) if self.session else (),
            )
            if row is None:
                return None
            undo_id, description, payload_text = row
            payload = json.loads(payload_text)
            inserted: dict[str, list[int]] = payload.get("inserted", {})
            restore: dict[str, list[dict[str, Any]]] = payload.get("restore", {})
            for table in (*inserted, *restore):
                if table not in _UNDO_TABLES:
                    raise StoreError(f"undo record {undo_id} names an unknown table {table!r}")
            for table, ids in inserted.items():
                for chunk in _chunks(ids):
                    self.conn.execute(
                        f"DELETE FROM {table} WHERE id IN ({_placeholders(len(chunk))})", chunk
                    )
            for table, snapshots in restore.items():
                for snapshot in snapshots:
                    columns = list(snapshot)
                    self._update(table, columns, [snapshot[name] for name in columns])
            self.conn.execute("DELETE FROM undo_log WHERE id = ?", (undo_id,))
        return f"undid: {description}"

    @_locked
    def peek_undo(self) -> str | None:
        """What `undo` would revert now (for a hint in the UI), None if nothing."""
        value = self._scalar(
            f"SELECT description FROM undo_log{self._undo_scope()} ORDER BY id DESC LIMIT 1",
            (self.session,) if self.session else (),
        )
        return None if value is None else str(value)

    # --- the rest of a person's record -----------------------------------------------
    @_locked
    def add_question(self, contact_id: int, text: str, *, today: Date) -> FollowUpQuestion:
        """Remember something to ask next time."""
        self._require_contact(contact_id)
        question = FollowUpQuestion(id=0, contact_id=contact_id, text=text, created_on=today)
        new_id = self._insert("questions", codec.QUESTION_COLUMNS, codec.question_values(question))
        return replace(question, id=new_id)

    @_locked
    def mark_question_asked(self, question_id: int, *, today: Date) -> FollowUpQuestion:
        """Tick a question off as asked on `today` (a no-op when it already was)."""
        with self.writing():
            before = self._row(
                f"SELECT {codec.QUESTION_SQL} FROM questions WHERE id = ?", (question_id,)
            )
            if before is None:
                raise NotFound(f"no question with id {question_id}")
            question = codec.question_from_row(before)
            if question.asked_on is not None:
                return question
            asked = replace(question, asked_on=today)
            self._update("questions", codec.QUESTION_COLUMNS, codec.question_values(asked))
            name = self._scalar(
                "SELECT display_name FROM contacts WHERE id = ?", (question.contact_id,)
            )
            self._log_undo(
                f"asked {name}: {question.text}",
                restore={"questions": [codec.row_dict(codec.QUESTION_COLUMNS, before)]},
            )
        return asked

    @_locked
    def add_commitment(
        self, contact_id: int, text: str, *, due_on: Date | None, today: Date
    ) -> Commitment:
        """Record a promise made to the contact."""
        self._require_contact(contact_id)
        commitment = Commitment(
            id=0, contact_id=contact_id, text=text, due_on=due_on, created_on=today
        )
        new_id = self._insert(
            "commitments", codec.COMMITMENT_COLUMNS, codec.commitment_values(commitment)
        )
        return replace(commitment, id=new_id)

    @_locked
    def open_commitments(self, contact_id: int) -> list[Commitment]:
        """The contact's promises not yet kept, soonest due first (undated last)."""
        return [
            codec.commitment_from_row(row)
            for row in self._rows(
                f"SELECT {codec.COMMITMENT_SQL} FROM commitments"
                " WHERE contact_id = ? AND done_on IS NULL"
                " ORDER BY due_on IS NULL, due_on, id",
                (contact_id,),
            )
        ]

    @_locked
    def add_important_date(self, date: ImportantDate) -> ImportantDate:
        """Store a yearly date for a contact (its `id` is ignored)."""
        self._require_contact(date.contact_id)
        try:
            new_id = self._insert(
                "important_dates",
                codec.IMPORTANT_DATE_COLUMNS,
                codec.important_date_values(date),
            )
        except sqlite3.IntegrityError as error:
            raise StoreError(f"invalid date rule {date.rule}: {error}") from error
        return replace(date, id=new_id)

    @_locked
    def add_life_event(self, event: LifeEvent) -> LifeEvent:
        """Store a life event for a contact (its `id` is ignored)."""
        self._require_contact(event.contact_id)
        new_id = self._insert(
            "life_events", codec.LIFE_EVENT_COLUMNS, codec.life_event_values(event)
        )
        return replace(event, id=new_id)

    @_locked
    def add_note(self, contact_id: int, body: str, *, now: DateTime) -> Note:
        """Store a free-text note about the contact."""
        self._require_contact(contact_id)
        note = Note(id=0, contact_id=contact_id, body=body, created_at=now)
        new_id = self._insert("notes", codec.NOTE_COLUMNS, codec.note_values(note))
        stored = self._row(f"SELECT {codec.NOTE_SQL} FROM notes WHERE id = ?", (new_id,))
        assert stored is not None
        return codec.note_from_row(stored, self.zone)

    @_locked
    def load_network(self, network: Network) -> None:
        """Bulk-load a whole network into an EMPTY database in one transaction, fast.

        Ids and every field are kept exactly as given (the generator/importer has already
        folded interactions into each contact's cadence state with core.cadence); only
        `next_due_on` is computed. Bulk inserts (executemany) inside `writing()`, the search
        index built once at the end. Raises StoreError if the database already holds contacts.
        """
        self._groups = None  # rows change wholesale: find the groups afresh
        if self._scalar("SELECT 1 FROM contacts LIMIT 1") is not None:
            raise StoreError(f"{self.path} already holds contacts; load into an empty database")
        # A bigger page cache while loading keeps the indexes' hot pages in memory.
        cache_size = self._scalar("PRAGMA cache_size")
        self.conn.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KIB:d}")
        try:
            self._load_empty(network)
        except sqlite3.IntegrityError as error:
            raise StoreError(f"the network does not load: {error}") from error
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(cache_size):d}")

    def _load_empty(self, network: Network) -> None:
        with self.writing():
            # Per-row FTS triggers are the slow part of a bulk load: drop them, insert, then
            # build the index in one pass and put the triggers back (all in this transaction).
            triggers = [
                str(sql)
                for (sql,) in self.conn.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL"
                )
            ]
            for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall():
                self.conn.execute(f'DROP TRIGGER "{name}"')
            self._bulk(
                "contacts", codec.CONTACT_COLUMNS, map(codec.contact_values, network.contacts)
            )
            self._bulk(
                "interactions",
                codec.INTERACTION_COLUMNS,
                map(codec.interaction_values, network.interactions),
            )
            self._bulk(
                "important_dates",
                codec.IMPORTANT_DATE_COLUMNS,
                map(codec.important_date_values, network.dates),
            )
            self._bulk(
                "life_events",
                codec.LIFE_EVENT_COLUMNS,
                map(codec.life_event_values, network.events),
            )
            self._bulk(
                "commitments",
                codec.COMMITMENT_COLUMNS,
                map(codec.commitment_values, network.commitments),
            )
            self._bulk(
                "questions", codec.QUESTION_COLUMNS, map(codec.question_values, network.questions)
            )
            self._bulk("notes", codec.NOTE_COLUMNS, map(codec.note_values, network.notes))
            for statement in schema.REBUILD_SEARCH_SQL:
                self.conn.execute(statement)
            for sql in triggers:
                self.conn.execute(sql)

    def _bulk(
        self, table: str, columns: Sequence[str], rows: Iterable[tuple[codec.Value, ...]]
    ) -> None:
        """Insert many rows in column order (inside the caller's transaction).

        Plain `executemany` over a lazy iterator: half the time of sqlite-utils' `insert_all`
        (which builds multi-row statements in Python) and no list of a million rows in memory.
        """
        self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_placeholders(len(columns))})",
            rows,
        )

    # --- drafts -----------------------------------------------------------------------
    @_locked
    def save_draft(self, draft: Draft, *, now: DateTime) -> Draft:
        """Keep the draft (replacing the contact's earlier one), committed at once."""
        self._require_contact(draft.contact_id)
        saved = replace(draft, updated_at=now)
        self.conn.execute(
            "INSERT INTO drafts (contact_id, body, channel, subject, item_kind, template,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (contact_id) DO UPDATE SET body = excluded.body,"
            " channel = excluded.channel, subject = excluded.subject,"
            " item_kind = excluded.item_kind, template = excluded.template,"
            " updated_at = excluded.updated_at",
            (
                saved.contact_id,
                saved.body,
                saved.channel.value,
                saved.subject,
                saved.item_kind,
                saved.template,
                codec.instant_text(now),
            ),
        )
        return saved

    @_locked
    def record_sent(
        self,
        interaction: Interaction,
        *,
        today: Date,
        commitment_id: int | None = None,
        question_ids: Sequence[int] = (),
    ) -> tuple[Interaction, bool, int]:
        """A message went out: log it, keep the promise it answers, tick the questions it
        asks and forget the contact's draft, all in one transaction.

        A crash or a failed write leaves all of it undone (the draft kept, nothing logged),
        never the draft gone without the log. Returns the stored interaction, whether the
        promise was marked kept now, and how many questions were ticked off. A promise or
        question that no longer exists is skipped.
        """
        with self.writing():
            stored = self.log_interaction(interaction, today=today)
            kept = False
            if commitment_id is not None and self._scalar(
                "SELECT 1 FROM commitments WHERE id = ? AND done_on IS NULL", (commitment_id,)
            ):
                self.complete_commitment(commitment_id, today=today)
                kept = True
            asked = 0
            for question_id in question_ids:
                if self._scalar(
                    "SELECT 1 FROM questions WHERE id = ? AND asked_on IS NULL", (question_id,)
                ):
                    self.mark_question_asked(question_id, today=today)
                    asked += 1
            self.conn.execute("DELETE FROM drafts WHERE contact_id = ?", (interaction.contact_id,))
        return stored, kept, asked

    @_locked
    def get_draft(self, contact_id: int) -> Draft | None:
        """The contact's unsent draft, if any."""
        row = self._row(
            "SELECT contact_id, body, channel, subject, item_kind, template, updated_at"
            " FROM drafts WHERE contact_id = ?",
            (contact_id,),
        )
        if row is None:
            return None
        contact, body, channel, subject, item_kind, template, updated_at = row
        return Draft(
            contact_id=contact,
            body=body,
            channel=Channel(channel),
            subject=subject,
            item_kind=item_kind,
            template=template,
            updated_at=codec.parse_instant(updated_at, self.zone),
        )

    @_locked
    def delete_draft(self, contact_id: int) -> None:
        """Forget the contact's draft (it was sent, or thrown away)."""
        self.conn.execute("DELETE FROM drafts WHERE contact_id = ?", (contact_id,))

    # --- reading ---------------------------------------------------------------------
    @_locked
    def agenda(self, today: Date, *, limit: int = 50, daily_budget: int = 5) -> Agenda:
        """The agenda for `today`: at most `limit` check-ins (the most urgent), all else."""
        reply_contacts = [
            codec.contact_from_row(row, self.zone)
            for row in self._rows(
                f"SELECT {codec.CONTACT_SQL} FROM contacts"
                " WHERE awaiting_reply_since IS NOT NULL AND archived = 0"
                " ORDER BY awaiting_reply_since"
            )
        ]
        checkin_ids, checkins_due = self._checkin_candidates(today, limit, reply_contacts)
        dates = self._date_candidates(today)
        events = [
            codec.life_event_from_row(row)
            for row in self._rows(
                f"SELECT {codec.LIFE_EVENT_SQL} FROM life_events"
                " WHERE acknowledged_on IS NULL AND occurred_on BETWEEN ? AND ?",
                (
                    today.subtract(days=milestones.LIFE_EVENT_WINDOW_DAYS).isoformat(),
                    today.add(days=milestones.LIFE_EVENT_AHEAD_DAYS).isoformat(),
                ),
            )
        ]
        commitments = [
            codec.commitment_from_row(row)
            for row in self._rows(
                f"SELECT {codec.COMMITMENT_SQL} FROM commitments"
                " WHERE done_on IS NULL AND due_on <= ?",
                (today.add(days=milestones.COMMITMENT_AHEAD_DAYS).isoformat(),),
            )
        ]
        # One read for everyone listed: the chosen check-ins and the owners of the rest.
        owners = self._contacts_by_ids(
            [
                *checkin_ids,
                *(date.contact_id for date in dates),
                *(event.contact_id for event in events),
                *(commitment.contact_id for commitment in commitments),
            ]
        )
        checkin_contacts = [owners[contact_id] for contact_id in checkin_ids]
        summaries = self._summaries([*checkin_contacts, *reply_contacts])
        return core_agenda.build_agenda(
            today,
            checkins=[summaries[contact.id] for contact in checkin_contacts],
            replies_owed=[summaries[contact.id] for contact in reply_contacts],
            dates=[(date, owners[date.contact_id]) for date in dates if date.contact_id in owners],
            events=[
                (event, owners[event.contact_id]) for event in events if event.contact_id in owners
            ],
            commitments=[
                (commitment, owners[commitment.contact_id])
                for commitment in commitments
                if commitment.contact_id in owners
            ],
            checkins_due=checkins_due,
            daily_budget=daily_budget,
        )

    def _cadence_groups(self) -> set[tuple[int, str]]:
        """Distinct (cadence_days, circle) of active contacts, by skip-scanning the index.

        Two index seeks per group instead of reading every contact's entry; cached until
        another connection commits. A group left empty by an edit only costs one empty seek.
        """
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        if self._groups is not None and version == self._groups_version:
            return self._groups
        groups: set[tuple[int, str]] = set()
        row = self.conn.execute(
            "SELECT cadence_days, circle FROM contacts WHERE archived = 0"
            " AND cadence_days >= 1 ORDER BY cadence_days, circle LIMIT 1"
        ).fetchone()
        while row is not None:
            group = (int(row[0]), str(row[1]))
            groups.add(group)
            row = (
                self.conn.execute(
                    "SELECT cadence_days, circle FROM contacts WHERE archived = 0"
                    " AND cadence_days = ? AND circle > ? ORDER BY circle LIMIT 1",
                    group,
                ).fetchone()
                or self.conn.execute(
                    "SELECT cadence_days, circle FROM contacts WHERE archived = 0"
                    " AND cadence_days > ? ORDER BY cadence_days, circle LIMIT 1",
                    (group[0],),
                ).fetchone()
            )
        self._groups, self._groups_version = groups, version
        return groups

    def _checkin_candidates(
        self, today: Date, limit: int, owing: Sequence[Contact]
    ) -> tuple[list[int], int]:
        """The `limit` most urgent due contacts, and how many are due in all.

        Core's urgency rises with lateness within one (cadence, circle) group, so a group
        read from the index (earliest due first, then by name key and id, core's tie-break)
        is already in core's order: a k-way merge of the groups by `core.cadence.urgency`
        finds the top `limit` reading index entries only (`core.cadence.urgency_of` on the
        stored due date and cadence), then decodes just those rows. Contacts we owe a reply
        are listed as replies, not check-ins.
        """
        today_text = today.isoformat()
        today_ordinal = today.toordinal()
        owing_ids = {contact.id for contact in owing}
        due_total = -sum(1 for contact in owing if cadence.days_overdue(contact, today) >= 0)
        due_total += int(
            self._scalar(
                "SELECT count(*) FROM contacts INDEXED BY contacts_due"
                " WHERE archived = 0 AND next_due_on <= ?",
                (today_text,),
            )
        )
        cursors: list[tuple[sqlite3.Cursor, int, Circle]] = []
        heads: list[tuple[float, str, int, int]] = []

        def push_next(index: int) -> None:
            cursor, every, circle = cursors[index]
            for contact_id, due_text, name_key in cursor:
                if contact_id in owing_ids:
                    continue
                late = today_ordinal - date.fromisoformat(due_text).toordinal()
                rank = -cadence.urgency_of(late, every, circle)
                heapq.heappush(heads, (rank, name_key, contact_id, index))
                return

        chosen: list[int] = []
        try:
            for every, circle in sorted(self._cadence_groups()):
                # Only the covering index is read: whole rows are decoded for the chosen.
                # Its entries end in the row id (archived is 0 in all of them), so equal
                # names come in id order without saying so; naming `id` in ORDER BY would
                # make SQLite sort again, holding ~100 KiB per open cursor (2 MiB at once).
                cursor = self.conn.execute(
                    "SELECT id, next_due_on, name_key FROM contacts INDEXED BY contacts_checkins"
                    " WHERE archived = 0 AND cadence_days = ? AND circle = ?"
                    " AND next_due_on <= ? ORDER BY next_due_on, name_key LIMIT ?",
                    (every, circle, today_text, limit + len(owing_ids)),
                )
                cursors.append((cursor, every, Circle(circle)))
                push_next(len(cursors) - 1)
            while heads and len(chosen) < limit:
                *_, contact_id, index = heapq.heappop(heads)
                chosen.append(contact_id)
                push_next(index)
        finally:
            for cursor, _, _ in cursors:
                cursor.close()
        return chosen, max(due_total, 0)

    def _summaries(self, contacts: Sequence[Contact]) -> dict[int, ContactSummary]:
        """Last interaction and open questions of each listed contact (indexed lookups)."""
        ids = sorted({contact.id for contact in contacts})
        questions: dict[int, list[FollowUpQuestion]] = {}
        for chunk in _chunks(ids):
            for row in self._rows(
                f"SELECT {codec.QUESTION_SQL} FROM questions"
                f" WHERE contact_id IN ({_placeholders(len(chunk))})"
                " AND asked_on IS NULL ORDER BY id",
                chunk,
            ):
                question = codec.question_from_row(row)
                questions.setdefault(question.contact_id, []).append(question)
        latest: dict[int, Interaction] = {}
        for chunk in _chunks(ids):
            for row in self._rows(
                f"SELECT {codec.INTERACTION_SQL} FROM interactions WHERE id IN ("
                " SELECT (SELECT i.id FROM interactions AS i WHERE i.contact_id = wanted.value"
                "  ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1)"
                " FROM json_each(?) AS wanted)",
                (json.dumps(list(chunk)),),
            ):
                interaction = codec.interaction_from_row(row, self.zone)
                latest[interaction.contact_id] = interaction
        return {
            contact.id: ContactSummary(
                contact=contact,
                last_interaction=latest.get(contact.id),
                open_questions=tuple(questions.get(contact.id, ())),
            )
            for contact in contacts
        }

    def _date_candidates(self, today: Date) -> list[ImportantDate]:
        """Yearly dates that may be pending around `today`, for core to decide.

        Fixed dates are found by (month, day) within each circle's own lead window (core's
        lead times, so the candidates stay few at 100,000 contacts); dates with their own
        lead use the widest window; relative rules ("3rd Sunday of June") are all fetched.
        """
        grace = milestones.CELEBRATION_GRACE_DAYS
        start = today.subtract(days=grace)
        windows: list[tuple[str, tuple[Any, ...], set[tuple[int, int]]]] = [
            (
                "d.remind_days_ahead IS NOT NULL",
                (),
                milestones.month_days_within(start, milestones.MAX_REMIND_DAYS_AHEAD + grace),
            )
        ]
        for circle in Circle:
            lead = max(
                milestones.remind_days_ahead(
                    ImportantDate(id=0, contact_id=0, kind=kind, rule=YearlyRule(1, 1)), circle
                )
                for kind in DateKind
            )
            windows.append(
                (
                    "d.remind_days_ahead IS NULL AND c.circle = ?",
                    (circle.value,),
                    milestones.month_days_within(start, lead + grace),
                )
            )
        select = (
            f"SELECT {codec.select_list(codec.IMPORTANT_DATE_COLUMNS, 'd')}"
            " FROM important_dates AS d JOIN contacts AS c ON c.id = d.contact_id"
            " WHERE c.archived = 0"
        )
        rows: list[tuple[Any, ...]] = []
        for condition, params, month_days in windows:
            by_month: dict[int, list[int]] = {}
            for month, day in sorted(month_days):
                by_month.setdefault(month, []).append(day)
            for month, days in by_month.items():
                rows.extend(
                    self._rows(
                        f"{select} AND {condition}"
                        f" AND d.month = ? AND d.day IN ({_placeholders(len(days))})",
                        (*params, month, *days),
                    )
                )
        rows.extend(self._rows(f"{select} AND d.day IS NULL"))
        return [codec.important_date_from_row(row) for row in rows]

    @_locked
    def search(self, text: str, *, limit: int = 50) -> list[tuple[Contact, str]]:
        """Full-text search over names, notes and interaction summaries: (contact, snippet)."""
        query = _fts_query(text)
        if query is None or limit <= 0:
            return []
        try:
            hits = self.conn.execute(
                """
                WITH hits AS (
                    SELECT rowid AS hit, contact_id, rank
                    FROM search_index WHERE search_index MATCH ?
                ),
                best AS (
                    SELECT hit, contact_id, rank,
                           row_number() OVER (PARTITION BY contact_id ORDER BY rank, hit) AS place
                    FROM hits
                )
                SELECT hit, contact_id FROM best WHERE place = 1
                ORDER BY rank, contact_id LIMIT ?
                """,
                (query, limit),
            ).fetchall()
            snippets = dict(
                self.conn.execute(
                    "SELECT rowid, snippet(search_index, 0, '', '', '…', 12) FROM search_index"
                    f" WHERE search_index MATCH ? AND rowid IN ({_placeholders(len(hits))})",
                    (query, *(hit for hit, _ in hits)),
                ).fetchall()
            )
        except sqlite3.OperationalError as error:
            raise StoreError(f"cannot search for {text!r}: {error}") from error
        contacts = self._contacts_by_ids(
            [contact_id for _, contact_id in hits], include_archived=True
        )
        return [
            (contacts[contact_id], str(snippets.get(hit, "")))
            for hit, contact_id in hits
            if contact_id in contacts
        ]


def _check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file from a newer version, or a SQLite database that is not ours."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > schema.LATEST_VERSION:
        raise StoreError(
            f"{path} was written by a newer nurture-tui (schema {version}, this one knows"
            f" {schema.LATEST_VERSION}); upgrade nurture-tui to open it"
        )
    if version == 0:
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if tables:
            raise StoreError(f"{path} is a SQLite database but not a nurture-tui one")
