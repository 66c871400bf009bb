"""Immutable domain records: what a contact, an interaction or a milestone *is*.

Dates are pendulum `Date`s and instants pendulum `DateTime`s; the data layer converts to and
from text. Optional collections are tuples so every record stays hashable and frozen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pendulum import Date, DateTime

# How a message sent from the composer is logged: "sent: <its gist>". Our own words are not
# something they told us: `{last_topic}` and the agenda's reasons treat them apart.
SENT_PREFIX = "sent: "


class Circle(StrEnum):
    """How close a person is; each circle has a default cadence and celebration lead time."""

    INNER = "inner"
    CLOSE = "close"
    ACTIVE = "active"
    NETWORK = "network"
    ACQUAINTANCE = "acquaintance"


class Channel(StrEnum):
    """Where a conversation happened (or should happen next)."""

    EMAIL = "email"
    TEXT = "text"
    CALL = "call"
    VIDEO = "video"
    IN_PERSON = "in-person"
    SOCIAL = "social"
    OTHER = "other"


class Direction(StrEnum):
    """Who reached out: an inbound message we have not answered is a reply owed."""

    OUTBOUND = "outbound"
    INBOUND = "inbound"
    MUTUAL = "mutual"


class InteractionKind(StrEnum):
    """What a touch was for; the give/ask balance and celebrations read this."""

    CHECK_IN = "check-in"
    CONGRATS = "congrats"
    SHARE = "share"
    INTRO = "intro"
    HELP = "help"
    MEETING = "meeting"
    CALL = "call"
    ASK = "ask"
    MESSAGE = "message"


# What the give/ask balance counts: giving (sharing, introducing, helping, celebrating)
# against asking for a favour.
GIVE_KINDS: frozenset[InteractionKind] = frozenset(
    {
        InteractionKind.SHARE,
        InteractionKind.INTRO,
        InteractionKind.HELP,
        InteractionKind.CONGRATS,
    }
)
ASK_KINDS: frozenset[InteractionKind] = frozenset({InteractionKind.ASK})


def counts_as_ours(direction: Direction) -> bool:
    """Whether a touch is one we made (outbound) or shared (mutual), not one they started."""
    return direction is not Direction.INBOUND


class DateKind(StrEnum):
    """The yearly dates worth remembering."""

    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    WORK_ANNIVERSARY = "work-anniversary"
    CUSTOM = "custom"


class LifeEventKind(StrEnum):
    """One-off events worth congratulating (or supporting) within a window."""

    NEW_JOB = "new-job"
    PROMOTION = "promotion"
    MOVE = "move"
    BABY = "baby"
    WEDDING = "wedding"
    GRADUATION = "graduation"
    LAUNCH = "launch"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Contact:
    """A person in the network, with the cadence state the agenda needs.

    `cadence_override_days` is the person's own rhythm (None: the circle default).
    `last_touch_at` is the latest logged interaction of any kind, `last_outbound_at` the latest
    we started or shared; `awaiting_reply_since` is the oldest inbound message still
    unanswered. `skipped_on` records "skip this cycle";
    `first_due_on` is the budget-spread first date for someone never contacted.
    `next_due_on` is derived (see `core.cadence.next_due_on`) and stored for indexed queries.
    """

    id: int
    display_name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    handles: tuple[tuple[str, str], ...] = ()
    company: str = ""
    title: str = ""
    location: str = ""
    timezone: str | None = None
    circle: Circle = Circle.ACTIVE
    cadence_override_days: int | None = None
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    how_met: str = ""
    preferred_channel: Channel = Channel.EMAIL
    archived: bool = False
    created_on: Date | None = None
    first_due_on: Date | None = None
    last_touch_at: DateTime | None = None
    last_outbound_at: DateTime | None = None
    awaiting_reply_since: DateTime | None = None
    snoozed_until: Date | None = None
    skipped_on: Date | None = None


@dataclass(frozen=True)
class Interaction:
    """One logged touch: any of them resets the cadence clock."""

    id: int
    contact_id: int
    occurred_at: DateTime
    channel: Channel = Channel.OTHER
    direction: Direction = Direction.OUTBOUND
    kind: InteractionKind = InteractionKind.CHECK_IN
    summary: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearlyRule:
    """A date that recurs yearly: a fixed month/day, or the nth weekday of a month.

    Fixed: `day` is set, `weekday`/`nth` are None. Relative ("3rd Sunday of June"): `day` is
    None, `weekday` is 0=Monday..6=Sunday and `nth` is 1..5 or -1 for the last.
    """

    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None


@dataclass(frozen=True)
class ImportantDate:
    """A yearly date for a contact; `year` is optional (unknown birth year is common).

    `remind_days_ahead` overrides the circle's lead time. `celebrated_on` is the last day the
    occurrence was acknowledged, so a celebration leaves the agenda once handled.
    """

    id: int
    contact_id: int
    kind: DateKind
    rule: YearlyRule
    year: int | None = None
    label: str = ""
    remind_days_ahead: int | None = None
    celebrated_on: Date | None = None


@dataclass(frozen=True)
class LifeEvent:
    """A one-off event (new job, move, baby...) to congratulate within a window."""

    id: int
    contact_id: int
    kind: LifeEventKind
    text: str
    occurred_on: Date
    acknowledged_on: Date | None = None


@dataclass(frozen=True)
class Commitment:
    """Something we promised; overdue ones rank above everything else."""

    id: int
    contact_id: int
    text: str
    due_on: Date | None = None
    created_on: Date | None = None
    done_on: Date | None = None


@dataclass(frozen=True)
class FollowUpQuestion:
    """An "ask next time" question, ticked off once asked."""

    id: int
    contact_id: int
    text: str
    created_on: Date | None = None
    asked_on: Date | None = None


@dataclass(frozen=True)
class Note:
    """A free-text note about a person (what they told us, how they are doing)."""

    id: int
    contact_id: int
    body: str
    created_at: DateTime | None = None


@dataclass(frozen=True)
class ContactSummary:
    """What the agenda knows about a contact besides the record itself."""

    contact: Contact
    last_interaction: Interaction | None = None
    open_questions: tuple[FollowUpQuestion, ...] = field(default=())


@dataclass(frozen=True)
class Draft:
    """A message being written to someone: autosaved, one per contact, kept until sent.

    `item_kind` is the agenda item it answers (check-in, celebration...), so reopening the
    composer picks up where it was; `subject` is empty for channels without one.
    """

    contact_id: int
    body: str
    channel: Channel = Channel.EMAIL
    subject: str = ""
    item_kind: str = ""
    template: str = ""
    updated_at: DateTime | None = None


@dataclass(frozen=True)
class ContactDetail:
    """Everything the contact screen and `show` print about one person."""

    contact: Contact
    next_due_on: Date
    interactions: tuple[Interaction, ...] = ()
    notes: tuple[Note, ...] = ()
    dates: tuple[ImportantDate, ...] = ()
    events: tuple[LifeEvent, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    questions: tuple[FollowUpQuestion, ...] = ()


@dataclass(frozen=True)
class Network:
    """A whole network at once: what the demo generator makes and bulk loading takes."""

    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    dates: tuple[ImportantDate, ...] = ()
    events: tuple[LifeEvent, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    questions: tuple[FollowUpQuestion, ...] = ()
    notes: tuple[Note, ...] = ()


class IntroStatus(StrEnum):
    """Where a double-opt-in introduction stands, in the order it moves."""

    PROPOSED = "proposed"
    ASKED_A = "asked_a"
    ASKED_B = "asked_b"
    MADE = "made"
    FOLLOWED_UP = "followed_up"


@dataclass(frozen=True)
class Shareable:
    """Something worth passing on (an article, a talk, an insight), tagged with topics.

    `note` is one line on why it matters; `added_on` is when it entered the library, which is
    how fresh it is.
    """

    id: int
    title: str
    url: str
    note: str = ""
    topics: tuple[str, ...] = ()
    added_on: Date | None = None


@dataclass(frozen=True)
class Share:
    """A shareable sent to one contact: it is never suggested to them again."""

    id: int
    shareable_id: int
    contact_id: int
    shared_on: Date


@dataclass(frozen=True)
class Introduction:
    """Introducing contact A to contact B, asked of each first (double opt-in).

    `follow_up_on` is set when the intro is made: the day to ask how it went.
    """

    id: int
    a_id: int
    b_id: int
    reason: str = ""
    status: IntroStatus = IntroStatus.PROPOSED
    created_on: Date | None = None
    updated_on: Date | None = None
    follow_up_on: Date | None = None
