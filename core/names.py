"""Name resolution: a unique prefix or a close match picks one person."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so `joao` finds João and `zoe` finds Zoë."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def resolve_name(query: str, candidates: Sequence[tuple[int, str]]) -> list[int]:
    """Ids of the contacts `query` means, best first; exactly one id means unambiguous.

    An exact (case/accent-insensitive) full-name match wins outright; else names where a
    word or the whole name starts with the query; else close matches (typos). Empty list:
    nobody matches.
    """
    wanted = fold(query)
    if not wanted:
        return []
    folded = [(contact_id, fold(name)) for contact_id, name in candidates]
    exact = [contact_id for contact_id, name in folded if name == wanted]
    if exact:
        return exact
    prefixed = [
        contact_id
        for contact_id, name in folded
        if name.startswith(wanted) or any(word.startswith(wanted) for word in name.split())
    ]
    if prefixed:
        return prefixed
    scored = []
    for contact_id, name in folded:
        ratio = max(
            difflib.SequenceMatcher(None, wanted, option).ratio()
            for option in (name, *name.split())
        )
        if ratio >= 0.8:
            scored.append((-ratio, contact_id))
    scored.sort()
    best = [contact_id for _, contact_id in scored]
    # A clear winner (a typo of one name) resolves; several equally close do not.
    if len(scored) > 1 and scored[0][0] < scored[1][0] - 0.05:
        return best[:1]
    return best
