"""Providing value: what to share with whom, whom to introduce, and the give/ask balance.

Pure decisions over records the data layer hands in. Matching a shareable to a person is the
overlap of its topics with their interests (and, weaker, their tags), weighted by how fresh
the item is and how long since we last shared anything with them; an item they already got is
never suggested again. Introductions pair one person's need with another's offer by the words
they share (with a few synonyms: "job" meets "hiring"), never a person with themselves and
never a pair already introduced. Every suggestion carries the words that explain it, and every
ordering ends in ids, so the same inputs always give the same suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from pendulum import Date

from core.agenda import (
    TIER_TODAY,
    TIER_VALUE,
    Agenda,
    AgendaItem,
    ItemKind,
    days_between,
    days_words,
    when_words,
)
from core.models import (
    ASK_KINDS,
    GIVE_KINDS,
    Contact,
    Interaction,
    InteractionKind,
    Introduction,
    IntroStatus,
    Share,
    Shareable,
    counts_as_ours,
)

# --- shareables ----------------------------------------------------------------------------

INTEREST_WEIGHT = 1.0
TAG_WEIGHT = 0.5  # a tag says less about what someone reads than an interest does
FRESH_HALF_LIFE_DAYS = 60  # an item this old counts half as much as a new one
UNDATED_FRESHNESS = 0.5
REST_DAYS = 30  # after sharing anything with someone, their matches recover over this long
MIN_REST = 0.05

_TOPIC_WORD = re.compile(r"[^\W_]+")


def topic_key(text: str) -> str:
    """A topic as compared: case, punctuation and spacing ignored ("#Machine-Learning" is
    "machine learning")."""
    return " ".join(_TOPIC_WORD.findall(text.casefold()))


def clean_topics(topics: Iterable[str]) -> tuple[str, ...]:
    """Topics stripped, blanks dropped, and repeats (as compared) kept once, in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for topic in topics:
        shown = " ".join(topic.split()).lstrip("#")
        key = topic_key(shown)
        if key and key not in seen:
            seen.add(key)
            kept.append(shown)
    return tuple(kept)


@dataclass(frozen=True)
class ShareMatch:
    """A shareable that fits a contact, how well, and the topics that make it fit."""

    shareable: Shareable
    contact: Contact
    matched: tuple[str, ...]
    score: float

    @property
    def explanation(self) -> str:
        """ "matches: climbing, ai"."""
        return "matches: " + ", ".join(self.matched)

    @property
    def sort_key(self) -> tuple[float, str, int, int]:
        return (
            -self.score,
            self.contact.display_name.casefold(),
            self.contact.id,
            self.shareable.id,
        )


def freshness(shareable: Shareable, today: Date) -> float:
    """1.0 for an item added today, halving every FRESH_HALF_LIFE_DAYS."""
    if shareable.added_on is None:
        return UNDATED_FRESHNESS
    age = max(0, days_between(shareable.added_on, today))
    return float(0.5 ** (age / FRESH_HALF_LIFE_DAYS))


def rest_factor(last_shared_on: Date | None, today: Date) -> float:
    """How ready someone is for another share: 1.0 when never (or long ago), low just after."""
    if last_shared_on is None:
        return 1.0
    waited = max(0, days_between(last_shared_on, today))
    return max(MIN_REST, min(1.0, waited / REST_DAYS))


def _topic_weights(contact: Contact) -> dict[str, float]:
    """Each of the contact's topics (as compared) and what an overlap with it is worth."""
    weights: dict[str, float] = {}
    for tag in contact.tags:
        key = topic_key(tag)
        if key:
            weights[key] = TAG_WEIGHT
    for interest in contact.interests:
        key = topic_key(interest)
        if key:
            weights[key] = INTEREST_WEIGHT
    return weights


def _match(
    shareable: Shareable,
    contact: Contact,
    weights: Mapping[str, float],
    last_shared_on: Date | None,
    today: Date,
) -> ShareMatch | None:
    matched: list[str] = []
    overlap = 0.0
    seen: set[str] = set()
    for topic in shareable.topics:
        key = topic_key(topic)
        if key in weights and key not in seen:
            seen.add(key)
            matched.append(" ".join(topic.split()).lstrip("#"))
            overlap += weights[key]
    if not matched:
        return None
    score = overlap * freshness(shareable, today) * rest_factor(last_shared_on, today)
    return ShareMatch(shareable, contact, tuple(matched), score)


