"""Bare `nurture-tui` goes straight to the app; anything else goes through the full CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.launch import STANDARD_TZPATH, bare_launch_options

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        ([], {}),
        (["--db", "x.db"], {"db": "x.db"}),
        (["--db=x.db", "--today", "2026-11-26"], {"db": "x.db", "today": "2026-11-26"}),
        (["--today=2026-11-26"], {"today": "2026-11-26"}),
        (["due"], None),
        (["--demo"], None),
        (["--help"], None),
        (["--db"], None),
        (["--db", "a", "--db", "b"], None),
        (["--db", "x.db", "log", "Ana"], None),
    ],
)
def test_only_bare_global_options_take_the_fast_path(
    argv: list[str], options: dict[str, str] | None
) -> None:
    assert bare_launch_options(argv) == options


# What the first frame of the agenda must not wait for: the full CLI, writing, other screens,
# and what pendulum and the standard library would load for features nurture does not use
# on the way there.
NOT_ON_THE_WAY_TO_THE_FIRST_FRAME = [
    "click",
    "tui.cli",
    "tui.commands",
    "tui.screens.composer",
    "tui.screens.contact",
    "sqlite_utils",
    "dateutil.parser._parser",
    "pendulum.locales.en",
    "secrets",
    "hashlib",
]


def test_a_bare_launch_loads_only_what_the_first_frame_needs(tmp_path: Path) -> None:
    script = (
        "import gc, sys\n"
        "import tui.launch as launch\n"
        "sys.stdin.isatty = sys.stdout.isatty = lambda: True\n"
        "def run_app(store, *, today, now):\n"
        "    import tui.app, tui.screens.agenda\n"
        "    print(gc.isenabled(), today, ' '.join(sorted(sys.modules)))\n"
        "    return 0\n"
        "launch.run_app = run_app\n"
        f"sys.argv = ['nurture-tui', '--db', {str(tmp_path / 'n.db')!r}, '--today', '2026-11-26']\n"
        "launch.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    collecting, today, *loaded = result.stdout.split()
    # Start-up runs with the collector off; the app turns it back on after its first frame.
    assert (collecting, today) == ("False", "2026-11-26")
    assert [name for name in NOT_ON_THE_WAY_TO_THE_FIRST_FRAME if name in loaded] == []
    # Python's build configuration, which zoneinfo would load for its search path alone.
    assert [name for name in loaded if name.startswith("_sysconfigdata")] == []


def test_dateutils_parser_still_loads_when_something_parses_free_form_dates() -> None:
    script = (
        "import sys\n"
        "from tui.launch import defer_dateutil_parser\n"
        "defer_dateutil_parser()\n"
        "import pendulum\n"
        "print('dateutil.parser._parser' in sys.modules)\n"
        "print(pendulum.parse('March 3 2024', strict=False).to_date_string())\n"
        "print('dateutil.parser._parser' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "2024-03-03", "True"]


def _zoneinfo_after_launch(env: dict[str, str]) -> list[str]:
    script = (
        "import os, sys\n"
        "from tui.launch import import_zoneinfo_sparing_sysconfig\n"
        "import_zoneinfo_sparing_sysconfig()\n"
        "import zoneinfo, pendulum\n"
        "print(':'.join(zoneinfo.TZPATH))\n"
        "print(os.environ.get('PYTHONTZPATH', '-'))\n"
        "print(pendulum.datetime(2026, 7, 1, tz='Europe/Lisbon').utcoffset())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return result.stdout.split("\n")[:3]


def test_zoneinfo_searches_the_standard_path_and_no_child_inherits_it() -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONTZPATH"}
    assert _zoneinfo_after_launch(env) == [STANDARD_TZPATH, "-", "1:00:00"]


def test_a_users_own_zoneinfo_path_wins(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONTZPATH": str(tmp_path)}
    # Nothing in that directory: zones come from the tzdata package, as zoneinfo does.
    assert _zoneinfo_after_launch(env) == [str(tmp_path), str(tmp_path), "1:00:00"]
