"""Persistence for providing value: the shareables library, shares sent, introductions.

`ValueStore` wraps an open `Store` (same connection, same lock, same undo history) and returns
`core` objects. `core.value` decides what fits whom; this module only finds the candidates and
writes what happened. Sending a share and moving an introduction on log interactions through
the Store, and each action stays one undoable step.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pendulum import Date, DateTime

from core import value
from core.agenda import Agenda
from core.models import (
    Channel,
    Contact,
    Direction,
    Interaction,
    InteractionKind,
    Introduction,
    IntroStatus,
    Share,
    Shareable,
)
from data import codec
from data.store import NotFound, Store

SHAREABLE_COLUMNS: tuple[str, ...] = ("id", "title", "url", "note", "topics", "added_on")
SHARE_COLUMNS: tuple[str, ...] = ("id", "shareable_id", "contact_id", "shared_on")
INTRO_COLUMNS: tuple[str, ...] = (
    "id",
    "a_id",
    "b_id",
    "reason",
    "status",
    "created_on",
    "updated_on",
    "follow_up_on",
)
SHAREABLE_SQL = codec.select_list(SHAREABLE_COLUMNS)
SHARE_SQL = codec.select_list(SHARE_COLUMNS)
INTRO_SQL = codec.select_list(INTRO_COLUMNS)
_STATUSES = {status.value: status for status in IntroStatus}

# For each distinct list in `{column}` (needs or offers) of active people, as stored, its
# `:window` lowest ids (comma-separated): skip-scanning the list's partial index (migration
# 5), one seek per list to find the next and one to read its first ids, never a scan.
FIRST_IN_LINE_SQL = """
WITH RECURSIVE lists(list) AS (
    SELECT (SELECT {column} FROM contacts INDEXED BY contacts_{column}
            WHERE archived = 0 AND {column} != '[]' ORDER BY {column} LIMIT 1)
    UNION ALL
    SELECT (SELECT {column} FROM contacts INDEXED BY contacts_{column}
            WHERE archived = 0 AND {column} != '[]' AND {column} > lists.list
            ORDER BY {column} LIMIT 1)
    FROM lists WHERE list IS NOT NULL
)
SELECT list, (
    SELECT group_concat(id) FROM (
        SELECT id FROM contacts INDEXED BY contacts_{column}
        WHERE archived = 0 AND {column} != '[]' AND {column} = lists.list
        ORDER BY id LIMIT :window))