def _shares_index(shares: Iterable[Share]) -> tuple[set[tuple[int, int]], dict[int, Date]]:
    """(shareable, contact) pairs already sent, and each contact's latest share day."""
    sent: set[tuple[int, int]] = set()
    latest: dict[int, Date] = {}
    for share in shares:
        sent.add((share.shareable_id, share.contact_id))
        known = latest.get(share.contact_id)
        if known is None or share.shared_on > known:
            latest[share.contact_id] = share.shared_on
    return sent, latest


def matches_for_contact(
    contact: Contact,
    shareables: Iterable[Shareable],
    shares: Iterable[Share],
    *,
    today: Date,
    limit: int | None = None,
) -> tuple[ShareMatch, ...]:
    """The shareables that fit one person, best first, leaving out any they already got."""
    sent, latest = _shares_index(share for share in shares if share.contact_id == contact.id)
    weights = _topic_weights(contact)
    found = [
        match
        for shareable in shareables
        if (shareable.id, contact.id) not in sent
        and (match := _match(shareable, contact, weights, latest.get(contact.id), today))
        is not None
    ]
    found.sort(key=lambda match: match.sort_key)
    return tuple(found if limit is None else found[:limit])


def suggest_shares(
    contacts: Iterable[Contact],
    shareables: Iterable[Shareable],
    shares: Iterable[Share],
    *,
    today: Date,
    per_contact: int | None = 1,
    limit: int | None = None,
) -> tuple[ShareMatch, ...]:
    """What to share with whom across the network, best first.

    Archived people and items a person already got are left out; each person gets at most
    `per_contact` suggestions (None: all of them), and the whole list at most `limit`.
    """
    sent, latest = _shares_index(shares)
    # Topic -> who cares about it, so each shareable only meets the people it can fit.
    by_topic: dict[str, list[Contact]] = {}
    weights_of: dict[int, dict[str, float]] = {}
    for contact in contacts:
        if contact.archived:
            continue
        weights = _topic_weights(contact)
        if not weights:
            continue
        weights_of[contact.id] = weights
        for key in weights:
            by_topic.setdefault(key, []).append(contact)
    found: list[ShareMatch] = []
    for shareable in shareables:
        candidates: dict[int, Contact] = {}
        for topic in shareable.topics:
            for contact in by_topic.get(topic_key(topic), ()):
                candidates[contact.id] = contact
        for contact_id, contact in candidates.items():
            if (shareable.id, contact_id) in sent:
                continue
            match = _match(
                shareable, contact, weights_of[contact_id], latest.get(contact_id), today
            )
            if match is not None:
                found.append(match)
    found.sort(key=lambda match: match.sort_key)
    if per_contact is not None:
        taken: dict[int, int] = {}
        kept: list[ShareMatch] = []
        for match in found:
            count = taken.get(match.contact.id, 0)
            if count < per_contact:
                taken[match.contact.id] = count + 1
                kept.append(match)
        found = kept
    return tuple(found if limit is None else found[:limit])


# --- introductions ------------------------------------------------------------------------

FOLLOW_UP_AFTER_DAYS = 14
INTRO_FLOW: tuple[IntroStatus, ...] = tuple(IntroStatus)

# Words that say nothing about what is needed or offered.
_FILLER_TEXT = """
    a an and any are as at be by can for from get getting good help i in into is it looking
    look me my need needs of on or our seeking seek some someone somebody the their them to
    up want wants who with advice new more great people person
"""
_FILLER = frozenset(_FILLER_TEXT.split())
# Words that mean the same thing to an introducer: each maps to its group's first word.
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "hiring",
        "hire",
        "hires",
        "recruiting",
        "recruiter",
        "recruiters",
        "recruitment",
        "job",
        "jobs",
        "role",
        "roles",
        "position",
        "positions",
        "opening",
        "openings",
    ),
    (
        "fundraising",
        "funding",
        "investor",
        "investors",
        "investment",
        "investing",
        "raise",
        "raising",
        "vc",
        "vcs",
        "capital",
        "angel",
        "angels",
    ),
    ("design", "designer", "designers", "ux", "ui"),
    ("mentoring", "mentor", "mentors", "mentorship", "coaching", "coach"),
    (
        "engineering",
        "engineer",
        "engineers",
        "developer",
        "developers",
        "programmer",
        "programmers",
        "coding",
    ),
    ("lawyer", "lawyers", "legal", "attorney", "counsel"),
)
_SYNONYMS: dict[str, str] = {word: group[0] for group in _SYNONYM_GROUPS for word in group}
_STEM_LENGTH = 6  # "designer" and "design", "marketing" and "marketer" meet at six letters


