"""Providing value in the app: what the agenda, contact, composer and the two value screens
share — putting a share into a draft, drafting an introduction's step, and the giving section.

Drafts are written through the Store and opened in the composer, so every step of sharing or
introducing is a message the user reads and edits before it goes. `core.value` decides what
fits and what comes next; `data.value_store` keeps it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.content import Content

from core.compose import (
    DraftContext,
    draft_context,
    fill_template,
    strip_controls,
    subject_and_body,
)
from core.compose import template_name_for as template_names
from core.models import Channel, Draft, IntroStatus, Shareable
from core.value import STATUS_WORDS
from data.store import NotFound
from data.templates import load_template
from data.value_store import DuplicateError, ValueStore
from tui.render import fit, safe_text

if TYPE_CHECKING:
    from core.agenda import AgendaItem
    from core.value import GiveAskBalance, ShareMatch
    from data.value_store import Advanced, IntroView
    from tui.app import NurtureApp
    from tui.screens.composer import ComposerScreen

SHARE_KIND = "share"
INTRO_KIND = "intro"
SHARE_LINE_TEMPLATE = "share-line"
MATCHES_SHOWN = 2
UNCUT = 10_000  # a width that cuts nothing: for places that wrap lines themselves
MUTED = "$text-muted"
HEADING = "bold $accent"

Part = str | tuple[str, str]


def values_of(app: NurtureApp) -> ValueStore:
    """The value store over the app's Store (cheap: it holds only the Store)."""
    return ValueStore(app.store)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def with_share(context: DraftContext, shareable: Shareable) -> DraftContext:
    """The draft context with `{share_title}` and `{share_url}` filled from `shareable`."""
    return replace(
        context, share_title=_one_line(shareable.title), share_url=_one_line(shareable.url)
    )


def share_line(context: DraftContext, shareable: Shareable) -> str:
    """The sentence that shares an item inside a draft (template `share-line`)."""
    loaded = load_template([SHARE_LINE_TEMPLATE], os.environ)
    filled = fill_template(loaded.text, with_share(context, shareable)).text
    return strip_controls(filled).strip()  # it goes straight into the editor


def put_share_in_draft(app: NurtureApp, contact_id: int, shareable: Shareable) -> Draft:
    """Put a share in the contact's draft: a new draft from the `share` template, or the
    share's line added to the draft they already have (once). Returns the saved draft."""
    detail = app.store.contact_detail(contact_id, interactions=5)
    context = with_share(draft_context(detail, None, app.today), shareable)
    existing = app.store.get_draft(contact_id)
    if existing is None:
        channel = detail.contact.preferred_channel
        loaded = load_template(template_names(SHARE_KIND, channel), os.environ)
        subject, body = subject_and_body(fill_template(loaded.text, context).text)
        draft = Draft(
            contact_id=contact_id,
            body=body,
            channel=channel,
            subject=subject if channel is Channel.EMAIL else "",
            item_kind=SHARE_KIND,
            template=loaded.name,
        )
    elif shareable.url in existing.body:
        draft = existing
    else:
        draft = replace(
            existing, body=f"{existing.body.rstrip()}\n\n{share_line(context, shareable)}\n"
        )
    return app.store.save_draft(draft, now=app.now())


def open_composer(
    app: NurtureApp,
    contact_id: int,
    *,
    item: AgendaItem | None = None,
    shares: Sequence[Shareable] = (),
) -> ComposerScreen:
    """Open the composer for one person; `shares` are items in the draft, each logged as a
    Share if the message is sent with its link still in it."""
    from tui.screens.composer import ComposerScreen

    composer = ComposerScreen(contact_id, item=item)
    for shareable in shares:
        composer.shares_in_draft[shareable.id] = shareable
    app.push_screen(composer)
    return composer


def share_with(
    app: NurtureApp, contact_id: int, shareable: Shareable, *, item: AgendaItem | None = None
) -> ComposerScreen:
    """Draft a share to one person and open it in the composer."""
    put_share_in_draft(app, contact_id, shareable)
    return open_composer(app, contact_id, item=item, shares=[shareable])


