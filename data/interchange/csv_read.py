"""CSV address books as people really export them: Google, LinkedIn, Outlook, Thunderbird, any.

Columns are found by name, never by position (Google writes as many `E-mail N - Value` columns
as its busiest contact needs), and names are compared without case, spacing, punctuation or
accents, so `E-mail 1 - Value`, `Société ` and `e_mail` all match what we look for. Each flavor
becomes a `_Layout` (which columns feed which field); one row builder serves them all, so a quirk
handled for one export is handled for every export that shares it.

Dates are read in the order the file uses: month first as US exports write them, unless a first
number above 12 shows the file is day first. A date we cannot read costs only that field: its
text goes to the person's notes. A row we cannot take becomes a `Rejected` with the physical line
it starts on (quoted cells can span lines); every other row is kept.
"""

from __future__ import annotations

import calendar
import csv
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from pendulum import Date

from core.models import DateKind
from data.interchange.decode import decode_text
from data.interchange.records import (
    ImportedDate,
    ImportedPerson,
    ParsedFile,
    Rejected,
    UnreadableFile,
)

CSV_FLAVORS = ("google", "linkedin", "outlook", "thunderbird", "generic")

# What `--map FIELD=Column` may name, in the order a help text lists them.
CSV_FIELDS = (
    "name",
    "given",
    "family",
    "nickname",
    "email",
    "phone",
    "company",
    "title",
    "location",
    "tags",
    "notes",
    "birthday",
    "anniversary",
    "timezone",
)

_DELIMITERS = (",", ";", "\t")
_HEADER_SEARCH_ROWS = 30  # LinkedIn puts a few lines of notes before its header
_SNIFF_CHARS = 65_536
_FIELD_LIMIT = csv.field_size_limit()

NO_NAME = "no name, email or phone"
_NO_HEADER = (
    "this file has no header row with a name column (such as Name or First Name), "
    "so it is not a CSV of contacts"
)


def _key(header: str) -> str:
    """`E-mail 1 - Value` -> `email1value`, `Société ` -> `societe`: how headers are compared."""
    # Labels and tags repeat on every row, so short texts are remembered; long ones are not,
    # or a hostile file could fill memory with them.
    return _short_key(header) if len(header) <= 64 else _compare_form(header)


