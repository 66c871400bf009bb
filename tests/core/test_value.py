"""Providing value: share matching, introduction suggestions and flow, the give/ask balance."""

from __future__ import annotations

import random

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pendulum import Date, DateTime

from core import value
from core.agenda import TIER_TODAY, Agenda, AgendaItem, ItemKind
from core.models import (
    Contact,
    Direction,
    Interaction,
    InteractionKind,
    Introduction,
    IntroStatus,
    Share,
    Shareable,
)

TODAY = Date(2026, 11, 26)


def person(contact_id: int, name: str, **fields: object) -> Contact:
    return Contact(id=contact_id, display_name=name, given_name=name.split()[0], **fields)  # type: ignore[arg-type]


def item(item_id: int, title: str, *topics: str, age_days: int = 0) -> Shareable:
    return Shareable(
        id=item_id,
        title=title,
        url=f"https://example.org/{item_id}",
        topics=topics,
        added_on=TODAY.subtract(days=age_days),
    )


def at(days_ago: int) -> DateTime:
    day = TODAY.subtract(days=days_ago)
    return pendulum.datetime(day.year, day.month, day.day, 12, tz="UTC")


# --- topics --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("AI", "ai"),
        ("#Climbing", "climbing"),
        ("machine-learning", "machine learning"),
        ("  Machine   Learning ", "machine learning"),
        ("---", ""),
    ],
)
def test_topic_key(text: str, key: str) -> None:
    assert value.topic_key(text) == key


def test_clean_topics_drops_blanks_and_repeats() -> None:
    assert value.clean_topics(["ai", " AI ", "", "#climbing", "Climbing"]) == ("ai", "climbing")


# --- matching shareables -------------------------------------------------------------------


def test_a_match_is_explained_by_the_topics_it_shares() -> None:
    ana = person(1, "Ana Lima", interests=("climbing", "AI"))
    (match,) = value.matches_for_contact(
        ana, [item(1, "The Crux", "climbing", "ai", "cooking")], [], today=TODAY
    )
    assert match.matched == ("climbing", "ai")
    assert match.explanation == "matches: climbing, ai"


def test_no_overlap_is_no_match() -> None:
    ana = person(1, "Ana Lima", interests=("climbing",))
    assert value.matches_for_contact(ana, [item(1, "Soup", "cooking")], [], today=TODAY) == ()


def test_interests_weigh_more_than_tags() -> None:
    ana = person(1, "Ana Lima", interests=("climbing",), tags=("ai",))
    climbing, ai = item(1, "Crux", "climbing"), item(2, "Models", "ai")
    matches = value.matches_for_contact(ana, [ai, climbing], [], today=TODAY)
    assert [match.shareable.id for match in matches] == [1, 2]
    assert matches[0].score == pytest.approx(2 * matches[1].score)


def test_fresher_items_rank_first() -> None:
    ana = person(1, "Ana Lima", interests=("climbing",))
    old, new = item(1, "Old", "climbing", age_days=120), item(2, "New", "climbing")
    matches = value.matches_for_contact(ana, [old, new], [], today=TODAY)
    assert [match.shareable.id for match in matches] == [2, 1]
    assert matches[1].score == pytest.approx(matches[0].score / 4)


def test_an_item_already_sent_is_never_suggested() -> None:
    ana = person(1, "Ana Lima", interests=("climbing",))
    shares = [Share(id=1, shareable_id=1, contact_id=1, shared_on=TODAY.subtract(days=300))]
    items = [item(1, "Crux", "climbing"), item(2, "Beta", "climbing")]
    assert [m.shareable.id for m in value.matches_for_contact(ana, items, shares, today=TODAY)] == [
        2
    ]
    assert [m.shareable.id for m in value.suggest_shares([ana], items, shares, today=TODAY)] == [2]


def test_a_recent_share_lowers_every_match_for_that_person() -> None:
    ana = person(1, "Ana Lima", interests=("climbing",))
    bea = person(2, "Bea Reis", interests=("climbing",))
    shares = [Share(id=1, shareable_id=9, contact_id=1, shared_on=TODAY.subtract(days=3))]
    matches = value.suggest_shares([ana, bea], [item(1, "Crux", "climbing")], shares, today=TODAY)
    assert [match.contact.id for match in matches] == [2, 1]
    assert matches[1].score == pytest.approx(matches[0].score * 3 / value.REST_DAYS)