def _terms(phrase: str) -> frozenset[str]:
    """What a need or offer is about, as comparable terms (synonyms folded, words stemmed)."""
    terms: set[str] = set()
    for word in _TOPIC_WORD.findall(phrase.casefold()):
        if word in _FILLER or len(word) < 2:
            continue
        word = _SYNONYMS.get(word, word)
        terms.add(word if len(word) <= _STEM_LENGTH else word[:_STEM_LENGTH])
    return frozenset(terms)


def pair_key(first_id: int, second_id: int) -> tuple[int, int]:
    """An unordered pair of contact ids, smaller first."""
    return (first_id, second_id) if first_id <= second_id else (second_id, first_id)


@dataclass(frozen=True)
class IntroSuggestion:
    """Introduce `needer` to `offerer`: one's need meets the other's offer."""

    needer: Contact
    offerer: Contact
    need: str
    offer: str
    score: float

    @property
    def explanation(self) -> str:
        """ "Ana Lima needs: a designer · Bruno Costa offers: design"."""
        return (
            f"{self.needer.display_name} needs: {self.need}"
            f" · {self.offerer.display_name} offers: {self.offer}"
        )

    @property
    def reason(self) -> str:
        """The reason an introduction made from this suggestion records."""
        needer, offerer = self.needer.display_name, self.offerer.display_name
        return f"{needer} needs “{self.need}”; {offerer} offers “{self.offer}”"

    @property
    def sort_key(self) -> tuple[float, tuple[int, int], int, str, str]:
        """Best score first; then by the pair's ids, the needer's id, and the words."""
        pair = pair_key(self.needer.id, self.offerer.id)
        return (-self.score, pair, self.needer.id, self.need, self.offer)


def _fit(need_terms: frozenset[str], offer_terms: frozenset[str]) -> float:
    """How well an offer answers a need: mostly the share of the need it covers."""
    shared = len(need_terms & offer_terms)
    if not shared:
        return 0.0
    return shared / len(need_terms) + 0.5 * shared / len(offer_terms)


def suggest_introductions(
    contacts: Iterable[Contact],
    introductions: Iterable[Introduction],
    *,
    limit: int | None = None,
    involving: int | None = None,
    excluded: Iterable[tuple[int, int]] = (),
) -> tuple[IntroSuggestion, ...]:
    """Pairs where one person's need meets another's offer, best first (`IntroSuggestion.
    sort_key`); with `involving`, only pairs with that person on either side; never a pair
    (by `pair_key`) in `excluded`.

    Never a person with themselves, never a pair with an introduction on record (in any
    status, either way round), never an archived person; each pair once, in its best direction.
    People who need (or offer) the same words are scored once together, and with a `limit`
    only the lowest ids of each such group can be among the first pairs, so a network where
    hundreds need "beta testers" costs a few groups, not every pair.
    """
    introduced = {pair_key(intro.a_id, intro.b_id) for intro in introductions}
    introduced.update(excluded)
    people = {contact.id: contact for contact in contacts if not contact.archived}
    needs = _phrase_groups(people.values(), "needs")
    offers = _phrase_groups(people.values(), "offers")
    offer_groups_by_term: dict[str, list[frozenset[str]]] = {}
    for offer_terms in offers:
        for term in offer_terms:
            offer_groups_by_term.setdefault(term, []).append(offer_terms)
    levels: dict[float, list[tuple[frozenset[str], frozenset[str]]]] = {}
    for need_terms in needs:
        met = {group for term in need_terms for group in offer_groups_by_term.get(term, ())}
        for offer_terms in met:
            levels.setdefault(_fit(need_terms, offer_terms), []).append((need_terms, offer_terms))
    found: list[IntroSuggestion] = []
    seen: set[tuple[int, int]] = set()
    for score in sorted(levels, reverse=True):
        candidates: list[tuple[tuple[int, int], int, str, str, int]] = []
        for need_terms, offer_terms in levels[score]:
            needers, offerers = needs[need_terms], offers[offer_terms]
            for needer_id, offerer_id in _pairs_to_try(
                needers, offerers, involving, limit, len(found), introduced | seen
            ):
                key = pair_key(needer_id, offerer_id)
                if needer_id != offerer_id and key not in introduced and key not in seen:
                    candidates.append(
                        (key, needer_id, needers[needer_id], offerers[offerer_id], offerer_id)
                    )
        candidates.sort()
        for key, needer_id, need, offer, offerer_id in candidates:
            if key in seen:
                continue
            seen.add(key)
            found.append(IntroSuggestion(people[needer_id], people[offerer_id], need, offer, score))
            if limit is not None and len(found) >= limit:
                return tuple(found)
    return tuple(found)


