"""The `nurture-tui` command line: the same store and core functions the screens call.

`nurture-tui [--db PATH] [--today YYYY-MM-DD] [--demo] COMMAND`. This module is the only
place that reads the clock; it hands `today`/`now` to `core` and `data`. Every error a user
can cause is one line on stderr and exit code 2, with nothing written.

Heavy modules (sqlite_utils through `data.store`, the demo generator) are imported inside the
commands that need them, and Textual never on this path, so `nurture-tui due` starts fast.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click
import pendulum
from pendulum import Date, DateTime

from core.cadence import next_due_on, parse_period
from core.models import (
    Channel,
    Circle,
    Commitment,
    Contact,
    DateKind,
    Direction,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
)
from tui import render
from tui.cli_input import (
    clean_items,
    parse_choice,
    parse_day,
    parse_iso_day,
    parse_positive_int,
    parse_timezone,
    user_today,
)
from tui.render import safe_text, short_day

if TYPE_CHECKING:
    from data.store import Store

PROG = "nurture-tui"
UNDO_HINT = f"undo with: {PROG} undo"
DEFAULT_DUE_LIMIT = 25
EXIT_INTERRUPTED = 130
_ID_REF = re.compile(r"#(\d{1,12})")

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """A mistake the user can fix: one line on stderr (plus optional choices), exit 2."""

    exit_code = 2

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)

    def show(self, file: IO[Any] | None = None) -> None:
        stream = file if file is not None else sys.stderr
        click.echo(f"{PROG}: error: {safe_text(self.message)}", file=stream)
        for line in self.details:
            click.echo(f"  {safe_text(line)}", file=stream)


@dataclass
class Session:
    """What every command shares: where the database is, and what day it is."""

    db_option: str | None
    demo: bool
    today: Date
    now: DateTime
    timezone: str
    _store: Store | None = field(default=None, repr=False)

    def db_path(self) -> Path:
        """The database file this run uses (the demo one with --demo)."""
        if self.demo:
            from data.paths import demo_db_path

            return demo_db_path(os.environ)
        from data.paths import resolve_db_path

        return resolve_db_path(self.db_option, os.environ)

    def store(self, *, create: bool = True) -> Store:
        """The open store; opened on first use. `create=False` refuses a missing file."""
        if self._store is not None:
            return self._store
        from data.store import Store

        if self.demo:
            self._store = _open_demo(self.db_path(), self.today, self.timezone)
            return self._store
        path = self.db_path()
        if not create and not path.exists():
            raise CliError(f"no database at {path} yet: add someone first with {PROG} add NAME")
        self._store = Store.open(path, create=create, zone=self.timezone)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def daily_budget(self) -> int:
        """The check-ins per day to aim for (setting `daily_budget`)."""
        from tui.launch import daily_budget_of

        return daily_budget_of(self.store())

    def live_now(self) -> DateTime:
        """The clock as it ticks, kept on the session's day (which --today may have moved)."""
        self.now = pendulum.now(self.timezone)
        return self.at_time_on(self.today)

    def at_time_on(self, day: Date) -> DateTime:
        """`day` at the current wall-clock time in the user's zone (now, when it is today)."""
        if day == self.now.date():
            return self.now
        return pendulum.datetime(
            day.year,
            day.month,
            day.day,
            self.now.hour,
            self.now.minute,
            self.now.second,
            tz=self.now.tz,
        )


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.unlink()


def _open_demo(path: Path, today: Date, zone: str) -> Store:
    """The demo database, rebuilt when missing, unreadable, made for another day, or made
    by an older generator."""
    from data.store import Store, StoreError

    if path.exists():
        try:
            store = Store.open(path, create=False, zone=zone)
        except StoreError:
            _remove_db(path)
        else:
            from data.demo import GENERATOR_VERSION

            current = store.get_setting("demo_generator") == str(GENERATOR_VERSION)
            if current and store.get_setting("demo_anchor") == today.isoformat():
                return store
            store.close()
            _remove_db(path)
    from data.demo import write_demo

    if sys.stderr.isatty():
        click.echo(f"Building the demo network for {short_day(today, today)}…", err=True)
    write_demo(path, today)
    return Store.open(path, create=False, zone=zone)


# --- the group: global options, one place for errors -----------------------------------


