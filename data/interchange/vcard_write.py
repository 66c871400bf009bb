"""The network as vCards (4.0, or 3.0 on request), for address books, khard and CardDAV.

Every contact is written, archived ones marked `X-NURTURE-ARCHIVED:true`. Text is kept exactly
as vobject (and so khard) reads it back: values are escaped with vobject's own
`backslashEscape` (backslash, comma, semicolon, newline), lines end CRLF and are folded at 75
octets, never inside a UTF-8 sequence. A carriage return comes back as a newline: vCard has
no escape for it. The cards are written line by line rather than through vobject's object
model, which costs some 35 µs a property: 7 s for 10,000 people instead of a fraction of one.

Yearly dates: the first birthday is BDAY and the first anniversary ANNIVERSARY (vCard 3.0 has
no ANNIVERSARY: it becomes Apple's labelled X-ABDATE); other fixed dates are Apple's
`itemN.X-ABDATE` + `itemN.X-ABLabel`, carrying our kind in `X-NURTURE-KIND`; a relative rule
("3rd Sunday of June") has no vCard date form, so it is `itemN.X-NURTURE-DATE` in words that
`core.milestones.parse_yearly_date` reads back. A year-less BDAY or ANNIVERSARY is `--MMDD`
in 4.0; in 3.0, and in every X-ABDATE, it is Apple's `1604-MM-DD;X-APPLE-OMIT-YEAR=1604`
(1604 is a leap year, so Feb 29 fits).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar
from urllib.parse import quote

from vobject.base import backslashEscape

from core.models import Contact, DateKind, ImportantDate, Note, YearlyRule
from data import codec
from data.interchange import xprops
from data.store import Store

ARCHIVED = xprops.ARCHIVED
DATE_KIND = xprops.DATE_KIND
RELATIVE_DATE = xprops.RELATIVE_DATE
APPLE_DATE = "X-ABDATE"
APPLE_LABEL = "X-ABLabel"
APPLE_OMIT_YEAR = "X-APPLE-OMIT-YEAR"
APPLE_NO_YEAR = 1604  # the year Apple writes for "year unknown": a leap year
APPLE_ANNIVERSARY_LABEL = "_$!<Anniversary>!$_"
PRODID = "-//nurture-tui//nurture-tui//EN"
FOLD_OCTETS = 75
VERSIONS = ("3.0", "4.0")

_DEFAULT_LABELS = {
    DateKind.BIRTHDAY: "Birthday",
    DateKind.ANNIVERSARY: APPLE_ANNIVERSARY_LABEL,
    DateKind.WORK_ANNIVERSARY: "Work anniversary",
    DateKind.CUSTOM: "Special day",
}
_ORDINAL_WORDS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}
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
# Handles whose profile page has a well-known address; anything else is IMPP.
_PROFILE_URLS = {
    "linkedin": "https://www.linkedin.com/in/{}",
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "twitter": "https://x.com/{}",
    "x": "https://x.com/{}",
    "instagram": "https://www.instagram.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "telegram": "https://t.me/{}",
}
_IM_SCHEMES = {"xmpp": "xmpp", "jabber": "xmpp", "skype": "skype", "sip": "sip"}
_MASTODON = re.compile(r"@?(?P<user>[^@\s/]+)@(?P<host>[^@\s/]+\.[^@\s/]+)")
_PARAM_SAFE = re.compile(r"[^A-Za-z0-9._-]")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")
_Owned = TypeVar("_Owned", ImportantDate, Note)


def write_vcards(store: Store, *, version: str = "4.0") -> str:
    """Every contact as one vCard each, by name: text for a .vcf file (CRLF line ends)."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}: use one of {', '.join(VERSIONS)}")
    # One read transaction: a consistent snapshot even while another session writes. The
    # store's lock keeps a worker thread sharing this connection out of it meanwhile.
    with store.snapshot():
        contacts = [
            codec.contact_from_row(row, store.zone)
            for row in store.conn.execute(
                f"SELECT {codec.CONTACT_SQL} FROM contacts ORDER BY name_key, id"
            )
        ]
        dates = _by_contact(
            codec.important_date_from_row(row)
            for row in store.conn.execute(
                f"SELECT {codec.IMPORTANT_DATE_SQL} FROM important_dates ORDER BY contact_id, id"
            )
        )
        notes = _by_contact(
            codec.note_from_row(row, store.zone)
            for row in store.conn.execute(
                f"SELECT {codec.NOTE_SQL} FROM notes ORDER BY contact_id, created_at, id"
            )
        )
    return "".join(
        contact_vcard(
            contact,
            dates=dates.get(contact.id, ()),
            notes=notes.get(contact.id, ()),
            version=version,
        )
        for contact in contacts
    )


