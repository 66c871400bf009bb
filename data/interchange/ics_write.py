"""The network's days as an iCalendar feed: yearly dates, upcoming check-ins, promises due.

Yearly dates recur with an RRULE that lands on the day the app celebrates: Feb 29 is
`BYMONTH=2;BYMONTHDAY=-1` (Feb 28 in common years, as `core.milestones` has it) and
"3rd Sunday of June" is `BYDAY=3SU`. Core's "5th Friday" falls back to the last one when a
month has only four, so it is always the month's last Friday: `BYDAY=-1FR`.

Check-ins and promises are single all-day events for archived-free contacts; an overdue one
sits on `today`. Everything is transparent (never "busy"), and UIDs are stable
(`birthday-<date id>@nurture-tui`, `checkin-<contact id>@...`, `promise-<id>@...`) so a
subscribed calendar moves an event instead of duplicating it. The output depends only on
the database and `today` (DTSTAMP is today's midnight UTC), so the same day exports the same
text. Names are shown as text: control characters are dropped from summaries.
"""

from __future__ import annotations

import calendar
import unicodedata
from datetime import UTC, date, datetime, timedelta

from icalendar import TRANSP, Calendar, Event, vRecur
from pendulum import Date

from core import cadence, milestones
from core.models import Commitment, Contact, DateKind, ImportantDate, YearlyRule
from data import codec
from data.store import Store

PRODID = "-//nurture-tui//nurture-tui//EN"
CALENDAR_NAME = "nurture"
UID_DOMAIN = "nurture-tui"
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_COMMON_YEAR = 2001  # for the shortest length of each month


def write_ics(store: Store, *, today: Date, horizon_days: int = 90) -> str:
    """The calendar as .ics text (CRLF line ends): dates, check-ins due within the horizon,
    promises with a due date."""
    if horizon_days < 0:
        raise ValueError("horizon_days must not be negative")
    until = today.add(days=horizon_days)
    # One read transaction for a consistent snapshot; the lock keeps a worker thread that
    # shares this connection out of it meanwhile.
    with store.snapshot():
        contacts = {
            contact.id: contact
            for contact in (
                codec.contact_from_row(row, store.zone)
                for row in store.conn.execute(
                    f"SELECT {codec.CONTACT_SQL} FROM contacts WHERE archived = 0"
                    " ORDER BY name_key, id"
                )
            )
        }
        dates = [
            codec.important_date_from_row(row)
            for row in store.conn.execute(
                f"SELECT {codec.IMPORTANT_DATE_SQL} FROM important_dates ORDER BY id"
            )
        ]
        commitments = [
            codec.commitment_from_row(row)
            for row in store.conn.execute(
                f"SELECT {codec.COMMITMENT_SQL} FROM commitments"
                " WHERE done_on IS NULL AND due_on IS NOT NULL ORDER BY due_on, id"
            )
        ]
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    feed = Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", CALENDAR_NAME)
    feed.add("name", CALENDAR_NAME)
    order = {contact_id: place for place, contact_id in enumerate(contacts)}
    owned = sorted(
        (date for date in dates if date.contact_id in contacts),
        key=lambda date: (order[date.contact_id], date.id),
    )
    for important in owned:
        feed.add_component(yearly_event(important, contacts[important.contact_id], stamp, today))
    due = []
    for contact in contacts.values():
        due_on = cadence.next_due_on(contact)
        if due_on <= until:
            due.append((max(due_on, today), order[contact.id], contact, due_on))
    for day, _, contact, due_on in sorted(due, key=lambda entry: entry[:2]):
        feed.add_component(checkin_event(contact, due_on, day, stamp))
    for commitment in commitments:
        owner = contacts.get(commitment.contact_id)
        if owner is not None:
            feed.add_component(promise_event(commitment, owner, stamp, today))
    return bytes(feed.to_ical()).decode("utf-8")


