"""CSV export: one row per person that a spreadsheet shows as text and never runs."""

from __future__ import annotations

import csv
import io

import pytest

from core.models import Circle, DateKind, ImportantDate, YearlyRule
from data.interchange.csv_write import COLUMNS, safe_cell, write_csv
from data.store import Store
from tests.data.conftest import TODAY, at, person


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_person_reads_back_column_by_column(store: Store) -> None:
    (ana,) = store.add_contacts(
        [
            person(
                "Ana Lima",
                Circle.INNER,
                given_name="Ana",
                family_name="Lima",
                emails=("ana@example.org", "ana.lima@work.example"),
                company='Helios, "Climate" Ltd',
                location="Lisbon, Portugal",
                timezone="Europe/Lisbon",
                cadence_override_days=10,
                tags=("climbing", "book club"),
                interests=("running",),
                last_touch_at=at(TODAY.subtract(days=3)),
            )
        ],
        today=TODAY,
        daily_budget=5,
    )
    for kind, rule, year in (
        (DateKind.BIRTHDAY, YearlyRule(5, 12), 1990),
        (DateKind.ANNIVERSARY, YearlyRule(6, weekday=6, nth=3), None),
        (DateKind.WORK_ANNIVERSARY, YearlyRule(9, 1), 2020),
    ):
        store.add_important_date(
            ImportantDate(id=0, contact_id=ana.id, kind=kind, rule=rule, year=year)
        )
    (row,) = _rows(write_csv(store))
    assert list(row) == list(COLUMNS)
    assert row["Name"] == "Ana Lima"
    assert (row["Given Name"], row["Family Name"]) == ("Ana", "Lima")
    assert row["Emails"] == "ana@example.org ::: ana.lima@work.example"
    assert row["Company"] == 'Helios, "Climate" Ltd'
    assert row["Location"] == "Lisbon, Portugal"
    assert row["Time Zone"] == "Europe/Lisbon"
    assert (row["Circle"], row["Cadence Days"]) == ("inner", "10")
    assert row["Tags"] == "climbing ::: book club"
    assert row["Birthday"] == "1990-05-12"
    assert row["Anniversary"] == "3rd Sunday of June"
    assert row["Last Touch"] == TODAY.subtract(days=3).isoformat()
    assert row["Next Due"] == TODAY.add(days=7).isoformat()
    assert row["Archived"] == ""


def test_formulas_are_neutralised_and_year_less_birthdays_kept(store: Store) -> None:
    (mallory,) = store.add_contacts(
        [
            person(
                '=HYPERLINK("https://evil.example","click")',
                given_name="@SUM(A1:A9)",
                family_name="-2+3",
                phones=("+44 20 7946 0958",),
                company="Plain Company",
            )
        ],
        today=TODAY,
        daily_budget=5,
    )
    store.add_important_date(
        ImportantDate(id=0, contact_id=mallory.id, kind=DateKind.BIRTHDAY, rule=YearlyRule(2, 29))
    )
    (row,) = _rows(write_csv(store))
    assert row["Name"] == '\'=HYPERLINK("https://evil.example","click")'
    assert row["Given Name"] == "'@SUM(A1:A9)"
    assert row["Family Name"] == "'-2+3"
    assert row["Phones"] == "'+44 20 7946 0958"
    assert row["Birthday"] == "'--02-29"
    assert row["Company"] == "Plain Company"
    assert row["Cadence Days"] == ""  # the circle's default


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        ("Zoë", "Zoë"),
    ],
)
def test_safe_cell(cell: str, shown: str) -> None:
    assert safe_cell(cell) == shown


def test_crlf_rows_with_quoted_newlines_and_archived_people(store: Store) -> None:
    store.add_contacts(
        [person('Line\nbreak, "quoted"'), person("Zed Archived", archived=True)],
        today=TODAY,
        daily_budget=5,
    )
    text = write_csv(store)
    assert text.startswith("Name,Given Name,")
    assert text.endswith("\r\n")
    rows = _rows(text)
    assert [row["Name"] for row in rows] == ['Line\nbreak, "quoted"', "Zed Archived"]
    assert [row["Archived"] for row in rows] == ["", "yes"]


def test_an_empty_network_is_just_the_header(store: Store) -> None:
    assert write_csv(store) == ",".join(COLUMNS) + "\r\n"
