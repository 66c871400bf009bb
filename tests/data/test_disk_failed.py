"""A full or failing disk is told apart from a damaged file, so the message can say which."""

from __future__ import annotations

import sqlite3

import pytest

from data.store import disk_failed


@pytest.mark.parametrize(
    ("error", "full"),
    [
        (sqlite3.OperationalError("database or disk is full"), True),
        (sqlite3.OperationalError("disk I/O error"), True),
        (sqlite3.DatabaseError("database disk image is malformed"), False),
        (sqlite3.OperationalError("database is locked"), False),
        (OSError("disk I/O error"), False),
    ],
)
def test_disk_failures_are_told_apart_from_damage(error: BaseException, full: bool) -> None:
    assert disk_failed(error) is full