def record_shares_sent(composer: ComposerScreen, sent_text: str) -> list[str]:
    """After a message went out: log a Share for each library item whose link it carried.

    A draft made for sharing was itself logged as a share; otherwise each share is logged as
    its own touch too, so the give/ask balance counts it. Returns the titles recorded.
    """
    app = composer.nurture
    values = values_of(app)
    recorded: list[str] = []
    for shareable in composer.shares_in_draft.values():
        if shareable.url not in sent_text:
            continue
        try:
            values.record_share(
                shareable.id,
                composer.contact_id,
                now=app.now(),
                today=app.today,
                channel=composer.channel,
                log=composer.item_kind != SHARE_KIND,
            )
        except (DuplicateError, NotFound):  # already logged, or taken out of the library
            continue
        recorded.append(shareable.title)
    return recorded


def draft_intro_step(app: NurtureApp, advanced: Advanced) -> int:
    """Save an introduction step's message as the draft of the person it goes to: in place
    of an earlier step's, below any other draft they have. Returns that person's id."""
    message = advanced.draft
    existing = app.store.get_draft(message.to_id)
    if existing is not None and existing.body.strip() and existing.item_kind != INTRO_KIND:
        draft = replace(existing, body=f"{existing.body.rstrip()}\n\n{message.body}")
    else:
        to = advanced.view.a if message.to_id == advanced.view.a.id else advanced.view.b
        channel = to.preferred_channel
        draft = Draft(
            contact_id=message.to_id,
            body=message.body,
            channel=channel,
            subject=message.subject if channel is Channel.EMAIL else "",
            item_kind=INTRO_KIND,
        )
    app.store.save_draft(draft, now=app.now())
    return message.to_id


def advance_and_draft(app: NurtureApp, intro_id: int) -> Advanced:
    """Move an introduction one step, draft that step's message and open it in the composer."""
    advanced = values_of(app).advance_intro(intro_id, today=app.today, now=app.now())
    to_id = draft_intro_step(app, advanced)
    open_composer(app, to_id)
    return advanced


def intro_step_notice(advanced: Advanced) -> str:
    """What advancing did, for a toast."""
    view = advanced.view
    a, b = safe_text(view.a.display_name), safe_text(view.b.display_name)
    status = view.intro.status
    if status is IntroStatus.MADE:
        return f"Introduced {a} and {b} (logged with both); follow up in two weeks"
    if status is IntroStatus.FOLLOWED_UP:
        return f"Followed up on introducing {a} to {b}"
    return f"Introduction of {a} and {b}: {STATUS_WORDS[status]}"


# --- what screens show --------------------------------------------------------------------


def balance_parts(balance: GiveAskBalance, width: int, indent: str = "  ") -> list[Part]:
    """`  gave 2 · asked 1 in 12 months` and, when there is one, the nudge under it."""
    parts: list[Part] = [(fit(f"{indent}{balance.words}", width).rstrip(), MUTED), "\n"]
    if balance.nudge:
        nudge = fit(f"{indent}{safe_text(balance.nudge)}", width).rstrip()
        parts += [(nudge, "$warning"), "\n"]
    return parts


def match_parts(
    matches: Sequence[ShareMatch], width: int, key_hint: str, indent: str = "  "
) -> list[Part]:
    """Up to two shares that fit, each with why."""
    parts: list[Part] = []
    for match in matches[:MATCHES_SHOWN]:
        title = safe_text(_one_line(match.shareable.title))
        why = safe_text(match.explanation)
        parts += [fit(f"{indent}share “{title}”", width).rstrip(), "\n"]
        parts += [(fit(f"{indent}  {why}", width).rstrip(), MUTED), "\n"]
    if matches and key_hint:
        parts += [(fit(f"{indent}{key_hint}", width).rstrip(), MUTED), "\n"]
    return parts


def intro_parts(views: Sequence[IntroView], contact_id: int, width: int) -> list[Part]:
    """The person's introductions: with whom, and where each stands."""
    parts: list[Part] = []
    for view in views:
        other = view.b if view.intro.a_id == contact_id else view.a
        status = STATUS_WORDS[view.intro.status]
        text = f"  intro with {safe_text(other.display_name)} · {status}"
        parts += [fit(text, width).rstrip(), "\n"]
    return parts


