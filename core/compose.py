"""Drafting a message: the context a writer needs, safe template filling, a personal-touch check.

Templates are plain text with `{name}`-style placeholders. Filling is a small scanner of our
own, never `str.format`: only plain known names are replaced, and anything that looks like
attribute access, indexing, a format spec or a conversion is refused and left as written, so a
template file can never reach into Python objects.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from pendulum import Date

from core.agenda import AgendaItem, ItemKind
from core.milestones import describe_occurrence
from core.models import SENT_PREFIX, Channel, ContactDetail, Interaction


@dataclass(frozen=True)
class DraftContext:
    """The values a template may use for one contact and one agenda item, as plain text.

    Every field is a placeholder name; an empty string (or None for `days_since`) means there
    is nothing to say yet.
    """

    name: str = ""
    full_name: str = ""
    days_since: int | None = None
    last_topic: str = ""
    question: str = ""
    milestone: str = ""
    promise: str = ""
    company: str = ""
    title: str = ""
    interests: str = ""
    channel: str = ""
    share_title: str = ""
    share_url: str = ""

    def value_of(self, placeholder: str) -> str:
        """The text a placeholder stands for ("" when there is none); KeyError if not one."""
        if placeholder not in PLACEHOLDERS:
            raise KeyError(placeholder)
        value = getattr(self, placeholder)
        if value is None:
            return ""
        return str(value)


PLACEHOLDERS: frozenset[str] = frozenset(field.name for field in fields(DraftContext))

# What the composer can say when a placeholder has nothing to fill it with.
EMPTY_WORDS: Mapping[str, str] = {
    "name": "no name to greet them by",
    "full_name": "no full name",
    "days_since": "never contacted yet",
    "last_topic": "no last topic yet",
    "question": "no open question to ask",
    "milestone": "no milestone on this item",
    "promise": "no open promise",
    "company": "no company on file",
    "title": "no title on file",
    "interests": "no interests on file",
    "channel": "no preferred channel",
    "share_title": "nothing picked to share",
    "share_url": "nothing picked to share",
}


# C0 (but tab and newline), DEL and C1: characters a terminal acts on, never part of a message.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """`text` without control characters (ESC, BEL, DEL, C1...); tabs and newlines are kept.

    Filling keeps values verbatim; the composer cleans what it puts in its editor (a filled
    template, a restored draft, text back from $EDITOR) with this, so no escape sequence from
    someone's history reaches the terminal the editor draws on, nor the message.
    """
    return _CONTROLS.sub("", text)


def _one_line(text: str) -> str:
    """Whitespace (including newlines) collapsed, so a value never breaks a template's lines."""
    return " ".join(text.split())


def _first_name(detail: ContactDetail) -> str:
    """Given name, else nickname, else the first word of the display name."""
    contact = detail.contact
    chosen = _one_line(contact.given_name) or _one_line(contact.nickname)
    if chosen:
        return chosen
    words = contact.display_name.split()
    return words[0] if words else ""


def _full_name(detail: ContactDetail) -> str:
    contact = detail.contact
    full = _one_line(contact.display_name)
    if full:
        return full
    return _one_line(f"{contact.given_name} {contact.family_name}")


def _latest(interactions: tuple[Interaction, ...]) -> Interaction | None:
    return max(interactions, key=lambda touch: (touch.occurred_at, touch.id), default=None)


def _days_since(detail: ContactDetail, today: Date) -> int | None:
    last_touch = detail.contact.last_touch_at
    latest = _latest(detail.interactions)
    if latest is not None and (last_touch is None or latest.occurred_at > last_touch):
        last_touch = latest.occurred_at
    if last_touch is None:
        return None
    return max(0, (today - last_touch.date()).days)


def sent_summary(gist: str) -> str:
    """The interaction summary for a message we sent."""
    return f"{SENT_PREFIX}{gist}"


def _last_topic(detail: ContactDetail) -> str:
    """The most recent interaction that says what it was about (not our own messages)."""
    talked = [
        touch
        for touch in detail.interactions
        if (touch.summary.strip() or touch.topics) and not touch.summary.startswith(SENT_PREFIX)
    ]
    latest = _latest(tuple(talked))
    if latest is None:
        return ""
    return _one_line(latest.summary) or _one_line(", ".join(latest.topics))


