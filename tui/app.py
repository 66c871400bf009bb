"""The Textual app: home is the due-today agenda; everything else is pushed on top of it."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING

from pendulum import Date, DateTime
from textual.app import App
from textual.binding import Binding

from tui.screens.agenda import AgendaScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from data.store import Store


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
            os._exit(128 + signal.SIGHUP)

    def on_mount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self._on_hangup)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not on the main thread (tests) or no signals here: nothing to hang up
        if self.store.has_contacts():
            self.push_screen(AgendaScreen())
        else:
            from tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen())

    async def action_quit(self) -> None:
        self.flush_all()
        await super().action_quit()

    def on_ready(self) -> None:
        # The first frame is up: move what start-up allocated out of the collector's way,
        # so a full collection does not land on the first keypress, then let it run again
        # (the fast launch path turns it off until now).
        gc.freeze()
        gc.enable()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())
