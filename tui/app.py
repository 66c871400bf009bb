"""The Textual app: home is the due-today agenda; everything else is pushed on top of it."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import sqlite3
import threading
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING, Any

from pendulum import Date, DateTime
from rich.text import Text
from textual.app import App
from textual.binding import Binding

from tui.screens.agenda import AgendaScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from data.store import Store

HANGUP_STATUS = 128 + signal.SIGHUP
# After a hangup the event loop gets this long to save and leave; when it is stuck (blocked
# writing to a terminal that stopped reading) a watchdog thread does it instead.
HANGUP_GRACE_SECONDS = 2.0
# How long the watchdog waits for the last save and the database's close.
HANGUP_CLOSE_SECONDS = 2.0
EXIT_DAMAGED = 2


def _database_error(error: BaseException) -> sqlite3.DatabaseError | None:
    """The SQLite error behind `error` (itself, its cause, or a failed worker's), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.DatabaseError):
            return current
        inner = getattr(current, "error", None)  # textual.worker.WorkerFailed
        current = inner if isinstance(inner, BaseException) else current.__cause__
    return None


def _nurture_commands() -> type[Provider]:
    """Our palette commands, imported when the palette first opens (off the start-up path)."""
    from tui.commands import NurtureCommands

    return NurtureCommands


class NurtureApp(App[None]):
    """nurture-tui: triage today's check-ins, then write to people."""

    CSS_PATH = "app.tcss"
    TITLE = "nurture"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_nurture_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave nurture-tui"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key, on one page"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        today: Date,
        now: Callable[[], DateTime],
        daily_budget: int = 5,
    ) -> None:
        super().__init__()
        self.store = store
        # This session's own undo history: `u` never takes back another login's action.
        # (What secrets.token_hex(8) returns, without importing secrets and hashlib at
        # start-up: 2 ms and 0.6 MiB before the first frame.)
        store.session = os.urandom(8).hex()
        self.today = today
        self.now = now
        self.daily_budget = daily_budget
        self._flushes: list[Callable[[], None]] = []
        self._hung_up = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._previous_hangup: Any = None

    # --- a dropped SSH link ------------------------------------------------------------
    def add_hangup_flush(self, flush: Callable[[], None]) -> None:
        """Run `flush` (synchronously) before exiting on SIGHUP: the composer saves its draft."""
        self._flushes.append(flush)

    def remove_hangup_flush(self, flush: Callable[[], None]) -> None:
        if flush in self._flushes:
            self._flushes.remove(flush)

    def flush_all(self) -> None:
        """Save whatever is unsaved, now (quitting, suspending, hanging up)."""
        for flush in list(self._flushes):
            # One failing flush must not stop the others.
            with contextlib.suppress(Exception):
                flush()

    def _on_hangup(self) -> None:
        # The terminal is gone: nothing can be drawn and Textual would never exit (an
        # orphaned app spins a core). Save, close the database cleanly, and leave at once.
        self.flush_all()
        try:
            self.store.close()
        finally:
            os._exit(HANGUP_STATUS)

    def _hangup_signalled(self, signum: int, frame: FrameType | None) -> None:
        """SIGHUP, in the main thread, wherever it was: even blocked in a write to a
        terminal that stopped reading, where the event loop would never see the signal."""
        if self._hung_up:
            return
        self._hung_up = True
        threading.Thread(target=self._hangup_watchdog, name="nurture-hangup", daemon=True).start()
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the watchdog acts
                loop.call_soon_threadsafe(self._on_hangup)

    def _hangup_watchdog(self) -> None:
        """If the event loop has not left within the grace time, save and leave from here."""
        threading.Event().wait(HANGUP_GRACE_SECONDS)

        def save_and_close() -> None:
            self.flush_all()
            with contextlib.suppress(Exception):
                self.store.close()

        # The store may be held by a long write (an import): wait for it only so long.
        closer = threading.Thread(target=save_and_close, name="nurture-hangup-save", daemon=True)
        closer.start()
        closer.join(HANGUP_CLOSE_SECONDS)
        os._exit(HANGUP_STATUS)

    def _install_hangup_handler(self) -> None:
        """Catch SIGHUP with a plain signal handler (only the main thread may install one)."""
        if threading.current_thread() is not threading.main_thread():
            return  # a test driving the app from a thread: nothing to hang up
        try:
            self._loop = asyncio.get_running_loop()
            self._previous_hangup = signal.signal(signal.SIGHUP, self._hangup_signalled)
        except (AttributeError, RuntimeError, ValueError, OSError):
            pass  # no SIGHUP on this platform

    def on_unmount(self) -> None:
        if self._previous_hangup is not None:
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signal.SIGHUP, self._previous_hangup)
            self._previous_hangup = None

    # --- a damaged database --------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """A database that breaks mid-session ends the app with one line, not a traceback."""
        damage = _database_error(error)
        if damage is None:
            super()._handle_exception(error)
            return
        self.flush_all()  # what still can be saved (a draft in another table) is
        from data.store import DISK_FAILED, disk_failed
        from tui.render import safe_text

        path, detail = safe_text(self.store.path), safe_text(damage)
        if disk_failed(damage):
            message = f"nurture-tui: error: cannot write {path}: {DISK_FAILED} ({detail})"
        else:
            message = f"nurture-tui: error: {path} is damaged: {detail} (see: nurture-tui doctor)"
        # One line however long: the terminal may wrap it, Rich must not break or crop it.
        self.error_console.soft_wrap = True
        self.exit(return_code=EXIT_DAMAGED, message=Text(message))

    def on_mount(self) -> None:
        self._install_hangup_handler()
        if self.store.has_contacts():
            self.push_screen(AgendaScreen())
        else:
            from tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen())

    async def action_quit(self) -> None:
        self.flush_all()
        await super().action_quit()

    def on_ready(self) -> None:
        # Ready comes just before the first frame is drawn: settle memory once it is sent.
        self.call_after_refresh(self._settle_memory)

    def _settle_memory(self) -> None:
        """Once the first frame is sent: collect start-up's garbage, freeze the rest, gc on.

        The fast launch path keeps the collector off until now. Start-up threw away ~2,500
        cycles (the footer's first keys, the stylesheet's scratch nodes); one collection
        here (~20 ms, long before anyone can type) frees them, then what start-up kept
        moves out of the collector's way, so no full collection lands on a keypress.
        With that frozen, the generations hold only what came since, so collecting them
        often is cheap: what each frame throws away (Textual's strips and their caches)
        is cyclic, and collecting it sooner keeps the session ~0.4 MiB smaller.
        """
        gc.collect()
        gc.freeze()
        gc.enable()
        gc.set_threshold(700, 2, 1)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())