def giving_parts(
    balance: GiveAskBalance,
    matches: Sequence[ShareMatch],
    intros: Sequence[IntroView],
    contact_id: int,
    width: int,
    *,
    key_hint: str = "",
) -> list[Part]:
    """The contact page's "Giving" section: the balance and nudge, shares that fit, intros."""
    parts: list[Part] = ["\n", ("Giving", HEADING), ("  give before you ask", MUTED), "\n"]
    parts += balance_parts(balance, width)
    parts += match_parts(matches, width, key_hint)
    parts += intro_parts(intros, contact_id, width)
    return parts


def giving_content(
    balance: GiveAskBalance, matches: Sequence[ShareMatch], width: int, *, key_hint: str
) -> Content:
    """The composer sidebar's giving block (balance, nudge, shares that fit), flush left:
    the sidebar is narrow and wraps long lines itself."""
    parts: list[Part] = balance_parts(balance, width, indent="")
    parts += match_parts(matches, width, key_hint, indent="")
    if parts and parts[-1] == "\n":
        parts.pop()
    return Content.assemble(*parts)


# --- acting on the agenda's share and intro rows -------------------------------------------


def is_value_item(item: AgendaItem) -> bool:
    """A share or introduction row (a suggestion, or an introduction's follow-up)."""
    from core.agenda import ItemKind

    return item.kind in (ItemKind.SHARE, ItemKind.INTRO)


def done_value_item(app: NurtureApp, item: AgendaItem, channel: Channel | None = None) -> str:
    """`d` on a share or intro row: log the share, propose the intro, or record the
    follow-up. Returns what happened, for a toast (ValueError when it cannot be done)."""
    from core.agenda import ItemKind

    values = values_of(app)
    name = safe_text(item.contact.display_name)
    if item.kind is ItemKind.SHARE and item.ref_id is not None:
        values.record_share(
            item.ref_id,
            item.contact.id,
            now=app.now(),
            today=app.today,
            channel=channel or item.contact.preferred_channel,
        )
        return f"Logged sharing “{safe_text(item.title)}” with {name}"
    if item.kind is ItemKind.INTRO and item.ref_id is not None:
        return intro_step_notice(values.advance_intro(item.ref_id, today=app.today, now=app.now()))
    if item.kind is ItemKind.INTRO and item.other is not None:
        reason = _suggested_reason(values, item)
        view = values.propose_intro(item.contact.id, item.other.id, reason, today=app.today)
        other = safe_text(view.b.display_name)
        return f"Proposed introducing {name} to {other} · n lists introductions"
    raise ValueError("nothing to do for this row")


def _suggested_reason(values: ValueStore, item: AgendaItem) -> str:
    """The reason an introduction proposed from an agenda row records, in the suggestion's
    own words ("Ana needs “a designer”; Bruno offers “design”")."""
    other = item.other
    if other is not None:
        for suggestion in values.intro_suggestions(involving=item.contact.id):
            if {suggestion.needer.id, suggestion.offerer.id} == {item.contact.id, other.id}:
                return suggestion.reason
    return item.reason


def compose_value_item(app: NurtureApp, item: AgendaItem) -> None:
    """`c` on a share or intro row: the share's draft, or the introduction's next message."""
    from core.agenda import ItemKind

    values = values_of(app)
    if item.kind is ItemKind.SHARE and item.ref_id is not None:
        share_with(app, item.contact.id, values.get_shareable(item.ref_id), item=item)
        return
    if item.kind is ItemKind.INTRO:
        intro_id = item.ref_id
        if intro_id is None and item.other is not None:
            proposed = values.propose_intro(
                item.contact.id, item.other.id, _suggested_reason(values, item), today=app.today
            )
            intro_id = proposed.intro.id
        if intro_id is not None:
            advanced = advance_and_draft(app, intro_id)
            app.notify(intro_step_notice(advanced), timeout=4, markup=False)
            return
    raise ValueError("nothing to write for this row")
