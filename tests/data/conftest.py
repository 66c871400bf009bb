"""Fixtures for store tests: a real SQLite file in tmp_path and a fixed day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from pendulum import Date, DateTime

from core.models import Circle, Contact
from data.store import Store

TODAY = Date(2026, 11, 26)


def at(day: Date, hour: int = 12, tz: str = "UTC") -> DateTime:
    """An instant on `day` (noon by default)."""
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=tz)


def person(name: str, circle: Circle = Circle.ACTIVE, **fields: object) -> Contact:
    """A contact to add (its id is ignored by the store)."""
    fields.setdefault("id", 0)
    return Contact(display_name=name, circle=circle, **fields)  # type: ignore[arg-type]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nurture.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    opened.close()