FROM lists WHERE list IS NOT NULL
"""


class DuplicateError(ValueError):
    """The thing is already there (same URL, same pair, same share)."""


# --- rows ----------------------------------------------------------------------------------


def shareable_values(shareable: Shareable) -> tuple[codec.Value, ...]:
    return (
        shareable.id,
        shareable.title,
        shareable.url,
        shareable.note,
        codec.strings_json(shareable.topics),
        codec.date_text(shareable.added_on),
    )


def shareable_from_row(row: Sequence[Any]) -> Shareable:
    shareable_id, title, url, note, topics, added_on = row
    return Shareable(
        id=shareable_id,
        title=title,
        url=url,
        note=note,
        topics=codec.parse_strings(topics),
        added_on=codec.parse_date(added_on),
    )


def share_from_row(row: Sequence[Any]) -> Share:
    share_id, shareable_id, contact_id, shared_on = row
    shared = codec.parse_date(shared_on)
    assert shared is not None  # NOT NULL column
    return Share(id=share_id, shareable_id=shareable_id, contact_id=contact_id, shared_on=shared)


def intro_values(intro: Introduction) -> tuple[codec.Value, ...]:
    return (
        intro.id,
        intro.a_id,
        intro.b_id,
        intro.reason,
        intro.status.value,
        codec.date_text(intro.created_on),
        codec.date_text(intro.updated_on),
        codec.date_text(intro.follow_up_on),
    )


def intro_from_row(row: Sequence[Any]) -> Introduction:
    intro_id, a_id, b_id, reason, status, created_on, updated_on, follow_up_on = row
    return Introduction(
        id=intro_id,
        a_id=a_id,
        b_id=b_id,
        reason=reason,
        status=_STATUSES.get(status, IntroStatus.PROPOSED),
        created_on=codec.parse_date(created_on),
        updated_on=codec.parse_date(updated_on),
        follow_up_on=codec.parse_date(follow_up_on),
    )


@dataclass(frozen=True)
class IntroView:
    """An introduction with both people, for listing and drafting."""

    intro: Introduction
    a: Contact
    b: Contact

    @property
    def next_step(self) -> str:
        return value.next_step_words(self.intro, self.a.display_name, self.b.display_name)


@dataclass(frozen=True)
class Advanced:
    """An introduction moved one step, and the message that step needs."""

    view: IntroView
    draft: value.IntroDraft


@dataclass(frozen=True)
class ValueExtras:
    """What the agenda adds to a day: shares and introductions that fit, follow-ups due."""

    share_matches: tuple[value.ShareMatch, ...] = ()
    intro_suggestions: tuple[value.IntroSuggestion, ...] = ()
    follow_ups: tuple[IntroView, ...] = ()
    given_today: int = 0  # shares sent and introductions proposed today

    def apply(self, agenda: Agenda) -> Agenda:
        """The agenda with these rows added (at most a few suggestions; see core.value)."""
        return value.with_value_items(
            agenda,
            share_matches=self.share_matches,
            intro_suggestions=self.intro_suggestions,
            follow_ups=[(view.intro, view.a, view.b) for view in self.follow_ups],
            given_today=self.given_today,
        )


@contextlib.contextmanager
def own_connection(store: Store) -> Iterator[ValueStore]:
    """A ValueStore on a connection of its own to `store`'s file, for a worker thread: its
    reads never wait for (or hold up) the screen's."""
    own = Store.open(store.path, create=False, zone=store.zone)
    # The same page cache as the connection it stands in for (the app keeps it small).
    with store._lock:
        cache_size = int(store.conn.execute("PRAGMA cache_size").fetchone()[0])
    own.conn.execute(f"PRAGMA cache_size = {cache_size:d}")
    try:
        yield ValueStore(own)
    finally:
        own.close()


def read_value_extras(store: Store, today: Date, *, daily_budget: int) -> ValueExtras:
    """`ValueStore.extras`, safe to call from a worker thread."""
    with own_connection(store) as values:
        return values.extras(today, daily_budget=daily_budget)


def read_intro_suggestions(store: Store, *, limit: int) -> tuple[value.IntroSuggestion, ...]:
    """`ValueStore.intro_suggestions`, safe to call from a worker thread."""
    with own_connection(store) as values:
        return values.intro_suggestions(limit=limit)


@dataclass(frozen=True)
class ImportResult:
    """What a list of links added to the library, and what it skipped as already there."""

    added: tuple[Shareable, ...]
    skipped: tuple[str, ...]


