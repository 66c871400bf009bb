"""A dropped SSH link, for real: the full-screen app on a pty gets SIGHUP mid-session.

Each test runs `nurture-tui --db DB --today 2026-11-26` in its own pseudo-terminal (80x24,
xterm-256color, the pty its controlling terminal), waits for the agenda to be painted,
presses keys as a person would, then hangs up: by `kill -HUP`, or by closing the terminal's
master side so the kernel delivers the SIGHUP, the way sshd's hangup does. Then: the app
is gone within seconds with status 129 (128 + SIGHUP) instead of spinning on a dead
terminal, the file is sound, the draft is there (and the app shows it again), and every
other change is either whole or absent.
"""

from __future__ import annotations

import re
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from data.store import Store
from tests.resilience.dbcheck import check_contacts, check_file, connect, table_rows
from tests.resilience.pty_app import KEY_CTRL_P, KEY_CTRL_S, KEY_ENTER, KEY_ESCAPE, PtyApp
from tests.resilience.seed import TODAY, build_small_network, write_cards

HANGUP_STATUS = 128 + signal.SIGHUP  # what the app's SIGHUP handler exits with
EXIT_WITHIN = 5.0  # seconds from the hangup to the process being gone
IMPORT_CARDS = 3000
SENTENCE = "PS: how did the Porto race go? qv7"  # fits one line of the composer at 80x24
AGENDA = r"nurture · Thu 26 Nov"
FOOTER = r"q Quit"


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("network") / "template.db"
    build_small_network(db)
    return db


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "nurture.db"
    shutil.copyfile(template_db, copy)
    return copy


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3,000-card vCard file exported from a demo network (made once per module)."""
    return write_cards(tmp_path_factory.mktemp("cards"), IMPORT_CARDS)


def first_person(db: Path) -> tuple[int, str]:
    """Who the first agenda row is about: `c` there composes to them."""
    with Store.open(db) as store:
        item = store.agenda(TODAY).items[0]
    return item.contact.id, item.contact.display_name


def open_app(db: Path) -> PtyApp:
    app = PtyApp(["--db", str(db), "--today", TODAY.isoformat()]).start()
    try:
        app.wait_for(AGENDA)
        app.wait_for(FOOTER)
    except BaseException:
        app.close()
        raise
    return app


def open_composer(app: PtyApp, name: str) -> None:
    mark = app.mark()
    app.press("c")
    app.wait_for(rf"To {re.escape(name)}", since=mark)
    app.wait_for("Personal touch", since=mark)


def type_sentence(app: PtyApp) -> float:
    """A new line and the sentence, at typing speed's worst (all at once); when it was sent."""
    mark = app.mark()
    sent = time.monotonic()
    app.press(KEY_ENTER, SENTENCE)
    app.wait_for(re.escape(SENTENCE), since=mark)
    return sent


def stored_draft(db: Path, contact_id: int) -> str | None:
    """The draft's body as the file holds it now (read beside the running app)."""
    conn = connect(db)
    try:
        row = conn.execute("SELECT body FROM drafts WHERE contact_id = ?", (contact_id,)).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


def is_saved(db: Path, contact_id: int, typed: str) -> bool:
    body = stored_draft(db, contact_id)
    return body is not None and body.endswith(typed)


def hang_up(app: PtyApp, how: str) -> float:
    """Drop the session; returns when."""
    return app.hang_up_terminal() if how == "terminal" else app.signal(signal.SIGHUP)


class StillRunning(AssertionError):
    """The app outlived its terminal."""


def assert_gone(app: PtyApp, since: float, *, within: float = EXIT_WITHIN) -> float:
    """The app exited with 129 soon after the hangup; returns how long it took."""
    status = app.wait_exit(within)
    took = time.monotonic() - since
    if status is None:
        raise StillRunning(f"still running {within} s after the hangup")
    assert status == HANGUP_STATUS, f"exit status {status}, not {HANGUP_STATUS}"
    return took


def assert_reopened_composer_shows(db: Path, name: str, body: str) -> None:
    """Start the app again: composing to the same person brings the draft back on screen."""
    app = open_app(db)
    try:
        mark = app.mark()
        app.press("c")
        app.wait_for(rf"To {re.escape(name)}", since=mark)
        app.wait_for(r"restored draft", since=mark)
        last_line = body.rstrip("\n").splitlines()[-1]
        app.wait_for(re.escape(last_line), since=mark)
        mark = app.mark()
        app.press(KEY_ESCAPE)
        app.wait_for(FOOTER, since=mark)
        app.press("q")
        assert app.wait_exit(EXIT_WITHIN) == 0
    finally:
        app.close()


