"""Hostile text on the command line: text output inert, JSON exact, nothing interpreted.

`show`, `list`, `due`, `search` and `import --dry-run`, as text and as `--json`, over the hostile
network of `test_hostile_data.py`. Text output must hold no character a terminal acts on (ESC,
BEL, C1...) nor a bidi override, and show markup as written; JSON must parse and give back
every original string exactly (escapes are fine, raw controls are not).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.resilience.conftest import fresh_copy
from tests.resilience.test_hostile_data import (
    BIG_NOTE_OWNER,
    FIXTURES,
    HOSTILE,
    TODAY,
    Hostile,
    bidi_controls,
    big_note,
    field_text,
    hostile_params,
    terminal_controls,
)
from tui.cli import cli
from tui.render import safe_text

SCRIPT = shutil.which("nurture-tui", path=str(Path(sys.executable).parent)) or "nurture-tui"
# Hostile texts holding DEL or C1 characters, which json.dumps alone would pass through raw.
RAW_IN_JSON = frozenset({"c0-c1"})
_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f]")


@pytest.fixture
def db(tmp_path: Path, built: tuple[Path, dict[str, int]]) -> Path:
    return fresh_copy(built, tmp_path)


def run(db: Path, *args: str) -> str:
    """`nurture-tui --db DB --today ... ARGS` in-process; its stdout, after it exited 0."""
    result = CliRunner().invoke(
        cli, ["--db", str(db), "--today", TODAY.isoformat(), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def run_script(db: Path, *args: str) -> str:
    """The installed console script as a real process; its stdout decoded strictly."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NURTURE_")}
    environment["NURTURE_TZ"] = "UTC"
    done = subprocess.run(
        [SCRIPT, "--db", str(db), "--today", TODAY.isoformat(), *args],
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stderr == b""
    return done.stdout.decode("utf-8")  # strict: no stray bytes either


def inert(text: str) -> str:
    """Check text output holds nothing a terminal acts on, nor reorders; return it."""
    assert terminal_controls(text.replace("\n", "")) == []
    assert bidi_controls(text) == []
    return text


def ref(hostile: Hostile, ids: dict[str, int]) -> str:
    """How to name them on the command line: the name itself, or #ID when it holds a NUL
    (no program argument can)."""
    return f"#{ids[hostile.key]}" if "\x00" in hostile.text else hostile.text


# --- text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", hostile_params())
def test_show_prints_every_hostile_field_inert_and_literal(
    db: Path, ids: dict[str, int], hostile: Hostile
) -> None:
    shown = inert(run(db, "show", ref(hostile, ids)))
    assert shown.startswith(safe_text(hostile.text))
    assert hostile.literal in shown
    for field in ("company", "title", "tag", "how-met", "promise", "question", "note", "summary"):
        assert safe_text(field_text(hostile, field)) in shown, field


def test_list_due_and_search_print_hostile_names_inert(db: Path) -> None:
    listed = inert(run(db, "list"))
    due = inert(run(db, "due", "--all"))
    for hostile in HOSTILE:
        assert hostile.literal[:10] in listed or hostile.literal[:6] in listed, hostile.key
    for hostile in HOSTILE[:4]:  # markup, as written (cut to the name column)
        assert hostile.literal[:12] in due
    for hostile in HOSTILE:
        found = inert(run(db, "search", hostile.text.replace("\x00", "")))
        assert hostile.literal[:6] in found or "Nothing matches" in found, hostile.key


@pytest.mark.parametrize("query", ["[/]", "\x1b\x07\x9b", "\u202e", '"*:^(NEAR'])
def test_a_search_that_matches_nothing_says_so_inertly(db: Path, query: str) -> None:
    said = inert(run(db, "search", query))
    assert said.startswith("Nothing matches")


def test_the_1mb_note_is_shown_whole_and_inert(db: Path) -> None:
    shown = inert(run(db, "show", BIG_NOTE_OWNER))
    assert "lorem [bold]ipsum[/] dolor ^[[31msit^[[0m amet ^[]52;c;ZXZpbA==^G" in shown
    assert shown.count("THE-END") == 1
    assert len(shown) > 1_000_000


@pytest.mark.parametrize("name", ["hostile.vcf", "hostile.csv"])
def test_import_dry_run_reports_hostile_names_inert(db: Path, name: str) -> None:
    said = inert(run(db, "import", str(FIXTURES / name), "--dry-run"))
    assert "would add 4" in said
    assert "[bold red]Eve[/] Evans" in said
    assert "Clip ]52;c;ZXZpbA== Board" in said
    assert "Nothing was written" in said


def test_the_real_program_writes_inert_bytes(db: Path, ids: dict[str, int]) -> None:
    for args in (
        ("list",),
        ("due", "--all"),
        ("show", f"#{ids['c0-c1']}"),
        ("show", f"#{ids['osc52']}"),
        ("search", "Clip"),
        ("import", str(FIXTURES / "hostile.vcf"), "--dry-run"),
    ):
        written = inert(run_script(db, *args))
        assert written.strip(), args


# --- JSON --------------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", hostile_params())
def test_show_json_gives_back_every_field_exactly(
    db: Path, ids: dict[str, int], hostile: Hostile
) -> None:
    payload = json.loads(run(db, "show", ref(hostile, ids), "--json"))
    assert payload["display_name"] == hostile.text
    for field in ("company", "title", "location", "how_met"):
        assert payload[field] == field_text(hostile, field.replace("_", "-")), field
    assert payload["nickname"] == field_text(hostile, "nick")
    assert payload["tags"] == [field_text(hostile, "tag"), hostile.key]
    assert payload["interests"] == [field_text(hostile, "interest")]
    assert [note["body"] for note in payload["notes"]] == [field_text(hostile, "note")]
    assert [q["text"] for q in payload["questions"]] == [field_text(hostile, "question")]
    assert [c["text"] for c in payload["commitments"]] == [field_text(hostile, "promise")]
    assert [i["summary"] for i in payload["interactions"]] == [field_text(hostile, "summary")]
    assert [i["topics"] for i in payload["interactions"]] == [[field_text(hostile, "topic")]]
    assert [e["text"] for e in payload["events"]] == [field_text(hostile, "event")]
    assert [d["label"] for d in payload["dates"]] == [field_text(hostile, "label")]


def test_list_due_and_search_json_give_back_names_exactly(db: Path, ids: dict[str, int]) -> None:
    every = {hostile.text for hostile in HOSTILE} | {BIG_NOTE_OWNER}
    listed = json.loads(run(db, "list", "--json"))["contacts"]
    assert {contact["display_name"] for contact in listed} == every
    items = json.loads(run(db, "due", "--json", "--all"))["items"]
    assert {item["name"] for item in items} == every
    for hostile in HOSTILE:
        promise = field_text(hostile, "promise")
        (action,) = [
            item["action"]
            for item in items
            if item["kind"] == "commitment" and item["name"] == hostile.text
        ]
        # Quoted exactly, though a long one is cut short.
        assert f"keep your promise: {promise}".startswith(action.removesuffix("…"))
        query = hostile.text.replace("\x00", "")
        found = json.loads(run(db, "search", query, "--json"))
        assert found["query"] == query
        names = [hit["name"] for hit in found["results"]]
        assert not names or hostile.text in names, (hostile.key, names)


def test_the_1mb_note_comes_back_exactly_in_json(db: Path) -> None:
    payload = json.loads(run(db, "show", BIG_NOTE_OWNER, "--json"))
    assert [note["body"] for note in payload["notes"]] == [big_note()]


@pytest.mark.parametrize("name", ["hostile.vcf", "hostile.csv"])
def test_import_json_reports_what_would_be_stored_exactly(db: Path, name: str) -> None:
    dry = json.loads(run(db, "import", str(FIXTURES / name), "--dry-run", "--json"))
    would_add = [entry["name"] for entry in dry["added"]]
    assert "[bold red]Eve[/] Evans" in would_add
    # The importer drops control characters from what it reads; the rest is kept exactly.
    assert "Clip ]52;c;ZXZpbA== Board" in would_add
    assert "Rtl \u202eexe.txt\u202c Rita" in would_add
    assert all(not _CONTROL_CHARS.search(added) for added in would_add)
    done = json.loads(run(db, "import", str(FIXTURES / name), "--json"))
    assert [entry["name"] for entry in done["added"]] == would_add
    stored = {c["display_name"] for c in json.loads(run(db, "list", "--json"))["contacts"]}
    assert set(would_add) <= stored


@pytest.mark.parametrize("hostile", hostile_params())
def test_show_json_holds_no_raw_terminal_control(
    db: Path, ids: dict[str, int], hostile: Hostile
) -> None:
    printed = run(db, "show", ref(hostile, ids), "--json")
    assert terminal_controls(printed.replace("\n", "")) == []


def test_list_due_and_search_json_hold_no_raw_terminal_control(db: Path) -> None:
    carol = next(hostile for hostile in HOSTILE if hostile.key in RAW_IN_JSON)
    for args in (("list",), ("due", "--all"), ("search", "Carol")):
        printed = run(db, *args, "--json")
        assert carol.text.split(" ")[0] in printed  # Carol is in it
        assert terminal_controls(printed.replace("\n", "")) == [], args


def test_json_holds_no_raw_bidi_override(db: Path, ids: dict[str, int]) -> None:
    bidi = next(hostile for hostile in HOSTILE if hostile.key == "bidi")
    for args in (("show", ref(bidi, ids)), ("list",), ("due", "--all")):
        assert bidi_controls(run(db, *args, "--json")) == [], args
    dry = run(db, "import", str(FIXTURES / "hostile.vcf"), "--dry-run", "--json")
    assert bidi_controls(dry) == []
