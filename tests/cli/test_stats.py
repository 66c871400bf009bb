"""`nurture-tui stats`: the network's figures on a small network whose answers are known."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli.clirun import Nurture

ADDED = "2026-11-01"


@pytest.fixture
def network(nt: Nurture) -> Nurture:
    """Four people added on 1 Nov, each touched that day, then kept on cadence to 26 Nov.

    Ana (inner, 7 days): 1, 7, 14 (share), 20 (help), 26 Nov; Bruno (active): 1 Nov, a
    message from him on the 10th, an ask on the 12th, and a promise due the 20th kept on
    the 22nd; Carla (close, born 10 Nov 1990): 1 Nov, congratulated on the 10th, 24 Nov;
    Dario (network, birthday 5 Nov, nobody wrote): an intro from him on 1 Nov.
    """
    nt("add", "Ana Lima", "--circle", "inner", today=ADDED)
    nt("add", "Bruno Costa", "--circle", "active", today=ADDED)
    nt("add", "Carla Reis", "--circle", "close", "--birthday", "1990-11-10", today=ADDED)
    nt("add", "Dario Sa", "--circle", "network", "--birthday", "--11-05", today=ADDED)
    nt("config", "daily-budget", "1")
    touches = [
        ("Ana", "2026-11-01", []),
        ("Ana", "2026-11-07", []),
        ("Ana", "2026-11-14", ["--kind", "share"]),
        ("Ana", "2026-11-20", ["--kind", "help"]),
        ("Ana", "2026-11-26", []),
        ("Bruno", "2026-11-01", []),
        ("Bruno", "2026-11-10", ["--direction", "in"]),
        ("Bruno", "2026-11-12", ["--kind", "ask"]),
        ("Carla", "2026-11-01", []),
        ("Carla", "2026-11-10", ["--kind", "congrats"]),
        ("Carla", "2026-11-24", []),
        ("Dario", "2026-11-01", ["--kind", "intro", "--direction", "in"]),
    ]
    for name, day, options in touches:
        nt("log", name, "--on", day, *options)
    nt("promise", "Bruno", "send the deck", "--by", "2026-11-20", today="2026-11-10")
    nt("done-promise", "Bruno", today="2026-11-22")
    return nt


def figures(nt: Nurture) -> dict[str, Any]:
    payload: dict[str, Any] = nt("stats", "--json").json()
    return payload


def test_stats_json_has_stable_keys(network: Nurture) -> None:
    payload = figures(network)
    assert list(payload) == [
        "today",
        "people",
        "on_cadence",
        "drifting",
        "touches_per_week",
        "checkins_per_day",
        "celebrations",
        "give_ask",
        "cleared_streak",
    ]
    assert payload["today"] == "2026-11-26"
    assert payload["people"] == 4


def test_everyone_is_on_cadence_and_nobody_drifts(network: Nurture) -> None:
    payload = figures(network)
    assert payload["on_cadence"] == {
        "inner": {"on_cadence": 1, "total": 1, "share": 1.0},
        "close": {"on_cadence": 1, "total": 1, "share": 1.0},
        "active": {"on_cadence": 1, "total": 1, "share": 1.0},
        "network": {"on_cadence": 1, "total": 1, "share": 1.0},
        "acquaintance": {"on_cadence": 0, "total": 0, "share": None},
        "all": {"on_cadence": 4, "total": 4, "share": 1.0},
    }
    assert payload["drifting"] == []


def test_touches_check_ins_celebrations_and_give_ask(network: Nurture) -> None:
    payload = figures(network)
    weeks = payload["touches_per_week"]
    assert len(weeks) == 52
    assert weeks[-1] == {"starts_on": "2026-11-20", "ends_on": "2026-11-26", "count": 3}
    assert sum(week["count"] for week in weeks) == 12
    checkins = payload["checkins_per_day"]
    assert checkins["daily_budget"] == 1
    by_day = {day["day"]: day["done"] for day in checkins["days"]}
    assert len(by_day) == 30
    # Three people on 1 Nov (Dario's intro came from him); one on each of seven other days.
    assert by_day["2026-11-01"] == 3
    assert by_day["2026-11-10"] == 1  # Carla's congrats; Bruno wrote to us
    assert checkins["days_met"] == 8
    assert checkins["average"] == round(10 / 30, 2)
    # Carla's birthday was congratulated in its window; Dario's went by.
    assert payload["celebrations"] == {"caught": 1, "missed": 1, "open": 0, "caught_share": 0.5}
    assert payload["give_ask"] == {
        "gives": 3,
        "asks": 1,
        "give_share": 0.75,
        "gives_by_kind": {"congrats": 1, "share": 1, "intro": 0, "help": 1},
    }


def test_the_late_promise_is_the_only_break_in_the_streak(network: Nurture) -> None:
    assert figures(network)["cleared_streak"] == {
        "current": 5,  # 22 to 26 Nov
        "longest": 19,  # 1 to 19 Nov
        "cleared_days": 24,  # all but the 20th and 21st, when the deck was late
        "period_days": 26,  # since the first person was added
        "today_cleared": True,
    }


def test_a_late_check_in_shows_as_drifting(network: Nurture) -> None:
    payload = network("stats", "--json", today="2026-12-20").json()
    drifting = {drift["name"]: drift for drift in payload["drifting"]}
    # Ana last heard from us on 26 Nov: due 3 Dec, 17 days late on a weekly rhythm.
    assert drifting["Ana Lima"] == {
        "contact_id": drifting["Ana Lima"]["contact_id"],
        "name": "Ana Lima",
        "circle": "inner",
        "days_late": 17,
        "cadence_days": 7,
        "cadences_late": 2.43,
    }
    assert payload["drifting"][0]["name"] == "Ana Lima"
    assert payload["on_cadence"]["inner"]["on_cadence"] == 0
    assert payload["cleared_streak"]["current"] == 0


def test_stats_as_text(network: Nurture) -> None:
    out = network("stats").stdout
    assert "Network health · Thu 26 Nov · 4 people" in out
    assert "everyone 4/4 100%" in " ".join(out.split())
    assert "nobody: everyone is on cadence" in out
    assert "Celebrations, last year: caught 1, missed 1 (50% caught), 0 still open" in out
    assert "3 gives to 1 ask (75% giving)" in out
    assert "Cleared streak: 5 days (longest 19; 24 of the last 26 days cleared)" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_stats_on_a_missing_database_says_so(nt: Nurture) -> None:
    assert "no database" in nt.fails("stats").stderr


def test_the_default_drifting_list_is_cores() -> None:
    from core.stats import DRIFTING_SHOWN
    from tui.cli_stats import DRIFTING_LISTED

    assert DRIFTING_LISTED == DRIFTING_SHOWN
