"""Composing: the draft context, safe template filling, the checklist and template choice."""

from __future__ import annotations

from dataclasses import replace

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.agenda import AgendaItem, ItemKind
from core.compose import (
    EMPTY_WORDS,
    PLACEHOLDERS,
    DraftContext,
    draft_context,
    fill_template,
    personalization_checklist,
    subject_and_body,
    template_name_for,
)
from core.models import (
    Channel,
    Commitment,
    Contact,
    ContactDetail,
    DateKind,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    LifeEvent,
    LifeEventKind,
    YearlyRule,
)
from tests.core.strategies import TODAY

D = pendulum.Date

ANA = DraftContext(
    name="Ana",
    full_name="Ana Lima",
    days_since=18,
    last_topic="marathon training in Porto",
    question="how did the Porto race go?",
    interests="climbing, running",
    channel="email",
)


def at(days_ago: int) -> pendulum.DateTime:
    return pendulum.datetime(2026, 11, 26, 10, tz="UTC").subtract(days=days_ago)


def item(
    kind: ItemKind, contact: Contact, ref_id: int | None = None, on: D | None = None
) -> AgendaItem:
    return AgendaItem(
        kind=kind,
        contact=contact,
        label=kind.value,
        reason="",
        action="",
        tier=0,
        score=0.0,
        days_late=0,
        ref_id=ref_id,
        on=on,
    )


# --- draft_context -----------------------------------------------------------------------------


def detail_for(contact: Contact, **parts: object) -> ContactDetail:
    return ContactDetail(contact=contact, next_due_on=TODAY, **parts)  # type: ignore[arg-type]


ANA_CONTACT = Contact(
    id=1,
    display_name="Ana Lima",
    given_name="Ana",
    family_name="Lima",
    company="Acme",
    title="CTO",
    interests=("climbing", "running"),
    preferred_channel=Channel.TEXT,
    last_touch_at=at(18),
)


def test_context_from_history() -> None:
    detail = detail_for(
        ANA_CONTACT,
        interactions=(
            Interaction(id=1, contact_id=1, occurred_at=at(40), summary="old news"),
            Interaction(id=2, contact_id=1, occurred_at=at(18), summary="marathon\ntraining  "),
        ),
        questions=(
            FollowUpQuestion(id=1, contact_id=1, text="asked already", asked_on=TODAY),
            FollowUpQuestion(id=2, contact_id=1, text="how did the race go?"),
        ),
        commitments=(
            Commitment(id=1, contact_id=1, text="done one", done_on=TODAY),
            Commitment(id=2, contact_id=1, text="send the deck"),
        ),
    )
    context = draft_context(detail, None, TODAY)
    assert context == DraftContext(
        name="Ana",
        full_name="Ana Lima",
        days_since=18,
        last_topic="marathon training",
        question="how did the race go?",
        milestone="",
        promise="send the deck",
        company="Acme",
        title="CTO",
        interests="climbing, running",
        channel="text",
    )


@pytest.mark.parametrize(
    ("given", "nickname", "display", "expected"),
    [
        ("Ana", "Nana", "Ana Lima", "Ana"),
        ("", "Nana", "Ana Lima", "Nana"),
        ("", "", "Ana Lima", "Ana"),
        ("", "", "   ", ""),
        ("Maria José", "", "Maria José Silva", "Maria José"),
    ],
)
def test_name_falls_back_given_nickname_display(
    given: str, nickname: str, display: str, expected: str
) -> None:
    contact = Contact(id=1, display_name=display, given_name=given, nickname=nickname)
    assert draft_context(detail_for(contact), None, TODAY).name == expected


def test_never_contacted_has_no_days_since_and_no_topic() -> None:
    contact = Contact(id=1, display_name="New Person")
    context = draft_context(detail_for(contact), None, TODAY)
    assert context.days_since is None
    assert context.last_topic == ""
    assert context.value_of("days_since") == ""


def test_birthday_item_gives_milestone() -> None:
    birthday = ImportantDate(
        id=7, contact_id=1, kind=DateKind.BIRTHDAY, rule=YearlyRule(month=11, day=27), year=1986
    )
    detail = detail_for(ANA_CONTACT, dates=(birthday,))
    agenda_item = item(ItemKind.CELEBRATION, ANA_CONTACT, ref_id=7, on=D(2026, 11, 27))
    assert draft_context(detail, agenda_item, TODAY).milestone == "birthday (turns 40)"


