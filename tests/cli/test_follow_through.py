"""Questions, promises, yearly dates and life events from the command line."""

from __future__ import annotations

from tests.cli.clirun import Nurture


def test_ask_then_asked_ticks_the_question(nt: Nurture) -> None:
    nt("add", "Ana Lima")
    nt("ask", "Ana", "how did the Porto race go?")
    assert "how did the Porto race go?" in nt("show", "Ana").stdout

    out = nt("asked", "Ana").stdout

    assert "how did the Porto race go?" in out
    (question,) = nt("show", "Ana", "--json").json()["questions"]
    assert question["asked_on"] == "2026-11-26"
    assert "Ask next time" not in nt("show", "Ana").stdout


def test_asked_with_several_open_questions_asks_which(nt: Nurture) -> None:
    nt("add", "Ana Lima")
    nt("ask", "Ana", "how did the Porto race go?")
    nt("ask", "Ana", "did the new flat work out?")

    refused = nt.fails("asked", "Ana")

    assert "Porto race" in refused.stderr and "new flat" in refused.stderr
    nt("asked", "Ana", "flat")
    open_questions = [
        q["text"] for q in nt("show", "Ana", "--json").json()["questions"] if not q["asked_on"]
    ]
    assert open_questions == ["how did the Porto race go?"]
    nt("asked", "Ana", "--all")
    assert nt.fails("asked", "Ana").stderr.startswith("nurture-tui: error: Ana Lima has no open")


def test_overdue_promise_tops_the_agenda_until_kept(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    nt("add", "Bruno Costa", "--circle", "acquaintance")
    nt("promise", "Bruno", "send the deck", "--by", "2026-11-24")

    first = nt.due()[0]

    assert (first["name"], first["kind"]) == ("Bruno Costa", "commitment")
    assert first["days_late"] == 2
    assert "send the deck" in first["label"] + first["reason"]

    out = nt("done-promise", "Bruno").stdout

    assert "send the deck" in out
    assert "commitment" not in nt.kinds_for("Bruno Costa")


def test_done_promise_with_several_lists_them_and_exits_2(nt: Nurture) -> None:
    nt("add", "Bruno Costa")
    nt("promise", "Bruno", "send the deck", "--by", "2026-11-27")
    nt("promise", "Bruno", "introduce him to Carla", "--by", "friday")

    refused = nt.fails("done-promise", "Bruno")

    assert "send the deck" in refused.stderr
    assert "introduce him to Carla" in refused.stderr
    commitments = nt("show", "Bruno", "--json").json()["commitments"]
    assert all(c["done_on"] is None for c in commitments)
    deck = next(c for c in commitments if c["text"] == "send the deck")

    nt("done-promise", "Bruno", str(deck["id"]))

    done = {c["text"]: c["done_on"] for c in nt("show", "Bruno", "--json").json()["commitments"]}
    assert done["send the deck"] == "2026-11-26"
    assert done["introduce him to Carla"] is None
    nt("undo")
    assert all(c["done_on"] is None for c in nt("show", "Bruno", "--json").json()["commitments"])


def test_feb_29_birthday_is_celebrated_on_feb_28_in_a_common_year(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")  # inner: reminded 14 days ahead

    out = nt("date", "Ana", "birthday", "--02-29").stdout

    assert "next Sun 28 Feb 2027" in out
    nt("snooze", "Ana", "--until", "2027-06-01")  # keep check-ins out of the way
    assert nt.kinds_for("Ana Lima", today="2027-02-13") == []
    ahead = nt.due_for("Ana Lima", today="2027-02-14")
    assert [item["kind"] for item in ahead] == ["celebration"]
    assert ahead[0]["days_late"] == -14
    (on_the_day,) = nt.due_for("Ana Lima", today="2027-02-28")
    assert on_the_day["kind"] == "celebration"
    assert on_the_day["on"] == "2027-02-28"
    assert on_the_day["days_late"] == 0


def test_relative_yearly_dates_and_labels(nt: Nurture) -> None:
    nt("add", "Carla Reis", "--circle", "close")
    out = nt("date", "Carla", "custom", "3rd Sunday of June", "--label", "Father's Day").stdout
    assert "Sun 20 Jun 2027" in out
    (saved,) = nt("show", "Carla", "--json").json()["dates"]
    assert (saved["kind"], saved["label"]) == ("custom", "Father's Day")
    assert saved["next_on"] == "2027-06-20"


def test_work_anniversary_with_a_year(nt: Nurture) -> None:
    nt("add", "Carla Reis", "--circle", "close")
    nt("date", "Carla", "work", "2023-12-01")
    nt("snooze", "Carla", "--until", "2027-06-01")
    (item,) = nt.due_for("Carla Reis", today="2026-11-28")
    assert item["kind"] == "celebration"
    assert "3" in item["label"] + item["reason"]  # the 3rd work anniversary


def test_life_event_appears_to_congratulate(nt: Nurture) -> None:
    nt("add", "Dario Sa", "--circle", "network")
    nt("log", "Dario", "--on", "2026-11-20")

    out = nt(
        "event", "Dario", "joined Acme as CTO", "--on", "2026-11-24", "--kind", "new-job"
    ).stdout

    assert "joined Acme as CTO" in out
    (item,) = nt.due_for("Dario Sa")
    assert item["kind"] == "life-event"
    assert "joined Acme as CTO" in item["label"] + item["reason"]
    nt("log", "Dario", "--kind", "congrats")
    assert nt.kinds_for("Dario Sa") == []


def test_note_shows_on_the_contact_but_is_not_a_touch(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner")
    nt("note", "Ana", "training for the Porto marathon")
    notes = nt("show", "Ana", "--json").json()["notes"]
    assert [n["body"] for n in notes] == ["training for the Porto marathon"]
    assert nt.kinds_for("Ana Lima") == ["check-in"]
