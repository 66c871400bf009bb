"""Writing export and backup files so a crash or a full disk never leaves half a file.

Everything is written to a temporary file beside the target, flushed to disk, then renamed
over it: a reader (or the person, after a crash) sees the old file or the new one, whole.
Files are 0600: they hold the same private notes as the database.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from data.store import DISK_FAILED, Store, StoreError, check_database_file, disk_failed

# What a full disk (or a quota, or a file-size limit) looks like to a write.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


class ExportError(Exception):
    """Writing a file failed; the message says why in words, and nothing was replaced."""


def write_atomically(target: Path, fill: Callable[[Path], None]) -> None:
    """Have `fill` write a temporary file beside `target`, then rename it into place.

    Raises ExportError (the temporary file removed, `target` untouched) on any OS error.
    """
    target = target.expanduser()
    if target.is_dir():
        raise ExportError(f"{target} is a directory; name a file to write")
    directory = target.parent if str(target.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=directory
        )
    except OSError as error:
        raise ExportError(f"cannot write in {directory}: {error.strerror or error}") from None
    os.close(descriptor)
    part = Path(temporary)
    try:
        part.chmod(0o600)
        fill(part)
        with part.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(part, target)
    except OSError as error:
        part.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        if error.errno in _NO_ROOM:
            reason = f"{DISK_FAILED} ({reason})"
        raise ExportError(f"cannot write {target}: {reason}") from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> None:
    """Write `text` (UTF-8, line endings as given) to `target` atomically."""

    def fill(part: Path) -> None:
        with part.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)

    write_atomically(target, fill)


def backup(store: Store, target: Path) -> Path:
    """Copy the database to `target` with SQLite's online backup API, safe while in use.

    A directory target gets `nurture-backup.db` inside it. An existing file is replaced only
    when it is itself a SQLite database (an old backup), never any other file. The copy is
    checked with `PRAGMA quick_check` before it replaces anything.
    """
    target = target.expanduser()
    if target.is_dir():
        target = target / "nurture-backup.db"
    if target.resolve() == store.path.resolve():
        raise ExportError("the backup cannot overwrite the database itself; name another file")
    if target.exists():
        try:
            check_database_file(target)  # an old backup may be replaced; nothing else
        except StoreError as error:
            raise ExportError(str(error)) from None

    def fill(part: Path) -> None:
        with closing(sqlite3.connect(str(part))) as copy:
            try:
                store.conn.backup(copy)
                # A backup must stand alone: one file, no WAL beside it.
                copy.execute("PRAGMA journal_mode = DELETE")
                (verdict,) = copy.execute("PRAGMA quick_check").fetchone()
            except sqlite3.Error as error:
                reason = f"{DISK_FAILED} ({error})" if disk_failed(error) else str(error)
                raise ExportError(f"the backup failed: {reason}") from None
            if verdict != "ok":
                raise ExportError(f"the backup copy does not check out: {verdict}")

    write_atomically(target, fill)
    return target