def _by_contact(records: Iterable[_Owned]) -> dict[int, list[_Owned]]:
    grouped: dict[int, list[_Owned]] = {}
    for record in records:
        grouped.setdefault(record.contact_id, []).append(record)
    return grouped


def contact_vcard(
    contact: Contact,
    *,
    dates: Sequence[ImportantDate] = (),
    notes: Sequence[Note] = (),
    version: str = "4.0",
) -> str:
    """One contact as the text of one vCard (notes oldest first, as they were written)."""
    card = _Card(version)
    card.add("UID", f"nurture-{contact.id}")
    card.add("FN", contact.display_name)
    card.add_fields("N", (contact.family_name, contact.given_name, "", "", ""))
    if contact.nickname:
        card.add("NICKNAME", contact.nickname)
    for email in contact.emails:
        card.add("EMAIL", email)
    for phone in contact.phones:
        card.add("TEL", phone)
    if contact.company:
        card.add_fields("ORG", (contact.company,))
    if contact.title:
        card.add("TITLE", contact.title)
    if contact.location:
        # The whole location as the locality: we do not know which part is the city.
        card.add_fields("ADR", ("", "", "", contact.location, "", "", ""), TYPE="home")
    if contact.timezone:
        # 3.0's TZ is a UTC offset unless told otherwise; 4.0's is text already.
        card.add("TZ", contact.timezone, **({"VALUE": "text"} if version == "3.0" else {}))
    if contact.tags:
        card.add_list("CATEGORIES", contact.tags)
    if notes:
        card.add("NOTE", "\n\n".join(note.body for note in notes))
    for channel, handle in contact.handles:
        _add_handle(card, channel, handle)
    _add_dates(card, dates, version)
    card.add(xprops.CIRCLE, contact.circle.value)
    if contact.cadence_override_days is not None:
        card.add(xprops.CADENCE, f"{contact.cadence_override_days}d")
    if contact.snoozed_until is not None:
        card.add(xprops.SNOOZE_UNTIL, contact.snoozed_until.isoformat())
    for interest in contact.interests:
        card.add(xprops.INTEREST, interest)
    for offer in contact.offers:
        card.add(xprops.OFFER, offer)
    for need in contact.needs:
        card.add(xprops.NEED, need)
    if contact.how_met:
        card.add(xprops.HOW_MET, contact.how_met)
    card.add(xprops.CHANNEL, contact.preferred_channel.value)
    if contact.archived:
        card.add(ARCHIVED, "true")
    return card.text()


class _Card:
    """The lines of one vCard as it is built; `text()` folds and ends them."""

    def __init__(self, version: str) -> None:
        self.lines = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}"]

    def add(self, name: str, value: str, *, group: str | None = None, **params: str) -> None:
        """A property with one text value."""
        self.add_escaped(name, escape(value), group=group, **params)

    def add_fields(self, name: str, fields: Sequence[str], **params: str) -> None:
        """A structured property (N, ADR, ORG): fields apart by semicolons."""
        self.add_escaped(name, ";".join(map(escape, fields)), **params)

    def add_list(self, name: str, values: Sequence[str]) -> None:
        """A property holding a list of values (CATEGORIES), apart by commas."""
        self.add_escaped(name, ",".join(map(escape, values)))

    def add_escaped(
        self, name: str, value: str, *, group: str | None = None, **params: str
    ) -> None:
        """A property whose value is already in vCard form."""
        head = f"{group}.{name}" if group else name
        # Parameter values are ours or cleaned by `_param`: nothing in them needs quoting.
        parameters = "".join(f";{key}={param}" for key, param in params.items())
        self.lines.append(f"{head}{parameters}:{value}")

    def text(self) -> str:
        return "".join(map(fold, (*self.lines, "END:VCARD")))


def escape(value: str) -> str:
    """A text value escaped as vobject does (and reads back)."""
    escaped: str = backslashEscape(value)
    return escaped


