"""vCard export: what an address book (or khard, through vobject) reads back is what we hold."""

from __future__ import annotations

from typing import Any

import pytest
import vobject

from core.milestones import parse_yearly_date
from core.models import Channel, Circle, DateKind, ImportantDate, YearlyRule
from data.demo import generate_network
from data.interchange import xprops
from data.interchange.vcard_write import (
    APPLE_ANNIVERSARY_LABEL,
    ARCHIVED,
    DATE_KIND,
    RELATIVE_DATE,
    write_vcards,
)
from data.store import Store
from tests.data.conftest import TODAY, at, person

HOSTILE_NOTE = "[bold]not markup[/bold]\x1b[31m red\nsecond line; with, commas \\ and a backslash"


def _add_rich_people(store: Store) -> tuple[int, int]:
    zoe, archived = store.add_contacts(
        [
            person(
                "Zoë Łukasiewicz-Núñez",
                Circle.CLOSE,
                given_name="Zoë",
                family_name="Łukasiewicz-Núñez",
                nickname="Zo, the great",
                emails=("zoe@example.org", "zoë@例え.jp"),
                phones=("+351 912 345 678", "020 7946 0958"),
                handles=(("linkedin", "zoe-ln"), ("signal", "+351912345678")),
                company="Acme; Holdings, Ltd",
                title="Chief Tinkerer",
                location="Lisbon, Portugal",
                timezone="Europe/Lisbon",
                cadence_override_days=21,
                tags=("climbing", "book club, Thursdays"),
                interests=("bouldering", "Rust; async"),
                offers=("intros to VCs",),
                needs=("a flat in Porto",),
                how_met="Web Summit, 2019",
                preferred_channel=Channel.TEXT,
                snoozed_until=TODAY.add(days=10),
            ),
            person("Old Friend", Circle.NETWORK, archived=True),
        ],
        today=TODAY,
        daily_budget=5,
    )
    store.add_note(zoe.id, "First note.", now=at(TODAY.subtract(days=30)))
    store.add_note(zoe.id, HOSTILE_NOTE, now=at(TODAY.subtract(days=1)))
    for kind, rule, year, label in (
        (DateKind.BIRTHDAY, YearlyRule(2, 29), None, ""),
        (DateKind.ANNIVERSARY, YearlyRule(6, 14), 2015, "wedding anniversary"),
        (DateKind.WORK_ANNIVERSARY, YearlyRule(9, 1), 2020, ""),
        (DateKind.CUSTOM, YearlyRule(6, weekday=6, nth=3), None, "Father's Day"),
    ):
        store.add_important_date(
            ImportantDate(id=0, contact_id=zoe.id, kind=kind, rule=rule, year=year, label=label)
        )
    return zoe.id, archived.id


def _cards(text: str) -> list[Any]:
    return list(vobject.readComponents(text))


def _values(card: Any, name: str) -> list[Any]:
    return [line.value for line in card.contents.get(name.lower(), [])]


@pytest.fixture
def rich(store: Store) -> Store:
    _add_rich_people(store)
    return store


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_every_field_reads_back_exactly(rich: Store, version: str) -> None:
    _, zoe = _cards(write_vcards(rich, version=version))
    assert zoe.version.value == version
    assert zoe.fn.value == "Zoë Łukasiewicz-Núñez"
    assert (zoe.n.value.family, zoe.n.value.given) == ("Łukasiewicz-Núñez", "Zoë")
    assert zoe.nickname.value == "Zo, the great"
    assert _values(zoe, "EMAIL") == ["zoe@example.org", "zoë@例え.jp"]
    assert _values(zoe, "TEL") == ["+351 912 345 678", "020 7946 0958"]
    assert zoe.org.value == ["Acme; Holdings, Ltd"]
    assert zoe.title.value == "Chief Tinkerer"
    assert zoe.adr.value.city == "Lisbon, Portugal"
    assert zoe.adr.params["TYPE"] == ["home"]
    assert zoe.tz.value == "Europe/Lisbon"
    assert zoe.categories.value == ["climbing", "book club, Thursdays"]
    assert zoe.note.value == "First note.\n\n" + HOSTILE_NOTE
    assert zoe.uid.value.startswith("nurture-")


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_our_own_properties_survive(rich: Store, version: str) -> None:
    old, zoe = _cards(write_vcards(rich, version=version))  # by name
    assert _values(zoe, xprops.CIRCLE) == ["close"]
    assert _values(zoe, xprops.CADENCE) == ["21d"]
    assert _values(zoe, xprops.SNOOZE_UNTIL) == [TODAY.add(days=10).isoformat()]
    assert _values(zoe, xprops.INTEREST) == ["bouldering", "Rust; async"]
    assert _values(zoe, xprops.OFFER) == ["intros to VCs"]
    assert _values(zoe, xprops.NEED) == ["a flat in Porto"]
    assert _values(zoe, xprops.HOW_MET) == ["Web Summit, 2019"]
    assert _values(zoe, xprops.CHANNEL) == ["text"]
    assert _values(zoe, ARCHIVED) == []
    # A contact on the circle's default cadence carries none of its own.
    assert _values(old, xprops.CADENCE) == []
    assert _values(old, ARCHIVED) == ["true"]