def test_suggestions_leave_out_archived_people_and_keep_one_per_person() -> None:
    ana = person(1, "Ana Lima", interests=("climbing", "ai"))
    gone = person(2, "Old Friend", interests=("climbing",), archived=True)
    items = [item(1, "Crux", "climbing"), item(2, "Models", "ai")]
    matches = value.suggest_shares([ana, gone], items, [], today=TODAY)
    assert [(m.contact.id, m.shareable.id) for m in matches] == [(1, 1)]
    every = value.suggest_shares([ana, gone], items, [], today=TODAY, per_contact=None)
    assert len(every) == 2


# --- introductions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("need", "offer"),
    [
        ("looking for a designer", "design"),
        ("job in climate", "hiring"),
        ("raising a seed round", "fundraising advice"),
        ("a mentor", "mentoring"),
    ],
)
def test_a_need_meets_an_offer(need: str, offer: str) -> None:
    ana = person(1, "Ana Lima", needs=(need,))
    bruno = person(2, "Bruno Costa", offers=(offer,))
    (suggestion,) = value.suggest_introductions([ana, bruno], [])
    assert (suggestion.needer.id, suggestion.offerer.id) == (1, 2)
    assert suggestion.explanation == f"Ana Lima needs: {need} · Bruno Costa offers: {offer}"


def test_unrelated_needs_and_offers_make_no_suggestion() -> None:
    ana = person(1, "Ana Lima", needs=("a good dentist",))
    bruno = person(2, "Bruno Costa", offers=("design",))
    assert value.suggest_introductions([ana, bruno], []) == ()


def test_never_pairs_someone_with_themselves_or_an_introduced_pair() -> None:
    ana = person(1, "Ana Lima", needs=("a designer",), offers=("design",))
    bruno = person(2, "Bruno Costa", offers=("design",))
    carla = person(3, "Carla Reis", offers=("designers",))
    intro = Introduction(id=1, a_id=2, b_id=1, status=IntroStatus.FOLLOWED_UP)
    suggestions = value.suggest_introductions([ana, bruno, carla], [intro])
    assert [(s.needer.id, s.offerer.id) for s in suggestions] == [(1, 3)]


def test_a_closer_fit_ranks_first() -> None:
    ana = person(1, "Ana Lima", needs=("hiring a climate engineer",))
    bruno = person(2, "Bruno Costa", offers=("engineering",))
    carla = person(3, "Carla Reis", offers=("climate engineering",))
    suggestions = value.suggest_introductions([ana, bruno, carla], [])
    assert [s.offerer.id for s in suggestions] == [3, 2]


def test_intro_flow_walks_every_status_and_sets_the_follow_up() -> None:
    intro = Introduction(id=1, a_id=1, b_id=2, created_on=TODAY)
    seen = [intro.status]
    while value.next_status(intro.status) is not None:
        intro = value.advance_intro(intro, TODAY)
        seen.append(intro.status)
    assert seen == list(IntroStatus)
    assert intro.follow_up_on == TODAY.add(days=value.FOLLOW_UP_AFTER_DAYS)
    with pytest.raises(ValueError, match="already followed up"):
        value.advance_intro(intro, TODAY)


def test_each_step_drafts_a_message_to_the_right_person() -> None:
    ana = person(1, "Ana Lima")
    bruno = person(2, "Bruno Costa", title="designer", company="Acme")
    intro = Introduction(id=1, a_id=1, b_id=2, reason="Ana needs a designer")
    to = {step: value.intro_draft(intro, ana, bruno, step) for step in list(IntroStatus)[1:]}
    assert [draft.to_id for draft in to.values()] == [1, 2, 1, 1]
    assert "Bruno Costa (designer at Acme)" in to[IntroStatus.ASKED_A].body
    assert "Ana needs a designer" in to[IntroStatus.ASKED_B].body
    assert to[IntroStatus.MADE].body.startswith("Hi Ana and Bruno,")
    with pytest.raises(ValueError):
        value.intro_draft(intro, ana, bruno, IntroStatus.PROPOSED)


# --- the agenda ---------------------------------------------------------------------------


def _agenda(*items: AgendaItem, budget: int = 5) -> Agenda:
    return Agenda(today=TODAY, items=items, checkins_due=0, daily_budget=budget)


