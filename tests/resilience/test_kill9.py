"""SIGKILL at random moments: the file stays sound and every change is all or nothing.

Nothing runs in this process but the checks: the importer is the real `nurture-tui import`,
the triage is a real Python process using the Store, and both are killed with a real
SIGKILL (no handler, no flush, no close) at moments drawn from a seeded spread over their
run. After each kill the database is opened afresh, the way the next session would.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from data.store import Store
from tests.resilience.dbcheck import (
    check_contacts,
    check_file,
    connect,
    count_contacts,
    table_rows,
)
from tests.resilience.seed import TODAY, build_small_network, write_cards

ROOT = Path(__file__).resolve().parents[2]
NURTURE = ROOT / ".venv" / "bin" / "nurture-tui"
SEED = 20261126

IMPORT_CARDS = 5000
IMPORT_AT_KILLS = 4  # at seeded moments while it reads and plans
IMPORT_WRITE_KILLS = 9  # at seeded moments from when its write reaches the file
IMPORT_WAL_KILLS = (8 * 1024, 256 * 1024)  # at once when the write has put this much in the WAL
TRIAGE_KILLS = 15


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 5,000-card vCard 4.0 file exported from a demo network (made once per module)."""
    return write_cards(tmp_path_factory.mktemp("cards"), IMPORT_CARDS)


def wal_size(db: Path) -> int:
    try:
        return os.stat(f"{db}-wal").st_size
    except FileNotFoundError:
        return 0


# --- (a) killed while importing ----------------------------------------------------------------
@dataclass
class ImportRun:
    """One uninterrupted import, timed: when it started writing, when it was done."""

    total: float
    write_start: float
    added: int


def import_argv(db: Path, cards: Path) -> list[str]:
    return [str(NURTURE), "--db", str(db), "--today", TODAY.isoformat(), "import", str(cards)]


def calibrate(db: Path, cards: Path) -> ImportRun:
    """Run the import to the end once, watching the WAL to see when the write begins."""
    before = count_contacts(db)
    started = time.monotonic()
    process = subprocess.Popen(import_argv(db, cards), stdout=subprocess.DEVNULL)
    write_start = None
    while process.poll() is None:
        if write_start is None and wal_size(db) > 0:
            write_start = time.monotonic() - started
        time.sleep(0.002)
    total = time.monotonic() - started
    assert process.returncode == 0
    added = count_contacts(db) - before
    assert added > 0.8 * IMPORT_CARDS  # a few demo people share a name and are merged
    return ImportRun(total=total, write_start=write_start or 0.85 * total, added=added)


def kill_plans(run: ImportRun, rng: random.Random) -> list[tuple[str, float]]:
    """When to kill: (how, value), seeded, spread over reading, planning and writing.

    "at": seconds after the start, anywhere before the write. "write": seconds after the
    write first reaches the WAL, up to a little past its end (timed from the write itself,
    so a busy machine's slower planning does not shift them off it). "wal": at once when
    the WAL holds this many bytes (certainly inside the transaction).
    """
    writing = max(0.05, run.total - run.write_start)
    plans = [("at", rng.uniform(0.05, run.write_start)) for _ in range(IMPORT_AT_KILLS)]
    plans += [("write", rng.uniform(0.0, 1.3 * writing)) for _ in range(IMPORT_WRITE_KILLS)]
    plans += [("wal", float(threshold)) for threshold in IMPORT_WAL_KILLS]
    rng.shuffle(plans)
    return plans


