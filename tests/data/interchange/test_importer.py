"""Importing people: nobody twice, nobody due all at once, all or nothing, and undoable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pendulum
import pytest
from pendulum import Date

from core.cadence import next_due_on
from core.models import Circle, Contact, DateKind
from data.interchange import importer
from data.interchange.importer import import_file, plan_import, read_file
from data.interchange.records import (
    ImportedDate,
    ImportedPerson,
    ParsedFile,
    Rejected,
    UnreadableFile,
)
from data.store import Store

TODAY = Date(2026, 11, 26)
NOW = pendulum.datetime(2026, 11, 26, 9, 30)


def parsed(*people: ImportedPerson, rejected: tuple[Rejected, ...] = ()) -> ParsedFile:
    return ParsedFile(format="test", people=people, rejected=rejected)


def apply(store: Store, file: ParsedFile, *, budget: int = 5) -> importer.ImportReport:
    new, merged, report = plan_import(store, file)
    store.import_people(
        new, merged, today=TODAY, now=NOW, daily_budget=budget, description="imported test"
    )
    return report


def by_name(store: Store) -> dict[str, Contact]:
    return {c.display_name: c for c in store.list_contacts(include_archived=True)}


def test_new_people_are_spread_by_the_daily_budget_not_all_due_today(store: Store) -> None:
    people = [ImportedPerson(line=i + 1, display_name=f"Person {i:02}") for i in range(40)]
    report = apply(store, parsed(*people), budget=5)
    assert len(report.added) == 40
    dues = Counter(next_due_on(c) for c in store.list_contacts())
    assert min(dues) == TODAY
    assert max(dues.values()) <= 5
    assert all(c.circle is Circle.NETWORK for c in store.list_contacts())


def test_someone_already_here_is_merged_and_only_gaps_are_filled(store: Store) -> None:
    store.add_contacts(
        [Contact(id=0, display_name="Ana Lima", emails=("ana@lima.org",), company="Acme")],
        today=TODAY,
        daily_budget=5,
    )
    report = apply(
        store,
        parsed(
            ImportedPerson(
                line=7,
                display_name="Ana M. Lima",
                emails=("ANA@lima.org", "ana@work.com"),
                phones=("+351 912 345 678",),
                company="Other Corp",
                title="CTO",
                dates=(ImportedDate(DateKind.BIRTHDAY, 2, 29, None),),
                notes=("met at PyCon",),
            )
        ),
    )
    assert report.added == ()
    assert [(e.line, e.name) for e in report.merged] == [(7, "Ana Lima")]
    assert "same email" in report.merged[0].detail
    ana = by_name(store)["Ana Lima"]
    assert ana.company == "Acme"  # what we knew wins
    assert ana.title == "CTO"
    assert ana.emails == ("ana@lima.org", "ana@work.com")
    assert ana.phones == ("+351 912 345 678",)
    detail = store.contact_detail(ana.id)
    assert [(d.rule.month, d.rule.day, d.year) for d in detail.dates] == [(2, 29, None)]
    assert [n.body for n in detail.notes] == ["met at PyCon"]


def test_importing_the_same_file_twice_adds_nothing_the_second_time(store: Store) -> None:
    file = parsed(
        ImportedPerson(
            line=1,
            display_name="Bruno Costa",
            phones=("912 000 111",),
            dates=(ImportedDate(DateKind.BIRTHDAY, 4, 15, 1985),),
            notes=("likes jazz",),
        ),
        ImportedPerson(line=9, display_name="Zoë Park", emails=("zoe@park.io",)),
    )
    apply(store, file)
    again = apply(store, file)
    assert again.added == () and again.merged == ()
    assert [e.name for e in again.unchanged] == ["Bruno Costa", "Zoë Park"]
    bruno = by_name(store)["Bruno Costa"]
    detail = store.contact_detail(bruno.id)
    assert len(detail.dates) == 1 and len(detail.notes) == 1
    assert store.count_contacts() == 2


def test_a_person_listed_twice_in_one_file_is_added_once(store: Store) -> None:
    report = apply(
        store,
        parsed(
            ImportedPerson(line=1, display_name="Chen Wei", emails=("chen@wei.cn",)),
            ImportedPerson(line=12, display_name="Wei Chen", phones=("+86 138 0013 8000",)),
            ImportedPerson(line=20, display_name="C. Wei", emails=("CHEN@wei.cn",), title="PM"),
        ),
    )
    assert [(e.line, e.name) for e in report.added] == [(1, "Chen Wei")]
    assert "also on line 12" in report.added[0].detail
    assert "also on line 20" in report.added[0].detail
    chen = by_name(store)["Chen Wei"]
    assert chen.phones == ("+86 138 0013 8000",) and chen.title == "PM"


def test_a_first_touch_from_the_file_is_kept_but_never_makes_them_due_today(
    store: Store,
) -> None:
    people = [
        ImportedPerson(line=i + 2, display_name=f"Link {i}", first_touch_on=Date(2019, 3, 1))
        for i in range(20)
    ]
    apply(store, parsed(*people), budget=5)
    contacts = store.list_contacts()
    assert all(c.last_touch_at is not None for c in contacts)
    assert all(c.last_touch_at.date() == Date(2019, 3, 1) for c in contacts if c.last_touch_at)
    dues = Counter(next_due_on(c) for c in contacts)
    assert max(dues.values()) <= 5 and min(dues) >= TODAY


def test_an_organisation_is_kept_out_of_the_regular_check_ins(store: Store) -> None:
    apply(store, parsed(ImportedPerson(line=1, display_name="Acme Inc", is_organization=True)))
    assert by_name(store)["Acme Inc"].circle is Circle.ACQUAINTANCE


def test_the_files_own_cadence_and_circle_come_through(store: Store) -> None:
    apply(
        store,
        parsed(
            ImportedPerson(
                line=1,
                display_name="Dana",
                circle=Circle.INNER,
                cadence_days=21,
                interests=("climbing",),
                timezone="Europe/Lisbon",
            ),
            ImportedPerson(line=5, display_name="Eve", timezone="Mars/Olympus"),
        ),
    )
    people = by_name(store)
    assert people["Dana"].circle is Circle.INNER
    assert people["Dana"].cadence_override_days == 21
    assert people["Dana"].interests == ("climbing",)
    assert people["Dana"].timezone == "Europe/Lisbon"
    assert people["Eve"].timezone is None  # an unknown zone is dropped, the person kept


def test_rejected_records_are_reported_and_the_good_ones_kept(store: Store) -> None:
    report = apply(
        store,
        parsed(
            ImportedPerson(line=1, display_name="Good One"),
            rejected=(Rejected(14, "no name: neither FN, N, ORG nor EMAIL"),),
        ),
    )
    assert [e.name for e in report.added] == ["Good One"]
    assert report.rejected == (Rejected(14, "no name: neither FN, N, ORG nor EMAIL"),)


def test_an_import_is_undone_as_one_action(store: Store) -> None:
    store.add_contacts(
        [Contact(id=0, display_name="Ana Lima", emails=("ana@lima.org",))],
        today=TODAY,
        daily_budget=5,
    )
    apply(
        store,
        parsed(
            ImportedPerson(line=1, display_name="Ana Lima", title="CTO", notes=("new note",)),
            ImportedPerson(line=4, display_name="Newcomer", notes=("hello",)),
        ),
    )
    assert store.count_contacts() == 2
    assert store.undo() == "undid: imported test"
    ana = by_name(store)["Ana Lima"]
    assert list(by_name(store)) == ["Ana Lima"]
    assert ana.title == ""
    assert store.contact_detail(ana.id).notes == ()
    assert store.search("hello") == []


def test_a_failing_write_leaves_the_database_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_contacts([Contact(id=0, display_name="Ana Lima")], today=TODAY, daily_budget=5)
    people = [ImportedPerson(line=i, display_name=f"P{i}", notes=(f"note {i}",)) for i in range(10)]
    new, merged, _ = plan_import(store, parsed(*people))
    calls = 0
    real_insert = store._insert

    def failing_insert(*args: object) -> int:
        nonlocal calls
        calls += 1
        if calls == 15:  # after all ten contacts and some of their notes
            raise OSError("disk full")
        return real_insert(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_insert", failing_insert)
    with pytest.raises(OSError):
        store.import_people(new, merged, today=TODAY, now=NOW, daily_budget=5, description="x")
    monkeypatch.undo()
    assert [c.display_name for c in store.list_contacts()] == ["Ana Lima"]
    assert store.search("note") == []
    assert store.peek_undo() is None


def test_dry_run_reports_exactly_what_a_real_run_does_and_writes_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = parsed(
        ImportedPerson(line=1, display_name="Fresh Face"),
        rejected=(Rejected(3, "contact group, not a person"),),
    )
    monkeypatch.setattr(importer, "read_file", lambda *args, **kwargs: file)
    source = tmp_path / "people.vcf"
    dry = import_file(store, source, today=TODAY, now=NOW, daily_budget=5, dry_run=True)
    assert store.count_contacts() == 0 and dry.dry_run
    real = import_file(store, source, today=TODAY, now=NOW, daily_budget=5)
    assert (dry.added, dry.merged, dry.rejected) == (real.added, real.merged, real.rejected)
    assert store.count_contacts() == 1
    assert real.as_json()["rejected"] == [{"line": 3, "reason": "contact group, not a person"}]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.vcf", "cannot read"),
        (lambda tmp: tmp, "is a directory"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_clear_error(
    tmp_path: Path, make: object, message: str
) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_file(make(tmp_path))  # type: ignore[operator]


def test_an_unknown_format_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("hello")
    with pytest.raises(UnreadableFile, match="unknown format 'xls'"):
        read_file(path, file_format="xls")


def test_a_json_export_is_pointed_at_restore_not_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "backup.csv"
    path.write_text('{"format": "nurture-tui", "version": 1, "tables": {}}')
    with pytest.raises(UnreadableFile, match="use `nurture-tui restore`"):
        read_file(path)
