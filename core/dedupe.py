"""Is this person already here? Matching people by email, phone and name, as an import must.

A person imported twice, or once from Google and once from LinkedIn, must be merged, not
added again. The evidence, strongest first: a shared email address; a shared phone number
(compared by its last nine digits, so `+44 7700 900123` is `07700 900123`); the same name
(case, accents, word order and punctuation aside: "Lima, Ana" is "Ana Lima"); a very close
name: every word the same but one, and that one a single typo apart (a letter added, dropped,
changed or two swapped: "Jonathon Smith" is "Jonathan Smith"). A name alone never merges two
people whose addresses or numbers disagree: two John Smiths with different emails are two
people.

Close names are found by lookup, never by scanning: each name is filed under every way of
leaving one word out, so only names that agree on all other words are ever compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from core.names import name_words

Key = TypeVar("Key")

PHONE_DIGITS = 9  # compared suffix: long enough to be unique, short enough to skip prefixes
MIN_PHONE_DIGITS = 6  # fewer digits than this is an extension or a typo, not a number
MIN_CLOSE_NAME_LENGTH = 8  # shorter names are too common to match on a typo
MIN_TYPO_WORD_LENGTH = 4  # "Jo" and "Ja" are two names, not a typo


def email_key(email: str) -> str:
    """An address as compared: trimmed and case-folded (`Ana@X.org` is `ana@x.org`)."""
    return email.strip().casefold()


def phone_key(phone: str) -> str | None:
    """The last digits of a number, or None when it has too few digits to identify anyone."""
    digits = "".join(character for character in phone if character.isdigit())
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return digits[-PHONE_DIGITS:]


def name_key(name: str) -> str:
    """A name as compared: folded words in sorted order, so order and punctuation are moot."""
    return " ".join(sorted(name_words(name)))


@dataclass(frozen=True, slots=True)
class Identity:
    """What identifies a person: their name and every address and number they have."""

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    def email_keys(self) -> set[str]:
        return {key for key in map(email_key, self.emails) if key}

    def phone_keys(self) -> set[str]:
        return {key for key in map(phone_key, self.phones) if key is not None}


@dataclass(frozen=True, slots=True)
class Match(Generic[Key]):
    """Who a person matched, and on what evidence ("email", "phone", "name", "close name")."""

    key: Key
    reason: str


class IdentityIndex(Generic[Key]):
    """People known so far, looked up by email, phone, exact and close name.

    `add` people as they become known (the database's, then each new one an import adds, so
    a file that lists someone twice merges them too); `find` says who a newcomer already is.
    """

    def __init__(self) -> None:
        self._by_email: dict[str, Key] = {}
        self._by_phone: dict[str, Key] = {}
        self._by_name: dict[str, list[Key]] = {}
        # (the other words and how many, the left-out word's length) -> (that word, key)
        self._by_rest: dict[tuple[tuple[str, ...], int], list[tuple[str, Key]]] = {}
        self._identity: dict[Key, tuple[set[str], set[str]]] = {}

    def add(self, key: Key, identity: Identity) -> None:
        """Know `identity` as `key` (adding to what is known when `key` is already there)."""
        emails, phones = identity.email_keys(), identity.phone_keys()
        known_emails, known_phones = self._identity.setdefault(key, (set(), set()))
        known_emails |= emails
        known_phones |= phones
        for email in emails:
            self._by_email.setdefault(email, key)
        for phone in phones:
            self._by_phone.setdefault(phone, key)
        folded = name_key(identity.name)
        if not folded:
            return
        keys = self._by_name.setdefault(folded, [])
        if key not in keys:
            keys.append(key)
            for rest, word in _leave_one_out(folded):
                self._by_rest.setdefault((rest, len(word)), []).append((word, key))

    def find(self, identity: Identity) -> Match[Key] | None:
        """Who `identity` already is, or None for someone new."""
        emails, phones = identity.email_keys(), identity.phone_keys()
        for email in sorted(emails):
            if email in self._by_email:
                return Match(self._by_email[email], "email")
        for phone in sorted(phones):
            if phone in self._by_phone:
                return Match(self._by_phone[phone], "phone")
        folded = name_key(identity.name)
        if not folded:
            return None
        for key in self._by_name.get(folded, ()):
            if self._compatible(key, emails, phones):
                return Match(key, "name")
        if len(folded) < MIN_CLOSE_NAME_LENGTH:
            return None
        for rest, word in _leave_one_out(folded):
            for length in (len(word), len(word) - 1, len(word) + 1):  # a typo moves it by one
                for other, key in self._by_rest.get((rest, length), ()):
                    if one_typo_apart(word, other) and self._compatible(key, emails, phones):
                        return Match(key, "close name")
        return None

    def _compatible(self, key: Key, emails: set[str], phones: set[str]) -> bool:
        """A name match stands unless both sides have addresses (or numbers) and none agree."""
        known_emails, known_phones = self._identity.get(key, (set(), set()))
        if emails and known_emails and not emails & known_emails:
            return False
        return not (phones and known_phones and not phones & known_phones)


def _leave_one_out(folded_name: str) -> list[tuple[tuple[str, ...], str]]:
    """(the other words plus the word count, the word left out) for each word long enough
    to hold a typo; single-word names are never matched on a typo."""
    words = folded_name.split()
    if len(words) < 2:
        return []
    return [
        ((*words[:i], *words[i + 1 :], str(len(words))), word)
        for i, word in enumerate(words)
        if len(word) >= MIN_TYPO_WORD_LENGTH
    ]


def one_typo_apart(first: str, second: str) -> bool:
    """True when two different words differ by one letter added, dropped, changed or two
    neighbours swapped (Damerau distance 1)."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    start = 0
    while start < len(first) and first[start] == second[start]:
        start += 1
    if len(first) < len(second):  # one letter added
        return first[start:] == second[start + 1 :]
    if first[start + 1 :] == second[start + 1 :]:  # one letter changed
        return True
    swapped = start + 1 < len(first) and first[start] == second[start + 1]
    return (
        swapped and first[start + 1] == second[start] and first[start + 2 :] == second[start + 2 :]
    )


def build_index(people: Iterable[tuple[Key, Identity]]) -> IdentityIndex[Key]:
    """An index of `people` (key, identity) pairs."""
    index: IdentityIndex[Key] = IdentityIndex()
    for key, identity in people:
        index.add(key, identity)
    return index
