"""A lossless JSON backup of the whole database, and its restore into an empty one.

Lossless by construction: every user table is dumped row by row with every stored column,
found from `sqlite_master`, so a table a later migration adds is backed up without a change
here. Left out are SQLite's own tables, the full-text index (`search_index` and its shadow
tables: rebuilt from the source tables on restore) and the undo history (it describes edits
to a database that the restored one never saw). Rows are in primary-key order and each sits on
one line, so the same database always gives the same text and two backups diff well.

    {"format": "nurture-tui", "version": 1, "schema_version": 2,
     "tables": {"contacts": [{"id": 1, "display_name": "Ana Lima", ...}, ...], ...}}

A BLOB value, which JSON has no form for, is written as `{"base64": "..."}`.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from data import schema
from data.store import LOAD_CACHE_KIB, Store, StoreError

FORMAT = "nurture-tui"
VERSION = 1
BLOB_KEY = "base64"
# Tables that are derived from others or only make sense in the file they were written in.
SKIPPED_TABLES = frozenset({"undo_log"})
# Shadow tables SQLite's full-text modules keep beside a virtual table named like `x`: `x_data`.
_SHADOW_SUFFIXES = frozenset(
    {"data", "idx", "content", "docsize", "config", "segments", "segdir", "stat"}
)
_CHUNK = 1000
_INTEGER_TYPES = ("INT",)
_TEXT_TYPES = ("CHAR", "CLOB", "TEXT")
_REAL_TYPES = ("REAL", "FLOA", "DOUB")
_ACCEPTS: dict[str, frozenset[type]] = {
    "integer": frozenset({int}),
    "text": frozenset({str}),
    "real": frozenset({int, float}),
    "numeric": frozenset({int, float, str}),
    "blob": frozenset({int, float, str}),
}
_WITHOUT_ROWID = re.compile(r"\)\s*WITHOUT\s+ROWID", re.IGNORECASE)


class RestoreError(StoreError, ValueError):
    """A backup that cannot be restored here, with the reason in one line."""


@dataclass(frozen=True)
class RestoreReport:
    """What a restore put back: rows per table, in the order they were restored."""

    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        """Rows restored in all."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class _Column:
    name: str
    affinity: str  # integer / text / real / numeric / blob, by SQLite's rules
    required: bool  # NOT NULL, or an INTEGER PRIMARY KEY (the row's id)
    has_default: bool
    # The exact types JSON decodes to that the column takes as they are (a bool is no int).
    accepts: frozenset[type]


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[_Column, ...]
    order_by: str
    names: tuple[str, ...]


