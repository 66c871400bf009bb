"""Parsing what people type on the command line: days, time zones, choices, ids.

Every parser raises ValueError with a message fit to show the user as-is; the CLI turns
that into one line on stderr and exit code 2.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

import pendulum
from pendulum import Date

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_RELATIVE = re.compile(r"(?P<sign>[+-])\s*(?P<count>\d{1,4})\s*(?P<unit>[dwmy]?)")

E = TypeVar("E", bound=StrEnum)


def parse_iso_day(text: str, *, what: str = "date") -> Date:
    """A calendar day written YYYY-MM-DD (the only form `--today` takes)."""
    cleaned = text.strip()
    if not _ISO_DAY.fullmatch(cleaned):
        raise ValueError(f"bad {what} {text!r}: use YYYY-MM-DD, like 2026-11-26")
    try:
        return Date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"bad {what} {text!r}: no such day") from None


def parse_day(text: str, *, today: Date, what: str = "date") -> Date:
    """A day as people write it: `2026-12-03`, `today`, `tomorrow`, `yesterday`, a weekday
    name (the next one after today), or `+3d` / `-2w` relative to today."""
    cleaned = text.strip().casefold()
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today.add(days=1)
    if cleaned == "yesterday":
        return today.subtract(days=1)
    weekday = _weekday_index(cleaned)
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7 or 7
        return today.add(days=ahead)
    relative = _RELATIVE.fullmatch(cleaned)
    if relative is not None:
        count = int(relative["count"]) * (-1 if relative["sign"] == "-" else 1)
        unit = relative["unit"] or "d"
        if unit == "d":
            return today.add(days=count)
        if unit == "w":
            return today.add(weeks=count)
        if unit == "m":
            return today.add(months=count)
        return today.add(years=count)
    if not _ISO_DAY.fullmatch(cleaned):
        raise ValueError(f"bad {what} {text!r}: use YYYY-MM-DD, today, tomorrow, a weekday, or +3d")
    return parse_iso_day(cleaned, what=what)


def _weekday_index(text: str) -> int | None:
    if len(text) < 3:
        return None
    matches = [index for index, name in enumerate(_WEEKDAYS) if name.startswith(text)]
    return matches[0] if len(matches) == 1 else None


def parse_timezone(name: str) -> str:
    """An IANA time zone name, checked against the zone database."""
    cleaned = name.strip()
    try:
        if not cleaned or cleaned.startswith("/") or ".." in cleaned:
            raise ValueError
        zoneinfo.ZoneInfo(cleaned)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValueError(
            f"unknown time zone {name!r}: use an IANA name like Europe/Lisbon"
        ) from None
    return cleaned


def parse_choice(enum_type: type[E], text: str, *, what: str) -> E:
    """A member of `enum_type` by value, or by a unique prefix of one."""
    cleaned = text.strip().casefold().replace("_", "-").replace(" ", "-")
    values = [member.value for member in enum_type]
    if cleaned in values:
        return enum_type(cleaned)
    prefixed = [value for value in values if value.startswith(cleaned)] if cleaned else []
    if len(prefixed) == 1:
        return enum_type(prefixed[0])
    raise ValueError(f"unknown {what} {text!r}: choose one of {', '.join(values)}")


def parse_positive_int(text: str, *, what: str) -> int:
    """A whole number of at least 1."""
    try:
        number = int(text.strip())
    except ValueError:
        raise ValueError(f"bad {what} {text!r}: use a whole number") from None
    if number < 1:
        raise ValueError(f"bad {what} {text!r}: must be at least 1")
    return number


def clean_items(values: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty values with duplicates dropped (first spelling kept)."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        for part in value.split(","):
            item = part.strip()
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                kept.append(item)
    return tuple(kept)


def user_today(tz_name: str | None) -> tuple[Date, pendulum.DateTime, str]:
    """Today, now and the zone name in the user's time zone (NURTURE_TZ or the local zone).

    The only place nurture-tui reads the clock.
    """
    if tz_name:
        zone = parse_timezone(tz_name)
        now = pendulum.now(zone)
    else:
        now = pendulum.now()
    return now.date(), now, now.timezone_name or "UTC"