class NurtureGroup(click.Group):
    """Turns user-caused errors into one line and exit 2, and Ctrl-C into a quiet 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except UnicodeError:
            raise CliError("some text given is not valid UTF-8") from None
        except ValueError as error:
            raise CliError(str(error)) from None
        except sqlite3.Error as error:
            from data.store import DISK_FAILED, disk_failed

            if disk_failed(error):
                raise CliError(f"{DISK_FAILED} ({error})") from None
            raise CliError(f"database error: {error}") from None
        except BrokenPipeError:
            raise
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            raise CliError(f"{error.strerror or error}{where}") from None
        except Exception as error:
            from data.store import StoreError

            if isinstance(error, StoreError):
                raise CliError(str(error)) from None
            raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        exit_code = 0
        try:
            result = super().main(
                args, prog_name or PROG, complete_var, standalone_mode=False, **extra
            )
            exit_code = result if isinstance(result, int) else 0
        except click.UsageError as error:
            if not standalone_mode:
                raise
            _usage_error_line(error)
            exit_code = 2
        except click.ClickException as error:
            if not standalone_mode:
                raise
            error.show()
            exit_code = error.exit_code
        except click.Abort as error:
            if not standalone_mode:
                raise
            interrupted = isinstance(error.__cause__ or error.__context__, KeyboardInterrupt)
            exit_code = EXIT_INTERRUPTED if interrupted else 1
        except KeyboardInterrupt:
            if not standalone_mode:
                raise
            exit_code = EXIT_INTERRUPTED
        except BrokenPipeError:
            # The reader went away (`nurture-tui due | head`): stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            exit_code = 1
        if standalone_mode:
            sys.exit(exit_code)
        return exit_code


def _usage_error_line(error: click.UsageError) -> None:
    """Click's usage errors as one line, pointing at the right --help."""
    command = error.ctx.command_path if error.ctx is not None else PROG
    click.echo(
        f"{PROG}: error: {safe_text(error.format_message())} (see: {command} --help)",
        err=True,
    )


def _out(line: str = "") -> None:
    click.echo(line)


def _json_out(payload: Any) -> None:
    click.echo(render.dumps(payload))


@click.group(
    cls=NurtureGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=(
        "NAME is a unique prefix or close match of a contact's name, or #ID. "
        "Dates: YYYY-MM-DD, today, tomorrow, a weekday, or +3d. "
        "Settings: `nurture-tui config daily-budget N` sets how many first check-ins a day "
        "new contacts are spread over (default 5)."
    ),
)
@click.option(
    "--db",
    "db_option",
    type=click.Path(dir_okay=False),
    help="Database file (default: $NURTURE_DB, else the platform data dir).",
)
@click.option(
    "--today",
    "today_text",
    metavar="YYYY-MM-DD",
    help="Pretend it is this day (default: today in $NURTURE_TZ or the local zone).",
)
@click.option("--demo", is_flag=True, help="Use the demo network (kept apart from yours).")
@click.version_option(package_name="nurture-tui", prog_name=PROG)
@click.pass_context
def cli(ctx: click.Context, db_option: str | None, today_text: str | None, demo: bool) -> None:
    """Nurture your network: who is due today, what to celebrate, what you promised.

    With no COMMAND, shows today's agenda.
    """
    if demo and db_option is not None:
        raise CliError("--demo and --db cannot be used together")
    real_today, now, timezone = user_today(os.environ.get("NURTURE_TZ"))
    today = real_today
    if today_text is not None:
        today = parse_iso_day(today_text, what="--today date")
    session = Session(db_option=db_option, demo=demo, today=today, now=now, timezone=timezone)
    if today != real_today:
        session.now = session.at_time_on(today)
    ctx.obj = session
    ctx.call_on_close(session.close)
    if ctx.invoked_subcommand is None:
        launch(ctx)


def launch(ctx: click.Context) -> None:
    """What bare `nurture-tui` does: the full-screen app on a terminal, else the agenda as text.

    Piped or scheduled (`nurture-tui | mail`), there is no one to press keys: print instead.
    """
    session: Session = ctx.obj
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _print_agenda(session, as_json=False, limit=DEFAULT_DUE_LIMIT)
        return
    from tui.launch import run_app

    code = run_app(session.store(), today=session.today, now=session.live_now)
    if code:
        ctx.exit(code)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name=PROG)


pass_session = click.pass_obj


# --- helpers shared by commands ------------------------------------------------------


