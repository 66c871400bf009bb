"""Rows to `core` objects and back: the one place that knows how each field is stored.

Every `*_values` function returns a tuple in the order of its `*_COLUMNS`, ready for an
INSERT or UPDATE; every `*_from_row` takes a row selected with the matching `*_SQL` column
list (positional: a by-name lookup on `sqlite3.Row` scans the column names every time).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

import pendulum
from pendulum import Date, DateTime

from core import cadence
from core.models import (
    Channel,
    Circle,
    Commitment,
    Contact,
    DateKind,
    Direction,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
    Note,
    YearlyRule,
)

Value = str | int | float | None

# One encoder, built once: `json.dumps(..., ensure_ascii=False)` builds a new one per call,
# which would dominate a bulk load of a million interactions.
_JSON = json.JSONEncoder(ensure_ascii=False)
_DECODE = json.JSONDecoder().decode
_UTC_ZONES = (UTC, pendulum.UTC)


# --- scalars ---------------------------------------------------------------------------
def date_text(value: Date | None) -> str | None:
    """`YYYY-MM-DD`, or None."""
    return None if value is None else value.isoformat()


def parse_date(text: str | None) -> Date | None:
    """A pendulum Date from `YYYY-MM-DD`, or None."""
    return None if text is None else Date.fromisoformat(text)


def instant_text(value: DateTime | None) -> str | None:
    """ISO-8601 in UTC with its offset, so stored instants sort lexically; None stays None."""
    if value is None:
        return None
    if value.tzinfo not in _UTC_ZONES:
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: instants must carry a time zone")
        value = datetime.astimezone(value, UTC)
    # Same text as isoformat(), formatted by hand: it is the hot path of a bulk load.
    day_and_time = (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )
    if value.microsecond:
        return f"{day_and_time}.{value.microsecond:06d}+00:00"
    return f"{day_and_time}+00:00"


def parse_instant(text: str | None, zone: str = "UTC") -> DateTime | None:
    """A pendulum DateTime from stored (UTC) text, in `zone`, or None."""
    if text is None:
        return None
    if zone != "UTC":
        instant = parse_instant(text)
        assert instant is not None
        return instant.in_timezone(zone)
    parsed = datetime.fromisoformat(text)
    if parsed.utcoffset():
        parsed = parsed.astimezone(UTC)
    # Built directly: pendulum.instance() is ten times slower, and the agenda reads many.
    return DateTime(
        parsed.year,
        parsed.month,
        parsed.day,
        parsed.hour,
        parsed.minute,
        parsed.second,
        parsed.microsecond,
        tzinfo=pendulum.UTC,
    )


def strings_json(values: tuple[str, ...]) -> str:
    """A JSON array of strings (non-ASCII kept readable)."""
    return "[" + ",".join(map(encode_basestring, values)) + "]" if values else "[]"


def parse_strings(text: str) -> tuple[str, ...]:
    """The tuple a JSON array of strings stands for."""
    if text == "[]":
        return ()
    if "\\" not in text:
        # No escapes, so no quote inside a value: split instead of decoding (the agenda
        # reads a few hundred of these per frame).
        return tuple(text[2:-2].split('","'))
    return tuple(_DECODE(text))


def parse_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """The (channel, handle) pairs a JSON array of pairs stands for."""
    if text == "[]":
        return ()
    return tuple((str(first), str(second)) for first, second in _DECODE(text))


def pairs_json(values: tuple[tuple[str, str], ...]) -> str:
    """A JSON array of two-item arrays."""
    return _JSON.encode([list(pair) for pair in values]) if values else "[]"


def row_dict(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """A row as a plain dict keyed by column (for undo snapshots)."""
    return dict(zip(columns, row, strict=True))


def select_list(columns: Sequence[str], alias: str = "") -> str:
    """The columns for a SELECT, in the order the `*_from_row` functions read them."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + name for name in columns)


# --- contacts --------------------------------------------------------------------------
CONTACT_COLUMNS: tuple[str, ...] = (
    "id",
    "display_name",
    "given_name",
    "family_name",
    "nickname",
    "emails",
    "phones",
    "handles",
    "company",
    "title",
    "location",
    "timezone",
    "circle",
    "cadence_override_days",
    "tags",
    "interests",
    "offers",
    "needs",
    "how_met",
    "preferred_channel",
    "archived",
    "created_on",
    "first_due_on",
    "last_touch_at",
    "last_outbound_at",
    "awaiting_reply_since",
    "snoozed_until",
    "skipped_on",
    "cadence_days",
    "next_due_on",
    "name_key",
)