def test_value_items_are_few_and_after_the_rest() -> None:
    people = [person(i, f"P{i} X", interests=("ai",)) for i in range(1, 6)]
    matches = value.suggest_shares(people, [item(1, "Models", "ai")], [], today=TODAY)
    agenda = value.with_value_items(
        _agenda(), share_matches=matches, intro_suggestions=(), follow_ups=()
    )
    assert len(agenda.items) == value.MAX_VALUE_ITEMS_PER_DAY
    assert {i.kind for i in agenda.items} == {ItemKind.SHARE}
    assert agenda.items[0].title == "Models" and agenda.items[0].reason == "matches: ai"
    tight = value.with_value_items(
        _agenda(budget=1), share_matches=matches, intro_suggestions=(), follow_ups=()
    )
    assert len(tight.items) == 1
    # A few a day: each share sent or intro proposed today takes a slot, so acting on one
    # does not just bring up the next.
    later = value.with_value_items(
        _agenda(), share_matches=matches, intro_suggestions=(), follow_ups=(), given_today=2
    )
    assert len(later.items) == value.MAX_VALUE_ITEMS_PER_DAY - 2
    done = value.with_value_items(
        _agenda(), share_matches=matches, intro_suggestions=(), follow_ups=(), given_today=9
    )
    assert done.items == ()


def test_an_intro_follow_up_enters_the_agenda_on_its_date() -> None:
    ana, bruno = person(1, "Ana Lima"), person(2, "Bruno Costa")
    made = Introduction(
        id=7, a_id=1, b_id=2, status=IntroStatus.MADE, follow_up_on=TODAY.add(days=1)
    )
    before = value.with_value_items(
        _agenda(), share_matches=(), intro_suggestions=(), follow_ups=[(made, ana, bruno)]
    )
    assert before.items == ()
    tomorrow = Agenda(today=TODAY.add(days=1), items=(), checkins_due=0, daily_budget=0)
    (row,) = value.with_value_items(
        tomorrow, share_matches=(), intro_suggestions=(), follow_ups=[(made, ana, bruno)]
    ).items
    assert (row.kind, row.ref_id, row.tier, row.other) == (ItemKind.INTRO, 7, TIER_TODAY, bruno)


# --- the give/ask balance -----------------------------------------------------------------


def touch(
    touch_id: int, days_ago: int, kind: InteractionKind, direction: Direction = Direction.OUTBOUND
) -> Interaction:
    return Interaction(
        id=touch_id, contact_id=1, occurred_at=at(days_ago), kind=kind, direction=direction
    )


def test_three_asks_in_a_row_nudge_to_offer_first() -> None:
    history = [
        touch(1, 200, InteractionKind.SHARE),
        touch(2, 100, InteractionKind.ASK),
        touch(3, 50, InteractionKind.ASK),
        touch(4, 40, InteractionKind.CHECK_IN),
        touch(5, 10, InteractionKind.ASK),
    ]
    balance = value.give_ask_balance(history, name="Sam", today=TODAY)
    assert (balance.gives, balance.asks, balance.asks_in_a_row) == (1, 3, 3)
    assert balance.nudge == "you asked Sam for favours the last 3 times: offer something first"
    assert balance.words == "gave 1 · asked 3 in 12 months"


def test_only_our_touches_of_the_last_twelve_months_count() -> None:
    history = [
        touch(1, 400, InteractionKind.ASK),
        touch(2, 30, InteractionKind.ASK, Direction.INBOUND),
        touch(3, 20, InteractionKind.HELP),
        touch(4, 10, InteractionKind.CONGRATS, Direction.MUTUAL),
    ]
    balance = value.give_ask_balance(history, name="Sam", today=TODAY)
    assert (balance.gives, balance.asks, balance.nudge) == (2, 0, "")


def test_more_asks_than_gives_nudges_even_when_not_in_a_row() -> None:
    history = [
        touch(1, 90, InteractionKind.ASK),
        touch(2, 60, InteractionKind.ASK),
        touch(3, 30, InteractionKind.SHARE),
    ]
    balance = value.give_ask_balance(history, name="Sam", today=TODAY)
    assert "more than you gave" in balance.nudge


# --- properties ---------------------------------------------------------------------------

TOPICS = ["ai", "climbing", "Climbing", "design", "climate", "#ai", "cooking"]
topic_lists = st.lists(st.sampled_from(TOPICS), max_size=4).map(tuple)
PHRASES = [
    "design",
    "a designer",
    "hiring",
    "job in climate",
    "fundraising advice",
    "investors",
    "a mentor",
    "climate engineering",
]
phrase_lists = st.lists(st.sampled_from(PHRASES), max_size=3).map(tuple)