def resolve_contact(session: Session, name: str) -> Contact:
    """The one contact NAME means (unique prefix, close match, or #ID), else exit 2."""
    from core.names import resolve_name
    from data.store import NotFound

    store = session.store(create=False)
    query = name.strip()
    if not query:
        raise CliError("empty contact name")
    id_ref = _ID_REF.fullmatch(query)
    if id_ref is not None:
        try:
            return store.get_contact(int(id_ref.group(1)))
        except NotFound:
            raise CliError(f"no contact with id {query}") from None
    names = store.contact_names()
    ids = resolve_name(query, names)
    if not ids:
        raise CliError(f"no contact matches {query!r} (add them with: {PROG} add NAME)")
    if len(ids) > 1:
        by_id = dict(names)
        shown = [by_id.get(contact_id, "?") for contact_id in ids[:8]]
        duplicated = len(set(shown)) < len(shown)
        labels = [
            f"{label} (#{contact_id})" if duplicated else label
            for contact_id, label in zip(ids[:8], shown, strict=True)
        ]
        more = f" and {len(ids) - 8} more" if len(ids) > 8 else ""
        raise CliError(
            f"{query!r} could be {', '.join(labels)}{more}: say more of the name, or use #ID"
        )
    return store.get_contact(ids[0])


def _pick(
    things: Sequence[Commitment] | Sequence[FollowUpQuestion],
    which: str | None,
    *,
    noun: str,
    owner: str,
    command: str,
) -> list[Any]:
    """The open item(s) `which` names (an id, #id, or words of the text).

    With no `which`, the only one; with several, an error listing them all.
    """
    candidates: list[Any] = list(things)
    if not candidates:
        raise CliError(f"{owner} has no open {noun}s")
    if which is not None:
        wanted = which.strip().lstrip("#")
        if wanted.isdigit():
            chosen = [thing for thing in candidates if thing.id == int(wanted)]
        else:
            needle = wanted.casefold()
            chosen = [thing for thing in candidates if needle in thing.text.casefold()]
        if not chosen:
            raise CliError(
                f"no open {noun} of {owner} matches {which!r}",
                [f"#{thing.id} {thing.text}" for thing in candidates],
            )
        candidates = chosen
    if len(candidates) > 1:
        raise CliError(
            f"{owner} has {len(candidates)} open {noun}s; say which: "
            f"{PROG} {command} NAME ID (or words of it)",
            [f"#{thing.id} {thing.text}" for thing in candidates],
        )
    return candidates


def _print_agenda(session: Session, *, as_json: bool, limit: int) -> None:
    from core.agenda import ItemKind
    from data.value_store import ValueStore
    from tui.cli_value import add_share_urls, add_value_fields, without_suggestions

    # The agenda with introduction follow-ups and a few chances to share or introduce.
    values = ValueStore(session.store())
    agenda = values.agenda(session.today, limit=limit, daily_budget=session.daily_budget())
    listed_checkins = sum(1 for item in agenda.items if item.kind is ItemKind.CHECK_IN)
    hidden = max(0, agenda.checkins_due - listed_checkins)
    if as_json:
        payload = add_value_fields(render.agenda_json(agenda, hidden_checkins=hidden), agenda)
        _json_out(add_share_urls(payload, values))
        return
    lines = render.agenda_lines(agenda, hidden_checkins=hidden, width=_width())
    # Suggestions to give are not due: the header counts only what is.
    lines[0] = render.agenda_header(without_suggestions(agenda), hidden_checkins=hidden)
    for line in lines:
        _out(line)


def _width() -> int:
    """80 columns, or the terminal's width between 60 and 120 when writing to one."""
    if not sys.stdout.isatty():
        return render.WIDTH
    import shutil

    return max(60, min(120, shutil.get_terminal_size((render.WIDTH, 24)).columns))


def _next_checkin_text(contact: Contact, today: Date) -> str:
    due = next_due_on(contact)
    if due <= today:
        return "due now"
    return short_day(due, today)


