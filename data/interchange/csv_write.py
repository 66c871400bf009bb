"""The network as one CSV table, a row per contact, for spreadsheets and other tools.

Columns follow Google Contacts' habits: several values in one cell are joined with ` ::: `.
A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) gets a leading apostrophe, so a phone `+351...` reads `'+351...` and a year-less
birthday `--05-12` reads `'--05-12`; importers should drop that apostrophe.
`Cadence Days` is the contact's own rhythm, empty when it follows its circle's default.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from core import cadence
from core.models import Contact, DateKind, ImportantDate
from data import codec
from data.interchange.vcard_write import yearly_text
from data.store import Store

SEPARATOR = " ::: "
COLUMNS: tuple[str, ...] = (
    "Name",
    "Given Name",
    "Family Name",
    "Nickname",
    "Emails",
    "Phones",
    "Company",
    "Title",
    "Location",
    "Time Zone",
    "Circle",
    "Cadence Days",
    "Tags",
    "Interests",
    "Offers",
    "Needs",
    "Birthday",
    "Anniversary",
    "Next Due",
    "Last Touch",
    "Archived",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(store: Store) -> str:
    """Every contact as a CSV row under a header, by name (CRLF line ends)."""
    # One read transaction for a consistent snapshot; the lock keeps a worker thread that
    # shares this connection out of it meanwhile.
    with store.snapshot():
        contacts = [
            codec.contact_from_row(row, store.zone)
            for row in store.conn.execute(
                f"SELECT {codec.CONTACT_SQL} FROM contacts ORDER BY name_key, id"
            )
        ]
        dates: dict[int, list[ImportantDate]] = {}
        for row in store.conn.execute(
            f"SELECT {codec.IMPORTANT_DATE_SQL} FROM important_dates"
            " WHERE kind IN (?, ?) ORDER BY contact_id, id",
            (DateKind.BIRTHDAY.value, DateKind.ANNIVERSARY.value),
        ):
            date = codec.important_date_from_row(row)
            dates.setdefault(date.contact_id, []).append(date)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for contact in contacts:
        writer.writerow(
            [safe_cell(cell) for cell in contact_row(contact, dates.get(contact.id, ()))]
        )
    return buffer.getvalue()


def contact_row(contact: Contact, dates: Sequence[ImportantDate] = ()) -> list[str]:
    """The cells of one contact, in `COLUMNS` order (not yet made spreadsheet-safe)."""
    last_touch = contact.last_touch_at
    return [
        contact.display_name,
        contact.given_name,
        contact.family_name,
        contact.nickname,
        SEPARATOR.join(contact.emails),
        SEPARATOR.join(contact.phones),
        contact.company,
        contact.title,
        contact.location,
        contact.timezone or "",
        contact.circle.value,
        "" if contact.cadence_override_days is None else str(contact.cadence_override_days),
        SEPARATOR.join(contact.tags),
        SEPARATOR.join(contact.interests),
        SEPARATOR.join(contact.offers),
        SEPARATOR.join(contact.needs),
        SEPARATOR.join(yearly_text(date) for date in dates if date.kind is DateKind.BIRTHDAY),
        SEPARATOR.join(yearly_text(date) for date in dates if date.kind is DateKind.ANNIVERSARY),
        cadence.next_due_on(contact).isoformat(),
        "" if last_touch is None else last_touch.date().isoformat(),
        "yes" if contact.archived else "",
    ]


def safe_cell(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