def spread_introductions(
    contacts: Iterable[Contact],
    introductions: Iterable[Introduction],
    limit: int,
    *,
    per_person: int = 2,
) -> tuple[IntroSuggestion, ...]:
    """The first `limit` suggestions with no one in more than `per_person` of them.

    Equally good pairs rank by id, so one person who needs (or offers) something common
    would otherwise take every place. Each round asks for the best pairs still open, keeps
    those whose people have room, and leaves out whoever is full from the next round: a
    pass always keeps the first pair it gets, so there are at most `limit` rounds.
    """
    people = {contact.id: contact for contact in contacts if not contact.archived}
    recorded = list(introductions)
    chosen: list[IntroSuggestion] = []
    shown: dict[int, int] = {}
    while len(chosen) < limit:
        taken = {pair_key(s.needer.id, s.offerer.id) for s in chosen}
        batch = suggest_introductions(
            people.values(), recorded, limit=limit - len(chosen), excluded=taken
        )
        if not batch:
            break
        for suggestion in batch:
            pair = (suggestion.needer.id, suggestion.offerer.id)
            if any(shown.get(person, 0) >= per_person for person in pair):
                continue
            chosen.append(suggestion)
            for person in pair:
                shown[person] = shown.get(person, 0) + 1
                if shown[person] >= per_person:
                    people.pop(person, None)
    return tuple(chosen)


def _phrase_groups(
    people: Iterable[Contact], field_name: str
) -> dict[frozenset[str], dict[int, str]]:
    """Needs (or offers) grouped by their terms: for each group, who has it, in whose words
    (the first in sort order when one person words it two ways)."""
    groups: dict[frozenset[str], dict[int, str]] = {}
    for contact in people:
        for phrase in getattr(contact, field_name):
            terms = _terms(phrase)
            if not terms:
                continue
            text = " ".join(phrase.split())
            holders = groups.setdefault(terms, {})
            holders[contact.id] = min(holders.get(contact.id, text), text)
    return groups


def _pairs_to_try(
    needers: Mapping[int, str],
    offerers: Mapping[int, str],
    involving: int | None,
    limit: int | None,
    found: int,
    excluded: set[tuple[int, int]],
) -> Iterator[tuple[int, int]]:
    """(needer, offerer) ids of one need group and one offer group that may rank among the
    first `limit` pairs.

    Pairs rank by their smaller id, then their larger: a pair outside the first w needers
    (or offerers) by id is beaten by w pairs inside, of which at most one is a self-pair and
    the rest already excluded or mirrored (a and b both needing and offering), so a window of
    2 * (still wanted + excluded among these people) + 2 loses nothing.
    """
    if involving is not None:
        if involving in needers:
            yield from ((involving, offerer_id) for offerer_id in sorted(offerers))
        if involving in offerers:
            yield from ((needer_id, involving) for needer_id in sorted(needers))
        return
    needer_ids, offerer_ids = sorted(needers), sorted(offerers)
    if limit is not None:
        relevant = sum(
            1
            for low, high in excluded
            if (low in needers and high in offerers) or (high in needers and low in offerers)
        )
        window = 2 * (limit - found + relevant) + 2
        needer_ids, offerer_ids = needer_ids[:window], offerer_ids[:window]
    for needer_id in needer_ids:
        for offerer_id in offerer_ids:
            yield needer_id, offerer_id


def next_status(status: IntroStatus) -> IntroStatus | None:
    """The step after `status` in the double-opt-in flow (None after the follow-up)."""
    index = INTRO_FLOW.index(status)
    return INTRO_FLOW[index + 1] if index + 1 < len(INTRO_FLOW) else None


