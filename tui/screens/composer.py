"""The composer: write to one person with their history beside you, then send or log it.

The draft autosaves (debounced) as you type, on `escape`, before anything leaves the app, and
synchronously on a dropped SSH link (the app's hangup flush), so reopening the composer for
that contact always finds it.

Keys avoid the TextArea's own (ctrl+a/e/k/u/w/x/c/v/z/y, f6/f7): plain letters type text.

Send command: the setting `send_command` holds a JSON argv list (set it with
`nurture-tui config send-command PROGRAM ARGS...`). It runs without a shell, in a thread, with
the message body on stdin and a 30 s timeout. In its argv, `{to}` becomes the contact's first
email address, `{subject}` the subject, `{name}` their full name and `{channel}` the channel;
the same values are in the environment as NURTURE_TO, NURTURE_SUBJECT, NURTURE_NAME and
NURTURE_CHANNEL. Exit status 0 marks the message sent; anything else keeps the draft and shows
the last line the command wrote to stderr.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Static, TextArea

from core.agenda import AgendaItem, ItemKind, when_words
from core.cadence import next_due_on
from core.compose import (
    EMPTY_WORDS,
    DraftContext,
    draft_context,
    fill_template,
    personalization_checklist,
    sent_summary,
    strip_controls,
    subject_and_body,
    template_name_for,
)
from core.models import Channel, ContactDetail, Direction, Draft, Interaction, InteractionKind
from data.store import NotFound, StoreError
from data.templates import load_template, templates_dir
from tui import editor
from tui.render import fit_words, local_time, safe_text, short_day
from tui.screens.agenda import DONE_KIND
from tui.screens.pickers import ChannelPicker
from tui.widgets.checklist import Checklist, checklist_summary
from tui.widgets.key_footer import KeyFooter
from tui.widgets.rows import LabelledRows

if TYPE_CHECKING:
    from pendulum import DateTime

    from core.models import Shareable
    from tui.app import NurtureApp

SAVE_DELAY = 0.4  # seconds of quiet typing before the draft is written
CHECK_DELAY = 0.1  # seconds before the checklist catches up with typing
NARROW_WIDTH = 72  # below this the sidebar folds into one line under the editor
WIDE_WIDTH = 120  # from this width the sidebar gets more room
GIST_LENGTH = 80
NOTE_GLANCE = 300  # characters of the latest note in the sidebar (the contact page has it all)

# What a sent message is logged as, for the agenda item it answers.
SENT_KIND: dict[str, InteractionKind] = {
    **{kind.value: interaction for kind, interaction in DONE_KIND.items()},
    ItemKind.COMMITMENT.value: InteractionKind.HELP,
}

_SALUTATION = re.compile(
    r"^\s*(?:hi|hey|hello|dear|hiya|good (?:morning|afternoon|evening))\b[^,!.:\n]{0,40}[,!.:]\s*",
    re.IGNORECASE,
)


def message_gist(subject: str, body: str, limit: int = GIST_LENGTH) -> str:
    """What the message was about, on one line: the subject, else the body without "Hi Ana,"."""
    text = " ".join(subject.split())
    if not text:
        text = " ".join(_SALUTATION.sub("", body, count=1).split())
        text = text[:1].upper() + text[1:]
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def clean_text(subject: str, body: str) -> tuple[str, str]:
    """A subject and body fit for the editor: no control character a terminal would act on
    (from a template, a restored draft or $EDITOR), the subject on one line."""
    return " ".join(strip_controls(subject).split()), strip_controls(body)


def _collapsed(text: str) -> str:
    return " ".join(text.split()).casefold()


class ComposerScreen(Screen[None]):
    """Write a personal message to one contact, for one agenda item (or none)."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="composer.back", tooltip="Keep the draft, go back"),
        Binding(
            "ctrl+s",
            "mark_sent",
            "Mark sent",
            id="composer.mark_sent",
            tooltip="You sent it yourself: log it, forget the draft",
        ),
        Binding(
            "ctrl+r",
            "send",
            "Send",
            id="composer.send",
            tooltip="Run your send command with the message on stdin",
        ),
        Binding(
            "ctrl+t",
            "copy",
            "Copy",
            id="composer.copy",
            tooltip="Copy the message to the clipboard (OSC 52, works over SSH)",
        ),
        Binding(
            "ctrl+g",
            "edit",
            "Editor",
            id="composer.editor",
            tooltip="Edit in $VISUAL / $EDITOR",
        ),
        Binding(
            "ctrl+o",
            "channel",
            "Channel",
            id="composer.channel",
            tooltip="Write on another channel (email has a subject)",
        ),
        Binding(
            "ctrl+l",
            "share",
            "Share",
            id="composer.share",
            tooltip="Put the best-fitting unsent shareable in the message",
            show=False,
        ),
    ]

    @dataclass
    class SendFinished(Message):
        """The send command is done (in its worker thread); `result` says how it went."""

        result: editor.SendResult
        program: str

    def __init__(self, contact_id: int, *, item: AgendaItem | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.item = item
        self.detail: ContactDetail | None = None
        self.context = DraftContext()
        self.channel = Channel.EMAIL
        self.item_kind = item.kind.value if item is not None else ""
        self.template_name = ""
        self.template_origin = ""
        self.template_notes: tuple[str, ...] = ()
        # (subject, body) exactly as the template filled them: a channel switch refills only
        # while the text is still this.
        self._untouched: tuple[str, str] | None = None
        # What the database holds (or would hold) for this draft: a save is skipped when equal.
        self._stored: tuple[str, str, Channel] | None = None
        self._save_timer: Timer | None = None
        self._check_timer: Timer | None = None
        self._ready = False
        self._finished = False
        self._sending = False
        self._last_save_error = ""
        self._flush = self._save_on_hangup
        # Library items put in this draft: each is logged as a Share when the message is
        # sent with its link still in it.
        self.shares_in_draft: dict[int, Shareable] = {}

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    # --- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="composer-header"):
            yield Static(id="composer-title")
            yield Static(id="composer-status")
        with Horizontal(id="composer-body"):
            with Vertical(id="composer-main"):
                with Horizontal(id="composer-subject-row"):
                    yield Label("Subject", id="composer-subject-label")
                    yield Input(
                        id="composer-subject", placeholder="what it is about", select_on_focus=False
                    )
                yield TextArea(id="composer-text", soft_wrap=True, show_line_numbers=False)
                yield Static(id="composer-compact")
            with VerticalScroll(id="composer-side"):
                yield LabelledRows(label_width=2, id="composer-warnings")
                yield Static("Personal touch", classes="composer-heading")
                yield Checklist(id="composer-checklist")
                yield Static("Giving", classes="composer-heading")
                yield Static(id="composer-giving")
                yield Static("Context", classes="composer-heading")
                yield LabelledRows(id="composer-context")
                yield Static(id="composer-template")
        yield KeyFooter()

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#composer-text", TextArea)

    @property
    def subject_input(self) -> Input:
        return self.query_one("#composer-subject", Input)

    def on_mount(self) -> None:
        app = self.nurture
        try:
            self.detail = app.store.contact_detail(self.contact_id, interactions=5)
        except NotFound:
            self.notify("That contact no longer exists.", severity="error", markup=False)
            self.app.call_later(self.dismiss)
            return
        if not self.item_kind and self.detail.contact.awaiting_reply_since is not None:
            self.item_kind = ItemKind.REPLY_OWED.value
        self.context = draft_context(self.detail, self.item, app.today)
        draft = app.store.get_draft(self.contact_id)
        if draft is not None:
            self._restore(draft)
        else:
            self.channel = self.detail.contact.preferred_channel
            self._fill_from_template()
            self._set_status("new draft")
        self._ready = True
        app.add_hangup_flush(self._flush)
        self._show_title()
        self._show_context()
        self._show_giving()
        self._refresh_checks()
        self.on_resize()
        area = self.text_area
        area.focus()
        area.move_cursor(area.document.end)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")
        self.set_class(self.size.width >= WIDE_WIDTH, "-wide")

    def on_unmount(self) -> None:
        for timer in (self._save_timer, self._check_timer):
            if timer is not None:
                timer.stop()
        if self._ready:
            # Every way out (escape, sending, quitting, hanging up) has saved already; the
            # widgets are gone by now, so there is nothing left to read.
            self.nurture.remove_hangup_flush(self._flush)
            self._ready = False

    # --- filling ----------------------------------------------------------------------------
    def _restore(self, draft: Draft) -> None:
        self.channel = draft.channel
        self.item_kind = self.item_kind or draft.item_kind
        self.template_name = draft.template
        self.template_origin = ""
        subject, body = clean_text(draft.subject, draft.body)
        self._put_text(subject, body)
        # What the database holds: a cleaned draft is saved again on the first edit.
        self._stored = (self._saved_subject(draft.subject), draft.body, draft.channel)
        self._untouched = None
        when = ""
        if draft.updated_at is not None:
            when = " from " + self._when(draft.updated_at)
        self._set_status(f"restored draft{when}")

    def _when(self, instant: DateTime) -> str:
        now = self.nurture.now()
        local = instant.in_timezone(now.timezone) if now.timezone else instant
        day = local.date()
        words = "today" if day == self.nurture.today else short_day(day, self.nurture.today)
        return f"{words} {local.format('HH:mm')}"

    def _fill_from_template(self) -> None:
        """Fill the template for this item and channel into the editor, replacing its text."""
        names = template_name_for(self.item_kind or None, self.channel)
        loaded = load_template(names, os.environ)
        filled = fill_template(loaded.text, self.context)
        subject, body = clean_text(*subject_and_body(filled.text))
        if self.channel is not Channel.EMAIL:
            subject = ""
        self.template_name = loaded.name
        self.template_origin = loaded.origin
        # The fill's own problems (unknown placeholders...) stay in the text as written, so the
        # live scan in `_warnings` reports them for as long as they are there.
        self.template_notes = loaded.notes
        self._put_text(subject, body)
        self._untouched = (subject, body)
        self._stored = (subject, body, self.channel)

    def _template_subject(self) -> str:
        """The subject the email template would give this message ("" if it has none)."""
        names = template_name_for(self.item_kind or None, Channel.EMAIL)
        loaded = load_template(names, os.environ)
        subject, _ = subject_and_body(fill_template(loaded.text, self.context).text)
        return subject

    def _put_text(self, subject: str, body: str) -> None:
        self.subject_input.value = subject
        self.query_one("#composer-subject-row").display = self.channel is Channel.EMAIL
        self.text_area.load_text(body)

    # --- what is in the editor --------------------------------------------------------------
    def _saved_subject(self, subject: str) -> str:
        return subject if self.channel is Channel.EMAIL else ""

    @property
    def subject(self) -> str:
        """The subject as it will be sent ("" for channels without one)."""
        return self._saved_subject(self.subject_input.value.strip())

    @property
    def body(self) -> str:
        return self.text_area.text

    def current_draft(self) -> Draft:
        """The draft exactly as the editor holds it now."""
        return Draft(
            contact_id=self.contact_id,
            body=self.body,
            channel=self.channel,
            subject=self.subject,
            item_kind=self.item_kind,
            template=self.template_name,
        )

    def _state(self) -> tuple[str, str, Channel]:
        return (self.subject, self.body, self.channel)

    # --- saving -----------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Write the draft at once (synchronously) if it changed; True when it is stored.

        This is also the app's hangup flush: it must work from a signal handler, so it does no
        waiting and no drawing beyond a status line.
        """
        if not self._ready or self._finished:
            return False
        try:
            state = self._state()
        except NoMatches:  # being torn down: the editor is already gone
            return False
        if state == self._stored:
            return False
        app = self.nurture
        try:
            app.store.save_draft(self.current_draft(), now=app.now())
        except (StoreError, sqlite3.Error, OSError) as error:
            reason = f"Could not save the draft: {error}"
            if reason != self._last_save_error:
                self._last_save_error = reason
                self.notify(reason, severity="error", markup=False, timeout=8)
            return False
        self._last_save_error = ""
        self._stored = state
        self._set_status(f"draft saved {app.now().format('HH:mm')}")
        return True

    def _save_on_hangup(self) -> None:
        self.save_now()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_now, name="composer-autosave")

    def _schedule_checks(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(
            CHECK_DELAY, self._refresh_checks, name="composer-checklist"
        )

    @on(TextArea.Changed, "#composer-text")
    @on(Input.Changed, "#composer-subject")
    def _on_edit(self) -> None:
        if not self._ready or self._finished:
            return
        if self._state() != self._stored:
            self._schedule_save()
        self._schedule_checks()

    # --- the sidebar ------------------------------------------------------------------------
    def _set_status(self, text: str) -> None:
        self.query_one("#composer-status", Static).update(Content(safe_text(text)))

    def _show_title(self) -> None:
        if self.detail is None:
            return
        muted = "$text-muted"
        about = self.item.label if self.item is not None else self.item_kind or "check-in"
        parts: list[str | tuple[str, str]] = [
            ("To ", muted),
            (safe_text(self.detail.contact.display_name), "bold"),
            (f" · {self.channel.value} · ", muted),
            safe_text(about),
        ]
        self.query_one("#composer-title", Static).update(Content.assemble(*parts))

    def _show_context(self) -> None:
        if self.detail is None:
            return
        app = self.nurture
        context = self.context
        muted = "$text-muted"
        rows: list[tuple[str, Content | str]] = []
        if context.days_since is None:
            rows.append(("last", Content.styled(EMPTY_WORDS["days_since"], muted)))
        else:
            ago = "today" if context.days_since == 0 else f"{context.days_since}d ago"
            topic = f": {context.last_topic}" if context.last_topic else ""
            rows.append(("last", safe_text(ago + topic)))
        if context.question:
            rows.append(("ask", safe_text(context.question)))
        if context.milestone:
            rows.append(("news", safe_text(context.milestone)))
        if context.promise:
            rows.append(("owe", safe_text(context.promise)))
        if context.interests:
            rows.append(("into", safe_text(context.interests)))
        work_text = " at ".join(part for part in (context.title, context.company) if part)
        if work_text:
            rows.append(("work", safe_text(work_text)))
        clock = local_time(self.detail.contact.timezone, app.now())
        if clock:
            rows.append(("time", safe_text(clock)))
        if self.detail.notes:
            # A glance, not the whole note: a megabyte of it would take seconds to lay out.
            note = fit_words(self.detail.notes[0].body, NOTE_GLANCE)
            rows.append(("note", Content.styled(safe_text(note), "italic")))
        rows.append(("due", when_words(self.detail.next_due_on, app.today)))
        self.query_one("#composer-context", LabelledRows).show(rows)
        label = f"template {self.template_name or 'none'}"
        if self.template_origin.startswith("built-in"):
            label += f" (built-in; your own go in {templates_dir(os.environ)})"
        elif self.template_origin:
            label += f" ({self.template_origin})"
        self.query_one("#composer-template", Static).update(Content.styled(safe_text(label), muted))

    def _warnings(self) -> list[str]:
        """Template notes, and placeholders still in the text that nothing will fill."""
        warnings = list(self.template_notes)
        scanned = fill_template(f"{self.subject}\n{self.body}", self.context)
        for problem in scanned.problems:
            if problem not in warnings:
                warnings.append(problem)
        for name in scanned.empty:
            warnings.append(f"`{{{name}}}` is still in the text ({EMPTY_WORDS.get(name, name)})")
        return warnings

    def _refresh_checks(self) -> None:
        if not self._ready:
            return
        text = f"{self.subject}\n{self.body}"
        checks = personalization_checklist(text, self.context)
        self.query_one(Checklist).show_checks(checks)
        self.query_one("#composer-compact", Static).update(checklist_summary(checks))
        warnings = self._warnings()
        box = self.query_one("#composer-warnings", LabelledRows)
        box.display = bool(warnings)
        mark = Content.styled("!", "bold $warning")
        box.show([(mark, Content.styled(safe_text(text), "$warning")) for text in warnings])

    # --- actions ----------------------------------------------------------------------------
    @on(Input.Submitted, "#composer-subject")
    def _on_subject_done(self) -> None:
        self.text_area.focus()

    def action_leave(self) -> None:
        """Back to where the composer was opened from; the draft is kept."""
        if self._sending:
            # Leaving now would lose the send's outcome: it could go out and never be logged.
            self.notify("Still sending… one moment.", severity="warning", markup=False)
            return
        saved = self.save_now()
        if saved or self.nurture.store.get_draft(self.contact_id) is not None:
            self.notify("Draft kept: reopen the composer to carry on.", timeout=3, markup=False)
        self.dismiss(None)

    def _message_text(self) -> str:
        """The message as a person would paste it: the body (the subject goes in its own field)."""
        return self.body

    def action_copy(self) -> None:
        """Copy the message with OSC 52; the terminal may refuse silently, so say so."""
        text = self._message_text()
        if not text.strip():
            self.notify("Nothing to copy yet.", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify(
            "Copied the message to the clipboard (if your terminal allows OSC 52; "
            "tmux needs set -g set-clipboard on).",
            timeout=5,
            markup=False,
        )

    def action_edit(self) -> None:
        """Hand the draft to $EDITOR (the app suspended) and take the result back."""
        self.save_now()
        is_email = self.channel is Channel.EMAIL
        text = f"Subject: {self.subject}\n\n{self.body}" if is_email else self.body
        try:
            edited = editor.edit_text(self.app, text)
        except editor.EditorError as error:
            self.notify(f"{error} The draft is kept.", severity="error", markup=False, timeout=8)
            return
        if edited == text:
            self.notify("No changes from the editor.", timeout=3, markup=False)
            return
        subject, body = clean_text(*(subject_and_body(edited) if is_email else ("", edited)))
        if is_email:
            self.subject_input.value = subject
        area = self.text_area
        area.replace(body, (0, 0), area.document.end)  # an edit, so ctrl+z can undo it
        self.save_now()
        self._refresh_checks()
        self.notify("Took back the text from your editor.", timeout=3, markup=False)

    def action_channel(self) -> None:
        def chosen(channel: Channel | None) -> None:
            if channel is not None:
                self.change_channel(channel)

        self.app.push_screen(ChannelPicker("Write via…"), chosen)

    # giving
    def _show_giving(self) -> None:
        """The give/ask balance with this person, a nudge, and shares that fit them."""
        if self.detail is None:
            return
        from tui.value_actions import UNCUT, giving_content, values_of

        app = self.nurture
        values = values_of(app)
        self._share_matches = values.matches_for(self.detail.contact, app.today)
        balance = values.balance(self.detail.contact, app.today)
        unused = [m for m in self._share_matches if m.shareable.id not in self.shares_in_draft]
        hint = "ctrl+l puts the first in the message" if unused else ""
        # The sidebar wraps long lines itself.
        self.query_one("#composer-giving", Static).update(
            giving_content(balance, unused, UNCUT, key_hint=hint)
        )

    def action_share(self) -> None:
        """Put the best-fitting shareable not yet in this draft into the message."""
        if self.detail is None:
            return
        from tui.value_actions import share_line, with_share

        matches = getattr(self, "_share_matches", ())
        unused = [m for m in matches if m.shareable.id not in self.shares_in_draft]
        if not unused:
            self.notify(
                "Nothing in the library fits them yet (add links on the library screen).",
                severity="warning",
                markup=False,
            )
            return
        shareable = unused[0].shareable
        self.context = with_share(self.context, shareable)
        self.shares_in_draft[shareable.id] = shareable
        area = self.text_area
        line = share_line(self.context, shareable)
        area.insert(f"\n{line}\n" if area.cursor_location[1] else f"{line}\n")
        area.focus()
        self._show_giving()
        self.notify(f"Added “{safe_text(shareable.title)}”.", timeout=3, markup=False)

    def change_channel(self, channel: Channel) -> None:
        """Write on `channel`; the template is refilled only if the text is still untouched."""
        if channel is self.channel:
            return
        untouched = self._untouched is not None and (
            self.subject_input.value.strip(),
            self.body,
        ) == (self._untouched[0], self._untouched[1])
        self.channel = channel
        if untouched:
            self._fill_from_template()
            self._stored = None  # the channel changed: store it with the rest
            note = f"Now writing via {channel.value}: the template was refilled."
        else:
            self.query_one("#composer-subject-row").display = channel is Channel.EMAIL
            if channel is Channel.EMAIL and not self.subject_input.value.strip():
                self.subject_input.value = self._template_subject()
            note = f"Now writing via {channel.value}; your text is kept."
        self.save_now()
        self._show_title()
        self._show_context()
        self._refresh_checks()
        self.notify(note, timeout=3, markup=False)

    # sending
    def action_send(self) -> None:
        """Run the configured send command with the message on stdin (in a thread)."""
        if self._sending:
            self.notify("Already sending…", severity="warning", markup=False)
            return
        store = self.nurture.store
        try:
            argv = editor.parse_send_command(store.get_setting(editor.SEND_COMMAND_SETTING))
        except editor.SendCommandError as error:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            return
        if argv is None:
            self.notify(
                "No send command set. Set one with: nurture-tui config send-command PROGRAM "
                "ARGS... (the message goes to its stdin; {to} and {subject} are filled in). "
                "Or copy it (ctrl+t) and mark it sent (ctrl+s).",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        body = self.body
        if not body.strip():
            self.notify("Nothing to send yet.", severity="warning", markup=False)
            return
        values = self._send_values()
        try:
            filled = editor.fill_send_argv(argv, values)
        except editor.SendCommandError as error:
            self.notify(
                f"Not sent: {error}. The draft is kept.",
                severity="error",
                markup=False,
                timeout=8,
            )
            return
        self.save_now()
        environment = dict(os.environ)
        environment.update({f"NURTURE_{key.upper()}": value for key, value in values.items()})
        self._sending = True
        self._set_status(f"sending with {filled[0]}…")
        self._run_send(filled, body, environment)

    def _send_values(self) -> dict[str, str]:
        emails = self.detail.contact.emails if self.detail is not None else ()
        return {
            "to": emails[0] if emails else "",
            "subject": self.subject,
            "name": self.context.full_name,
            "channel": self.channel.value,
        }

    @work(thread=True, exclusive=True, exit_on_error=False, group="composer-send")
    def _run_send(self, argv: list[str], message: str, environment: dict[str, str]) -> None:
        result = editor.run_send_command(argv, message, env=environment)
        self.post_message(self.SendFinished(result, argv[0]))

    @on(SendFinished)
    def _on_send_finished(self, event: SendFinished) -> None:
        self._sending = False
        if event.result.ok:
            self.mark_sent(via=os.path.basename(event.program))
            return
        self._set_status("not sent: draft kept")
        self.notify(
            f"Not sent: {event.result.reason}. The draft is kept.",
            severity="error",
            markup=False,
            timeout=10,
        )

    def action_mark_sent(self) -> None:
        if self._sending:
            self.notify("Still sending…", severity="warning", markup=False)
            return
        if not self.body.strip():
            self.notify(
                "Write something first (or log it with d on the agenda).",
                severity="warning",
                markup=False,
            )
            return
        self.mark_sent()

    def mark_sent(self, *, via: str = "") -> None:
        """Log the message as sent, tick off what it did, forget the draft, and go back."""
        if self.detail is None or self._finished:
            return
        app = self.nurture
        store = app.store
        kind = SENT_KIND.get(self.item_kind, InteractionKind.CHECK_IN)
        body = self.body
        self.save_now()  # if logging fails below, the draft is safe
        item = self.item
        promise_id = None
        if item is not None and item.kind is ItemKind.COMMITMENT:
            promise_id = item.ref_id
        written = _collapsed(f"{self.subject}\n{body}")
        asked_ids = [
            question.id
            for question in self.detail.questions
            if question.asked_on is None and _collapsed(question.text) in written
        ]
        try:
            # One transaction: the log, the promise, the questions and the draft's deletion
            # happen together or not at all.
            _, kept, asked = store.record_sent(
                Interaction(
                    id=0,
                    contact_id=self.contact_id,
                    occurred_at=app.now(),
                    channel=self.channel,
                    direction=Direction.OUTBOUND,
                    kind=kind,
                    summary=sent_summary(message_gist(self.subject, body)),
                ),
                today=app.today,
                commitment_id=promise_id,
                question_ids=asked_ids,
            )
        except (StoreError, sqlite3.Error) as error:
            self.notify(
                f"{'Sent, but c' if via else 'C'}ould not log it: {error}. The draft is kept.",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        done = (["promise kept"] if kept else []) + ["question asked"] * asked
        if self.shares_in_draft:
            from tui.value_actions import record_shares_sent

            shared = record_shares_sent(self, f"{self.subject}\n{body}")
            done += [f"shared “{safe_text(title)}”" for title in shared]
        self._finished = True
        contact = store.get_contact(self.contact_id)
        name = safe_text(contact.given_name or contact.display_name)
        how = f" via {via}" if via else ""
        extra = "".join(f"; {what}" for what in done)
        self.notify(
            f"Sent to {name}{how}{extra}; next check-in "
            f"{when_words(next_due_on(contact), app.today)}.",
            timeout=5,
            markup=False,
        )
        self.dismiss(None)
