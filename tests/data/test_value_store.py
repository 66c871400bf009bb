"""The value store: the shareables library, shares sent and introductions, on real files."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import value
from core.agenda import TIER_VALUE, ItemKind
from core.models import (
    Circle,
    Contact,
    Direction,
    Interaction,
    InteractionKind,
    IntroStatus,
    Shareable,
)
from data import schema
from data.interchange.json_io import export_json, restore_json
from data.store import NotFound, Store
from data.value_store import DuplicateError, ValueStore
from tests.data.conftest import TODAY, at, person


@pytest.fixture
def values(store: Store) -> ValueStore:
    return ValueStore(store)


def add(store: Store, *people: Contact) -> list[Contact]:
    return store.add_contacts(list(people), today=TODAY, daily_budget=5)


def crux(url: str = "https://example.org/crux", **fields: object) -> Shareable:
    fields.setdefault("title", "The Crux of Bouldering")
    fields.setdefault("topics", ("climbing", "AI"))
    return Shareable(id=0, url=url, **fields)  # type: ignore[arg-type]


def test_the_migration_creates_the_tables(store: Store) -> None:
    tables = {
        name for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"shareables", "shares", "introductions"} <= tables
    assert schema.user_version(store.conn) == schema.LATEST_VERSION


def test_add_and_list_shareables(values: ValueStore) -> None:
    stored = values.add_shareable(
        crux(url="  https://example.org/crux ", title="  The   Crux ", topics=("ai", "AI", " ")),
        today=TODAY,
    )
    assert stored.id > 0
    assert (stored.url, stored.title, stored.topics, stored.added_on) == (
        "https://example.org/crux",
        "The Crux",
        ("ai",),
        TODAY,
    )
    assert values.list_shareables() == [stored]
    assert values.find_by_url("https://example.org/crux") == stored
    with pytest.raises(DuplicateError, match="already in the library"):
        values.add_shareable(crux(), today=TODAY)


def test_adding_many_skips_urls_already_there(values: ValueStore) -> None:
    values.add_shareable(crux(), today=TODAY)
    result = values.add_shareables(
        [crux(), crux(url="https://example.org/b", title="B"), crux(url="https://example.org/b")],
        today=TODAY,
    )
    assert [item.url for item in result.added] == ["https://example.org/b"]
    assert result.skipped == ("https://example.org/crux", "https://example.org/b")


def test_a_share_is_logged_never_suggested_again_and_undone_as_one(
    store: Store, values: ValueStore
) -> None:
    (ana,) = add(store, person("Ana Lima", interests=("climbing",)))
    item = values.add_shareable(crux(), today=TODAY)
    (match,) = values.share_suggestions(TODAY)
    assert (match.contact.id, match.shareable.id, match.explanation) == (
        ana.id,
        item.id,
        "matches: climbing",
    )
    share = values.record_share(item.id, ana.id, now=at(TODAY), today=TODAY)
    assert share.shared_on == TODAY
    assert values.share_suggestions(TODAY) == ()
    assert values.matches_for(ana, TODAY) == ()
    (touch,) = store.interactions_for(ana.id)
    assert (touch.kind, touch.summary, touch.topics) == (
        InteractionKind.SHARE,
        "shared: The Crux of Bouldering",
        ("climbing", "AI"),
    )
    assert [who.id for who, _ in values.recipients(item.id)] == [ana.id]
    with pytest.raises(DuplicateError, match="already got"):
        values.record_share(item.id, ana.id, now=at(TODAY), today=TODAY)
    assert store.undo() == "undid: shared The Crux of Bouldering with Ana Lima"
    assert values.shares() == [] and store.interactions_for(ana.id) == []
    assert len(values.share_suggestions(TODAY)) == 1


def test_proposing_refuses_self_pairs_and_pairs_already_introduced(
    store: Store, values: ValueStore
) -> None:
    ana, bruno = add(store, person("Ana Lima"), person("Bruno Costa"))
    with pytest.raises(ValueError, match="two different people"):
        values.propose_intro(ana.id, ana.id, "", today=TODAY)
    with pytest.raises(NotFound):
        values.propose_intro(ana.id, 999, "", today=TODAY)
    view = values.propose_intro(ana.id, bruno.id, "  design   help ", today=TODAY)
    assert (view.intro.status, view.intro.reason, view.a.id, view.b.id) == (
        IntroStatus.PROPOSED,
        "design help",
        ana.id,
        bruno.id,
    )
    with pytest.raises(DuplicateError, match="already have an introduction"):
        values.propose_intro(bruno.id, ana.id, "again", today=TODAY)


def test_walking_an_introduction_logs_intros_and_schedules_the_follow_up(
    store: Store, values: ValueStore
) -> None:
    ana, bruno = add(store, person("Ana Lima"), person("Bruno Costa"))
    view = values.propose_intro(ana.id, bruno.id, "design", today=TODAY)
    steps = []
    for _ in range(3):
        advanced = values.advance_intro(view.intro.id, today=TODAY, now=at(TODAY))
        steps.append((advanced.view.intro.status, advanced.draft.to_id))
    assert steps == [
        (IntroStatus.ASKED_A, ana.id),
        (IntroStatus.ASKED_B, bruno.id),
        (IntroStatus.MADE, ana.id),
    ]
    made = values.get_intro(view.intro.id).intro
    assert made.follow_up_on == TODAY.add(days=14)
    kinds = {c.id: [t.kind for t in store.interactions_for(c.id)] for c in (ana, bruno)}
    assert kinds == {ana.id: [InteractionKind.INTRO], bruno.id: [InteractionKind.INTRO]}
    assert values.follow_ups_due(TODAY.add(days=13)) == []
    later = TODAY.add(days=14)
    (due,) = values.follow_ups_due(later)
    assert due.intro.id == view.intro.id
    rows = [i for i in values.agenda(later).items if i.kind is ItemKind.INTRO]
    assert [(i.contact.id, i.ref_id) for i in rows] == [(ana.id, view.intro.id)]
    final = values.advance_intro(view.intro.id, today=later, now=at(later))
    assert final.view.intro.status is IntroStatus.FOLLOWED_UP
    with pytest.raises(ValueError, match="already followed up"):
        values.advance_intro(view.intro.id, today=later, now=at(later))
    assert store.undo() is not None
    assert values.get_intro(view.intro.id).intro.status is IntroStatus.MADE


def test_making_an_intro_undoes_as_one_action(store: Store, values: ValueStore) -> None:
    ana, bruno = add(store, person("Ana Lima"), person("Bruno Costa"))
    view = values.propose_intro(ana.id, bruno.id, "", today=TODAY)
    for _ in range(3):
        values.advance_intro(view.intro.id, today=TODAY, now=at(TODAY))
    assert store.undo() is not None
    assert values.get_intro(view.intro.id).intro.status is IntroStatus.ASKED_B
    assert store.interactions_for(ana.id) == [] and store.interactions_for(bruno.id) == []


def test_intro_suggestions_come_from_needs_and_offers(store: Store, values: ValueStore) -> None:
    ana, bruno, _ = add(
        store,
        person("Ana Lima", needs=("looking for a designer",)),
        person("Bruno Costa", offers=("design",)),
        person("Carla Reis"),
    )
    (suggestion,) = values.intro_suggestions()
    assert (suggestion.needer.id, suggestion.offerer.id) == (ana.id, bruno.id)
    values.propose_intro(bruno.id, ana.id, suggestion.reason, today=TODAY)
    assert values.intro_suggestions() == ()


def test_the_agenda_holds_a_few_suggestions_with_titles(store: Store, values: ValueStore) -> None:
    add(
        store,
        *(person(f"Person {n}", interests=("ai",), circle=Circle.NETWORK) for n in range(6)),
        person("Ana Lima", needs=("a designer",)),
        person("Bruno Costa", offers=("design",)),
    )
    values.add_shareable(crux(), today=TODAY)
    agenda = values.agenda(TODAY, daily_budget=5)
    offered = [item for item in agenda.items if item.kind in (ItemKind.SHARE, ItemKind.INTRO)]
    assert len(offered) == 3
    assert offered[0].kind is ItemKind.INTRO and offered[0].title == (
        "introduce Ana Lima to Bruno Costa"
    )
    assert {item.title for item in offered[1:]} == {"The Crux of Bouldering"}
    # Matching reads people light; the rows carry their whole records all the same.
    assert {item.contact.circle for item in offered[1:]} == {Circle.NETWORK}
    assert offered[0].other is not None and offered[0].other.created_on == TODAY
    assert values.agenda(TODAY, daily_budget=1).items[-1].kind is ItemKind.INTRO
    values.record_share(offered[1].ref_id or 0, offered[1].contact.id, now=at(TODAY), today=TODAY)
    after = [i for i in values.agenda(TODAY).items if i.kind in (ItemKind.SHARE, ItemKind.INTRO)]
    assert len(after) == 2  # a few a day: the one sent today counts
    assert len([i for i in values.agenda(TODAY.add(days=1)).items if i.tier == TIER_VALUE]) == 3


def test_balance_reads_the_last_twelve_months(store: Store, values: ValueStore) -> None:
    (sam,) = add(store, person("Sam Reis"))
    for days_ago, kind in ((400, InteractionKind.HELP), (60, InteractionKind.ASK)):
        store.log_interaction(
            Interaction(
                id=0,
                contact_id=sam.id,
                occurred_at=at(TODAY.subtract(days=days_ago)),
                kind=kind,
                direction=Direction.OUTBOUND,
            ),
            today=TODAY,
        )
    store.log_interaction(
        Interaction(id=0, contact_id=sam.id, occurred_at=at(TODAY), kind=InteractionKind.ASK),
        today=TODAY,
    )
    balance = values.balance(store.get_contact(sam.id), TODAY)
    assert (balance.gives, balance.asks) == (0, 2)
    assert balance.nudge.startswith("you asked Sam Reis for favours the last 2 times")


def test_a_json_backup_keeps_the_library_shares_and_introductions(
    store: Store, values: ValueStore, tmp_path: Path
) -> None:
    ana, bruno = add(store, person("Ana Lima", interests=("ai",)), person("Bruno Costa"))
    item = values.add_shareable(crux(note="why it matters"), today=TODAY)
    values.record_share(item.id, ana.id, now=at(TODAY), today=TODAY)
    view = values.propose_intro(ana.id, bruno.id, "design", today=TODAY)
    values.advance_intro(view.intro.id, today=TODAY, now=at(TODAY))
    restored = Store.open(tmp_path / "restored.db")
    try:
        report = restore_json(restored, export_json(store))
        assert report.counts["shareables"] == 1
        again = ValueStore(restored)
        assert again.list_shareables() == values.list_shareables()
        assert again.shares() == values.shares()
        assert again.introductions() == values.introductions()
        assert export_json(restored) == export_json(store)
    finally:
        restored.close()


def test_the_agendas_one_intro_looks_past_those_first_in_line_when_it_must(
    store: Store, values: ValueStore
) -> None:
    # Eight people need beta testers, in three differently worded lists; the one offerer was
    # introduced to six of them already and one is archived. Only reading far enough down
    # every list finds the one pair left.
    offerer, *needers = add(
        store,
        person("Olga Offer", offers=("beta testers",)),
        person("N1 X", needs=("beta testers",)),
        person("N2 X", needs=("Beta Testers", "job")),
        person("N3 X", needs=("beta testers",), archived=True),
        person("N4 X", needs=("beta testers",)),
        person("N5 X", needs=("job", "beta testers")),
        person("N6 X", needs=("beta testers",)),
        person("N7 X", needs=("Beta Testers", "job")),
        person("N8 X", needs=("beta testers",)),
    )
    for needer in (*needers[:2], *needers[3:7]):
        values.propose_intro(offerer.id, needer.id, "", today=TODAY)
    intros = [view.intro for view in values.introductions()]
    (expected,) = value.suggest_introductions(
        store.list_contacts(include_archived=True), intros, limit=1
    )
    (found,) = values.intro_suggestions(limit=1)
    assert (found.needer.id, found.offerer.id) == (expected.needer.id, expected.offerer.id)
    assert (found.needer.display_name, found.offerer.display_name) == ("N8 X", "Olga Offer")


WORDINGS = ("beta testers", "Beta Testers", "a designer", "design help", "hiring advice", "job")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDINGS), max_size=2, unique=True),
            st.lists(st.sampled_from(WORDINGS), max_size=2, unique=True),
            st.booleans(),
        ),
        min_size=2,
        max_size=16,  # more people than the window on one list, often
    ),
    introduced=st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)), max_size=6),
)
def test_the_agendas_one_intro_is_the_best_of_everyone(
    tmp_path_factory: pytest.TempPathFactory,
    people: list[tuple[list[str], list[str], bool]],
    introduced: list[tuple[int, int]],
) -> None:
    # The agenda reads only those first in line for each need and offer: the pair it finds
    # must be the one reading everyone finds.
    with Store.open(tmp_path_factory.mktemp("intro") / "n.db") as store:
        added = add(
            store,
            *(
                person(f"P{i} X", needs=tuple(needs), offers=tuple(offers), archived=gone)
                for i, (needs, offers, gone) in enumerate(people)
            ),
        )
        values = ValueStore(store)
        for a, b in introduced:
            if a < len(added) and b < len(added) and a != b:
                with contextlib.suppress(DuplicateError, NotFound):
                    values.propose_intro(added[a].id, added[b].id, "", today=TODAY)
        everyone = store.list_contacts(include_archived=True)
        intros = [view.intro for view in values.introductions()]
        expected = value.suggest_introductions(everyone, intros, limit=1)
        found = values.intro_suggestions(limit=1)
        assert [(s.needer.id, s.offerer.id, s.score) for s in found] == [
            (s.needer.id, s.offerer.id, s.score) for s in expected
        ]
        assert all(s.needer.display_name and s.offerer.display_name for s in found)
