"""The installed `nurture-tui` console script, run as a user would, and the demo data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.clirun import TODAY, Nurture

SCRIPT = shutil.which("nurture-tui", path=str(Path(sys.executable).parent)) or "nurture-tui"


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("NURTURE_")}
    clean["NURTURE_TZ"] = "America/Sao_Paulo"
    clean["NURTURE_DEMO_DB"] = str(tmp_path / "demo.db")
    return clean


def test_console_script_adds_logs_and_reports_due(tmp_path: Path, env: dict[str, str]) -> None:
    db = str(tmp_path / "mine.db")
    base = ("--db", db, "--today", TODAY)

    added = _run(*base, "add", "Ana Lima", "--circle", "inner", env=env)
    assert added.returncode == 0, added.stderr
    due = _run(*base, "due", "--json", env=env)
    assert [item["name"] for item in json.loads(due.stdout)["items"]] == ["Ana Lima"]
    logged = _run(*base, "log", "Ana", "--channel", "call", env=env)
    assert "next check-in Thu 3 Dec" in logged.stdout
    assert json.loads(_run(*base, "due", "--json", env=env).stdout)["items"] == []


def test_console_script_error_is_one_line_without_traceback(
    tmp_path: Path, env: dict[str, str]
) -> None:
    failed = _run("--db", str(tmp_path / "mine.db"), "add", "Ana", "--every", "3x", env=env)
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert len(failed.stderr.splitlines()) == 1
    assert failed.stderr.startswith("nurture-tui: error: bad period")
    assert not (tmp_path / "mine.db").exists()


def test_console_script_stays_off_textual(tmp_path: Path, env: dict[str, str]) -> None:
    probe = (
        "import sys; from tui.cli import cli; "
        "cli.main(['--db', sys.argv[1], '--today', '2026-11-26', 'due'], standalone_mode=False); "
        "print(sorted(m for m in ('textual', 'rich', 'data.demo') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "x.db")],
        capture_output=True, text=True, env=env, check=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.splitlines()[-1] == "[]"


def test_demo_out_writes_a_network_with_things_due(nt: Nurture, tmp_path: Path) -> None:
    out = tmp_path / "demo-out.db"

    written = nt("demo", "--contacts", "40", "--out", str(out))

    assert str(out) in written.stdout
    demo = Nurture(out)
    payload = demo("due", "--json").json()
    assert payload["items"]
    assert len(demo("list", "--json").json()["contacts"]) == 40
    assert nt.fails("demo", "--out", str(out)).stderr  # never clobbers without --force


def test_demo_flag_builds_the_demo_for_today_and_rebuilds_for_another_day(
    tmp_path: Path, env: dict[str, str]
) -> None:
    first = _run("--demo", "--today", TODAY, "due", "--json", env=env)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["items"]
    again = _run("--demo", "--today", TODAY, "due", "--json", env=env)
    assert again.stdout == first.stdout
    later = _run("--demo", "--today", "2027-01-05", "due", "--json", env=env)
    assert later.returncode == 0, later.stderr
    assert json.loads(later.stdout)["today"] == "2027-01-05"
    assert json.loads(later.stdout)["items"]
    assert _run("--demo", "--db", str(tmp_path / "x.db"), "due", env=env).returncode == 2