# --- (a) hanging up right after typing ---------------------------------------------------------
@pytest.mark.parametrize(
    ("how", "delay"),
    [
        ("signal", 0.0),
        ("signal", 0.1),
        ("signal", 0.35),  # about when the 400 ms autosave fires: either may save it
        ("terminal", 0.0),
        ("terminal", 0.2),
    ],
)
def test_hangup_right_after_typing_keeps_the_draft(db: Path, how: str, delay: float) -> None:
    contact_id, name = first_person(db)
    before = table_rows(db)
    app = open_app(db)
    try:
        open_composer(app, name)
        typed = type_sentence(app)
        time.sleep(delay)
        saved_already = stored_draft(db, contact_id)
        quiet = time.monotonic() - typed
        hung_up = hang_up(app, how)
        took = assert_gone(app, hung_up)
    finally:
        app.close()
    if quiet < 0.3:
        # The autosave waits for 400 ms of quiet: what is stored now is the hangup's doing.
        assert saved_already is None or not saved_already.endswith(SENTENCE)

    check_file(db)
    check_contacts(db)
    body = stored_draft(db, contact_id)
    assert body is not None and body.endswith("\n" + SENTENCE), body
    after = table_rows(db)
    assert {t: rows for t, rows in after.items() if t != "drafts"} == {
        t: rows for t, rows in before.items() if t != "drafts"
    }, "a hangup in the composer changed something besides the draft"
    assert [row[0] for row in after["drafts"]] == [contact_id]
    assert_reopened_composer_shows(db, name, body)
    print(f"\nhangup by {how} {delay:.2f} s after typing: exited 129 in {took * 1000:.0f} ms")


