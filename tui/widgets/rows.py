"""Label-and-text rows whose text wraps under itself, not under the label (a hanging indent)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

Row = tuple[Content | str, Content | str]


def _plain(value: Content | str) -> Content:
    return Content(value) if isinstance(value, str) else value


class LabelledRows(Vertical):
    """A narrow column of `label  text` rows; `show` replaces them (in place when it can)."""

    DEFAULT_CSS = """
    LabelledRows {
        height: auto;
    }
    LabelledRows > .row {
        height: auto;
    }
    LabelledRows > .row > .row-label {
        height: auto;
        color: $text-muted;
    }
    LabelledRows > .row > .row-text {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(
        self,
        *,
        label_width: int = 5,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label_width = label_width
        self.rows: tuple[tuple[Content, Content], ...] = ()

    def _row(self, label: Content, text: Content) -> Horizontal:
        name = Static(label, classes="row-label")
        name.styles.width = self.label_width
        return Horizontal(name, Static(text, classes="row-text"), classes="row")

    def show(self, rows: Sequence[Row]) -> None:
        """Display `rows`; strings are shown as plain text (never markup)."""
        self.rows = tuple((_plain(label), _plain(text)) for label, text in rows)
        existing = list(self.query_children(".row"))
        if len(existing) == len(self.rows):
            for widget, (label, text) in zip(existing, self.rows, strict=True):
                widget.query_one(".row-label", Static).update(label)
                widget.query_one(".row-text", Static).update(text)
            return
        self.remove_children()
        self.mount_all(self._row(label, text) for label, text in self.rows)

    @property
    def plain(self) -> str:
        """The rows as plain text, one per line (for tests and screen readers)."""
        return "\n".join(label.plain + text.plain for label, text in self.rows)
