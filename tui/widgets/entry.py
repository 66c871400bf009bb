"""Small forms: labelled fields that validate in place, and a modal that returns their values.

A field's parser turns the typed text into a value or raises ValueError with a message fit
to show the user; the message appears under the field and nothing is returned until every
field parses. Used for the inline adds on the contact screen (note, question, promise...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select

# Control characters (C0, DEL, C1): a terminal acts on them, so a field must never echo one.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


class PlainInput(Input):
    """An Input that takes no control character, typed or pasted.

    A paste keeps its first line with the control characters dropped (a name copied with an
    escape sequence in it still finds them); Textual's own Input would echo an ESC raw.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("restrict", "[^\x00-\x1f\x7f-\x9f]*")
        super().__init__(*args, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        first_line = re.split("[\r\n]", event.text, maxsplit=1)[0]
        cleaned = _CONTROLS.sub("", first_line)
        event.stop()
        event.prevent_default()  # Input's own handler would take the raw text
        if cleaned:
            super()._on_paste(events.Paste(cleaned))


def required(what: str) -> Callable[[str], str]:
    """A parser for text that must not be empty (spaces trimmed)."""

    def parse(text: str) -> str:
        cleaned = " ".join(text.split())
        if not cleaned:
            raise ValueError(f"write the {what} first")
        return cleaned

    return parse


def optional_text(text: str) -> str:
    """Any text, spaces trimmed (may be empty)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class EntryField:
    """One field of an entry form: a text Input, or a Select when `choices` is given.

    `parse` receives the Input's text (or the Select's value) and returns the field's value,
    raising ValueError with a message for the user when it is not acceptable.
    """

    name: str
    label: str
    parse: Callable[[str], Any] = optional_text
    value: str = ""
    placeholder: str = ""
    choices: Sequence[tuple[str, str]] = ()


class FormRow(Vertical):
    """A label, its control on the same line, and an error line under it (hidden when fine)."""

    def __init__(self, label: str, control: Widget, *, name: str) -> None:
        super().__init__(classes="form-row", name=name)
        self._label = label
        self.control = control

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-line"):
            yield Label(Content(self._label), classes="form-label")
            yield self.control
        yield Label("", classes="form-error")

    def on_descendant_focus(self) -> None:
        self.add_class("-focused")

    def on_descendant_blur(self) -> None:
        self.remove_class("-focused")

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field, or hide the error line when None."""
        error = self.query_one(".form-error", Label)
        error.update(Content(message or ""))
        error.set_class(bool(message), "-shown")
        self.set_class(bool(message), "-invalid")

    @property
    def error(self) -> str:
        return str(self.query_one(".form-error", Label).content)


def control_value(control: Widget) -> str:
    """The text of an Input, or the value of a Select, as a string."""
    if isinstance(control, Input):
        return control.value
    if isinstance(control, Select):
        value = control.value
        return "" if value is Select.BLANK else str(value)
    raise TypeError(f"not a form control: {control!r}")


def make_control(field: EntryField, *, id: str) -> Widget:  # noqa: A002 - Textual's name
    """The widget a field is typed into."""
    if field.choices:
        return Select(
            [(label, value) for label, value in field.choices],
            value=field.value or field.choices[0][1],
            allow_blank=False,
            compact=True,
            id=id,
        )
    return Input(field.value, placeholder=field.placeholder, compact=True, id=id)


class EntryModal(ModalScreen[dict[str, Any] | None]):
    """A titled modal form; dismisses with {field name: parsed value}, or None on escape.

    `enter` moves to the next field and saves on the last; `ctrl+s` saves from anywhere.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="entry.cancel", tooltip="Close without saving"),
        Binding(
            "ctrl+s", "save", "Save", id="entry.save", tooltip="Save when every field is valid"
        ),
    ]

    def __init__(self, title: str, fields: Sequence[EntryField], *, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = tuple(fields)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="entry-dialog"):
            yield Label(Content(self.title_text), classes="entry-title")
            with VerticalScroll(classes="entry-fields", can_focus=False):
                for field in self.fields:
                    yield FormRow(
                        field.label, make_control(field, id=f"entry-{field.name}"), name=field.name
                    )
            with Horizontal(classes="entry-buttons"):
                yield Label(
                    Content(self.hint or "enter next/save · ctrl+s save · esc cancel"),
                    classes="entry-hint",
                )
                yield Button("Save", variant="primary", compact=True, id="entry-save")

    def on_mount(self) -> None:
        self.query_one(FormRow).control.focus()

    def row(self, name: str) -> FormRow:
        """The row of the field called `name`."""
        return next(row for row in self.query(FormRow) if row.name == name)

    def _parse(self, field: EntryField) -> tuple[bool, Any]:
        row = self.row(field.name)
        try:
            value = field.parse(control_value(row.control))
        except ValueError as problem:
            row.show_error(str(problem))
            return False, None
        row.show_error(None)
        return True, value

    def action_save(self) -> None:
        values: dict[str, Any] = {}
        first_bad: Widget | None = None
        for field in self.fields:
            ok, value = self._parse(field)
            if ok:
                values[field.name] = value
            elif first_bad is None:
                first_bad = self.row(field.name).control
        if first_bad is not None:
            first_bad.focus()
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#entry-save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Input.Submitted)
    def next_field_or_save(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = [row.control for row in self.query(FormRow) if isinstance(row.control, Input)]
        if not inputs or event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Input.Changed)
    def recheck_while_typing(self, event: Input.Changed) -> None:
        # Typing clears a stale message; the next save checks again.
        for row in self.query(FormRow):
            if row.control is event.input and row.has_class("-invalid"):
                row.show_error(None)
