"""The schema, built and upgraded by numbered migrations keyed on `PRAGMA user_version`.

Migration N (1-based) is `MIGRATIONS[N - 1]`; each runs in its own transaction together with
the bump of `user_version`, so a crash leaves the file at a whole version. Never edit a
released migration: append a new one.

Conventions: dates are ISO text `YYYY-MM-DD`; instants are ISO-8601 text in UTC with an
offset (`2026-11-26T10:00:00+00:00`) so they sort lexically; tuple fields are JSON arrays.
`contacts.cadence_days` and `contacts.next_due_on` are derived by `core.cadence` on every
write and stored only so the agenda can use an index; `contacts.name_key` is the casefolded
display name, core's tie-break, so the index also yields equally late contacts in core's
order. `archived` ends the check-in index only to make the due count a covering-index read.

`search_index` is one FTS5 table over three sources; its rowid encodes the source so a
trigger can replace a row by rowid: contact names `id*4`, notes `id*4+1`, interaction
summaries `id*4+2`.
"""

from __future__ import annotations

import sqlite3

SEARCH_CONTACT = 0
SEARCH_NOTE = 1
SEARCH_INTERACTION = 2
SEARCH_STRIDE = 4

_V1 = """
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    nickname TEXT NOT NULL DEFAULT '',
    emails TEXT NOT NULL DEFAULT '[]',
    phones TEXT NOT NULL DEFAULT '[]',
    handles TEXT NOT NULL DEFAULT '[]',
    company TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    timezone TEXT,
    circle TEXT NOT NULL,
    cadence_override_days INTEGER,
    tags TEXT NOT NULL DEFAULT '[]',
    interests TEXT NOT NULL DEFAULT '[]',
    offers TEXT NOT NULL DEFAULT '[]',
    needs TEXT NOT NULL DEFAULT '[]',
    how_met TEXT NOT NULL DEFAULT '',
    preferred_channel TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    created_on TEXT,
    first_due_on TEXT,
    last_touch_at TEXT,
    last_outbound_at TEXT,
    awaiting_reply_since TEXT,
    snoozed_until TEXT,
    skipped_on TEXT,
    cadence_days INTEGER NOT NULL,
    next_due_on TEXT NOT NULL,
    name_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_checkins ON contacts (cadence_days, circle, next_due_on, name_key, archived)
    WHERE archived = 0;
CREATE INDEX contacts_due ON contacts (next_due_on, cadence_days, circle) WHERE archived = 0;
CREATE INDEX contacts_reply_owed ON contacts (awaiting_reply_since)
    WHERE awaiting_reply_since IS NOT NULL AND archived = 0;

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    topics TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX interactions_contact_time ON interactions (contact_id, occurred_at);

CREATE TABLE important_dates (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day INTEGER CHECK (day BETWEEN 1 AND 31),
    weekday INTEGER CHECK (weekday BETWEEN 0 AND 6),
    nth INTEGER CHECK (nth BETWEEN 1 AND 5 OR nth = -1),
    year INTEGER,
    label TEXT NOT NULL DEFAULT '',
    remind_days_ahead INTEGER,
    celebrated_on TEXT
);
CREATE INDEX important_dates_month_day ON important_dates (month, day);
CREATE INDEX important_dates_relative ON important_dates (month) WHERE day IS NULL;
CREATE INDEX important_dates_contact ON important_dates (contact_id);

CREATE TABLE life_events (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    acknowledged_on TEXT
);
CREATE INDEX life_events_open ON life_events (occurred_on) WHERE acknowledged_on IS NULL;
CREATE INDEX life_events_contact ON life_events (contact_id);

CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    due_on TEXT,
    created_on TEXT,
    done_on TEXT
);
CREATE INDEX commitments_open ON commitments (due_on) WHERE done_on IS NULL;
CREATE INDEX commitments_contact ON commitments (contact_id);

CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_on TEXT,
    asked_on TEXT
);
CREATE INDEX questions_contact ON questions (contact_id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT
);
CREATE INDEX notes_contact ON notes (contact_id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE undo_log (
    id INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    payload TEXT NOT NULL
);

CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    contact_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_index (rowid, body, contact_id) VALUES (
        new.id * 4,
        new.display_name || ' ' || new.given_name || ' ' || new.family_name
            || ' ' || new.nickname || ' ' || new.company,
        new.id
    );
END;
CREATE TRIGGER contacts_search_update
AFTER UPDATE OF display_name, given_name, family_name, nickname, company ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4;
    INSERT INTO search_index (rowid, body, contact_id) VALUES (
        new.id * 4,
        new.display_name || ' ' || new.given_name || ' ' || new.family_name
            || ' ' || new.nickname || ' ' || new.company,
        new.id
    );
END;
CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4;
END;

CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_index (rowid, body, contact_id)
    VALUES (new.id * 4 + 1, new.body, new.contact_id);
END;
CREATE TRIGGER notes_search_update AFTER UPDATE OF body, contact_id ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
    INSERT INTO search_index (rowid, body, contact_id)
    VALUES (new.id * 4 + 1, new.body, new.contact_id);
END;
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER interactions_search_insert AFTER INSERT ON interactions
WHEN new.summary != '' BEGIN
    INSERT INTO search_index (rowid, body, contact_id)
    VALUES (new.id * 4 + 2, new.summary, new.contact_id);
END;
CREATE TRIGGER interactions_search_update AFTER UPDATE OF summary, contact_id ON interactions
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
    INSERT INTO search_index (rowid, body, contact_id)
    SELECT new.id * 4 + 2, new.summary, new.contact_id WHERE new.summary != '';
END;
CREATE TRIGGER interactions_search_delete AFTER DELETE ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
END;
"""

