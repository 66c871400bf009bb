"""Plain-text and JSON renderings of the agenda and of contacts, for the command line.

Text output never passes user data through anything that interprets markup; every user
string goes through `safe_text` so a name holding an escape sequence cannot repaint or
retitle the terminal. JSON goes through `dumps`, which escapes every control character
(C0, DEL, C1) and bidi control as a `\\u` escape: still exact, never acted on by a terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from pendulum import Date, DateTime

from core.agenda import MONTH_ABBR, WEEKDAY_ABBR, Agenda, AgendaItem, ItemKind
from core.cadence import cadence_days, next_due_on
from core.milestones import ordinal
from core.models import Contact, ContactDetail, ImportantDate, YearlyRule

# Bidirectional controls can make text display in an order other than it is stored.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# What json.dumps(ensure_ascii=False) leaves raw but a terminal acts on: DEL, C1 (U+009B is
# CSI), bidi controls, and the line and paragraph separators some terminals break lines on.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# Characters that take no column: combining marks and format characters (zero-width
# space and joiners, bidi marks...).
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WIDTH = 80


def safe_text(value: object, *, keep_newlines: bool = False) -> str:
    """`value` as text that is inert on a terminal.

    Control characters (C0, DEL, C1: ESC above all) and bidi overrides become visible
    placeholders (`^[` for ESC, U+FFFD for the rest); tabs and newlines become spaces unless
    `keep_newlines`.
    """
    text = str(value)
    if text.isprintable():
        # Every character replaced below is unprintable, so there is nothing to do: the
        # common case, and the agenda cleans a few hundred names and labels per frame.
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char in "\t\n\r":
            out.append(" ")
        elif code < 0x20:
            out.append("^" + chr(code + 0x40))
        elif code == 0x7F:
            out.append("^?")
        elif 0x80 <= code <= 0x9F or char in _BIDI_CONTROLS:
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


def time_in(timezone: str | None, now: DateTime) -> DateTime | None:
    """`now` on a contact's clock, or None when the zone is unknown to this machine."""
    if not timezone:
        return None
    try:
        return now.in_timezone(timezone)
    except Exception:  # noqa: BLE001 - a bad stored zone must not break a screen or a command
        return None


def local_time(timezone: str | None, now: DateTime) -> str | None:
    """ "14:02 Thu in Lisbon" for a contact's zone, or None when unknown or invalid."""
    there = time_in(timezone, now)
    if there is None or timezone is None:
        return None
    place = timezone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{clock_time(there)} {WEEKDAY_ABBR[there.weekday()]} in {place}"


def clock_time(moment: DateTime) -> str:
    """`14:02`: what `format("HH:mm")` gives, without loading pendulum's locale data."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def cell_width(text: str) -> int:
    """Terminal columns `text` takes (wide East Asian characters count twice, combining
    marks and zero-width format characters not at all)."""
    if text.isascii():
        return len(text)  # no ASCII character is wide or combining
    width = 0
    for char in text:
        if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """`text` cut to `width` columns (ending in an ellipsis when cut), padded to exactly it."""
    if width <= 0:
        return ""
    text_width = cell_width(text)
    if text_width <= width:
        return text + " " * (width - text_width)
    kept: list[str] = []
    used = 0
    for char in text:
        char_width = cell_width(char)
        if used + char_width > width - 1:
            break
        kept.append(char)
        used += char_width
    return "".join(kept) + "…" + " " * (width - 1 - used)


def fit_words(text: str, limit: int) -> str:
    """`text` on one line, cut to about `limit` characters (ending in an ellipsis when cut).

    For glances at long user text (a note in a side pane): only the start is looked at, so
    a megabyte costs no more than a line.
    """
    head = text[: limit * 2 + 64]
    collapsed = " ".join(head.split())
    if len(collapsed) <= limit and len(head) == len(text):
        return collapsed
    return collapsed[: limit - 1].rstrip() + "…"


def plural(count: int, noun: str) -> str:
    """`1 day`, `3 days`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def short_day(day: Date, today: Date) -> str:
    """`Thu 3 Dec`, with the year when it is not this year's."""
    text = f"{WEEKDAY_ABBR[day.weekday()]} {day.day} {MONTH_ABBR[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def relative_days(day: Date, today: Date) -> str:
    """`today`, `tomorrow`, `in 5 days`, `3 days ago`."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"


def describe_rule(rule: YearlyRule, year: int | None = None) -> str:
    """`29 Feb 1992`, `29 Feb`, or `3rd Sunday of June`."""
    if rule.day is not None:
        text = f"{rule.day} {MONTH_ABBR[rule.month - 1]}"
        return f"{text} {year}" if year else text
    ordinal = _ORDINALS.get(rule.nth or 1, f"{rule.nth}th")
    weekday = _WEEKDAY_NAMES[rule.weekday or 0]
    return f"{ordinal} {weekday} of {_MONTH_NAMES[rule.month - 1]}"


# --- JSON --------------------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums, pendulum dates and tuples as plain JSON values (dates ISO)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, DateTime):
        return value.isoformat()
    if isinstance(value, Date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    return value


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(payload: Any) -> str:
    """Stable, readable JSON: keys in a fixed order as built, non-ASCII kept, except what a
    terminal would act on (DEL, C1, bidi controls), escaped so the text is inert and exact."""
    text = json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2)
    # These characters only ever appear inside JSON strings, where `\uXXXX` means the same.
    return _JSON_UNSAFE.sub(_json_escape, text)


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact with its derived cadence and next due date."""
    payload: dict[str, Any] = to_jsonable(contact)
    payload["handles"] = {channel: handle for channel, handle in contact.handles}
    payload["cadence_days"] = cadence_days(contact)
    payload["next_due_on"] = next_due_on(contact).isoformat()
    return payload


