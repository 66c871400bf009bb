"""The contact form: add a person, or edit one, with validation messages beside the bad field.

It writes through the Store itself and dismisses with the stored Contact (None on escape),
so a caller only has to reload.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from core.agenda import cadence_words
from core.cadence import DEFAULT_CADENCE_DAYS, parse_period
from core.models import Channel, Circle, Contact
from data.store import StoreError
from tui.cli_input import clean_items, parse_timezone
from tui.render import safe_text
from tui.widgets.entry import FormRow, control_value

if TYPE_CHECKING:
    from tui.app import NurtureApp

# (field, label, placeholder); lists are typed comma separated.
TEXT_FIELDS = (
    ("display_name", "Name", "first and last name"),
    ("given_name", "Given name", "empty: the first word of the name"),
    ("family_name", "Family name", "empty: the rest of the name"),
    ("cadence", "Every", "3w, 10d, 2m (empty: the circle's default)"),
    ("emails", "Emails", "comma separated"),
    ("phones", "Phones", "comma separated"),
    ("company", "Company", ""),
    ("title", "Title", ""),
    ("location", "Location", "city, country"),
    ("timezone", "Time zone", "an IANA name, like Europe/Lisbon"),
    ("tags", "Tags", "comma separated"),
    ("interests", "Interests", "topics they care about, comma separated"),
    ("offers", "Offers", "what they can help others with"),
    ("needs", "Needs", "what they are looking for"),
    ("how_met", "How we met", ""),
)
LIST_FIELDS = ("emails", "phones", "tags", "interests", "offers", "needs")
ORDER = (
    "display_name",
    "given_name",
    "family_name",
    "circle",
    "cadence",
    "preferred_channel",
    *(name for name, _, _ in TEXT_FIELDS[4:]),
)


def period_text(days: int | None) -> str:
    """A stored cadence as the form shows it: 14 -> `2w`, 60 -> `2m`, 10 -> `10d`."""
    if days is None:
        return ""
    if days % 7 == 0 and days < 365:
        return f"{days // 7}w"
    if days % 30 == 0 and days < 365:
        return f"{days // 30}m"
    return f"{days}d"


def initial_values(contact: Contact | None) -> dict[str, str]:
    """What each field starts with: the contact's values, or empty for a new person."""
    if contact is None:
        return {"circle": Circle.ACTIVE.value, "preferred_channel": Channel.EMAIL.value}
    values = {
        "display_name": contact.display_name,
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "circle": contact.circle.value,
        "cadence": period_text(contact.cadence_override_days),
        "preferred_channel": contact.preferred_channel.value,
        "company": contact.company,
        "title": contact.title,
        "location": contact.location,
        "timezone": contact.timezone or "",
        "how_met": contact.how_met,
    }
    for name in LIST_FIELDS:
        values[name] = ", ".join(getattr(contact, name))
    return values


def parse_field(name: str, text: str) -> Any:
    """The value of one field, or ValueError with a message to show beside it."""
    if name == "display_name":
        cleaned = " ".join(text.split())
        if not cleaned:
            raise ValueError("a contact needs a name")
        return cleaned
    if name == "cadence":
        return parse_period(text) if text.strip() else None
    if name == "timezone":
        return parse_timezone(text) if text.strip() else None
    if name == "circle":
        return Circle(text)
    if name == "preferred_channel":
        return Channel(text)
    if name in LIST_FIELDS:
        return clean_items([text])
    return " ".join(text.split())


