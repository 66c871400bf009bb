"""Hostile text on every screen: shown literally, never interpreted, never crashing the app.

Every screen is driven at 80x24 over the hostile network of `test_hostile_data.py`. What the
screen shows is read back from `export_screenshot()` (the cells a terminal would get): it must
hold the markup as written and no raw ESC, BEL or C1 character, and the app must still be
running afterwards (a `[@click=app.quit]` in a name must not quit it). The last tests run the
real `nurture-tui` in a pseudo-terminal and check the very bytes it writes.
"""

from __future__ import annotations

import html
import os
import re
import select
import shutil
import struct
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.command import CommandList
from textual.widgets import DataTable, Input, Log, Static, TextArea

from data.store import Store
from tests.resilience.conftest import fresh_copy
from tests.resilience.test_hostile_data import (
    BIG_NOTE_OWNER,
    FIXTURES,
    HOSTILE,
    NOW,
    OSC52,
    TODAY,
    Hostile,
    bidi_controls,
    field_text,
    hostile_params,
    terminal_controls,
)
from tui.app import NurtureApp
from tui.render import safe_text
from tui.screens.agenda import AgendaScreen
from tui.screens.composer import ComposerScreen
from tui.screens.contact import ContactScreen
from tui.screens.contacts import ContactsScreen
from tui.screens.import_file import ImportScreen
from tui.widgets.agenda_list import AgendaList
from tui.widgets.preview import ContactPreview

SIZE = (80, 24)
SETTLE = 0.3  # longer than the preview delay and the search debounce
SCRIPT = shutil.which("nurture-tui", path=str(Path(sys.executable).parent)) or "nurture-tui"


def by_key(key: str) -> Hostile:
    return next(hostile for hostile in HOSTILE if hostile.key == key)


@pytest.fixture
def db_path(tmp_path: Path, built: tuple[Path, dict[str, int]]) -> Path:
    """A fresh copy of the hostile network for one test."""
    return fresh_copy(built, tmp_path)


@pytest.fixture
def make_app(db_path: Path, ids: dict[str, int]) -> Iterator[Callable[[], NurtureApp]]:
    opened: list[Store] = []

    def build() -> NurtureApp:
        store = Store.open(db_path)
        opened.append(store)
        return NurtureApp(store, today=TODAY, now=lambda: NOW)

    yield build
    for store in opened:
        store.close()


# --- reading the screen ----------------------------------------------------------------------

_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>', re.S
)
_SVG_CHAR_WIDTH = 12.2  # rich's export_svg: 20 px font at a 0.61 aspect ratio


def screen_lines(svg: str, height: int = SIZE[1]) -> list[str]:
    """The screen's text, line by line, rebuilt from a screenshot's positioned runs."""
    runs: dict[int, list[tuple[int, str]]] = {}
    for x, line, text in _SVG_TEXT.findall(svg):
        piece = html.unescape(text).replace("\xa0", " ")
        runs.setdefault(int(line), []).append((round(float(x) / _SVG_CHAR_WIDTH), piece))
    lines = []
    for line in range(height):
        text, column = "", 0
        for start, piece in sorted(runs.get(line, [])):
            text += " " * max(0, start - column) + piece
            column = max(column, start) + cell_len(piece)
        lines.append(text.rstrip())
    return lines


def safe_screen(app: NurtureApp, *, bidi: bool = True) -> str:
    """What the screen shows, after checking no cell holds a character a terminal acts on."""
    svg = app.export_screenshot()
    assert terminal_controls(svg) == [], type(app.screen).__name__
    if bidi:
        assert bidi_controls(svg) == [], type(app.screen).__name__
    return "\n".join(screen_lines(svg))


def still_running(app: NurtureApp) -> None:
    assert app.is_running
    assert app.return_code is None  # nothing asked it to exit


def words(text: str) -> str:
    """Whitespace collapsed: wrapped lines compare as one."""
    return " ".join(text.split())


