"""Hostile text in every field: stored and read back exactly, found by search, never lost.

This module also builds the hostile network the screen and command-line tests use
(`test_hostile_tui.py`, `test_hostile_cli.py`): one contact per kind of hostile text, each
with that text in their name, company, title, tags, notes, questions, promises, conversations,
life events and dates, plus one contact carrying a 1 MB note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pendulum
import pytest
from pendulum import Date

from core.models import (
    Channel,
    Circle,
    Contact,
    DateKind,
    Direction,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
    YearlyRule,
)
from data.store import Store

TODAY = Date(2026, 11, 26)
NOW = pendulum.datetime(2026, 11, 26, 14, 2, tz="Europe/Lisbon")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"


@dataclass(frozen=True)
class Hostile:
    """One kind of hostile text, what must show of it literally, and a word to find it by."""

    key: str
    text: str
    # What a screen or `show` displays of it: markup as written, controls as ^[ or U+FFFD.
    literal: str
    # A word of the name to find them by (the palette, the contacts search).
    word: str


ESC = "\x1b"
BEL = "\x07"
OSC52 = f"{ESC}]52;c;ZXZpbA=={BEL}"  # "evil" written to the clipboard
OSC8 = f"{ESC}]8;;https://evil.example{ESC}\\click here{ESC}]8;;{ESC}\\"
HOSTILE: tuple[Hostile, ...] = (
    Hostile("markup-bold", "[bold red]Eve[/]", "[bold red]Eve[/]", "eve"),
    Hostile("markup-click", "[@click=app.quit]x[/] Mallory", "[@click=app.quit]x[/]", "mallory"),
    Hostile(
        "markup-link",
        "[link=https://evil.example]click[/link] Trudy",
        "[link=https://evil.example]",
        "trudy",
    ),
    Hostile("markup-close", "[/] Closer [/bold]", "[/] Closer [/bold]", "closer"),
    Hostile("csi", f"Csi {ESC}[2J{ESC}[31mRed{ESC}[0m Person", "^[[2J^[[31mRed", "person"),
    Hostile("osc52", f"Clip {OSC52} Board", "^[]52;c;ZXZpbA==^G", "board"),
    Hostile("osc8", f"Link {OSC8} Lee", "^[]8;;https://evil.example", "lee"),
    Hostile("c0-c1", f"Ctl {BEL}bell \x08bs \x7fdel \x9bcsi \x00nul Carol", "^Gbell", "carol"),
    Hostile("bidi", "Rtl \u202eexe.txt\u202c Rita", "\ufffdexe.txt\ufffd", "rita"),
    Hostile("zero-width", "Zero\u200bWidth\u200dJoiner Zed", "Zero\u200bWidth", "zed"),
    Hostile(
        "combining", "Zalgo Z\u0351\u0337a\u0336l\u0353g\u0325o" + "\u0301" * 40, "Zalgo", "zalgo"
    ),
    Hostile("emoji", "Emoji 👩\u200d👩\u200d👧\u200d👦🎉 Emma", "👩\u200d👩", "emma"),
)
BIG_NOTE_OWNER = "Big Note"
BIG_NOTE_BYTES = 1_000_000
# Characters a terminal would act on: C0 controls but newline, DEL, C1 controls.
_TERMINAL_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# Controls that reorder how text is displayed (Trojan Source).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def hostile_params() -> list[Any]:
    """Every hostile text as a test parameter, named by its key."""
    return [pytest.param(hostile, id=hostile.key) for hostile in HOSTILE]


def terminal_controls(text: str) -> list[str]:
    """Every character in `text` a terminal would interpret (ESC, BEL, C1...), as reprs."""
    return [repr(char) for char in _TERMINAL_CONTROLS.findall(text)]


def bidi_controls(text: str) -> list[str]:
    return [repr(char) for char in _BIDI_CONTROLS.findall(text)]


def big_note() -> str:
    """A 1 MB note: words (so it wraps) laced with markup and escape sequences."""
    chunk = f"lorem [bold]ipsum[/] dolor {ESC}[31msit{ESC}[0m amet {OSC52} consectetur "
    text = (chunk * (BIG_NOTE_BYTES // len(chunk) + 1))[:BIG_NOTE_BYTES]
    return text.rstrip() + " THE-END"


def field_text(hostile: Hostile, field: str) -> str:
    """The hostile text as it appears in one field (distinct per field, to tell them apart)."""
    return f"{field} {hostile.text}"


def build_hostile_network(store: Store) -> dict[str, int]:
    """One contact per hostile text (every field hostile), plus the 1 MB note; ids by key."""
    people = [
        Contact(
            id=0,
            display_name=hostile.text,
            given_name=hostile.text.split(" ")[0],
            family_name=" ".join(hostile.text.split(" ")[1:]),
            nickname=field_text(hostile, "nick"),
            emails=(f"{hostile.key}@example.org",),
            company=field_text(hostile, "company"),
            title=field_text(hostile, "title"),
            location=field_text(hostile, "location"),
            circle=Circle.INNER,
            tags=(field_text(hostile, "tag"), hostile.key),
            interests=(field_text(hostile, "interest"),),
            offers=(field_text(hostile, "offer"),),
            needs=(field_text(hostile, "need"),),
            how_met=field_text(hostile, "how-met"),
            preferred_channel=Channel.EMAIL,
        )
        for hostile in HOSTILE
    ]
    people.append(Contact(id=0, display_name=BIG_NOTE_OWNER, circle=Circle.INNER))
    stored = store.add_contacts(people, today=TODAY.subtract(days=400), daily_budget=50)
    ids = {hostile.key: contact.id for hostile, contact in zip(HOSTILE, stored, strict=False)}
    ids["big-note"] = stored[-1].id
    for hostile in HOSTILE:
        contact_id = ids[hostile.key]
        store.log_interaction(
            Interaction(
                id=0,
                contact_id=contact_id,
                occurred_at=NOW.subtract(days=30),
                channel=Channel.CALL,
                direction=Direction.OUTBOUND,
                kind=InteractionKind.CHECK_IN,
                summary=field_text(hostile, "summary"),
                topics=(field_text(hostile, "topic"),),
            ),
            today=TODAY.subtract(days=30),
        )
        store.add_note(contact_id, field_text(hostile, "note"), now=NOW.subtract(days=20))
        store.add_question(contact_id, field_text(hostile, "question"), today=TODAY)
        store.add_commitment(
            contact_id,
            field_text(hostile, "promise"),
            due_on=TODAY.subtract(days=1),
            today=TODAY.subtract(days=5),
        )
        store.add_life_event(
            LifeEvent(
                id=0,
                contact_id=contact_id,
                kind=LifeEventKind.NEW_JOB,
                text=field_text(hostile, "event"),
                occurred_on=TODAY.subtract(days=2),
            )
        )
        store.add_important_date(
            ImportantDate(
                id=0,
                contact_id=contact_id,
                kind=DateKind.CUSTOM,
                rule=YearlyRule(11, 27),
                label=field_text(hostile, "label"),
            )
        )
    store.add_note(ids["big-note"], big_note(), now=NOW.subtract(days=1))
    return ids


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    with Store.open(path) as store:
        build_hostile_network(store)
    return path


# --- the store keeps every hostile string exactly --------------------------------------------


def test_every_hostile_field_reads_back_exactly(hostile_db: Path) -> None:
    with Store.open(hostile_db) as store:
        ids = {name: cid for cid, name in store.contact_names()}
        for hostile in HOSTILE:
            detail = store.contact_detail(ids[hostile.text])
            contact = detail.contact
            assert contact.display_name == hostile.text
            assert contact.company == field_text(hostile, "company")
            assert contact.title == field_text(hostile, "title")
            assert contact.tags == (field_text(hostile, "tag"), hostile.key)
            assert contact.how_met == field_text(hostile, "how-met")
            assert [note.body for note in detail.notes] == [field_text(hostile, "note")]
            assert [q.text for q in detail.questions] == [field_text(hostile, "question")]
            assert [c.text for c in detail.commitments] == [field_text(hostile, "promise")]
            assert [i.summary for i in detail.interactions] == [field_text(hostile, "summary")]
            assert [i.topics for i in detail.interactions] == [(field_text(hostile, "topic"),)]
            assert [e.text for e in detail.events] == [field_text(hostile, "event")]
            assert [d.label for d in detail.dates] == [field_text(hostile, "label")]
        (note,) = store.contact_detail(ids[BIG_NOTE_OWNER]).notes
        assert note.body == big_note()
        assert len(note.body.encode()) >= BIG_NOTE_BYTES - 10


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("[bold red]Eve[/]", "markup-bold"),
        ("[@click=app.quit]x[/]", "markup-click"),
        ("[link=https://evil.example]click[/link]", "markup-link"),
        ("[/]", None),  # no word in it: nothing to search for, and no error
        (f"Csi {ESC}[2J", "csi"),
        (f"{OSC52} Board", "osc52"),
        ("Ctl \x9bcsi", "c0-c1"),
        ("\u202eexe.txt\u202c", "bidi"),
        ("Zero\u200bWidth", "zero-width"),
        ("Zalgo", "combining"),
        ("👩\u200d👩\u200d👧\u200d👦🎉", None),  # emoji are not words to the tokenizer
        ("\"'*:^()-NEAR AND OR NOT", None),  # FTS5 syntax is quoted, never run
    ],
)
def test_search_for_hostile_text_finds_it_or_nothing_without_error(
    hostile_db: Path, query: str, key: str | None
) -> None:
    with Store.open(hostile_db) as store:
        ids = {name: cid for cid, name in store.contact_names()}
        found = [contact.id for contact, _ in store.search(query)]
    if key is not None:
        wanted = next(h for h in HOSTILE if h.key == key)
        assert ids[wanted.text] in found


def test_the_big_note_is_searchable(hostile_db: Path) -> None:
    with Store.open(hostile_db) as store:
        hits = store.search("THE-END")
    assert [contact.display_name for contact, _ in hits] == [BIG_NOTE_OWNER]


def test_the_hostile_texts_cover_what_the_issue_lists() -> None:
    every = "".join(h.text for h in HOSTILE)
    for needle in ("[link=", "[bold red]", "[/]", "[@click=app.quit]", f"{ESC}[2J", f"{ESC}[31m"):
        assert needle in every
    for char in (ESC, BEL, "\x08", "\x7f", "\x9b", "\x00", "\u202e", "\u200b", "\u200d"):
        assert char in every
    assert OSC52 in every and f"{ESC}]8;;" in every
    assert any(unicodedata.combining(char) for char in every)
    assert any(unicodedata.category(char) == "So" for char in every)  # emoji
