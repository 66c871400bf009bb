"""The Textual app: home is the due-today agenda; everything else is pushed on top of it."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from pendulum import Date, DateTime
from textual.app import App
from textual.binding import Binding

from tui.screens.agenda import AgendaScreen

if TYPE_CHECKING:
    from data.store import Store


class NurtureApp(App[None]):
    """nurture-tui: triage today's check-ins, then write to people."""

    CSS_PATH = "app.tcss"
    TITLE = "nurture"
    ENABLE_COMMAND_PALETTE = True
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
        self.today = today
        self.now = now
        self.daily_budget = daily_budget

    def on_mount(self) -> None:
        self.push_screen(AgendaScreen())

    def on_ready(self) -> None:
        # The first frame is up: move what start-up allocated out of the collector's way,
        # so a full collection does not land on the first keypress.
        gc.freeze()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())
