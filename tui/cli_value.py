"""Providing value on the command line: `edit`, `share ...` and `intro ...`.

The same `data.value_store.ValueStore` calls the screens make; `core.value` decides what fits
whom. Importing this module (from the end of `tui.cli`) registers the commands; the store and
core modules are imported when a command runs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from core.agenda import TIER_VALUE, Agenda, AgendaItem, ItemKind
from core.models import Channel, Circle, Contact, IntroStatus, Shareable
from tui import render
from tui.cli import (
    PROG,
    UNDO_HINT,
    CliError,
    Session,
    _json_out,
    _out,
    _width,
    cli,
    json_option,
    pass_session,
    resolve_contact,
)
from tui.cli_input import clean_items, parse_choice, parse_timezone
from tui.render import fit, safe_text

if TYPE_CHECKING:
    from core.value import IntroSuggestion, ShareMatch
    from data.value_store import IntroView, ValueStore

MAX_LINK_FILE_BYTES = 5 * 1024 * 1024
_ID = re.compile(r"#?(\d{1,12})")


def _values(session: Session, *, create: bool = True) -> ValueStore:
    from data.value_store import ValueStore

    return ValueStore(session.store(create=create))


def title_from_url(url: str) -> str:
    """A readable stand-in title for a link without one: host and last path part."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    tail = [piece for piece in parts.path.split("/") if piece]
    if tail:
        words = re.sub(r"[-_]+", " ", re.sub(r"\.[a-z0-9]{1,5}$", "", tail[-1])).strip()
        if words:
            return f"{words} ({host})"
    return host or url


# --- JSON shapes -------------------------------------------------------------------------


def shareable_json(shareable: Shareable) -> dict[str, Any]:
    payload: dict[str, Any] = render.to_jsonable(shareable)
    return payload


def match_json(match: ShareMatch) -> dict[str, Any]:
    return {
        "name": match.contact.display_name,
        "contact_id": match.contact.id,
        "title": match.shareable.title,
        "url": match.shareable.url,
        "shareable_id": match.shareable.id,
        "matches": list(match.matched),
        "explanation": match.explanation,
        "score": round(match.score, 4),
    }


def suggestion_json(suggestion: IntroSuggestion) -> dict[str, Any]:
    return {
        "a": suggestion.needer.display_name,
        "a_id": suggestion.needer.id,
        "b": suggestion.offerer.display_name,
        "b_id": suggestion.offerer.id,
        "need": suggestion.need,
        "offer": suggestion.offer,
        "reason": suggestion.reason,
        "explanation": suggestion.explanation,
        "score": round(suggestion.score, 4),
    }


def intro_json(view: IntroView) -> dict[str, Any]:
    intro = view.intro
    return {
        "id": intro.id,
        "a": view.a.display_name,
        "a_id": intro.a_id,
        "b": view.b.display_name,
        "b_id": intro.b_id,
        "reason": intro.reason,
        "status": intro.status.value,
        "created_on": render.to_jsonable(intro.created_on),
        "updated_on": render.to_jsonable(intro.updated_on),
        "follow_up_on": render.to_jsonable(intro.follow_up_on),
        "next_step": view.next_step,
    }


def value_item_fields(item: AgendaItem) -> dict[str, Any]:
    """What a share or intro row of `due --json` adds: the item's title and its references."""
    if item.kind is ItemKind.SHARE:
        return {"title": item.title, "shareable_id": item.ref_id}
    if item.kind is ItemKind.INTRO:
        fields: dict[str, Any] = {"title": item.title, "intro_id": item.ref_id}
        if item.other is not None:
            fields["other_name"] = item.other.display_name
            fields["other_id"] = item.other.id
        return fields
    return {}


def add_value_fields(payload: dict[str, Any], agenda: Agenda) -> dict[str, Any]:
    """`due --json` with titles on share and intro rows, and suggestions counted apart."""
    suggestions = 0
    for row, item in zip(payload["items"], agenda.items, strict=True):
        row.update(value_item_fields(item))
        if item.tier == TIER_VALUE:
            suggestions += 1
    payload["due"] = payload["due"] - suggestions
    payload["suggestions"] = suggestions
    return payload


def without_suggestions(agenda: Agenda) -> Agenda:
    """The agenda less its suggestions to give: what is actually due."""
    return replace(agenda, items=tuple(i for i in agenda.items if i.tier != TIER_VALUE))