def item_json(item: AgendaItem) -> dict[str, Any]:
    """One agenda row: who, what kind, the label, why, what to do, how late."""
    return {
        "name": item.contact.display_name,
        "contact_id": item.contact.id,
        "kind": item.kind.value,
        "label": item.label,
        "reason": item.reason,
        "action": item.action,
        "days_late": item.days_late,
        "on": item.on.isoformat() if item.on else None,
        "ref_id": item.ref_id,
    }


def agenda_json(agenda: Agenda, *, hidden_checkins: int) -> dict[str, Any]:
    """The whole day's agenda, with totals."""
    return {
        "today": agenda.today.isoformat(),
        "due": len(agenda.items) + hidden_checkins,
        "celebrations": agenda.celebrations,
        "checkins_due": agenda.checkins_due,
        "checkins_not_listed": hidden_checkins,
        "daily_budget": agenda.daily_budget,
        "items": [item_json(item) for item in agenda.items],
    }


def date_json(date: ImportantDate, next_on: Date | None) -> dict[str, Any]:
    """An important date, its rule spelled out, and when it next falls."""
    payload: dict[str, Any] = to_jsonable(date)
    payload["description"] = describe_rule(date.rule, date.year)
    payload["next_on"] = next_on.isoformat() if next_on else None
    return payload


def detail_json(detail: ContactDetail, *, next_dates: Sequence[Date | None]) -> dict[str, Any]:
    """Everything `show` knows about a person."""
    payload = contact_json(detail.contact)
    payload["next_due_on"] = detail.next_due_on.isoformat()
    payload["interactions"] = to_jsonable(detail.interactions)
    payload["notes"] = to_jsonable(detail.notes)
    payload["dates"] = [
        date_json(date, next_on) for date, next_on in zip(detail.dates, next_dates, strict=True)
    ]
    payload["events"] = to_jsonable(detail.events)
    payload["commitments"] = to_jsonable(detail.commitments)
    payload["questions"] = to_jsonable(detail.questions)
    return payload


# --- text ---------------------------------------------------------------------------


def agenda_header(agenda: Agenda, *, hidden_checkins: int) -> str:
    """`Thu 26 Nov · 5 due · 1 to celebrate`."""
    due = len(agenda.items) + hidden_checkins
    parts = [short_day(agenda.today, agenda.today), f"{due} due"]
    if agenda.celebrations:
        parts.append(f"{agenda.celebrations} to celebrate")
    return " · ".join(parts)


def agenda_lines(agenda: Agenda, *, hidden_checkins: int, width: int = WIDTH) -> list[str]:
    """The agenda as a compact three-column list (name, label, reason) within `width`."""
    lines = [agenda_header(agenda, hidden_checkins=hidden_checkins)]
    if not agenda.items and not hidden_checkins:
        lines.append("Nothing due today. Everyone has heard from you; enjoy the quiet.")
        return lines
    name_width = min(18, max(cell_width(safe_text(i.contact.display_name)) for i in agenda.items))
    label_width = min(22, max(cell_width(safe_text(i.label)) for i in agenda.items))
    reason_width = max(10, width - name_width - label_width - 6)
    for item in agenda.items:
        marker = "!" if item.kind is ItemKind.COMMITMENT and item.days_late > 0 else " "
        row = (
            f"{marker} {fit(safe_text(item.contact.display_name), name_width)}  "
            f"{fit(safe_text(item.label), label_width)}  "
            f"{fit(safe_text(item.reason), reason_width)}"
        )
        lines.append(row.rstrip())
    if hidden_checkins:
        lines.append(
            f"  + {hidden_checkins} more check-in{'s' if hidden_checkins != 1 else ''} due"
            " (nurture-tui due --all)"
        )
    return lines


def contact_row(contact: Contact, today: Date, *, width: int = WIDTH) -> str:
    """One line of `list`: name, circle, cadence, next due."""
    due = next_due_on(contact)
    when = "due now" if due <= today else short_day(due, today)
    tail = f"{contact.circle.value:<12} every {cadence_days(contact):>3}d  {when:<16}".rstrip()
    name_width = max(10, width - 40)
    return f"{fit(safe_text(contact.display_name), name_width)}  {tail}"