def test_hangup_while_still_typing_keeps_what_was_typed(db: Path) -> None:
    contact_id, name = first_person(db)
    app = open_app(db)
    try:
        open_composer(app, name)
        app.press(KEY_ENTER)
        # A key every 40 ms never leaves the autosave its 400 ms of quiet.
        typist = threading.Thread(target=app.type_slowly, args=(SENTENCE,), kwargs={"gap": 0.04})
        mark = app.mark()
        typist.start()
        half = SENTENCE[: len(SENTENCE) // 2]
        app.wait_for(re.escape(half), since=mark)
        assert stored_draft(db, contact_id) is None
        hung_up = app.signal(signal.SIGHUP)
        took = assert_gone(app, hung_up)
        typist.join()
    finally:
        app.close()
    check_file(db)
    body = stored_draft(db, contact_id)
    assert body is not None
    typed = body.rsplit("\n", 1)[-1]
    # Everything painted was saved; what came after the hangup never reached the app.
    assert typed.startswith(half) and SENTENCE.startswith(typed), body
    print(f"\nhangup mid-typing: {len(typed)} of {len(SENTENCE)} characters kept, {took:.2f} s")


# --- (b) hanging up while the app writes --------------------------------------------------------
@pytest.mark.parametrize("delay", [0.0, 0.01, 0.05])
def test_hangup_while_marking_done_is_all_or_nothing(db: Path, delay: float) -> None:
    contact_id, name = first_person(db)
    app = open_app(db)
    try:
        open_composer(app, name)
        type_sentence(app)
        mark = app.mark()
        app.press(KEY_ESCAPE)  # back to the agenda: the draft is saved on the way out
        app.wait_for("Draft kept", since=mark)
        before = table_rows(db)
        app.press("d")
        time.sleep(delay)
        hung_up = app.signal(signal.SIGHUP)
        took = assert_gone(app, hung_up)
    finally:
        app.close()
    check_file(db)
    check_contacts(db)
    body = stored_draft(db, contact_id)
    assert body is not None and body.endswith(SENTENCE)
    after = table_rows(db)
    if after == before:
        outcome = "not done"
    else:
        # Done whole: one more undo record, and undoing it gives back the file as it was.
        assert len(after["undo_log"]) == len(before["undo_log"]) + 1
        with Store.open(db) as store:
            undone = store.undo()
        assert undone is not None and ("logged" in undone or "promise" in undone), undone
        assert table_rows(db) == before, "the done was only partly written"
        outcome = "done"
    print(f"\nhangup {delay:.2f} s after d: {outcome}; exited 129 in {took * 1000:.0f} ms")


IMPORT_MOMENTS = [0.3, 0.8, 1.0, 1.1, 1.3]  # × how long the preview (a dry run) took


@pytest.mark.parametrize("fraction", IMPORT_MOMENTS)
def test_hangup_during_an_import_is_all_or_nothing(db: Path, cards: Path, fraction: float) -> None:
    contact_id, name = first_person(db)
    app = open_app(db)
    try:
        # The composer stays open under the import screen, its draft unsaved or saved.
        open_composer(app, name)
        type_sentence(app)
        mark = app.mark()
        app.press(KEY_CTRL_P)
        app.wait_for("Search", since=mark)
        mark = app.mark()
        app.press("import from")
        app.wait_for("import from a file", since=mark)
        mark = app.mark()
        app.press(KEY_ENTER)
        app.wait_for("Import people", since=mark)
        app.press(str(cards))
        mark = app.mark()
        started = time.monotonic()
        app.press(KEY_ENTER)
        app.wait_for(r"ctrl\+s\s+to\s+import", since=mark, timeout=120)
        preview = time.monotonic() - started
        would_add = int(re.findall(r"would add (\d+)", app.text(mark))[-1])
        before = table_rows(db)
        app.press(KEY_CTRL_S)
        time.sleep(fraction * preview)
        hung_up = app.signal(signal.SIGHUP)
        took = assert_gone(app, hung_up, within=EXIT_WITHIN + 3 * preview)
    finally:
        app.close()
    check_file(db)
    check_contacts(db)
    body = stored_draft(db, contact_id)
    assert body is not None and body.endswith(SENTENCE)
    after = table_rows(db)
    count, before_count = len(after["contacts"]), len(before["contacts"])
    assert count in (before_count, before_count + would_add), (
        f"{count - before_count} of {would_add} people imported"
    )
    if count == before_count:
        assert after == before
        outcome = "nothing imported"
    else:
        with Store.open(db) as store:
            undone = store.undo()
        assert undone is not None and undone.startswith(f"undid: imported {cards.name}")
        assert table_rows(db) == before, "undoing the import did not restore the file"
        outcome = f"all {would_add} imported"
    print(
        f"\nhangup {fraction:.1f} × {preview:.2f} s into an import: {outcome};"
        f" exited 129 in {took * 1000:.0f} ms"
    )


# --- hanging up before the app is even up --------------------------------------------------------
@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.6])
def test_hangup_during_start_up_ends_the_app(db: Path, delay: float) -> None:
    before = table_rows(db)
    app = PtyApp(["--db", str(db), "--today", TODAY.isoformat()]).start()
    try:
        time.sleep(delay)
        hung_up = app.signal(signal.SIGHUP)
        status = app.wait_exit(EXIT_WITHIN)
        took = time.monotonic() - hung_up
    finally:
        app.close()
    # Before the app installs its handler, SIGHUP's default action ends it (-1); after, 129.
    assert status in (HANGUP_STATUS, -signal.SIGHUP), f"exit status {status}"
    check_file(db)
    assert table_rows(db) == before
    print(f"\nhangup {delay:.2f} s into start-up: status {status} after {took * 1000:.0f} ms")


# --- a hangup while the terminal had stopped reading ---------------------------------------------
def test_hangup_after_the_terminal_stopped_reading_still_exits(db: Path) -> None:
    contact_id, name = first_person(db)
    app = open_app(db)
    try:
        open_composer(app, name)
        # A frozen SSH client reads nothing: every repaint backs up until the app's writes
        # block. Type in bursts until the app is stuck (typing is no longer autosaved, even
        # seconds later), then type some more: keys the app reads but cannot act on.
        app.stop_reading()
        typed = ""
        for _ in range(30):
            burst = "stuck stuck " * 4
            typed += burst[: app.press_while_writable(burst, gap=0.015)]
            time.sleep(0.6)  # past the autosave's 400 ms of quiet
            if is_saved(db, contact_id, typed):
                continue
            time.sleep(1.5)  # slow, or stuck?
            if not is_saved(db, contact_id, typed):
                break
        else:
            pytest.fail("the terminal never backed up: nothing here is stuck")
        app.press_while_writable("queued " * 150)
        time.sleep(0.5)
        hung_up = app.hang_up_terminal()  # then the link drops
        took = assert_gone(app, hung_up)
    finally:
        app.close()
    check_file(db)
    body = stored_draft(db, contact_id)
    assert body is not None and "stuck stuck" in body, "the typing was lost"
    print(f"\nhangup with a blocked terminal: exited 129 in {took * 1000:.0f} ms")
