"""vCard files (2.1, 3.0, 4.0, as address books really export them) to ImportedPersons.

Stock vobject turns away about a third of real exports, so a tolerant layer reads first: the
whole file is decoded once, cut into physical lines (CRLF, LF, CR, or iOS 5's CR CR LF),
unfolded (2.1 quoted-printable soft breaks continue on an unindented line) and split into
cards, keeping only the properties we map. Each of those lines is parsed with vobject's own
content-line grammar (group, name, parameters); a line it refuses is parsed by ours, so one
odd parameter never costs a card that has a name. Values are decoded here: quoted-printable
or base64 in the property's CHARSET, then vCard escapes.

vobject's `readOne` is not used per card: its component and behaviour layer costs about 25
times the line grammar (seconds for 10,000 cards) and then mangles text values anyway (only
the first comma-separated piece of a NOTE survives, a trailing backslash becomes `\\eof`).
"""

from __future__ import annotations

import base64
import binascii
import calendar
import functools
import re
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, replace

from pendulum import Date
from vobject.base import ParseError, parseLine

from core.cadence import parse_period
from core.milestones import parse_yearly_date
from core.models import Channel, Circle, DateKind
from data.interchange import xprops
from data.interchange.decode import decode_text
from data.interchange.records import (
    ImportedDate,
    ImportedPerson,
    ParsedFile,
    Rejected,
    UnreadableFile,
)

NO_NAME = "no name: neither FN, N, ORG, NICKNAME nor EMAIL"
GROUP_CARD = "contact group, not a person"
# A card that tripped over a bug here: it is turned away alone, never the whole file.
UNEXPECTED = "could not read this card"

