"""The due-today agenda: check-ins, replies owed, celebrations and commitments, ranked.

The data layer hands in the candidates its indexed queries found; this module decides which
of them are due today, how urgent each is, and what one line explains why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date

from core.cadence import CIRCLE_WEIGHT, cadence_days, days_overdue, urgency_of
from core.milestones import (
    COMMITMENT_AHEAD_DAYS,
    describe_occurrence,
    event_pending,
    pending_occurrence,
)
from core.models import (
    SENT_PREFIX,
    Commitment,
    Contact,
    ContactSummary,
    DateKind,
    ImportantDate,
    InteractionKind,
    LifeEvent,
)


class ItemKind(StrEnum):
    """What an agenda row asks of us."""

    COMMITMENT = "commitment"
    REPLY_OWED = "reply-owed"
    CELEBRATION = "celebration"
    LIFE_EVENT = "life-event"
    CHECK_IN = "check-in"
    SHARE = "share"
    INTRO = "intro"


# Kinds of touch whose summary is what was talked about ("last talked ... about ...").
_CONVERSATIONS = frozenset(
    {
        InteractionKind.CHECK_IN,
        InteractionKind.CALL,
        InteractionKind.MEETING,
        InteractionKind.MESSAGE,
    }
)

# Rank bands, in the order a person should work through them: a lower band always comes
# first, whatever the score inside a band.
TIER_OVERDUE_COMMITMENT = 0
TIER_REPLY_OWED = 1
TIER_TODAY = 2  # celebrations on the day, commitments due today
TIER_CHECK_IN = 3
TIER_AHEAD = 4  # celebrations coming up, life events, commitments due soon
TIER_VALUE = 5  # a chance to give (a share, an introduction): never a chore (core.value)


@dataclass(frozen=True)
class AgendaItem:
    """One row of the agenda, with everything needed to show and act on it.

    `label` is the short text for a list row ("birthday Fri (turns 40)"), `reason` the
    one-line why ("last talked 47 days ago about her marathon — every 30 days") and
    `action` the suggested next step ("check in", "send congratulations").
    `days_late` is positive when overdue, 0 today, negative when ahead.
    `ref_id` is the id of the commitment, important date or life event (None for check-ins
    and replies owed), of the shareable for a share, of the introduction for its follow-up.
    `title` names the thing offered (the shareable's title, the introduction) and `other` is
    the second person of an introduction (see `core.value`).
    """

    kind: ItemKind
    contact: Contact
    label: str
    reason: str
    action: str
    tier: int
    score: float
    days_late: int
    ref_id: int | None = None
    on: Date | None = None
    title: str = ""
    other: Contact | None = None

    @property
    def sort_key(self) -> tuple[int, float, str, int, str, int]:
        """Deterministic order: band, then score (desc), then name, id, kind, ref."""
        return (
            self.tier,
            -self.score,
            self.contact.display_name.casefold(),
            self.contact.id,
            self.kind.value,
            self.ref_id or 0,
        )


@dataclass(frozen=True)
class Agenda:
    """The ranked items for one day, plus totals beyond what was listed."""

    today: Date
    items: tuple[AgendaItem, ...]
    checkins_due: int
    daily_budget: int

    @property
    def celebrations(self) -> int:
        """How many rows celebrate something (birthdays, anniversaries, life events)."""
        return sum(
            1 for item in self.items if item.kind in (ItemKind.CELEBRATION, ItemKind.LIFE_EVENT)
        )


def build_agenda(
    today: Date,
    *,
    checkins: Sequence[ContactSummary],
    replies_owed: Sequence[ContactSummary],
    dates: Sequence[tuple[ImportantDate, Contact]],
    events: Sequence[tuple[LifeEvent, Contact]],
    commitments: Sequence[tuple[Commitment, Contact]],
    checkins_due: int | None = None,
    daily_budget: int = 5,
) -> Agenda:
    """Rank every candidate into the day's agenda.

    Candidates may include items that are not due (the data layer over-fetches cheaply);
    they are dropped here. `checkins_due` is the total number of due check-ins when the
    data layer listed only the most urgent ones (defaults to those counted here).
    """
    items: list[AgendaItem] = []
    owing = {summary.contact.id for summary in replies_owed if not summary.contact.archived}
    items.extend(
        _reply_owed(summary, today) for summary in replies_owed if not summary.contact.archived
    )
    due_checkins = [
        summary
        for summary in checkins
        if not summary.contact.archived
        and summary.contact.id not in owing
        and days_overdue(summary.contact, today) >= 0
    ]
    items.extend(_check_in(summary, today) for summary in due_checkins)
    for date, contact in dates:
        occurrence = pending_occurrence(date, contact.circle, today)
        if occurrence is not None and not contact.archived:
            items.append(_celebration(date, contact, occurrence, today))
    items.extend(
        _life_event(event, contact, today)
        for event, contact in events
        if event_pending(event, today) and not contact.archived
    )
    items.extend(
        _commitment(commitment, contact, today)
        for commitment, contact in commitments
        if commitment.done_on is None
        and commitment.due_on is not None
        and days_between(today, commitment.due_on) <= COMMITMENT_AHEAD_DAYS
        and not contact.archived
    )
    items.sort(key=lambda item: item.sort_key)
    return Agenda(
        today=today,
        items=tuple(items),
        checkins_due=len(due_checkins) if checkins_due is None else checkins_due,
        daily_budget=daily_budget,
    )


WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def days_between(start: Date, end: Date) -> int:
    """Whole days from `start` to `end` (negative when `end` comes first), without the
    cost of a pendulum Interval: the agenda does this hundreds of times a frame."""
    return end.toordinal() - start.toordinal()


def when_words(day: Date, today: Date) -> str:
    """A day as a person says it: today, tomorrow, yesterday, Fri, Fri 4 Dec."""
    delta = days_between(today, day)
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    weekday = WEEKDAY_ABBR[day.weekday()]
    if 1 < delta < 7:
        return weekday
    return f"{weekday} {day.day} {MONTH_ABBR[day.month - 1]}"


def days_words(days: int) -> str:
    """1 day, 3 days."""
    return f"{days} day" if days == 1 else f"{days} days"


def cadence_words(days: int) -> str:
    """every 7 days -> "every week", 14 -> "every 2 weeks", 30 -> "every month"."""
    if days % 7 == 0 and days <= 28:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    if days % 30 == 0 and days < 365:
        months = days // 30
        return "every month" if months == 1 else f"every {months} months"
    return f"every {days_words(days)}"


def _ago(days: int) -> str:
    """today, yesterday, 3 days ago."""
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _topic(summary: str, limit: int = 40) -> str:
    """The gist of a summary, short enough for one agenda line."""
    gist = " ".join(summary.split())
    return gist if len(gist) <= limit else gist[: limit - 1].rstrip() + "…"


def _check_in(summary: ContactSummary, today: Date) -> AgendaItem:
    contact = summary.contact
    late = days_overdue(contact, today)
    every_days = cadence_days(contact)
    every = cadence_words(every_days)
    last = summary.last_interaction
    if contact.last_touch_at is None:
        reason = f"never contacted yet — {every}"
    else:
        ago = _ago(days_between(contact.last_touch_at.date(), today))
        if last is None or not last.summary:
            reason = f"last talked {ago} — {every}"
        elif last.summary.startswith(SENT_PREFIX):
            wrote = _topic(last.summary.removeprefix(SENT_PREFIX))
            reason = f"you wrote {ago}: {wrote} — {every}"
        elif last.kind in _CONVERSATIONS:
            reason = f"last talked {ago} about {_topic(last.summary)} — {every}"
        else:
            reason = f"last touch {ago}, {last.kind.value}: {_topic(last.summary)} — {every}"
    if contact.snoozed_until is not None and contact.snoozed_until == today:
        reason += " (back from snooze)"
    if summary.open_questions:
        action = f"check in; ask: {_topic(summary.open_questions[0].text, 50)}"
    else:
        action = f"check in ({contact.preferred_channel.value})"
    return AgendaItem(
        kind=ItemKind.CHECK_IN,
        contact=contact,
        label="check-in",
        reason=reason,
        action=action,
        tier=TIER_CHECK_IN,
        score=urgency_of(late, every_days, contact.circle),
        days_late=late,
    )


def _reply_owed(summary: ContactSummary, today: Date) -> AgendaItem:
    contact = summary.contact
    since = contact.awaiting_reply_since
    waited = days_between(since.date(), today) if since is not None else 0
    last = summary.last_interaction
    about = f": {_topic(last.summary)}" if last is not None and last.summary else ""
    return AgendaItem(
        kind=ItemKind.REPLY_OWED,
        contact=contact,
        label="reply owed",
        reason=f"they wrote {_ago(waited)}{about}",
        action="reply",
        tier=TIER_REPLY_OWED,
        score=(waited + 1) * CIRCLE_WEIGHT[contact.circle],
        days_late=waited,
    )


def _celebration(
    date: ImportantDate, contact: Contact, occurrence: Date, today: Date
) -> AgendaItem:
    what = describe_occurrence(date, occurrence)
    when = when_words(occurrence, today)
    offset = days_between(occurrence, today)
    action = "send birthday wishes" if date.kind is DateKind.BIRTHDAY else "send congratulations"
    return AgendaItem(
        kind=ItemKind.CELEBRATION,
        contact=contact,
        label=_with_when(what, when),
        reason=f"{what} {when}" if offset <= 0 else f"{what} was {when} — not too late",
        action=action,
        tier=TIER_TODAY if offset >= 0 else TIER_AHEAD,
        score=CIRCLE_WEIGHT[contact.circle] if offset >= 0 else float(offset),
        days_late=offset,
        ref_id=date.id,
        on=occurrence,
    )


def _with_when(what: str, when: str) -> str:
    """ "birthday (turns 40)" + "Fri" -> "birthday Fri (turns 40)"."""
    if " (" in what:
        head, tail = what.split(" (", 1)
        return f"{head} {when} ({tail}"
    return f"{what} {when}"


def _life_event(event: LifeEvent, contact: Contact, today: Date) -> AgendaItem:
    offset = days_between(event.occurred_on, today)
    kind = event.kind.value.replace("-", " ")
    when = when_words(event.occurred_on, today)
    return AgendaItem(
        kind=ItemKind.LIFE_EVENT,
        contact=contact,
        label=f"{kind}: {_topic(event.text, 30)}",
        reason=f"{_topic(event.text, 50)} ({when})",
        action="congratulate" if offset >= 0 else "wish them luck",
        tier=TIER_AHEAD,
        score=CIRCLE_WEIGHT[contact.circle] - offset / 100,
        days_late=offset,
        ref_id=event.id,
        on=event.occurred_on,
    )


def _commitment(commitment: Commitment, contact: Contact, today: Date) -> AgendaItem:
    due_on = commitment.due_on or today
    late = days_between(due_on, today)
    if late > 0:
        tier, reason = (
            TIER_OVERDUE_COMMITMENT,
            f"promised for {when_words(due_on, today)} — {days_words(late)} late",
        )
    elif late == 0:
        tier, reason = TIER_TODAY, "promised for today"
    else:
        tier, reason = TIER_AHEAD, f"promised for {when_words(due_on, today)}"
    return AgendaItem(
        kind=ItemKind.COMMITMENT,
        contact=contact,
        label=f"promise: {_topic(commitment.text, 30)}",
        reason=reason,
        action=f"keep your promise: {_topic(commitment.text, 50)}",
        tier=tier,
        score=float(late),
        days_late=late,
        ref_id=commitment.id,
        on=due_on,
    )