def test_handles_become_profile_urls_and_messaging_addresses(rich: Store) -> None:
    zoe = _cards(write_vcards(rich))[1]
    assert [(line.value, line.params.get("TYPE")) for line in zoe.contents["url"]] == [
        ("https://www.linkedin.com/in/zoe-ln", ["linkedin"])
    ]
    (impp,) = zoe.contents["impp"]
    assert impp.value == "signal:+351912345678"
    assert impp.params["X-SERVICE-TYPE"] == ["signal"]


def test_version_4_dates(rich: Store) -> None:
    zoe = _cards(write_vcards(rich, version="4.0"))[1]
    assert zoe.bday.value == "--0229"
    assert zoe.anniversary.value == "20150614"
    labelled = _labelled(zoe)
    assert labelled["Work anniversary"].value == "2020-09-01"
    assert labelled["Work anniversary"].params[DATE_KIND] == ["work-anniversary"]
    relative = labelled["Father's Day"]
    assert relative.name == RELATIVE_DATE
    assert parse_yearly_date(relative.value) == (YearlyRule(6, weekday=6, nth=3), None)


def test_version_3_dates_use_apples_year_less_form(rich: Store) -> None:
    text = write_vcards(rich, version="3.0")
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n" in text
    assert "ANNIVERSARY:" not in text  # not a vCard 3.0 property
    zoe = _cards(text)[1]
    anniversary = _labelled(zoe)["wedding anniversary"]
    assert (anniversary.value, anniversary.params[DATE_KIND]) == ("2015-06-14", ["anniversary"])


def _labelled(card: Any) -> dict[str, Any]:
    """Apple-style grouped dates by their label."""
    labels = {line.group: line.value for line in card.contents.get("x-ablabel", [])}
    return {
        labels[line.group]: line
        for line in card.getChildren()
        if line.group in labels and line.name != "X-ABLABEL"
    }


def test_a_year_less_anniversary_in_4_0_has_no_year(store: Store) -> None:
    (contact,) = store.add_contacts([person("Ana Lima")], today=TODAY, daily_budget=5)
    store.add_important_date(
        ImportantDate(id=0, contact_id=contact.id, kind=DateKind.ANNIVERSARY, rule=YearlyRule(3, 7))
    )
    assert _cards(write_vcards(store))[0].anniversary.value == "--0307"
    anniversary = _labelled(_cards(write_vcards(store, version="3.0"))[0])[APPLE_ANNIVERSARY_LABEL]
    assert (anniversary.value, anniversary.params["X-APPLE-OMIT-YEAR"]) == ("1604-03-07", ["1604"])


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_lines_end_crlf_and_fold_at_75_octets(rich: Store, version: str) -> None:
    text = write_vcards(rich, version=version)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert max(len(line.encode()) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # the long note was folded


NASTY = (
    "a\\nb \\, \\; \\\\ ; , : \" ' \t \u2028 \x85 \x0b \x00 \x1b[2J 日本語 🧗‍♀️ e\u0301 " + "é" * 80
)


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_hostile_text_in_every_text_field_reads_back(store: Store, version: str) -> None:
    (contact,) = store.add_contacts(
        [
            person(
                NASTY,
                given_name=NASTY,
                family_name=NASTY,
                nickname=NASTY,
                emails=(NASTY,),
                phones=(NASTY,),
                company=NASTY,
                title=NASTY,
                location=NASTY,
                tags=(NASTY, NASTY[:5]),
                interests=(NASTY,),
                offers=(NASTY,),
                needs=(NASTY,),
                how_met=NASTY,
            )
        ],
        today=TODAY,
        daily_budget=5,
    )
    store.add_note(contact.id, NASTY, now=at(TODAY))
    store.add_important_date(
        ImportantDate(
            id=0, contact_id=contact.id, kind=DateKind.CUSTOM, rule=YearlyRule(1, 2), label=NASTY
        )
    )
    text = write_vcards(store, version=version)
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75
    (card,) = _cards(text)
    assert card.fn.value == NASTY
    assert (card.n.value.family, card.n.value.given) == (NASTY, NASTY)
    assert card.org.value == [NASTY]
    assert card.adr.value.city == NASTY
    assert card.categories.value == [NASTY, NASTY[:5]]
    for name in ("NICKNAME", "EMAIL", "TEL", "TITLE", "NOTE", "X-ABLABEL", *XPROPS_TEXT):
        assert _values(card, name) == [NASTY], name


XPROPS_TEXT = (xprops.INTEREST, xprops.OFFER, xprops.NEED, xprops.HOW_MET)


def test_a_whole_demo_network_reads_back(store: Store) -> None:
    network = generate_network(TODAY)
    store.load_network(network)
    cards = _cards(write_vcards(store))
    assert len(cards) == len(network.contacts)
    assert len({card.uid.value for card in cards}) == len(cards)
    assert sorted(card.fn.value for card in cards) == sorted(
        contact.display_name for contact in network.contacts
    )
    archived = sum(1 for card in cards if "x-nurture-archived" in card.contents)
    assert archived == sum(contact.archived for contact in network.contacts)


def test_an_empty_network_is_an_empty_file(store: Store) -> None:
    assert write_vcards(store) == ""


def test_an_unknown_version_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="vCard version '2.1'"):
        write_vcards(store, version="2.1")