@st.composite
def networks(draw: st.DrawFn) -> list[Contact]:
    count = draw(st.integers(min_value=0, max_value=8))
    return [
        Contact(
            id=contact_id,
            display_name=draw(st.sampled_from(["Ana", "Bruno", "Carla", "ana"])),
            interests=draw(topic_lists),
            tags=draw(topic_lists),
            offers=draw(phrase_lists),
            needs=draw(phrase_lists),
            archived=draw(st.booleans()),
        )
        for contact_id in range(1, count + 1)
    ]


@st.composite
def libraries(draw: st.DrawFn) -> list[Shareable]:
    count = draw(st.integers(min_value=0, max_value=6))
    return [
        Shareable(
            id=shareable_id,
            title=f"item {shareable_id}",
            url=f"https://example.org/{shareable_id}",
            topics=draw(topic_lists),
            added_on=draw(st.none() | st.integers(0, 400).map(lambda n: TODAY.subtract(days=n))),
        )
        for shareable_id in range(1, count + 1)
    ]


@st.composite
def share_logs(draw: st.DrawFn, contacts: int = 8, items: int = 6) -> list[Share]:
    pairs = draw(
        st.lists(
            st.tuples(st.integers(1, items), st.integers(1, contacts), st.integers(0, 400)),
            max_size=15,
        )
    )
    return [
        Share(id=i, shareable_id=s, contact_id=c, shared_on=TODAY.subtract(days=d))
        for i, (s, c, d) in enumerate(pairs, start=1)
    ]


@st.composite
def intro_logs(draw: st.DrawFn, contacts: int = 8) -> list[Introduction]:
    pairs = draw(
        st.lists(st.tuples(st.integers(1, contacts), st.integers(1, contacts)), max_size=6)
    )
    return [
        Introduction(id=i, a_id=a, b_id=b, status=draw(st.sampled_from(list(IntroStatus))))
        for i, (a, b) in enumerate(pairs, start=1)
        if a != b
    ]


@settings(max_examples=200)
@given(networks(), libraries(), share_logs())
def test_property_an_item_is_never_suggested_twice_to_one_contact(
    contacts: list[Contact], shareables: list[Shareable], shares: list[Share]
) -> None:
    sent = {(share.shareable_id, share.contact_id) for share in shares}
    every = value.suggest_shares(contacts, shareables, shares, today=TODAY, per_contact=None)
    pairs = [(match.shareable.id, match.contact.id) for match in every]
    assert len(pairs) == len(set(pairs))  # not twice in one list
    assert not set(pairs) & sent  # and never again once sent
    for contact in contacts:
        for match in value.matches_for_contact(contact, shareables, shares, today=TODAY):
            assert (match.shareable.id, contact.id) not in sent
            assert match.matched and match.explanation.startswith("matches: ")
    # Logging each suggestion as a share means it is never suggested again.
    logged = [
        *shares,
        *(
            Share(id=1000 + i, shareable_id=s, contact_id=c, shared_on=TODAY)
            for i, (s, c) in enumerate(pairs)
        ),
    ]
    again = value.suggest_shares(contacts, shareables, logged, today=TODAY, per_contact=None)
    assert not {(match.shareable.id, match.contact.id) for match in again} & set(pairs)


@settings(max_examples=200)
@given(networks(), intro_logs())
def test_property_intro_suggestions_never_self_or_already_introduced(
    contacts: list[Contact], intros: list[Introduction]
) -> None:
    introduced = {frozenset((intro.a_id, intro.b_id)) for intro in intros}
    suggestions = value.suggest_introductions(contacts, intros)
    pairs = [frozenset((s.needer.id, s.offerer.id)) for s in suggestions]
    for suggestion, pair in zip(suggestions, pairs, strict=True):
        assert suggestion.needer.id != suggestion.offerer.id
        assert pair not in introduced
        assert suggestion.need in suggestion.needer.needs or suggestion.need in {
            " ".join(need.split()) for need in suggestion.needer.needs
        }
        assert not suggestion.needer.archived and not suggestion.offerer.archived
    assert len(pairs) == len(set(pairs))


@settings(max_examples=100)
@given(networks(), libraries(), share_logs(), intro_logs(), st.randoms(use_true_random=False))
def test_property_matching_is_deterministic(
    contacts: list[Contact],
    shareables: list[Shareable],
    shares: list[Share],
    intros: list[Introduction],
    rng: random.Random,
) -> None:
    shuffled_contacts = list(contacts)
    shuffled_items = list(shareables)
    rng.shuffle(shuffled_contacts)
    rng.shuffle(shuffled_items)
    assert value.suggest_shares(
        contacts, shareables, shares, today=TODAY, per_contact=None
    ) == value.suggest_shares(
        shuffled_contacts, shuffled_items, shares, today=TODAY, per_contact=None
    )
    assert value.suggest_shares(contacts, shareables, shares, today=TODAY) == value.suggest_shares(
        contacts, shareables, shares, today=TODAY
    )
    assert value.suggest_introductions(contacts, intros) == value.suggest_introductions(
        shuffled_contacts, intros
    )


