"""NAME on the command line: a unique prefix or a close match picks one person."""

from __future__ import annotations

import pytest

from core.names import resolve_name

PEOPLE = [
    (1, "Ana Lima"),
    (2, "Anabela Costa"),
    (3, "Bruno Costa"),
    (4, "João Sá"),
    (5, "Zoë Park"),
]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("Ana Lima", [1]),
        ("ana lima", [1]),
        ("ana", [1]),
        ("anab", [2]),
        ("ana l", [1]),
        ("bruno", [3]),
        ("costa", [2, 3]),
        ("joao", [4]),
        ("zoe", [5]),
        ("Brunno Costa", [3]),
        ("nobody", []),
        ("   ", []),
    ],
)
def test_resolution(query: str, ids: list[int]) -> None:
    assert resolve_name(query, PEOPLE) == ids


def test_an_exact_name_wins_over_longer_names_sharing_its_prefix() -> None:
    assert resolve_name("Ana", [(1, "Ana"), (2, "Anabela")]) == [1]


def test_names_with_markup_or_punctuation_are_found_by_their_words() -> None:
    assert resolve_name("eve", [(1, "[bold red]Eve[/]"), (2, "Evelyn")]) == [1]


def test_two_people_sharing_a_first_name_are_ambiguous() -> None:
    assert resolve_name("ana", [(1, "Ana Lima"), (2, "Ana Reis")]) == [1, 2]
