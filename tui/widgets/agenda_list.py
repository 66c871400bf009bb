"""The agenda as a keyboard-driven list: one row per item, who / what / how late."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from core.agenda import TIER_VALUE, AgendaItem, ItemKind
from tui.render import fit, safe_text

# Row colours by kind, from the theme so they work in 256 colours and under NO_COLOR.
_KIND_STYLE = {
    ItemKind.COMMITMENT: "bold $error",
    ItemKind.REPLY_OWED: "bold $warning",
    ItemKind.CELEBRATION: "$success",
    ItemKind.LIFE_EVENT: "$success",
    ItemKind.CHECK_IN: "",
    ItemKind.SHARE: "$accent",
    ItemKind.INTRO: "$accent",
}
NAME_WIDTH = 15
WHEN_WIDTH = 9  # "999d late"


def _days(count: int) -> str:
    """`12d`, or `3y` from a thousand days on, so the cell stays within WHEN_WIDTH."""
    return f"{count}d" if count < 1000 else f"{count // 365}y"


def when_cell(item: AgendaItem) -> str:
    """How late (or how soon) an item is, in at most WHEN_WIDTH columns."""
    late = item.days_late
    if item.tier == TIER_VALUE:
        return "idea"  # a suggestion to give has no due date
    if item.kind is ItemKind.REPLY_OWED:
        return _days(late) if late else "today"
    if late > 0:
        celebrating = item.kind in (ItemKind.CELEBRATION, ItemKind.LIFE_EVENT)
        return f"{_days(late)} ago" if celebrating else f"{_days(late)} late"
    if late == 0:
        return "today"
    return f"in {_days(-late)}"


def row_text(item: AgendaItem, width: int) -> Content:
    """One agenda row fitted to `width` columns; user data stays plain text, never markup."""
    label_width = max(6, width - NAME_WIDTH - WHEN_WIDTH - 2)
    return Content.assemble(
        (fit(safe_text(item.contact.display_name), NAME_WIDTH), "bold"),
        " ",
        (fit(safe_text(item.label), label_width), _KIND_STYLE[item.kind]),
        " ",
        (when_cell(item).rjust(WHEN_WIDTH), "$text-muted" if item.days_late <= 0 else ""),
    )


class AgendaList(OptionList):
    """The day's items; the screen owns what happens when one is acted on."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="agenda.down"),
        Binding("k", "cursor_up", "Up", show=False, id="agenda.up"),
    ]

    @dataclass
    class FirstRows(Message):
        """The rows were built for the first time, once the list knew its width."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.items: tuple[AgendaItem, ...] = ()
        self._rows_width = 0
        self._pending_index: int | None = None

    def show_items(self, items: Sequence[AgendaItem], *, keep_index: int | None = None) -> None:
        """Replace the rows, keeping the cursor on the same position (the next item)."""
        self.items = tuple(items)
        if not self.size.width:
            # Not laid out yet: the rows are cut to a width we do not know. The first
            # resize builds them, once.
            self._pending_index = keep_index
            return
        width = max(30, self.scrollable_content_region.width or self.size.width)
        self._rows_width = width
        self.set_options(
            Option(row_text(item, width - 1), id=f"row-{index}")
            for index, item in enumerate(self.items)
        )
        if self.items:
            wanted = 0 if keep_index is None else keep_index
            self.highlighted = min(max(wanted, 0), len(self.items) - 1)

    @property
    def current(self) -> AgendaItem | None:
        """The highlighted item, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    def on_resize(self) -> None:
        # Rows are cut to the list's width: rebuild them only when that width changed.
        width = max(30, self.scrollable_content_region.width or self.size.width)
        if self.items and width != self._rows_width:
            first = not self._rows_width
            keep = self.highlighted if self._rows_width else self._pending_index
            self.show_items(self.items, keep_index=keep)
            if first:
                self.post_message(self.FirstRows())
