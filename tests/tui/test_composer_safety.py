"""The composer never puts a control character in its editor: not from a template filled with
someone's history, a restored draft, nor the text back from $EDITOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from core.models import Channel, Draft
from tests.tui.conftest import NOW, reopen
from tui import editor
from tui.screens.composer import ComposerScreen, clean_text

SIZE = (80, 24)
ESC = "\x1b"


def body_of(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#composer-text", TextArea).text


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        ("Hi", "Line one\n\tindented\n", ("Hi", "Line one\n\tindented\n")),
        (
            f"Re:{ESC}[31m red",
            f"a{ESC}]52;c;ZXZpbA==\x07b\x7f\x9bc",
            ("Re:[31m red", "a]52;c;ZXZpbA==bc"),
        ),
        ("two\nlines\r", "crlf\r\nkept as lf\r\n", ("two lines", "crlf\nkept as lf\n")),
    ],
)
def test_clean_text_drops_controls_and_keeps_lines(
    subject: str, body: str, expected: tuple[str, str]
) -> None:
    assert clean_text(subject, body) == expected


async def test_a_restored_draft_with_escapes_is_shown_clean(
    seeded, make_app, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store = reopen(db_path)
    store.save_draft(
        Draft(
            contact_id=seeded["Ana"],
            body=f"Hi Ana{ESC}[2J,\nsee you\x07 soon",
            channel=Channel.EMAIL,
            subject=f"Porto{ESC}]0;title\x07",
        ),
        now=NOW,
    )
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(seeded["Ana"]))
        await pilot.pause()
        assert body_of(app) == "Hi Ana[2J,\nsee you soon"
        assert app.screen.query_one("#composer-subject", Input).value == "Porto]0;title"


async def test_text_back_from_the_editor_is_cleaned(
    seeded, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def hostile_editor(app, text: str, *, env=None) -> str:  # type: ignore[no-untyped-def]
        return f"Hello{ESC}[31m there\n\tthanks\x9b!\n"

    monkeypatch.setattr(editor, "edit_text", hostile_editor)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(seeded["Ana"]))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert body_of(app) == "Hello[31m there\n\tthanks!\n"