def join_safe(values: Iterable[str]) -> str:
    """Comma-separated, each value made safe."""
    return ", ".join(safe_text(value) for value in values)


def date_line(date: ImportantDate, next_on: Date | None, today: Date) -> str:
    """`birthday 29 Feb · next Sun 28 Feb 2027 (turns 37)`."""
    kind = date.kind.value if not date.label else f"{date.kind.value} ({safe_text(date.label)})"
    text = f"{kind} {describe_rule(date.rule, date.year)}"
    if next_on is None:
        return text
    text += f" · next {short_day(next_on, today)}, {relative_days(next_on, today)}"
    if date.year is not None and next_on.year > date.year:
        count = next_on.year - date.year
        if date.kind.value == "birthday":
            text += f" (turns {count})"
        else:
            text += f" ({ordinal(count)})"
    return text


def detail_lines(
    detail: ContactDetail,
    *,
    today: Date,
    now: DateTime,
    next_dates: Sequence[Date | None],
) -> list[str]:
    """`show`: who they are, when they are due, and everything worth knowing before writing."""
    contact = detail.contact
    lines = [
        f"{safe_text(contact.display_name)} · {contact.circle.value} · "
        f"every {cadence_days(contact)} days  (#{contact.id})"
    ]
    work = " at ".join(
        part for part in (safe_text(contact.title), safe_text(contact.company)) if part
    )
    if work:
        lines.append(work)
    due = detail.next_due_on
    if due < today:
        status = f"{plural((today - due).days, 'day')} late (was due {short_day(due, today)})"
    elif due == today:
        status = "due today"
    else:
        status = f"{short_day(due, today)}, {relative_days(due, today)}"
    if contact.snoozed_until and contact.snoozed_until > today:
        status += f" · snoozed until {short_day(contact.snoozed_until, today)}"
    lines.append(f"next check-in: {status}")
    if contact.last_touch_at is not None:
        lines.append(f"last touch: {short_day(contact.last_touch_at.date(), today)}")
    else:
        lines.append("last touch: never")
    if contact.awaiting_reply_since is not None:
        since = contact.awaiting_reply_since.date()
        lines.append(f"reply owed since {short_day(since, today)}")
    for label, values in (
        ("email", contact.emails),
        ("phone", contact.phones),
        ("tags", contact.tags),
        ("interests", contact.interests),
        ("offers", contact.offers),
        ("needs", contact.needs),
    ):
        if values:
            lines.append(f"{label}: {join_safe(values)}")
    if contact.handles:
        lines.append("handles: " + join_safe(f"{ch} {h}" for ch, h in contact.handles))
    lines.append(f"prefers: {contact.preferred_channel.value}")
    if contact.timezone:
        clock = time_in(contact.timezone, now)
        there = f" (it is {clock_time(clock)} there)" if clock is not None else ""
        lines.append(f"time zone: {safe_text(contact.timezone)}{there}")
    if contact.location:
        lines.append(f"location: {safe_text(contact.location)}")
    if contact.how_met:
        lines.append(f"how we met: {safe_text(contact.how_met)}")

    open_promises = [c for c in detail.commitments if c.done_on is None]
    if open_promises:
        lines.append("")
        lines.append("Promises:")
        for commitment in open_promises:
            due_text = ""
            if commitment.due_on is not None:
                late = (today - commitment.due_on).days
                due_text = f" — by {short_day(commitment.due_on, today)}"
                if late > 0:
                    due_text += f" ({plural(late, 'day')} late)"
            lines.append(f"  #{commitment.id} {safe_text(commitment.text)}{due_text}")
    open_questions = [q for q in detail.questions if q.asked_on is None]
    if open_questions:
        lines.append("")
        lines.append("Ask next time:")
        lines.extend(f"  #{q.id} {safe_text(q.text)}" for q in open_questions)
    if detail.dates:
        lines.append("")
        lines.append("Dates:")
        for date, next_on in zip(detail.dates, next_dates, strict=True):
            lines.append(f"  {date_line(date, next_on, today)}")
    if detail.events:
        lines.append("")
        lines.append("Life events:")
        for event in detail.events:
            lines.append(
                f"  {short_day(event.occurred_on, today)}  {event.kind.value}: "
                f"{safe_text(event.text)}"
            )
    if detail.notes:
        lines.append("")
        lines.append("Notes:")
        for note in detail.notes:
            when = short_day(note.created_at.date(), today) if note.created_at else ""
            lines.append(f"  {when:<12}{safe_text(note.body)}")
    if detail.interactions:
        lines.append("")
        lines.append("Recent:")
        for interaction in detail.interactions:
            summary = f" — {safe_text(interaction.summary)}" if interaction.summary else ""
            what = interaction.channel.value
            if interaction.kind.value not in (what, "check-in", "message"):
                what += f" {interaction.kind.value}"
            if interaction.direction.value == "inbound":
                what += " from them"
            day = short_day(interaction.occurred_at.date(), today)
            lines.append(f"  {day:<10}  {what}{summary}")
    return lines
