"""Name resolution: a unique prefix or a close match picks one person."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so `joao` finds João and `zoe` finds Zoë."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


_WORD = re.compile(r"\w+")


def _words(name: str) -> list[str]:
    return _WORD.findall(name)


def name_words(name: str) -> list[str]:
    """The folded words of a name, punctuation and markup-like brackets dropped."""
    return _words(fold(name))


def resolve_name(query: str, candidates: Sequence[tuple[int, str]]) -> list[int]:
    """Ids of the contacts `query` means, best first; exactly one id means unambiguous.

    An exact (case/accent-insensitive) full-name match wins outright; then a whole word
    ("Ana" is Ana Lima before Anabela); then names where a word or the whole name starts
    with the query; else close matches (typos). Empty list: nobody matches.
    """
    wanted = fold(query)
    if not wanted:
        return []
    folded = [(contact_id, fold(name)) for contact_id, name in candidates]
    exact = [contact_id for contact_id, name in folded if name == wanted]
    if exact:
        return exact
    whole_word = [contact_id for contact_id, name in folded if wanted in _words(name)]
    if whole_word:
        return whole_word
    prefixed = [
        contact_id
        for contact_id, name in folded
        if name.startswith(wanted) or any(word.startswith(wanted) for word in _words(name))
    ]
    if prefixed:
        return prefixed
    scored = []
    for contact_id, name in folded:
        ratio = max(
            difflib.SequenceMatcher(None, wanted, option).ratio()
            for option in (name, *_words(name))
        )
        if ratio >= 0.8:
            scored.append((-ratio, contact_id))
    scored.sort()
    best = [contact_id for _, contact_id in scored]
    # A clear winner (a typo of one name) resolves; several equally close do not.
    if len(scored) > 1 and scored[0][0] < scored[1][0] - 0.05:
        return best[:1]
    return best