def add_share_urls(payload: dict[str, Any], values: ValueStore) -> dict[str, Any]:
    """Each share row's URL (the agenda row knows only the shareable's id)."""
    for row in payload["items"]:
        if row["kind"] == ItemKind.SHARE.value and row.get("shareable_id") is not None:
            row["url"] = values.get_shareable(row["shareable_id"]).url
    return payload


def giving_json(session: Session, contact: Contact) -> dict[str, Any]:
    """`show --json`'s giving part: the give/ask balance and nudge, shares that fit."""
    values = _values(session)
    balance = values.balance(contact, session.today)
    return {
        "gives": balance.gives,
        "asks": balance.asks,
        "asks_in_a_row": balance.asks_in_a_row,
        "nudge": balance.nudge,
        "shares_that_fit": [match_json(m) for m in values.matches_for(contact, session.today)],
    }


def giving_lines(session: Session, contact: Contact) -> list[str]:
    """`show`'s Giving section: the balance over 12 months, a nudge, up to two shares."""
    values = _values(session)
    balance = values.balance(contact, session.today)
    lines = ["", "Giving", f"  {balance.words}"]
    if balance.nudge:
        lines.append(f"  {safe_text(balance.nudge)}")
    for match in values.matches_for(contact, session.today, limit=2):
        lines.append(
            f"  share #{match.shareable.id} {fit(safe_text(match.shareable.title), 40).rstrip()}"
            f" ({safe_text(match.explanation)})"
        )
    return lines


# --- edit ----------------------------------------------------------------------------------


def _dropped(current: tuple[str, ...], drop: tuple[str, ...], what: str) -> tuple[str, ...]:
    unwanted = {item.casefold() for item in clean_items(drop)}
    missing = unwanted - {item.casefold() for item in current}
    if missing:
        raise CliError(
            f"no {what} {sorted(missing)[0]!r} to remove",
            [f"{what}s: {', '.join(current) or '(none)'}"],
        )
    return tuple(item for item in current if item.casefold() not in unwanted)