class ContactForm(ModalScreen[Contact | None]):
    """Add a contact (no argument) or edit one; saves only when every field is valid."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Save when every field is valid"),
    ]

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__()
        self.contact = contact
        self._confirmed_duplicate = ""

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        values = initial_values(self.contact)
        placeholders = {name: placeholder for name, _, placeholder in TEXT_FIELDS}
        labels = {name: label for name, label, _ in TEXT_FIELDS}
        title = (
            "New contact"
            if self.contact is None
            else f"Edit {safe_text(self.contact.display_name)}"
        )
        with Vertical(id="form-dialog"):
            yield Label(Content(title), id="form-title")
            with VerticalScroll(id="form-fields", can_focus=False):
                for name in ORDER:
                    control: Input | Select[str]
                    if name == "circle":
                        control = Select(
                            [
                                (f"{circle.value} ({cadence_words(days)})", circle.value)
                                for circle, days in DEFAULT_CADENCE_DAYS.items()
                            ],
                            value=values["circle"],
                            allow_blank=False,
                            compact=True,
                            id="form-circle",
                        )
                        label = "Circle"
                    elif name == "preferred_channel":
                        control = Select(
                            [(channel.value, channel.value) for channel in Channel],
                            value=values["preferred_channel"],
                            allow_blank=False,
                            compact=True,
                            id="form-preferred_channel",
                        )
                        label = "Prefers"
                    else:
                        control = Input(
                            values.get(name, ""),
                            placeholder=placeholders[name],
                            compact=True,
                            id=f"form-{name}",
                        )
                        label = labels[name]
                    yield FormRow(label, control, name=name)
            with Horizontal(id="form-buttons"):
                yield Label(Content("ctrl+s save · esc cancel · tab next field"), id="form-hint")
                yield Button("Cancel", compact=True, id="form-cancel")
                yield Button("Save", variant="primary", compact=True, id="form-save")

    def on_mount(self) -> None:
        self.query_one("#form-display_name", Input).focus()

    def row(self, name: str) -> FormRow:
        """The row holding the field called `name`."""
        return next(row for row in self.query(FormRow) if row.name == name)

    def _check(self, name: str) -> tuple[bool, Any]:
        row = self.row(name)
        try:
            value = parse_field(name, control_value(row.control))
        except ValueError as problem:
            row.show_error(str(problem))
            return False, None
        row.show_error(None)
        return True, value

    def _duplicate_of(self, display_name: str) -> int | None:
        """The id of another contact with this exact name (case-insensitive), if any."""
        wanted = display_name.casefold()
        own_id = None if self.contact is None else self.contact.id
        for contact_id, known in self.nurture.store.contact_names():
            if known.casefold() == wanted and contact_id != own_id:
                return contact_id
        return None

    def action_save(self) -> None:
        values: dict[str, Any] = {}
        bad: list[str] = []
        for name in ORDER:
            ok, value = self._check(name)
            if ok:
                values[name] = value
            else:
                bad.append(name)
        if bad:
            self.row(bad[0]).control.focus()
            self.query_one("#form-hint", Label).update(
                Content(f"{len(bad)} field{'s' if len(bad) > 1 else ''} to fix before saving")
            )
            return
        display_name = values["display_name"]
        if (
            self._duplicate_of(display_name) is not None
            and self._confirmed_duplicate != display_name.casefold()
        ):
            # Same-named people exist; a second save means "yes, another one".
            self._confirmed_duplicate = display_name.casefold()
            self.row("display_name").show_error(
                "someone with this name is already in your network; save again to keep both"
            )
            return
        self._save(values)

    def _save(self, values: dict[str, Any]) -> None:
        words = values["display_name"].split(" ")
        fields = {
            "display_name": values["display_name"],
            "given_name": values["given_name"] or words[0],
            "family_name": values["family_name"] or " ".join(words[1:]),
            "circle": values["circle"],
            "cadence_override_days": values["cadence"],
            "preferred_channel": values["preferred_channel"],
            "emails": values["emails"],
            "phones": values["phones"],
            "company": values["company"],
            "title": values["title"],
            "location": values["location"],
            "timezone": values["timezone"],
            "tags": values["tags"],
            "interests": values["interests"],
            "offers": values["offers"],
            "needs": values["needs"],
            "how_met": values["how_met"],
        }
        app = self.nurture
        try:
            if self.contact is None:
                (stored,) = app.store.add_contacts(
                    [Contact(id=0, **fields)], today=app.today, daily_budget=app.daily_budget
                )
            else:
                stored = app.store.update_contact(replace(self.contact, **fields))
        except StoreError as problem:
            self.notify(safe_text(problem), severity="error", markup=False)
            return
        self.dismiss(stored)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#form-save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        # enter moves on, like tab; ctrl+s saves (a form this long is rarely done at one field).
        event.stop()
        self.focus_next()

    @on(Input.Changed)
    def recheck_while_typing(self, event: Input.Changed) -> None:
        # Check the field as it is typed once it has shown a problem, so the fix is confirmed.
        for row in self.query(FormRow):
            invalid = row.has_class("-invalid")
            if row.control is event.input and invalid and row.name is not None:
                self._check(row.name)

    @on(events.DescendantBlur)
    def check_left_field(self, event: events.DescendantBlur) -> None:
        # Leaving a field checks it, so the message appears next to it, not at save time.
        for row in self.query(FormRow):
            if row.control is not event.widget or row.name is None:
                continue
            if control_value(row.control).strip() or row.has_class("-invalid"):
                self._check(row.name)