# One physical line and the break that ends it. CR CR LF (iOS 5) is one break; a lone CR is
# one too, though in a file whose lines end in LF it is taken as inside a value unless a
# property follows it.
_PHYSICAL_LINE = re.compile(r"([^\r\n]*)(\r*\n|\r|$)")
# A byte-order mark may open any card when files were joined with `cat`.
_BEGIN = re.compile(r"\ufeff?[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*$", re.IGNORECASE)
_END = re.compile(r"[ \t]*end[ \t]*:[ \t]*vcard[ \t]*$", re.IGNORECASE)
# `[group.]NAME[;params]:` at the start of a line: anything else continues the value before.
_PROPERTY_START = re.compile(r"(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)[ \t]*(?:;[^:]*)?:")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and line feed
_PREFIX_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_ESCAPE = re.compile(r"\\(.)|\\$", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":", '"': '"'}
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_", re.DOTALL)
_TIME_PART = re.compile(r"[Tt ]")
_DATE_FORMS = (
    re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})"),
    re.compile(r"(?P<year>[0-9]{4})([-/.])(?P<month>[0-9]{1,2})\2(?P<day>[0-9]{1,2})"),
    re.compile(r"--(?P<month>[0-9]{2})-?(?P<day>[0-9]{2})"),
)
_URL_HOST = re.compile(r"[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)", re.IGNORECASE)
_URI_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):(?://)?(.*)", re.IGNORECASE | re.DOTALL)
_PHONE_NOISE = re.compile(r"[\s().-]")

# Names a 2.1 quoted-printable continuation line can never start with.
_STANDARD_NAMES = frozenset(
    (  # noqa: SIM905 (a word list reads better as words)
        "BEGIN END VERSION FN N NICKNAME PHOTO BDAY ANNIVERSARY GENDER ADR LABEL TEL EMAIL "
        "MAILER IMPP LANG TZ GEO TITLE ROLE LOGO AGENT ORG MEMBER RELATED CATEGORIES NOTE "
        "PRODID REV SORT-STRING SOUND UID CLIENTPIDMAP URL KEY FBURL CALADRURI CALURI XML KIND "
        "CLASS NAME PROFILE SOURCE SOCIALPROFILE"
    ).split()
)
_STRUCTURED = frozenset({"N", "ADR", "ORG", "X-ANDROID-CUSTOM"})
_LISTS = frozenset({"NICKNAME"})
# TYPE values that say where (or how much), not what: a URL typed HOME is still "web".
_PLAIN_TYPES = frozenset({"PREF", "HOME", "WORK", "OTHER", "INTERNET", "MAIN", "X-OTHER"})
_ANNIVERSARIES = ("ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY")
_SOCIAL_PROFILES = ("X-SOCIALPROFILE", "SOCIALPROFILE")
_SERVICE_PROPERTIES = {
    "X-TWITTER": "twitter",
    "X-MASTODON": "mastodon",
    "X-GITHUB": "github",
    "X-LINKEDIN": "linkedin",
    "X-FACEBOOK": "facebook",
    "X-INSTAGRAM": "instagram",
    "X-TELEGRAM": "telegram",
    "X-SIGNAL": "signal",
    "X-WHATSAPP": "whatsapp",
    "X-MATRIX": "matrix",
    "X-SKYPE": "skype",
    "X-SKYPE-USERNAME": "skype",
    "X-AIM": "aim",
    "X-ICQ": "icq",
    "X-JABBER": "jabber",
    "X-MSN": "msn",
    "X-YAHOO": "yahoo",
    "X-GTALK": "gtalk",
    "X-GOOGLE-TALK": "gtalk",
    "X-QQ": "qq",
    "X-GADUGADU": "gadugadu",
    "X-GROUPWISE": "groupwise",
}
# Hosts whose URL is better labelled by the service than as "web".
_SERVICE_HOSTS = (
    ("linkedin.com", "linkedin"),
    ("twitter.com", "twitter"),
    ("x.com", "twitter"),
    ("github.com", "github"),
    ("gitlab.com", "gitlab"),
    ("facebook.com", "facebook"),
    ("instagram.com", "instagram"),
    ("youtube.com", "youtube"),
    ("bsky.app", "bluesky"),
    ("threads.net", "threads"),
    ("mastodon.social", "mastodon"),
)
# Apple's built-in labels for a web page: plain "web" says the same.
_WEB_LABELS = frozenset({"", "homepage", "home page", "home", "work", "other", "web", "website"})
# Google adds every contact to this system group; as a tag it says nothing.
_IGNORED_TAGS = frozenset({"mycontacts"})
_UNKNOWN_YEARS = frozenset({0, 1604})  # Apple writes 1604 (a leap year) for "no year"
_ANDROID_EVENT_KINDS = {"1": DateKind.ANNIVERSARY, "3": DateKind.BIRTHDAY}

_WANTED = frozenset(
    {
        "FN",
        "N",
        "NICKNAME",
        "EMAIL",
        "TEL",
        "ORG",
        "TITLE",
        "ADR",
        "TZ",
        "CATEGORIES",
        "NOTE",
        "URL",
        "IMPP",
        "BDAY",
        "KIND",
        "X-ADDRESSBOOKSERVER-KIND",
        "X-ABSHOWAS",
        "X-ABLABEL",
        "X-ABDATE",
        "X-ANDROID-CUSTOM",
        *_ANNIVERSARIES,
        *_SOCIAL_PROFILES,
        *_SERVICE_PROPERTIES,
    }
)
_OUR_PREFIXES = ("X-NURTURE-", "X-FRM-")
_OUR_DATE_KIND = xprops.DATE_KIND
_OUR_ARCHIVED = xprops.ARCHIVED
_TRUE = frozenset({"true", "yes", "1"})


@dataclass(frozen=True, slots=True)
class _Prop:
    """One property, decoded: `parts` are its components (N, ADR, ORG...) or its one text."""

    group: str
    name: str
    params: dict[str, list[str]]
    singletons: list[str]
    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.parts[0] if self.parts else ""


def read_vcards(data: bytes) -> ParsedFile:
    """The people in a .vcf file, and each card turned away with its line and why.

    Raises UnreadableFile when the bytes are not a vCard file at all; never anything else.
    """
    text = decode_text(data, what="vCard file")
    people: list[ImportedPerson] = []
    rejected: list[Rejected] = []
    cards_seen = 0
    for start, logical_lines in _cards(text):
        cards_seen += 1
        try:
            record = _read_card(start, logical_lines)
        except Exception as error:  # a bug here must cost one card, never the whole import
            record = Rejected(start, f"{UNEXPECTED} ({type(error).__name__}: {error})")
        if isinstance(record, Rejected):
            rejected.append(record)
        else:
            people.append(record)
    if not cards_seen:
        raise UnreadableFile("this file is not a vCard file: it has no BEGIN:VCARD line")
    return ParsedFile(format="vcard", people=tuple(people), rejected=tuple(rejected))


# --- physical lines to cards -------------------------------------------------------------


def _cards(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each card as (line of its BEGIN:VCARD, its logical lines), unfolded.

    Only the properties we map are kept, so a multi-megabyte PHOTO is never joined up.
    """
    newline_file = "\n" in text
    start = 0  # line of the open card's BEGIN:VCARD; 0 outside any card
    card: list[str] = []
    chunks: list[str] = []  # the logical line being built (empty while skipping one)
    name = ""  # its property name, "" when there is none yet
    keep = False
    quoted_printable = False
    soft_break = False
    nested = 0  # depth inside a vCard embedded in AGENT (2.1), which we skip
    line_number = 0
    for match in _PHYSICAL_LINE.finditer(text):
        content, line_break = match.group(1), match.group(2)
        line_number += 1
        if not line_break and not content:
            break
        if not start:
            if _BEGIN.match(content):
                start, card, chunks, name, keep = line_number, [], [], "", False
                quoted_printable = soft_break = False
            continue
        if nested:
            if _BEGIN.match(content):
                nested += 1
            elif _END.match(content):
                nested -= 1
            continue
        if soft_break and not _starts_known_property(content):
            # 2.1 quoted-printable: `=` at a line's end continues the value on the next
            # line, unindented, mid-character or even mid-escape (`=4=` then `B`).
            if keep:
                chunks[-1] = chunks[-1][:-1]
                chunks.append(content)
            soft_break = content.endswith("=")
            continue
        soft_break = False
        after_lone_cr = newline_file and match.start() and text[match.start() - 1] == "\r"
        if name and after_lone_cr and not _starts_known_property(content):
            if keep:  # a bare CR inside a value, in a file whose lines end in LF
                chunks.append("\n" + content)
            soft_break = quoted_printable and content.endswith("=")
            continue
        if not content or content.isspace():
            continue
        if content[0] in " \t":
            if keep:
                chunks.append(content[1:])
            soft_break = quoted_printable and content.endswith("=")
            continue
        if _END.match(content):
            if keep:
                card.append("".join(chunks))
            yield start, card
            start = 0
            continue
        if _BEGIN.match(content):
            if name == "AGENT":
                nested = 1
                continue
            # The card before was never closed: take what it has, and start this one.
            if keep:
                card.append("".join(chunks))
            yield start, card
            start, card, chunks, name, keep = line_number, [], [], "", False
            quoted_printable = soft_break = False
            continue
        property_start = _PROPERTY_START.match(content)
        if property_start is None and name:
            if keep:  # an unescaped line break inside a value
                chunks.append("\n" + content)
            continue
        if keep:
            card.append("".join(chunks))
        name = property_start.group(1).upper().replace("_", "-") if property_start else "?"
        keep = name in _WANTED or name.startswith(_OUR_PREFIXES)
        chunks = [content] if keep else []
        colon = content.find(":")
        quoted_printable = colon > 0 and "quoted-printable" in content[:colon].lower()
        soft_break = quoted_printable and content.endswith("=")
    if start:  # the file ends inside a card: keep what it has
        if keep:
            card.append("".join(chunks))
        yield start, card


def _starts_known_property(content: str) -> bool:
    property_start = _PROPERTY_START.match(content)
    if property_start is None:
        return False
    name = property_start.group(1).upper()
    return name in _STANDARD_NAMES or name.startswith("X-")


# --- one logical line to a property ------------------------------------------------------


def _read_card(start: int, logical_lines: list[str]) -> ImportedPerson | Rejected:
    props = [prop for prop in map(_prop, logical_lines) if prop is not None]
    return _person(start, props)


def _prop(text: str) -> _Prop | None:
    """The property on one logical line, or None when it is not one we map."""
    colon = _value_colon(text)
    if colon < 0:
        return None
    prefix = text[:colon]
    if _PREFIX_CONTROLS.search(prefix):
        prefix = _PREFIX_CONTROLS.sub("", prefix)
    try:
        name, param_lists, _, group = parseLine(prefix + ":")
    except ParseError:  # vobject's grammar is strict about parameters; ours reads the rest
        name, param_lists, group = _parse_prefix(prefix)
    name = name.upper()
    if name not in _WANTED and not name.startswith(_OUR_PREFIXES):
        return None
    params: dict[str, list[str]] = {}
    singletons: list[str] = []
    for param in param_lists:
        if len(param) == 1:  # 2.1 writes `TEL;CELL;PREF:` for `TYPE=CELL,PREF`
            singletons.append(param[0])
        else:
            params.setdefault(param[0].upper(), []).extend(param[1:])
    value = _decoded(text[colon + 1 :], params, singletons)
    if name in _STRUCTURED:
        parts = tuple(_split_unescaped(value, ";"))
    elif name in _LISTS:
        parts = tuple(_split_unescaped(value, ","))
    else:
        parts = (_unescape(value),)
    return _Prop(group or "", name, params, singletons, parts)


def _value_colon(text: str) -> int:
    """Where the value starts: the first colon outside a double-quoted parameter value."""
    colon = text.find(":")
    if colon < 0 or '"' not in text[:colon]:
        return colon
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def _parse_prefix(prefix: str) -> tuple[str, list[list[str]], str]:
    """(name, parameters as vobject lists them, group) for a prefix vobject refused."""
    pieces = _split_quoted(prefix, ";")
    group, _, name = pieces[0].strip().rpartition(".")
    param_lists: list[list[str]] = []
    for piece in pieces[1:]:
        key, equals, values = piece.partition("=")
        if equals:
            param_lists.append([key.strip(), *map(_unquote, _split_quoted(values, ","))])
        elif piece.strip():
            param_lists.append([piece.strip()])
    return name.strip().replace("_", "-"), param_lists, group


def _split_quoted(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value.replace('"', "")


def _decoded(value: str, params: dict[str, list[str]], singletons: list[str]) -> str:
    """The value as text: transfer encoding undone, line breaks as LF, no control characters."""
    encodings = [each.upper() for each in params.get("ENCODING", ())]
    encodings += [each.upper() for each in singletons]
    if "QUOTED-PRINTABLE" in encodings or "BASE64" in encodings or "B" in encodings:
        charset = params.get("CHARSET", [""])[0].strip()
        if "QUOTED-PRINTABLE" in encodings:
            raw = _quoted_printable_bytes(value, charset)
        else:
            raw = _base64_bytes(value)
        value = _decode_bytes(raw, charset)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROLS.search(value):
        value = _CONTROLS.sub("", value)
    return value


def _quoted_printable_bytes(value: str, charset: str) -> bytes:
    # Quoted-printable text should be ASCII; stray raw characters go back to the bytes the
    # charset gave them, so they decode again together with the escaped ones around them.
    try:
        raw = value.encode(charset or "utf-8")
    except (LookupError, UnicodeError, ValueError):
        raw = value.encode("utf-8", "replace")
    return binascii.a2b_qp(raw)


def _base64_bytes(value: str) -> bytes:
    compact = "".join(value.split())
    try:
        return base64.b64decode(compact + "=" * (-len(compact) % 4))
    except (binascii.Error, ValueError):
        return b""


def _decode_bytes(raw: bytes, charset: str) -> str:
    """Bytes in the property's CHARSET, else UTF-8, else windows-1252."""
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeError, ValueError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def _unescape(text: str) -> str:
    r"""Text without vCard escapes: `\n` is a line break; `\,` `\;` `\:` `\\` the character.

    Other backslashes stay as typed (`C:\temp`); a lone one at the very end goes.
    """
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_unescape_one, text)


def _unescape_one(match: re.Match[str]) -> str:
    escaped = match.group(1)
    if escaped is None:
        return ""
    return _UNESCAPED.get(escaped, match.group(0))


def _split_unescaped(text: str, separator: str) -> list[str]:
    """The pieces of a structured (`;`) or list (`,`) value, each unescaped."""
    if "\\" not in text:
        return text.split(separator)
    # Control characters are gone from values, so two of them can stand in for `\\` and an
    # escaped separator while the value is cut.
    escaped = "\\" + separator
    marked = text.replace("\\\\", "\x01").replace(escaped, "\x00")
    return [
        _unescape(part.replace("\x00", escaped).replace("\x01", "\\\\"))
        for part in marked.split(separator)
    ]


# --- properties to a person --------------------------------------------------------------


class _Card:
    """One card's properties by name, and its Apple labels by group."""

    def __init__(self, props: list[_Prop]) -> None:
        self.by_name: dict[str, list[_Prop]] = {}
        for prop in props:
            self.by_name.setdefault(prop.name, []).append(prop)
        self.labels: dict[str, str] = {}
        for prop in self.all("X-ABLABEL"):
            if prop.group:
                self.labels.setdefault(prop.group.lower(), _label(prop.text))

    def all(self, name: str) -> list[_Prop]:
        return self.by_name.get(name, [])

    def first(self, name: str) -> str:
        """The first non-empty value of `name`, on one line."""
        for prop in self.all(name):
            text = _one_line(prop.text)
            if text:
                return text
        return ""

    def label(self, prop: _Prop) -> str:
        return self.labels.get(prop.group.lower(), "") if prop.group else ""


def _person(line: int, props: list[_Prop]) -> ImportedPerson | Rejected:
    card = _Card(props)
    kind = (card.first("KIND") or card.first("X-ADDRESSBOOKSERVER-KIND")).lower()
    if kind == "group":
        return Rejected(line, GROUP_CARD)
    is_organization = kind in ("org", "organization") or (
        card.first("X-ABSHOWAS").upper() == "COMPANY"
    )
    family_name, given_name = _name_parts(card)
    company = _company(card)
    nickname = _nickname(card)
    emails = _emails(card)
    built_name = " ".join(part for part in (given_name, family_name) if part)
    candidates = (card.first("FN"), built_name, company, nickname, *emails[:1])
    if is_organization and company:
        candidates = (company, *candidates)
    display_name = next((candidate for candidate in candidates if candidate), "")
    if not display_name:
        return Rejected(line, NO_NAME)
    dates, date_notes = _dates(card)
    ours = _OurProperties(card)
    return ImportedPerson(
        line=line,
        display_name=display_name,
        given_name=given_name,
        family_name=family_name,
        nickname=nickname,
        emails=emails,
        phones=_phones(card),
        handles=_handles(card),
        company=company,
        title=card.first("TITLE"),
        location=_location(card),
        timezone=_timezone(card),
        tags=_tags(card),
        notes=tuple(_notes(card)) + date_notes,
        dates=dates,
        is_organization=is_organization,
        circle=ours.circle,
        cadence_days=ours.cadence_days,
        snoozed_until=ours.snoozed_until,
        interests=ours.many(xprops.INTEREST),
        offers=ours.many(xprops.OFFER),
        needs=ours.many(xprops.NEED),
        how_met=ours.how_met,
        preferred_channel=ours.channel,
        archived=ours.archived,
    )


def _one_line(text: str) -> str:
    return text.replace("\n", " ").strip()


def _multi_line(text: str) -> str:
    return text.strip()


def _label(text: str) -> str:
    """An Apple label without its `_$!<...>!$_` wrapper."""
    text = text.strip()
    wrapped = _APPLE_LABEL.fullmatch(text)
    return _one_line(wrapped.group(1)) if wrapped else _one_line(text)


def _name_parts(card: _Card) -> tuple[str, str]:
    for prop in card.all("N"):
        parts = [_one_line(part) for part in prop.parts]
        family = parts[0] if parts else ""
        given = parts[1] if len(parts) > 1 else ""
        if family or given:
            return family, given
    return "", ""


def _company(card: _Card) -> str:
    for prop in card.all("ORG"):
        company = _one_line(prop.parts[0]) if prop.parts else ""
        if company:
            return company
    return ""


def _nickname(card: _Card) -> str:
    for prop in card.all("NICKNAME"):
        for nickname in prop.parts:
            if _one_line(nickname):
                return _one_line(nickname)
    for fields in _android_custom(card, "nickname"):
        if fields:
            return fields[0]
    return ""


def _android_custom(card: _Card, item: str) -> Iterator[list[str]]:
    """The fields after the mime type of each Android `X-ANDROID-CUSTOM` of one kind."""
    mime_type = "vnd.android.cursor.item/" + item
    for prop in card.all("X-ANDROID-CUSTOM"):
        fields = [_one_line(field) for field in prop.parts]
        if fields[0].lower() == mime_type:
            yield fields[1:]


def _types(prop: _Prop) -> set[str]:
    types = {
        each.strip().upper() for value in prop.params.get("TYPE", ()) for each in value.split(",")
    }
    types.update(each.upper() for each in prop.singletons)
    return types


def _preferred_first(props: list[_Prop]) -> list[_Prop]:
    return sorted(props, key=lambda prop: not ("PREF" in _types(prop) or "PREF" in prop.params))


def _emails(card: _Card) -> tuple[str, ...]:
    emails: dict[str, str] = {}
    for prop in _preferred_first(card.all("EMAIL")):
        email = _one_line(prop.text)
        if email[:7].lower() == "mailto:":
            email = email[7:].strip()
        local, at, domain = email.rpartition("@")
        if at:
            email = f"{local}@{domain.lower()}"
        if email:
            emails.setdefault(email.lower(), email)
    return tuple(emails.values())


def _phones(card: _Card) -> tuple[str, ...]:
    phones: dict[str, str] = {}
    for prop in _preferred_first(card.all("TEL")):
        phone = _one_line(prop.text)
        if phone[:4].lower() == "tel:":
            phone = phone[4:].strip()
        if phone:
            phones.setdefault(_PHONE_NOISE.sub("", phone), phone)
    return tuple(phones.values())


def _location(card: _Card) -> str:
    for prop in _preferred_first(card.all("ADR")):
        parts = [_one_line(part) for part in prop.parts]
        city = parts[3] if len(parts) > 3 else ""
        country = parts[6] if len(parts) > 6 else ""
        location = ", ".join(part for part in (city, country) if part)
        if location:
            return location
    return ""


@functools.cache
def _iana_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _timezone(card: _Card) -> str | None:
    """The first IANA zone name; offsets like `-05:00` say too little to keep."""
    for prop in card.all("TZ"):
        name = _one_line(prop.text)
        if name in _iana_names():
            return name
    return None


def _tags(card: _Card) -> tuple[str, ...]:
    tags: dict[str, str] = {}
    values = [part for prop in card.all("CATEGORIES") for part in prop.parts]
    values += [prop.text for prop in card.all(xprops.FRM_GROUP)]
    for value in values:
        for tag in value.split(","):
            tag = _one_line(tag)
            if tag and tag.casefold() not in _IGNORED_TAGS:
                tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def _notes(card: _Card) -> Iterator[str]:
    for prop in card.all("NOTE"):
        note = _multi_line(prop.text)
        if note:
            yield note


def _handles(card: _Card) -> tuple[tuple[str, str], ...]:
    handles: list[tuple[str, str]] = []
    for prop in card.all("URL"):
        url = _one_line(prop.text)
        label = card.label(prop)
        if label.lower() in _WEB_LABELS:
            label = ""
        handles.append(((_typed(prop) or label or _service_of(url) or "web").lower(), url))
    for prop in card.all("IMPP"):
        uri = _one_line(prop.text)
        scheme = _URI_SCHEME.fullmatch(uri)
        service = _param(prop, "X-SERVICE-TYPE") or card.label(prop)
        if scheme:
            handles.append(((service or scheme.group(1)).lower(), scheme.group(2).strip()))
        else:
            handles.append(((service or "im").lower(), uri))
    for name in _SOCIAL_PROFILES:
        for prop in card.all(name):
            url = _one_line(prop.text) or _param(prop, "X-USER")
            label = _typed(prop) or _param(prop, "SERVICE-TYPE") or card.label(prop)
            handles.append(((label or _service_of(url) or "social").lower(), url))
    for name, service in _SERVICE_PROPERTIES.items():
        for prop in card.all(name):
            handles.append((service, _one_line(prop.text)))
    unique: dict[tuple[str, str], None] = {}
    for label, value in handles:
        if label and value:
            unique.setdefault((label, value), None)
    return tuple(unique)


def _typed(prop: _Prop) -> str:
    """The first TYPE that names a service (`TYPE=mastodon`), not a place (`TYPE=HOME`)."""
    for value in prop.params.get("TYPE", ()):
        for each in value.split(","):
            if each.strip() and each.strip().upper() not in _PLAIN_TYPES:
                return _one_line(each)
    return ""


def _param(prop: _Prop, key: str) -> str:
    values = prop.params.get(key)
    return _one_line(values[0]) if values else ""


def _service_of(url: str) -> str:
    host_match = _URL_HOST.match(url)
    host = host_match.group(1).lower() if host_match else ""
    for domain, service in _SERVICE_HOSTS:
        if host == domain or host.endswith("." + domain):
            return service
    return ""


# --- dates -------------------------------------------------------------------------------


def _dates(card: _Card) -> tuple[tuple[ImportedDate, ...], tuple[str, ...]]:
    """Yearly dates, and notes keeping the ones written as free text ("birthday: spring")."""
    dates: dict[ImportedDate, None] = {}
    notes: list[str] = []

    def add(kind: DateKind, label: str, text: str, omitted_year: str = "") -> None:
        text = _one_line(text)
        if not text:
            return
        parsed = _parse_date(text, omitted_year)
        if parsed is None:
            notes.append(f"{label or kind.value}: {text}")
        else:
            year, month, day = parsed
            dates.setdefault(ImportedDate(kind, month, day, year, label), None)

    for prop in card.all("BDAY"):
        add(DateKind.BIRTHDAY, "", prop.text, _param(prop, "X-APPLE-OMIT-YEAR"))
    for name in _ANNIVERSARIES:
        for prop in card.all(name):
            add(DateKind.ANNIVERSARY, "", prop.text, _param(prop, "X-APPLE-OMIT-YEAR"))
    for prop in card.all("X-ABDATE"):
        label = card.label(prop)
        kind = _date_kind(_param(prop, _OUR_DATE_KIND))
        if kind is None:
            kind = DateKind.ANNIVERSARY if label.lower() == "anniversary" else DateKind.CUSTOM
        if label.lower() == kind.value:  # Apple's own "Anniversary" label, or ours
            label = ""
        add(kind, label, prop.text, _param(prop, "X-APPLE-OMIT-YEAR"))
    for prop in card.all(xprops.RELATIVE_DATE):
        relative = _relative_date(prop.text, _date_kind(_param(prop, _OUR_DATE_KIND)))
        label = card.label(prop)
        if relative is not None:
            label = "" if label.lower() == relative.kind.value else label
            dates.setdefault(replace(relative, label=label), None)
    for fields in _android_custom(card, "contact_event"):
        when = fields[0] if fields else ""
        kind = _ANDROID_EVENT_KINDS.get(fields[1] if len(fields) > 1 else "", DateKind.CUSTOM)
        label = "" if kind is not DateKind.CUSTOM else (fields[2] if len(fields) > 2 else "")
        add(kind, label, when)
    return tuple(dates), tuple(notes)


def _relative_date(text: str, kind: DateKind | None) -> ImportedDate | None:
    """Our own export's relative yearly rule (`3rd Sunday of June`), else None."""
    try:
        rule, _ = parse_yearly_date(text.strip())
    except ValueError:
        return None
    if rule.weekday is None or rule.nth is None:
        return None
    return ImportedDate(
        kind or DateKind.CUSTOM, rule.month, 0, None, "", weekday=rule.weekday, nth=rule.nth
    )


def _date_kind(text: str) -> DateKind | None:
    try:
        return DateKind(text.lower())
    except ValueError:
        return None


def _parse_date(text: str, omitted_year: str = "") -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from the date forms exports use, else None."""
    date_part = _TIME_PART.split(text, maxsplit=1)[0]
    for form in _DATE_FORMS:
        found = form.fullmatch(date_part)
        if found is None:
            continue
        fields = found.groupdict()
        month, day = int(fields["month"]), int(fields["day"])
        year: int | None = int(fields["year"]) if fields.get("year") else None
        if year in _UNKNOWN_YEARS or (year is not None and str(year) == omitted_year.strip()):
            year = None
        if not 1 <= month <= 12:
            return None
        if not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
            return None
        return year, month, day
    return None


def _full_date(text: str) -> Date | None:
    parsed = _parse_date(text.strip())
    if parsed is None:
        return None
    year, month, day = parsed
    return None if year is None else Date(year, month, day)


# --- our own X- properties, and frm's ----------------------------------------------------


class _OurProperties:
    """X-NURTURE-* (ours) and X-FRM-* (frm's): bad values are ignored, never fatal."""

    def __init__(self, card: _Card) -> None:
        self.card = card
        self.circle = _circle(card.first(xprops.CIRCLE))
        self.channel = _channel(card.first(xprops.CHANNEL))
        self.how_met = next((_multi_line(p.text) for p in card.all(xprops.HOW_MET)), "")
        self.cadence_days = _period(card.first(xprops.CADENCE))
        if self.cadence_days is None:
            self.cadence_days = _period(card.first(xprops.FRM_FREQUENCY))
        self.snoozed_until = _full_date(card.first(xprops.SNOOZE_UNTIL))
        if self.snoozed_until is None:
            self.snoozed_until = _full_date(card.first(xprops.FRM_SNOOZE_UNTIL))
        self.archived = (
            card.first(_OUR_ARCHIVED).lower() in _TRUE
            or card.first(xprops.FRM_IGNORE).lower() in _TRUE
        )

    def many(self, name: str) -> tuple[str, ...]:
        values: dict[str, None] = {}
        for prop in self.card.all(name):
            value = _one_line(prop.text)
            if value:
                values.setdefault(value, None)
        return tuple(values)


def _circle(text: str) -> Circle | None:
    try:
        return Circle(text.lower())
    except ValueError:
        return None


def _channel(text: str) -> Channel | None:
    try:
        return Channel(text.lower())
    except ValueError:
        return None


def _period(text: str) -> int | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except ValueError:
        return None