# Drafts: one per contact, written on every pause in typing and on SIGHUP.
_V2 = """
CREATE TABLE drafts (
    contact_id INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    channel TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    item_kind TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
"""

# Undo is per session: with two logins on one file, `u` in one must never take back what the
# other just did. '' is the command line's session (each command is its own process).
_V3 = """
ALTER TABLE undo_log ADD COLUMN session TEXT NOT NULL DEFAULT '';
CREATE INDEX undo_log_session ON undo_log (session, id);
"""

# Providing value: a library of shareables, who got which (once each), and introductions
# (one per pair of people, either way round; a person is never introduced to themselves).
_V4 = """
CREATE TABLE shareables (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    topics TEXT NOT NULL DEFAULT '[]',
    added_on TEXT
);
CREATE UNIQUE INDEX shareables_url ON shareables (url);

CREATE TABLE shares (
    id INTEGER PRIMARY KEY,
    shareable_id INTEGER NOT NULL REFERENCES shareables (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    shared_on TEXT NOT NULL
);
CREATE UNIQUE INDEX shares_once ON shares (contact_id, shareable_id);
CREATE INDEX shares_shareable ON shares (shareable_id);

CREATE TABLE introductions (
    id INTEGER PRIMARY KEY,
    a_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    b_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'proposed',
    created_on TEXT,
    updated_on TEXT,
    follow_up_on TEXT,
    CHECK (a_id != b_id)
);
CREATE UNIQUE INDEX introductions_pair ON introductions (min(a_id, b_id), max(a_id, b_id));
CREATE INDEX introductions_b ON introductions (b_id);
CREATE INDEX introductions_follow_up ON introductions (follow_up_on) WHERE status = 'made';
"""

# Version 5: who needs or offers what, in each worded list, lowest ids first, without reading
# the contacts table. The agenda's daily intro suggestion reads only the first few people per
# list (see ValueStore._first_in_line); scanning and sorting every contact for them held
# ~2 MiB and took a second at 100,000 people.
_V5 = """
CREATE INDEX contacts_needs ON contacts (needs) WHERE archived = 0 AND needs != '[]';
CREATE INDEX contacts_offers ON contacts (offers) WHERE archived = 0 AND offers != '[]';
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)
LATEST_VERSION = len(MIGRATIONS)

# Rebuilds the search index from the source tables (after a bulk load with triggers off).
# Separate statements, run one by one inside the caller's transaction: executescript()
# would commit it halfway.
REBUILD_SEARCH_SQL: tuple[str, ...] = (
    "DELETE FROM search_index",
    """INSERT INTO search_index (rowid, body, contact_id)
    SELECT id * 4,
           display_name || ' ' || given_name || ' ' || family_name
               || ' ' || nickname || ' ' || company, id
    FROM contacts""",
    """INSERT INTO search_index (rowid, body, contact_id)
    SELECT id * 4 + 1, body, contact_id FROM notes""",
    """INSERT INTO search_index (rowid, body, contact_id)
    SELECT id * 4 + 2, summary, contact_id FROM interactions WHERE summary != ''""",
)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new one)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the file's version, each in one transaction.

    The script carries its own BEGIN/COMMIT (executescript() commits whatever is open
    first), so a failure or a crash leaves the file at the previous whole version.
    """
    for version in range(user_version(conn) + 1, LATEST_VERSION + 1):
        try:
            conn.executescript(
                f"BEGIN;\n{MIGRATIONS[version - 1]}\nPRAGMA user_version = {version:d};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
    return user_version(conn)
