"""The context pane beside the agenda: what you need to know before writing to someone."""

from __future__ import annotations

from pendulum import Date, DateTime
from textual.content import Content
from textual.widgets import Static

from core.agenda import AgendaItem, cadence_words, when_words
from core.cadence import cadence_days
from core.milestones import describe_occurrence, next_occurrence
from core.models import ContactDetail
from tui.render import fit_words, local_time, safe_text

NOTE_GLANCE = 800  # characters of the latest note the preview shows


def preview_content(item: AgendaItem, detail: ContactDetail, today: Date, now: DateTime) -> Content:
    """The pane's text: who, why, what to do, and the context (all user data plain)."""
    contact = detail.contact
    muted = "$text-muted"
    parts: list[str | tuple[str, str]] = [
        (safe_text(contact.display_name), "bold"),
        "\n",
        (f"{contact.circle.value} · {cadence_words(cadence_days(contact))}", muted),
        "\n\n",
        ("why  ", muted),
        safe_text(item.reason),
        "\n",
        ("do   ", muted),
        safe_text(item.action),
        "\n",
    ]
    if detail.interactions:
        last = detail.interactions[0]
        summary = f" — {last.summary}" if last.summary else ""
        when = when_words(last.occurred_at.date(), today)
        parts += [("last ", muted), safe_text(f"{last.kind.value}, {when}{summary}"), "\n"]
    clock = local_time(contact.timezone, now)
    if clock:
        parts += [("time ", muted), safe_text(clock), "\n"]
    open_questions = [q for q in detail.questions if q.asked_on is None]
    if open_questions:
        parts += [("ask  ", muted), safe_text(open_questions[0].text), "\n"]
    open_promises = [c for c in detail.commitments if c.done_on is None]
    if open_promises:
        parts += [("owe  ", muted), safe_text(open_promises[0].text), "\n"]
    upcoming = sorted((next_occurrence(date.rule, today), date) for date in detail.dates)
    if upcoming:
        day, date = upcoming[0]
        text = f"{describe_occurrence(date, day)} {when_words(day, today)}"
        parts += [("date ", muted), safe_text(text), "\n"]
    if contact.interests:
        parts += [("into ", muted), safe_text(", ".join(contact.interests)), "\n"]
    if detail.notes:
        # The start of the note: the pane shows a few lines, and laying out a megabyte
        # would stall every move down the agenda (the contact page has it all).
        parts += ["\n", (safe_text(fit_words(detail.notes[0].body, NOTE_GLANCE)), "italic")]
    return Content.assemble(*parts)


class ContactPreview(Static):
    """Shows the highlighted agenda item's contact in context."""

    def show_item(
        self, item: AgendaItem, detail: ContactDetail, today: Date, now: DateTime
    ) -> None:
        self.update(preview_content(item, detail, today, now))