def contact_values(contact: Contact) -> tuple[Value, ...]:
    """The contact as a row, with its derived cadence, next due date and name key."""
    return (
        contact.id,
        contact.display_name,
        contact.given_name,
        contact.family_name,
        contact.nickname,
        strings_json(contact.emails),
        strings_json(contact.phones),
        pairs_json(contact.handles),
        contact.company,
        contact.title,
        contact.location,
        contact.timezone,
        contact.circle.value,
        contact.cadence_override_days,
        strings_json(contact.tags),
        strings_json(contact.interests),
        strings_json(contact.offers),
        strings_json(contact.needs),
        contact.how_met,
        contact.preferred_channel.value,
        int(contact.archived),
        date_text(contact.created_on),
        date_text(contact.first_due_on),
        instant_text(contact.last_touch_at),
        instant_text(contact.last_outbound_at),
        instant_text(contact.awaiting_reply_since),
        date_text(contact.snoozed_until),
        date_text(contact.skipped_on),
        cadence.cadence_days(contact),
        cadence.next_due_on(contact).isoformat(),
        contact.display_name.casefold(),
    )


# Enum lookups by value through a dict: Enum(value) costs a microsecond each, per row.
_CIRCLES = {circle.value: circle for circle in Circle}
_CHANNELS = {channel.value: channel for channel in Channel}


def contact_from_row(row: Sequence[Any], zone: str = "UTC") -> Contact:
    """The Contact a row of `CONTACT_SQL` stands for (derived columns are ignored).

    The agenda is rebuilt after every triage key and mostly lists the same people, so
    decoded rows are remembered, keyed on the whole raw row: a changed row is a new key,
    so a stale Contact can never come back.
    """
    return _contact_from_row(tuple(row), zone)


@functools.lru_cache(maxsize=2048)
def _contact_from_row(row: tuple[Any, ...], zone: str) -> Contact:
    (
        contact_id,
        display_name,
        given_name,
        family_name,
        nickname,
        emails,
        phones,
        handles,
        company,
        title,
        location,
        timezone,
        circle,
        cadence_override_days,
        tags,
        interests,
        offers,
        needs,
        how_met,
        preferred_channel,
        archived,
        created_on,
        first_due_on,
        last_touch_at,
        last_outbound_at,
        awaiting_reply_since,
        snoozed_until,
        skipped_on,
        _cadence_days,
        _next_due_on,
        _name_key,
    ) = row
    return Contact(
        id=contact_id,
        display_name=display_name,
        given_name=given_name,
        family_name=family_name,
        nickname=nickname,
        emails=parse_strings(emails),
        phones=parse_strings(phones),
        handles=parse_pairs(handles),
        company=company,
        title=title,
        location=location,
        timezone=timezone,
        circle=_CIRCLES[circle],
        cadence_override_days=cadence_override_days,
        tags=parse_strings(tags),
        interests=parse_strings(interests),
        offers=parse_strings(offers),
        needs=parse_strings(needs),
        how_met=how_met,
        preferred_channel=_CHANNELS[preferred_channel],
        archived=bool(archived),
        created_on=parse_date(created_on),
        first_due_on=parse_date(first_due_on),
        last_touch_at=parse_instant(last_touch_at, zone),
        last_outbound_at=parse_instant(last_outbound_at, zone),
        awaiting_reply_since=parse_instant(awaiting_reply_since, zone),
        snoozed_until=parse_date(snoozed_until),
        skipped_on=parse_date(skipped_on),
    )


# --- interactions ----------------------------------------------------------------------
INTERACTION_COLUMNS: tuple[str, ...] = (
    "id",
    "contact_id",
    "occurred_at",
    "channel",
    "direction",
    "kind",
    "summary",
    "topics",
)


def interaction_values(interaction: Interaction) -> tuple[Value, ...]:
    """The interaction as a row."""
    return (
        interaction.id,
        interaction.contact_id,
        instant_text(interaction.occurred_at),
        interaction.channel.value,
        interaction.direction.value,
        interaction.kind.value,
        interaction.summary,
        strings_json(interaction.topics),
    )


def interaction_from_row(row: Sequence[Any], zone: str = "UTC") -> Interaction:
    """The Interaction a row of `INTERACTION_SQL` stands for."""
    interaction_id, contact_id, occurred_at, channel, direction, kind, summary, topics = row
    when = parse_instant(occurred_at, zone)
    assert when is not None  # NOT NULL column
    return Interaction(
        id=interaction_id,
        contact_id=contact_id,
        occurred_at=when,
        channel=Channel(channel),
        direction=Direction(direction),
        kind=InteractionKind(kind),
        summary=summary,
        topics=parse_strings(topics),
    )


# --- important dates -------------------------------------------------------------------
IMPORTANT_DATE_COLUMNS: tuple[str, ...] = (
    "id",
    "contact_id",
    "kind",
    "month",
    "day",
    "weekday",
    "nth",
    "year",
    "label",
    "remind_days_ahead",
    "celebrated_on",
)


