"""Import a file of people into the Store: read, match against who is there, merge, add.

One behaviour for the CLI (`nurture-tui import`) and the TUI's import screen. Reading goes
through the tolerant readers; each person is matched (core.dedupe) against the database and
against the people earlier in the same file, so nobody is added twice; the write is one
transaction (all or nothing) and one undoable action. `dry_run` plans the same and writes
nothing, so its report is exactly what a real run would do.
"""

from __future__ import annotations

import calendar
import zoneinfo
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import pendulum
from pendulum import Date, DateTime

from core.dedupe import Identity, IdentityIndex
from core.models import Circle, Contact, ImportantDate, YearlyRule
from data.interchange.records import (
    ImportedDate,
    ImportedPerson,
    ParsedFile,
    Rejected,
    UnreadableFile,
)
from data.store import PersonWrite, Store

FORMATS = ("vcard", "csv", "google", "linkedin", "outlook", "thunderbird")
DEFAULT_CIRCLE = Circle.NETWORK  # a whole address book is not your inner circle
MAX_FILE_BYTES = 256 * 1024 * 1024
_SNIFF_BYTES = 64 * 1024

# (done, total, what): total is None while the amount of work is not known yet.
Progress = Callable[[int, int | None, str], None]

_DbKey = tuple[Literal["db"], int]
_NewKey = tuple[Literal["new"], int]


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One person in a report: where they are in the file, who, and what happened."""

    line: int
    name: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import added, merged into people already there, left unchanged, and turned away."""

    source: str
    format: str
    dry_run: bool
    added: tuple[ReportEntry, ...] = ()
    merged: tuple[ReportEntry, ...] = ()
    unchanged: tuple[ReportEntry, ...] = ()
    rejected: tuple[Rejected, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The report as plain data for `--json`."""

        def entries(items: Sequence[ReportEntry]) -> list[dict[str, Any]]:
            return [{"line": e.line, "name": e.name, "detail": e.detail} for e in items]

        return {
            "source": self.source,
            "format": self.format,
            "dry_run": self.dry_run,
            "added": entries(self.added),
            "merged": entries(self.merged),
            "unchanged": entries(self.unchanged),
            "rejected": [{"line": r.line, "reason": r.reason} for r in self.rejected],
        }


def read_file(
    path: Path, *, file_format: str | None = None, mapping: Mapping[str, str] | None = None
) -> ParsedFile:
    """Read `path` with the reader its format needs (sniffed when `file_format` is None).

    Raises UnreadableFile with one clear sentence for a missing, unreadable or wrong file.
    """
    if file_format is not None and file_format not in FORMATS:
        raise UnreadableFile(f"unknown format {file_format!r}: use one of {', '.join(FORMATS)}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"{path} is {size // 2**20} MiB; contact files are far smaller")
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFile(f"{path} is a directory, not a file") from None
    except OSError as error:
        raise UnreadableFile(f"cannot read {path}: {error.strerror or error}") from None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        hint = (
            " (a nurture-tui export: use `nurture-tui restore`)"
            if b'"nurture-tui"' in data[:200]
            else ""
        )
        raise UnreadableFile(f"{path.name} is JSON, not a vCard or CSV file of contacts{hint}")
    chosen = file_format or _sniff(path, data)
    if chosen == "vcard":
        from data.interchange.vcard_read import read_vcards

        return read_vcards(data)
    from data.interchange.csv_read import read_csv

    flavor = None if chosen == "csv" else chosen
    return read_csv(data, flavor=flavor, mapping=mapping)


def _sniff(path: Path, data: bytes) -> str:
    """'vcard' or 'csv', from the content first (names lie), then the file's extension."""
    head = data[:_SNIFF_BYTES]
    for encoding in ("utf-8", "utf-16", "utf-16-be", "utf-16-le"):
        if "begin:vcard" in head.decode(encoding, errors="ignore").casefold():
            return "vcard"
    if path.suffix.casefold() in (".vcf", ".vcard"):
        return "vcard"
    return "csv"


def plan_import(
    store: Store,
    parsed: ParsedFile,
    *,
    circle: Circle = DEFAULT_CIRCLE,
    progress: Progress | None = None,
) -> tuple[list[PersonWrite], list[PersonWrite], ImportReport]:
    """Decide for each person: new, merged into someone (and what it adds), or unchanged.

    Returns the writes for `Store.import_people` and the report (with `source` and
    `dry_run` left for the caller to fill).
    """
    existing = store.list_contacts(include_archived=True)
    index: IdentityIndex[_DbKey | _NewKey] = IdentityIndex()
    contacts: dict[int, Contact] = {}
    for contact in existing:
        contacts[contact.id] = contact
        index.add(("db", contact.id), _identity_of_contact(contact))
    known_dates = store.date_keys()
    known_notes = store.note_bodies()

    new: list[PersonWrite] = []
    new_lines: list[int] = []
    merged: dict[int, PersonWrite] = {}
    merged_entries: dict[int, ReportEntry] = {}
    added: list[ReportEntry] = []
    unchanged: list[ReportEntry] = []
    total = len(parsed.people)
    for done, person in enumerate(parsed.people, start=1):
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total, "matching")
        identity = _identity_of_person(person)
        match = index.find(identity)
        if match is None:
            write = _new_write(person, circle)
            index.add(("new", len(new)), identity)
            new.append(write)
            new_lines.append(person.line)
            added.append(ReportEntry(person.line, write.contact.display_name))
            continue
        kind, key = match.key
        if kind == "new":
            earlier = new[key]
            combined, changes = _merge(earlier, person, set(), set())
            new[key] = combined
            index.add(match.key, identity)
            added[key] = replace(
                added[key],
                detail=_joined(added[key].detail, f"also on line {person.line}"),
            )
            continue
        base = merged.get(key) or PersonWrite(contacts[key])
        combined, changes = _merge(
            base, person, known_dates.get(key, set()), known_notes.get(key, set())
        )
        index.add(match.key, identity)
        name = contacts[key].display_name
        if not changes and key not in merged:
            unchanged.append(ReportEntry(person.line, name, f"already here (same {match.reason})"))
            continue
        merged[key] = combined
        previous = merged_entries.get(key)
        detail = f"same {match.reason}; adds {', '.join(changes)}" if changes else ""
        merged_entries[key] = ReportEntry(
            previous.line if previous else person.line,
            name,
            _joined(previous.detail, detail) if previous else detail,
        )
    report = ImportReport(
        source="",
        format=parsed.format,
        dry_run=False,
        added=tuple(added),
        merged=tuple(merged_entries.values()),
        unchanged=tuple(unchanged),
        rejected=parsed.rejected,
    )
    return new, list(merged.values()), report