def json_option(function: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(function)


# --- commands: people -----------------------------------------------------------------


@cli.command()
@click.argument("name")
@click.option("--email", multiple=True, help="Email address (repeatable).")
@click.option("--phone", multiple=True, help="Phone number (repeatable).")
@click.option("--circle", help="inner, close, active (default), network or acquaintance.")
@click.option("--every", metavar="PERIOD", help="Own cadence instead of the circle's: 10d, 3w, 2m.")
@click.option("--tag", multiple=True, help="Tag (repeatable, or comma-separated).")
@click.option("--interest", multiple=True, help="Topic they care about (repeatable).")
@click.option("--offer", multiple=True, help="Something they can help others with.")
@click.option("--need", multiple=True, help="Something they are looking for.")
@click.option("--tz", "timezone", metavar="ZONE", help="IANA time zone, like Europe/Lisbon.")
@click.option("--birthday", metavar="DATE", help="1990-02-29, or --02-29 without a year.")
@click.option("--company")
@click.option("--title")
@click.option("--location")
@click.option("--how-met", metavar="TEXT")
@click.option("--nickname")
@click.option("--channel", help="Preferred channel: email, text, call, video, in-person, social.")
@click.option("--allow-duplicate", is_flag=True, help="Add even if the name already exists.")
@json_option
@pass_session
def add(
    session: Session,
    name: str,
    email: tuple[str, ...],
    phone: tuple[str, ...],
    circle: str | None,
    every: str | None,
    tag: tuple[str, ...],
    interest: tuple[str, ...],
    offer: tuple[str, ...],
    need: tuple[str, ...],
    timezone: str | None,
    birthday: str | None,
    company: str | None,
    title: str | None,
    location: str | None,
    how_met: str | None,
    nickname: str | None,
    channel: str | None,
    allow_duplicate: bool,
    as_json: bool,
) -> None:
    """Add a person to your network."""
    from core.milestones import parse_yearly_date

    display_name = " ".join(name.split())
    if not display_name:
        raise CliError("a contact needs a name")
    if _ID_REF.fullmatch(display_name):
        raise CliError(f"{display_name!r} looks like a contact id; use a real name")
    words = display_name.split(" ")
    contact = Contact(
        id=0,
        display_name=display_name,
        given_name=words[0],
        family_name=" ".join(words[1:]),
        nickname=(nickname or "").strip(),
        emails=clean_items(email),
        phones=clean_items(phone),
        company=(company or "").strip(),
        title=(title or "").strip(),
        location=(location or "").strip(),
        timezone=parse_timezone(timezone) if timezone is not None else None,
        circle=parse_choice(Circle, circle, what="circle") if circle else Circle.ACTIVE,
        cadence_override_days=parse_period(every) if every is not None else None,
        tags=clean_items(tag),
        interests=clean_items(interest),
        offers=clean_items(offer),
        needs=clean_items(need),
        how_met=(how_met or "").strip(),
        preferred_channel=(
            parse_choice(Channel, channel, what="channel") if channel else Channel.EMAIL
        ),
        created_on=session.today,
    )
    birthday_rule = parse_yearly_date(birthday) if birthday is not None else None

    store = session.store()
    if not allow_duplicate:
        clash = [
            cid
            for cid, known in store.contact_names()
            if known.casefold() == display_name.casefold()
        ]
        if clash:
            raise CliError(
                f"{display_name!r} is already in your network (#{clash[0]}); "
                "use --allow-duplicate to add another"
            )
    (stored,) = store.add_contacts(
        [contact], today=session.today, daily_budget=session.daily_budget()
    )
    if birthday_rule is not None:
        rule, year = birthday_rule
        store.add_important_date(
            ImportantDate(id=0, contact_id=stored.id, kind=DateKind.BIRTHDAY, rule=rule, year=year)
        )
    if as_json:
        _json_out(render.contact_json(stored))
        return
    _out(
        f"Added {safe_text(stored.display_name)} ({stored.circle.value}); "
        f"first check-in {_next_checkin_text(stored, session.today)}"
    )


@cli.command()
@click.argument("name")
@json_option
@pass_session
def show(session: Session, name: str, as_json: bool) -> None:
    """Everything about one person: due date, promises, questions, dates, history."""
    from core.milestones import next_occurrence
    from tui.cli_value import giving_json, giving_lines

    contact = resolve_contact(session, name)
    detail = session.store().contact_detail(contact.id)
    next_dates = [next_occurrence(date.rule, session.today) for date in detail.dates]
    if as_json:
        payload = render.detail_json(detail, next_dates=next_dates)
        payload["giving"] = giving_json(session, detail.contact)
        _json_out(payload)
        return
    for line in render.detail_lines(
        detail, today=session.today, now=session.now, next_dates=next_dates
    ):
        _out(line)
    for line in giving_lines(session, detail.contact):
        _out(line)


@cli.command("list")
@click.option("--circle", help="Only this circle.")
@click.option("--tag", help="Only people with this tag.")
@json_option
@pass_session
def list_contacts(session: Session, circle: str | None, tag: str | None, as_json: bool) -> None:
    """List people, optionally by circle or tag."""
    circle_value = parse_choice(Circle, circle, what="circle").value if circle else None
    contacts = session.store().list_contacts(circle=circle_value, tag=tag.strip() if tag else None)
    if as_json:
        _json_out({"contacts": [render.contact_json(contact) for contact in contacts]})
        return
    if not contacts:
        _out("No one here yet." if not (circle or tag) else "No one matches.")
        return
    for contact in contacts:
        _out(render.contact_row(contact, session.today, width=_width()))


@cli.command()
@click.argument("text")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@json_option
@pass_session
def search(session: Session, text: str, limit: int, as_json: bool) -> None:
    """Full-text search over names, notes and conversation summaries."""
    if not text.strip():
        raise CliError("search for what? give some words")
    hits = session.store().search(text, limit=limit)
    if as_json:
        _json_out(
            {
                "query": text,
                "results": [
                    {"name": c.display_name, "contact_id": c.id, "snippet": snippet}
                    for c, snippet in hits
                ],
            }
        )
        return
    if not hits:
        _out(f"Nothing matches {safe_text(text)!r}.")
        return
    width = _width()
    name_width = min(24, max(render.cell_width(safe_text(c.display_name)) for c, _ in hits))
    for contact, snippet in hits:
        _out(
            f"{render.fit(safe_text(contact.display_name), name_width)}  "
            f"{render.fit(safe_text(snippet), width - name_width - 2)}".rstrip()
        )


# --- commands: the agenda and triage ----------------------------------------------------


@cli.command()
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_DUE_LIMIT,
    show_default=True,
    help="At most this many check-ins (promises, replies and celebrations always show).",
)
@click.option("--all", "show_all", is_flag=True, help="Every due check-in.")
@json_option
@pass_session
def due(session: Session, limit: int, show_all: bool, as_json: bool) -> None:
    """Today's agenda: promises, replies owed, celebrations, check-ins."""
    _print_agenda(session, as_json=as_json, limit=1_000_000 if show_all else limit)


