"""Marking a message sent is all or nothing: logged, promise kept, questions ticked and the
draft forgotten in one transaction."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import reopen
from tui.screens.agenda import AgendaScreen
from tui.screens.composer import ComposerScreen

SIZE = (80, 24)


async def test_a_failed_mark_sent_keeps_the_draft_and_logs_nothing(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(seeded["Ana"]))
        await pilot.pause()
        await pilot.press(*" how did the Porto race go?")
        # Forgetting the draft, the last step, fails: the log and the question must not stay.
        app.store.conn.execute(
            "CREATE TEMP TRIGGER fail_delete BEFORE DELETE ON main.drafts"
            " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )
        before = len(app.store.contact_detail(seeded["Ana"]).interactions)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        messages = [str(note.message) for note in app._notifications]
        assert any("Could not log it" in message for message in messages), messages
    store = reopen(db_path)
    detail = store.contact_detail(seeded["Ana"])
    draft = store.get_draft(seeded["Ana"])
    store.close()
    assert len(detail.interactions) == before
    assert all(question.asked_on is None for question in detail.questions)
    assert draft is not None and draft.body.endswith("how did the Porto race go?")


async def test_mark_sent_ticks_the_question_and_forgets_the_draft(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(seeded["Ana"]))
        await pilot.pause()
        await pilot.press(*" how did the Porto race go?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        messages = [str(note.message) for note in app._notifications]
        assert any("question asked" in message for message in messages), messages
    store = reopen(db_path)
    detail = store.contact_detail(seeded["Ana"])
    assert store.get_draft(seeded["Ana"]) is None
    store.close()
    assert all(question.asked_on is not None for question in detail.questions)
