"""Full-text search over names, notes and interaction summaries, safe for any input."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.models import Circle, Contact, Interaction
from data.store import Store
from tests.data.conftest import TODAY, at, person


@pytest.fixture
def people(store: Store) -> dict[str, Contact]:
    added = store.add_contacts(
        [
            person("Ana Lima", Circle.INNER, company="Acme Robotics", nickname="Nana"),
            person("Bruno Costa", Circle.CLOSE),
            person("Zoë Ñúñez", Circle.ACTIVE),
            person("Old Friend", archived=True),
        ],
        today=TODAY,
        daily_budget=5,
    )
    by_first = {contact.display_name.split()[0]: contact for contact in added}
    store.add_note(by_first["Bruno"].id, "training for the Porto marathon", now=at(TODAY))
    store.log_interaction(
        Interaction(
            id=0,
            contact_id=by_first["Zoë"].id,
            occurred_at=at(TODAY),
            summary="talked about bouldering in Sintra",
        ),
        today=TODAY,
    )
    return by_first


def _names(results: list[tuple[Contact, str]]) -> list[str]:
    return [contact.display_name for contact, _ in results]


def test_names_company_and_nickname_are_found_by_prefix(
    store: Store, people: dict[str, Contact]
) -> None:
    assert _names(store.search("ana")) == ["Ana Lima"]
    assert _names(store.search("acm")) == ["Ana Lima"]
    assert _names(store.search("nana")) == ["Ana Lima"]
    assert _names(store.search("old fri")) == ["Old Friend"]


def test_notes_and_summaries_are_found_with_a_snippet(
    store: Store, people: dict[str, Contact]
) -> None:
    ((bruno, snippet),) = store.search("marathon")
    assert bruno == people["Bruno"]
    assert "Porto marathon" in snippet
    ((zoe, snippet),) = store.search("boulder")
    assert zoe.id == people["Zoë"].id
    assert "bouldering" in snippet


def test_accents_are_optional(store: Store, people: dict[str, Contact]) -> None:
    assert _names(store.search("zoe nunez")) == ["Zoë Ñúñez"]
    assert _names(store.search("ÑÚÑEZ")) == ["Zoë Ñúñez"]


def test_every_word_must_match(store: Store, people: dict[str, Contact]) -> None:
    assert _names(store.search("ana marathon")) == []


def test_one_result_per_contact_best_first(store: Store, people: dict[str, Contact]) -> None:
    bruno = people["Bruno"]
    for body in ("porto again", "porto porto porto trip", "likes porto wine"):
        store.add_note(bruno.id, body, now=at(TODAY))
    results = store.search("porto")
    assert _names(results) == ["Bruno Costa"]


def test_renames_and_undo_keep_the_index_in_sync(store: Store, people: dict[str, Contact]) -> None:
    ana = people["Ana"]
    store.update_contact(replace(ana, display_name="Ana Vitória", company=""))
    assert store.search("acme") == []
    assert _names(store.search("vitoria")) == ["Ana Vitória"]
    store.undo()  # undoes the logged interaction for Zoë
    assert store.search("bouldering") == []


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '"ana',
        "*",
        "ana*",
        "-ana",
        "ana:",
        "body:ana",
        "NEAR(",
        "NEAR(ana bruno)",
        "ana AND",
        "OR",
        "NOT ana",
        "[bold]",
        "[bold]ana[/bold]",
        "(",
        ")",
        "^ana",
        "'; DROP TABLE contacts; --",
        "",
        "   ",
        "\x00",
        "a" * 500,
    ],
)
def test_hostile_input_never_crashes(
    store: Store, people: dict[str, Contact], hostile: str
) -> None:
    results = store.search(hostile)
    assert isinstance(results, list)
    assert len(store.list_contacts()) == 3


@pytest.mark.parametrize("text", ['"ana', "ana*", "-ana", "ana:", "[ana]", "(ana)"])
def test_punctuation_around_a_word_still_finds_it(
    store: Store, people: dict[str, Contact], text: str
) -> None:
    assert "Ana Lima" in _names(store.search(text))