def test_life_event_item_gives_milestone() -> None:
    event = LifeEvent(
        id=3, contact_id=1, kind=LifeEventKind.NEW_JOB, text="joined Acme", occurred_on=TODAY
    )
    detail = detail_for(ANA_CONTACT, events=(event,))
    agenda_item = item(ItemKind.LIFE_EVENT, ANA_CONTACT, ref_id=3, on=TODAY)
    assert draft_context(detail, agenda_item, TODAY).milestone == "new job: joined Acme"


def test_commitment_item_picks_its_own_promise() -> None:
    commitments = (
        Commitment(id=1, contact_id=1, text="first promise"),
        Commitment(id=2, contact_id=1, text="the deck"),
    )
    detail = detail_for(ANA_CONTACT, commitments=commitments)
    agenda_item = item(ItemKind.COMMITMENT, ANA_CONTACT, ref_id=2)
    assert draft_context(detail, agenda_item, TODAY).promise == "the deck"
    assert draft_context(detail, None, TODAY).promise == "first promise"


def test_check_in_item_has_no_milestone() -> None:
    agenda_item = item(ItemKind.CHECK_IN, ANA_CONTACT)
    assert draft_context(detail_for(ANA_CONTACT), agenda_item, TODAY).milestone == ""


def test_every_placeholder_has_empty_words() -> None:
    assert set(EMPTY_WORDS) == PLACEHOLDERS


# --- fill_template -----------------------------------------------------------------------------

REFUSED = "is not a placeholder: only plain names like {name} are filled"


@pytest.mark.parametrize(
    ("template", "text", "unknown", "empty"),
    [
        ("Hi {name}!", "Hi Ana!", (), ()),
        ("{name} / {full_name} / {days_since}", "Ana / Ana Lima / 18", (), ()),
        ("Hi {nmae}", "Hi {nmae}", ("nmae",), ()),
        ("Hi {name}, {promise} please", "Hi Ana, {promise} please", (), ("promise",)),
        ("{{name}} and {{ }}", "{name} and { }", (), ()),
        ("}} {{{name}}}", "} {Ana}", (), ()),
        ("Olá {name}, ça va? 你好", "Olá Ana, ça va? 你好", (), ()),
        ("a lone } is fine", "a lone } is fine", (), ()),
        ("", "", (), ()),
        ("{unknown} {unknown}", "{unknown} {unknown}", ("unknown",), ()),
    ],
)
def test_fill(template: str, text: str, unknown: tuple[str, ...], empty: tuple[str, ...]) -> None:
    filled = fill_template(template, ANA)
    assert filled.text == text
    assert filled.unknown == unknown
    assert filled.empty == empty


def test_unknown_placeholder_is_explained_with_a_guess() -> None:
    filled = fill_template("Hi {nmae}", ANA)
    assert filled.problems == (
        "`{nmae}` is not a known placeholder (did you mean {name}?): it was left as written",
    )


@pytest.mark.parametrize(
    "field",
    [
        "{contact.name}",
        "{contact.__class__}",
        "{name.__class__.__mro__}",
        "{x[0]}",
        "{name[0]}",
        "{name:>10}",
        "{name!r}",
        "{name!s:^5}",
        "{0}",
        "{}",
        "{ name }",
        "{name-x}",
        "{a{name}}",
        "{__import__('os').system('echo hi')}",
    ],
)
def test_refused_fields_stay_as_written_with_a_problem(field: str) -> None:
    filled = fill_template(f"before {field} after", ANA)
    assert filled.text == f"before {field} after"
    assert filled.problems == (f"`{field}` {REFUSED}",)
    assert filled.unknown == ()


def test_unclosed_brace_is_kept_and_explained() -> None:
    filled = fill_template("Hi {name, {", ANA)
    assert filled.text == "Hi {name, {"
    assert filled.problems == ("a `{` is never closed: write {{ for a literal brace",)


def test_a_far_away_closing_brace_does_not_make_a_field() -> None:
    template = "{" + "a" * 300 + "} {name}"
    filled = fill_template(template, ANA)
    assert filled.text == "{" + "a" * 300 + "} Ana"
    assert filled.problems == ("a `{` is never closed: write {{ for a literal brace",)


@pytest.mark.parametrize("template", ["{a" * 100_000, "{" * 200_000, ("{a" * 99 + "}") * 2000])
def test_hostile_templates_are_scanned_without_blowing_up(template: str) -> None:
    filled = fill_template(template, ANA)
    assert len(filled.problems) <= 2


def test_value_of_only_answers_for_placeholders() -> None:
    assert ANA.value_of("name") == "Ana"
    with pytest.raises(KeyError):
        ANA.value_of("__class__")


