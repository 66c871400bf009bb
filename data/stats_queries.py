"""What the insights need, read with SQL doing the set work; `core.stats` decides.

The network figures never turn the interactions table into objects: SQL counts touches per
hour slot (then each slot becomes the user's local day), counts our touches by kind and lists
congrats days. For the cleared streak, each contact's touches of the year are read in the
(contact, time) index's order and paired with the one before, keeping only gaps longer than
the cadence; that stream is lazy, and core stops reading it as soon as every day of the
period is known to have left something undone (on a real network, after a few thousand
rows). `read_network_stats` reads on its own connection in one read transaction, so a
Textual thread worker can run it without holding the app's connection (and its lock).
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pendulum
from pendulum import Date

from core import milestones
from core import stats as core_stats
from core.models import (
    Circle,
    Commitment,
    Contact,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
)
from data import codec

if TYPE_CHECKING:
    from data.store import Store

_BUSY_MS = 5000
# A congrats may come this many days before the earliest counted occurrence (the longest lead).
_CONGRATS_LEAD = max(milestones.MAX_REMIND_DAYS_AHEAD, milestones.LIFE_EVENT_AHEAD_DAYS)
_CIRCLES = {circle.value: circle for circle in Circle}
_KINDS = {kind.value: kind for kind in InteractionKind}


@dataclass(frozen=True)
class NetworkReport:
    """The network figures, and the display names of the drifting contacts they list."""

    stats: core_stats.NetworkStats
    names: dict[int, str]


class LocalDays:
    """Stored instants (UTC text) to the user's local days, and local days to UTC text."""

    def __init__(self, zone: str, today: Date) -> None:
        self.zone = pendulum.timezone(zone)
        # When every offset around this period is whole hours, every instant of one UTC hour
        # falls on the same local day, so a count per hour slot is a count per local day.
        samples = (
            pendulum.datetime(today.year, today.month, 1, tz=self.zone).subtract(months=months)
            for months in range(0, 25)
        )
        offsets = (moment.utcoffset() for moment in samples)
        whole_hours = all(
            offset is not None and offset.total_seconds() % 3600 == 0 for offset in offsets
        )
        self.slot_length = 13 if whole_hours else 16
        self._slot_tail = ":00:00+00:00" if whole_hours else ":00+00:00"
        self._days: dict[str, Date] = {}
        self._dates: dict[int, Date] = {}

    def start_text(self, day: Date) -> str:
        """The first instant of a local day, as stored text (for range conditions)."""
        moment = pendulum.datetime(day.year, day.month, day.day, tz=self.zone)
        text = codec.instant_text(moment)
        assert text is not None
        return text

    def _date(self, local: date) -> Date:
        ordinal = local.toordinal()
        found = self._dates.get(ordinal)
        if found is None:
            found = self._dates[ordinal] = Date(local.year, local.month, local.day)
        return found

    def day_of_slot(self, slot: str) -> Date:
        """The local day of an hour (or minute) slot: `substr(occurred_at, 1, slot_length)`."""
        found = self._days.get(slot)
        if found is None:
            moment = datetime.fromisoformat(slot + self._slot_tail).astimezone(self.zone)
            found = self._days[slot] = self._date(moment.date())
        return found

    def day_of(self, text: str) -> Date:
        """The local day of a stored instant."""
        return self.day_of_slot(text[: self.slot_length])


@contextlib.contextmanager
def _reading(store: Store) -> Iterator[sqlite3.Connection]:
    """A connection of our own on the store's file, in one read transaction."""
    conn = sqlite3.connect(str(store.path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS:d}")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def read_network_stats(
    store: Store,
    *,
    today: Date,
    daily_budget: int,
    drifting_limit: int = core_stats.DRIFTING_SHOWN,
) -> NetworkReport:
    """Every network figure as of `today` (safe to call from a worker thread)."""
    with _reading(store) as conn:
        return network_report(
            conn,
            zone=store.zone,
            today=today,
            daily_budget=daily_budget,
            drifting_limit=drifting_limit,
        )