def import_file(
    store: Store,
    path: Path,
    *,
    today: Date,
    now: DateTime,
    daily_budget: int,
    file_format: str | None = None,
    mapping: Mapping[str, str] | None = None,
    circle: Circle = DEFAULT_CIRCLE,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Read, plan and (unless `dry_run`) write an import of `path`; the report says what."""
    if progress is not None:
        progress(0, None, "reading")
    parsed = read_file(path, file_format=file_format, mapping=mapping)
    new, merged, report = plan_import(store, parsed, circle=circle, progress=progress)
    if not dry_run and (new or merged):
        if progress is not None:
            progress(len(parsed.people), len(parsed.people), "saving")
        store.import_people(
            new,
            merged,
            today=today,
            now=now,
            daily_budget=daily_budget,
            description=f"imported {path.name}: {len(new)} added, {len(merged)} merged",
        )
    return replace(report, source=str(path), dry_run=dry_run)


# --- matching and merging -----------------------------------------------------------------


def _identity_of_contact(contact: Contact) -> Identity:
    return Identity(contact.display_name, contact.emails, contact.phones)


def _identity_of_person(person: ImportedPerson) -> Identity:
    return Identity(person.display_name, person.emails, person.phones)


def _joined(first: str, second: str) -> str:
    return "; ".join(part for part in (first, second) if part)


def _valid_zone(name: str | None) -> str | None:
    if not name:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None
    return name


def _valid_date(date: ImportedDate) -> bool:
    if not 1 <= date.month <= 12:
        return False
    if date.weekday is not None or date.nth is not None:
        return date.weekday in range(7) and date.nth in (1, 2, 3, 4, 5, -1)
    # Feb 29 is a real birthday whatever the year; other days must exist in their month.
    longest = 29 if date.month == 2 else calendar.monthrange(2001, date.month)[1]
    return 1 <= date.day <= longest


DateKey = tuple[str, int, int, int, int]  # as Store.date_keys gives them


def _date_key(date: ImportedDate) -> DateKey:
    relative = date.weekday is not None
    return (
        date.kind.value,
        date.month,
        0 if relative else date.day,
        -1 if date.weekday is None else date.weekday,
        date.nth or 0,
    )


def _rule_key(date: ImportantDate) -> DateKey:
    rule = date.rule
    weekday = -1 if rule.weekday is None else rule.weekday
    return (date.kind.value, rule.month, rule.day or 0, weekday, rule.nth or 0)


def _important_date(date: ImportedDate) -> ImportantDate:
    return ImportantDate(
        id=0,
        contact_id=0,
        kind=date.kind,
        rule=YearlyRule(month=date.month, day=date.day)
        if date.weekday is None
        else YearlyRule(month=date.month, weekday=date.weekday, nth=date.nth),
        year=date.year,
        label=date.label,
    )


def _touch(day: Date | None) -> DateTime | None:
    """The instant a file's date-only first touch stands for: noon UTC, that day nearly anywhere."""
    if day is None:
        return None
    return pendulum.datetime(day.year, day.month, day.day, 12, tz="UTC")


def _new_write(person: ImportedPerson, circle: Circle) -> PersonWrite:
    touch = _touch(person.first_touch_on)
    contact = Contact(
        id=0,
        display_name=person.display_name,
        given_name=person.given_name,
        family_name=person.family_name,
        nickname=person.nickname,
        emails=person.emails,
        phones=person.phones,
        handles=tuple(_new_handles((), person.handles)),
        company=person.company,
        title=person.title,
        location=person.location,
        timezone=_valid_zone(person.timezone),
        circle=person.circle or (Circle.ACQUAINTANCE if person.is_organization else circle),
        cadence_override_days=person.cadence_days,
        tags=person.tags,
        interests=person.interests,
        offers=person.offers,
        needs=person.needs,
        how_met=person.how_met,
        archived=person.archived,
        snoozed_until=person.snoozed_until,
        last_touch_at=touch,
    )
    if person.preferred_channel is not None:
        contact = replace(contact, preferred_channel=person.preferred_channel)
    dates = _unique_dates(person.dates, set())
    notes = tuple(dict.fromkeys(note for note in person.notes if note.strip()))
    return PersonWrite(contact, tuple(_important_date(d) for d in dates), notes)


def _unique_dates(dates: Sequence[ImportedDate], known: set[DateKey]) -> list[ImportedDate]:
    kept = []
    seen = set(known)
    for date in dates:
        key = _date_key(date)
        if _valid_date(date) and key not in seen:
            seen.add(key)
            kept.append(date)
    return kept


def _union(
    first: tuple[str, ...], second: tuple[str, ...], *, fold: bool = False
) -> tuple[str, ...]:
    seen = {value.casefold() if fold else value for value in first}
    extra = []
    for value in second:
        key = value.casefold() if fold else value
        if key not in seen:
            seen.add(key)
            extra.append(value)
    return (*first, *extra)


def _handle_key(value: str) -> str:
    """A handle as compared: `https://github.com/ana/` and `@ana` are both `ana`."""
    return value.strip().rstrip("/").rsplit("/", 1)[-1].lstrip("@").casefold()


def _new_handles(
    known: tuple[tuple[str, str], ...], incoming: tuple[tuple[str, str], ...]
) -> list[tuple[str, str]]:
    """Incoming (service, handle) pairs not already known, in either a URL or a bare form."""
    seen = {(service.casefold(), _handle_key(value)) for service, value in known}
    fresh = []
    for service, value in incoming:
        key = (service.casefold(), _handle_key(value))
        if key not in seen:
            seen.add(key)
            fresh.append((service, value))
    return fresh


_FILLABLE = ("given_name", "family_name", "nickname", "company", "title", "location", "how_met")
_LISTS = ("emails", "phones", "tags", "interests", "offers", "needs")


def _merge(
    base: PersonWrite,
    person: ImportedPerson,
    known_dates: set[DateKey],
    known_notes: set[str],
) -> tuple[PersonWrite, list[str]]:
    """`base` with what `person` adds: empty fields filled, lists joined, new dates and notes.

    What the database already says wins; the file only fills gaps. Returns the merged write
    and the names of what changed (empty when the file brought nothing new).
    """
    contact = base.contact
    changes: dict[str, Any] = {}
    changed: list[str] = []
    for name in _FILLABLE:
        incoming = getattr(person, name)
        if incoming and not getattr(contact, name):
            changes[name] = incoming
            changed.append(name.replace("_", " "))
    for name in _LISTS:
        current: tuple[str, ...] = getattr(contact, name)
        joined = _union(current, getattr(person, name), fold=name in ("emails", "tags"))
        if len(joined) > len(current):
            changes[name] = joined
            changed.append(name)
    handles = (*contact.handles, *_new_handles(contact.handles, person.handles))
    if len(handles) > len(contact.handles):
        changes["handles"] = handles
        changed.append("handles")
    zone = _valid_zone(person.timezone)
    if zone and not contact.timezone:
        changes["timezone"] = zone
        changed.append("time zone")
    if person.cadence_days and contact.cadence_override_days is None:
        changes["cadence_override_days"] = person.cadence_days
        changed.append("cadence")
    if person.first_touch_on and contact.last_touch_at is None:
        changes["last_touch_at"] = _touch(person.first_touch_on)
        changed.append("first touch")
    already = known_dates | {_rule_key(d) for d in base.dates}
    dates = [_important_date(d) for d in _unique_dates(person.dates, already)]
    if dates:
        changed.append("dates")
    have_notes = known_notes | set(base.notes)
    notes = [n for n in dict.fromkeys(person.notes) if n.strip() and n not in have_notes]
    if notes:
        changed.append("notes")
    merged = PersonWrite(
        replace(contact, **changes) if changes else contact,
        (*base.dates, *dates),
        (*base.notes, *notes),
    )
    return merged, changed