def test_values_are_not_expanded_again() -> None:
    sneaky = replace(ANA, name="{full_name}", last_topic="{contact.__class__}")
    filled = fill_template("Hi {name}: {last_topic}", sneaky)
    assert filled.text == "Hi {full_name}: {contact.__class__}"
    assert filled.problems == ()


def test_a_line_of_only_empty_placeholders_is_left_out() -> None:
    template = "Hi {name},\n\n{promise}\n\nHow is it going?\n{question} {promise}\nBye"
    filled = fill_template(template, replace(ANA, question=""))
    assert filled.text == "Hi Ana,\n\nHow is it going?\nBye"
    assert filled.empty == ("promise", "question")


def test_an_inline_empty_placeholder_stays_visible() -> None:
    filled = fill_template("Last time: {last_topic}.", DraftContext(name="Ana"))
    assert filled.text == "Last time: {last_topic}."
    assert filled.empty == ("last_topic",)


def test_days_since_zero_is_a_value() -> None:
    assert fill_template("{days_since}", replace(ANA, days_since=0)).text == "0"


# --- properties --------------------------------------------------------------------------------

template_text = st.lists(
    st.sampled_from([*"{}[].:!_ab \n", "{name}", "{nope}", "{{", "}}", "{last_topic}"])
    | st.characters(),
    max_size=40,
).map("".join)
context_values = st.text(max_size=12)


@st.composite
def contexts(draw: st.DrawFn) -> DraftContext:
    return DraftContext(
        name=draw(context_values),
        full_name=draw(context_values),
        days_since=draw(st.none() | st.integers(min_value=0, max_value=5000)),
        last_topic=draw(context_values),
        question=draw(context_values),
        milestone=draw(context_values),
        promise=draw(context_values),
    )


@given(template_text, contexts())
def test_fill_never_raises_and_reports_consistently(template: str, context: DraftContext) -> None:
    filled = fill_template(template, context)
    assert isinstance(filled.text, str)
    assert set(filled.empty) <= PLACEHOLDERS
    assert not set(filled.unknown) & PLACEHOLDERS
    for name in filled.unknown:
        assert "{" + name + "}" in filled.text


@given(st.text().filter(lambda text: "{" not in text and "}" not in text), contexts())
def test_text_without_braces_comes_back_unchanged(template: str, context: DraftContext) -> None:
    filled = fill_template(template, context)
    assert filled.text == template
    assert filled.problems == filled.unknown == filled.empty == ()


@given(st.text(st.characters(exclude_characters="{}\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")))
def test_a_value_is_inserted_verbatim_and_never_expanded(value: str) -> None:
    """Whatever a value holds (braces, placeholders, format specs), it lands as it is."""
    context = DraftContext(name="{name}{0}{x.__class__}", last_topic=" ".join(value.split()))
    filled = fill_template("<{name}|{last_topic}>", context)
    topic = context.last_topic or "{last_topic}"
    assert filled.text == f"<{{name}}{{0}}{{x.__class__}}|{topic}>"


# --- subject_and_body --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "body"),
    [
        ("Subject: Hello Ana\n\nHi Ana,\nbye\n", "Hello Ana", "Hi Ana,\nbye\n"),
        ("\n  subject:Hello\nHi", "Hello", "Hi"),
        ("SUBJECT:   spaced   \r\n\r\nbody", "spaced", "body"),
        ("Hi Ana,\nSubject: not first\n", "", "Hi Ana,\nSubject: not first\n"),
        ("Subject: only", "only", ""),
        ("", "", ""),
        ("Subjective view", "", "Subjective view"),
    ],
)
def test_subject_and_body(text: str, subject: str, body: str) -> None:
    assert subject_and_body(text) == (subject, body)


# --- personalization_checklist ------------------------------------------------------------------


def checks(body: str, context: DraftContext = ANA) -> dict[str, bool]:
    return {check.label: check.ok for check in personalization_checklist(body, context)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hi Ana! How did the marathon go? Happy to send you my training plan.",
            {True},
        ),
        ("hello", {False}),
        ("Hi ANA", {True, False}),
    ],
)
def test_checklist_all_or_nothing(body: str, expected: set[bool]) -> None:
    assert set(checks(body).values()) == expected


