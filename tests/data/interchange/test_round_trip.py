"""Leaving and coming back: export, then import into an empty database, gives the same people."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from pendulum import Date

from data.demo import write_demo
from data.interchange.csv_write import write_csv
from data.interchange.importer import import_file
from data.interchange.vcard_write import write_vcards
from data.store import Store

TODAY = Date(2026, 11, 26)
NOW = pendulum.datetime(2026, 11, 26, 9)
# What a vCard carries. Handles come back as profile links, and history stays behind.
VCARD_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "nickname",
    "emails",
    "phones",
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
)
CSV_FIELDS = ("display_name", "emails", "phones", "company", "title", "location")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo(path, TODAY, contacts=150)
    return path


def people(store: Store, fields: tuple[str, ...]) -> dict[str, tuple[object, ...]]:
    return {
        contact.display_name: tuple(getattr(contact, name) for name in fields)
        for contact in store.list_contacts(include_archived=True)
    }


def dates(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        contact.display_name: sorted(
            (date.kind.value, date.rule.month, date.rule.day, date.rule.nth, date.year)
            for date in store.contact_detail(contact.id).dates
        )
        for contact in store.list_contacts(include_archived=True)
    }


def import_into_empty(tmp_path: Path, name: str, text: str) -> Store:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8", newline="")
    store = Store.open(tmp_path / "empty.db")
    report = import_file(store, source, today=TODAY, now=NOW, daily_budget=5)
    assert report.rejected == () and report.merged == () and report.unchanged == ()
    return store


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_round_trip_keeps_people_dates_and_notes(
    demo: Path, tmp_path: Path, version: str
) -> None:
    with Store.open(demo) as original:
        text = write_vcards(original, version=version)
        before, before_dates = people(original, VCARD_FIELDS), dates(original)
        notes = {
            c.display_name: sorted(n.body for n in original.contact_detail(c.id).notes)
            for c in original.list_contacts(include_archived=True)
        }
    with import_into_empty(tmp_path, "everyone.vcf", text) as restored:
        assert people(restored, VCARD_FIELDS) == before
        assert dates(restored) == before_dates
        for contact in restored.list_contacts(include_archived=True):
            joined = "\n\n".join(n.body for n in restored.contact_detail(contact.id).notes)
            assert sorted(joined.split("\n\n")) == notes[contact.display_name] or not joined


def test_csv_round_trip_keeps_who_and_how_to_reach_them(demo: Path, tmp_path: Path) -> None:
    with Store.open(demo) as original:
        text = write_csv(original)
        before = people(original, CSV_FIELDS)
    with import_into_empty(tmp_path, "everyone.csv", text) as restored:
        assert people(restored, CSV_FIELDS) == before


def test_importing_our_own_export_again_changes_nothing(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with Store.open(demo) as original:
        text = write_vcards(original)
        original.conn.execute(f"VACUUM INTO '{copy}'")
    source = tmp_path / "everyone.vcf"
    source.write_text(text, encoding="utf-8", newline="")
    with Store.open(copy) as store:
        report = import_file(store, source, today=TODAY, now=NOW, daily_budget=5)
        assert report.added == () and report.merged == ()
        assert len(report.unchanged) == 150
