"""The footer every screen shows: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys (a widget each) whenever the screen's bindings
    are refreshed: on every focus change, and twice more as the app starts. Most of those
    refreshes change nothing it shows; skipping them spares the agenda ~0.3 MiB of keys built
    and thrown away at start-up, and a rebuild on each focus change after."""

    def __init__(self, *, show_command_palette: bool = False) -> None:
        super().__init__(show_command_palette=show_command_palette)
        self._shown: tuple[object, ...] | None = None

    def _what_it_would_show(self) -> tuple[object, ...]:
        keys = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return keys, self.show_command_palette, self.compact

    def compose(self) -> ComposeResult:
        self._shown = self._what_it_would_show() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        unchanged = (
            self._shown is not None
            and self.is_attached
            and screen is self.screen
            and self._what_it_would_show() == self._shown
        )
        if not unchanged:
            super().bindings_changed(screen)