def important_date_values(date: ImportantDate) -> tuple[Value, ...]:
    """The important date as a row (its rule spread over month/day/weekday/nth)."""
    return (
        date.id,
        date.contact_id,
        date.kind.value,
        date.rule.month,
        date.rule.day,
        date.rule.weekday,
        date.rule.nth,
        date.year,
        date.label,
        date.remind_days_ahead,
        date_text(date.celebrated_on),
    )


def important_date_from_row(row: Sequence[Any]) -> ImportantDate:
    """The ImportantDate a row of `IMPORTANT_DATE_SQL` stands for."""
    (
        date_id,
        contact_id,
        kind,
        month,
        day,
        weekday,
        nth,
        year,
        label,
        remind_days_ahead,
        celebrated_on,
    ) = row
    return ImportantDate(
        id=date_id,
        contact_id=contact_id,
        kind=DateKind(kind),
        rule=YearlyRule(month=month, day=day, weekday=weekday, nth=nth),
        year=year,
        label=label,
        remind_days_ahead=remind_days_ahead,
        celebrated_on=parse_date(celebrated_on),
    )


# --- life events -----------------------------------------------------------------------
LIFE_EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "contact_id",
    "kind",
    "text",
    "occurred_on",
    "acknowledged_on",
)


def life_event_values(event: LifeEvent) -> tuple[Value, ...]:
    """The life event as a row."""
    return (
        event.id,
        event.contact_id,
        event.kind.value,
        event.text,
        event.occurred_on.isoformat(),
        date_text(event.acknowledged_on),
    )


def life_event_from_row(row: Sequence[Any]) -> LifeEvent:
    """The LifeEvent a row of `LIFE_EVENT_SQL` stands for."""
    event_id, contact_id, kind, text, occurred_on, acknowledged_on = row
    occurred = parse_date(occurred_on)
    assert occurred is not None  # NOT NULL column
    return LifeEvent(
        id=event_id,
        contact_id=contact_id,
        kind=LifeEventKind(kind),
        text=text,
        occurred_on=occurred,
        acknowledged_on=parse_date(acknowledged_on),
    )


# --- commitments -----------------------------------------------------------------------
COMMITMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "contact_id",
    "text",
    "due_on",
    "created_on",
    "done_on",
)


def commitment_values(commitment: Commitment) -> tuple[Value, ...]:
    """The commitment as a row."""
    return (
        commitment.id,
        commitment.contact_id,
        commitment.text,
        date_text(commitment.due_on),
        date_text(commitment.created_on),
        date_text(commitment.done_on),
    )


def commitment_from_row(row: Sequence[Any]) -> Commitment:
    """The Commitment a row of `COMMITMENT_SQL` stands for."""
    commitment_id, contact_id, text, due_on, created_on, done_on = row
    return Commitment(
        id=commitment_id,
        contact_id=contact_id,
        text=text,
        due_on=parse_date(due_on),
        created_on=parse_date(created_on),
        done_on=parse_date(done_on),
    )


# --- questions -------------------------------------------------------------------------
QUESTION_COLUMNS: tuple[str, ...] = ("id", "contact_id", "text", "created_on", "asked_on")


def question_values(question: FollowUpQuestion) -> tuple[Value, ...]:
    """The follow-up question as a row."""
    return (
        question.id,
        question.contact_id,
        question.text,
        date_text(question.created_on),
        date_text(question.asked_on),
    )


def question_from_row(row: Sequence[Any]) -> FollowUpQuestion:
    """The FollowUpQuestion a row of `QUESTION_SQL` stands for."""
    question_id, contact_id, text, created_on, asked_on = row
    return FollowUpQuestion(
        id=question_id,
        contact_id=contact_id,
        text=text,
        created_on=parse_date(created_on),
        asked_on=parse_date(asked_on),
    )


# --- notes -----------------------------------------------------------------------------
NOTE_COLUMNS: tuple[str, ...] = ("id", "contact_id", "body", "created_at")


def note_values(note: Note) -> tuple[Value, ...]:
    """The note as a row."""
    return (note.id, note.contact_id, note.body, instant_text(note.created_at))


def note_from_row(row: Sequence[Any], zone: str = "UTC") -> Note:
    """The Note a row of `NOTE_SQL` stands for."""
    note_id, contact_id, body, created_at = row
    return Note(
        id=note_id, contact_id=contact_id, body=body, created_at=parse_instant(created_at, zone)
    )


CONTACT_SQL = select_list(CONTACT_COLUMNS)
INTERACTION_SQL = select_list(INTERACTION_COLUMNS)
IMPORTANT_DATE_SQL = select_list(IMPORTANT_DATE_COLUMNS)
LIFE_EVENT_SQL = select_list(LIFE_EVENT_COLUMNS)
COMMITMENT_SQL = select_list(COMMITMENT_COLUMNS)
QUESTION_SQL = select_list(QUESTION_COLUMNS)
NOTE_SQL = select_list(NOTE_COLUMNS)
