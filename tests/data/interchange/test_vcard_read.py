"""Reading .vcf files as address books really export them: one fixture per quirk."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from pendulum import Date
from vobject.base import ParseError, parseLine

from core.models import Channel, Circle, DateKind
from data.interchange import vcard_read
from data.interchange.records import ImportedDate, ImportedPerson, ParsedFile, UnreadableFile
from data.interchange.vcard_read import GROUP_CARD, NO_NAME, read_vcards

FIXTURES = Path(__file__).parents[2] / "fixtures" / "vcard"
ALL_FIXTURES = sorted(FIXTURES.glob("*.vcf"))


def read(name: str) -> ParsedFile:
    return read_vcards((FIXTURES / name).read_bytes())


def by_name(parsed: ParsedFile) -> dict[str, ImportedPerson]:
    return {person.display_name: person for person in parsed.people}


def birthday(month: int, day: int, year: int | None = None) -> ImportedDate:
    return ImportedDate(DateKind.BIRTHDAY, month, day, year)


def anniversary(month: int, day: int, year: int | None = None) -> ImportedDate:
    return ImportedDate(DateKind.ANNIVERSARY, month, day, year)


# --- exporters ---------------------------------------------------------------------------


def test_apple_icloud_export() -> None:
    parsed = read("apple_icloud_3_0.vcf")
    assert parsed.format == "vcard"
    assert parsed.rejected == ()
    juergen, zoe = parsed.people
    assert (juergen.line, zoe.line) == (1, 31)
    assert juergen.display_name == "Jürgen Müller"
    assert (juergen.given_name, juergen.family_name) == ("Jürgen", "Müller")
    # the pref one first; the domain lowercased
    assert juergen.emails == ("j.mueller@acme.example", "juergen@example.de")
    assert juergen.phones == ("+49 170 1234567", "+49 30 555 0100")
    assert (juergen.company, juergen.title) == ("Acme GmbH", "Head of Platform")
    assert juergen.location == "Berlin, Germany"
    assert juergen.tags == ("Climbing", "Work")
    assert juergen.handles == (
        ("web", "https://juergen.example"),
        ("skype", "juergen.m"),
        ("linkedin", "http://www.linkedin.com/in/jmueller"),
    )
    assert juergen.notes == (
        "Met at PyCon DE, 2023.\nLikes bouldering and very long notes that Apple folds at "
        "seventy-five octets.",
    )
    assert juergen.dates == (
        birthday(2, 29),  # 1604 is Apple's "no year"; Feb 29 stays Feb 29
        anniversary(6, 15, 2012),
        ImportedDate(DateKind.CUSTOM, 9, 1, 2019, "Started climbing"),
    )
    assert zoe.display_name == "Zoë Ångström"
    assert zoe.emails == ("zoe@example.se",)


def test_google_export_with_lf_line_ends() -> None:
    priya, tomas = read("google_3_0.vcf").people
    assert priya.display_name == "Priya Natarajan"
    assert priya.emails == ("priya@startup.example", "priya.n@gmail.example")
    assert (priya.company, priya.title) == ("Startup Inc.", "CTO")
    assert priya.location == "San Francisco, United States"
    assert priya.dates == (birthday(7, 4),)
    assert priya.handles == (("github", "https://github.com/priya"),)
    # Google's "myContacts" system group is on every contact: not worth a tag
    assert priya.tags == ("Founders",)
    assert (tomas.display_name, tomas.line, tomas.tags) == ("Tomás Ruiz", 18, ())


def test_android_quoted_printable_export() -> None:
    taro, chidi = read("android_2_1_qp.vcf").people
    assert taro.display_name == "山田 太郎"
    assert (taro.family_name, taro.given_name) == ("山田", "太郎")
    assert taro.nickname == "Taro-chan"
    assert taro.dates == (anniversary(4, 1, 2015),)
    assert taro.notes == ("Line one\nLine two",)
    assert taro.phones == ("090-1234-5678", "03-5555-0100")
    assert chidi.phones == ("+234 803 555 0100",)
    assert chidi.line == 12


def test_outlook_export() -> None:
    (sean,) = read("outlook_2_1.vcf").people
    assert sean.display_name == "Seán O'Brien"
    assert (sean.given_name, sean.family_name) == ("Seán", "O'Brien")
    assert sean.emails == ("sean@contoso.example", "sean.obrien@home.example")
    assert sean.location == "Dublin, Ireland"
    assert sean.dates == (birthday(3, 17, 1975), anniversary(6, 12, 2010))
    # windows-1252 =96 is an en dash; the soft break fell right before a comma
    assert sean.notes == ("Prefers calls before 10am – kids: Aoife, Cian.",)
    assert sean.handles == (("web", "http://www.contoso.example"),)


def test_nextcloud_export() -> None:
    (ana,) = read("nextcloud_3_0.vcf").people
    assert ana.phones == ("+55 11 5555-0100",)
    assert ana.location == "São Paulo, Brazil"
    assert ana.timezone == "America/Sao_Paulo"
    assert ana.tags == ("Friends", "Work")  # "friends" again is the same tag
    assert ana.handles == (("twitter", "https://twitter.com/anasouza"),)


def test_thunderbird_vcard_4() -> None:
    (lena,) = read("thunderbird_4_0.vcf").people
    assert lena.emails == ("lena@example.net", "lena.k@work.example")  # PREF=1 first
    assert lena.phones == ("+48 600 100 200", "+48-22-555-0100")  # tel: URI unwrapped
    assert lena.nickname == "Lenka"
    assert lena.dates == (birthday(5, 12, 1988), anniversary(8, 15, 2015))
    assert not lena.is_organization


# --- line endings ------------------------------------------------------------------------


def test_ios5_cr_cr_lf_counts_as_one_line_break() -> None:
    grace, omar = read("line_endings_cr_cr_lf.vcf").people
    assert (grace.display_name, grace.emails, grace.line) == (
        "Grace Lee",
        ("grace@example.com",),
        1,
    )
    assert (omar.display_name, omar.line) == ("Omar Haddad", 7)


def test_mixed_line_endings_in_one_file() -> None:
    one, two = read("line_endings_mixed.vcf").people
    assert (one.display_name, one.emails, one.line) == ("Mixed One", ("one@example.com",), 1)
    assert (two.display_name, two.phones, two.line) == ("Mixed Two", ("+1 555 0102",), 7)


def test_old_mac_cr_only_file() -> None:
    first, second = read("line_endings_cr_only.vcf").people
    assert (first.display_name, first.notes) == ("Classic Mac", ("typed in 1999",))
    assert (second.display_name, second.line) == ("Second Mac", 6)


def test_bare_cr_inside_a_value() -> None:
    (rita,) = read("bare_cr_in_value.vcf").people
    assert rita.notes == ("first line\nsecond line",)
    assert rita.emails == ("rita@example.com",)


def test_no_newline_after_the_last_card() -> None:
    first, last = read("no_final_newline.vcf").people
    assert (last.display_name, last.emails, last.line) == (
        "Last Person",
        ("last@example.com",),
        5,
    )


# --- encodings ---------------------------------------------------------------------------


def test_quoted_printable_soft_breaks_on_unindented_lines() -> None:
    (bjork,) = read("qp_soft_breaks.vcf").people
    # soft breaks split "ö" (=C3= / =B6), and "=4=" / "B" is the escape =4B ("K")
    assert (bjork.given_name, bjork.family_name) == ("Björk", "Guðmundsdóttir")
    assert bjork.display_name == "Björk Guðmundsdóttir"
    assert bjork.notes == ("Café au lait, OK? Yes.\nSecond line with a space",)
    assert bjork.location == "Reykjavík, Iceland"
    # Android's dangling "=" before the next property does not swallow it
    assert bjork.title == "Singer"
    assert bjork.phones == ("+354 555 0100",)


def test_raw_shift_jis() -> None:
    hanako, ken = read("shift_jis_raw.vcf").people
    assert (hanako.display_name, hanako.family_name) == ("山田 花子", "山田")
    assert hanako.notes == ("東京都渋谷区に住んでいます。猫が好きです。",)
    assert ken.display_name == "佐藤 健"


def test_raw_windows_1252() -> None:
    (renee,) = read("windows_1252_raw.vcf").people
    assert renee.display_name == "Renée François"
    assert renee.notes == ("Loves crème brûlée – and “quotes”.",)


def test_eight_bit_text_without_charset() -> None:
    (soren,) = read("eight_bit_no_charset.vcf").people
    assert soren.display_name == "Søren Jørgensen"
    assert soren.location == "København, Danmark"


def test_utf16be_without_bom() -> None:
    (lan,) = read("utf16be_no_bom.vcf").people
    assert (lan.display_name, lan.given_name) == ("Nguyễn Thị Lan", "Thị Lan")
    assert lan.emails == ("lan@example.vn",)


def test_quoted_printable_in_an_unknown_charset_falls_back_to_utf8() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=X-NOT-A-CHARSET;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9\r\nEND:VCARD\r\n"
    )
    assert read_vcards(data).people[0].display_name == "José"


def test_base64_text_value() -> None:
    note = base64.b64encode("Grüße aus Köln".encode()).decode()
    data = f"BEGIN:VCARD\nVERSION:2.1\nFN:Anna\nNOTE;ENCODING=BASE64:{note}\nEND:VCARD\n"
    assert read_vcards(data.encode()).people[0].notes == ("Grüße aus Köln",)


# --- syntax ------------------------------------------------------------------------------


def test_lowercase_names_and_version_last() -> None:
    (irina,) = read("lowercase_version_last.vcf").people
    assert irina.display_name == "Irina Petrova"
    assert irina.emails == ("Irina@example.ru",)
    assert irina.phones == ("+7 900 555 0100",)


def test_escaped_colons_commas_and_semicolons() -> None:
    (john,) = read("escaped_values.vcf").people
    assert john.display_name == "Doe, John"
    assert john.company == "Smith, Jones & Co."
    assert john.title == "VP, Sales"  # an unescaped comma in a text value is text
    assert john.nickname == "Johnny, Jr."  # the first of the list; its comma was escaped
    assert john.handles == (("web", "http://example.com/path?a=1"),)
    assert john.notes == ("one, two; three\\four\nfive",)
    assert john.tags == ("clients", "golf", "weekends")


def test_apple_labels_name_handles_and_dates() -> None:
    (minjun,) = read("apple_labels.vcf").people
    assert minjun.handles == (
        ("web", "https://minjun.example"),
        ("blog", "https://minjun.example/blog"),
        ("linkedin", "https://www.linkedin.com/in/minjun"),
    )
    assert minjun.dates == (
        anniversary(11, 3),
        ImportedDate(DateKind.CUSTOM, 1, 20, 2020, "Other"),
        ImportedDate(DateKind.CUSTOM, 5, 9, 2021, "Adopted Biscuit"),
    )


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "dates", "notes"),
    [
        ("Dash MMDD", (birthday(4, 12),), ()),
        ("Dash MM-DD", (birthday(4, 12),), ()),
        ("Iso Date", (birthday(4, 12, 1985),), ()),
        ("Basic Date", (birthday(4, 12, 1985),), ()),
        ("With Time", (birthday(4, 12, 1985),), ()),
        ("Free Text", (), ("birthday: sometime in spring",)),
        ("Apple No Year", (birthday(4, 12),), ()),
        ("Leap Day", (birthday(2, 29, 1992),), ()),
        ("Leap Day No Year", (birthday(2, 29),), ()),
        ("Empty Bday", (), ()),
        ("Not A Date", (), ("birthday: 1985-13-45",)),
    ],
)
def test_birthday_forms(name: str, dates: tuple[ImportedDate, ...], notes: tuple[str, ...]) -> None:
    parsed = read("bday_formats.vcf")
    assert parsed.rejected == ()  # a bad birthday costs the field, never the person
    person = by_name(parsed)[name]
    assert (person.dates, person.notes) == (dates, notes)


def test_anniversary_properties() -> None:
    people = read("anniversaries.vcf").people
    assert [person.dates for person in people] == [
        (anniversary(6, 12, 2010),),
        (anniversary(7, 13, 2011),),
        (anniversary(8, 14, 2012),),
        (anniversary(9, 15, 2013),),
        (anniversary(10, 16, 2014),),
    ]


# --- what kind of card -------------------------------------------------------------------


def test_group_cards_are_rejected_with_their_line() -> None:
    parsed = read("group_cards.vcf")
    assert [(r.line, r.reason) for r in parsed.rejected] == [(1, GROUP_CARD), (9, GROUP_CARD)]
    assert [person.display_name for person in parsed.people] == ["Real Person"]


def test_company_cards() -> None:
    coffee, initech = read("company_cards.vcf").people
    assert (coffee.display_name, coffee.is_organization) == ("Blue Bottle Coffee", True)
    assert (initech.display_name, initech.company, initech.is_organization) == (
        "Initech",
        "Initech",
        True,
    )
    assert initech.emails == ("info@initech.example",)


def test_name_falls_back_to_org_nickname_then_email() -> None:
    parsed = read("name_fallbacks.vcf")
    assert [person.display_name for person in parsed.people] == [
        "Only An Org",
        "Skip",
        "nobody.named@example.com",
        "Maria Castillo",  # built from N when there is no FN
    ]
    assert [(r.line, r.reason) for r in parsed.rejected] == [(14, NO_NAME)]


def test_photo_logo_sound_and_key_are_skipped() -> None:
    pic, nokia = read("binary_properties.vcf").people
    assert (pic.display_name, pic.emails) == ("Pic Ture", ("pic@example.com",))
    # the 2.1 photo's base64 ran on unindented lines up to a blank line
    assert (nokia.display_name, nokia.phones, nokia.line) == (
        "Old Nokia",
        ("+358 40 555 0100",),
        61,
    )


def test_a_huge_photo_costs_nothing() -> None:
    photo = base64.b64encode(bytes(range(256)) * 20_000).decode()  # 5 MB of JPEG
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    data = f"BEGIN:VCARD\r\nFN:Big Pic\r\nPHOTO;ENCODING=b:{folded}\r\nEND:VCARD\r\n"
    (person,) = read_vcards(data.encode()).people
    assert person.display_name == "Big Pic"


# --- fields ------------------------------------------------------------------------------


def test_fields_handles_time_zone_and_duplicates() -> None:
    (sam,) = read("fields_and_handles.vcf").people
    assert sam.emails == ("sam.rivera@work.example", "sam@example.com")
    assert sam.phones == ("+1 (555) 010-0200", "+1 555 010 0300")
    assert sam.timezone == "Europe/Lisbon"  # the offset before it says too little
    assert sam.location == "Portugal"
    assert sam.handles == (
        ("github", "https://github.com/samr"),
        ("web", "https://sam.example"),
        ("xmpp", "sam@jabber.example"),
        ("mastodon", "https://mastodon.social/@samr"),
        ("twitter", "@samr"),
        ("skype", "sam.rivera"),
    )
    assert sam.notes == ("first note", "second note with [bold]markup[/bold] kept")


def test_control_characters_are_dropped_and_markup_kept() -> None:
    data = (
        b"BEGIN:VCARD\r\nFN:Bell\x07 \x1b[31mRed\x1b[0m [b]Bold[/b]\r\n"
        b"NOTE:tab\there\\nnext\x0b line\r\nEND:VCARD\r\n"
    )
    (person,) = read_vcards(data).people
    assert person.display_name == "Bell [31mRed[0m [b]Bold[/b]"
    assert person.notes == ("tab\there\nnext line",)


def test_our_own_and_frm_properties() -> None:
    people = by_name(read("our_x_properties.vcf"))
    ours = people["Nurtured Person"]
    assert (ours.circle, ours.cadence_days, ours.snoozed_until) == (
        Circle.CLOSE,
        21,
        Date(2026, 12, 24),
    )
    assert (ours.interests, ours.offers, ours.needs) == (
        ("sailing", "jazz"),
        ("intros to investors",),
        ("a co-founder",),
    )
    assert (ours.how_met, ours.preferred_channel) == ("Berlin meetup, 2019", Channel.CALL)
    # what our own writer adds: archived, the kind of an X-ABDATE, a handle's channel as TYPE
    assert ours.archived
    assert ours.dates == (ImportedDate(DateKind.WORK_ANNIVERSARY, 9, 1, 2015, "Joined Acme"),)
    assert ours.handles == (("mastodon", "https://fosstodon.org/@nurtured"),)
    frm = people["Frm Person"]
    assert (frm.cadence_days, frm.snoozed_until, frm.archived) == (14, Date(2027, 1, 31), True)
    assert frm.tags == ("climbing",)  # X-FRM-GROUP "Climbing" is the same tag
    assert people["Frm Monthly"].cadence_days == 30
    bad = people["Bad Values"]
    assert (bad.circle, bad.cadence_days, bad.snoozed_until, bad.preferred_channel) == (
        None,
        None,
        None,
        None,
    )
    assert not bad.archived
    assert bad.dates == (ImportedDate(DateKind.CUSTOM, 9, 1, 2015),)  # unknown kind: custom


# --- broken files ------------------------------------------------------------------------


def test_broken_cards_cost_only_themselves() -> None:
    parsed = read("broken_cards.vcf")
    assert [(person.line, person.display_name) for person in parsed.people] == [
        (2, "Param Without Name"),  # vobject refuses `FN;=oops:`; our own parser reads it
        (11, "Never Closed"),
        (15, "Has An Agent"),  # the vCard embedded in AGENT is not a second person
        (26, "Raw Newline"),
        (33, "Truncated At The End"),
    ]
    assert [(r.line, r.reason) for r in parsed.rejected] == [(7, NO_NAME)]
    people = by_name(parsed)
    assert people["Param Without Name"].emails == ("param@example.com",)
    assert people["Has An Agent"].emails == ("boss@example.com",)
    assert people["Raw Newline"].notes == ("first line\nsecond line typed without escaping",)


def test_vobject_really_refuses_the_broken_parameter() -> None:
    with pytest.raises(ParseError):
        parseLine("FN;=oops:")


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda path: path.name)
def test_our_line_parser_reads_every_fixture_as_vobject_does(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    through_vobject = read_vcards(path.read_bytes())

    def refuse(line: str) -> None:
        raise ParseError("refused for the test")

    monkeypatch.setattr(vcard_read, "parseLine", refuse)
    assert read_vcards(path.read_bytes()) == through_vobject


def test_cards_joined_with_their_byte_order_marks() -> None:
    card = "\ufeffBEGIN:VCARD\r\nFN:{}\r\nEND:VCARD\r\n"
    data = (card.format("One") + card.format("Two")).encode()
    assert [(p.line, p.display_name) for p in read_vcards(data).people] == [(1, "One"), (4, "Two")]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"just some notes\nno cards here\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        bytes(range(256)) * 4,
    ],
    ids=["empty", "text", "calendar", "png", "binary"],
)
def test_not_a_vcard_file(data: bytes) -> None:
    with pytest.raises(UnreadableFile) as raised:
        read_vcards(data)
    assert "vCard" in str(raised.value)
