"""Providing value in the app: the library, sharing from the composer, introductions step by
step, the giving section — with real keys at 80x24, checked against what was stored."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from core.agenda import ItemKind
from core.models import InteractionKind, IntroStatus, Shareable
from data import value_store
from data.store import Store
from data.value_store import ValueStore
from tests.data.conftest import person
from tests.tui.conftest import TODAY, reopen
from tui.screens.agenda import AgendaScreen
from tui.screens.composer import ComposerScreen
from tui.screens.contact import ContactScreen, PickModal
from tui.screens.help import HelpScreen
from tui.screens.introductions import IntroductionsScreen
from tui.screens.shareables import ShareablesScreen
from tui.widgets.agenda_list import AgendaList
from tui.widgets.entry import EntryModal

SIZE = (80, 24)
RACE = "https://example.org/race-recovery"


def add_shareable(db_path: Path, url: str = RACE, *topics: str) -> int:
    store = Store.open(db_path)
    try:
        stored = ValueStore(store).add_shareable(
            Shareable(id=0, title="Recovering after a marathon", url=url, topics=topics),
            today=TODAY,
        )
        return stored.id
    finally:
        store.close()


def give_needs_and_offers(db_path: Path, ids: dict[str, int]) -> None:
    store = Store.open(db_path)
    try:
        bruno = store.get_contact(ids["Bruno"])
        store.update_contact(replace(bruno, needs=("looking for a designer",)))
        eva = store.get_contact(ids["Eva"])
        store.update_contact(replace(eva, offers=("product design",)))
    finally:
        store.close()


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers (the agenda's share and intro rows) finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def agenda_rows(app) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(AgendaList)
    return [(i.contact.display_name, i.kind.value, i.label) for i in listing.items]


async def highlight(pilot, app, kind: ItemKind) -> None:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(AgendaList)
    listing.highlighted = next(i for i, item in enumerate(listing.items) if item.kind is kind)
    await pilot.pause()


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(app.screen.query_one(selector, Static).content).split())


def body_of(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#composer-text", TextArea).text


# --- the library ---------------------------------------------------------------------------


async def test_adding_a_shareable_in_the_library(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ShareablesScreen)
        assert "The library is empty" in shown(app, "#library-empty")
        await pilot.press("a")
        assert isinstance(app.screen, EntryModal)
        await pilot.press(*"not a url", "ctrl+s")
        assert isinstance(app.screen, EntryModal)  # refused in place, the URL field focused
        assert "give a web address" in shown(app, ".form-error.-shown")
        url = app.screen.query_one("#entry-url", Input)
        assert url.has_focus
        url.value = ""
        await pilot.press(*RACE, "enter")
        await pilot.press(*"Recovering after a marathon", "enter")
        await pilot.press(*"running, health", "enter")
        await pilot.press(*"what helped me", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ShareablesScreen)
        assert app.screen.query_one("#library-list", OptionList).option_count == 1
        detail = shown(app, "#library-detail")
        assert "Recovering after a marathon" in detail
        assert "Ana Lima matches: running" in detail  # Ana's interests include running
        await pilot.press("escape")
        assert isinstance(app.screen, AgendaScreen)
    store = reopen(db_path)
    (item,) = ValueStore(store).list_shareables()
    assert (item.url, item.title, item.topics, item.note) == (
        RACE,
        "Recovering after a marathon",
        ("running", "health"),
        "what helped me",
    )
    store.close()


async def test_sharing_from_the_library_opens_the_composer_and_sending_logs_it(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path
) -> None:
    shareable_id = add_shareable(db_path, RACE, "running")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, PickModal)
        await pilot.press("enter")  # Ana, the only one it fits
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert RACE in body_of(app) and "Recovering after a marathon" in body_of(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ShareablesScreen)
        assert "Sent to Ana Lima" in shown(app, "#library-detail")
    store = reopen(db_path)
    values = ValueStore(store)
    assert [(s.shareable_id, s.contact_id) for s in values.shares()] == [
        (shareable_id, seeded["Ana"])
    ]
    kinds = [t.kind for t in store.interactions_for(seeded["Ana"], limit=1)]
    assert kinds == [InteractionKind.SHARE]
    store.close()


# --- the agenda and the composer -------------------------------------------------------------


async def test_a_share_on_the_agenda_is_drafted_sent_and_never_suggested_again(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path
) -> None:
    add_shareable(db_path, RACE, "running")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert ("Ana Lima", "share", "share: Recovering after a marathon") in agenda_rows(app)
        await highlight(pilot, app, ItemKind.SHARE)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        text = body_of(app)
        assert text.startswith("Hi Ana,")  # the share template, {name} filled
        assert f"“Recovering after a marathon” and thought of you: {RACE}" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert "share" not in [kind for _, kind, _ in agenda_rows(app)]
    store = reopen(db_path)
    assert [s.contact_id for s in ValueStore(store).shares()] == [seeded["Ana"]]
    (touch,) = store.interactions_for(seeded["Ana"], limit=1)
    assert touch.kind is InteractionKind.SHARE
    store.close()


async def test_ctrl_l_in_the_composer_inserts_a_share_and_sending_logs_it(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path
) -> None:
    add_shareable(db_path, RACE, "running")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight(pilot, app, ItemKind.CHECK_IN)  # Ana's check-in comes first
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert "Recovering after a marathon" in shown(app, "#composer-giving")
        assert "matches: running" in shown(app, "#composer-giving")
        assert RACE not in body_of(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert f"thought you would like it: {RACE}" in body_of(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
    store = reopen(db_path)
    assert [s.contact_id for s in ValueStore(store).shares()] == [seeded["Ana"]]
    kinds = sorted(t.kind.value for t in store.interactions_for(seeded["Ana"], limit=2))
    assert kinds == ["check-in", "share"]  # the message, and the share it carried
    store.close()


async def test_the_composer_shows_the_balance_and_nudges_after_asks(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path
) -> None:
    from core.models import Direction, Interaction
    from tests.tui.conftest import at

    store = Store.open(db_path)
    for days_ago in (9, 8, 7):
        store.log_interaction(
            Interaction(
                id=0,
                contact_id=seeded["Carla"],
                occurred_at=at(days_ago),
                kind=InteractionKind.ASK,
                direction=Direction.OUTBOUND,
            ),
            today=TODAY,
        )
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(seeded["Carla"]))
        await pilot.pause()
        giving = shown(app, "#composer-giving")
        assert "gave 0 · asked 3 in 12 months" in giving
        assert "you asked Carla Reis for favours the last 3 times: offer something first" in giving
        await pilot.press("escape")
        await app.push_screen(ContactScreen(seeded["Carla"]))
        await pilot.pause()
        record = shown(app, "#contact-body")
        assert "Giving give before you ask gave 0 · asked 3 in 12 months" in record
        assert "offer something first" in record


# --- introductions ---------------------------------------------------------------------------


async def test_walking_an_introduction_through_every_status(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path
) -> None:
    give_needs_and_offers(db_path, seeded)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert ("Bruno Costa", "intro", "intro: Eva Nunes") in agenda_rows(app)
        await pilot.press("n")
        await settle(pilot)  # the suggested pairs are found in a worker
        assert isinstance(app.screen, IntroductionsScreen)
        assert "Bruno Costa needs: looking for a designer" in shown(app, "#intros-detail")
        drafted_to = []
        for _ in range(4):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ComposerScreen)
            drafted_to.append((app.screen.contact_id, body_of(app).splitlines()[0]))
            await pilot.press("escape")  # keep the draft: it is there to send when ready
            await pilot.pause()
            assert isinstance(app.screen, IntroductionsScreen)
        assert drafted_to[0] == (seeded["Bruno"], "Hi Bruno,")
        assert drafted_to[1] == (seeded["Eva"], "Hi Eva,")
        assert drafted_to[2][0] == seeded["Bruno"]
        assert "Followed up (1)" in str(
            app.screen.query_one("#intros-list", OptionList).get_option_at_index(0).prompt
        )
    store = reopen(db_path)
    values = ValueStore(store)
    (view,) = values.introductions()
    assert view.intro.status is IntroStatus.FOLLOWED_UP
    assert (view.a.id, view.b.id) == (seeded["Bruno"], seeded["Eva"])
    eva_kinds = [t.kind for t in store.interactions_for(seeded["Eva"], limit=1)]
    assert eva_kinds == [InteractionKind.INTRO]
    draft = store.get_draft(seeded["Bruno"])  # each step's message replaced the one before
    assert draft is not None and draft.subject == "How did it go with Eva Nunes?"
    assert draft.body.startswith("Hi Bruno,\n\nA couple of weeks ago I introduced you")
    store.close()


async def test_an_intro_suggestion_on_the_agenda_is_proposed_with_d(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path
) -> None:
    give_needs_and_offers(db_path, seeded)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight(pilot, app, ItemKind.INTRO)
        await pilot.press("d")
        await settle(pilot)
        assert "intro" not in [kind for _, kind, _ in agenda_rows(app)]
    store = reopen(db_path)
    (view,) = ValueStore(store).introductions()
    assert view.intro.status is IntroStatus.PROPOSED
    assert view.intro.reason == (
        "Bruno Costa needs “looking for a designer”; Eva Nunes offers “product design”"
    )
    store.close()


async def test_an_intro_suggestion_shows_on_a_day_with_nothing_else_due(  # type: ignore[no-untyped-def]
    make_app, db_path: Path
) -> None:
    # Nobody is due, so no rows to wait for: the suggestion still comes, in place of
    # "All clear".
    store = Store.open(db_path)
    bruno, eva = store.add_contacts(
        [
            person("Bruno Costa", needs=("looking for a designer",)),
            person("Eva Nunes", offers=("product design",)),
        ],
        today=TODAY,
        daily_budget=5,
    )
    for contact in (bruno, eva):
        store.snooze(contact.id, TODAY.add(days=30), today=TODAY)
    assert store.agenda(TODAY).items == ()
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert agenda_rows(app) == [("Bruno Costa", "intro", "intro: Eva Nunes")]
        assert not app.screen.query_one("#agenda-empty", Static).display


# --- every screen at 80x24, the palette and help ----------------------------------------------


async def test_the_palette_and_help_reach_the_new_screens(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for words, screen in (
            ("library", ShareablesScreen),
            ("introductions", IntroductionsScreen),
        ):
            await pilot.press("ctrl+p")
            await pilot.press(*words)
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one(Static).content)
        for expected in ("Library", "Introductions", "Next step", "Share", "Intros"):
            assert expected in text


async def test_the_new_screens_fit_80x24_with_long_names(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(db_path)
    values = ValueStore(store)
    values.add_shareable(
        Shareable(
            id=0,
            title="[bold]A very long title that goes on and on about marathon recovery[/bold]",
            url="https://example.org/" + "x" * 120,
            topics=("running",),
            note="[red]not markup[/red]",
        ),
        today=TODAY,
    )
    values.propose_intro(seeded["Ana"], seeded["Bruno"], "[i]reason[/i]", today=TODAY)
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(ShareablesScreen())
        await pilot.pause()
        assert app.screen.query_one("#library-side").region.right <= 80
        assert "[bold]A very long title" in shown(app, "#library-detail")
        assert "[red]not markup[/red]" in shown(app, "#library-detail")
        await pilot.press("escape")
        await app.push_screen(IntroductionsScreen())
        await settle(pilot)
        assert app.screen.query_one("#intros-detail").region.bottom <= 23
        assert "[i]reason[/i]" in shown(app, "#intros-detail")


async def test_snooze_and_skip_leave_a_share_row_alone(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_shareable(db_path, RACE, "running")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight(pilot, app, ItemKind.SHARE)
        await pilot.press("x", "s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)  # no snooze picker either
        assert ("Ana Lima", "share", "share: Recovering after a marathon") in agenda_rows(app)
    store = reopen(db_path)
    assert store.get_contact(seeded["Ana"]).skipped_on is None
    store.close()


async def test_share_and_introduce_from_the_contact_page(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path
) -> None:
    add_shareable(db_path, RACE, "running")
    give_needs_and_offers(db_path, seeded)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactScreen(seeded["Ana"]))
        await pilot.pause()
        record = shown(app, "#contact-body")
        assert "share “Recovering after a marathon” matches: running s to share one" in record
        await pilot.press("s")
        assert isinstance(app.screen, PickModal)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert RACE in body_of(app)
        await pilot.press("escape")  # the draft is kept, nothing is logged yet
        await pilot.pause()
        await app.push_screen(ContactScreen(seeded["Eva"]))
        await pilot.pause()
        await pilot.press("i")
        assert isinstance(app.screen, PickModal)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.screen.contact_id == seeded["Bruno"]  # the one with the need is asked first
        await pilot.press("escape")
        await pilot.pause()
        assert "intro with Bruno Costa · asked the first" in shown(app, "#contact-body")
    store = reopen(db_path)
    assert ValueStore(store).shares() == []
    draft = store.get_draft(seeded["Ana"])
    assert draft is not None and RACE in draft.body
    store.close()


async def test_pairs_are_found_in_a_worker_while_the_screen_answers_keys(  # type: ignore[no-untyped-def]
    seeded, make_app, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    give_needs_and_offers(db_path, seeded)
    release = threading.Event()
    original = value_store.read_intro_suggestions

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(value_store, "read_intro_suggestions", slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(IntroductionsScreen())
        await pilot.pause(0.2)
        assert "finding pairs…" in shown(app, "#intros-counts")
        assert "Looking for people" in shown(app, "#intros-empty")
        await pilot.press("j", "k")  # the screen answers while the worker reads
        assert isinstance(app.screen, IntroductionsScreen)
        release.set()
        await settle(pilot)
        assert "1 suggested" in shown(app, "#intros-counts")
        assert "Bruno Costa needs: looking for a designer" in shown(app, "#intros-detail")
