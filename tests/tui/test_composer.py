"""The composer: a template filled from history, a live checklist, autosave, copy, send, log."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from core.agenda import ItemKind
from core.models import Channel, Contact, InteractionKind
from data.store import Store
from tests.tui.conftest import NOW, TODAY, reopen
from tui import editor
from tui.editor import SEND_COMMAND_SETTING
from tui.screens.agenda import AgendaScreen
from tui.screens.composer import ComposerScreen, message_gist
from tui.widgets.agenda_list import AgendaList
from tui.widgets.checklist import Checklist
from tui.widgets.rows import LabelledRows

SIZE = (80, 24)


# --- helpers ----------------------------------------------------------------------------------


def rows(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(AgendaList)
    return [(item.contact.display_name, item.kind.value) for item in listing.items]


async def compose_for(pilot, app, name: str, kind: ItemKind) -> ComposerScreen:  # type: ignore[no-untyped-def]
    """Highlight `name`'s item of `kind` on the agenda and press `c`."""
    listing = app.screen.query_one(AgendaList)
    index = next(
        i
        for i, item in enumerate(listing.items)
        if item.contact.display_name == name and item.kind is kind
    )
    listing.highlighted = index
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, ComposerScreen)
    return app.screen


def body_of(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#composer-text", TextArea).text


def checks(app) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {check.label: check.ok for check in app.screen.query_one(Checklist).checks}


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).content)


def toasts(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [notification.message for notification in app._notifications]


async def replace_body(pilot, app, text: str) -> None:  # type: ignore[no-untyped-def]
    """Empty the editor, then type `text` key by key."""
    area = app.screen.query_one("#composer-text", TextArea)
    area.load_text("")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.2)  # the checklist catches up after ~100 ms


def set_send_command(db_path: Path, argv: list[str]) -> None:
    store = Store.open(db_path)
    store.set_setting(SEND_COMMAND_SETTING, json.dumps(argv))
    store.close()


