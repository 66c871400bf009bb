"""Help: every key of every screen, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def _key_name(binding: Binding) -> str:
    names = {"question_mark": "?", "slash": "/", "escape": "esc", "enter": "enter"}
    return ", ".join(names.get(key, key) for key in binding.key.split(","))


def bindings_table() -> Content:
    """One section per screen: key, what it does."""
    from tui.app import NurtureApp
    from tui.screens.agenda import AgendaScreen
    from tui.widgets.agenda_list import AgendaList

    sections: list[tuple[str, list[Binding]]] = [
        ("Due today", [*AgendaList.BINDINGS, *AgendaScreen.BINDINGS]),  # type: ignore[list-item]
        ("Everywhere", list(NurtureApp.BINDINGS)),  # type: ignore[arg-type]
    ]
    for title, module, class_name in _OTHER_SCREENS:
        try:
            screen_class = getattr(__import__(module, fromlist=[class_name]), class_name)
        except (ImportError, AttributeError):
            continue
        sections.append((title, list(screen_class.BINDINGS)))
    parts: list[str | tuple[str, str]] = []
    for title, bindings in sections:
        parts += [(title, "bold $accent"), "\n"]
        for binding in bindings:
            parts += [(f"  {_key_name(binding):<8}", "bold"), f"{binding.description:<14}"]
            if binding.tooltip:
                parts.append((binding.tooltip, "$text-muted"))
            parts.append("\n")
        parts.append("\n")
    return Content.assemble(*parts)


_OTHER_SCREENS = (
    ("Contact", "tui.screens.contact", "ContactScreen"),
    ("Composer", "tui.screens.composer", "ComposerScreen"),
    ("Contacts", "tui.screens.contacts", "ContactsScreen"),
    ("Insights", "tui.screens.stats", "StatsScreen"),
    ("Library", "tui.screens.shareables", "ShareablesScreen"),
    ("Introductions", "tui.screens.introductions", "IntroductionsScreen"),
)


class HelpScreen(ModalScreen[None]):
    """Every binding, grouped by screen."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(bindings_table())

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