class ValueStore:
    """Shareables, shares and introductions in the Store's database."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        with self.store._lock:
            bound = params if isinstance(params, dict) else tuple(params)
            rows: list[tuple[Any, ...]] = self.conn.execute(sql, bound).fetchall()
            return rows

    def _insert(self, table: str, columns: Sequence[str], values: Sequence[Any]) -> int:
        names = [name for name in columns if name != "id"]
        row = [item for name, item in zip(columns, values, strict=True) if name != "id"]
        marks = ", ".join("?" * len(names))
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", row
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @contextlib.contextmanager
    def _one_undo(self, description: str) -> Iterator[dict[str, dict[str, list[Any]]]]:
        """One write transaction that undo takes back as one action.

        Yields the payload to fill (`inserted` ids, `restore` rows); undo records the Store
        writes inside (logging interactions) are folded into it, keeping each row's earliest
        snapshot so undo restores the state before the whole action.
        """
        payload: dict[str, dict[str, list[Any]]] = {"inserted": {}, "restore": {}}
        with self.store.writing():
            start = self.conn.execute("SELECT coalesce(max(id), 0) FROM undo_log").fetchone()[0]
            yield payload
            inner = self.conn.execute(
                "SELECT payload FROM undo_log WHERE id > ? ORDER BY id", (start,)
            ).fetchall()
            self.conn.execute("DELETE FROM undo_log WHERE id > ?", (start,))
            inserted: dict[str, list[int]] = {}
            restore: dict[str, list[dict[str, Any]]] = {}
            seen: set[tuple[str, int]] = set()
            for (text,) in inner:
                part = json.loads(text)
                for table, ids in part.get("inserted", {}).items():
                    inserted.setdefault(table, []).extend(ids)
                for table, rows in part.get("restore", {}).items():
                    for row in rows:
                        if (table, row["id"]) not in seen:
                            seen.add((table, row["id"]))
                            restore.setdefault(table, []).append(row)
            for table, ids in payload["inserted"].items():
                inserted.setdefault(table, []).extend(ids)
            for table, rows in payload["restore"].items():
                for row in rows:
                    if (table, row["id"]) not in seen:
                        seen.add((table, row["id"]))
                        restore.setdefault(table, []).append(row)
            if any(inserted.values()) or any(restore.values()):
                self.store._log_undo(description, inserted=inserted, restore=restore)

    # --- the library ------------------------------------------------------------------
    def has_shareables(self) -> bool:
        """Whether the library holds anything (so there are shares to match at all)."""
        return bool(self._rows("SELECT EXISTS (SELECT 1 FROM shareables)")[0][0])

    def list_shareables(self) -> list[Shareable]:
        """The whole library, newest first."""
        return [
            shareable_from_row(row)
            for row in self._rows(
                f"SELECT {SHAREABLE_SQL} FROM shareables ORDER BY added_on DESC, id DESC"
            )
        ]

    def get_shareable(self, shareable_id: int) -> Shareable:
        rows = self._rows(f"SELECT {SHAREABLE_SQL} FROM shareables WHERE id = ?", (shareable_id,))
        if not rows:
            raise NotFound(f"no shareable with id {shareable_id}")
        return shareable_from_row(rows[0])

    def find_by_url(self, url: str) -> Shareable | None:
        rows = self._rows(f"SELECT {SHAREABLE_SQL} FROM shareables WHERE url = ?", (url.strip(),))
        return shareable_from_row(rows[0]) if rows else None

    def add_shareable(self, shareable: Shareable, *, today: Date) -> Shareable:
        """Put one item in the library (DuplicateError when its URL is already there)."""
        result = self.add_shareables([shareable], today=today)
        if not result.added:
            known = self.find_by_url(shareable.url)
            which = f" (#{known.id} {known.title})" if known is not None else ""
            raise DuplicateError(f"{shareable.url} is already in the library{which}")
        return result.added[0]

    def add_shareables(self, shareables: Iterable[Shareable], *, today: Date) -> ImportResult:
        """Add items in one transaction, skipping URLs already in the library (or repeated)."""
        added: list[Shareable] = []
        skipped: list[str] = []
        items = list(shareables)
        if not items:
            return ImportResult((), ())
        with self._one_undo(
            f"added {len(items)} shareables" if len(items) > 1 else f"added {items[0].title}"
        ) as undo:
            for shareable in items:
                url = shareable.url.strip()
                title = " ".join(shareable.title.split()) or url
                exists = self.conn.execute(
                    "SELECT 1 FROM shareables WHERE url = ?", (url,)
                ).fetchone()
                if exists is not None:
                    skipped.append(url)
                    continue
                clean = replace(
                    shareable,
                    url=url,
                    title=title,
                    note=" ".join(shareable.note.split()),
                    topics=value.clean_topics(shareable.topics),
                    added_on=shareable.added_on or today,
                )
                new_id = self._insert("shareables", SHAREABLE_COLUMNS, shareable_values(clean))
                added.append(replace(clean, id=new_id))
            undo["inserted"]["shareables"] = [item.id for item in added]
        return ImportResult(tuple(added), tuple(skipped))

    def update_shareable(self, shareable: Shareable) -> Shareable:
        """Save an item's title, note and topics (its URL too, unless another item has it)."""
        before = self.get_shareable(shareable.id)
        clean = replace(
            shareable,
            url=shareable.url.strip(),
            title=" ".join(shareable.title.split()) or shareable.url.strip(),
            note=" ".join(shareable.note.split()),
            topics=value.clean_topics(shareable.topics),
        )
        try:
            with self._one_undo(f"edited {before.title}") as undo:
                self.conn.execute(
                    "UPDATE shareables SET title = ?, url = ?, note = ?, topics = ? WHERE id = ?",
                    (
                        clean.title,
                        clean.url,
                        clean.note,
                        codec.strings_json(clean.topics),
                        clean.id,
                    ),
                )
                undo["restore"]["shareables"] = [
                    codec.row_dict(SHAREABLE_COLUMNS, shareable_values(before))
                ]
        except sqlite3.IntegrityError:
            raise DuplicateError(f"{clean.url} is already in the library") from None
        return clean

    # --- shares -----------------------------------------------------------------------
    def shares(self) -> list[Share]:
        return [share_from_row(row) for row in self._rows(f"SELECT {SHARE_SQL} FROM shares")]

    def shares_for(self, contact_id: int) -> list[Share]:
        return [
            share_from_row(row)
            for row in self._rows(
                f"SELECT {SHARE_SQL} FROM shares WHERE contact_id = ? ORDER BY shared_on, id",
                (contact_id,),
            )
        ]

    def recipients(self, shareable_id: int) -> list[tuple[Contact, Date]]:
        """Who got an item, and when, earliest first."""
        rows = self._rows(
            "SELECT contact_id, shared_on FROM shares WHERE shareable_id = ?"
            " ORDER BY shared_on, id",
            (shareable_id,),
        )
        people = self._contacts([row[0] for row in rows], include_archived=True)
        return [
            (people[contact_id], Date.fromisoformat(day))
            for contact_id, day in rows
            if contact_id in people
        ]

    def record_share(
        self,
        shareable_id: int,
        contact_id: int,
        *,
        now: DateTime,
        today: Date,
        channel: Channel = Channel.OTHER,
        log: bool = True,
    ) -> Share:
        """Record that a person got an item; with `log`, also log the touch (kind share).

        DuplicateError when they already got it. One undoable action.
        """
        shareable = self.get_shareable(shareable_id)
        contact = self.store.get_contact(contact_id)
        with self._one_undo(f"shared {shareable.title} with {contact.display_name}") as undo:
            known = self.conn.execute(
                "SELECT shared_on FROM shares WHERE contact_id = ? AND shareable_id = ?",
                (contact_id, shareable_id),
            ).fetchone()
            if known is not None:
                raise DuplicateError(
                    f"{contact.display_name} already got {shareable.title} (on {known[0]})"
                )
            share = Share(id=0, shareable_id=shareable_id, contact_id=contact_id, shared_on=today)
            share_id = self._insert(
                "shares",
                SHARE_COLUMNS,
                (0, shareable_id, contact_id, codec.date_text(today)),
            )
            undo["inserted"]["shares"] = [share_id]
            if log:
                self.store.log_interaction(
                    Interaction(
                        id=0,
                        contact_id=contact_id,
                        occurred_at=now,
                        channel=channel,
                        direction=Direction.OUTBOUND,
                        kind=InteractionKind.SHARE,
                        summary=f"shared: {shareable.title}",
                        topics=shareable.topics,
                    ),
                    today=today,
                )
        return replace(share, id=share_id)

    # --- matching ---------------------------------------------------------------------
    def _contacts(
        self, ids: Iterable[int], *, include_archived: bool = False
    ) -> dict[int, Contact]:
        return self.store._contacts_by_ids(ids, include_archived=include_archived)

    def _people_with(self, first: str, second: str) -> list[Contact]:
        """Active contacts with something in either of two JSON-list columns (interests and
        tags, or needs and offers), read light: only the id, name and those two lists are
        filled, since matching needs no more and a whole row costs ten times as much to
        read. `_whole` gives the full records of the few that are chosen."""
        sql = (
            f"SELECT id, display_name, {first}, {second} FROM contacts"
            f" WHERE archived = 0 AND ({first} != '[]' OR {second} != '[]')"
        )
        # Many people share a list ("beta testers"): each distinct one is parsed once and
        # shared, which at 10,000 people halves what this read holds.
        parsed: dict[str, tuple[str, ...]] = {}

        def parse(text: str) -> tuple[str, ...]:
            found = parsed.get(text)
            if found is None:
                found = parsed[text] = codec.parse_strings(text)
            return found

        with self.store._lock:
            rows = self.conn.execute(sql)
            if (first, second) == ("interests", "tags"):
                return [
                    Contact(id=row_id, display_name=name, interests=parse(one), tags=parse(two))
                    for row_id, name, one, two in rows
                ]
            if (first, second) == ("needs", "offers"):
                return [
                    Contact(id=row_id, display_name=name, needs=parse(one), offers=parse(two))
                    for row_id, name, one, two in rows
                ]
        raise ValueError(f"no light read for {first} and {second}")

    def _first_in_line(self, window: int) -> list[Contact]:
        """The people who can make the best pair: for each need and offer, as worded, the
        `window` lowest ids that have it, with only those needs and offers filled.

        `core.value.suggest_introductions` ranks equally good pairs by id and, for its first
        `limit` pairs, looks only at the lowest 2 * (limit + introductions on record) + 2 ids
        of each group of like needs or offers; the lowest ids of a group are among the lowest
        of its wordings, and those among the lowest ids of each list that holds the wording.
        The lists' own indexes (migration 5) give those straight away (FIRST_IN_LINE_SQL):
        the agenda's one suggestion a day takes ~2 ms at 100,000 people and sorts nothing.
        """
        holders: dict[tuple[str, str], set[int]] = {}
        for field, column in (("need", "needs"), ("offer", "offers")):
            sql = FIRST_IN_LINE_SQL.format(column=column)
            for text, ids in self._rows(sql, {"window": window}):
                for phrase in codec.parse_strings(text):
                    holders.setdefault((field, phrase), set()).update(map(int, ids.split(",")))
        lists: dict[int, tuple[list[str], list[str]]] = {}
        for (field, phrase), ids in holders.items():
            for row_id in sorted(ids)[:window]:
                needs, offers = lists.setdefault(row_id, ([], []))
                (needs if field == "need" else offers).append(phrase)
        return [
            Contact(id=row_id, display_name="", needs=tuple(needs), offers=tuple(offers))
            for row_id, (needs, offers) in sorted(lists.items())
        ]

    def _whole(self, contacts: Iterable[Contact]) -> dict[int, Contact]:
        """The full records of (lightly read) contacts, by id."""
        return self._contacts([contact.id for contact in contacts], include_archived=True)

    def _whole_matches(self, matches: tuple[value.ShareMatch, ...]) -> tuple[value.ShareMatch, ...]:
        whole = self._whole(match.contact for match in matches)
        return tuple(replace(match, contact=whole[match.contact.id]) for match in matches)

    def people_with_topics(self) -> list[Contact]:
        """Active contacts with interests or tags, everyone a shareable could fit, read light
        (id, name, interests and tags only): for matching, not for showing a record."""
        return self._people_with("interests", "tags")

    def share_suggestions(
        self, today: Date, *, per_contact: int | None = 1, limit: int | None = None
    ) -> tuple[value.ShareMatch, ...]:
        """What to share with whom across the network, best first (see core.value)."""
        library = self.list_shareables()
        if not library:
            return ()
        matches = value.suggest_shares(
            self._people_with("interests", "tags"),
            library,
            self.shares(),
            today=today,
            per_contact=per_contact,
            limit=limit,
        )
        return self._whole_matches(matches)

    def matches_for(
        self, contact: Contact, today: Date, *, limit: int | None = None
    ) -> tuple[value.ShareMatch, ...]:
        """The library items that fit one person, best first, never one they got."""
        library = self.list_shareables()
        if not library:
            return ()
        return value.matches_for_contact(
            contact, library, self.shares_for(contact.id), today=today, limit=limit
        )

    def fits_for(self, shareable: Shareable, today: Date) -> tuple[value.ShareMatch, ...]:
        """Who one item fits, best first, leaving out those who got it."""
        matches = value.suggest_shares(
            self._people_with("interests", "tags"),
            [shareable],
            [share for share in self.shares() if share.shareable_id == shareable.id],
            today=today,
        )
        return self._whole_matches(matches)

    # --- introductions ----------------------------------------------------------------
    def _intro_row(self, intro_id: int) -> tuple[Any, ...]:
        rows = self._rows(f"SELECT {INTRO_SQL} FROM introductions WHERE id = ?", (intro_id,))
        if not rows:
            raise NotFound(f"no introduction with id {intro_id}")
        return rows[0]

    def get_intro(self, intro_id: int) -> IntroView:
        intro = intro_from_row(self._intro_row(intro_id))
        return self._views([intro])[0]

    def _views(self, intros: Sequence[Introduction]) -> list[IntroView]:
        people = self._contacts(
            [person for intro in intros for person in (intro.a_id, intro.b_id)],
            include_archived=True,
        )
        return [
            IntroView(intro, people[intro.a_id], people[intro.b_id])
            for intro in intros
            if intro.a_id in people and intro.b_id in people
        ]

    def introductions(self) -> list[IntroView]:
        """Every introduction, in flow order (proposed first), then oldest first."""
        intros = [
            intro_from_row(row)
            for row in self._rows(f"SELECT {INTRO_SQL} FROM introductions ORDER BY id")
        ]
        order = {status: index for index, status in enumerate(value.INTRO_FLOW)}
        intros.sort(key=lambda intro: (order[intro.status], intro.id))
        return self._views(intros)

    def introductions_of(self, contact_id: int) -> list[IntroView]:
        return [
            view
            for view in self.introductions()
            if contact_id in (view.intro.a_id, view.intro.b_id)
        ]

    def propose_intro(self, a_id: int, b_id: int, reason: str, *, today: Date) -> IntroView:
        """Record a proposed introduction of A to B.

        ValueError for a person with themselves, DuplicateError when the pair (either way
        round) already has one.
        """
        if a_id == b_id:
            raise ValueError("an introduction needs two different people")
        a, b = self.store.get_contact(a_id), self.store.get_contact(b_id)
        low, high = value.pair_key(a_id, b_id)
        intro = Introduction(
            id=0,
            a_id=a_id,
            b_id=b_id,
            reason=" ".join(reason.split()),
            status=IntroStatus.PROPOSED,
            created_on=today,
            updated_on=today,
        )
        with self._one_undo(f"proposed introducing {a.display_name} to {b.display_name}") as undo:
            known = self.conn.execute(
                "SELECT id, status FROM introductions"
                " WHERE min(a_id, b_id) = ? AND max(a_id, b_id) = ?",
                (low, high),
            ).fetchone()
            if known is not None:
                raise DuplicateError(
                    f"{a.display_name} and {b.display_name} already have an introduction"
                    f" (#{known[0]}, {known[1]})"
                )
            new_id = self._insert("introductions", INTRO_COLUMNS, intro_values(intro))
            undo["inserted"]["introductions"] = [new_id]
        return IntroView(replace(intro, id=new_id), a, b)

    def advance_intro(self, intro_id: int, *, today: Date, now: DateTime) -> Advanced:
        """Move an introduction one step and draft that step's message.

        Making it logs an interaction of kind intro with both people; the follow-up logs a
        check-in with A. ValueError once it is followed up. One undoable action.
        """
        view = self.get_intro(intro_id)
        moved = value.advance_intro(view.intro, today)
        a, b = view.a, view.b
        with self._one_undo(
            f"introduction of {a.display_name} and {b.display_name}: {moved.status.value}"
        ) as undo:
            before = self._intro_row(intro_id)
            self.conn.execute(
                "UPDATE introductions SET status = ?, updated_on = ?, follow_up_on = ?"
                " WHERE id = ?",
                (
                    moved.status.value,
                    codec.date_text(moved.updated_on),
                    codec.date_text(moved.follow_up_on),
                    intro_id,
                ),
            )
            undo["restore"]["introductions"] = [codec.row_dict(INTRO_COLUMNS, before)]

            def log(person: Contact, kind: InteractionKind, summary: str) -> None:
                touch = Interaction(
                    id=0,
                    contact_id=person.id,
                    occurred_at=now,
                    channel=person.preferred_channel,
                    direction=Direction.OUTBOUND,
                    kind=kind,
                    summary=summary,
                )
                self.store.log_interaction(touch, today=today)

            if moved.status is IntroStatus.MADE:
                for person, other in ((a, b), (b, a)):
                    log(person, InteractionKind.INTRO, f"introduced to {other.display_name}")
            elif moved.status is IntroStatus.FOLLOWED_UP:
                log(a, InteractionKind.CHECK_IN, f"followed up on the intro to {b.display_name}")
        fresh = IntroView(moved, self.store.get_contact(a.id), self.store.get_contact(b.id))
        return Advanced(fresh, value.intro_draft(moved, a, b, moved.status))

    def intro_suggestions(
        self, *, limit: int | None = None, involving: int | None = None
    ) -> tuple[value.IntroSuggestion, ...]:
        """Pairs worth introducing, best first (see core.value); with `involving`, only
        pairs with that person in them."""
        intros = [
            intro_from_row(row) for row in self._rows(f"SELECT {INTRO_SQL} FROM introductions")
        ]
        if limit == 1 and involving is None:
            people = self._first_in_line(window=2 * (limit + len(intros)) + 2)
        else:
            people = self._people_with("needs", "offers")
        if not people:
            return ()
        if limit is None or involving is not None:
            found = value.suggest_introductions(people, intros, limit=limit, involving=involving)
        else:
            found = value.spread_introductions(people, intros, limit)
        whole = self._whole(
            person for suggestion in found for person in (suggestion.needer, suggestion.offerer)
        )
        return tuple(
            replace(
                suggestion, needer=whole[suggestion.needer.id], offerer=whole[suggestion.offerer.id]
            )
            for suggestion in found
        )

    def follow_ups_due(self, today: Date) -> list[IntroView]:
        """Made introductions whose follow-up day has come."""
        intros = [
            intro_from_row(row)
            for row in self._rows(
                f"SELECT {INTRO_SQL} FROM introductions"
                " WHERE status = 'made' AND follow_up_on <= ? ORDER BY follow_up_on, id",
                (today.isoformat(),),
            )
        ]
        return self._views(intros)

    # --- the agenda and the balance ---------------------------------------------------
    def extras(self, today: Date, *, daily_budget: int = 5) -> ValueExtras:
        """What the day's agenda adds: follow-ups due and the best few chances to give."""
        day = today.isoformat()
        given_today = sum(
            int(row[0])
            for row in self._rows(
                "SELECT count(*) FROM shares WHERE shared_on = ?"
                " UNION ALL SELECT count(*) FROM introductions WHERE created_on = ?",
                (day, day),
            )
        )
        slots = value.value_slots(daily_budget, given_today)
        return ValueExtras(
            # One more share than slots: a person with an intro suggestion gets no share.
            share_matches=self.share_suggestions(today, limit=slots + 1) if slots else (),
            intro_suggestions=self.intro_suggestions(limit=1) if slots else (),
            follow_ups=tuple(self.follow_ups_due(today)),
            given_today=given_today,
        )

    def agenda(self, today: Date, *, limit: int = 50, daily_budget: int = 5) -> Agenda:
        """The Store's agenda plus introduction follow-ups due and a few chances to give."""
        agenda = self.store.agenda(today, limit=limit, daily_budget=daily_budget)
        return self.extras(today, daily_budget=daily_budget).apply(agenda)

    def balance(self, contact: Contact, today: Date) -> value.GiveAskBalance:
        """What we gave and asked of one person over the last 12 months, with a nudge."""
        since = today.subtract(months=value.BALANCE_MONTHS)
        kinds = sorted(kind.value for kind in value.BALANCE_KINDS)
        marks = ", ".join("?" * len(kinds))
        rows = self._rows(
            f"SELECT {codec.INTERACTION_SQL} FROM interactions"
            f" WHERE contact_id = ? AND occurred_at >= ? AND kind IN ({marks})",
            (contact.id, since.isoformat(), *kinds),
        )
        touches = [codec.interaction_from_row(row, self.store.zone) for row in rows]
        return value.give_ask_balance(touches, name=contact.display_name, today=today)
