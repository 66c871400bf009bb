"""Contact detail: what a person sees about someone, and what the inline adds store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Select, Static

from core.models import DateKind, LifeEventKind, YearlyRule
from data.store import Store
from tests.tui.conftest import NOW, TODAY, reopen
from tui.screens.agenda import AgendaScreen
from tui.screens.contact import ContactScreen
from tui.screens.contact_form import ContactForm
from tui.widgets.entry import EntryModal, FormRow


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    """The plain text a Static on the current screen shows."""
    return str(app.screen.query_one(selector, Static).content)


def body(app) -> str:  # type: ignore[no-untyped-def]
    """The record as one line of words (the screen wraps long lines to its width)."""
    return " ".join(shown(app, "#contact-body").split())


def header(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(shown(app, "#contact-header").split())


def error_of(app, field: str) -> str:  # type: ignore[no-untyped-def]
    """The message shown under a field of the open form ('' when it is fine)."""
    row = next(row for row in app.screen.query(FormRow) if row.name == field)
    return row.error if row.has_class("-invalid") else ""


async def open_contact(pilot, app, contact_id: int) -> None:  # type: ignore[no-untyped-def]
    await app.push_screen(ContactScreen(contact_id))
    await pilot.pause()


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)


async def test_enter_on_the_agenda_opens_the_contact(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "enter")  # Ana's check-in
        assert isinstance(app.screen, ContactScreen)
        assert "Ana Lima" in header(app)
        assert "inner · every week" in header(app)
        assert "it is 14:02 Thu in Lisbon" in header(app)
        assert "how did the Porto race go?" in body(app)
        assert "marathon training, knee is better" in body(app)
        assert "call" not in body(app).split("Timeline")[0]  # the timeline is its own section
        await pilot.press("escape")
        assert isinstance(app.screen, AgendaScreen)


async def test_dates_and_promises_show_when_they_fall(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Carla"])
        assert "birthday (turns 40) (27 Nov 1986)" in body(app)
        assert "tomorrow" in body(app)
        await open_contact(pilot, app, seeded["Dario"])
        assert "send the deck — by Wed 25 Nov (1d late)" in body(app)
        assert "1 day late" not in header(app)  # the check-in is much later than that
        assert "days late" in header(app)


async def test_a_note_added_inline_is_stored_and_shown(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Bruno"])
        await pilot.press("n")
        assert isinstance(app.screen, EntryModal)
        await type_text(pilot, "moving to Porto in spring")
        await pilot.press("enter")
        assert isinstance(app.screen, ContactScreen)
        assert "moving to Porto in spring" in body(app)
    store = reopen(db_path)
    notes = store.contact_detail(seeded["Bruno"]).notes
    assert [note.body for note in notes] == ["moving to Porto in spring"]
    store.close()


async def test_an_empty_note_is_refused_in_place(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Bruno"])
        await pilot.press("n", "space", "enter")
        assert isinstance(app.screen, EntryModal)
        assert error_of(app, "body") == "write the note first"
        await pilot.press("escape")
        assert isinstance(app.screen, ContactScreen)
    store = reopen(db_path)
    assert store.contact_detail(seeded["Bruno"]).notes == ()
    store.close()


async def test_ask_next_time_and_tick_it_off(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Eva"])
        await pilot.press("a")
        await type_text(pilot, "did the article help?")
        await pilot.press("enter")
        assert "did the article help?" in body(app).split("Promises")[0]
        store = reopen(db_path)
        (question,) = store.contact_detail(seeded["Eva"]).questions
        store.close()
        assert question.text == "did the article help?"
        assert question.asked_on is None
        await pilot.press("A", "enter")  # the one open question
        assert "did the article help?" not in body(app)
        assert "1 asked before" in body(app)
    store = reopen(db_path)
    assert store.contact_detail(seeded["Eva"]).questions[0].asked_on == TODAY
    store.close()


async def test_a_promise_with_a_due_day(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Eva"])
        await pilot.press("p")
        await type_text(pilot, "send the climbing guide")
        await pilot.press("enter")
        await type_text(pilot, "friday")
        await pilot.press("enter")
        assert "send the climbing guide — by Fri 27 Nov" in body(app)
    store = reopen(db_path)
    (promise,) = store.open_commitments(seeded["Eva"])
    assert (promise.text, str(promise.due_on)) == ("send the climbing guide", "2026-11-27")
    store.close()


async def test_a_promise_kept(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Dario"])
        await pilot.press("K", "enter")
        assert "send the deck" not in body(app)
        assert "1 kept" in body(app)
    store = reopen(db_path)
    assert store.open_commitments(seeded["Dario"]) == []
    store.close()


async def test_a_birthday_without_a_year_on_29_february(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Eva"])
        await pilot.press("b", "tab")  # the kind starts on birthday; on to the date
        await type_text(pilot, "--02-29")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactScreen)
        assert "birthday (29 Feb)" in body(app)
    store = reopen(db_path)
    (date,) = store.contact_detail(seeded["Eva"]).dates
    assert (date.kind, date.rule, date.year) == (DateKind.BIRTHDAY, YearlyRule(2, 29), None)
    store.close()


async def test_a_relative_yearly_date_with_a_kind_and_label(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Eva"])
        await pilot.press("b")
        app.screen.query_one("#entry-kind", Select).value = "custom"
        await pilot.press("tab")
        await type_text(pilot, "3rd Sunday of June")
        await pilot.press("enter")
        await type_text(pilot, "band reunion")
        await pilot.press("enter")
        assert "band reunion (3rd Sunday of June)" in body(app)
    store = reopen(db_path)
    (date,) = store.contact_detail(seeded["Eva"]).dates
    assert date.kind is DateKind.CUSTOM
    assert date.rule == YearlyRule(month=6, weekday=6, nth=3)
    assert date.label == "band reunion"
    store.close()


async def test_a_bad_date_shows_the_error_in_place_and_stores_nothing(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Eva"])
        await pilot.press("b", "tab")
        await type_text(pilot, "2023-02-29")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, EntryModal)
        assert "2023 had no 29 February" in error_of(app, "when")
        await pilot.press("backspace")  # typing clears the stale message
        assert error_of(app, "when") == ""
        await pilot.press("escape")
        assert isinstance(app.screen, ContactScreen)
        assert "none — b for a birthday" in body(app)
    store = reopen(db_path)
    assert store.contact_detail(seeded["Eva"]).dates == ()
    store.close()


async def test_a_life_event(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Bruno"])
        await pilot.press("v")
        await type_text(pilot, "joined Acme as CTO")
        await pilot.press("tab", "ctrl+a", "ctrl+k")  # clear "today"
        await type_text(pilot, "not-a-day")
        await pilot.press("ctrl+s")
        assert "bad date 'not-a-day'" in error_of(app, "on")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "2026-11-20")
        app.screen.query_one("#entry-kind", Select).value = "new-job"
        await pilot.press("ctrl+s")
        assert "new-job: joined Acme as CTO · to congratulate" in body(app)
    store = reopen(db_path)
    (event,) = store.contact_detail(seeded["Bruno"]).events
    assert (event.kind, event.text, str(event.occurred_on)) == (
        LifeEventKind.NEW_JOB,
        "joined Acme as CTO",
        "2026-11-20",
    )
    store.close()


async def test_log_an_interaction_from_yesterday(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Ana"])
        assert "18 days late" in header(app)
        await pilot.press("l")
        app.screen.query_one("#entry-summary").focus()
        await type_text(pilot, "long walk by the river")
        await pilot.press("enter")  # on to "when"
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        assert "is in the future" in error_of(app, "on")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "yesterday")
        await pilot.press("enter")
        assert isinstance(app.screen, ContactScreen)
        assert "text · check-in · out — long walk by the river" in body(app)
        assert "due Wed" in header(app)  # a week after yesterday: no longer late
    store = reopen(db_path)
    latest = store.contact_detail(seeded["Ana"]).interactions[0]
    assert latest.summary == "long walk by the river"
    assert latest.channel.value == "text"  # her preferred channel is the default
    assert str(latest.occurred_at.date()) == "2026-11-25"
    store.close()


async def test_edit_rejects_an_unknown_time_zone_then_saves_the_fix(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Bruno"])
        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#form-timezone").focus()
        await type_text(pilot, "Mars/Olympus")
        await pilot.press("tab")
        assert "unknown time zone 'Mars/Olympus'" in error_of(app, "timezone")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactForm)  # not saved
        store = reopen(db_path)
        assert store.get_contact(seeded["Bruno"]).timezone is None
        store.close()
        app.screen.query_one("#form-timezone").focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "America/New_York")
        assert error_of(app, "timezone") == ""  # the fix is confirmed as it is typed
        app.screen.query_one("#form-company").focus()
        await type_text(pilot, "Acme")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactScreen)
        assert "in New York" in header(app)
        assert "at Acme" not in header(app)  # no title: just the company
        assert "Acme" in header(app)
    store = reopen(db_path)
    bruno = store.get_contact(seeded["Bruno"])
    assert (bruno.timezone, bruno.company) == ("America/New_York", "Acme")
    store.close()


async def test_edit_cadence_and_lists(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Eva"])
        await pilot.press("e")
        app.screen.query_one("#form-cadence").focus()
        await type_text(pilot, "fortnightly")
        await pilot.press("ctrl+s")
        assert "bad period 'fortnightly'" in error_of(app, "cadence")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "2w")
        app.screen.query_one("#form-interests").focus()
        await type_text(pilot, "climbing, books,  climbing")
        await pilot.press("ctrl+s")
        assert "every 2 weeks" in header(app)
        assert "climbing, books" in body(app)
    store = reopen(db_path)
    eva = store.get_contact(seeded["Eva"])
    assert (eva.cadence_override_days, eva.interests) == (14, ("climbing", "books"))
    store.close()


async def test_escape_leaves_the_form_without_saving(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Eva"])
        await pilot.press("e", "ctrl+a", "ctrl+k")
        await type_text(pilot, "Someone Else")
        await pilot.press("escape")
        assert isinstance(app.screen, ContactScreen)
        assert "Eva Nunes" in header(app)
    store = reopen(db_path)
    assert store.get_contact(seeded["Eva"]).display_name == "Eva Nunes"
    store.close()


async def test_hostile_names_and_notes_are_shown_literally(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(db_path)
    eve = store.update_contact(
        replace(
            store.get_contact(seeded["Eva"]),
            display_name="[bold red]Eve[/]",
            given_name="[i]Eve[/i]",
            company="\x1b[31mEvil Corp",
        )
    )
    store.add_note(eve.id, "[link=http://x]click[/link] \x1b]0;pwned\x07", now=NOW)
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, eve.id)
        assert "[bold red]Eve[/]" in header(app)
        assert "^[[31mEvil Corp" in header(app)
        assert "[link=http://x]click[/link] ^[]0;pwned^G" in body(app)
        for selector in ("#contact-header", "#contact-body"):
            content = app.screen.query_one(selector, Static).content
            styles = " ".join(str(span.style) for span in content.spans)  # type: ignore[union-attr]
            assert "red" not in styles
            assert "link" not in styles
            assert "\x1b" not in str(content)
        await pilot.press("n")  # the modal's title uses the given name
        assert "[i]Eve[/i]" in str(app.screen.query_one(".entry-title", Static).content)


async def test_compose_opens_the_composer_or_says_it_cannot(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(pilot, app, seeded["Ana"])
        await pilot.press("c")
        await pilot.pause()
        if isinstance(app.screen, ContactScreen):
            assert any("composer" in n.message for n in app._notifications)
        else:
            assert type(app.screen).__name__ == "ComposerScreen"