def _compare_form(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(char for char in decomposed if char.isalnum())


_short_key = functools.lru_cache(maxsize=4096)(_compare_form)


def _keys(headers: str) -> tuple[str, ...]:
    """`"First Name | Vorname"` -> `("firstname", "vorname")`: tables stay readable."""
    return tuple(dict.fromkeys(_key(header) for header in headers.split("|")))


# A value column and the column labelling it (Google's `E-mail 1 - Type`), if any.
_Labelled = tuple[int, int | None]
# A row's cell by column (empty past the row's end, and for no column).
_Cell = Callable[[int | None], str]

_FORMULA_STARTS = frozenset("=+-@")
_LIST_ANY = re.compile(r"\s*(?::::|[;,|])\s*")
_LIST_GOOGLE = re.compile(r"\s*:::\s*")
_LIST_OUTLOOK = re.compile(r"\s*[;,]\s*")
_SPLIT_EMAILS = re.compile(r"\s*(?::::|[;,])\s*")
_SPLIT_PHONES = re.compile(r"\s*(?::::|;)\s*")


@dataclass(frozen=True, slots=True)
class _Layout:
    """Which columns feed which field; several columns for one field are tried in order."""

    names: tuple[int, ...] = ()
    given: tuple[int, ...] = ()
    middle: tuple[int, ...] = ()
    family: tuple[int, ...] = ()
    nickname: tuple[int, ...] = ()
    emails: tuple[_Labelled, ...] = ()
    phones: tuple[_Labelled, ...] = ()
    websites: tuple[_Labelled, ...] = ()
    handles: tuple[tuple[str, int], ...] = ()
    company: tuple[int, ...] = ()
    title: tuple[int, ...] = ()
    places: tuple[tuple[int, ...], ...] = ()  # each: parts of one place, like city/region/country
    tags: tuple[int, ...] = ()
    notes: tuple[int, ...] = ()
    birthday: tuple[int, ...] = ()
    anniversary: tuple[int, ...] = ()
    birth_parts: tuple[int | None, int | None, int | None] | None = None  # year, month, day
    events: tuple[_Labelled, ...] = ()
    timezone: tuple[int, ...] = ()
    connected_on: tuple[int, ...] = ()
    tag_separator: re.Pattern[str] = _LIST_ANY


class _Header:
    """The header row, indexed by compared name."""

    def __init__(self, cells: Sequence[str]) -> None:
        self.cells = tuple(cells)
        self.keys = tuple(_key(cell) for cell in cells)
        self.index: dict[str, int] = {}
        for position, key in enumerate(self.keys):
            if key:
                self.index.setdefault(key, position)

    def find(self, keys: Iterable[str]) -> tuple[int, ...]:
        """The columns with these names, in the order asked (so the order is a preference)."""
        return tuple(dict.fromkeys(self.index[key] for key in keys if key in self.index))

    def numbered(self, prefix: str) -> list[dict[str, int]]:
        """Google's `E-mail 1 - Value`, `E-mail 1 - Type`... as one dict per number, in order."""
        pattern = re.compile(rf"{prefix}(\d{{1,4}})(\w*)", re.ASCII)
        groups: dict[int, dict[str, int]] = {}
        for position, key in enumerate(self.keys):
            found = pattern.fullmatch(key)
            if found is not None:
                groups.setdefault(int(found[1]), {}).setdefault(found[2], position)
        return [groups[number] for number in sorted(groups)]


# --- the flavors --------------------------------------------------------------------------------

_LINKEDIN = {
    "given": _keys("First Name"),
    "family": _keys("Last Name"),
    "emails": _keys("Email Address"),
    "company": _keys("Company"),
    "title": _keys("Position"),
    "connected_on": _keys("Connected On"),
}

_THUNDERBIRD = {
    "names": _keys("Display Name"),
    "given": _keys("First Name"),
    "family": _keys("Last Name"),
    "nickname": _keys("Nickname"),
    "emails": _keys("Primary Email | Secondary Email"),
    "phones": _keys("Mobile Number | Work Phone | Home Phone"),
    "company": _keys("Organization"),
    "title": _keys("Job Title"),
    "notes": _keys("Notes"),
    "websites": _keys("Web Page 1 | Web Page 2"),
}
_THUNDERBIRD_PLACES = (
    _keys("Home City | Home State | Home Country"),
    _keys("Work City | Work State | Work Country"),
)
_THUNDERBIRD_SIGNS = frozenset(
    _keys("Primary Email | Secondary Email | Screen Name | Birth Year | Work Phone")
)

_GOOGLE = {
    "names": _keys("Name"),
    "given": _keys("Given Name | First Name"),
    "middle": _keys("Additional Name | Middle Name"),
    "family": _keys("Family Name | Last Name"),
    "nickname": _keys("Nickname"),
    "company": _keys("Organization Name"),
    "title": _keys("Organization Title"),
    "tags": _keys("Labels | Group Membership"),
    "notes": _keys("Notes"),
    "birthday": _keys("Birthday"),
}

# Outlook translates its headers; English, German and French exports are the common ones.
_OUTLOOK = {
    "names": _keys("Name | Full Name | Display Name | Nom complet | Vollständiger Name"),
    "given": _keys("First Name | Vorname | Prénom"),
    "middle": _keys("Middle Name | Weitere Vornamen | Deuxième prénom"),
    "family": _keys("Last Name | Nachname | Nom | Nom de famille"),
    "nickname": _keys("Nickname | Spitzname | Surnom"),
    "emails": _keys(
        "E-mail Address | E-mail 2 Address | E-mail 3 Address"
        "| E-Mail-Adresse | E-Mail 2: Adresse | E-Mail 3: Adresse"
        "| Adresse de messagerie | Adresse de messagerie 2 | Adresse de messagerie 3"
    ),
    "phones": _keys(
        "Mobile Phone | Primary Phone | Business Phone | Business Phone 2 | Home Phone"
        "| Home Phone 2 | Other Phone | Car Phone | Company Main Phone"
        "| Mobiltelefon | Haupttelefon | Telefon geschäftlich | Telefon geschäftlich 2"
        "| Telefon privat | Telefon privat 2 | Weiteres Telefon | Autotelefon | Telefon Firma"
        "| Tél. mobile | Téléphone mobile | Téléphone portable | Téléphone principal"
        "| Téléphone (bureau) | Téléphone 2 (bureau) | Téléphone professionnel"
        "| Téléphone (domicile) | Téléphone 2 (domicile) | Téléphone personnel"
        "| Autre téléphone | Téléphone société"
    ),
    "company": _keys("Company | Firma | Société | Entreprise"),
    "title": _keys("Job Title | Position | Fonction | Titre du poste"),
    "tags": _keys("Categories | Kategorien | Catégories"),
    "notes": _keys("Notes | Notizen"),
    "birthday": _keys("Birthday | Geburtstag | Anniversaire | Date de naissance"),
    "anniversary": _keys(
        "Anniversary | Jahrestag | Hochzeitstag"
        "| Anniversaire de mariage | Anniversaire de mariage ou fête"
    ),
    "websites": _keys("Web Page | Personal Web Page | Webseite | Page Web"),
}
_OUTLOOK_PLACES = (
    _keys("Home City | Home State | Home Country/Region"),
    _keys("Business City | Business State | Business Country/Region"),
    _keys("Other City | Other State | Other Country/Region"),
    _keys("Ort privat | Bundesland/Kanton privat | Land/Region privat"),
    _keys(
        "Ort geschäftlich | Region geschäftlich | Bundesland/Kanton geschäftlich"
        "| Land/Region geschäftlich"
    ),
    _keys("Ville (domicile) | Dép/Région (domicile) | Pays/Région (domicile)"),
    _keys("Ville (bureau) | Dép/Région (bureau) | Pays/Région (bureau)"),
)
# Columns hardly anyone but Outlook writes: three of them make a file Outlook's.
_OUTLOOK_SIGNS = frozenset(
    _OUTLOOK["emails"]
    + _OUTLOOK["phones"]
    + _OUTLOOK["middle"]
    + _OUTLOOK["birthday"]
    + _OUTLOOK["anniversary"]
    + _OUTLOOK["tags"]
    + _keys("Job Title | Firma | Société | Vorname | Nachname | Prénom")
    + _keys("Home City | Business City | Ort privat | Ort geschäftlich")
)

# Any other CSV: the names people give columns, most telling first. A trailing number is
# ignored, so `Email 2` and `Phone 3` are more emails and phones.
_GENERIC = {
    "names": _keys("Name | Full Name | Display Name | Contact Name | Contact | Nom complet"),
    "given": _keys("First Name | Given Name | First | Forename | Vorname | Prénom"),
    "middle": _keys("Middle Name | Additional Name | Middle"),
    "family": _keys("Last Name | Family Name | Surname | Last | Nachname | Nom de famille | Nom"),
    "nickname": _keys("Nickname | Nick | Alias | Spitzname | Surnom"),
    "emails": _keys(
        "Email | Emails | E-mail | Email Address | Mail | Primary Email | Work Email | Home Email"
        "| Personal Email | Other Email | Secondary Email | E-Mail-Adresse | Courriel"
        "| Adresse de messagerie"
    ),
    "phones": _keys(
        "Phone | Phones | Phone Number | Mobile | Mobile Phone | Mobile Number | Cell | Cell Phone"
        "| Telephone | Tel | Work Phone | Home Phone | Telefon | Handy | Mobiltelefon | Portable"
    ),
    "company": _keys(
        "Company | Organization | Organisation | Org | Employer | Company Name"
        "| Organization Name | Firma | Société | Entreprise | Unternehmen"
    ),
    "title": _keys("Job Title | Title | Position | Role | Job | Occupation | Fonction"),
    "places": _keys("City | Location | Town | Address | Ort | Stadt | Ville | Adresse"),
    "tags": _keys(
        "Tags | Tag | Labels | Label | Groups | Group | Categories | Category"
        "| Group Membership | Kategorien | Catégories"
    ),
    "notes": _keys("Notes | Note | Comments | Comment | Description | Notizen | Bemerkung"),
    "birthday": _keys(
        "Birthday | Birthdate | Date of Birth | DOB | Bday | Geburtstag | Geburtsdatum"
        "| Anniversaire | Date de naissance"
    ),
    "anniversary": _keys("Anniversary | Wedding Anniversary | Jahrestag | Hochzeitstag"),
    "timezone": _keys("Timezone | Time Zone | TZ"),
    "websites": _keys("Website | Web Site | URL | Web | Homepage | Web Page"),
}
_GENERIC_HANDLES = {
    "linkedin": _keys("LinkedIn | LinkedIn URL | LinkedIn Profile"),
    "github": _keys("GitHub"),
    "twitter": _keys("Twitter"),
    "mastodon": _keys("Mastodon"),
}

# A header row has at least one of these: a file without a name column is not contacts.
_NAME_KEYS = frozenset(
    key
    for table in (_GENERIC, _OUTLOOK, _GOOGLE, _THUNDERBIRD)
    for slot in ("names", "given", "family", "nickname")
    for key in table.get(slot, ())
)

# `--map` field -> the layout slot it fills.
_MAPPED_SLOT = {
    "name": "names",
    "given": "given",
    "family": "family",
    "nickname": "nickname",
    "email": "emails",
    "phone": "phones",
    "company": "company",
    "title": "title",
    "location": "places",
    "tags": "tags",
    "notes": "notes",
    "birthday": "birthday",
    "anniversary": "anniversary",
    "timezone": "timezone",
}

# Google's own groups: every contact is in them, so they say nothing about anyone.
_SYSTEM_GROUPS = frozenset(
    _keys("myContacts | starred | Other Contacts | Frequently contacted | Most contacted")
)
_ANNIVERSARY_LABELS = frozenset(_keys("Anniversary | Jahrestag | Anniversaire de mariage"))


def _slots(header: _Header, table: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """Layout fields from a table of slot -> column names."""
    slots: dict[str, Any] = {}
    for slot, keys in table.items():
        columns = header.find(keys)
        if slot in ("emails", "phones", "websites"):
            slots[slot] = tuple((column, None) for column in columns)
        elif slot == "places":
            slots[slot] = tuple((column,) for column in columns)
        else:
            slots[slot] = columns
    return slots


def _places(header: _Header, groups: Iterable[tuple[str, ...]]) -> tuple[tuple[int, ...], ...]:
    return tuple(found for keys in groups if (found := header.find(keys)))


def _linkedin_layout(header: _Header) -> _Layout:
    slots = _slots(header, _LINKEDIN)
    handles = tuple(("linkedin", column) for column in header.find(_keys("URL | Profile URL")))
    return _Layout(handles=handles, **slots)


def _thunderbird_layout(header: _Header) -> _Layout:
    slots = _slots(header, _THUNDERBIRD)
    parts = [header.index.get(key) for key in _keys("Birth Year | Birth Month | Birth Day")]
    return _Layout(
        places=_places(header, _THUNDERBIRD_PLACES),
        birth_parts=(parts[0], parts[1], parts[2]),
        **slots,
    )


def _google_layout(header: _Header) -> _Layout:
    slots = _slots(header, _GOOGLE)

    def labelled(prefix: str) -> tuple[_Labelled, ...]:
        return tuple(
            (group["value"], group.get("type", group.get("label")))
            for group in header.numbered(prefix)
            if "value" in group
        )

    organizations = header.numbered("organization")
    addresses = header.numbered("address")
    company = slots.pop("company") + tuple(g["name"] for g in organizations if "name" in g)
    title = slots.pop("title") + tuple(g["title"] for g in organizations if "title" in g)
    places = tuple(
        parts
        for group in addresses
        if (parts := tuple(group[part] for part in ("city", "region", "country") if part in group))
    ) + tuple((column,) for column in header.find(_keys("Location")))
    return _Layout(
        emails=labelled("email"),
        phones=labelled("phone"),
        websites=labelled("website"),
        events=labelled("event"),
        company=company,
        title=title,
        places=places,
        tag_separator=_LIST_GOOGLE,
        **slots,
    )


def _outlook_layout(header: _Header) -> _Layout:
    slots = _slots(header, _OUTLOOK)
    layout = _Layout(places=_places(header, _OUTLOOK_PLACES), tag_separator=_LIST_OUTLOOK, **slots)
    # A hand-made file can look like Outlook's and still say `Email` or `Phone`: the generic
    # guesses fill what Outlook's own names left empty, from the columns nothing else took.
    guessed = _generic_layout(header, _columns_used(layout))
    changes: dict[str, Any] = {}
    for slot in fields(_Layout):
        ours, theirs = getattr(layout, slot.name), getattr(guessed, slot.name)
        if slot.name in _LIST_SLOTS:
            changes[slot.name] = ours + theirs
        elif not ours and slot.name != "tag_separator":
            changes[slot.name] = theirs
    return replace(layout, **changes)


_LIST_SLOTS = frozenset(("emails", "phones", "websites", "handles", "tags", "notes"))


def _columns_used(layout: _Layout) -> frozenset[int]:
    """Every column a layout reads."""
    used: set[int] = set()

    def collect(value: object) -> None:
        if isinstance(value, int):
            used.add(value)
        elif isinstance(value, tuple):
            for item in value:
                collect(item)

    for slot in fields(_Layout):
        collect(getattr(layout, slot.name))
    return frozenset(used)


def _generic_layout(header: _Header, taken: frozenset[int] = frozenset()) -> _Layout:
    """Columns guessed from common header names, leaving alone the ones a mapping took."""
    slots: dict[str, list[tuple[int, int]]] = {}
    handles: list[tuple[str, int]] = []
    for column, key in enumerate(header.keys):
        if column in taken or not key:
            continue
        base = key.rstrip("0123456789") or key
        for slot, keys in _GENERIC.items():
            if base in keys:
                slots.setdefault(slot, []).append((keys.index(base), column))
                break
        else:
            handles.extend((kind, column) for kind, keys in _GENERIC_HANDLES.items() if key in keys)
    ranked = {slot: tuple(column for _, column in sorted(found)) for slot, found in slots.items()}
    chosen: dict[str, Any] = {}
    for slot, columns in ranked.items():
        if slot in ("emails", "phones", "websites"):
            # every column counts, in the file's order
            chosen[slot] = tuple((column, None) for column in sorted(columns))
        elif slot == "places":
            chosen[slot] = tuple((column,) for column in columns)
        elif slot in ("tags", "notes"):
            chosen[slot] = tuple(sorted(columns))
        else:
            chosen[slot] = columns
    return _Layout(handles=tuple(handles), **chosen)


def _detect(header: _Header) -> str:
    keys = set(header.keys)
    if {"connectedon", "firstname"} <= keys:
        return "linkedin"
    if "displayname" in keys and len(keys & _THUNDERBIRD_SIGNS) >= 2:
        return "thunderbird"
    google_numbered = any(re.fullmatch(r"(email|phone)\d+(value|type|label)", k) for k in keys)
    if "groupmembership" in keys or (
        google_numbered and keys & {"givenname", "familyname", "labels"}
    ):
        return "google"
    if len(keys & _OUTLOOK_SIGNS) >= 3:
        return "outlook"
    return "generic"


_LAYOUTS = {
    "google": _google_layout,
    "linkedin": _linkedin_layout,
    "outlook": _outlook_layout,
    "thunderbird": _thunderbird_layout,
    "generic": _generic_layout,
}


# --- text ---------------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n?")
# C0 and C1 controls except tab and newline, and stray byte-order marks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe]")
_BLANK = re.compile(r"\s+")


def _one_line(raw: str) -> str:
    """A cell as one line: runs of whitespace (newlines included) become one space."""
    if raw.isprintable() and "  " not in raw:  # most cells: nothing to clean
        return raw.strip()
    text = _BLANK.sub(" ", raw)
    if _CONTROL.search(text):
        text = _BLANK.sub(" ", _CONTROL.sub("", text))
    return text.strip()


def _multi_line(raw: str) -> str:
    """A cell whose lines matter (notes): newlines and tabs kept, other controls dropped."""
    text = _CONTROL.sub("", _LINE_BREAK.sub("\n", raw))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _unique(values: Iterable[str]) -> list[str]:
    """Values without repeats (compared ignoring case), first spelling kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        folded = value.casefold()
        if value and folded not in seen:
            seen.add(folded)
            kept.append(value)
    return kept


# --- dates --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Day:
    month: int
    day: int
    year: int | None


_TIME_SUFFIX = re.compile(
    r"(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)
_ISO = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})", re.ASCII)
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})", re.ASCII)
_NUMERIC = re.compile(r"(\d{1,4})([/.\-])(\d{1,2})(?:\2(\d{4}|\d{2})?)?\.?", re.ASCII)
_WORD_OR_NUMBER = re.compile(r"[^\W\d_]+|\d+")
_MISSING_DATE = re.compile(r"[0\s/.\-:]*")  # Outlook's `0/0/00`
_LONGEST_DATE = 40  # longer text is not a date, and is kept from the regexes

_MONTHS = {
    _key(name): number
    for number, names in enumerate(
        (
            ("January", "Jan", "Januar", "Jänner", "Janvier", "Janv"),
            ("February", "Feb", "Februar", "Février", "Févr", "Fév"),
            ("March", "Mar", "März", "Mär", "Mars"),
            ("April", "Apr", "Avril", "Avr"),
            ("May", "Mai"),
            ("June", "Jun", "Juni", "Juin"),
            ("July", "Jul", "Juli", "Juillet", "Juil"),
            ("August", "Aug", "Août"),
            ("September", "Sep", "Sept", "Septembre"),
            ("October", "Oct", "Oktober", "Okt", "Octobre"),
            ("November", "Nov", "Novembre"),
            ("December", "Dec", "Dezember", "Dez", "Décembre", "Déc"),
        ),
        start=1,
    )
    for name in names
}
# Words a written date may carry besides its month: ordinals, "of", weekdays.
_DATE_FILLER = frozenset(
    _keys("st | nd | rd | th | er | of | de | der")
    + tuple(_key(day) for day in calendar.day_name)
    + tuple(_key(day) for day in calendar.day_abbr)
)


def _is_missing_date(text: str) -> bool:
    return _MISSING_DATE.fullmatch(text) is not None


def _year(digits: str) -> int | None:
    """A year as written; two digits pivot like strptime's %y; 0000 and Apple's 1604 mean none."""
    year = int(digits)
    if len(digits) <= 2:
        return year + (2000 if year < 69 else 1900)
    if year in (0, 1604):
        return None
    return year


def _day(month: int, day: int, year: int | None) -> _Day | None:
    """A real calendar day; Feb 29 without a year is a birthday like any other."""
    if not 1 <= month <= 12 or day < 1:
        return None
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return _Day(month, day, year) if day <= last else None


def _read_date(raw: str, day_first: bool) -> _Day | None:
    """`1985-04-15`, `--04-15`, `4/15/1985`, `15.04.1985`, `26 Nov 2026`...; None if unreadable."""
    if len(raw) > _LONGEST_DATE:
        return None
    text = _TIME_SUFFIX.sub("", raw.strip())
    if found := _ISO.fullmatch(text):
        return _day(int(found[2]), int(found[3]), _year(found[1]))
    if found := _NO_YEAR.fullmatch(text):
        return _day(int(found[1]), int(found[2]), None)
    if found := _NUMERIC.fullmatch(text):
        first, separator, second, third = found[1], found[2], int(found[3]), found[4]
        if len(first) == 4:
            if third is None or len(third) != 2:
                return None
            return _day(second, int(third), _year(first))
        if len(first) == 3:
            return None
        year = _year(third) if third is not None else None
        a = int(first)
        if separator == "." or (a > 12 >= second):
            return _day(second, a, year)
        if second > 12 >= a:
            return _day(a, second, year)
        return _day(second, a, year) if day_first else _day(a, second, year)
    return _read_written_date(text)


def _read_written_date(text: str) -> _Day | None:
    """`26 Nov 2026`, `Nov 26, 2026`, `15. April`, `April 15th`: a month by name."""
    month: int | None = None
    numbers: list[str] = []
    for token in _WORD_OR_NUMBER.findall(text):
        if token.isdigit():
            if len(token) > 4:
                return None
            numbers.append(token)
            continue
        key = _key(token)
        if key in _MONTHS and month is None:
            month = _MONTHS[key]
        elif key not in _DATE_FILLER:
            return None
    if month is None or not 1 <= len(numbers) <= 2 or len(numbers[0]) > 2:
        return None
    if len(numbers) == 2 and len(numbers[1]) not in (2, 4):
        return None
    year = _year(numbers[1]) if len(numbers) == 2 else None
    return _day(month, int(numbers[0]), year)


def _prefers_day_first(texts: Iterable[str]) -> bool:
    """Whether the file's slashed dates are day first: some first number above 12 says so."""
    day_first = month_first = 0
    for raw in texts:
        text = _one_line(raw)
        if len(text) > _LONGEST_DATE:
            continue
        found = _NUMERIC.fullmatch(_TIME_SUFFIX.sub("", text))
        if found is None or found[2] == "." or len(found[1]) > 2:
            continue
        first, second = int(found[1]), int(found[3])
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
    return day_first > month_first


# --- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    """A record as csv read it: the physical line it starts on, and its cells or what failed."""

    line: int
    cells: list[str]
    problem: str = ""


def _rows(text: str, delimiter: str) -> Iterator[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if reader.line_num < start:
                return
            if "field larger than field limit" in str(error):
                yield _Row(start, [], f"a cell longer than {_FIELD_LIMIT} characters")
            else:
                yield _Row(start, [], f"not readable as CSV ({error})")
            continue
        yield _Row(start, cells)


def _repeats_header(cells: Sequence[str], header: _Header) -> bool:
    """A second copy of the header (two exports pasted together); the first cell is checked
    first because comparing every cell of every row would cost more than reading it."""
    if len(cells) != len(header.keys) or not cells or _key(cells[0]) != header.keys[0]:
        return False
    return tuple(_key(cell) for cell in cells) == header.keys


def _is_blank(cells: Sequence[str]) -> bool:
    return all(not cell.strip() for cell in cells)


def _header_rank(cells: Sequence[str], wanted: frozenset[str]) -> int:
    """How surely a row is the header: 3 holds every mapped column, 2 a name column, 1 some
    mapped column (enough to say which mapped one is missing), 0 none of these."""
    keys = {_key(cell) for cell in cells}
    if wanted and wanted <= keys:
        return 3
    if keys & _NAME_KEYS:
        return 2
    return 1 if keys & wanted else 0


def _find_header(rows: Sequence[_Row], wanted: frozenset[str]) -> tuple[int, int]:
    """(index, rank) of the likeliest header among the first rows; rank 0 means none."""
    best = (-1, 0)
    for position, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        rank = _header_rank(row.cells, wanted)
        if rank > best[1]:
            best = (position, rank)
    return best


def _sniff_delimiter(text: str, wanted: frozenset[str]) -> str | None:
    """The delimiter giving the surest header with the most columns; None without a header."""
    sample = text[:_SNIFF_CHARS]
    best: tuple[int, int, int] = (0, 0, 0)
    chosen: str | None = None
    for delimiter in _DELIMITERS:
        rows: list[_Row] = []
        for row in _rows(sample, delimiter):
            rows.append(row)
            if len(rows) >= _HEADER_SEARCH_ROWS:
                break
        position, rank = _find_header(rows, wanted)
        if rank:
            # a header nearer the top is likelier the real one than a cell that reads like one
            score = (rank, -position, sum(1 for cell in rows[position].cells if cell.strip()))
            if score > best:
                best, chosen = score, delimiter
    return chosen


def _first_row(text: str) -> list[str]:
    """The first non-blank row, split by whichever delimiter gives it the most cells."""
    candidates = (
        next((row.cells for row in _rows(text[:_SNIFF_CHARS], d) if row.cells), [])
        for d in _DELIMITERS
    )
    return max(candidates, key=len)


def _apply_mapping(layout: _Layout, columns: Mapping[str, int]) -> _Layout:
    """The layout with each mapped field read from its mapped column alone."""
    changes: dict[str, Any] = {}
    for field_name, column in columns.items():
        slot = _MAPPED_SLOT[field_name]
        if slot in ("emails", "phones"):
            changes[slot] = ((column, None),)
        elif slot == "places":
            changes[slot] = ((column,),)
        else:
            changes[slot] = (column,)
    if "birthday" in columns:
        changes["birth_parts"] = None
    return replace(layout, **changes)


def _mapped_columns(header: _Header, mapping: Mapping[str, str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for field_name, column_name in mapping.items():
        position = header.index.get(_key(column_name))
        if position is None:
            listed = ", ".join(repr(cell.strip()) for cell in header.cells if cell.strip())
            raise UnreadableFile(
                f"this file has no column {column_name!r} (mapped to {field_name}); "
                f"its columns are: {listed or 'none'}"
            )
        columns[field_name] = position
    return columns


def _check_arguments(flavor: str | None, mapping: Mapping[str, str] | None) -> None:
    if flavor is not None and flavor not in CSV_FLAVORS:
        raise UnreadableFile(
            f"there is no CSV flavor {flavor!r}: choose one of {', '.join(CSV_FLAVORS)}"
        )
    for field_name, column_name in (mapping or {}).items():
        if field_name not in _MAPPED_SLOT:
            raise UnreadableFile(
                f"there is no field {field_name!r} to map a column to: "
                f"fields are {', '.join(CSV_FIELDS)}"
            )
        if not _key(column_name):
            raise UnreadableFile(f"the column mapped to {field_name} has no name")


def _refuse_other_formats(text: str) -> None:
    start = text.lstrip()[:16].upper()
    if not start:
        raise UnreadableFile("this CSV file is empty")
    if start.startswith("BEGIN:VCARD"):
        raise UnreadableFile("this is a vCard file, not a CSV: import it as vCard")
    if start.startswith("BEGIN:VCALENDAR"):
        raise UnreadableFile("this is an iCalendar file, not a CSV of contacts")


def read_csv(
    data: bytes, *, flavor: str | None = None, mapping: Mapping[str, str] | None = None
) -> ParsedFile:
    """The people in a CSV export (flavor detected from the header unless given).

    `mapping` maps our field names (see CSV_FIELDS) to the file's column names; it implies the
    generic flavor unless one is given. Raises UnreadableFile, and nothing else, when the
    bytes are not a CSV of contacts; rows it cannot take come back as `Rejected`.
    """
    _check_arguments(flavor, mapping)
    text = decode_text(data, what="CSV file").lstrip("\ufeff")
    _refuse_other_formats(text)
    wanted = frozenset(_key(column) for column in (mapping or {}).values())
    delimiter = _sniff_delimiter(text, wanted)
    if delimiter is None:
        if mapping:  # say which mapped column is missing from what looks like the header
            _mapped_columns(_Header(_first_row(text)), mapping)
        raise UnreadableFile(_NO_HEADER)
    rows = list(_rows(text, delimiter))
    position, rank = _find_header(rows, wanted)
    if not rank:
        raise UnreadableFile(_NO_HEADER)
    header = _Header(rows[position].cells)
    mapped = _mapped_columns(header, mapping or {})
    chosen = flavor or ("generic" if mapping else _detect(header))
    if chosen == "generic":
        layout = _generic_layout(header, frozenset(mapped.values()))
    else:
        layout = _LAYOUTS[chosen](header)
    if mapped:
        layout = _apply_mapping(layout, mapped)
    body = rows[position + 1 :]
    date_columns = layout.birthday + layout.anniversary + layout.connected_on
    day_first = _prefers_day_first(
        row.cells[column] for row in body for column in date_columns if column < len(row.cells)
    )
    people: list[ImportedPerson] = []
    rejected: list[Rejected] = []
    for row in body:
        if row.problem:
            rejected.append(Rejected(row.line, row.problem))
            continue
        if _is_blank(row.cells):
            continue
        if _repeats_header(row.cells, header):
            rejected.append(Rejected(row.line, "a second header row"))
            continue
        person = _person(row.line, row.cells, layout, day_first)
        if isinstance(person, Rejected):
            rejected.append(person)
        else:
            people.append(person)
    return ParsedFile(format=f"csv:{chosen}", people=tuple(people), rejected=tuple(rejected))


# --- one row ------------------------------------------------------------------------------------


def _site_kind(url: str) -> str:
    lowered = url.casefold()
    for domain, kind in (
        ("linkedin.com", "linkedin"),
        ("github.com", "github"),
        ("twitter.com", "twitter"),
    ):
        if domain in lowered:
            return kind
    return "website"


def _person(
    line: int, cells: Sequence[str], layout: _Layout, day_first: bool
) -> ImportedPerson | Rejected:
    size = len(cells)

    def cell(column: int | None) -> str:
        if column is None or column >= size:
            return ""
        value = cells[column]
        # A spreadsheet-safe export (ours) puts an apostrophe before `+351...` or `--04-15`
        # so no spreadsheet runs it as a formula: the apostrophe is not part of the value.
        if value[:1] == "'" and value[1:2] in _FORMULA_STARTS:
            return value[1:]
        return value

    def first(columns: Iterable[int]) -> str:
        for column in columns:
            value = _one_line(cell(column))
            if value:
                return _primary(value)
        return ""

    def labelled(columns: Iterable[_Labelled], splitter: re.Pattern[str]) -> list[str]:
        """Every value, the primary ones first: Google marks them with `* ` on the value or
        on its label (one label for several values marks the first)."""
        primary: list[str] = []
        others: list[str] = []
        for value_column, label_column in columns:
            raw = _one_line(cell(value_column))
            if not raw:
                continue
            values = [value for value in splitter.split(raw) if value]
            label_text = _one_line(cell(label_column))
            labels = _LIST_GOOGLE.split(label_text) if label_text else []
            aligned = len(labels) == len(values)
            for position, value in enumerate(values):
                label = (
                    labels[position] if aligned else (labels[0] if labels and not position else "")
                )
                if value.startswith("* "):
                    primary.append(value[2:].strip())
                elif label.startswith("*"):
                    primary.append(value)
                else:
                    others.append(value)
        return _unique(primary + others)

    notes: list[str] = []
    emails: list[str] = []
    for value in labelled(layout.emails, _SPLIT_EMAILS):
        address = value[7:] if value.casefold().startswith("mailto:") else value
        if "@" in address:
            emails.append(address)
        else:
            notes.append(f"email: {value}")
    phones: list[str] = []
    for value in labelled(layout.phones, _SPLIT_PHONES):
        if any(char.isdigit() for char in value):
            phones.append(value)
        else:
            notes.append(f"phone: {value}")

    given = first(layout.given)
    middle = first(layout.middle)
    family = first(layout.family)
    nickname = first(layout.nickname)
    company = first(layout.company)
    spelled = first(layout.names) or " ".join(part for part in (given, middle, family) if part)
    is_organization = not spelled and not nickname and bool(company)
    display_name = spelled or nickname or company or (emails[:1] or phones[:1] or [""])[0]
    if not display_name:
        return Rejected(line, NO_NAME)

    notes[:0] = [note for column in layout.notes if (note := _multi_line(cell(column)))]
    dates: list[ImportedDate] = []

    def add_date(kind: DateKind, raw: str, label: str = "") -> None:
        text = _one_line(raw)
        if not text or _is_missing_date(text):
            return
        day = _read_date(text, day_first)
        if day is None:
            notes.append(f"{label or kind.value}: {text}")
            return
        found = ImportedDate(kind, day.month, day.day, day.year, label)
        if found not in dates:
            dates.append(found)

    add_date(DateKind.BIRTHDAY, first(layout.birthday))
    if layout.birth_parts is not None:
        _add_birth_parts(layout.birth_parts, cell, add_date, notes)
    add_date(DateKind.ANNIVERSARY, first(layout.anniversary))
    for value_column, label_column in layout.events:
        label = _one_line(cell(label_column)).removeprefix("* ")
        if _key(label) in _ANNIVERSARY_LABELS:
            add_date(DateKind.ANNIVERSARY, cell(value_column))
        else:
            add_date(DateKind.CUSTOM, cell(value_column), label or "event")

    first_touch_on: Date | None = None
    connected = first(layout.connected_on)
    if connected:
        day = _read_date(connected, day_first)
        if day is not None and day.year is not None:
            first_touch_on = Date(day.year, day.month, day.day)
        else:
            notes.append(f"connected on: {connected}")

    handles = [(kind, value) for kind, column in layout.handles if (value := first((column,)))]
    handles += [(_site_kind(url), url) for url in labelled(layout.websites, _LIST_GOOGLE)]
    return ImportedPerson(
        line=line,
        display_name=display_name,
        given_name=given,
        family_name=family,
        nickname=nickname,
        emails=tuple(_unique(emails)),
        phones=tuple(phones),
        handles=tuple(dict.fromkeys(handles)),
        company=company,
        title=first(layout.title),
        location=_location(layout.places, cell),
        timezone=first(layout.timezone) or None,
        tags=tuple(_tags(layout, cell)),
        notes=tuple(notes),
        dates=tuple(dates),
        first_touch_on=first_touch_on,
        is_organization=is_organization,
    )


def _primary(value: str) -> str:
    """The `* `-marked one of several `:::`-joined values (Google organisations), else the first."""
    if ":::" not in value:
        return value
    values = [part for part in _LIST_GOOGLE.split(value) if part]
    for part in values:
        if part.startswith("* "):
            return part[2:].strip()
    return values[0] if values else ""


def _location(places: Iterable[tuple[int, ...]], cell: _Cell) -> str:
    for parts in places:
        words = _unique(_primary(_one_line(cell(column))) for column in parts)
        if words:
            return ", ".join(words)
    return ""


def _tags(layout: _Layout, cell: _Cell) -> list[str]:
    tags: list[str] = []
    for column in layout.tags:
        for raw in layout.tag_separator.split(_one_line(cell(column))):
            tag = raw.removeprefix("* ").strip()
            if tag and _key(tag) not in _SYSTEM_GROUPS:
                tags.append(tag)
    return _unique(tags)


def _add_birth_parts(
    parts: tuple[int | None, int | None, int | None],
    cell: _Cell,
    add_date: Callable[[DateKind, str], None],
    notes: list[str],
) -> None:
    """Thunderbird's Birth Year / Birth Month / Birth Day columns as one birthday."""
    year, month, day = (_one_line(cell(column)) for column in parts)
    if not (month and day):
        if year or month or day:
            notes.append(f"birthday: {' '.join(part for part in (year, month, day) if part)}")
        return
    if year and not re.fullmatch(r"\d{4}", year, re.ASCII):
        notes.append(f"birth year: {year}")
        year = ""
    add_date(DateKind.BIRTHDAY, f"{year or '-'}-{month:0>2}-{day:0>2}")