def fold(line: str) -> str:
    """One content line ending CRLF, folded to lines of at most 75 octets (RFC 6350 3.2).

    A fold never splits a UTF-8 sequence; continuation lines start with a space.
    """
    encoded = line.encode()
    if len(encoded) <= FOLD_OCTETS:
        return line + "\r\n"
    pieces = []
    start, width = 0, FOLD_OCTETS
    while start < len(encoded):
        end = min(start + width, len(encoded))
        while end < len(encoded) and encoded[end] & 0xC0 == 0x80:
            end -= 1  # back to the start of the character
        pieces.append(encoded[start:end].decode())
        start, width = end, FOLD_OCTETS - 1
    return "\r\n ".join(pieces) + "\r\n"


def _add_handle(card: _Card, channel: str, handle: str) -> None:
    """A handle as URL (a profile page) or IMPP (a messaging address), typed by its channel."""
    service = channel.strip().lower()
    kind = _param(service)
    typed = {"TYPE": kind} if kind else {}
    if "://" in handle:
        card.add("URL", handle, **typed)
        return
    template = _PROFILE_URLS.get(service)
    if template is not None:
        card.add("URL", template.format(quote(handle.strip().lstrip("@"), safe="@._-~")), **typed)
        return
    mastodon = _MASTODON.fullmatch(handle.strip()) if service == "mastodon" else None
    if mastodon is not None:
        card.add("URL", f"https://{mastodon['host']}/@{mastodon['user']}", **typed)
        return
    scheme = _IM_SCHEMES.get(service) or (service if _SCHEME.fullmatch(service) else "x-handle")
    service_type = {"X-SERVICE-TYPE": kind} if kind else {}
    card.add("IMPP", f"{scheme}:{handle}", **service_type)


def _param(text: str) -> str:
    """`text` fit for a parameter value (no quotes, colons, control characters)."""
    return _PARAM_SAFE.sub("", text)


def _add_dates(card: _Card, dates: Sequence[ImportantDate], version: str) -> None:
    has_birthday = has_anniversary = False
    item = 0
    for date in dates:
        rule = date.rule
        if rule.day is not None and date.kind is DateKind.BIRTHDAY and not has_birthday:
            has_birthday = True
            _add_date_value(card, "BDAY", rule, date.year, version)
            continue
        if (
            rule.day is not None
            and date.kind is DateKind.ANNIVERSARY
            and version == "4.0"
            and not has_anniversary
        ):
            has_anniversary = True
            _add_date_value(card, "ANNIVERSARY", rule, date.year, version)
            continue
        item += 1
        group = f"item{item}"
        kind = {DATE_KIND: date.kind.value}
        if rule.day is None:
            card.add(RELATIVE_DATE, rule_words(rule), group=group, **kind)
        else:
            # Apple's own property, so Apple's date form whatever the vCard version.
            _add_date_value(card, APPLE_DATE, rule, date.year, "3.0", group=group, **kind)
        card.add(APPLE_LABEL, date.label or _DEFAULT_LABELS[date.kind], group=group)


def _add_date_value(
    card: _Card,
    name: str,
    rule: YearlyRule,
    year: int | None,
    version: str,
    *,
    group: str | None = None,
    **params: str,
) -> None:
    assert rule.day is not None
    month, day = rule.month, rule.day
    if version == "4.0":
        value = f"{year:04d}{month:02d}{day:02d}" if year else f"--{month:02d}{day:02d}"
    elif year:
        value = f"{year:04d}-{month:02d}-{day:02d}"
    else:
        value = f"{APPLE_NO_YEAR:04d}-{month:02d}-{day:02d}"
        params = {**params, APPLE_OMIT_YEAR: str(APPLE_NO_YEAR)}
    card.add_escaped(name, value, group=group, **params)


def rule_words(rule: YearlyRule) -> str:
    """A relative rule as words `parse_yearly_date` reads back: `3rd Sunday of June`."""
    if rule.weekday is None or rule.nth is None:
        raise ValueError("a relative yearly rule needs a weekday and its position")
    return (
        f"{_ORDINAL_WORDS[rule.nth]} {_WEEKDAY_NAMES[rule.weekday]}"
        f" of {_MONTH_NAMES[rule.month - 1]}"
    )


def yearly_text(date: ImportantDate) -> str:
    """A date as `YYYY-MM-DD`, `--MM-DD` (year unknown) or `3rd Sunday of June`."""
    rule = date.rule
    if rule.day is None:
        return rule_words(rule)
    if date.year:
        return f"{date.year:04d}-{rule.month:02d}-{rule.day:02d}"
    return f"--{rule.month:02d}-{rule.day:02d}"
