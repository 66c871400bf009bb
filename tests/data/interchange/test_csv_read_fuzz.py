"""Whatever the bytes, read_csv returns a ParsedFile or raises UnreadableFile: nothing else.

Random bytes and text, and our fixtures with bytes inserted, deleted, duplicated and cut off,
since a damaged real export is likelier than noise to reach the deeper code.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from data.interchange.csv_read import CSV_FLAVORS, read_csv
from data.interchange.records import ParsedFile, UnreadableFile

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "csv").glob("*.csv"))
FIXTURE_BYTES = [path.read_bytes() for path in FIXTURES]

# Bytes that matter to a CSV reader or a decoder, so mutations hit them often.
TRICKY = [
    b'"',
    b",",
    b";",
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe9",
    b" ::: ",
    b"* ",
    b"0/0/00",
    b"--02-29",
    b"13/13/13",
    b"Name",
    b"BEGIN:VCARD",
]

flavors = st.sampled_from((None, *CSV_FLAVORS))
mappings = st.none() | st.dictionaries(
    st.sampled_from(("name", "email", "phone", "birthday", "tags", "notes")),
    st.sampled_from(("Name", "Email", "E-mail", "Phone", "Notes", "Birthday", "Nope")),
    max_size=3,
)


def check(data: bytes, flavor: str | None = None, mapping: dict[str, str] | None = None) -> None:
    """read_csv's whole contract on one input."""
    try:
        parsed = read_csv(data, flavor=flavor, mapping=mapping)
    except UnreadableFile as error:
        assert str(error)
        return
    assert isinstance(parsed, ParsedFile)
    assert parsed.format.startswith("csv:")
    lines = [person.line for person in parsed.people] + [row.line for row in parsed.rejected]
    assert len(set(lines)) == len(lines), "two records on one line"
    assert all(line >= 1 for line in lines)
    assert [p.line for p in parsed.people] == sorted(p.line for p in parsed.people)
    for person in parsed.people:
        assert person.display_name
        assert person.display_name == person.display_name.strip()
        assert "\n" not in person.display_name
        for date in person.dates:
            assert 1 <= date.month <= 12 and 1 <= date.day <= 31


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(FIXTURE_BYTES)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("insert", "delete", "duplicate", "cut", "flip")))
        if action == "insert":
            piece = draw(st.sampled_from(TRICKY) | st.binary(min_size=1, max_size=8))
            data[position:position] = piece
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        elif action == "duplicate":
            data[position:position] = data[position : position + draw(st.integers(1, 80))]
        elif action == "cut":
            del data[position:]
        elif data and position < len(data):
            data[position] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@settings(max_examples=150)
@given(st.binary(max_size=600), flavors)
def test_random_bytes(data: bytes, flavor: str | None) -> None:
    check(data, flavor)


@settings(max_examples=150)
@given(st.text(max_size=300), st.sampled_from(("utf-8", "utf-16", "utf-16-le")), flavors)
def test_random_text_after_a_header(text: str, encoding: str, flavor: str | None) -> None:
    check(("Name,Email,Phone,Birthday,Notes\n" + text).encode(encoding, "surrogatepass"), flavor)


@settings(max_examples=250)
@given(mutated_fixtures(), flavors, mappings)
def test_damaged_fixtures(data: bytes, flavor: str | None, mapping: dict[str, str] | None) -> None:
    check(data, flavor, mapping)


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda name: any(char.isalnum() for char in name)
)
# NUL is the one character that makes a file binary (see decode.decode_text)
cells = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def compared(header: str) -> str:
    """A header as the reader compares it: no case, accents, spaces or punctuation."""
    return "".join(c for c in unicodedata.normalize("NFKD", header).casefold() if c.isalnum())


@settings(max_examples=100)
@given(
    st.lists(st.tuples(names, cells, cells, cells), min_size=1, max_size=8),
    st.sampled_from((",", ";", "\t")),
    st.sampled_from(("\n", "\r\n")),
)
def test_every_row_with_a_name_is_kept_at_the_line_it_starts_on(
    rows: list[tuple[str, str, str, str]], delimiter: str, newline: str
) -> None:
    assume(all(compared(name) != "name" for name, *_ in rows))  # not a second header
    buffer = io.StringIO()
    # minimal quoting only quotes the line terminator's own characters: with `\n` alone a
    # bare `\r` in a cell would really end a line, so quote everything then
    quoting = csv.QUOTE_MINIMAL if newline == "\r\n" else csv.QUOTE_ALL
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    writer.writerow(["Name", "Email", "Birthday", "Notes"])
    starts = []
    for row in rows:
        starts.append(len(LINE_BREAK.findall(buffer.getvalue())) + 1)
        writer.writerow(row)

    parsed = read_csv(buffer.getvalue().encode())

    assert [person.line for person in parsed.people] == starts
    assert parsed.rejected == ()