def test_sigkill_during_import_leaves_all_or_nothing(tmp_path: Path, cards: Path) -> None:
    db = tmp_path / "network.db"
    build_small_network(db)
    before = table_rows(db)
    before_count = len(before["contacts"])

    trial = tmp_path / "trial.db"
    shutil.copyfile(db, trial)
    run = calibrate(trial, cards)
    description = f"imported {cards.name}: {run.added} added, "

    plans = kill_plans(run, random.Random(SEED))

    outcomes: Counter[str] = Counter()
    kills = 0
    for how, when in plans:
        started = time.monotonic()
        process = subprocess.Popen(
            import_argv(db, cards), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        if how == "at":
            time.sleep(max(0.0, when - (time.monotonic() - started)))
        else:
            threshold = when if how == "wal" else 1
            deadline = started + 3 * run.total + 10
            while wal_size(db) < threshold and process.poll() is None:
                assert time.monotonic() < deadline, "the import never started writing"
                time.sleep(0.0005)
            if how == "write":
                time.sleep(when)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        _, err = process.communicate(timeout=30)
        assert process.returncode in (0, -signal.SIGKILL), err
        torn_wal = wal_size(db)

        check_file(db)
        check_contacts(db)
        after = table_rows(db)
        count = len(after["contacts"])
        assert count in (before_count, before_count + run.added), (
            f"killed {how} {when:.3f}: {count - before_count} of {run.added} people imported"
        )
        if count == before_count:
            outcome = "before the write" if torn_wal == 0 else "during the write"
            assert after == before, "a kill before the commit changed the database"
        else:
            outcome = "after the commit" if process.returncode else "finished"
            # The import is one undoable action, recorded with it, naming exactly its rows.
            top = max(after["undo_log"], key=lambda row: int(row[0]))
            assert len(after["undo_log"]) == len(before["undo_log"]) + 1
            assert str(top[1]).startswith(description)
            payload = json.loads(top[2])
            new_ids = {row[0] for row in after["contacts"]} - {r[0] for r in before["contacts"]}
            assert set(payload["inserted"]["contacts"]) == new_ids
            with Store.open(db) as store:
                assert store.undo() is not None
            assert table_rows(db) == before, "undoing the import did not restore the file"
        outcomes[outcome] += 1
        print(f"kill {how} {when:.3f}: {outcome} (ran {time.monotonic() - started:.2f} s)")

    print(
        f"\nimport of {run.added} people: {run.total:.2f} s uninterrupted, writing from"
        f" {run.write_start:.2f} s; {kills} SIGKILLs; outcomes {dict(outcomes)}"
    )
    assert kills >= len(plans) // 2  # most planned moments fell inside the run
    assert outcomes["during the write"] >= len(IMPORT_WAL_KILLS)


# --- (b) killed while triaging -----------------------------------------------------------------
TRIAGE_SCRIPT = textwrap.dedent(
    """
    # One triage session: random actions on random people, each logged as it begins and
    # once it has returned (so committed). Runs until it is killed.
    import os
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, sys.argv[4])
    import pendulum
    from pendulum import Date

    from core.models import Channel, Direction, Draft, Interaction, InteractionKind
    from data.store import Store

    db, journal, run = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(run)
    today = Date(2026, 11, 26)
    noon = pendulum.datetime(2026, 11, 26, 12)
    store = Store.open(db)
    people = [contact_id for contact_id, _ in store.contact_names(include_archived=True)]
    out = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)


    def say(line):
        os.write(out, (line + "\\n").encode())


    say("ready")
    step = run * 1_000_000
    actions = ["log"] * 5 + ["snooze", "skip", "complete", "draft", "note"] + ["undo"] * 3
    while True:
        step += 1
        action = rng.choice(actions)
        person = rng.choice(people)
        if action == "log":
            say(f"begin {step} log {person}")
            store.log_interaction(
                Interaction(
                    id=0,
                    contact_id=person,
                    occurred_at=noon.subtract(minutes=rng.randrange(0, 90 * 24 * 60)),
                    channel=rng.choice(list(Channel)),
                    direction=rng.choice(list(Direction)),
                    kind=rng.choice(list(InteractionKind)),
                    summary=f"step {step}",
                ),
                today=today,
            )
        elif action == "snooze":
            say(f"begin {step} snooze {person}")
            store.snooze(person, today.add(days=rng.randint(1, 40)), today=today)
        elif action == "skip":
            say(f"begin {step} skip {person}")
            store.skip(person, today=today)
        elif action == "complete":
            open_ids = [c.id for c in store.open_commitments(person)]
            if not open_ids:
                continue
            say(f"begin {step} complete {open_ids[0]}")
            store.complete_commitment(open_ids[0], today=today)
        elif action == "draft":
            say(f"begin {step} draft {person}")
            store.save_draft(
                Draft(contact_id=person, body=f"draft step {step}", channel=Channel.EMAIL),
                now=noon,
            )
        elif action == "note":
            say(f"begin {step} note {person}")
            store.add_note(person, f"note step {step}", now=noon)
        else:
            say(f"begin {step} undo")
            store.undo()
        say(f"ok {step}")
    """
)

UNDO_KEEP = 100  # the store keeps this many undo records


@dataclass
class Expected:
    """What the database must hold after the actions the sessions finished."""

    steps: set[int] = field(default_factory=set)  # interactions "step N" not undone
    undo: list[int | None] = field(default_factory=list)  # undo records: a logged step, or not
    drafts: dict[int, str] = field(default_factory=dict)
    notes: set[str] = field(default_factory=set)

    def copy(self) -> Expected:
        return Expected(set(self.steps), list(self.undo), dict(self.drafts), set(self.notes))

    def apply(self, step: int, action: str, target: int | None) -> None:
        if action == "log":
            self.steps.add(step)
            self._push(step)
        elif action in ("snooze", "skip", "complete"):
            self._push(None)
        elif action == "draft":
            assert target is not None
            self.drafts[target] = f"draft step {step}"
        elif action == "note":
            self.notes.add(f"note step {step}")
        elif action == "undo" and self.undo:
            undone = self.undo.pop()
            if undone is not None:
                self.steps.discard(undone)

    def _push(self, entry: int | None) -> None:
        self.undo.append(entry)
        del self.undo[:-UNDO_KEEP]


def actual_state(db: Path) -> Expected:
    """The same view of the database as it is."""
    conn = connect(db)
    try:
        step_of = {
            interaction_id: int(summary.split()[1])
            for interaction_id, summary in conn.execute(
                "SELECT id, summary FROM interactions WHERE summary LIKE 'step %'"
            )
        }
        undo: list[int | None] = []
        for (payload,) in conn.execute("SELECT payload FROM undo_log ORDER BY id"):
            logged = json.loads(payload).get("inserted", {}).get("interactions", [])
            undo.append(step_of.get(logged[0]) if logged else None)
        return Expected(
            steps=set(step_of.values()),
            undo=undo,
            drafts=dict(conn.execute("SELECT contact_id, body FROM drafts")),
            notes={
                row[0] for row in conn.execute("SELECT body FROM notes WHERE body LIKE 'note %'")
            },
        )
    finally:
        conn.close()


def read_journal(path: Path) -> tuple[list[tuple[int, str, int | None]], tuple | None]:
    """The finished actions (step, action, target) and the one begun but not seen to end."""
    done: list[tuple[int, str, int | None]] = []
    begun: tuple[int, str, int | None] | None = None
    for line in path.read_text().splitlines():
        words = line.split()
        if words[0] == "begin":
            target = int(words[3]) if len(words) > 3 else None
            begun = (int(words[1]), words[2], target)
        elif words[0] == "ok":
            assert begun is not None and begun[0] == int(words[1])
            done.append(begun)
            begun = None
    return done, begun


def test_sigkill_during_triage_keeps_every_finished_action(tmp_path: Path) -> None:
    db = tmp_path / "triage.db"
    build_small_network(db)
    script = tmp_path / "triage.py"
    script.write_text(TRIAGE_SCRIPT)
    # Only undo records the sessions make carry a step; the setup's own are unknown (None).
    expected = actual_state(db)
    rng = random.Random(SEED + 1)
    finished = in_flight_landed = in_flight_lost = 0
    for run in range(1, TRIAGE_KILLS + 1):
        journal = tmp_path / f"journal-{run}.txt"
        process = subprocess.Popen(
            [sys.executable, str(script), str(db), str(journal), str(run), str(ROOT)],
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while not (journal.exists() and journal.read_text().startswith("ready")):
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "the triage session never started"
            time.sleep(0.005)
        time.sleep(rng.uniform(0.02, 0.5))
        process.send_signal(signal.SIGKILL)
        _, err = process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL, err

        check_file(db)
        check_contacts(db)
        done, begun = read_journal(journal)
        for action in done:
            expected.apply(*action)
        finished += len(done)
        actual = actual_state(db)
        if begun is None or actual == expected:
            assert actual == expected, f"run {run}: a finished action is missing"
            in_flight_lost += begun is not None
            continue
        # Killed inside an action: it either committed whole or left no trace at all.
        landed = expected.copy()
        landed.apply(*begun)
        assert actual == landed, f"run {run}: {begun} was half done, or something else was lost"
        expected = landed
        in_flight_landed += 1
    print(
        f"\ntriage: {TRIAGE_KILLS} SIGKILLs after {finished} finished actions; the action in"
        f" flight had committed {in_flight_landed} times, left no trace {in_flight_lost} times"
    )