async def wait_for_send(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


# --- opening ----------------------------------------------------------------------------------


async def test_c_on_the_agenda_fills_the_template_from_their_history(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        text = body_of(app)
        assert text.startswith("Hi Ana!")
        assert "marathon training" in text
        assert screen.channel is Channel.TEXT  # her preferred channel
        assert not app.screen.query_one("#composer-subject-row").display  # no subject on a text
        assert "To Ana Lima · text · check-in" in shown(app, "#composer-title")
        context = app.screen.query_one("#composer-context", LabelledRows).plain
        assert "how did the Porto race go?" in context
        assert "marathon training" in context
        assert "running" in context
        assert app.screen.query_one("#composer-text", TextArea).has_focus


async def test_an_email_opens_with_a_subject(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Bruno Costa", ItemKind.REPLY_OWED)
        assert app.screen.query_one("#composer-subject-row").display
        subject = app.screen.query_one("#composer-subject", Input).value
        assert subject == "Re: asked about the climbing trip"
        assert body_of(app).startswith("Hi Bruno,")
        assert "Subject:" not in body_of(app)
        app.screen.query_one("#composer-subject", Input).focus()
        await pilot.press(*" (sorry!)", "enter")
        assert app.screen.query_one("#composer-text", TextArea).has_focus
        assert app.screen.subject == "Re: asked about the climbing trip (sorry!)"


async def test_the_composer_opens_from_the_contact_page(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    from tui.screens.contact import ContactScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactScreen(seeded["Ana"]))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.screen.item is None
        assert "Ana" in body_of(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ContactScreen)


# --- the checklist ----------------------------------------------------------------------------


async def test_typing_updates_the_checklist(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await replace_body(pilot, app, "Hi")
        assert checks(app) == {
            "uses their name": False,
            "refers to something they told you": False,
            "asks a question": False,
            "offers something": False,
        }
        assert "greet them by name" in app.screen.query_one(Checklist).plain
        await pilot.press(*" Ana, marathon?")
        await pilot.pause(0.2)
        assert checks(app)["uses their name"]
        assert checks(app)["refers to something they told you"]
        assert checks(app)["asks a question"]
        assert not checks(app)["offers something"]
        await pilot.press(*" happy to")
        await pilot.pause(0.2)
        assert all(checks(app).values())


# --- drafts -----------------------------------------------------------------------------------


async def test_escape_keeps_the_draft_and_reopening_restores_it(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press(*" See you soon")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        store = reopen(db_path)
        draft = store.get_draft(seeded["Ana"])
        store.close()
        assert draft is not None
        assert draft.body.endswith("See you soon")
        assert draft.channel is Channel.TEXT
        assert draft.item_kind == "check-in"
        assert draft.updated_at == NOW
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        assert body_of(app) == draft.body
        assert "restored draft from today 14:02" in shown(app, "#composer-status")


async def test_a_draft_survives_a_restart(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press(*" PS: bring the medal")
        await pilot.press("escape")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await compose_for(pilot, again, "Ana Lima", ItemKind.CHECK_IN)
        assert body_of(again).endswith("PS: bring the medal")


async def test_an_untouched_template_is_not_stored_as_a_draft(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.pause(0.6)
        await pilot.press("escape")
    store = reopen(db_path)
    assert store.get_draft(seeded["Ana"]) is None
    store.close()


async def test_typing_autosaves_after_a_short_pause(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press(*" xyz")
        store = reopen(db_path)
        assert store.get_draft(seeded["Ana"]) is None  # not yet: the save is debounced
        await pilot.pause(0.6)
        draft = store.get_draft(seeded["Ana"])
        store.close()
        assert draft is not None and draft.body.endswith(" xyz")
        assert "draft saved 14:02" in shown(app, "#composer-status")


async def test_the_hangup_flush_saves_what_was_just_typed(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press(*" last words")
        app.flush_all()  # what SIGHUP runs, before the debounce could fire
        store = reopen(db_path)
        draft = store.get_draft(seeded["Ana"])
        store.close()
        assert draft is not None and draft.body.endswith(" last words")
        await pilot.press("escape")
        assert app._flushes == []  # the composer's flush left with it


# --- channels ---------------------------------------------------------------------------------


async def test_switching_channel_refills_an_untouched_template(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press("ctrl+o")
        await pilot.press("e")
        await pilot.pause()
        assert screen.channel is Channel.EMAIL
        assert app.screen.query_one("#composer-subject", Input).value == "Catching up, Ana"
        assert app.screen.query_one("#composer-subject-row").display
        assert body_of(app).startswith("Hi Ana,\n")
        assert "how did the Porto race go?" in body_of(app)


async def test_switching_channel_keeps_text_you_wrote(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await replace_body(pilot, app, "Mine")
        await pilot.press("ctrl+o", "e")
        await pilot.pause()
        assert screen.channel is Channel.EMAIL
        assert body_of(app) == "Mine"
        assert app.screen.query_one("#composer-subject", Input).value == "Catching up, Ana"
        await pilot.press("escape")
    store = reopen(db_path)
    draft = store.get_draft(seeded["Ana"])
    store.close()
    assert draft is not None and draft.channel is Channel.EMAIL and draft.body == "Mine"


# --- mark sent --------------------------------------------------------------------------------


async def test_mark_sent_logs_it_and_returns_to_the_agenda(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press(*" x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert ("Ana Lima", "check-in") not in rows(app)
        assert any(message.startswith("Sent to Ana; next check-in") for message in toasts(app))
    store = reopen(db_path)
    latest = store.contact_detail(seeded["Ana"]).interactions[0]
    assert latest.occurred_at == NOW
    assert latest.channel is Channel.TEXT
    assert latest.kind is InteractionKind.CHECK_IN
    assert latest.summary.startswith("sent: Was just thinking about")
    assert len(latest.summary) <= 80 + len("sent: ")
    assert store.get_draft(seeded["Ana"]) is None
    assert store.contact_detail(seeded["Ana"]).next_due_on == TODAY.add(days=7)
    store.close()


async def test_sending_a_promise_keeps_it_and_asks_the_open_question(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Dario Sa", ItemKind.COMMITMENT)
        assert "send the deck" in body_of(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ("Dario Sa", "commitment") not in rows(app)
    store = reopen(db_path)
    assert store.open_commitments(seeded["Dario"]) == []
    assert store.contact_detail(seeded["Dario"]).interactions[0].kind is InteractionKind.HELP
    store.close()

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press("ctrl+o", "e")  # the email template asks her open question
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("question asked" in message for message in toasts(app))
    store = reopen(db_path)
    detail = store.contact_detail(seeded["Ana"])
    assert all(question.asked_on == TODAY for question in detail.questions)
    assert detail.interactions[0].summary == "sent: Catching up, Ana"  # the subject is the gist
    assert detail.interactions[0].channel is Channel.EMAIL
    store.close()


async def test_a_birthday_message_is_logged_as_congrats(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Carla Reis", ItemKind.CELEBRATION)
        assert "birthday" in body_of(app) or "birthday" in str(
            app.screen.query_one("#composer-subject", Input).value
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ("Carla Reis", "celebration") not in rows(app)
    store = reopen(db_path)
    assert store.contact_detail(seeded["Carla"]).interactions[0].kind is InteractionKind.CONGRATS
    store.close()


async def test_an_empty_message_is_not_marked_sent(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        app.screen.query_one("#composer-text", TextArea).load_text("  ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert any("Write something first" in message for message in toasts(app))


# --- copy and $EDITOR -------------------------------------------------------------------------


async def test_copy_puts_the_message_on_the_clipboard_and_says_so(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert copied == [body_of(app)]
        assert any("if your terminal allows OSC 52" in message for message in toasts(app))
        assert isinstance(app.screen, ComposerScreen)


async def test_editor_edits_come_back_into_the_composer(
    seeded, make_app, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def fake_editor(app, text: str, *, env=None) -> str:  # type: ignore[no-untyped-def]
        seen.append(text)
        return text.replace("Subject: Re: asked about the climbing trip", "Subject: Climbing!")

    monkeypatch.setattr(editor, "edit_text", fake_editor)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Bruno Costa", ItemKind.REPLY_OWED)
        before = body_of(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert seen[0].startswith("Subject: Re: asked about the climbing trip\n\nHi Bruno,")
        assert app.screen.query_one("#composer-subject", Input).value == "Climbing!"
        assert body_of(app) == before
    store = reopen(db_path)
    draft = store.get_draft(seeded["Bruno"])
    store.close()
    assert draft is not None and draft.subject == "Climbing!"


async def test_without_an_editor_the_draft_stays_and_a_toast_says_why(
    seeded, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        before = body_of(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert body_of(app) == before
        assert any("No editor set" in message for message in toasts(app))


def test_editor_argv_splits_like_a_shell_without_one() -> None:
    assert editor.editor_argv({"EDITOR": "code -w"}) == ["code", "-w"]
    assert editor.editor_argv({"VISUAL": "'my editor' --x", "EDITOR": "vi"}) == ["my editor", "--x"]
    assert editor.editor_argv({"VISUAL": "  ", "EDITOR": "vi"}) == ["vi"]
    with pytest.raises(editor.EditorError):
        editor.editor_argv({})
    with pytest.raises(editor.EditorError):
        editor.editor_argv({"EDITOR": "vim 'unclosed"})


# --- the send command -------------------------------------------------------------------------


async def test_send_runs_the_command_with_the_draft_on_stdin(
    seeded, make_app, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sent.txt"
    script = "import sys; open(sys.argv[1], 'w').write(sys.argv[2] + '|' + sys.stdin.read())"
    set_send_command(db_path, [sys.executable, "-c", script, str(out), "{name}"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        text = body_of(app)
        await pilot.press("ctrl+r")
        await wait_for_send(pilot, app)
        assert isinstance(app.screen, AgendaScreen)
        assert any(message.startswith("Sent to Ana via python") for message in toasts(app))
    assert out.read_text(encoding="utf-8") == f"Ana Lima|{text}"
    store = reopen(db_path)
    assert store.get_draft(seeded["Ana"]) is None
    assert store.contact_detail(seeded["Ana"]).interactions[0].occurred_at == NOW
    store.close()


async def test_a_failed_send_keeps_the_draft_and_says_why(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_send_command(db_path, [sys.executable, "-c", "import sys; sys.exit('smtp down')"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press(*" hi")
        await pilot.press("ctrl+r")
        await wait_for_send(pilot, app)
        assert isinstance(app.screen, ComposerScreen)
        assert any(
            message == "Not sent: smtp down (exit status 1). The draft is kept."
            for message in toasts(app)
        )
    store = reopen(db_path)
    draft = store.get_draft(seeded["Ana"])
    assert draft is not None and draft.body.endswith(" hi")
    assert store.contact_detail(seeded["Ana"]).interactions[0].occurred_at != NOW
    store.close()


async def test_a_missing_program_is_named(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_send_command(db_path, ["/nonexistent/sendmail-xyz"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press("ctrl+r")
        await wait_for_send(pilot, app)
        assert isinstance(app.screen, ComposerScreen)
        assert any("command not found: /nonexistent/sendmail-xyz" in m for m in toasts(app))


async def test_send_without_a_command_says_how_to_set_one(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert any("nurture-tui config send-command" in message for message in toasts(app))


async def test_send_needing_an_email_they_lack_is_refused(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_send_command(db_path, [sys.executable, "-c", "pass", "{to}"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert any("needs {to}" in message for message in toasts(app))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["mail", "-s", "{subject}", "{to}"], ["mail", "-s", "Hi {to}", "ana@example.com"]),
        (
            ["send", "--to={to}", "--name", "{name}"],
            ["send", "--to=ana@example.com", "--name", "Ana"],
        ),
        (["plain", "{unknown}"], ["plain", "{unknown}"]),
    ],
)
def test_send_fields_are_filled_once_and_only_known_ones(
    argv: list[str], expected: list[str]
) -> None:
    values = {"to": "ana@example.com", "subject": "Hi {to}", "name": "Ana", "channel": "email"}
    assert editor.fill_send_argv(argv, values) == expected


@pytest.mark.parametrize(
    ("stored", "expected"),
    [(None, None), ("", None), ('["mail", "-s", "x"]', ["mail", "-s", "x"])],
)
def test_parse_send_command(stored: str | None, expected: list[str] | None) -> None:
    assert editor.parse_send_command(stored) == expected


@pytest.mark.parametrize("stored", ["mail -s", "[]", '{"a": 1}', "[1, 2]"])
def test_a_broken_send_command_setting_is_explained(stored: str) -> None:
    with pytest.raises(editor.SendCommandError, match="config send-command"):
        editor.parse_send_command(stored)


def test_a_slow_send_command_times_out() -> None:
    result = editor.run_send_command(
        [sys.executable, "-c", "import time; time.sleep(5)"], "", timeout=0.2
    )
    assert not result.ok
    assert "did not finish within 0.2 s" in result.reason


@pytest.mark.parametrize(
    ("subject", "body", "gist"),
    [
        ("Catching up", "Hi Ana,\n\nlong body", "Catching up"),
        ("", "Hi Ana,\n\nhow did the race go?", "How did the race go?"),
        ("", "Hey Bruno! Quick one: coffee?", "Quick one: coffee?"),
        ("", "Thanks for the intro.", "Thanks for the intro."),
        ("", "word " * 40, "Word" + " word" * 14 + "…"),
    ],
    ids=["subject", "greeting line", "greeting clause", "no greeting", "long"],
)
def test_message_gist(subject: str, body: str, gist: str) -> None:
    assert message_gist(subject, body) == gist
    assert len(message_gist(subject, body)) <= 80


# --- templates and hostile data -------------------------------------------------------------


async def test_an_unknown_placeholder_in_a_user_template_is_flagged(
    seeded, make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "check-in.text.txt").write_text(
        "Hi {name}, how is {dog_name}? And {name.__class__}\n", encoding="utf-8"
    )
    monkeypatch.setenv("NURTURE_TEMPLATES", str(templates))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        assert body_of(app) == "Hi Ana, how is {dog_name}? And {name.__class__}\n"
        warnings = app.screen.query_one("#composer-warnings", LabelledRows).plain
        assert "`{dog_name}` is not a known placeholder" in warnings
        assert "`{name.__class__}` is not a placeholder" in warnings
        assert str(templates / "check-in.text.txt") in shown(app, "#composer-template")
        # Writing the value in takes the warning away.
        area = app.screen.query_one("#composer-text", TextArea)
        area.load_text("Hi Ana, how is Rex?")
        await pilot.pause(0.2)
        assert not app.screen.query_one("#composer-warnings").display


async def test_a_markup_name_is_shown_literally(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(db_path)
    (eve,) = store.add_contacts(
        [Contact(id=0, display_name="[bold red]Eve[/]", given_name="[i]Eve[/i]\x1b[2J")],
        today=TODAY,
        daily_budget=5,
    )
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(eve.id))
        await pilot.pause()
        title = app.screen.query_one("#composer-title", Static).content
        assert "[bold red]Eve[/]" in str(title)
        styles = " ".join(str(span.style) for span in title.spans)
        assert "red" not in styles
        assert "[i]Eve[/i]" in body_of(app)
        checklist = app.screen.query_one(Checklist).plain
        assert "\x1b" not in checklist
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(message.startswith("Sent to [i]Eve[/i]^[[2J") for message in toasts(app))


async def test_a_narrow_window_folds_the_sidebar_into_one_line(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await compose_for(pilot, app, "Ana Lima", ItemKind.CHECK_IN)
        assert not app.screen.query_one("#composer-side").display
        compact = app.screen.query_one("#composer-compact")
        assert compact.display
        assert str(compact.content).startswith("personal ")


async def test_help_lists_the_composer_keys() -> None:
    from tui.screens.help import bindings_table

    table = bindings_table().plain
    assert "Composer" in table
    for key in ("ctrl+s", "ctrl+r", "ctrl+t", "ctrl+g", "ctrl+o"):
        assert key in table