def network_report(
    conn: sqlite3.Connection,
    *,
    zone: str,
    today: Date,
    daily_budget: int,
    drifting_limit: int = core_stats.DRIFTING_SHOWN,
) -> NetworkReport:
    """The figures from an open connection (the caller chooses the transaction)."""
    days = LocalDays(zone, today)
    year_start = core_stats.period_start(today)
    since = days.start_text(year_start)
    until = days.start_text(today.add(days=1))
    standings = _standings(conn)
    stats = core_stats.network_stats(
        today=today,
        standings=standings,
        per_day=_per_day(conn, days, since, until),
        touches=_touches(conn, days, core_stats.period_start(today, core_stats.BUDGET_DAYS), until),
        kind_counts=_kinds(conn, since, until),
        dates=_dates(conn),
        events=_events(conn, year_start, today),
        congrats=_congrats(conn, days, year_start.subtract(days=_CONGRATS_LEAD), until),
        gaps=itertools.chain(
            _boundary_gaps(conn, days, since), _long_gaps(conn, days, standings, since, until)
        ),
        commitments=_commitments(conn, year_start, today),
        daily_budget=daily_budget,
        drifting_limit=drifting_limit,
    )
    names = _names(conn, [drift.contact_id for drift in stats.drifting])
    return NetworkReport(stats=stats, names=names)


def _standings(conn: sqlite3.Connection) -> list[core_stats.Standing]:
    """Every (not archived) contact's standing."""
    parsed: dict[str, Date] = {}

    def day(text: str | None) -> Date | None:
        if text is None:
            return None
        found = parsed.get(text)
        if found is None:
            found = parsed[text] = Date.fromisoformat(text)
        return found

    standings: list[core_stats.Standing] = []
    for contact_id, circle, every, due, created, first_due in conn.execute(
        "SELECT id, circle, cadence_days, next_due_on, created_on, first_due_on"
        " FROM contacts NOT INDEXED WHERE archived = 0"  # a scan beats 10,000 index hops
    ):
        next_due = day(due)
        assert next_due is not None  # NOT NULL column
        standings.append(
            core_stats.Standing(
                contact_id=contact_id,
                circle=_CIRCLES[circle],
                cadence_days=every,
                next_due_on=next_due,
                created_on=day(created),
                first_due_on=day(first_due),
            )
        )
    return standings


def _boundary_gaps(
    conn: sqlite3.Connection, days: LocalDays, since: str
) -> Iterator[core_stats.TouchGap]:
    """Each contact's gap across the period's start: from its last touch before the period
    (None: there was none) to its first touch in it. Lazy, like `_long_gaps`."""
    for contact_id, before, first in conn.execute(
        "SELECT id,"
        " (SELECT max(occurred_at) FROM interactions"
        "  WHERE contact_id = contacts.id AND occurred_at < :since),"
        " (SELECT min(occurred_at) FROM interactions"
        "  WHERE contact_id = contacts.id AND occurred_at >= :since)"
        " FROM contacts WHERE archived = 0",
        {"since": since},
    ):
        if first is not None:
            yield core_stats.TouchGap(
                contact_id, None if before is None else days.day_of(before), days.day_of(first)
            )


def _per_day(conn: sqlite3.Connection, days: LocalDays, since: str, until: str) -> dict[Date, int]:
    """Interactions per local day in since..until."""
    per_day: dict[Date, int] = {}
    for slot, count in conn.execute(
        "SELECT substr(occurred_at, 1, ?) AS slot, count(*) FROM interactions"
        " WHERE occurred_at >= ? AND occurred_at < ? GROUP BY slot",
        (days.slot_length, since, until),
    ):
        day = days.day_of_slot(slot)
        per_day[day] = per_day.get(day, 0) + count
    return per_day


def _touches(
    conn: sqlite3.Connection, days: LocalDays, first: Date, until: str
) -> list[tuple[Date, int]]:
    """(local day, contact id) of our touches from `first` on (repeats in a slot folded)."""
    return [
        (days.day_of_slot(slot), contact_id)
        for slot, contact_id in conn.execute(
            "SELECT substr(occurred_at, 1, ?) AS slot, contact_id FROM interactions"
            " WHERE occurred_at >= ? AND occurred_at < ? AND direction != 'inbound'"
            " GROUP BY slot, contact_id",
            (days.slot_length, days.start_text(first), until),
        )
    ]


def _kinds(conn: sqlite3.Connection, since: str, until: str) -> dict[InteractionKind, int]:
    """Our touches by kind in since..until."""
    return {
        _KINDS[kind]: count
        for kind, count in conn.execute(
            "SELECT kind, count(*) FROM interactions"
            " WHERE occurred_at >= ? AND occurred_at < ? AND direction != 'inbound'"
            " GROUP BY kind",
            (since, until),
        )
        if kind in _KINDS
    }


