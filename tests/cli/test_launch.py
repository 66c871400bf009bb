"""Bare `nurture-tui` goes straight to the app; anything else goes through the full CLI."""

from __future__ import annotations

import pytest

from tui.launch import bare_launch_options


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
