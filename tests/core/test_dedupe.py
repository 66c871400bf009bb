"""An import must know who is already here: same email, same phone, same or nearly same name."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from core.dedupe import (
    Identity,
    IdentityIndex,
    build_index,
    email_key,
    name_key,
    one_typo_apart,
    phone_key,
)

KNOWN = build_index(
    [
        (1, Identity("Ana Lima", ("ana@lima.org",), ("+351 912 345 678",))),
        (2, Identity("Jonathan Smith")),
        (3, Identity("John Smith", ("john@smith.com",))),
        (4, Identity("João Sá")),
    ]
)


@pytest.mark.parametrize(
    ("incoming", "key", "reason"),
    [
        (Identity("A. Lima", ("ANA@Lima.org ",)), 1, "email"),
        (Identity("Someone", (), ("912345678",)), 1, "phone"),
        (Identity("Someone", (), ("00351-912-345-678",)), 1, "phone"),
        (Identity("Lima, Ana"), 1, "name"),
        (Identity("ana lima"), 1, "name"),
        (Identity("Joao Sa"), 4, "name"),
        (Identity("Jonathon Smith"), 2, "close name"),
        (Identity("John Smith", ("john@smith.com", "js@work.com")), 3, "email"),
    ],
)
def test_who_a_newcomer_already_is(incoming: Identity, key: int, reason: str) -> None:
    match = KNOWN.find(incoming)
    assert match is not None
    assert (match.key, match.reason) == (key, reason)


@pytest.mark.parametrize(
    "incoming",
    [
        Identity("Bruno Costa"),
        # Same name, but their addresses disagree: two different John Smiths.
        Identity("John Smith", ("other@example.com",)),
        # Short names are too common to match on a typo.
        Identity("Ana Lim"),
        Identity("", (), ("12",)),
        Identity(""),
    ],
)
def test_strangers_stay_strangers(incoming: Identity) -> None:
    assert KNOWN.find(incoming) is None


def test_a_person_learned_later_is_found_by_what_was_learned() -> None:
    index: IdentityIndex[str] = IdentityIndex()
    index.add("a", Identity("Ana Lima"))
    index.add("a", Identity("Ana Lima", ("ana@new.org",)))
    match = index.find(Identity("Ana", ("ana@new.org",)))
    assert match is not None and match.key == "a"


def test_keys() -> None:
    assert email_key(" Ana@X.ORG ") == "ana@x.org"
    assert phone_key("+44 7700 900123") == phone_key("07700 900123") == "700900123"
    assert phone_key("x123") is None
    assert name_key("Lima, Ana") == name_key("ana LIMA") == "ana lima"


names = st.lists(
    st.text(alphabet=st.characters(categories=("L",)), min_size=2, max_size=10),
    min_size=1,
    max_size=3,
).map(" ".join)
emails = st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(org|com)", fullmatch=True)
phones = st.from_regex(r"\+?[0-9]{7,12}", fullmatch=True)


@given(
    name=names,
    mail=st.lists(emails, max_size=2),
    phone=st.lists(phones, max_size=2),
)
def test_anyone_known_is_found_again(name: str, mail: list[str], phone: list[str]) -> None:
    identity = Identity(name, tuple(mail), tuple(phone))
    index = build_index([(7, identity)])
    if not (name_key(name) or mail or phone):
        return
    # Some letters do not survive a trip through upper case ("ı" becomes "I", then "i"):
    # those are other names, so only names that keep their folded form are shouted back.
    assume(name_key(name.upper()) == name_key(name) or mail or phone)
    match = index.find(Identity(name.upper(), tuple(m.upper() for m in mail), tuple(phone)))
    assert match is not None and match.key == 7


@given(name=names, first=emails, second=emails)
def test_a_name_never_merges_people_whose_addresses_all_differ(
    name: str, first: str, second: str
) -> None:
    if email_key(first) == email_key(second):
        return
    index = build_index([(1, Identity(name, (first,)))])
    assert index.find(Identity(name, (second,))) is None


@given(
    people=st.lists(st.tuples(names, st.lists(emails, max_size=1)), max_size=8),
    probe=names,
)
def test_matching_is_deterministic(people: list[tuple[str, list[str]]], probe: str) -> None:
    def run() -> object:
        index = build_index(
            (i, Identity(name, tuple(mail))) for i, (name, mail) in enumerate(people)
        )
        return index.find(Identity(probe))

    assert run() == run()


@pytest.mark.parametrize(
    ("first", "second", "close"),
    [
        ("jonathan", "jonathon", True),  # changed
        ("jonathan", "jonathn", True),  # dropped
        ("smith", "smiith", True),  # added
        ("smith", "smiht", True),  # swapped
        ("smith", "smith", False),  # the same word is not a typo
        ("smith", "smythe", False),
        ("maria", "mario", True),
        ("ana", "anna", True),
        ("abcd", "badc", False),
    ],
)
def test_one_typo(first: str, second: str, close: bool) -> None:
    assert one_typo_apart(first, second) is close
    assert one_typo_apart(second, first) is close


words = st.text(alphabet="abcdefghij", min_size=4, max_size=9)


@given(word=words, at=st.integers(0, 8), letter=st.sampled_from("xyz"))
def test_any_single_edit_is_one_typo(word: str, at: int, letter: str) -> None:
    at %= len(word)
    assert one_typo_apart(word, word[:at] + letter + word[at:])  # added
    assert one_typo_apart(word, word[:at] + word[at + 1 :])  # dropped
    assert one_typo_apart(word, word[:at] + letter + word[at + 1 :])  # changed
    if at + 1 < len(word) and word[at] != word[at + 1]:
        swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        assert one_typo_apart(word, swapped)


@given(first=words, second=words)
def test_two_edits_are_never_one_typo(first: str, second: str) -> None:
    assert one_typo_apart(first + "xy", first) is False
    assert one_typo_apart(first, second) == one_typo_apart(second, first)