def yearly_event(important: ImportantDate, contact: Contact, stamp: datetime, today: Date) -> Event:
    """A yearly all-day event for the date, recurring as the app celebrates it."""
    rule = important.rule
    first_year = important.year or today.year
    start = _plain(milestones.occurrence_in(rule, first_year))
    event = Event.new(
        uid=f"{important.kind.value}-{important.id}@{UID_DOMAIN}",
        stamp=stamp,
        start=start,
        end=start + timedelta(days=1),
        summary=_summary_of(important, _shown(contact.display_name)),
        description=_description_of(important),
        transparency=TRANSP.TRANSPARENT,
    )
    event.add("rrule", yearly_rrule(rule))
    return event


def yearly_rrule(rule: YearlyRule) -> vRecur:
    """The RRULE for a yearly rule, matching `core.milestones.occurrence_in` every year."""
    if rule.day is not None:
        shortest = calendar.monthrange(_COMMON_YEAR, rule.month)[1]
        # Feb 29 (or any day some years lack) is the month's last day in those years.
        month_day = -1 if rule.day > shortest else rule.day
        return vRecur(freq="YEARLY", bymonth=rule.month, bymonthday=month_day)
    if rule.weekday is None or rule.nth is None:
        raise ValueError("a yearly rule needs a day, or a weekday and its position")
    # Core reads a 5th weekday a month lacks as its last one: so it is always the last.
    position = -1 if rule.nth in (-1, 5) else rule.nth
    return vRecur(
        freq="YEARLY", bymonth=rule.month, byday=f"{position}{_WEEKDAY_CODES[rule.weekday]}"
    )


def checkin_event(contact: Contact, due_on: Date, day: Date, stamp: datetime) -> Event:
    """A one-day event to check in with the contact (on `day`: today when overdue)."""
    every = f"every {cadence.cadence_days(contact)} days."
    return _day_event(
        f"checkin-{contact.id}",
        f"Check in with {_shown(contact.display_name)}",
        due_on=due_on,
        day=day,
        stamp=stamp,
        note=every,
    )


def promise_event(commitment: Commitment, contact: Contact, stamp: datetime, today: Date) -> Event:
    """A one-day event for a promise (on its due date, or today when overdue)."""
    assert commitment.due_on is not None
    return _day_event(
        f"promise-{commitment.id}",
        f"Promise to {_shown(contact.display_name)}: {_shown(commitment.text)}",
        due_on=commitment.due_on,
        day=max(commitment.due_on, today),
        stamp=stamp,
    )


def _day_event(
    uid: str, summary: str, *, due_on: Date, day: Date, stamp: datetime, note: str = ""
) -> Event:
    """An all-day event on `day`, saying when it was due (and since when it is overdue)."""
    when = f"Overdue since {due_on.isoformat()}" if day > due_on else f"Due {due_on.isoformat()}"
    start = _plain(day)
    return Event.new(
        uid=f"{uid}@{UID_DOMAIN}",
        stamp=stamp,
        start=start,
        end=start + timedelta(days=1),
        summary=summary,
        description=f"{when}; {note}" if note else f"{when}.",
        transparency=TRANSP.TRANSPARENT,
    )


def _summary_of(important: ImportantDate, name: str) -> str:
    label = _shown(important.label)
    if important.kind is DateKind.BIRTHDAY:
        return f"{name}'s birthday"
    if important.kind is DateKind.WORK_ANNIVERSARY:
        return f"{name}'s work anniversary"
    if important.kind is DateKind.ANNIVERSARY:
        return f"{name}: {label or 'anniversary'}"
    return f"{name}: {label or 'special day'}"


def _description_of(important: ImportantDate) -> str | None:
    if important.year is None:
        return None
    if important.kind is DateKind.BIRTHDAY:
        return f"Born {important.year}."
    return f"Since {important.year}."


def _shown(text: str) -> str:
    """One line of plain text: line breaks and tabs become spaces, other controls go."""
    return "".join(
        " " if character in "\t\n\r" else character
        for character in text
        if character in "\t\n\r" or unicodedata.category(character) != "Cc"
    ).strip()


def _plain(day: date) -> date:
    """A plain `datetime.date` (icalendar wants no pendulum subclass)."""
    return date(day.year, day.month, day.day)