_CHANNEL_PHRASES = {
    Channel.EMAIL: "an email",
    Channel.TEXT: "a text",
    Channel.CALL: "a call",
    Channel.VIDEO: "a video call",
    Channel.IN_PERSON: "a meeting in person",
    Channel.SOCIAL: "a social message",
    Channel.OTHER: "a touch",
}
_DIRECTION_ALIASES = {"in": "inbound", "out": "outbound", "both": "mutual"}


@cli.command()
@click.argument("name")
@click.option("--channel", help="email, text, call, video, in-person, social, other.")
@click.option("--kind", help="check-in, congrats, share, intro, help, meeting, call, ask...")
@click.option("--direction", help="outbound (default), inbound (they wrote: reply owed), mutual.")
@click.option("--note", "-n", "summary", default="", help="What you talked about.")
@click.option("--topic", multiple=True, help="Topic touched on (repeatable).")
@click.option("--on", "on_text", metavar="DATE", help="When it happened (default today).")
@pass_session
def log(
    session: Session,
    name: str,
    channel: str | None,
    kind: str | None,
    direction: str | None,
    summary: str,
    topic: tuple[str, ...],
    on_text: str | None,
) -> None:
    """Log a conversation; any touch resets the check-in clock."""
    on = parse_day(on_text, today=session.today, what="--on date") if on_text else session.today
    if on > session.today:
        raise CliError(f"{on.to_date_string()} is in the future: log what already happened")
    direction_value = (
        parse_choice(
            Direction,
            _DIRECTION_ALIASES.get(direction.strip().lower(), direction),
            what="direction",
        )
        if direction
        else Direction.OUTBOUND
    )
    channel_value = parse_choice(Channel, channel, what="channel") if channel else None
    if kind:
        kind_value = parse_choice(InteractionKind, kind, what="kind")
    else:
        kind_value = (
            InteractionKind.MESSAGE
            if direction_value is Direction.INBOUND
            else InteractionKind.CHECK_IN
        )
    contact = resolve_contact(session, name)
    store = session.store()
    store.log_interaction(
        Interaction(
            id=0,
            contact_id=contact.id,
            occurred_at=session.at_time_on(on),
            channel=channel_value or contact.preferred_channel,
            direction=direction_value,
            kind=kind_value,
            summary=summary.strip(),
            topics=clean_items(topic),
        ),
        today=session.today,
    )
    updated = store.get_contact(contact.id)
    what = _CHANNEL_PHRASES[channel_value or contact.preferred_channel]
    if kind_value not in (InteractionKind.CHECK_IN, InteractionKind.MESSAGE):
        what += f" ({kind_value.value})"
    who = safe_text(updated.display_name)
    if direction_value is Direction.INBOUND:
        tail = "reply owed" if updated.awaiting_reply_since is not None else "already answered"
        _out(f"Logged {what} from {who}; {tail}")
    else:
        _out(
            f"Logged {what} with {who}; next check-in {_next_checkin_text(updated, session.today)}"
        )
    _out(UNDO_HINT)