def _milestone(detail: ContactDetail, item: AgendaItem | None) -> str:
    if item is None:
        return ""
    if item.kind is ItemKind.CELEBRATION:
        for date in detail.dates:
            if date.id == item.ref_id and item.on is not None:
                return _one_line(describe_occurrence(date, item.on))
        return _one_line(item.label)
    if item.kind is ItemKind.LIFE_EVENT:
        for event in detail.events:
            if event.id == item.ref_id:
                kind = event.kind.value.replace("-", " ")
                text = _one_line(event.text)
                return f"{kind}: {text}" if text else kind
        return _one_line(item.label)
    return ""


def _promise(detail: ContactDetail, item: AgendaItem | None) -> str:
    open_commitments = [promise for promise in detail.commitments if promise.done_on is None]
    if item is not None and item.kind is ItemKind.COMMITMENT:
        for promise in detail.commitments:
            if promise.id == item.ref_id:
                return _one_line(promise.text)
    return _one_line(open_commitments[0].text) if open_commitments else ""


def draft_context(detail: ContactDetail, item: AgendaItem | None, today: Date) -> DraftContext:
    """Everything a template can say about this person today, taken from their history."""
    contact = detail.contact
    open_questions = [question for question in detail.questions if question.asked_on is None]
    return DraftContext(
        name=_first_name(detail),
        full_name=_full_name(detail),
        days_since=_days_since(detail, today),
        last_topic=_last_topic(detail),
        question=_one_line(open_questions[0].text) if open_questions else "",
        milestone=_milestone(detail, item),
        promise=_promise(detail, item),
        company=_one_line(contact.company),
        title=_one_line(contact.title),
        interests=", ".join(
            interest for interest in (_one_line(text) for text in contact.interests) if interest
        ),
        channel=contact.preferred_channel.value,
    )


# ---------------------------------------------------------------------------------------------
# Filling


@dataclass(frozen=True)
class FilledTemplate:
    """A filled template and what the writer should know about it.

    `unknown` placeholders and inline `empty` ones stay in the text as `{name}` so the writer
    sees the hole; `problems` are sentences the composer can show as they are.
    """

    text: str
    unknown: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


_BRACE = re.compile(r"[{}]")
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A "{" whose "}" is further away than this is taken as a stray brace, not a field to refuse.
_MAX_FIELD = 200


@dataclass(frozen=True)
class _Piece:
    """A run of literal text, or a placeholder with its replacement (None: keep as written)."""

    text: str
    placeholder: str = ""
    empty: bool = False


def _closing_braces(line: str) -> dict[int, int]:
    """For each "{" in the line, the index of the "}" that closes it (nesting counted).

    One pass with a stack, so even a hostile megabyte of braces is scanned in linear time.
    """
    closing: dict[int, int] = {}
    opened: list[int] = []
    for match in _BRACE.finditer(line):
        if match.group() == "{":
            opened.append(match.start())
        elif opened:
            closing[opened.pop()] = match.start()
    return closing


def _scan_line(
    line: str,
    context: DraftContext,
    unknown: dict[str, None],
    empty: dict[str, None],
    problems: dict[str, None],
) -> list[_Piece]:
    pieces: list[_Piece] = []
    literal: list[str] = []
    closing = _closing_braces(line)
    index = 0
    while index < len(line):
        char = line[index]
        if char not in "{}":
            literal.append(char)
            index += 1
            continue
        if line.startswith(char * 2, index):  # "{{" and "}}" are literal braces
            literal.append(char)
            index += 2
            continue
        if char == "}":
            literal.append(char)
            index += 1
            continue
        end = closing.get(index, -1)
        if end < 0 or end - index > _MAX_FIELD:
            problems["a `{` is never closed: write {{ for a literal brace"] = None
            literal.append(char)
            index += 1
            continue
        field_text = line[index : end + 1]
        inner = field_text[1:-1]
        index = end + 1
        if not _PLAIN_NAME.fullmatch(inner):
            problems[
                f"`{field_text}` is not a placeholder: only plain names like {{name}} are filled"
            ] = None
            literal.append(field_text)
            continue
        if inner not in PLACEHOLDERS:
            unknown[inner] = None
            guess = difflib.get_close_matches(inner, sorted(PLACEHOLDERS), n=1)
            hint = f" (did you mean {{{guess[0]}}}?)" if guess else ""
            problems[f"`{field_text}` is not a known placeholder{hint}: it was left as written"] = (
                None
            )
            literal.append(field_text)
            continue
        value = context.value_of(inner)
        if literal:
            pieces.append(_Piece("".join(literal)))
            literal = []
        if value:
            pieces.append(_Piece(value, placeholder=inner))
        else:
            empty[inner] = None
            pieces.append(_Piece(field_text, placeholder=inner, empty=True))
    if literal:
        pieces.append(_Piece("".join(literal)))
    return pieces


