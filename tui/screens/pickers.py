"""Small modal choices made with one key: how long to snooze, which channel it happened on."""

from __future__ import annotations

from pendulum import Date
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from core.models import Channel
from tui.cli_input import parse_day
from tui.render import short_day

SNOOZE_CHOICES = (("1", "1 day", 1), ("3", "3 days", 3), ("w", "1 week", 7), ("m", "1 month", 30))
CHANNEL_KEYS = {
    "e": Channel.EMAIL,
    "t": Channel.TEXT,
    "c": Channel.CALL,
    "v": Channel.VIDEO,
    "p": Channel.IN_PERSON,
    "s": Channel.SOCIAL,
    "o": Channel.OTHER,
}


class SnoozePicker(ModalScreen[Date | None]):
    """Snooze for 1 day / 3 days / 1 week / 1 month, or until a typed date."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="snooze.cancel"),
        *(
            Binding(key, f"pick({days})", label, id=f"snooze.{days}d")
            for key, label, days in SNOOZE_CHOICES
        ),
        Binding("t", "type_date", "A date…", id="snooze.date"),
    ]

    def __init__(self, today: Date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker"):
            yield Label("Snooze until…", classes="picker-title")
            yield OptionList(
                *(
                    Option(
                        f"{key}  {label}  ({short_day(self.today.add(days=days), self.today)})",
                        id=str(days),
                    )
                    for key, label, days in SNOOZE_CHOICES
                ),
                Option("t  a date…", id="date"),
                id="snooze-options",
            )
            yield Input(placeholder="2026-12-24, friday, +10d", id="snooze-date")
            yield Label("", id="snooze-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#snooze-date", Input).display = False

    def action_pick(self, days: int) -> None:
        self.dismiss(self.today.add(days=days))

    def action_type_date(self) -> None:
        field = self.query_one("#snooze-date", Input)
        field.display = True
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#snooze-options")
    def _on_option(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "date":
            self.action_type_date()
        elif event.option.id is not None:
            self.action_pick(int(event.option.id))

    @on(Input.Submitted, "#snooze-date")
    def _on_date(self, event: Input.Submitted) -> None:
        error = self.query_one("#snooze-error", Label)
        try:
            until = parse_day(event.value, today=self.today, what="snooze date")
        except ValueError as problem:
            error.update(str(problem))
            return
        if until <= self.today:
            error.update("Pick a day after today.")
            return
        self.dismiss(until)


class ChannelPicker(ModalScreen[Channel | None]):
    """Which channel a touch happened on, one key each."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="channel.cancel"),
        *(
            Binding(key, f"pick('{channel.value}')", channel.value, id=f"channel.{channel.value}")
            for key, channel in CHANNEL_KEYS.items()
        ),
    ]

    def __init__(self, title: str = "Done via…") -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker"):
            yield Label(self.title_text, classes="picker-title")
            yield OptionList(
                *(
                    Option(f"{key}  {channel.value}", id=channel.value)
                    for key, channel in CHANNEL_KEYS.items()
                ),
                id="channel-options",
            )

    def action_pick(self, value: str) -> None:
        self.dismiss(Channel(value))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#channel-options")
    def _on_option(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_pick(event.option.id)