@cli.command()
@click.argument("name")
@click.option("--until", "until_text", metavar="DATE", help="Snooze until this day.")
@click.option("--for", "for_text", metavar="PERIOD", help="Snooze this long: 3d, 1w, 2m.")
@pass_session
def snooze(session: Session, name: str, until_text: str | None, for_text: str | None) -> None:
    """Hide a person's check-in until a later day."""
    if (until_text is None) == (for_text is None):
        raise CliError("say how long: --until DATE or --for PERIOD (like 1w)")
    if until_text is not None:
        until = parse_day(until_text, today=session.today, what="--until date")
    else:
        until = session.today.add(days=parse_period(for_text or ""))
    if until <= session.today:
        raise CliError(f"snooze until {until.to_date_string()}? pick a day after today")
    contact = resolve_contact(session, name)
    updated = session.store().snooze(contact.id, until, today=session.today)
    _out(
        f"Snoozed {safe_text(updated.display_name)} until {short_day(until, session.today)}; "
        f"next check-in {_next_checkin_text(updated, session.today)}"
    )
    _out(UNDO_HINT)


@cli.command()
@click.argument("name")
@pass_session
def skip(session: Session, name: str) -> None:
    """Skip this cycle: the next check-in moves one cadence from today."""
    contact = resolve_contact(session, name)
    updated = session.store().skip(contact.id, today=session.today)
    _out(
        f"Skipped this cycle with {safe_text(updated.display_name)}; "
        f"next check-in {_next_checkin_text(updated, session.today)}"
    )
    _out(UNDO_HINT)


@cli.command()
@pass_session
def undo(session: Session) -> None:
    """Revert the latest triage action (log, snooze, skip, done-promise...)."""
    undone = session.store().undo()
    if undone is None:
        _out("Nothing to undo.")
        return
    if undone.casefold().startswith("undid"):
        _out(safe_text(undone[:1].upper() + undone[1:]))
    else:
        _out(f"Undid: {safe_text(undone)}")


# --- commands: follow-through -------------------------------------------------------------


@cli.command()
@click.argument("name")
@click.argument("question")
@pass_session
def ask(session: Session, name: str, question: str) -> None:
    """Remember a question to ask next time."""
    text = question.strip()
    if not text:
        raise CliError("what is the question?")
    contact = resolve_contact(session, name)
    session.store().add_question(contact.id, text, today=session.today)
    _out(f"Next time, ask {safe_text(contact.display_name)}: {safe_text(text)}")


@cli.command()
@click.argument("name")
@click.argument("which", required=False)
@click.option("--all", "all_open", is_flag=True, help="Tick every open question.")
@pass_session
def asked(session: Session, name: str, which: str | None, all_open: bool) -> None:
    """Tick off a question you asked (WHICH: its id or words of it)."""
    contact = resolve_contact(session, name)
    store = session.store()
    questions = [q for q in store.contact_detail(contact.id).questions if q.asked_on is None]
    if all_open and which is None:
        chosen = questions
        if not chosen:
            raise CliError(f"{contact.display_name} has no open questions")
    else:
        chosen = _pick(
            questions, which, noun="question", owner=contact.display_name, command="asked"
        )
    for question in chosen:
        store.mark_question_asked(question.id, today=session.today)
        _out(f"Asked {safe_text(contact.display_name)}: {safe_text(question.text)}")
    _out(UNDO_HINT)