@pytest.mark.parametrize(
    ("body", "label", "ok"),
    [
        ("Hi Ana,", "uses their name", True),
        ("Hi ana,", "uses their name", True),
        ("Hi Lima,", "uses their name", True),
        ("Banana bread", "uses their name", False),
        ("Hi there", "uses their name", False),
        ("How is the training going", "refers to something they told you", True),
        ("Good luck at the marathons", "refers to something they told you", True),
        ("Still climbing?", "refers to something they told you", True),
        ("Like you mentioned", "refers to something they told you", True),
        ("Last time we met...", "refers to something they told you", True),
        ("How are things in general", "refers to something they told you", False),
        ("about that thing", "refers to something they told you", False),
        ("How are you?", "asks a question", True),
        ("How are you.", "asks a question", False),
        ("Happy to help", "offers something", True),
        ("Can I introduce you to Bo", "offers something", True),
        ("Let me know if I can help", "offers something", True),
        ("Want me to share the deck", "offers something", True),
        ("Here’s the article", "offers something", True),
        ("See you", "offers something", False),
    ],
)
def test_checklist_cases(body: str, label: str, ok: bool) -> None:
    assert checks(body)[label] is ok


def test_hints_say_what_to_do_from_the_context() -> None:
    hints = {check.label: check.hint for check in personalization_checklist("hello", ANA)}
    assert hints["uses their name"] == "greet them by name: “Hi Ana,”"
    assert "marathon" in hints["refers to something they told you"]
    assert hints["asks a question"] == "ask: how did the Porto race go?"
    assert hints["offers something"].startswith("offer something")
    promised = replace(ANA, promise="send the deck")
    offer = personalization_checklist("hello", promised)[3]
    assert offer.hint == "follow through: send the deck"


def test_ok_checks_have_no_hint() -> None:
    body = "Hi Ana! How did the marathon go? Happy to help."
    assert all(check.hint == "" for check in personalization_checklist(body, ANA))


def test_hints_with_no_context_still_help() -> None:
    hints = [check.hint for check in personalization_checklist("", DraftContext())]
    assert all(hints)


def test_milestone_counts_as_something_they_told_you() -> None:
    context = DraftContext(name="Bo", milestone="new job: joined Acme")
    assert checks("Congrats on Acme!", context)["refers to something they told you"]
    hint = personalization_checklist("hi", context)[1].hint
    assert hint == "mention their new job: joined Acme"


@given(st.text(max_size=80), contexts())
def test_checklist_never_raises(body: str, context: DraftContext) -> None:
    result = personalization_checklist(body, context)
    assert [check.label for check in result] == [
        "uses their name",
        "refers to something they told you",
        "asks a question",
        "offers something",
    ]
    assert all(check.ok or check.hint for check in result)


# --- template_name_for -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "channel", "names"),
    [
        (None, Channel.EMAIL, ("check-in.email", "check-in", "default.email", "default")),
        ("check-in", Channel.TEXT, ("check-in.text", "check-in", "default.text", "default")),
        (
            "commitment",
            Channel.EMAIL,
            ("commitment.email", "commitment", "default.email", "default"),
        ),
        ("reply-owed", Channel.SOCIAL, ("reply.text", "reply", "default.text", "default")),
        ("celebration", Channel.EMAIL, ("congrats.email", "congrats", "default.email", "default")),
        ("life-event", Channel.CALL, ("life-event.text", "life-event", "default.text", "default")),
        ("share", Channel.EMAIL, ("share.email", "share", "default.email", "default")),
        (
            "../../etc/passwd",
            Channel.TEXT,
            ("check-in.text", "check-in", "default.text", "default"),
        ),
        (
            ItemKind.CELEBRATION,
            Channel.TEXT,
            ("congrats.text", "congrats", "default.text", "default"),
        ),
    ],
)
def test_template_name_for(kind: str | None, channel: Channel, names: tuple[str, ...]) -> None:
    assert template_name_for(kind, channel) == names


def test_last_topic_skips_what_we_sent_ourselves() -> None:
    import pendulum

    from core.compose import draft_context, sent_summary
    from core.models import Contact, ContactDetail, Interaction

    ana = Contact(id=1, display_name="Ana Lima", given_name="Ana")
    told = Interaction(
        id=1, contact_id=1, occurred_at=pendulum.datetime(2026, 11, 1), summary="marathon training"
    )
    sent = Interaction(
        id=2,
        contact_id=1,
        occurred_at=pendulum.datetime(2026, 11, 20),
        summary=sent_summary("Catching up, Ana"),
    )
    detail = ContactDetail(
        contact=ana, next_due_on=pendulum.Date(2026, 11, 27), interactions=(sent, told)
    )
    context = draft_context(detail, None, pendulum.Date(2026, 11, 26))
    assert context.last_topic == "marathon training"
