"""`import`, `export`, `restore` and `backup` from the shell: reports, round trips, clear errors."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import vobject
from icalendar import Calendar

from tests.cli.clirun import Nurture

FIXTURES = Path(__file__).parent.parent / "fixtures" / "tui"
CARDS = FIXTURES / "four-cards.vcf"


def people(nurture: Nurture) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = nurture("list", "--json").json()["contacts"]
    return listed


def test_dry_run_lists_what_would_happen_and_writes_nothing(nt: Nurture) -> None:
    out = nt("import", str(CARDS), "--dry-run")
    assert "Dry run of four-cards.vcf (vcard): would add 3, would merge 0" in out.stdout
    assert "1 rejected" in out.stdout
    assert "new:" in out.stdout and "Zoë Park" in out.stdout
    assert "rejected:" in out.stdout and "contact group, not a person" in out.stdout
    assert "Nothing was written" in out.stdout
    assert people(nt) == []


def test_import_then_again_merges_nothing_new_and_json_reports_everything(nt: Nurture) -> None:
    first = nt("import", str(CARDS), "--json").json()
    assert [entry["name"] for entry in first["added"]] == [
        "Ana Lima",
        "[bold red]Mallory[/]",
        "Zoë Park",
    ]
    assert first["rejected"] == [{"line": 20, "reason": "contact group, not a person"}]
    second = nt("import", str(CARDS), "--json").json()
    assert second["added"] == [] and second["merged"] == []
    assert len(second["unchanged"]) == 3
    assert len(people(nt)) == 3


def test_an_import_is_undone_whole(nt: Nurture) -> None:
    nt("add", "Ana Lima")
    out = nt("import", str(CARDS))
    assert "added 2, merged 1" in out.stdout
    assert "Undo with: nurture-tui undo" in out.stdout
    assert "Undid: imported four-cards.vcf: 2 added, 1 merged" in nt("undo").stdout
    assert [person["display_name"] for person in people(nt)] == ["Ana Lima"]


def test_new_people_join_the_network_circle_unless_told(nt: Nurture) -> None:
    nt("import", str(CARDS), "--circle", "close")
    circles = {person["circle"] for person in people(nt)}
    assert circles == {"close"}


def test_files_that_are_not_contacts_are_one_clear_error(nt: Nurture, tmp_path: Path) -> None:
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 16)
    assert "error" in nt.fails("import", str(binary)).stderr
    assert "cannot read" in nt.fails("import", str(tmp_path / "nope.vcf")).stderr
    assert "--map takes FIELD=COLUMN" in nt.fails("import", str(CARDS), "--map", "x").stderr
    assert "unknown field 'shoe'" in nt.fails("import", str(CARDS), "--map", "shoe=A").stderr
    assert people(nt) == []


def test_export_vcard_parses_back_with_every_person(nt: Nurture, tmp_path: Path) -> None:
    nt("import", str(CARDS))
    target = tmp_path / "out.vcf"
    assert "Wrote" in nt("export", "-o", str(target)).stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    names = sorted(card.fn.value for card in vobject.readComponents(target.read_text()))
    assert names == ["Ana Lima", "Zoë Park", "[bold red]Mallory[/]"]


def test_export_to_stdout_in_each_format(nt: Nurture) -> None:
    nt("import", str(CARDS))
    rows = list(csv.DictReader(io.StringIO(nt("export", "--format", "csv").stdout)))
    assert {row["Name"] for row in rows} == {"Ana Lima", "Zoë Park", "[bold red]Mallory[/]"}
    calendar = Calendar.from_ical(nt("export", "--format", "ics").stdout)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any("Ana Lima" in summary for summary in summaries)
    payload = json.loads(nt("export", "--format", "json").stdout)
    assert payload["format"] == "nurture-tui"
    assert "say which format" in nt.fails("export").stderr


def test_json_export_restores_into_an_empty_database_only(nt: Nurture, tmp_path: Path) -> None:
    nt("import", str(CARDS))
    nt("note", "Zoë", "met at the climbing gym")
    dump = tmp_path / "all.json"
    nt("export", "-o", str(dump))
    fresh = Nurture(tmp_path / "fresh.db")
    assert "Restored all.json" in fresh("restore", str(dump)).stdout
    assert people(fresh) == people(nt)
    assert "climbing gym" in fresh("show", "Zoë").stdout
    assert "empty" in nt.fails("restore", str(dump)).stderr
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    other = Nurture(tmp_path / "other.db")
    other.fails("restore", str(garbage))
    assert people(other) == []


def test_backup_is_a_checked_standalone_copy(nt: Nurture, tmp_path: Path) -> None:
    nt("import", str(CARDS))
    out = nt("backup", str(tmp_path))
    copy = tmp_path / "nurture-backup.db"
    assert f"Backed up to {copy}" in out.stdout
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (3,)
    assert not (tmp_path / "nurture-backup.db-wal").exists()
    precious = tmp_path / "thesis.txt"
    precious.write_text("years of work")
    assert "refusing" in nt.fails("backup", str(precious)).stderr
    assert precious.read_text() == "years of work"
    assert "cannot overwrite the database" in nt.fails("backup", str(nt.db)).stderr
