"""Two sessions on one database: what one writes, the other shows on reload (`r`)."""

from __future__ import annotations

from pathlib import Path

import pendulum

from core.models import Interaction
from tests.tui.conftest import TODAY, reopen


async def test_a_session_sees_the_others_changes_on_reload(make_app, seeded, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen.query_one("#agenda-list")
        before = [item.contact.display_name for item in listing.items]
        assert "Dario Sa" in before
        # The other session keeps the promise to Dario and talks to everyone due.
        other = reopen(db_path)
        for item in listing.items:
            other.log_interaction(
                Interaction(
                    id=0,
                    contact_id=item.contact.id,
                    occurred_at=pendulum.datetime(2026, 11, 26, 9, tz="Europe/Lisbon"),
                ),
                today=TODAY,
            )
        for commitment in other.open_commitments(seeded["Dario"]):
            other.complete_commitment(commitment.id, today=TODAY)
        other.close()
        await pilot.press("r")
        await pilot.pause()
        after = [item.contact.display_name for item in app.screen.query_one("#agenda-list").items]
        assert "Dario Sa" not in after
        assert len(after) < len(before)
        # And this session can still write after the other one did.
        await pilot.press("d")
        await pilot.pause()


async def test_undo_takes_back_only_what_this_session_did(make_app, seeded, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.screen.query_one("#agenda-list").items[0].contact
        await pilot.press("x")  # this session skips the first person's cycle
        await pilot.pause()
        other = reopen(db_path)  # meanwhile another login logs a call with Eva
        other.session = "the other login"
        other.log_interaction(
            Interaction(
                id=0,
                contact_id=seeded["Eva"],
                occurred_at=pendulum.datetime(2026, 11, 26, 9, tz="Europe/Lisbon"),
                summary="call from the other session",
            ),
            today=TODAY,
        )
        await pilot.press("u")
        await pilot.pause()
        assert other.peek_undo() == "logged check-in with Eva Nunes"  # theirs is untouched
        assert other.get_contact(first.id).skipped_on is None  # ours is undone
        other.close()
