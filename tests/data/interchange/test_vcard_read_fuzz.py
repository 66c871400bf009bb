"""Whatever the bytes, reading a .vcf gives a ParsedFile or UnreadableFile, never a crash."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from data.interchange.decode import decode_text
from data.interchange.records import ParsedFile, UnreadableFile
from data.interchange.vcard_read import UNEXPECTED, read_vcards

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "vcard").glob("*.vcf"))
FIXTURE_BYTES = [path.read_bytes() for path in FIXTURES]
LINE_BREAK = re.compile(r"\r*\n|\r")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Pieces of real vCards, so random files reach past the first BEGIN:VCARD.
SNIPPETS = [
    "BEGIN:VCARD",
    "begin:vcard",
    "END:VCARD",
    "VERSION:2.1",
    "VERSION:3.0",
    "FN:Ada Lovelace",
    "N:Lovelace;Ada;;;",
    "ORG:Analytical;Engines",
    "NICKNAME:Ada,Countess",
    "EMAIL;TYPE=INTERNET,pref:ada@example.com",
    'TEL;TYPE="CELL,VOICE":+44 20 5555 0100',
    "item1.URL:https\\://ada.example",
    "item1.X-ABLabel:_$!<HomePage>!$_",
    "item2.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-12-10",
    "item2.X-ABLabel:_$!<Anniversary>!$_",
    "BDAY:--1210",
    "BDAY:1815-12-10T00:00:00Z",
    "BDAY:someday",
    "ANNIVERSARY:18350708",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=",
    "FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=4=",
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=rot13:abc=",
    "NOTE;ENCODING=BASE64;CHARSET=idna:!!!",
    "PHOTO;ENCODING=b:/9j/4AAQ",
    " continued",
    "\tcontinued",
    "=B6",
    "AGENT:",
    "KIND:group",
    "X-ABShowAs:COMPANY",
    "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2015-02-29;1",
    "X-NURTURE-CADENCE:99999999999999999999d",
    "X-FRM-SNOOZE-UNTIL:0000-00-00",
    "TZ:Europe/Nowhere",
    'FN;X-Q="a:b;c":quoted',
    "FN;=x:broken param",
    "CATEGORIES:a\\,b,,c",
    "ADR:;;;;;;;;;;;;",
    "NOTE:trailing backslash\\",
    "\ufeffBEGIN:VCARD",
]
BREAKS = ["\r\n", "\n", "\r", "\r\r\n", "=\r\n"]


def check(data: bytes) -> None:
    """read_vcards returns a sane ParsedFile or raises UnreadableFile, nothing else."""
    try:
        parsed = read_vcards(data)
    except UnreadableFile as error:
        assert str(error)
        return
    assert isinstance(parsed, ParsedFile)
    lines = len(LINE_BREAK.findall(decode_text(data))) + 1
    for rejected in parsed.rejected:
        assert not rejected.reason.startswith(UNEXPECTED), rejected.reason
        assert 1 <= rejected.line <= lines
    for person in parsed.people:
        assert 1 <= person.line <= lines
        assert person.display_name and person.display_name == person.display_name.strip()
        for text in (person.display_name, *person.emails, *person.phones, *person.tags):
            assert not CONTROLS.search(text) and "\n" not in text


@st.composite
def vcard_like(draw: st.DrawFn) -> bytes:
    pieces = draw(st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12))))
    text = "".join(piece + draw(st.sampled_from(BREAKS)) for piece in pieces)
    encoding = draw(st.sampled_from(["utf-8", "utf-16-be", "utf-16-le", "cp1252", "shift_jis"]))
    return text.encode(encoding, "replace")


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(FIXTURE_BYTES)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "delete line", "duplicate line"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        else:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end + 1
            line = data[start:end]
            if kind == "delete line":
                del data[start:end]
            else:
                data[start:start] = line
    return bytes(data)


@settings(max_examples=100)
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=100)
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    check(text.encode("utf-8"))
    check(("BEGIN:VCARD\r\n" + text).encode("utf-8"))


@settings(max_examples=400)
@given(vcard_like())
def test_random_vcard_pieces(data: bytes) -> None:
    check(data)


@settings(max_examples=400)
@given(mutated_fixture())
def test_mutated_fixtures(data: bytes) -> None:
    check(data)