@settings(max_examples=100)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 500),
            st.sampled_from(list(InteractionKind)),
            st.sampled_from(list(Direction)),
        ),
        max_size=20,
    )
)
def test_property_balance_counts_stay_within_the_window(
    raw: list[tuple[int, InteractionKind, Direction]],
) -> None:
    history = [touch(i, days, kind, direction) for i, (days, kind, direction) in enumerate(raw)]
    balance = value.give_ask_balance(history, name="Sam", today=TODAY)
    recent_ours = [
        t
        for t in history
        if t.direction is not Direction.INBOUND and t.occurred_at.date() > TODAY.subtract(months=12)
    ]
    assert balance.gives == sum(1 for t in recent_ours if t.kind in value.GIVE_KINDS)
    assert balance.asks == sum(1 for t in recent_ours if t.kind is InteractionKind.ASK)
    assert balance.asks_in_a_row <= balance.asks
    assert bool(balance.nudge) == (balance.asks_in_a_row >= 1 or balance.asks > balance.gives)


# --- lists of links -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "url", "title", "note", "topics"),
    [
        (
            "- [The Crux](https://x.org/c) #ai — grip",
            "https://x.org/c",
            "The Crux",
            "grip",
            ("ai",),
        ),
        ("* https://x.org/b Beta spraying", "https://x.org/b", "Beta spraying", "", ()),
        ("Great talk: https://x.org/t?a=1#frag.", "https://x.org/t?a=1#frag", "Great talk", "", ()),
        ("<https://x.org/p>", "https://x.org/p", "", "", ()),
        ('1. [ ] [Todo](<https://x.org/d> "tip")', "https://x.org/d", "Todo", "", ()),
    ],
)
def test_parse_link_list_reads_one_link_per_line(
    line: str, url: str, title: str, note: str, topics: tuple[str, ...]
) -> None:
    (link,) = value.parse_link_list(line)
    assert (link.url, link.title, link.note, link.topics) == (url, title, note, topics)


def test_section_headings_are_topics_and_lines_without_links_are_skipped() -> None:
    text = "# My reading\n- https://x.org/a\n## Climbing\nnothing here\n- https://x.org/b #ai\n"
    links = value.parse_link_list(text)
    assert [(link.url, link.topics, link.line) for link in links] == [
        ("https://x.org/a", (), 2),
        ("https://x.org/b", ("ai", "Climbing"), 5),
    ]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("https://x.org/a", True),
        ("http://localhost:8000/", True),
        ("x.org", False),
        ("https://a b", False),
    ],
)
def test_looks_like_url(text: str, ok: bool) -> None:
    assert value.looks_like_url(text) is ok


@given(st.text(max_size=200))
def test_property_parsing_any_text_never_fails_and_finds_only_urls(text: str) -> None:
    for link in value.parse_link_list(text):
        assert link.url and "\n" not in link.url and "\n" not in link.title


def _brute_force(
    contacts: list[Contact], intros: list[Introduction], involving: int | None = None
) -> list[tuple[int, int, str, str, float]]:
    """Every (needer, offerer, need, offer) scored, the best per pair: the definition."""
    introduced = {value.pair_key(i.a_id, i.b_id) for i in intros}
    people = [c for c in contacts if not c.archived]
    best: dict[tuple[int, int], value.IntroSuggestion] = {}
    for needer in people:
        for offerer in people:
            if needer.id == offerer.id:
                continue
            if involving is not None and involving not in (needer.id, offerer.id):
                continue
            key = value.pair_key(needer.id, offerer.id)
            if key in introduced:
                continue
            for need in needer.needs:
                for offer in offerer.offers:
                    need_terms, offer_terms = value._terms(need), value._terms(offer)
                    if not need_terms or not offer_terms:
                        continue
                    score = value._fit(need_terms, offer_terms)
                    if score <= 0:
                        continue
                    found = value.IntroSuggestion(
                        needer, offerer, " ".join(need.split()), " ".join(offer.split()), score
                    )
                    if key not in best or found.sort_key < best[key].sort_key:
                        best[key] = found
    ranked = sorted(best.values(), key=lambda s: s.sort_key)
    return [(s.needer.id, s.offerer.id, s.need, s.offer, s.score) for s in ranked]