def advance_intro(intro: Introduction, today: Date) -> Introduction:
    """The introduction one step further; making it sets the follow-up two weeks out.

    ValueError once it has been followed up: there is nothing after that.
    """
    following = next_status(intro.status)
    if following is None:
        raise ValueError(f"introduction #{intro.id} is already followed up: nothing left to do")
    follow_up_on = intro.follow_up_on
    if following is IntroStatus.MADE:
        follow_up_on = today.add(days=FOLLOW_UP_AFTER_DAYS)
    return replace(intro, status=following, updated_on=today, follow_up_on=follow_up_on)


STATUS_WORDS: Mapping[IntroStatus, str] = {
    IntroStatus.PROPOSED: "proposed",
    IntroStatus.ASKED_A: "asked the first",
    IntroStatus.ASKED_B: "asked both",
    IntroStatus.MADE: "made",
    IntroStatus.FOLLOWED_UP: "followed up",
}


def next_step_words(intro: Introduction, a_name: str, b_name: str) -> str:
    """What advancing does next, in words: "ask Ana whether she wants the intro"."""
    following = next_status(intro.status)
    if following is IntroStatus.ASKED_A:
        return f"ask {a_name} if they want to meet {b_name}"
    if following is IntroStatus.ASKED_B:
        return f"ask {b_name} if they want to meet {a_name}"
    if following is IntroStatus.MADE:
        return f"introduce {a_name} and {b_name}"
    if following is IntroStatus.FOLLOWED_UP:
        return f"ask {a_name} how it went with {b_name}"
    return "done"


def follow_up_due(intro: Introduction, today: Date) -> bool:
    """A made introduction whose follow-up day has come."""
    return (
        intro.status is IntroStatus.MADE
        and intro.follow_up_on is not None
        and intro.follow_up_on <= today
    )


@dataclass(frozen=True)
class IntroDraft:
    """The message one step of an introduction needs, and who it goes to."""

    to_id: int
    subject: str
    body: str


def _first(contact: Contact) -> str:
    for name in (contact.given_name, contact.nickname, contact.display_name):
        words = name.split()
        if words:
            return " ".join(words) if name is not contact.display_name else words[0]
    return "there"


def _who(contact: Contact) -> str:
    """ "Bruno Costa (designer at Acme)"."""
    role = " at ".join(part for part in (contact.title.strip(), contact.company.strip()) if part)
    return f"{contact.display_name} ({role})" if role else contact.display_name


def intro_draft(intro: Introduction, a: Contact, b: Contact, step: IntroStatus) -> IntroDraft:
    """The message that takes an introduction to `step` (asking A, asking B, making it,
    following up). A draft to edit, not to send as is."""
    reason = " ".join(intro.reason.split())
    why = f"\n\nWhy I thought of you two: {reason}." if reason else ""
    if step is IntroStatus.ASKED_A:
        return IntroDraft(
            to_id=a.id,
            subject=f"Would you like to meet {b.display_name}?",
            body=(
                f"Hi {_first(a)},\n\nI know {_who(b)} and I think you two should talk.{why}\n\n"
                "Would you like an introduction? Happy to connect you, and no pressure "
                "either way.\n"
            ),
        )
    if step is IntroStatus.ASKED_B:
        return IntroDraft(
            to_id=b.id,
            subject=f"Would you like to meet {a.display_name}?",
            body=(
                f"Hi {_first(b)},\n\n{_who(a)} would like to meet you.{why}\n\n"
                "Would you be open to an introduction? Happy to connect you, and no pressure "
                "either way.\n"
            ),
        )
    if step is IntroStatus.MADE:
        return IntroDraft(
            to_id=a.id,
            subject=f"Introduction: {a.display_name} and {b.display_name}",
            body=(
                f"Hi {_first(a)} and {_first(b)},\n\nAs promised, introducing you two: "
                f"{_who(a)}, meet {_who(b)}.{why}\n\nI'll let you take it from here.\n"
            ),
        )
    if step is IntroStatus.FOLLOWED_UP:
        return IntroDraft(
            to_id=a.id,
            subject=f"How did it go with {b.display_name}?",
            body=(
                f"Hi {_first(a)},\n\nA couple of weeks ago I introduced you to "
                f"{b.display_name}. Did you two get to talk? Anything else I can help with?\n"
            ),
        )
    raise ValueError(f"no message for the {step.value} step")