@cli.command()
@click.argument("name")
@click.argument("text")
@click.option("--by", "by_text", metavar="DATE", help="When it is due (2026-11-27, friday, +3d).")
@pass_session
def promise(session: Session, name: str, text: str, by_text: str | None) -> None:
    """Record something you promised someone; overdue promises top the agenda."""
    what = text.strip()
    if not what:
        raise CliError("what did you promise?")
    by = parse_day(by_text, today=session.today, what="--by date") if by_text else None
    contact = resolve_contact(session, name)
    session.store().add_commitment(contact.id, what, due_on=by, today=session.today)
    when = f" by {short_day(by, session.today)}" if by else ""
    _out(f"Promised {safe_text(contact.display_name)}: {safe_text(what)}{when}")


@cli.command("done-promise")
@click.argument("name")
@click.argument("which", required=False)
@pass_session
def done_promise(session: Session, name: str, which: str | None) -> None:
    """Mark a promise kept (WHICH: its id or words of it, when there are several)."""
    contact = resolve_contact(session, name)
    store = session.store()
    (commitment,) = _pick(
        store.open_commitments(contact.id),
        which,
        noun="promise",
        owner=contact.display_name,
        command="done-promise",
    )
    store.complete_commitment(commitment.id, today=session.today)
    _out(f"Kept your promise to {safe_text(contact.display_name)}: {safe_text(commitment.text)}")
    _out(UNDO_HINT)


# --- commands: milestones and notes ----------------------------------------------------------


@cli.command("date", context_settings={"ignore_unknown_options": True})
@click.argument("name")
@click.argument("kind")
@click.argument("when", metavar="DATE")
@click.option("--label", default="", help="What it is, for custom dates.")
@click.option(
    "--remind",
    "remind_days",
    type=click.IntRange(min=0, max=30),
    help="Days ahead to remind (default: by circle).",
)
@pass_session
def important_date(
    session: Session, name: str, kind: str, when: str, label: str, remind_days: int | None
) -> None:
    """Remember a yearly date: birthday, anniversary, work-anniversary or custom.

    DATE: 1990-02-29, --02-29 (no year), or "3rd Sunday of June".
    """
    from core.milestones import next_occurrence, parse_yearly_date

    kind_value = parse_choice(DateKind, kind, what="date kind")
    rule, year = parse_yearly_date(when)
    contact = resolve_contact(session, name)
    stored = session.store().add_important_date(
        ImportantDate(
            id=0,
            contact_id=contact.id,
            kind=kind_value,
            rule=rule,
            year=year,
            label=label.strip(),
            remind_days_ahead=remind_days,
        )
    )
    next_on = next_occurrence(stored.rule, session.today)
    _out(
        f"Saved {safe_text(contact.display_name)}'s "
        f"{render.date_line(stored, next_on, session.today)}"
    )


@cli.command()
@click.argument("name")
@click.argument("text")
@click.option("--on", "on_text", metavar="DATE", help="When it happened (default today).")
@click.option("--kind", help="new-job, promotion, move, baby, wedding, graduation, launch, other.")
@pass_session
def event(session: Session, name: str, text: str, on_text: str | None, kind: str | None) -> None:
    """Record a life event worth congratulating (new job, move, baby...)."""
    what = text.strip()
    if not what:
        raise CliError("what happened?")
    on = parse_day(on_text, today=session.today, what="--on date") if on_text else session.today
    kind_value = (
        parse_choice(LifeEventKind, kind, what="event kind") if kind else LifeEventKind.OTHER
    )
    contact = resolve_contact(session, name)
    session.store().add_life_event(
        LifeEvent(id=0, contact_id=contact.id, kind=kind_value, text=what, occurred_on=on)
    )
    _out(
        f"Noted for {safe_text(contact.display_name)}: {kind_value.value}, {safe_text(what)} "
        f"({short_day(on, session.today)})"
    )


@cli.command()
@click.argument("name")
@click.argument("text")
@pass_session
def note(session: Session, name: str, text: str) -> None:
    """Write down something about a person (does not count as a touch)."""
    body = text.strip()
    if not body:
        raise CliError("the note is empty")
    contact = resolve_contact(session, name)
    session.store().add_note(contact.id, body, now=session.now)
    _out(f"Noted about {safe_text(contact.display_name)}.")


# --- commands: settings and demo data -------------------------------------------------------


