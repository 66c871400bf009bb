"""`edit`, `share add/import/list/sent` and `intro suggest/propose/list/advance`, and what
`due --json` says about them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.clirun import Nurture

CRUX = "https://example.org/crux"


def network(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--interest", "climbing", "--interest", "AI", "--circle", "inner")
    nt("add", "Bruno Costa", "--offer", "design")
    nt("edit", "Ana", "--need", "looking for a designer")


def test_add_and_edit_take_interests_offers_and_needs(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--interest", "climbing", "--offer", "design", "--need", "a mentor")
    out = nt("edit", "Ana", "--interest", "ai", "--drop-offer", "DESIGN", "--need", "a job")
    assert "interests: climbing, ai" in out.stdout
    shown = nt("show", "Ana", "--json").json()
    assert (shown["interests"], shown["offers"], shown["needs"]) == (
        ["climbing", "ai"],
        [],
        ["a mentor", "a job"],
    )
    assert "no offer 'x' to remove" in nt.fails("edit", "Ana", "--drop-offer", "x").stderr
    assert "nothing to change" in nt.fails("edit", "Ana").stderr
    nt.fails("edit", "Nobody", "--interest", "ai")


def test_share_add_lists_and_refuses_duplicates_and_non_urls(nt: Nurture) -> None:
    network(nt)
    out = nt("share", "add", CRUX, "--title", "The Crux", "--topic", "climbing, ai").stdout
    assert "Added “The Crux” (#1) · topics: climbing, ai" in out
    assert "fits Ana Lima" in out
    assert "already in the library (#1 The Crux)" in nt.fails("share", "add", CRUX).stderr
    assert "not a web address" in nt.fails("share", "add", "crux").stderr
    (item,) = nt("share", "list", "--json").json()["shareables"]
    assert (item["title"], item["url"], item["topics"], item["sent_to"]) == (
        "The Crux",
        CRUX,
        ["climbing", "ai"],
        [],
    )
    assert "The Crux" in nt("share", "list").stdout
    (match,) = nt("share", "list", "--for", "Ana", "--json").json()["matches"]
    assert match["explanation"] == "matches: climbing, ai"


def test_share_add_without_a_title_makes_one_from_the_url(nt: Nurture) -> None:
    nt("share", "add", "https://www.example.org/posts/the-crux-of-it.html")
    (item,) = nt("share", "list", "--json").json()["shareables"]
    assert item["title"] == "the crux of it (example.org)"


def test_share_import_reads_a_markdown_or_plain_list(nt: Nurture, tmp_path: Path) -> None:
    links = tmp_path / "links.md"
    links.write_text(
        "# Reading\n\n## Climbing\n"
        f"- [The Crux]({CRUX}) #ai — why grip matters\n"
        "* https://example.org/beta Beta spraying\n"
        "not a link\n"
        "https://example.org/plain\n",
        encoding="utf-8",
    )
    out = nt("share", "import", str(links), "--topic", "reading").stdout
    assert out.startswith("Imported 3 links")
    items = {i["url"]: i for i in nt("share", "list", "--json").json()["shareables"]}
    crux = items[CRUX]
    assert (crux["title"], crux["note"], crux["topics"]) == (
        "The Crux",
        "why grip matters",
        ["ai", "Climbing", "reading"],
    )
    assert items["https://example.org/beta"]["title"] == "Beta spraying"
    again = nt("share", "import", str(links), "--json").json()
    assert again["added"] == [] and len(again["already_in_library"]) == 3


def test_share_import_refuses_bad_files_in_one_line(nt: Nurture, tmp_path: Path) -> None:
    assert "no such file" in nt.fails("share", "import", str(tmp_path / "nope.md")).stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    assert "no links found" in nt.fails("share", "import", str(empty)).stderr
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    assert "not a text file" in nt.fails("share", "import", str(binary)).stderr
    assert "directory" in nt.fails("share", "import", str(tmp_path)).stderr


def test_share_sent_logs_a_share_and_it_is_never_suggested_again(nt: Nurture) -> None:
    nt("add", "Ana Lima", "--interest", "climbing")
    nt("share", "add", CRUX, "--title", "The Crux", "--topic", "climbing")
    shares = [i for i in nt.due() if i["kind"] == "share"]
    assert [(i["name"], i["title"], i["url"]) for i in shares] == [("Ana Lima", "The Crux", CRUX)]
    assert shares[0]["reason"] == "matches: climbing"
    out = nt("share", "sent", CRUX, "Ana").stdout
    assert "will not be suggested to them again" in out
    assert not [i for i in nt.due() if i["kind"] == "share"]
    (touch,) = nt("show", "Ana", "--json").json()["interactions"]
    assert (touch["kind"], touch["summary"]) == ("share", "shared: The Crux")
    assert "already got The Crux" in nt.fails("share", "sent", "#1", "Ana").stderr
    assert "not in the library" in nt.fails("share", "sent", "https://x.org/", "Ana").stderr
    nt("undo")
    assert [i["name"] for i in nt.due() if i["kind"] == "share"] == ["Ana Lima"]


def test_intro_suggest_propose_list_and_advance_through_every_status(nt: Nurture) -> None:
    network(nt)
    (suggestion,) = nt("intro", "suggest", "--json").json()["suggestions"]
    assert (suggestion["a"], suggestion["b"]) == ("Ana Lima", "Bruno Costa")
    intros = [i for i in nt.due() if i["kind"] == "intro"]
    assert [(i["name"], i["other_name"], i["title"]) for i in intros] == [
        ("Ana Lima", "Bruno Costa", "introduce Ana Lima to Bruno Costa")
    ]
    out = nt("intro", "propose", "Ana", "Bruno").stdout
    assert "Proposed introducing Ana Lima to Bruno Costa (#1)" in out
    assert nt("intro", "suggest", "--json").json()["suggestions"] == []
    assert "already have an introduction" in nt.fails("intro", "propose", "Bruno", "Ana").stderr
    assert "themselves" in nt.fails("intro", "propose", "Ana", "Ana").stderr
    (listed,) = nt("intro", "list", "--json").json()["introductions"]
    assert listed["status"] == "proposed" and "designer" in listed["reason"]

    statuses = []
    drafts = []
    for _ in range(3):
        advanced = nt("intro", "advance", "1", "--json").json()
        statuses.append(advanced["status"])
        drafts.append(advanced["draft"]["to"])
    assert statuses == ["asked_a", "asked_b", "made"]
    assert drafts == ["Ana Lima", "Bruno Costa", "Ana Lima"]
    kinds = [t["kind"] for t in nt("show", "Bruno", "--json").json()["interactions"]]
    assert kinds == ["intro"]
    assert "follow up" in nt("intro", "list").stdout

    # The follow-up enters the agenda on its date, two weeks on.
    later = "2026-12-10"
    follow = [i for i in nt.due(today=later) if i["kind"] == "intro" and i["intro_id"] == 1]
    assert [(i["name"], i["other_name"]) for i in follow] == [("Ana Lima", "Bruno Costa")]
    out = nt("intro", "advance", "#1", today=later).stdout
    assert "followed_up" in out and "How did it go with Bruno Costa?" in out
    assert "already followed up" in nt.fails("intro", "advance", "1", today=later).stderr
    assert nt("intro", "list", "--status", "followed_up", "--json").json()["introductions"]


def test_intro_errors_are_one_line(nt: Nurture) -> None:
    network(nt)
    assert "no introduction 9" in nt.fails("intro", "advance", "9").stderr
    assert "not an introduction id" in nt.fails("intro", "advance", "x").stderr
    nt.fails("intro", "list", "--status", "nope")
    nt.fails("intro", "propose", "Ana", "Nobody")
    assert "No introductions yet" in nt("intro", "list").stdout


def test_due_counts_suggestions_apart_from_what_is_due(nt: Nurture) -> None:
    network(nt)
    nt("edit", "Bruno", "--interest", "ai")
    nt("share", "add", CRUX, "--topic", "ai")
    payload = nt("due", "--json").json()
    assert payload["suggestions"] == 2
    assert payload["due"] == len(payload["items"]) - 2
    assert nt("due").stdout.splitlines()[0].endswith(f"{payload['due']} due")


def test_show_has_the_give_ask_balance_and_what_fits(nt: Nurture) -> None:
    nt("add", "Sam Reis", "--interest", "climbing")
    nt("share", "add", CRUX, "--title", "The Crux", "--topic", "climbing")
    for _ in range(3):
        nt("log", "Sam", "--kind", "ask")
    out = nt("show", "Sam").stdout
    assert "gave 0 · asked 3 in 12 months" in out
    assert "you asked Sam Reis for favours the last 3 times: offer something first" in out
    assert "share #1 The Crux (matches: climbing)" in out
    giving = nt("show", "Sam", "--json").json()["giving"]
    assert (giving["gives"], giving["asks"], giving["asks_in_a_row"]) == (0, 3, 3)
    assert [m["title"] for m in giving["shares_that_fit"]] == ["The Crux"]
    nt("share", "sent", CRUX, "Sam")
    after = nt("show", "Sam", "--json").json()["giving"]
    assert (after["gives"], after["nudge"], after["shares_that_fit"]) == (1, after["nudge"], [])
    assert "more than you gave" in after["nudge"]