def _dates(conn: sqlite3.Connection) -> list[ImportantDate]:
    return [
        codec.important_date_from_row(row)
        for row in conn.execute(
            f"SELECT {codec.select_list(codec.IMPORTANT_DATE_COLUMNS, 'd')}"
            " FROM important_dates AS d JOIN contacts AS c ON c.id = d.contact_id"
            " WHERE c.archived = 0"
        )
    ]


def _events(conn: sqlite3.Connection, first: Date, last: Date) -> list[LifeEvent]:
    return [
        codec.life_event_from_row(row)
        for row in conn.execute(
            f"SELECT {codec.LIFE_EVENT_SQL} FROM life_events WHERE occurred_on BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        )
    ]


def _congrats(
    conn: sqlite3.Connection, days: LocalDays, first: Date, until: str
) -> dict[int, list[Date]]:
    congrats: dict[int, list[Date]] = {}
    for contact_id, occurred_at in conn.execute(
        "SELECT contact_id, occurred_at FROM interactions"
        " WHERE kind = ? AND occurred_at >= ? AND occurred_at < ?",
        (InteractionKind.CONGRATS.value, days.start_text(first), until),
    ):
        congrats.setdefault(contact_id, []).append(days.day_of(occurred_at))
    return congrats


def _long_gaps(
    conn: sqlite3.Connection,
    days: LocalDays,
    standings: Sequence[core_stats.Standing],
    since: str,
    until: str,
) -> Iterator[core_stats.TouchGap]:
    """Consecutive touches of a contact, both in the period, further apart than its cadence.

    One index range read in (contact, time) order pairs each touch with the one before; a
    shorter gap cannot have left the contact overdue, so it is skipped here, and core decides
    the rest. Lazy: the streak stops reading once every day of the period is accounted for.
    """
    cadence_of = {standing.contact_id: standing.cadence_days for standing in standings}
    previous_contact = 0
    previous_day: Date | None = None
    for contact_id, occurred_at in conn.execute(
        "SELECT contact_id, occurred_at FROM interactions INDEXED BY interactions_contact_time"
        " WHERE occurred_at >= ? AND occurred_at < ? ORDER BY contact_id, occurred_at",
        (since, until),
    ):
        day = days.day_of(occurred_at)
        if contact_id == previous_contact and previous_day is not None:
            every = cadence_of.get(contact_id)
            if every is not None and day.toordinal() - previous_day.toordinal() > every:
                yield core_stats.TouchGap(contact_id, previous_day, day)
        previous_contact, previous_day = contact_id, day


def _commitments(conn: sqlite3.Connection, first: Date, last: Date) -> list[Commitment]:
    """Promises due by `last` that were still open on or after `first`."""
    return [
        codec.commitment_from_row(row)
        for row in conn.execute(
            f"SELECT {codec.COMMITMENT_SQL} FROM commitments"
            " WHERE due_on IS NOT NULL AND due_on <= ? AND (done_on IS NULL OR done_on > ?)",
            (last.isoformat(), first.isoformat()),
        )
    ]


def _names(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {
        int(contact_id): str(name)
        for contact_id, name in conn.execute(
            f"SELECT id, display_name FROM contacts WHERE id IN ({marks})", tuple(ids)
        )
    }


# --- one contact --------------------------------------------------------------------------


def year_of_interactions(store: Store, contact_id: int, today: Date) -> list[Interaction]:
    """The contact's interactions of the 365 days ending today, and the one just before."""
    days = LocalDays(store.zone, today)
    since = days.start_text(core_stats.period_start(today))
    until = days.start_text(today.add(days=1))
    with store.snapshot():
        rows = store.conn.execute(
            f"SELECT {codec.INTERACTION_SQL} FROM interactions WHERE contact_id = ?"
            " AND occurred_at >= coalesce((SELECT max(occurred_at) FROM interactions"
            "  WHERE contact_id = ? AND occurred_at < ?), ?)"
            " AND occurred_at < ? ORDER BY occurred_at, id",
            (contact_id, contact_id, since, since, until),
        ).fetchall()
    return [codec.interaction_from_row(row, store.zone) for row in rows]


def contact_health(store: Store, contact: Contact, today: Date) -> core_stats.Health:
    """One relationship's health as of `today` (a few indexed rows: fine on the UI thread)."""
    return core_stats.contact_health(contact, year_of_interactions(store, contact.id, today), today)
