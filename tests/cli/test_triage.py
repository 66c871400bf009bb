"""The agenda and the triage actions: log, snooze, skip, undo, replies owed."""

from __future__ import annotations

from tests.cli.clirun import Nurture


def test_log_resets_the_check_in(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    assert nt.kinds_for("Ana Lima") == ["check-in"]

    out = nt("log", "Ana", "--channel", "call", "--note", "marathon training").stdout

    assert out.splitlines() == [
        "Logged a call with Ana Lima; next check-in Thu 3 Dec",
        "undo with: nurture-tui undo",
    ]
    assert nt.kinds_for("Ana Lima") == []
    assert nt.kinds_for("Ana Lima", today="2026-12-02") == []
    assert nt.kinds_for("Ana Lima", today="2026-12-03") == ["check-in"]


def test_every_kind_of_touch_resets_the_clock(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    nt("log", "Ana", "--kind", "share", "--channel", "social", "--on", "2026-11-20")
    assert nt.kinds_for("Ana Lima") == []  # due on the 27th, a week after the share
    assert nt.kinds_for("Ana Lima", today="2026-11-27") == ["check-in"]


def test_inbound_message_becomes_a_reply_owed_until_answered(nt: Nurture) -> None:
    nt("add", "Bruno Costa", "--circle", "close")
    nt("log", "Bruno", "--channel", "call", "--on", "2026-11-20")

    out = nt("log", "Bruno", "--direction", "inbound", "--channel", "email").stdout

    assert out.startswith("Logged an email from Bruno Costa; reply owed")
    (item,) = nt.due_for("Bruno Costa")
    assert item["kind"] == "reply-owed"
    assert item["action"]
    nt("log", "Bruno", "--channel", "email")
    assert nt.kinds_for("Bruno Costa") == []


def test_snooze_for_a_week_hides_then_the_check_in_returns(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    assert nt.kinds_for("Ana Lima") == ["check-in"]

    out = nt("snooze", "Ana", "--for", "1w").stdout

    assert "until Thu 3 Dec" in out
    assert nt.kinds_for("Ana Lima") == []
    assert nt.kinds_for("Ana Lima", today="2026-12-02") == []
    assert nt.kinds_for("Ana Lima", today="2026-12-03") == ["check-in"]


def test_snooze_until_a_day(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    nt("snooze", "Ana", "--until", "2026-12-10")
    assert nt.kinds_for("Ana Lima", today="2026-12-09") == []
    assert nt.kinds_for("Ana Lima", today="2026-12-10") == ["check-in"]


def test_snooze_needs_exactly_one_of_until_and_for(nt: Nurture) -> None:
    nt("add", "Ana Lima")
    nt.fails("snooze", "Ana")
    nt.fails("snooze", "Ana", "--for", "1w", "--until", "2026-12-10")
    nt.fails("snooze", "Ana", "--until", "2026-11-20")  # not after today


def test_skip_moves_the_next_check_in_one_cadence_on(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")

    out = nt("skip", "Ana").stdout

    assert "next check-in Thu 3 Dec" in out
    assert nt.kinds_for("Ana Lima") == []
    assert nt.kinds_for("Ana Lima", today="2026-12-03") == ["check-in"]


def test_undo_restores_what_the_last_action_changed(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    nt("log", "Ana", "--channel", "call")
    assert nt.kinds_for("Ana Lima") == []

    out = nt("undo").stdout

    assert out.strip()
    assert nt.kinds_for("Ana Lima") == ["check-in"]
    assert nt("show", "Ana", "--json").json()["interactions"] == []
    assert nt("undo").stdout.strip() == "Nothing to undo."


def test_undo_reverts_a_snooze_and_a_skip_in_turn(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    nt("skip", "Ana")
    nt("snooze", "Ana", "--for", "30d")
    nt("undo")
    assert nt("show", "Ana", "--json").json()["snoozed_until"] is None
    nt("undo")
    assert nt.kinds_for("Ana Lima") == ["check-in"]


def test_due_text_has_a_header_and_fits_80_columns(nt: Nurture) -> None:
    nt("add", "Maximiliana Wilhelmina von Habsburg-Lothringen", "--circle", "inner")
    nt("add", "Ana Lima", "--circle", "close", "--birthday", "--11-28")
    nt(
        "promise", "Ana",
        "send the very long deck about the quarterly roadmap and the hiring plan",
        "--by", "2026-11-20",
    )  # fmt: skip

    lines = nt("due").stdout.splitlines()

    assert lines[0] == "Thu 26 Nov · 4 due · 1 to celebrate"
    assert all(len(line) <= 80 for line in lines), lines
    assert "Ana Lima" in lines[1]  # the overdue promise comes first


def test_nothing_due_is_said_kindly(nt: Nurture) -> None:
    out = nt("due").stdout
    assert out.splitlines()[0] == "Thu 26 Nov · 0 due"
    assert "Nothing due today" in out


def test_bare_command_shows_the_agenda(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    assert nt().stdout == nt("due").stdout


def test_due_limit_counts_what_it_leaves_out(nt: Nurture) -> None:
    for name in ("Ana Lima", "Bruno Costa", "Carla Reis", "Dario Sa"):
        nt("add", name, "--circle", "inner")
    nt("config", "daily-budget", "10")  # all four first check-ins land today

    limited = nt("due", "--json", "--limit", "2").json()
    everything = nt("due", "--json", "--all").json()

    assert len(limited["items"]) == 2
    assert limited["due"] == 4
    assert limited["checkins_not_listed"] == 2
    assert len(everything["items"]) == 4
    assert "2 more check-ins" in nt("due", "--limit", "2").stdout


def test_due_json_items_carry_stable_keys(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    payload = nt("due", "--json").json()

    assert payload["today"] == "2026-11-26"
    (item,) = payload["items"]
    assert set(item) >= {"name", "kind", "label", "reason", "action", "days_late", "on"}
    assert item["name"] == "Ana Lima"
    assert item["kind"] == "check-in"


def test_daily_budget_spreads_a_bulk_of_new_people(nt: Nurture) -> None:
    nt("config", "daily-budget", "2")
    assert nt("config", "daily-budget").stdout.strip() == "2"
    for index in range(5):
        nt("add", f"Person {index}", "--circle", "inner")

    payload = nt("due", "--json").json()

    assert payload["due"] == 2
    assert nt("config", "show", "--json").json()["daily_budget"] == 2
    nt.fails("config", "daily-budget", "0")