# --- the agenda ---------------------------------------------------------------------------

MAX_VALUE_ITEMS_PER_DAY = 3


def value_slots(daily_budget: int, given_today: int = 0) -> int:
    """How many share and intro suggestions the agenda may still hold today: a few a day,
    within the daily budget, less those already acted on today (shares sent, intros
    proposed), so acting on one never just brings up another."""
    return max(0, min(MAX_VALUE_ITEMS_PER_DAY, daily_budget) - max(0, given_today))


def share_item(match: ShareMatch) -> AgendaItem:
    """A share suggestion as an agenda row."""
    title = " ".join(match.shareable.title.split())
    return AgendaItem(
        kind=ItemKind.SHARE,
        contact=match.contact,
        label=f"share: {_short(title, 30)}",
        reason=match.explanation,
        action=f"share “{_short(title, 50)}”",
        tier=TIER_VALUE,
        score=match.score,
        days_late=0,
        ref_id=match.shareable.id,
        title=title,
    )


def intro_suggestion_item(suggestion: IntroSuggestion) -> AgendaItem:
    """An introduction worth proposing, as an agenda row under the person who needs it."""
    other = suggestion.offerer
    return AgendaItem(
        kind=ItemKind.INTRO,
        contact=suggestion.needer,
        label=f"intro: {_short(other.display_name, 24)}",
        reason=suggestion.explanation,
        action=f"propose an intro to {other.display_name}",
        tier=TIER_VALUE,
        score=suggestion.score,
        days_late=0,
        title=f"introduce {suggestion.needer.display_name} to {other.display_name}",
        other=other,
    )


def follow_up_item(intro: Introduction, a: Contact, b: Contact, today: Date) -> AgendaItem:
    """A made introduction whose follow-up day has come."""
    on = intro.follow_up_on or today
    late = days_between(on, today)
    when = "today" if late == 0 else f"{days_words(late)} late"
    return AgendaItem(
        kind=ItemKind.INTRO,
        contact=a,
        label=f"intro follow-up: {_short(b.display_name, 16)}",
        reason=f"you introduced them to {b.display_name}; follow up {when}"
        if late
        else f"you introduced them to {b.display_name}; follow up {when_words(on, today)}",
        action=f"ask how it went with {b.display_name}",
        tier=TIER_TODAY,
        score=float(late),
        days_late=late,
        ref_id=intro.id,
        on=on,
        title=f"follow up: {a.display_name} and {b.display_name}",
        other=b,
    )


def with_value_items(
    agenda: Agenda,
    *,
    share_matches: Sequence[ShareMatch],
    intro_suggestions: Sequence[IntroSuggestion],
    follow_ups: Sequence[tuple[Introduction, Contact, Contact]],
    given_today: int = 0,
) -> Agenda:
    """The agenda with introduction follow-ups due (all of them: they are promises) and a
    few suggestions to give something (`value_slots`: a few a day, counting those already
    given today): the best introduction first, then shares, one per person, never to
    someone archived."""
    slots = value_slots(agenda.daily_budget, given_today)
    extra: list[AgendaItem] = [
        follow_up_item(intro, a, b, agenda.today)
        for intro, a, b in follow_ups
        if follow_up_due(intro, agenda.today) and not a.archived
    ]
    suggested: list[AgendaItem] = []
    people: set[int] = set()
    for suggestion in intro_suggestions[:1]:
        if len(suggested) < slots:
            suggested.append(intro_suggestion_item(suggestion))
            people.add(suggestion.needer.id)
    for match in share_matches:
        if len(suggested) >= slots:
            break
        if match.contact.archived or match.contact.id in people:
            continue
        suggested.append(share_item(match))
        people.add(match.contact.id)
    if not extra and not suggested:
        return agenda
    items = sorted([*agenda.items, *extra, *suggested], key=lambda item: item.sort_key)
    return replace(agenda, items=tuple(items))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the give/ask balance -----------------------------------------------------------------

BALANCE_MONTHS = 12
BALANCE_KINDS: frozenset[InteractionKind] = GIVE_KINDS | ASK_KINDS


@dataclass(frozen=True)
class GiveAskBalance:
    """What we gave one person and asked of them over the last 12 months, and a nudge."""

    gives: int
    asks: int
    asks_in_a_row: int
    nudge: str

    @property
    def words(self) -> str:
        """ "gave 3 · asked 1 in 12 months"."""
        return f"gave {self.gives} · asked {self.asks} in {BALANCE_MONTHS} months"


