"""Adding, showing, listing and searching people from the command line."""

from __future__ import annotations

from tests.cli.clirun import Nurture


def test_add_then_show_json_round_trips_every_field(nt: Nurture) -> None:
    nt(
        "add", "Ana Lima",
        "--email", "ana@example.com", "--email", "ana@work.example",
        "--phone", "+351 900 000 000",
        "--circle", "inner", "--every", "10d",
        "--tag", "lisbon", "--tag", "runners",
        "--interest", "climbing", "--interest", "marathons",
        "--tz", "Europe/Lisbon", "--birthday", "--02-29",
        "--company", "Acme", "--title", "CTO", "--channel", "text",
    )  # fmt: skip

    shown = nt("show", "Ana", "--json").json()

    assert shown["display_name"] == "Ana Lima"
    assert shown["emails"] == ["ana@example.com", "ana@work.example"]
    assert shown["phones"] == ["+351 900 000 000"]
    assert shown["circle"] == "inner"
    assert shown["cadence_days"] == 10
    assert shown["tags"] == ["lisbon", "runners"]
    assert shown["interests"] == ["climbing", "marathons"]
    assert shown["timezone"] == "Europe/Lisbon"
    assert (shown["company"], shown["title"]) == ("Acme", "CTO")
    assert shown["preferred_channel"] == "text"
    (birthday,) = shown["dates"]
    assert birthday["kind"] == "birthday"
    assert birthday["year"] is None
    assert birthday["next_on"] == "2027-02-28"  # 2027 is a common year


def test_add_confirms_in_one_line(nt: Nurture) -> None:
    out = nt("add", "Ana Lima", "--circle", "inner").stdout
    assert out.startswith("Added Ana Lima (inner)")


def test_add_refuses_an_existing_name_unless_asked(nt: Nurture) -> None:
    nt("add", "Ana Lima")
    nt.fails("add", "ana lima")
    nt("add", "Ana Lima", "--allow-duplicate")
    assert len(nt("list", "--json").json()["contacts"]) == 2


def test_show_text_lists_what_to_know_before_writing(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner", "--tz", "Asia/Tokyo")
    nt("ask", "Ana", "how did the Porto race go?")
    nt("promise", "Ana", "send the deck", "--by", "2026-11-28")
    nt("note", "Ana", "training for Porto")

    out = nt("show", "Ana").stdout

    assert out.splitlines()[0].startswith("Ana Lima · inner · every 7 days")
    assert "how did the Porto race go?" in out
    assert "send the deck" in out
    assert "training for Porto" in out
    assert "Asia/Tokyo" in out


def test_list_filters_by_circle_and_tag(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--circle", "inner", "--tag", "runners")
    nt("add", "Bruno Costa", "--circle", "network")

    def names(*args: str) -> list[str]:
        return [c["display_name"] for c in nt("list", "--json", *args).json()["contacts"]]

    assert sorted(names()) == ["Ana Lima", "Bruno Costa"]
    assert names("--circle", "inner") == ["Ana Lima"]
    assert names("--circle", "net") == ["Bruno Costa"]  # a unique prefix is enough
    assert names("--tag", "runners") == ["Ana Lima"]
    assert "Bruno Costa" in nt("list").stdout


def test_search_finds_people_by_what_you_talked_about(nt: Nurture) -> None:
    nt("add", "Ana Lima")
    nt("add", "Bruno Costa")
    nt("log", "Ana", "--note", "marathon training in Porto")
    nt("note", "Bruno", "moving to Berlin")

    porto = nt("search", "porto", "--json").json()["results"]
    berlin = nt("search", "Berlin").stdout

    assert [hit["name"] for hit in porto] == ["Ana Lima"]
    assert "Bruno Costa" in berlin
    assert "Nothing matches" in nt("search", "kayak").stdout


def test_name_can_be_a_prefix_a_typo_or_an_id(nt: Nurture) -> None:
    nt("add", "Bruno Costa")
    nt("add", "Carla Reis")
    assert nt("show", "bru", "--json").json()["display_name"] == "Bruno Costa"
    assert nt("show", "Carla Ries", "--json").json()["display_name"] == "Carla Reis"
    assert nt("show", "#2", "--json").json()["display_name"] == "Carla Reis"


def test_ambiguous_name_lists_candidates_and_exits_2(nt: Nurture) -> None:
    nt("add", "Dario Sa")
    nt("add", "Dalia Rocha")
    nt("add", "Eva Nunes")

    outcome = nt.fails("log", "Da")

    assert "Dario Sa" in outcome.stderr
    assert "Dalia Rocha" in outcome.stderr
    assert "Eva Nunes" not in outcome.stderr
    assert nt("show", "Dario", "--json").json()["interactions"] == []


def test_user_data_with_markup_and_escapes_prints_inert(nt: Nurture) -> None:
    hostile = "[bold red]Eve[/]\x1b]0;pwned\x07\x1b[31m\u009b2J\u202eevil"
    nt("add", hostile, "--company", "\x1b[2JAcme", "--tag", "x\x1b[5m")
    nt("note", "#1", "line one\nline two\x1b[0m")

    outputs = [
        nt("list").stdout,
        nt("show", "#1").stdout,
        nt("due").stdout,
        nt("log", "#1").stdout,
        nt("search", "line").stdout,
    ]
    for out in outputs:
        assert "\x1b" not in out
        assert "\u009b" not in out
        assert "\u202e" not in out
        assert "\x07" not in out
    assert "[bold red]Eve[/]" in outputs[0]  # shown literally, never interpreted
    # JSON keeps the exact name (escaped by json), so scripts see the truth.
    assert nt("show", "#1", "--json").json()["display_name"] == hostile
