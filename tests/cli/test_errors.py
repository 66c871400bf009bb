"""Every mistake a user can make is one line on stderr, exit 2, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.cli
from tests.cli.clirun import Nurture


def _snapshot(folder: Path) -> dict[str, bytes]:
    """The bytes of every database file (main, WAL, shared memory) in the folder."""
    return {path.name: path.read_bytes() for path in sorted(folder.glob("nurture.db*"))}


@pytest.fixture
def populated(nt: Nurture) -> Nurture:
    nt("add", "Ana Lima", "--circle", "inner")
    nt("add", "Bruno Costa")
    nt("promise", "Bruno", "send the deck", "--by", "2026-11-30")
    return nt


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("log", "Zelda"), id="unknown contact"),
        pytest.param(("show", "#99"), id="unknown id"),
        pytest.param(("log", "Ana", "--on", "2026-02-30"), id="bad date"),
        pytest.param(("log", "Ana", "--on", "next blursday"), id="unreadable date"),
        pytest.param(("log", "Ana", "--on", "2026-12-25"), id="future log"),
        pytest.param(("log", "Ana", "--channel", "pigeon"), id="bad channel"),
        pytest.param(("log", "Ana", "--kind", "wave"), id="bad kind"),
        pytest.param(("log", "Ana", "--direction", "sideways"), id="bad direction"),
        pytest.param(("add", "Carla Reis", "--tz", "Mars/Olympus_Mons"), id="bad tz"),
        pytest.param(("add", "Carla Reis", "--every", "3x"), id="bad cadence"),
        pytest.param(("add", "Carla Reis", "--every", "0d"), id="zero cadence"),
        pytest.param(("add", "Carla Reis", "--circle", "besties"), id="bad circle"),
        pytest.param(("add", "Carla Reis", "--birthday", "1990-02-30"), id="bad birthday"),
        pytest.param(("add", "Carla Reis", "--birthday", "1991-02-29"), id="no feb 29 that year"),
        pytest.param(("add", "   "), id="empty name"),
        pytest.param(("snooze", "Ana", "--for", "soon"), id="bad snooze period"),
        pytest.param(("promise", "Ana", "the deck", "--by", "31/12/2026"), id="bad --by"),
        pytest.param(("date", "Ana", "birthday", "Feb 30th"), id="bad yearly date"),
        pytest.param(("date", "Ana", "nameday", "--05-01"), id="bad date kind"),
        pytest.param(("event", "Ana", "moved", "--kind", "abduction"), id="bad event kind"),
        pytest.param(("done-promise", "Ana"), id="no promises"),
        pytest.param(("done-promise", "Bruno", "flowers"), id="no such promise"),
        pytest.param(("asked", "Ana"), id="no questions"),
        pytest.param(("list", "--circle", "besties"), id="bad list circle"),
        pytest.param(("config", "daily-budget", "lots"), id="bad budget"),
        pytest.param(("due", "--limit", "zero"), id="bad limit"),
        pytest.param(("frobnicate",), id="unknown command"),
        pytest.param(("log",), id="missing name"),
    ],
)
def test_mistakes_are_one_line_exit_2_and_write_nothing(
    populated: Nurture, args: tuple[str, ...]
) -> None:
    before = _snapshot(populated.db.parent)
    due_before = populated("due", "--json").stdout

    outcome = populated.fails(*args)

    first, *choices = outcome.stderr.splitlines()
    assert all(line.startswith("  #") for line in choices), outcome.stderr  # what to pick from
    assert outcome.stdout == ""
    assert _snapshot(populated.db.parent) == before
    assert populated("due", "--json").stdout == due_before


@pytest.mark.parametrize("today", ["2026-13-01", "26/11/2026", "tomorrow", ""])
def test_bad_today_is_refused(nt: Nurture, today: str) -> None:
    outcome = nt.fails("due", today=today)
    assert "--today" in outcome.stderr


def test_bad_input_on_a_fresh_path_creates_no_database(nt: Nurture) -> None:
    nt.fails("add", "Ana Lima", "--tz", "Nowhere/Land")
    nt.fails("log", "Ana")
    assert not nt.db.exists()


def test_bad_user_time_zone_in_the_environment(
    nt: Nurture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NURTURE_TZ", "Atlantis/Capital")
    assert "time zone" in nt.fails("due").stderr


def test_a_file_that_is_not_a_database_is_left_alone(nt: Nurture) -> None:
    nt.db.write_bytes(b"these are my notes, not a database\n" * 100)
    before = nt.db.read_bytes()

    outcome = nt.fails("due")

    assert len(outcome.stderr.splitlines()) == 1
    assert nt.db.read_bytes() == before


def test_ctrl_c_exits_130_quietly(nt: Nurture, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.cli, "_print_agenda", interrupted)
    outcome = nt("due", ok=False)
    assert outcome.exit_code == 130
    assert "Traceback" not in outcome.stderr