def _only_empty_placeholders(pieces: list[_Piece]) -> bool:
    """A line holding nothing but placeholders with no value (and spaces) can go entirely."""
    has_placeholder = any(piece.empty for piece in pieces)
    rest_blank = all(piece.empty or not piece.text.strip() for piece in pieces)
    return has_placeholder and rest_blank


def fill_template(template: str, context: DraftContext) -> FilledTemplate:
    """Fill plain `{name}` placeholders from the context; refuse everything fancier.

    Unknown names and refused fields stay in the text as written. A known placeholder with no
    value stays visible inline (`{last_topic}`), but a line made only of such placeholders is
    left out, with the blank line after it when it stood alone as a paragraph. Never raises,
    and values are inserted once: a value that itself holds `{name}` is not expanded again.
    """
    unknown: dict[str, None] = {}
    empty: dict[str, None] = {}
    problems: dict[str, None] = {}
    lines = template.splitlines(keepends=True)
    output: list[str] = []
    skip_blank = False
    for line in lines:
        pieces = _scan_line(line, context, unknown, empty, problems)
        if skip_blank:
            skip_blank = False
            if not line.strip():
                continue
        if _only_empty_placeholders(pieces):
            previous_blank = not output or not output[-1].strip()
            skip_blank = previous_blank
            continue
        output.append("".join(piece.text for piece in pieces))
    return FilledTemplate(
        text="".join(output),
        unknown=tuple(unknown),
        empty=tuple(empty),
        problems=tuple(problems),
    )


_SUBJECT = re.compile(r"subject:[ \t]*", re.IGNORECASE)


def subject_and_body(filled_text: str) -> tuple[str, str]:
    """Split an email's leading `Subject: ...` line from its body; ("", text) when there is none."""
    lines = filled_text.splitlines(keepends=True)
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines):
        return "", filled_text
    head = lines[first].lstrip()
    match = _SUBJECT.match(head)
    if match is None:
        return "", filled_text
    subject = head[match.end() :].strip()
    rest = lines[first + 1 :]
    while rest and not rest[0].strip():
        rest = rest[1:]
    return subject, "".join(rest)


# ---------------------------------------------------------------------------------------------
# The personal-touch checklist


@dataclass(frozen=True)
class Check:
    """One line of the personalization checklist; `hint` says what to do when not `ok`."""

    label: str
    ok: bool
    hint: str = ""


