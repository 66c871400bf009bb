"""The command palette (ctrl+p): go to anyone by a fuzzy name, add someone, log a touch."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from core.names import name_words
from tui.render import safe_text

if TYPE_CHECKING:
    from tui.app import NurtureApp

MAX_NAME_HITS = 12


class NurtureCommands(Provider):
    """Palette commands, read "group: verb phrase"."""

    _names: list[tuple[int, str, list[str]]]

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    async def startup(self) -> None:
        # Off the event loop: at 100,000 contacts reading every name takes a moment.
        names = await asyncio.to_thread(self.nurture.store.contact_names)
        self._names = [(contact_id, name, name_words(name)) for contact_id, name in names]

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        return [
            ("contact: add someone", self._open_form, "Open the new-contact form"),
            ("contacts: search everyone", self._open_search, "Names, notes and conversations"),
            ("agenda: due today", self._back_to_agenda, "Back to today's agenda"),
            (
                "contacts: import from a file",
                self._open_import,
                "vCard or CSV: preview, then import",
            ),
            ("stats: how is my network?", self._open_stats, "On cadence, drifting, streaks"),
            (
                "library: things worth sharing",
                self._open_library,
                "Shareables: add links, see whom each fits, share one",
            ),
            (
                "introductions: suggest and follow through",
                self._open_introductions,
                "Who to introduce, and the double opt-in step by step",
            ),
        ]

    async def discover(self) -> Hits:
        for text, command, help_text in self._actions():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._actions():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
        words = name_words(query)
        if not words:
            return
        # Prefilter by the last word the user typed being the start of a word in the name,
        # so a keystroke never fuzzy-scores the whole network.
        last = words[-1]
        hits = 0
        for contact_id, name, words_of_name in self._names:
            if not any(word.startswith(last) for word in words_of_name):
                continue
            shown = safe_text(name)
            for verb, command in (
                ("go to", partial(self._open, contact_id)),
                ("log a conversation with", partial(self._open, contact_id, then="log")),
            ):
                text = f"contact: {verb} {shown}"
                score = matcher.match(text) or 0.01
                # Content(text), never the matcher's highlight: that parses markup, and a
                # name like "[bold]Eve" must stay literal.
                yield Hit(score, Content(text), command, text=text)
            hits += 1
            if hits >= MAX_NAME_HITS:
                return

    # --- what the commands do --------------------------------------------------------
    def _open(self, contact_id: int, then: str | None = None) -> None:
        from tui.screens.contact import ContactScreen

        screen = ContactScreen(contact_id)
        self.app.push_screen(screen)
        if then == "log":
            self.app.call_after_refresh(screen.action_log)

    def _open_form(self) -> None:
        from tui.screens.contact_form import ContactForm

        self.app.push_screen(ContactForm())

    def _open_search(self) -> None:
        from tui.screens.contacts import ContactsScreen

        self.app.push_screen(ContactsScreen(search=True))

    def _open_import(self) -> None:
        from tui.screens.import_file import ImportScreen

        self.app.push_screen(ImportScreen())

    def _open_stats(self) -> None:
        from tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def _open_library(self) -> None:
        from tui.screens.shareables import ShareablesScreen

        self.app.push_screen(ShareablesScreen())

    def _open_introductions(self) -> None:
        from tui.screens.introductions import IntroductionsScreen

        self.app.push_screen(IntroductionsScreen())

    def _back_to_agenda(self) -> None:
        from tui.screens.agenda import AgendaScreen

        while len(self.app.screen_stack) > 2 and not isinstance(self.app.screen, AgendaScreen):
            self.app.pop_screen()