def _merged(current: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return clean_items([*current, *more])


@cli.command()
@click.argument("name")
@click.option("--interest", multiple=True, help="Add a topic they care about (repeatable).")
@click.option("--offer", multiple=True, help="Add something they can help others with.")
@click.option("--need", multiple=True, help="Add something they are looking for.")
@click.option("--tag", multiple=True, help="Add a tag (repeatable, or comma-separated).")
@click.option("--drop-interest", multiple=True, metavar="TEXT", help="Remove an interest.")
@click.option("--drop-offer", multiple=True, metavar="TEXT", help="Remove an offer.")
@click.option("--drop-need", multiple=True, metavar="TEXT", help="Remove a need.")
@click.option("--drop-tag", multiple=True, metavar="TEXT", help="Remove a tag.")
@click.option("--circle", help="inner, close, active, network or acquaintance.")
@click.option("--company")
@click.option("--title")
@click.option("--location")
@click.option("--how-met", metavar="TEXT")
@click.option("--nickname")
@click.option("--tz", "timezone", metavar="ZONE", help="IANA time zone, like Europe/Lisbon.")
@click.option("--channel", help="Preferred channel: email, text, call, video, in-person, social.")
@json_option
@pass_session
def edit(
    session: Session,
    name: str,
    interest: tuple[str, ...],
    offer: tuple[str, ...],
    need: tuple[str, ...],
    tag: tuple[str, ...],
    drop_interest: tuple[str, ...],
    drop_offer: tuple[str, ...],
    drop_need: tuple[str, ...],
    drop_tag: tuple[str, ...],
    circle: str | None,
    company: str | None,
    title: str | None,
    location: str | None,
    how_met: str | None,
    nickname: str | None,
    timezone: str | None,
    channel: str | None,
    as_json: bool,
) -> None:
    """Change someone's details: add or drop interests, offers, needs and tags, and more."""
    contact = resolve_contact(session, name)
    changed = replace(
        contact,
        interests=_merged(_dropped(contact.interests, drop_interest, "interest"), interest),
        offers=_merged(_dropped(contact.offers, drop_offer, "offer"), offer),
        needs=_merged(_dropped(contact.needs, drop_need, "need"), need),
        tags=_merged(_dropped(contact.tags, drop_tag, "tag"), tag),
    )
    texts = {
        "company": company,
        "title": title,
        "location": location,
        "how_met": how_met,
        "nickname": nickname,
    }
    changed = replace(
        changed,
        **{field: " ".join(text.split()) for field, text in texts.items() if text is not None},
    )
    if circle is not None:
        changed = replace(changed, circle=parse_choice(Circle, circle, what="circle"))
    if channel is not None:
        changed = replace(changed, preferred_channel=parse_choice(Channel, channel, what="channel"))
    if timezone is not None:
        changed = replace(changed, timezone=parse_timezone(timezone) if timezone.strip() else None)
    if changed == contact:
        raise CliError(f"nothing to change for {contact.display_name}: see {PROG} edit --help")
    stored = session.store().update_contact(changed)
    if as_json:
        _json_out(render.contact_json(stored))
        return
    _out(f"Updated {safe_text(stored.display_name)}")
    for label, items in (
        ("interests", stored.interests),
        ("offers", stored.offers),
        ("needs", stored.needs),
        ("tags", stored.tags),
    ):
        if items:
            _out(f"  {label}: {render.join_safe(items)}")


# --- share ---------------------------------------------------------------------------------


@cli.group()
def share() -> None:
    """The shareables library: things worth passing on, whom they fit, who got them."""


def _find_shareable(values: ValueStore, ref: str) -> Shareable:
    """A library item by URL, #ID or ID."""
    from data.store import NotFound

    text = ref.strip()
    by_id = _ID.fullmatch(text)
    if by_id is not None:
        try:
            return values.get_shareable(int(by_id.group(1)))
        except NotFound:
            raise CliError(f"no shareable with id {text}") from None
    found = values.find_by_url(text)
    if found is None:
        raise CliError(f"{text} is not in the library; add it first with: {PROG} share add URL")
    return found


def _fits_line(values: ValueStore, shareable: Shareable, today: Any) -> str:
    fits = values.fits_for(shareable, today)
    if not fits:
        return "fits no one yet (give people interests with: nurture-tui edit NAME --interest T)"
    names = [safe_text(match.contact.display_name) for match in fits[:3]]
    more = f" and {len(fits) - 3} more" if len(fits) > 3 else ""
    return f"fits {', '.join(names)}{more}"


@share.command("add")
@click.argument("url")
@click.option("--title", help="What it is (default: made from the URL).")
@click.option("--topic", multiple=True, help="Topic it is about (repeatable, or comma-separated).")
@click.option("--note", default="", help="One line on why it matters.")
@json_option
@pass_session
def share_add(
    session: Session,
    url: str,
    title: str | None,
    topic: tuple[str, ...],
    note: str,
    as_json: bool,
) -> None:
    """Put a link in the library, tagged with topics."""
    from core.value import looks_like_url

    address = url.strip()
    if not looks_like_url(address):
        raise CliError(f"{url!r} is not a web address: give one like https://example.org/post")
    chosen_title = " ".join((title or "").split()) or title_from_url(address)
    values = _values(session)
    stored = values.add_shareable(
        Shareable(id=0, title=chosen_title, url=address, note=note, topics=clean_items(topic)),
        today=session.today,
    )
    if as_json:
        _json_out(shareable_json(stored))
        return
    topics = f" · topics: {render.join_safe(stored.topics)}" if stored.topics else ""
    _out(f"Added “{safe_text(stored.title)}” (#{stored.id}){topics}")
    _out(f"  {_fits_line(values, stored, session.today)}")


def _read_link_file(path: Path) -> str:
    if not path.exists():
        raise CliError(f"no such file: {path}")
    if path.is_dir():
        raise CliError(f"{path} is a directory; give a text or Markdown file of links")
    if path.stat().st_size > MAX_LINK_FILE_BYTES:
        raise CliError(f"{path} is over 5 MB; a list of links is much smaller than that")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise CliError(f"{path} is not a text file; give a text or Markdown list of links")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


@share.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--topic", multiple=True, help="Also tag every link with this topic.")
@json_option
@pass_session
def share_import(session: Session, file: Path, topic: tuple[str, ...], as_json: bool) -> None:
    """Add every link of a plain text or Markdown list (`- [Title](url) #topic`)."""
    from core.value import parse_link_list

    text = _read_link_file(file)
    lines = parse_link_list(text)
    from core.value import looks_like_url

    usable = [line for line in lines if looks_like_url(line.url)]
    if not usable:
        raise CliError(f"no links found in {file}: write one per line, like - [Title](https://…)")
    extra = clean_items(topic)
    result = _values(session).add_shareables(
        [
            Shareable(
                id=0,
                title=line.title or title_from_url(line.url),
                url=line.url,
                note=line.note,
                topics=(*line.topics, *extra),
            )
            for line in usable
        ],
        today=session.today,
    )
    if as_json:
        _json_out(
            {
                "added": [shareable_json(item) for item in result.added],
                "already_in_library": list(result.skipped),
            }
        )
        return
    count = len(result.added)
    _out(f"Imported {count} link{'s' if count != 1 else ''} from {safe_text(str(file))}")
    if result.skipped:
        _out(f"  {len(result.skipped)} already in the library, left as they were")
    for item in result.added[:20]:
        topics = f"  [{render.join_safe(item.topics)}]" if item.topics else ""
        _out(f"  #{item.id} {fit(safe_text(item.title), 50)}{topics}")
    if count > 20:
        _out(f"  … and {count - 20} more ({PROG} share list)")


@share.command("list")
@click.option("--for", "for_name", metavar="NAME", help="What fits this person, and why.")
@json_option
@pass_session
def share_list(session: Session, for_name: str | None, as_json: bool) -> None:
    """The library, newest first (or, with --for NAME, what fits that person)."""
    values = _values(session)
    if for_name is not None:
        contact = resolve_contact(session, for_name)
        matches = values.matches_for(contact, session.today)
        if as_json:
            _json_out({"name": contact.display_name, "matches": [match_json(m) for m in matches]})
            return
        if not matches:
            _out(f"Nothing in the library fits {safe_text(contact.display_name)} yet.")
            return
        for match in matches:
            _out(
                f"#{match.shareable.id:<4} {fit(safe_text(match.shareable.title), 40)}  "
                f"{safe_text(match.explanation)}"
            )
        return
    library = values.list_shareables()
    shares = values.shares()
    sent_to: dict[int, list[int]] = {}
    for given in shares:
        sent_to.setdefault(given.shareable_id, []).append(given.contact_id)
    if as_json:
        names = dict(session.store().contact_names(include_archived=True))
        _json_out(
            {
                "shareables": [
                    {
                        **shareable_json(item),
                        "sent_to": [
                            {"name": names.get(contact_id, ""), "contact_id": contact_id}
                            for contact_id in sent_to.get(item.id, [])
                        ],
                    }
                    for item in library
                ]
            }
        )
        return
    if not library:
        _out(f"The library is empty. Add a link with: {PROG} share add URL --topic T")
        return
    width = _width()
    for item in library:
        sent = len(sent_to.get(item.id, []))
        tail = f"sent to {sent}" if sent else "not sent yet"
        topics = render.join_safe(item.topics)
        head = f"#{item.id:<4} "
        title_width = max(20, width - len(head) - 40)
        _out(f"{head}{fit(safe_text(item.title), title_width)}  {fit(topics, 22)}  {tail}".rstrip())


@share.command("sent")
@click.argument("url")
@click.argument("name")
@click.option("--channel", help="How: email, text, call, video, in-person, social, other.")
@pass_session
def share_sent(session: Session, url: str, name: str, channel: str | None) -> None:
    """Record that NAME got a library item (by URL or #ID), logging a share with them."""
    values = _values(session, create=False)
    shareable = _find_shareable(values, url)
    contact = resolve_contact(session, name)
    used = parse_choice(Channel, channel, what="channel") if channel else contact.preferred_channel
    values.record_share(
        shareable.id, contact.id, now=session.now, today=session.today, channel=used
    )
    _out(
        f"Logged sharing “{safe_text(shareable.title)}” with {safe_text(contact.display_name)};"
        " it will not be suggested to them again"
    )
    _out(UNDO_HINT)


# --- intro ---------------------------------------------------------------------------------


@cli.group()
def intro() -> None:
    """Introductions: whom to connect, and a double-opt-in flow to do it."""


@intro.command("suggest")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@pass_session
def intro_suggest(session: Session, limit: int, as_json: bool) -> None:
    """Pairs where one person's need meets another's offer, best first."""
    suggestions = _values(session).intro_suggestions(limit=limit)
    if as_json:
        _json_out({"suggestions": [suggestion_json(s) for s in suggestions]})
        return
    if not suggestions:
        _out(
            "No introductions to suggest yet. Give people offers and needs with: "
            f"{PROG} edit NAME --offer T --need T"
        )
        return
    for suggestion in suggestions:
        pair = (
            f"{safe_text(suggestion.needer.display_name)} → "
            f"{safe_text(suggestion.offerer.display_name)}"
        )
        _out(fit(pair, _width()).rstrip())
        _out(f"  {fit(safe_text(suggestion.explanation), _width() - 2)}".rstrip())
    _out(f"propose one with: {PROG} intro propose A B --reason TEXT")


def _intro_id(text: str) -> int:
    match = _ID.fullmatch(text.strip())
    if match is None:
        raise CliError(f"{text!r} is not an introduction id: see {PROG} intro list")
    return int(match.group(1))


@intro.command("propose")
@click.argument("a_name", metavar="A")
@click.argument("b_name", metavar="B")
@click.option("--reason", default="", help="Why they should meet (default: the suggestion's).")
@json_option
@pass_session
def intro_propose(session: Session, a_name: str, b_name: str, reason: str, as_json: bool) -> None:
    """Propose introducing A to B (you will ask A first, then B)."""
    a = resolve_contact(session, a_name)
    b = resolve_contact(session, b_name)
    if a.id == b.id:
        raise CliError(f"{a.display_name} cannot be introduced to themselves")
    values = _values(session)
    why = reason
    if not why.strip():
        for suggestion in values.intro_suggestions(involving=a.id):
            if {suggestion.needer.id, suggestion.offerer.id} == {a.id, b.id}:
                why = suggestion.reason
                break
    view = values.propose_intro(a.id, b.id, why, today=session.today)
    if as_json:
        _json_out(intro_json(view))
        return
    _out(
        f"Proposed introducing {safe_text(a.display_name)} to {safe_text(b.display_name)}"
        f" (#{view.intro.id})"
    )
    _out(f"next: {safe_text(view.next_step)} — {PROG} intro advance {view.intro.id}")


def _parse_status(text: str) -> IntroStatus:
    """A status as written (`asked_a`, `asked-a`, `ASKED A`) or a unique prefix of one."""
    cleaned = text.strip().casefold().replace("-", "_").replace(" ", "_")
    values = [status.value for status in IntroStatus]
    chosen = [value for value in values if value == cleaned] or [
        value for value in values if cleaned and value.startswith(cleaned)
    ]
    if len(chosen) != 1:
        raise CliError(f"unknown status {text!r}: choose one of {', '.join(values)}")
    return IntroStatus(chosen[0])


@intro.command("list")
@click.option("--status", help="Only this status: " + ", ".join(s.value for s in IntroStatus))
@json_option
@pass_session
def intro_list(session: Session, status: str | None, as_json: bool) -> None:
    """Every introduction, grouped by where it stands."""
    wanted = _parse_status(status) if status else None
    views = [
        view
        for view in _values(session).introductions()
        if wanted is None or view.intro.status is wanted
    ]
    if as_json:
        _json_out({"introductions": [intro_json(view) for view in views]})
        return
    if not views:
        _out(f"No introductions yet. See who to connect with: {PROG} intro suggest")
        return
    width = _width()
    current: IntroStatus | None = None
    for view in views:
        if view.intro.status is not current:
            current = view.intro.status
            _out(f"{current.value}:")
        pair = f"{safe_text(view.a.display_name)} + {safe_text(view.b.display_name)}"
        follow = ""
        if view.intro.status is IntroStatus.MADE and view.intro.follow_up_on is not None:
            follow = f" (follow up {render.short_day(view.intro.follow_up_on, session.today)})"
        _out(fit(f"  #{view.intro.id} {pair}{follow}", width).rstrip())
        if view.intro.status is not IntroStatus.FOLLOWED_UP:
            _out(fit(f"      next: {safe_text(view.next_step)}", width).rstrip())


@intro.command("advance")
@click.argument("intro_ref", metavar="ID")
@json_option
@pass_session
def intro_advance(session: Session, intro_ref: str, as_json: bool) -> None:
    """Move an introduction to its next step and print that step's draft message."""
    from data.store import NotFound

    values = _values(session, create=False)
    try:
        advanced = values.advance_intro(_intro_id(intro_ref), today=session.today, now=session.now)
    except NotFound:
        raise CliError(f"no introduction {intro_ref}: see {PROG} intro list") from None
    view, draft = advanced.view, advanced.draft
    to = view.a if draft.to_id == view.a.id else view.b
    if as_json:
        payload = intro_json(view)
        payload["draft"] = {
            "to": to.display_name,
            "contact_id": to.id,
            "subject": draft.subject,
            "body": draft.body,
        }
        _json_out(payload)
        return
    _out(
        f"Introduction #{view.intro.id} of {safe_text(view.a.display_name)} and "
        f"{safe_text(view.b.display_name)}: {view.intro.status.value}"
    )
    if view.intro.status is IntroStatus.MADE and view.intro.follow_up_on is not None:
        _out(
            f"logged the intro with both; follow up "
            f"{render.short_day(view.intro.follow_up_on, session.today)}"
        )
    _out(f"Draft to {safe_text(to.display_name)}:")
    _out(f"  Subject: {safe_text(draft.subject)}")
    for line in draft.body.splitlines():
        _out(f"  {safe_text(line)}".rstrip())
    _out(UNDO_HINT)