def _shape(
    suggestions: tuple[value.IntroSuggestion, ...],
) -> list[tuple[int, int, str, str, float]]:
    return [(s.needer.id, s.offerer.id, s.need, s.offer, s.score) for s in suggestions]


@settings(max_examples=300)
@given(networks(), intro_logs(), st.integers(1, 6), st.integers(1, 8))
def test_property_grouped_suggestions_equal_the_definition(
    contacts: list[Contact], intros: list[Introduction], limit: int, someone: int
) -> None:
    everything = _brute_force(contacts, intros)
    assert _shape(value.suggest_introductions(contacts, intros)) == everything
    assert _shape(value.suggest_introductions(contacts, intros, limit=limit)) == everything[:limit]
    assert _shape(value.suggest_introductions(contacts, intros, involving=someone)) == (
        _brute_force(contacts, intros, involving=someone)
    )


@settings(max_examples=300)
@given(networks(), intro_logs(), st.integers(1, 6), st.integers(1, 3))
def test_property_spread_suggestions_are_the_best_with_room_for_everyone(
    contacts: list[Contact], intros: list[Introduction], limit: int, per_person: int
) -> None:
    # The definition: walk every pair best first, keep one while both people have room.
    shown: dict[int, int] = {}
    expected = []
    for pair in _brute_force(contacts, intros):
        if len(expected) < limit and all(shown.get(p, 0) < per_person for p in pair[:2]):
            expected.append(pair)
            for person in pair[:2]:
                shown[person] = shown.get(person, 0) + 1
    spread = value.spread_introductions(contacts, intros, limit, per_person=per_person)
    assert _shape(spread) == expected


def test_one_person_who_needs_what_many_offer_does_not_fill_the_list() -> None:
    hub = person(1, "Ana Lima", needs=("beta testers",))
    helpers = [person(i, f"H{i} Y", offers=("beta testers",)) for i in range(2, 12)]
    others = [
        person(20, "Bruno Costa", needs=("hiring advice",)),
        person(21, "Carla Reis", offers=("hiring advice",)),
    ]
    plain = value.suggest_introductions([hub, *helpers, *others], [], limit=3)
    assert [s.needer.id for s in plain] == [1, 1, 1]
    spread = value.spread_introductions([hub, *helpers, *others], [], 3)
    assert [(s.needer.id, s.offerer.id) for s in spread] == [(1, 2), (1, 3), (20, 21)]


def test_a_crowd_with_the_same_need_is_fast_and_lowest_ids_first() -> None:
    crowd = [person(i, f"P{i} X", needs=("beta testers",)) for i in range(1, 3001)]
    helpers = [person(i, f"H{i} Y", offers=("beta testing",)) for i in range(3001, 6001)]
    intro = Introduction(id=1, a_id=1, b_id=3001)
    suggestions = value.suggest_introductions([*crowd, *helpers], [intro], limit=3)
    assert [(s.needer.id, s.offerer.id) for s in suggestions] == [(1, 3002), (1, 3003), (1, 3004)]


@st.composite
def crowds(draw: st.DrawFn) -> tuple[list[Contact], list[Introduction]]:
    """Many people sharing a few needs and offers, so groups outgrow a small limit's window."""
    phrases = st.lists(st.sampled_from(["design", "a designer", "hiring", "a job"]), max_size=2)
    count = draw(st.integers(min_value=2, max_value=40))
    people = [
        Contact(
            id=contact_id,
            display_name=f"P{contact_id}",
            needs=tuple(draw(phrases)),
            offers=tuple(draw(phrases)),
            archived=draw(st.booleans()) and draw(st.booleans()),
        )
        for contact_id in range(1, count + 1)
    ]
    pairs = draw(st.lists(st.tuples(st.integers(1, count), st.integers(1, count)), max_size=count))
    intros = [
        Introduction(id=i, a_id=a, b_id=b) for i, (a, b) in enumerate(pairs, start=1) if a != b
    ]
    return people, intros


@settings(max_examples=200)
@given(crowds(), st.integers(1, 4))
def test_property_a_limit_never_changes_which_pairs_come_first(
    crowd: tuple[list[Contact], list[Introduction]], limit: int
) -> None:
    contacts, intros = crowd
    everything = _brute_force(contacts, intros)
    assert _shape(value.suggest_introductions(contacts, intros, limit=limit)) == everything[:limit]