def export_json(store: Store) -> str:
    """Every user table of the database as JSON text (same database, same text)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    # One read transaction: a consistent snapshot even while another session writes. The
    # lock keeps a worker thread sharing this connection out of it meanwhile.
    with store.snapshot():
        version = schema.user_version(store.conn)
        parts = [
            "{\n",
            f'  "format": {encode(FORMAT)},\n',
            f'  "version": {VERSION:d},\n',
            f'  "schema_version": {version:d},\n',
            '  "tables": {',
        ]
        for index, table in enumerate(backed_up_tables(store.conn)):
            parts.append(",\n" if index else "\n")
            parts.append(f"    {encode(table.name)}: [")
            names = [column.name for column in table.columns]
            keys = [encode(name) + ": " for name in names]
            cursor = store.conn.execute(
                f"SELECT {', '.join(map(_quoted, names))} FROM {_quoted(table.name)}"
                f" ORDER BY {table.order_by}"
            )
            first = True
            for row in cursor:
                fields = ", ".join(
                    key + encode(_jsonable(value)) for key, value in zip(keys, row, strict=True)
                )
                parts.append(("\n      {" if first else ",\n      {") + fields + "}")
                first = False
            parts.append("]" if first else "\n    ]")
        parts.append("\n  }\n}\n")
    return "".join(parts)


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {BLOB_KEY: base64.b64encode(value).decode("ascii")}
    return value


def restore_json(store: Store, text: str) -> RestoreReport:
    """Load a backup made by `export_json` into an EMPTY database, all or nothing.

    Refuses (RestoreError, one line naming the table and row) a file that is not our
    format, one from a newer schema, unknown tables or columns, values of the wrong type,
    rows that break the schema's constraints or references, and any database that already
    holds data. Everything is inserted in one transaction, so a refusal leaves the database
    as it was; the search index is rebuilt from the restored rows.
    """
    backup = _parse(text, schema.user_version(store.conn))
    with store._lock:
        tables = {table.name: table for table in backed_up_tables(store.conn)}
        unknown = [name for name in backup if name not in tables]
        if unknown:
            raise RestoreError(
                f"the backup has a table {unknown[0]!r} this database does not have;"
                " is it from another program?"
            )
        # Restore in the database's own table order (parents before children).
        ordered = [tables[name] for name in tables if name in backup]
        counts: dict[str, int] = {}
        # A bigger page cache while loading keeps the indexes' hot pages in memory.
        cache_size = int(store.conn.execute("PRAGMA cache_size").fetchone()[0])
        store.conn.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KIB:d}")
        try:
            with store.writing():
                _require_empty(store, tables.values())
                # References are checked once everything is in, so row order never matters.
                store.conn.execute("PRAGMA defer_foreign_keys = ON")
                triggers = _drop_triggers(store.conn)
                store.conn.execute("DELETE FROM undo_log")
                for table in ordered:
                    counts[table.name] = _restore_table(store.conn, table, backup[table.name])
                for statement in schema.REBUILD_SEARCH_SQL:
                    store.conn.execute(statement)
                for sql in triggers:
                    store.conn.execute(sql)
                _check_references(store.conn)
        finally:
            store.conn.execute(f"PRAGMA cache_size = {cache_size:d}")
            # The agenda's cache of cadence groups only notices other connections' writes.
            store._groups = None
    return RestoreReport(counts=counts)


def _parse(text: str, known_version: int) -> dict[str, list[Any]]:
    """The backup's tables by name, after checking it is ours and not from a newer version."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RestoreError(
            f"not a nurture-tui backup: not JSON ({error.msg} at line {error.lineno})"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreError('not a nurture-tui backup: no "format": "nurture-tui" in it')
    version = document.get("version")
    if not _is_int(version) or version < 1:
        raise RestoreError('not a nurture-tui backup: its "version" is not a number')
    if version > VERSION:
        raise RestoreError(
            f"this backup is in format {version}, newer than this nurture-tui reads ({VERSION});"
            " upgrade nurture-tui to restore it"
        )
    schema_version = document.get("schema_version")
    if not _is_int(schema_version) or schema_version < 1:
        raise RestoreError('not a nurture-tui backup: its "schema_version" is not a number')
    if schema_version > known_version:
        raise RestoreError(
            f"this backup was written by a newer nurture-tui (schema {schema_version}, this one"
            f" knows {known_version}); upgrade nurture-tui to restore it"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise RestoreError('not a nurture-tui backup: no "tables" object in it')
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise RestoreError(f"table {name!r}: expected a list of rows")
    return tables


def backed_up_tables(conn: sqlite3.Connection) -> list[_Table]:
    """The tables a backup holds, in creation order: every user table but the skipped ones."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
    ).fetchall()
    virtual = {
        str(name) for name, sql in rows if str(sql or "").upper().startswith("CREATE VIRTUAL")
    }
    tables = []
    for name, sql in rows:
        name = str(name)
        owner, _, suffix = name.rpartition("_")
        if (
            name.startswith("sqlite_")
            or name in virtual
            or name in SKIPPED_TABLES
            or (owner in virtual and suffix in _SHADOW_SUFFIXES)
        ):
            continue
        tables.append(_describe(conn, name, str(sql or "")))
    return tables


def _describe(conn: sqlite3.Connection, name: str, sql: str) -> _Table:
    columns = []
    keys: list[tuple[int, str]] = []
    # table_xinfo also lists generated columns (hidden 2 and 3): derived, so not backed up.
    for _, column, declared, not_null, default, key, hidden in conn.execute(
        f"PRAGMA table_xinfo({_quoted(name)})"
    ):
        if hidden:
            continue
        affinity = _affinity(str(declared or ""))
        required = bool(not_null) or (bool(key) and affinity == "integer")
        columns.append(
            _Column(
                name=str(column),
                affinity=affinity,
                required=required,
                has_default=default is not None,
                accepts=_ACCEPTS[affinity] if required else _ACCEPTS[affinity] | {type(None)},
            )
        )
        if key:
            keys.append((int(key), str(column)))
    if keys:
        order_by = ", ".join(_quoted(column) for _, column in sorted(keys))
    elif _WITHOUT_ROWID.search(sql):
        order_by = ", ".join(_quoted(column.name) for column in columns)
    else:
        order_by = "rowid"
    return _Table(
        name=name,
        columns=tuple(columns),
        order_by=order_by,
        names=tuple(column.name for column in columns),
    )


def _affinity(declared: str) -> str:
    """SQLite's column affinity for a declared type (section 3.1 of its datatype page)."""
    upper = declared.upper()
    if any(marker in upper for marker in _INTEGER_TYPES):
        return "integer"
    if any(marker in upper for marker in _TEXT_TYPES):
        return "text"
    if not upper or "BLOB" in upper:
        return "blob"
    if any(marker in upper for marker in _REAL_TYPES):
        return "real"
    return "numeric"


def _require_empty(store: Store, tables: Iterable[_Table]) -> None:
    for table in tables:
        if store.conn.execute(f"SELECT 1 FROM {_quoted(table.name)} LIMIT 1").fetchone():
            raise RestoreError(
                f"{store.path} already holds data (table {table.name!r} has rows);"
                " restore only into a new, empty database"
            )


def _drop_triggers(conn: sqlite3.Connection) -> list[str]:
    """Drop every trigger, returning their SQL to recreate.

    The backup holds every table's rows as they were, derived ones included: a trigger
    firing on the way in would add what is already there (and index search row by row).
    """
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {_quoted(str(name))}")
    return [str(sql) for _, sql in triggers]


def _restore_table(conn: sqlite3.Connection, table: _Table, rows: Sequence[Any]) -> int:
    """Check and insert the table's rows; returns how many."""
    prepared = [_row_values(table, number, row) for number, row in enumerate(rows, start=1)]
    start = 0
    # Rows of one shape (the same columns present) go in together, in file order.
    for names, group in itertools.groupby(prepared, key=lambda entry: entry[0]):
        values = [entry[1] for entry in group]
        sql = (
            f"INSERT INTO {_quoted(table.name)} ({', '.join(map(_quoted, names))})"
            f" VALUES ({', '.join('?' * len(names))})"
        )
        for offset in range(0, len(values), _CHUNK):
            _insert_chunk(conn, table.name, sql, values[offset : offset + _CHUNK], start + offset)
        start += len(values)
    return len(prepared)


def _insert_chunk(
    conn: sqlite3.Connection, table: str, sql: str, values: list[tuple[Any, ...]], before: int
) -> None:
    """Insert rows at once; when one breaks a constraint, find it so the message can name it."""
    conn.execute("SAVEPOINT restore_chunk")
    try:
        conn.executemany(sql, values)
    except sqlite3.IntegrityError as error:
        conn.execute("ROLLBACK TO restore_chunk")
        for offset, row in enumerate(values):
            try:
                conn.execute(sql, row)
            except sqlite3.IntegrityError as row_error:
                raise RestoreError(
                    f"table {table!r} row {before + offset + 1}: {row_error}"
                ) from None
        raise RestoreError(f"table {table!r}: {error}") from None
    finally:
        conn.execute("RELEASE restore_chunk")


def _row_values(table: _Table, number: int, row: Any) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """(column names, values) of one backup row, checked against the table's columns."""
    if type(row) is dict and len(row) == len(table.columns):
        # The common case, a row with every column: one exact type test per value.
        try:
            values = tuple(
                value if type(value) in column.accepts else _checked(column, value, table, number)
                for column, value in zip(
                    table.columns, (row[column.name] for column in table.columns), strict=True
                )
            )
        except KeyError:
            pass  # some column is missing, so some other is unknown: worded below
        else:
            return table.names, values
    where = f"table {table.name!r} row {number}"
    if not isinstance(row, dict):
        raise RestoreError(f"{where}: expected an object of column values")
    for name in row:
        if name not in table.names:
            raise RestoreError(f"{where}: unknown column {name!r}")
    names: list[str] = []
    checked: list[Any] = []
    for column in table.columns:
        if column.name not in row:
            if column.required and not column.has_default:
                raise RestoreError(f"{where}: the column {column.name!r} is missing")
            continue
        names.append(column.name)
        value = row[column.name]
        checked.append(
            value if type(value) in column.accepts else _checked(column, value, table, number)
        )
    return tuple(names), tuple(checked)


def _checked(column: _Column, value: Any, table: _Table, number: int) -> Any:
    """A value not of the column's plain JSON types: a BLOB's base64 form, else RestoreError."""
    where = f"table {table.name!r} row {number}"
    if value is None:
        raise RestoreError(f"{where}: {column.name!r} must not be null")
    if type(value) is dict and set(value) == {BLOB_KEY} and column.affinity == "blob":
        try:
            return base64.b64decode(str(value[BLOB_KEY]), validate=True)
        except (binascii.Error, ValueError):
            raise RestoreError(f"{where}: {column.name!r} holds bad base64") from None
    raise RestoreError(
        f"{where}: {column.name!r} must be {_WORDS[column.affinity]}, not {_json_type(value)}"
    )


_WORDS = {
    "integer": "an integer",
    "text": "text",
    "real": "a number",
    "numeric": "a number or text",
    "blob": "a value",
}


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _check_references(conn: sqlite3.Connection) -> None:
    """Refuse rows whose references point nowhere (checked before the commit, not by it)."""
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is not None:
        table, rowid, parent, _ = broken
        raise RestoreError(
            f"table {table!r} row with id {rowid} refers to a {parent!r} row"
            " that is not in the backup"
        )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