@cli.group()
def config() -> None:
    """Show or change settings."""


@config.command("daily-budget")
@click.argument("count", required=False)
@pass_session
def config_daily_budget(session: Session, count: str | None) -> None:
    """Show or set how many first check-ins a day new contacts are spread over."""
    if count is None:
        _out(str(session.daily_budget()))
        return
    budget = parse_positive_int(count, what="daily budget")
    session.store().set_setting("daily_budget", str(budget))
    _out(f"Daily budget set to {budget} check-ins.")


def _send_command(session: Session) -> list[str] | None:
    """The composer's send command (setting `send_command`, a JSON argv list), if set."""
    from tui.editor import SEND_COMMAND_SETTING, SendCommandError, parse_send_command

    try:
        return parse_send_command(session.store().get_setting(SEND_COMMAND_SETTING))
    except SendCommandError as error:
        raise CliError(str(error)) from error


@config.command("send-command", context_settings={"ignore_unknown_options": True})
@click.argument("argv", nargs=-1, type=click.UNPROCESSED, metavar="[--] PROGRAM [ARGS]...")
@click.option("--clear", is_flag=True, help="Forget the send command.")
@pass_session
def config_send_command(session: Session, argv: tuple[str, ...], clear: bool) -> None:
    """Show or set the program the composer's send key (ctrl+r) runs.

    It runs without a shell, with the message on stdin; exit status 0 means sent. In ARGS,
    {to} becomes the contact's first email, {subject} the subject, {name} their name and
    {channel} the channel (also in $NURTURE_TO, $NURTURE_SUBJECT, $NURTURE_NAME,
    $NURTURE_CHANNEL). Put `--` before a PROGRAM whose own options could be mistaken for
    ours: nurture-tui config send-command -- mail -s {subject} {to}
    """
    import json
    import shlex

    from tui.editor import SEND_COMMAND_SETTING

    store = session.store()
    if clear:
        if argv:
            raise CliError("--clear takes no command")
        store.set_setting(SEND_COMMAND_SETTING, "")
        _out("Send command cleared: the composer will say how to set one.")
        return
    if not argv:
        current = _send_command(session)
        _out(safe_text(shlex.join(current)) if current else "not set")
        return
    if not argv[0].strip():
        raise CliError("the program name is empty")
    store.set_setting(SEND_COMMAND_SETTING, json.dumps(list(argv), ensure_ascii=False))
    _out(f"Send command set: {safe_text(shlex.join(argv))}")


@config.command("show")
@json_option
@pass_session
def config_show(session: Session, as_json: bool) -> None:
    """Show every setting and where the database is."""
    import shlex

    problem = ""
    try:
        send_command = _send_command(session)
    except CliError as error:  # shown, not fatal: `show` is how one finds out
        send_command, problem = None, error.message
    settings: dict[str, Any] = {
        "db": str(session.db_path()),
        "daily_budget": session.daily_budget(),
        "send_command": send_command,
    }
    if as_json:
        if problem:
            settings["send_command_problem"] = problem
        _json_out(settings)
        return
    settings["send_command"] = (
        shlex.join(send_command)
        if send_command
        else (f"unusable: {problem}" if problem else "not set")
    )
    for key, value in settings.items():
        _out(f"{key}: {safe_text(value)}")


@cli.command()
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--contacts", default=150, show_default=True, type=click.IntRange(min=1))
@click.option("--interactions", type=click.IntRange(min=0), help="Default: about two years' worth.")
@click.option("--seed", default=7, show_default=True, type=int)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@pass_session
def demo(
    session: Session,
    out_path: Path,
    contacts: int,
    interactions: int | None,
    seed: int,
    force: bool,
) -> None:
    """Write a realistic demo network to a new database file (for trying and benchmarks)."""
    if out_path.exists():
        if not force:
            raise CliError(f"{out_path} exists; use --force to replace it")
        _remove_db(out_path)
    from data.demo import write_demo

    write_demo(out_path, session.today, contacts=contacts, interactions=interactions, seed=seed)
    _out(f"Wrote a demo network of {contacts} people to {out_path}")
    _out(f"try: {PROG} --db {out_path} --today {session.today.isoformat()} due")


# Files in and out, insights, the health check and providing value live in their own
# modules; importing them registers their commands.
from tui import cli_doctor, cli_interchange, cli_stats, cli_value  # noqa: E402, F401
