"""What a reader makes of one person in a file, before it meets the database.

Readers (vCard, CSV) produce these; `importer` decides whether each one is new or someone
already known, and `core.cadence` gives new people their first due date. Every record keeps
the 1-based line where it starts so a report can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date

from core.models import Channel, Circle, DateKind


@dataclass(frozen=True, slots=True)
class ImportedDate:
    """A yearly date from a file: a birthday without a year keeps `year=None`.

    A relative rule ("3rd Sunday of June", from our own export) sets `weekday` (0 = Monday)
    and `nth` (1..5, -1 = last), and its `day` is 0.
    """

    kind: DateKind
    month: int
    day: int
    year: int | None = None
    label: str = ""
    weekday: int | None = None
    nth: int | None = None


@dataclass(frozen=True, slots=True)
class ImportedPerson:
    """One person (or organisation) read from a file, every field already cleaned to text.

    `circle`, `cadence_days`, `snoozed_until`, `interests`, `offers`, `needs`, `how_met` and
    `preferred_channel` are only set when the file carries our own X- properties (or frm's):
    that is what lets a round trip through a CardDAV server keep them.
    """

    line: int
    display_name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    handles: tuple[tuple[str, str], ...] = ()
    company: str = ""
    title: str = ""
    location: str = ""
    timezone: str | None = None
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    dates: tuple[ImportedDate, ...] = ()
    first_touch_on: Date | None = None
    is_organization: bool = False
    circle: Circle | None = None
    cadence_days: int | None = None
    snoozed_until: Date | None = None
    interests: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    how_met: str = ""
    preferred_channel: Channel | None = None
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record the reader could not take, with where it starts and why, in words."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Everything a reader got from one file: the people, and the records it turned away."""

    format: str
    people: tuple[ImportedPerson, ...] = ()
    rejected: tuple[Rejected, ...] = ()


class UnreadableFile(ValueError):
    """The file is not what it claims to be (or not any format we read): one clear message."""