def plain(app: NurtureApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def toasts(app: NurtureApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


# --- the agenda and its preview pane ---------------------------------------------------------


async def test_every_agenda_row_and_its_preview_show_hostile_text_literally(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        listing = app.screen.query_one(AgendaList)
        count = len(listing.items)
        assert count >= 2 * len(HOSTILE)  # a promise and a check-in each, at least
        seen: set[str] = set()
        for index in range(count):
            if index:
                await pilot.press("j")
                await pilot.pause(0.1)
            item = listing.items[index]
            assert listing.highlighted == index
            preview = str(app.screen.query_one(ContactPreview).content)
            assert preview.startswith(safe_text(item.contact.display_name)), preview[:200]
            assert terminal_controls(preview) == bidi_controls(preview) == []
            for option in listing.options:
                shown = str(option.prompt)
                assert terminal_controls(shown) == bidi_controls(shown) == []
            seen.add(item.contact.display_name)
            screen = safe_screen(app)
            assert words(safe_text(item.contact.display_name))[:10] in screen
            still_running(app)
        assert {hostile.text for hostile in HOSTILE} <= seen
        assert BIG_NOTE_OWNER in seen


async def test_markup_on_the_agenda_is_text_not_markup(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        screen = safe_screen(app)
        for hostile in HOSTILE[:4]:  # the markup ones, cut to the name column
            assert hostile.literal[:12] in screen, hostile.key
        listing = app.screen.query_one(AgendaList)
        index = next(
            i for i, item in enumerate(listing.items) if item.contact.display_name.startswith("[@")
        )
        listing.highlighted = index
        await pilot.pause(SETTLE)
        preview = str(app.screen.query_one(ContactPreview).content)
        assert preview.startswith("[@click=app.quit]x[/] Mallory")
        assert "promise [@click=app.quit]x[/] Mallory" in words(preview)


async def test_clicking_a_click_markup_name_runs_no_action(make_app, ids) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        lines = safe_screen(app).splitlines()
        row = next(i for i, line in enumerate(lines) if line.startswith("[@click=app.qu"))
        await pilot.click(offset=(1, row))  # on the "@click" of the name
        await pilot.pause(SETTLE)
        still_running(app)
        # A click selects the row, which opens the person: the same as enter.
        if not isinstance(app.screen, ContactScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == ids["markup-click"]
        header = plain(app, "#contact-header")
        assert header.startswith("[@click=app.quit]x[/] Mallory")
        column = header.index("x[/]")
        await pilot.click(offset=(column + 1, 0))  # on the "x" itself
        await pilot.pause(SETTLE)
        still_running(app)
        assert isinstance(app.screen, ContactScreen)


async def test_triage_toasts_show_hostile_names_literally(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        listing = app.screen.query_one(AgendaList)
        for key in ("markup-click", "osc52", "c0-c1"):
            hostile = by_key(key)
            index = next(
                i
                for i, item in enumerate(listing.items)
                if item.contact.display_name == hostile.text and item.kind.value == "check-in"
            )
            listing.highlighted = index
            await pilot.pause(SETTLE)
            await pilot.press("d")
            await pilot.pause(SETTLE)
            assert any(safe_text(hostile.text) in toast for toast in toasts(app)), toasts(app)
            await pilot.press("u")
            await pilot.pause(SETTLE)
            for toast in toasts(app):
                assert terminal_controls(toast) == bidi_controls(toast) == []
            safe_screen(app)
            still_running(app)
        assert isinstance(app.screen, AgendaScreen)


# --- the contact page --------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", hostile_params())
async def test_the_contact_page_shows_every_hostile_field_literally(
    make_app, ids, hostile: Hostile
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactScreen(ids[hostile.key]))
        await pilot.pause()
        header = plain(app, "#contact-header")
        body = words(plain(app, "#contact-body"))
        assert header.startswith(safe_text(hostile.text))
        assert hostile.literal in header
        for field in ("question", "promise", "summary", "note", "event", "tag", "company"):
            assert words(safe_text(field_text(hostile, field))) in body, field
        for text in (header, body):
            assert terminal_controls(text) == bidi_controls(text) == []
        safe_screen(app)
        await pilot.press("end")  # the bottom of the record: the About section
        await pilot.pause()
        safe_screen(app)
        still_running(app)


async def test_a_contact_with_a_1mb_note_opens_and_scrolls_to_its_end(make_app, ids) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactScreen(ids["big-note"]))
        await pilot.pause()
        body = plain(app, "#contact-body")
        assert len(body) > 1_000_000
        assert body.rstrip().endswith("THE-END") or "THE-END" in body
        assert "lorem [bold]ipsum[/] dolor ^[[31msit^[[0m amet ^[]52;c;ZXZpbA==^G" in words(body)
        assert terminal_controls(body.replace("\n", " ")) == []
        safe_screen(app)
        await pilot.press("end")
        await pilot.pause()
        assert "THE-END" in safe_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        still_running(app)


# --- the contacts search ---------------------------------------------------------------------


@pytest.mark.parametrize("hostile", hostile_params())
async def test_searching_for_hostile_text_finds_them_and_shows_it_literally(
    make_app, ids, hostile: Hostile
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        # Pasted, as someone would copy a name from elsewhere; a terminal's paste keeps only
        # the text between the controls, so that is what arrives.
        pasted = re.sub("[\x00-\x1f\x7f-\x9f]", "", hostile.text)
        app.screen.query_one("#contacts-search", Input).post_message(events.Paste(pasted))
        await pilot.pause(SETTLE)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ids[hostile.key] in [contact.id for contact in app.screen.shown]
        table = app.screen.query_one("#contacts-table", DataTable)
        for row in range(table.row_count):
            for cell in table.get_row_at(row):
                assert terminal_controls(cell.plain) == bidi_controls(cell.plain) == []
        status = plain(app, "#contacts-status")
        assert safe_text(pasted.strip()) in status
        screen = safe_screen(app, bidi=hostile.key != "bidi")  # the search box echoes it
        assert safe_text(hostile.text)[:10] in screen
        await pilot.press("enter")  # the best match
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        safe_screen(app)
        still_running(app)


async def test_a_raw_paste_into_the_search_box_is_not_echoed_raw(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactsScreen(search=True))
        await app.workers.wait_for_complete()
        search = app.screen.query_one("#contacts-search", Input)
        search.post_message(events.Paste(by_key("osc52").text))
        await pilot.pause(SETTLE)
        still_running(app)
        assert terminal_controls(search.value) == []
        safe_screen(app)


async def test_searching_the_1mb_note_finds_its_owner(make_app, ids) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactsScreen(search=True))
        await app.workers.wait_for_complete()
        await pilot.press(*"consectetur")
        await pilot.pause(SETTLE)
        assert ids["big-note"] in [contact.id for contact in app.screen.shown]
        safe_screen(app)
        still_running(app)


# --- the composer ------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", hostile_params())
async def test_a_draft_from_hostile_history_holds_no_terminal_controls(
    make_app, ids, hostile: Hostile
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(ids[hostile.key]))
        await pilot.pause(SETTLE)
        assert isinstance(app.screen, ComposerScreen)
        still_running(app)
        body = app.screen.query_one("#composer-text", TextArea).text
        subject = app.screen.query_one("#composer-subject", Input).value
        assert terminal_controls(body) == terminal_controls(subject) == []
        safe_screen(app, bidi=False)


@pytest.mark.parametrize("hostile", hostile_params())
async def test_the_composer_shows_hostile_history_literally_and_keeps_running(
    make_app, ids, hostile: Hostile
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(ids[hostile.key]))
        await pilot.pause(SETTLE)
        screen = app.screen
        assert isinstance(screen, ComposerScreen)
        body = screen.query_one("#composer-text", TextArea).text
        # The draft is built from their history: the question and the last topic are in it.
        assert f"question {hostile.text.split(' ')[0]}" in body
        if hostile.key.startswith("markup"):
            assert f"question {hostile.text}" in body  # markup lands as text, unparsed
        title = plain(app, "#composer-title")
        context = screen.query_one("#composer-context").plain  # type: ignore[attr-defined]
        for text in (title, context):
            assert terminal_controls(text) == bidi_controls(text) == []
        assert safe_text(hostile.text) in title
        assert words(safe_text(field_text(hostile, "question"))) in words(context)
        await pilot.press("end", *" ok")
        await pilot.pause(SETTLE)
        await pilot.press("escape")  # keeps the draft
        await pilot.pause()
        assert not isinstance(app.screen, ComposerScreen)
        still_running(app)
    with Store.open(app.store.path) as store:
        draft = store.get_draft(ids[hostile.key])
    assert draft is not None and draft.body.endswith(" ok")


async def test_the_composer_opens_beside_a_1mb_note(make_app, ids) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ComposerScreen(ids["big-note"]))
        await pilot.pause(SETTLE)
        assert isinstance(app.screen, ComposerScreen)
        safe_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        still_running(app)


# --- the palette -------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", hostile_params())
async def test_the_palette_goes_to_a_hostile_name(make_app, ids, hostile: Hostile) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        await pilot.press("ctrl+p")
        await pilot.press(*hostile.word)
        await pilot.pause(SETTLE)
        options = app.screen.query_one(CommandList)
        prompts = [str(option.prompt) for option in options.options]
        for prompt in prompts:
            assert terminal_controls(prompt) == bidi_controls(prompt) == []
        wanted = f"contact: go to {safe_text(hostile.text)}"
        assert wanted in prompts, prompts
        safe_screen(app)
        options.highlighted = prompts.index(wanted)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == ids[hostile.key]
        safe_screen(app)
        still_running(app)


# --- the import screen -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["hostile.vcf", "hostile.csv"])
async def test_importing_a_hostile_file_in_the_app(make_app, db_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ImportScreen(str(FIXTURES / name)))
        await pilot.pause()
        await pilot.press("enter")  # the preview
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = list(app.screen.query_one("#import-report", Log).lines)
        status = str(app.screen.query_one("#import-status", Static).render())
        assert "would add 4" in status, status
        assert any("[bold red]Eve[/] Evans" in line for line in report), report
        for text in (*report, status):
            assert terminal_controls(text) == bidi_controls(text) == []
        screen = safe_screen(app)
        assert "[bold red]Eve[/] Evans" in screen
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Imported" in str(app.screen.query_one("#import-status", Static).render())
        safe_screen(app)
        still_running(app)
        await pilot.press("escape")
        await pilot.pause()
        safe_screen(app)
        still_running(app)
    with Store.open(db_path) as store:
        names = {name for _, name in store.contact_names()}
    assert "[bold red]Eve[/] Evans" in names
    assert "Clip ]52;c;ZXZpbA== Board" in names  # the controls dropped, the rest kept
    assert all(terminal_controls(name) == [] for name in names - {h.text for h in HOSTILE})


# --- layout under hostile text -----------------------------------------------------------------


def test_zero_width_characters_take_no_columns() -> None:
    from tui.render import cell_width

    assert cell_width("Zero\u200bWidth\u200dJoiner") == len("ZeroWidthJoiner")


async def test_every_agenda_row_fits_on_one_line(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        listing = app.screen.query_one(AgendaList)
        width = listing.scrollable_content_region.width
        for option in listing.options:
            assert cell_len(str(option.prompt)) <= width, str(option.prompt)


# --- the real program in a real terminal -------------------------------------------------------


Step = tuple[float | bytes, bytes]  # (seconds to wait, or bytes to wait for; then type these)
PAINTED = b"Quit"  # the footer: the first frame is up


def run_in_terminal(db: Path, steps: list[Step], *, timeout: float = 60) -> bytes:
    """Run `nurture-tui --db DB` on an 80x24 pseudo-terminal, typing each step's keys once
    its wait is over; returns every byte the app wrote, after checking it exited 0."""
    import fcntl
    import pty
    import termios

    environment = {key: value for key, value in os.environ.items() if key != "NURTURE_DB"}
    environment.update(TERM="xterm-256color", TEXTUAL_ANIMATIONS="none", NURTURE_TZ="UTC")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program, on the terminal
        os.execve(SCRIPT, [SCRIPT, "--db", str(db), "--today", TODAY.isoformat()], environment)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    written = bytearray()
    pending = list(steps)
    started = step_started = time.monotonic()
    status = None
    while time.monotonic() - started < timeout:
        if pending:
            wait, keys = pending[0]
            if (
                wait in written
                if isinstance(wait, bytes)
                else time.monotonic() - step_started >= wait
            ):
                os.write(fd, keys)
                pending.pop(0)
                step_started = time.monotonic()
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            written += chunk
            if chunk:
                continue
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise AssertionError(f"nurture-tui did not exit: {bytes(written[-2000:])!r}")
    os.close(fd)
    assert not pending, f"exited before all keys were typed: {bytes(written[-3000:])!r}"
    assert status is not None and os.waitstatus_to_exitcode(status) == 0, bytes(written[-3000:])
    return bytes(written)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")
def test_the_real_app_writes_no_hostile_escape_sequence_to_the_terminal(
    db_path: Path, ids: dict[str, int]
) -> None:
    keys: list[Step] = [
        (PAINTED, b""),
        *[(0.3, b"j")] * 8,  # down the agenda: the preview follows Clip, Csi, Ctl, Emoji, Link
        (0.5, b"\r"),  # Link's page
        (1.0, b"j"),
        (0.3, b"\x1b"),
        (0.5, b"/"),  # search
        *[(0.1, bytes([char])) for char in b"clip"],
        (0.8, b"\r"),  # Clip's page
        (1.0, b"\x1b"),
        (0.5, b"\x1b"),
        (0.5, b"\x1b"),
        (0.5, b"q"),
    ]
    written = run_in_terminal(db_path, keys)
    assert b"Clip ^[]52;c;ZXZpbA==^G Board" in written  # the name was on screen, inert
    assert OSC52.encode()[:-1] not in written  # never as a clipboard write
    assert b"\x1b]8;;https://evil.example" not in written  # nor as a hyperlink
    assert b"\x1b[2J\x1b[31mRed" not in written
    assert b"\x07bell" not in written and "\x9bcsi".encode() not in written
    assert b"Traceback" not in written


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")
def test_the_real_composer_writes_no_hostile_escape_sequence_to_the_terminal(
    db_path: Path, ids: dict[str, int]
) -> None:
    keys: list[Step] = [
        (PAINTED, b""),
        *[(0.3, b"j")] * 4,  # Clip's overdue promise
        (0.5, b"c"),  # compose: the draft quotes what Clip last talked about
        (1.5, b"\x1b"),
        (0.5, b"q"),
    ]
    written = run_in_terminal(db_path, keys)
    assert b"Personal touch" in written  # the composer was on screen
    assert b"\x1b]52;c;ZXZpbA==" not in written