def give_ask_balance(
    interactions: Iterable[Interaction], *, name: str, today: Date
) -> GiveAskBalance:
    """Count our gives (share, intro, help, congrats) and asks with one person over the last
    12 months, and say when to offer something before asking again."""
    since = today.subtract(months=BALANCE_MONTHS)
    counted = sorted(
        (
            touch
            for touch in interactions
            if counts_as_ours(touch.direction)
            and (touch.kind in GIVE_KINDS or touch.kind in ASK_KINDS)
            and since < touch.occurred_at.date() <= today
        ),
        key=lambda touch: (touch.occurred_at, touch.id),
    )
    gives = sum(1 for touch in counted if touch.kind in GIVE_KINDS)
    asks = len(counted) - gives
    in_a_row = 0
    for touch in reversed(counted):
        if touch.kind is not InteractionKind.ASK:
            break
        in_a_row += 1
    nudge = ""
    if in_a_row >= 2:
        nudge = f"you asked {name} for favours the last {in_a_row} times: offer something first"
    elif asks > gives:
        nudge = (
            f"you asked {name} for more than you gave in the last year"
            f" ({asks} asks, {gives} gives): offer something first"
        )
    elif in_a_row == 1:
        nudge = f"your last touch with {name} was an ask: offer something next time"
    return GiveAskBalance(gives=gives, asks=asks, asks_in_a_row=in_a_row, nudge=nudge)


# --- lists of links ------------------------------------------------------------------------

_MD_LINK = re.compile(r"\[(?P<title>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_URL = re.compile(r"<?(?P<url>(?:https?|ftp)://[^\s<>()\[\]]+)>?", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w#&/])#(?P<tag>[^\W\d_][\w-]*)")
_HEADING = re.compile(r"(?P<level>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,4}[.)])\s+(?:\[[ xX]\]\s+)?")
_SEPARATORS = " \t-–—:|·,;"
_URL_TRAILING = ".,;:!?'\""


@dataclass(frozen=True)
class LinkLine:
    """One link found in a list: its title (may be empty), URL, note and topics."""

    url: str
    title: str = ""
    note: str = ""
    topics: tuple[str, ...] = ()
    line: int = 0


def parse_link_list(text: str) -> tuple[LinkLine, ...]:
    """The links in a plain-text or Markdown list, one per line.

    Understands `- [Title](url) #topic — note`, `* url Title`, `Title: url`, bare URLs and
    `<url>`; a Markdown section heading (`## Climbing`) is a topic of the links under it, and
    `#hashtags` on a line are its topics. Lines without a link are skipped.
    """
    found: list[LinkLine] = []
    heading_topic = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        heading = _HEADING.fullmatch(line)
        if heading is not None and "://" not in line:
            # A document's title (`# Reading list`) is no topic; its sections are.
            level = len(heading.group("level"))
            heading_topic = " ".join(heading.group("text").split()) if level > 1 else ""
            continue
        body = _BULLET.sub("", line, count=1)
        link = _MD_LINK.search(body)
        if link is not None:
            url = link.group("url")
            title = link.group("title")
            before, after = body[: link.start()], body[link.end() :]
            note = f"{before} {after}"
        else:
            bare = _BARE_URL.search(body)
            if bare is None:
                continue
            url = bare.group("url").rstrip(_URL_TRAILING)
            before, after = body[: bare.start()], body[bare.end() :]
            if _words_only(before):
                title, note = before, after
            else:
                title, note = after, ""
        tags = [match.group("tag") for match in _HASHTAG.finditer(f"{before} {after}")]
        found.append(
            LinkLine(
                url=url,
                title=_words_only(title),
                note=_words_only(note),
                topics=clean_topics([*tags, heading_topic]),
                line=number,
            )
        )
    return tuple(found)


def _words_only(text: str) -> str:
    """Text without its hashtags, spacing collapsed, list separators trimmed at both ends."""
    return " ".join(_HASHTAG.sub("", text).split()).strip(_SEPARATORS)


_URL_SHAPE = re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)


def looks_like_url(text: str) -> bool:
    """Whether text is one web address: http(s), a host, no spaces."""
    return _URL_SHAPE.fullmatch(text.strip()) is not None
