"""CSV exports as Google, LinkedIn, Outlook and Thunderbird really write them, and any other CSV.

Each fixture in tests/fixtures/csv holds one quirk and is named for it; the odd encodings were
written from Python with explicit bytes.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from pendulum import Date

from core.models import DateKind
from data.interchange.csv_read import CSV_FLAVORS, NO_NAME, read_csv
from data.interchange.records import (
    ImportedDate,
    ImportedPerson,
    ParsedFile,
    Rejected,
    UnreadableFile,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "csv"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read(name: str, **options: object) -> ParsedFile:
    return read_csv(fixture(name), **options)  # type: ignore[arg-type]


def named(parsed: ParsedFile, display_name: str) -> ImportedPerson:
    matches = [person for person in parsed.people if person.display_name == display_name]
    assert len(matches) == 1, [person.display_name for person in parsed.people]
    return matches[0]


def birthday(month: int, day: int, year: int | None = None) -> ImportedDate:
    return ImportedDate(DateKind.BIRTHDAY, month, day, year)


def anniversary(month: int, day: int, year: int | None = None) -> ImportedDate:
    return ImportedDate(DateKind.ANNIVERSARY, month, day, year)


# --- Google --------------------------------------------------------------------------------------


def test_google_puts_the_starred_value_first_and_splits_the_rest_on_triple_colons() -> None:
    parsed = read("google_multi_values.csv")
    ana = named(parsed, "Ana Lima")

    assert parsed.format == "csv:google"
    assert ana.emails == ("ana.lima@mail.example", "ana@acme.example", "ana@old.example")
    assert ana.phones == ("+1 555 0142", "+1 555 0100", "+1 555 0199")


def test_google_labels_become_tags_without_the_system_groups() -> None:
    parsed = read("google_multi_values.csv")

    assert named(parsed, "Ana Lima").tags == ("Friends", "Climbing")
    assert named(parsed, "Bo Chen").tags == ()  # only * myContacts and * starred


def test_google_organisation_birthday_event_address_website_and_notes() -> None:
    ana = named(read("google_multi_values.csv"), "Ana Lima")

    assert (ana.given_name, ana.family_name) == ("Ana", "Lima")
    assert (ana.company, ana.title) == ("Acme", "CTO")
    assert ana.location == "Lisbon, Portugal"
    assert ana.dates == (birthday(4, 15, 1985), anniversary(6, 9, 2012))
    assert ana.handles == (("linkedin", "https://www.linkedin.com/in/ana-lima"),)
    assert ana.notes == ("Met at PyCon.\nLikes [bold]tea[/bold].",)  # markup stays as typed


def test_google_birthday_without_a_year_keeps_feb_29() -> None:
    bo = named(read("google_multi_values.csv"), "Bo Chen")

    assert bo.nickname == "Bobo"
    assert bo.dates == (birthday(2, 29),)


def test_a_row_after_multi_line_cells_is_reported_at_its_physical_line() -> None:
    parsed = read("google_multi_values.csv")

    # Ana's notes and formatted address span lines 2-5
    assert [person.line for person in parsed.people] == [2, 6]


def test_google_newer_export_with_labels_and_a_different_number_of_columns() -> None:
    parsed = read("google_new_labels.csv")
    dana = named(parsed, "Dana Q. Okafor")

    assert parsed.format == "csv:google"
    assert dana.emails == ("dana@okafor.example",)
    assert dana.phones == ("+234 800 000 0001", "+234 800 000 0003")
    assert (dana.company, dana.title) == ("Okafor Studio", "Architect")
    assert dana.tags == ("Book Club",)
    assert dana.dates == (birthday(12, 3, 1990),)


def test_a_google_contact_with_only_an_organisation_is_an_organisation() -> None:
    acme = named(read("google_new_labels.csv"), "Acme Corp")

    assert acme.is_organization
    assert acme.emails == ("info@acme.example",)


def test_columns_are_found_by_name_in_any_order() -> None:
    rows = list(csv.reader(io.StringIO(fixture("google_multi_values.csv").decode(), newline="")))
    order = list(range(len(rows[0])))
    random.Random(7).shuffle(order)
    shuffled = io.StringIO()
    csv.writer(shuffled).writerows([[row[i] for i in order] for row in rows])

    reordered = read_csv(shuffled.getvalue().encode())

    assert reordered.people == read("google_multi_values.csv").people


# --- Outlook -------------------------------------------------------------------------------------


def test_outlook_reads_us_dates_and_the_anniversary_column() -> None:
    parsed = read("outlook_us_dates.csv")
    ana = named(parsed, "Ana Lima")

    assert parsed.format == "csv:outlook"
    assert ana.dates == (birthday(4, 15, 1985), anniversary(6, 9, 2012))
    assert named(parsed, "Cleo Park").dates == (birthday(2, 29, 1988), anniversary(4, 5, 1990))


def test_outlook_zero_dates_mean_no_date() -> None:
    bo = named(read("outlook_us_dates.csv"), "Bo Chen")

    assert bo.dates == ()
    assert bo.notes == ()


def test_an_unreadable_birthday_goes_to_notes_and_the_person_stays() -> None:
    dee = named(read("outlook_us_dates.csv"), "Dee Ross")

    assert dee.dates == ()
    assert dee.notes == ("birthday: sometime in May",)
    assert dee.emails == ("dee@ross.example",)


def test_outlook_job_title_company_phones_place_and_categories() -> None:
    ana = named(read("outlook_us_dates.csv"), "Ana Lima")

    assert ana.title == "CTO"  # not the `Title` column, which holds "Ms."
    assert ana.company == "Acme"
    assert ana.phones == ("+1 (555) 010-0100", "+1 (555) 010-0199")  # mobile first
    assert ana.location == "Boston, MA"
    assert ana.tags == ("Friends", "Climbing")
    assert ana.notes == ("Prefers calls",)


def test_a_day_above_12_makes_the_whole_file_day_first() -> None:
    parsed = read("outlook_day_first.csv")

    assert named(parsed, "Ana Lima").dates == (birthday(4, 3, 1985),)  # 03/04: 3 April
    assert named(parsed, "Bo Chen").dates == (birthday(12, 25, 1979),)
    assert named(parsed, "Cleo Park").dates == (birthday(7, 8, 1990),)  # ISO still ISO


def test_a_hand_made_file_that_looks_like_outlook_keeps_its_plain_columns() -> None:
    data = (
        b"First Name,Last Name,Title,Email,Birthday,Job Title,Mobile Phone,Phone\n"
        b"Ana,Lima,Ms.,ana@acme.example,4/15/1985,CTO,555 0100,555 0199\n"
    )

    parsed = read_csv(data)
    ana = parsed.people[0]

    assert parsed.format == "csv:outlook"
    assert ana.emails == ("ana@acme.example",)
    assert ana.phones == ("555 0100", "555 0199")
    assert ana.title == "CTO"


def test_outlook_german_headers_in_cp1252_with_semicolons() -> None:
    parsed = read("outlook_german_cp1252_semicolon.csv")
    juergen = named(parsed, "Jürgen Müller")
    asa = named(parsed, "Åsa Öberg")

    assert parsed.format == "csv:outlook"
    assert juergen.emails == ("juergen@mueller.example",)
    assert (juergen.company, juergen.title) == ("Bäckerei Müller GmbH", "Geschäftsführer")
    assert juergen.phones == ("+49 171 2345678", "+49 89 123456")
    assert juergen.location == "München, Deutschland"
    assert juergen.tags == ("Kunden", "Bäcker")
    assert juergen.notes == ("Mag Weißbier",)
    assert juergen.dates == (birthday(4, 15, 1970),)  # Jahrestag 0.0.00: none
    assert asa.dates == (birthday(2, 29, 1984), anniversary(6, 1, 2010))


def test_outlook_french_headers_with_a_utf8_bom() -> None:
    parsed = read("outlook_french_utf8_bom.csv")
    eloise = named(parsed, "Éloïse Durand")

    assert parsed.format == "csv:outlook"
    assert (eloise.given_name, eloise.family_name) == ("Éloïse", "Durand")
    assert eloise.emails == ("eloise@durand.example",)
    assert (eloise.company, eloise.title) == ("Café de la Gare", "Directrice")
    assert eloise.dates == (birthday(7, 14, 1980),)  # Anniversaire is the birthday
    # 14/07/1980 shows the file is day first, so 03/04/1975 is 3 April
    assert named(parsed, "François Lefèvre").dates == (birthday(4, 3, 1975),)


# --- Thunderbird ---------------------------------------------------------------------------------


def test_thunderbird_utf16_with_bom_and_birth_year_month_day_columns() -> None:
    parsed = read("thunderbird_utf16_bom.csv")
    zoe = named(parsed, "Zoë Ångström")

    assert parsed.format == "csv:thunderbird"
    assert zoe.nickname == "Zo"
    assert zoe.emails == ("zoe@example.org", "z@work.example")
    assert zoe.phones == ("+46 70 123 45 67", "+46 8 123 00")
    assert (zoe.company, zoe.title, zoe.location) == (
        "Uppsala Universitet",
        "Researcher",
        "Uppsala, Sweden",
    )
    assert zoe.handles == (("github", "https://github.com/zoe"),)
    assert zoe.dates == (birthday(2, 29, 1988),)
    assert named(parsed, "Noor").dates == (birthday(7, 4),)


def test_thunderbird_in_shift_jis() -> None:
    parsed = read("thunderbird_shift_jis.csv")
    taro = named(parsed, "山田 太郎")

    assert (taro.given_name, taro.family_name) == ("太郎", "山田")
    assert taro.company == "株式会社山田商事"
    assert taro.notes == ("日本語のメモです。お茶が好き。",)
    assert named(parsed, "佐藤 花子").emails == ("hanako@sato.example",)


def test_semicolons_and_quoted_cells_holding_cr_tab_and_newline() -> None:
    parsed = read("thunderbird_semicolon_multiline.csv")

    assert parsed.format == "csv:thunderbird"
    assert named(parsed, "Ana Lima").notes == ("first line\nsecond\tcolumn\nthird; still notes",)
    # Ana's notes hold a lone CR and a CRLF, so her row covers lines 2-4
    assert [(person.line, person.display_name) for person in parsed.people] == [
        (2, "Ana Lima"),
        (5, "Bo Chen"),
        (7, "Cleo Park"),
    ]
    assert parsed.rejected == (Rejected(6, NO_NAME),)


# --- LinkedIn ------------------------------------------------------------------------------------


def test_linkedin_connections_after_the_notes_preamble() -> None:
    parsed = read("linkedin_connections_preamble.csv")
    ana = named(parsed, "Ana Lima")
    bo = named(parsed, "Bo Chen")

    assert parsed.format == "csv:linkedin"
    assert parsed.rejected == ()
    assert (ana.line, bo.line) == (5, 6)
    assert ana.emails == ("ana@acme.example",)
    assert ana.handles == (("linkedin", "https://www.linkedin.com/in/ana-lima"),)
    assert (ana.company, ana.title) == ("Acme", "CTO")
    assert ana.first_touch_on == Date(2026, 11, 26)
    assert bo.emails == ()
    assert (bo.company, bo.first_touch_on) == ("Chen, Wu & Partners", Date(2019, 1, 3))


def test_older_linkedin_exports_without_url_or_email() -> None:
    no_url = read("linkedin_old_no_url.csv")
    no_email = read("linkedin_old_no_email.csv")

    assert no_url.format == no_email.format == "csv:linkedin"
    assert named(no_url, "Ana Lima").emails == ("ana@acme.example",)
    assert named(no_url, "Ana Lima").first_touch_on == Date(2016, 11, 26)
    assert named(no_email, "Ana Lima").first_touch_on == Date(2026, 11, 26)  # 11/26/26
    assert named(no_email, "Bo Chen").first_touch_on == Date(2019, 1, 3)
    assert named(no_email, "Ana Lima").handles == ()


# --- generic, mappings ---------------------------------------------------------------------------


def test_generic_guesses_columns_from_common_header_names() -> None:
    parsed = read("generic_guessed_columns.csv")
    ana = named(parsed, "Ana Lima")

    assert parsed.format == "csv:generic"
    assert ana.emails == ("ana@acme.example",)
    assert ana.phones == ("+1 555 0100",)
    assert (ana.company, ana.title, ana.location) == ("Acme", "CTO", "Lisbon")
    assert ana.tags == ("friends", "climbing")
    assert ana.notes == ("likes tea",)
    assert ana.timezone == "Europe/Lisbon"
    assert ana.dates == (birthday(4, 15, 1985),)


def test_a_mapping_names_the_columns_a_guess_cannot_find() -> None:
    parsed = read(
        "generic_needs_mapping.csv",
        mapping={"name": "Person", "email": "Mail", "phone": "Handy Nr", "company": "arbeitgeber"},
    )
    ana = named(parsed, "Ana Lima")

    assert parsed.format == "csv:generic"
    assert ana.emails == ("ana@acme.example",)
    assert ana.phones == ("+49 171 1",)
    assert ana.company == "Acme"  # column names match without case
    assert named(parsed, "Bo Chen").emails == ("bo@chen.example",)


def test_without_a_mapping_a_file_with_no_name_column_is_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="no header row with a name column"):
        read("generic_needs_mapping.csv")


@pytest.mark.parametrize(
    "mapping",
    [{"name": "Person", "email": "E-mail"}, {"name": "Full Name"}],
    ids=["one-missing", "none-found"],
)
def test_a_mapping_naming_a_missing_column_says_which_and_lists_the_columns(
    mapping: dict[str, str],
) -> None:
    with pytest.raises(UnreadableFile) as raised:
        read("generic_needs_mapping.csv", mapping=mapping)

    message = str(raised.value)
    missing = next(column for column in mapping.values() if column != "Person")
    assert repr(missing) in message
    assert "'Person', 'Mail', 'Handy Nr', 'Arbeitgeber', 'Geb.'" in message


def test_a_mapping_to_an_unknown_field_is_refused_with_the_fields_listed() -> None:
    with pytest.raises(UnreadableFile, match="fields are name, given, family"):
        read("generic_needs_mapping.csv", mapping={"fullname": "Person"})


def test_an_unknown_flavor_is_refused() -> None:
    with pytest.raises(UnreadableFile, match="google, linkedin, outlook, thunderbird, generic"):
        read("generic_guessed_columns.csv", flavor="excel")


@pytest.mark.parametrize("flavor", CSV_FLAVORS)
def test_any_flavor_can_be_forced_and_names_still_come_through(flavor: str) -> None:
    parsed = read("linkedin_old_no_url.csv", flavor=flavor)

    assert parsed.format == f"csv:{flavor}"
    assert [person.display_name for person in parsed.people] == ["Ana Lima"]


# --- encodings and line endings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "people"),
    [
        ("encoding_cp1252.csv", ["José Müller", "Françoise Lefèvre"]),
        ("encoding_utf16_no_bom.csv", ["Zoë Ångström", "Émile Zola"]),
        ("encoding_utf8_bom_cr_only.csv", ["Ana Lima", "Bo Chen"]),
    ],
)
def test_encodings_and_line_endings(name: str, people: list[str]) -> None:
    parsed = read(name)

    assert [(person.line, person.display_name) for person in parsed.people] == [
        (2, people[0]),
        (3, people[1]),
    ]


# --- messy rows ----------------------------------------------------------------------------------


def test_messy_rows_are_cleaned_or_rejected_with_their_line_and_why() -> None:
    parsed = read("messy_rows.csv")

    assert [(person.line, person.display_name) for person in parsed.people] == [
        (2, "Ana Lima"),  # the bell character is gone
        (6, "[bold]Eve[/bold] [31mRed"),  # markup literal, the escape character dropped
        (7, "Bo Chen"),  # a short row
        (10, "cleo@park.example"),  # no name: the email stands in
    ]
    assert parsed.rejected == (
        Rejected(4, NO_NAME),
        Rejected(8, NO_NAME),
        Rejected(9, "a second header row"),
    )


def test_an_impossible_date_keeps_the_person_with_the_text_in_notes() -> None:
    ana = named(read("messy_rows.csv"), "Ana Lima")

    assert ana.emails == ("ana@acme.example",)
    assert ana.dates == ()
    assert ana.notes == ("line one\nline two", "birthday: 31/31/1985")


def test_a_cell_too_long_for_csv_rejects_only_its_row() -> None:
    data = b"Name,Email\nAna," + b"x" * 200_000 + b"\nBo Chen,bo@chen.example\n"

    parsed = read_csv(data)

    assert [person.display_name for person in parsed.people] == ["Bo Chen"]
    assert parsed.rejected == (Rejected(2, "a cell longer than 131072 characters"),)


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1985-04-15", birthday(4, 15, 1985)),
        ("19850415", birthday(4, 15, 1985)),
        ("1985-04-15T00:00:00Z", birthday(4, 15, 1985)),
        ("--04-15", birthday(4, 15)),
        ("--0415", birthday(4, 15)),
        ("4/15/1985", birthday(4, 15, 1985)),
        ("4/15/1985 12:00:00 AM", birthday(4, 15, 1985)),
        ("4/15/85", birthday(4, 15, 1985)),
        ("4/15", birthday(4, 15)),
        ("1985/04/15", birthday(4, 15, 1985)),
        ("15.04.1985", birthday(4, 15, 1985)),
        ("15.04.", birthday(4, 15)),
        ("April 15, 1985", birthday(4, 15, 1985)),
        ("15 Apr 1985", birthday(4, 15, 1985)),
        ("15. März 1985", birthday(3, 15, 1985)),
        ("14 juillet", birthday(7, 14)),
        ("April 15th", birthday(4, 15)),
        ("2/29/1988", birthday(2, 29, 1988)),
        ("--02-29", birthday(2, 29)),
        ("1604-02-29", birthday(2, 29)),  # Apple's year for "no year"
        ("0000-02-29", birthday(2, 29)),
    ],
)
def test_birthdays_as_exports_write_them(written: str, expected: ImportedDate) -> None:
    person = read_csv(f'Name,Birthday\nAna,"{written}"\n'.encode()).people[0]

    assert person.dates == (expected,)
    assert person.notes == ()


@pytest.mark.parametrize(
    "written", ["2/29/1985", "13/13/2000", "April", "next spring", "1985-02-30", "4/15/19850"]
)
def test_dates_that_are_not_dates_go_to_notes(written: str) -> None:
    person = read_csv(f'Name,Birthday\nAna,"{written}"\n'.encode()).people[0]

    assert person.dates == ()
    assert person.notes == (f"birthday: {written}",)


@pytest.mark.parametrize("written", ["", "0/0/00", "0.0.00", "0000-00-00", "  "])
def test_empty_dates_are_no_dates(written: str) -> None:
    person = read_csv(f'Name,Birthday\nAna,"{written}"\n'.encode()).people[0]

    assert (person.dates, person.notes) == ((), ())


# --- not contacts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (fixture("vcard_named_csv.csv"), "vCard"),
        (fixture("no_name_column.csv"), "no header row with a name column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "not text"),
        (bytes(range(256)) * 4, "not text"),
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "empty"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "iCalendar"),
    ],
    ids=["vcard", "no-name-column", "png", "random-bytes", "empty", "bom-and-blank-lines", "ics"],
)
def test_files_that_are_not_csv_contacts_are_unreadable(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_csv(data)


# --- size ----------------------------------------------------------------------------------------


def test_ten_thousand_rows_keep_their_lines_and_dates() -> None:
    # Speed is measured in tests/bench/bench_import.py, not here.
    header = "Name,E-mail,Phone,Company,Birthday,Tags,Notes\n"
    rows = "".join(
        f"Person {n},p{n}@example.org,+1 555 {n:04},Acme {n % 50},4/{n % 28 + 1}/1980,"
        f'"a, b",note {n}\n'
        for n in range(10_000)
    )
    parsed = read_csv((header + rows).encode())

    assert len(parsed.people) == 10_000
    assert parsed.people[-1].line == 10_001
    assert parsed.people[-1].dates == (birthday(4, 9_999 % 28 + 1, 1980),)
