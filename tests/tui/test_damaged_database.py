"""A database that breaks mid-session ends the app with one line and status 2, no traceback."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

SIZE = (80, 24)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (sqlite3.DatabaseError("database disk image is malformed"), "is damaged: database disk"),
        (sqlite3.OperationalError("disk I/O error"), "disk is full or failing"),
    ],
)
async def test_a_database_error_mid_session_exits_2_with_one_line(
    seeded, make_app, db_path, capsys, error: sqlite3.Error, said: str
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()

    def broken() -> None:
        raise error

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.call_later(broken)
        await asyncio.sleep(0.3)  # the app is leaving: no pilot.pause()
    assert app.return_code == 2
    printed = capsys.readouterr().err
    (line,) = printed.splitlines()
    assert "Traceback" not in printed
    assert line.startswith("nurture-tui: error: ") and said in line, line
    assert str(db_path) in line
    assert app.error_console.soft_wrap  # printed whole, never wrapped into several lines


async def test_other_errors_still_fail_loudly(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()

    def broken() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.call_later(broken)
            await pilot.pause()
    assert app.return_code == 1