_PLAIN_WORD = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Words too common to show that a draft refers to something particular.
_STOPWORD_TEXT = """
    about above after again also been before being both could didn does doing down each even
    ever from have having here into just last like make many more most much must next only
    other over same should some such than that their them then there these they this those
    through time very want well were what when where which while will with would your yours
    really still things thing going said told
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_CALLBACK_PHRASES = (
    "last time",
    "you mentioned",
    "you said",
    "you told me",
    "when we spoke",
    "when we talked",
    "when we met",
)
_OFFER_PHRASES = (
    "happy to",
    "glad to",
    "can i",
    "could i",
    "i could",
    "i can",
    "let me know if",
    "want me to",
    "would it help",
    "if you need",
    "if it helps",
    "intro",
    "share",
    "send you",
    "sending you",
    "here's",
    "here is",
    "attached",
    "thought of you",
    "made me think of you",
    "as promised",
    "offer",
)


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _meaningful(text: str) -> list[str]:
    return [word for word in _words(text) if len(word) >= 4 and word not in _STOPWORDS]


def _same_word(known: str, written: str) -> bool:
    """Exact, or one a prefix of the other for longer words (train/training, race/races)."""
    if known == written:
        return True
    if min(len(known), len(written)) < 5:
        return False
    return known.startswith(written) or written.startswith(known)


def _shorten(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _uses_name(body: str, context: DraftContext) -> Check:
    label = "uses their name"
    names = [context.name, *context.full_name.split()]
    wanted = {name.casefold() for name in names if len(name) >= 2}
    written = set(_words(body))
    ok = bool(wanted & written) or any(
        name in body.casefold() for name in wanted if not _PLAIN_WORD.fullmatch(name)
    )
    if ok:
        return Check(label, True)
    if context.name:
        return Check(label, False, f"greet them by name: “Hi {context.name},”")
    return Check(label, False, "greet them by name (add a given name to the contact)")


def _refers_back(body: str, context: DraftContext) -> Check:
    label = "refers to something they told you"
    lowered = body.casefold()
    if any(phrase in lowered for phrase in _CALLBACK_PHRASES):
        return Check(label, True)
    sources = [context.last_topic, context.question, context.milestone, context.interests]
    known = [word for source in sources for word in _meaningful(source)]
    written = set(_words(body))
    if any(_same_word(word, seen) for word in known for seen in written):
        return Check(label, True)
    if context.last_topic:
        topic_words = _meaningful(context.last_topic)
        about = topic_words[0] if topic_words else _shorten(context.last_topic)
        return Check(
            label, False, f"mention their {about} (last time: {_shorten(context.last_topic)})"
        )
    if context.milestone:
        return Check(label, False, f"mention their {context.milestone}")
    if context.question:
        return Check(label, False, f"ask what you meant to: {_shorten(context.question)}")
    if context.interests:
        return Check(label, False, f"mention one of their interests: {_shorten(context.interests)}")
    return Check(label, False, "say something only they would recognise (add notes after you talk)")


def _asks_question(body: str, context: DraftContext) -> Check:
    label = "asks a question"
    if "?" in body or "？" in body:
        return Check(label, True)
    if context.question:
        return Check(label, False, f"ask: {_shorten(context.question)}")
    if context.last_topic:
        return Check(label, False, f"ask how {_shorten(context.last_topic, 40)} is going")
    return Check(label, False, "ask them something: how are things going?")


def _offers(body: str, context: DraftContext) -> Check:
    label = "offers something"
    lowered = body.casefold().replace("’", "'")
    if any(phrase in lowered for phrase in _OFFER_PHRASES):
        return Check(label, True)
    if context.promise:
        return Check(label, False, f"follow through: {_shorten(context.promise)}")
    if context.share_title:
        return Check(label, False, f"share “{_shorten(context.share_title)}”")
    return Check(label, False, "offer something: an intro, an article, “happy to help with…”")


def personalization_checklist(body: str, context: DraftContext) -> tuple[Check, ...]:
    """What the draft still lacks to feel personal: name, a callback, a question, an offer."""
    return (
        _uses_name(body, context),
        _refers_back(body, context),
        _asks_question(body, context),
        _offers(body, context),
    )


# ---------------------------------------------------------------------------------------------
# Choosing a template

_TEMPLATE_BASE: Mapping[str, str] = {
    ItemKind.CHECK_IN.value: "check-in",
    ItemKind.REPLY_OWED.value: "reply",
    ItemKind.CELEBRATION.value: "congrats",
    ItemKind.LIFE_EVENT.value: "life-event",
    ItemKind.COMMITMENT.value: "commitment",
}
_SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def template_form(channel: Channel) -> str:
    """ "email" (long, with a Subject line) for email; "text" (short) for everything else."""
    return "email" if channel is Channel.EMAIL else "text"


def template_name_for(item_kind: str | None, channel: Channel) -> tuple[str, ...]:
    """Template names to try, most specific first: ("check-in.email", "check-in", ...)."""
    kind = (item_kind or ItemKind.CHECK_IN.value).strip().lower()
    base = _TEMPLATE_BASE.get(kind, kind if _SAFE_NAME.fullmatch(kind) else "check-in")
    form = template_form(channel)
    names = (f"{base}.{form}", base, f"default.{form}", "default")
    return tuple(dict.fromkeys(names))
