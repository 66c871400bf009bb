"""Store benchmark: the agenda against its floor and the naive GROUP BY; bulk insert paths.

Run on demand (not part of the test suite):

    .venv/bin/python tests/bench/bench_store.py --dir .bench-cache --sizes 10k,100k

Demo databases are built once per size and cached in --dir. Query timings are interleaved
(one of each per round) so drift in the machine's load hits all of them alike; bulk inserts
run on fresh files, also interleaved. Prints markdown tables for README.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import sqlite_utils  # noqa: E402
from pendulum import Date  # noqa: E402

from core.models import Network  # noqa: E402
from data import codec  # noqa: E402
from data.demo import GENERATOR_VERSION, generate_network  # noqa: E402
from data.store import Store  # noqa: E402

PRESETS = {"10k": (10_000, 200_000), "100k": (100_000, 1_000_000)}
TODAY = Date(2026, 11, 26)
AGENDA_TARGET_MS = 5.0
BULK_TARGET_RATIO = 3.5
INSERT_ALL_BATCH = 5000  # a large batch, as a bulk path would use

FLOOR_SQL = (
    "SELECT id, last_touch_at FROM contacts WHERE archived = 0 ORDER BY next_due_on LIMIT 50"
)
GROUP_BY_SQL = "SELECT contact_id, max(occurred_at) FROM interactions GROUP BY contact_id"


def parse_size(text: str) -> tuple[str, int, int]:
    """`10k`, `100k`, or `CONTACTSxINTERACTIONS` (e.g. `2000x40000`)."""
    if text in PRESETS:
        return (text, *PRESETS[text])
    contacts, _, interactions = text.partition("x")
    try:
        return (text, int(contacts), int(interactions))
    except ValueError:
        raise SystemExit(f"bad size {text!r}: use 10k, 100k or CONTACTSxINTERACTIONS") from None


def ensure_db(directory: Path, label: str, contacts: int, interactions: int) -> Path:
    """The cached demo database for a size, built (and timed) when missing or stale."""
    path = directory / f"demo-{contacts}x{interactions}.db"
    if path.exists():
        with Store.open(path, create=False) as store:
            if store.get_setting("demo_anchor") == TODAY.isoformat() and store.get_setting(
                "demo_generator"
            ) == str(GENERATOR_VERSION):
                return path
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    network = generate_network(TODAY, contacts=contacts, interactions=interactions)
    generated = time.perf_counter()
    with Store.open(path) as store:
        store.load_network(network)
        store.set_setting("demo_anchor", TODAY.isoformat())
        store.set_setting("demo_generator", str(GENERATOR_VERSION))
    loaded = time.perf_counter()
    print(
        f"built {label}: generate_network {generated - started:.2f} s, "
        f"load_network {loaded - generated:.2f} s ({interactions / (loaded - generated):,.0f} "
        "interactions/s incl. contacts, extras and FTS)",
        flush=True,
    )
    return path


def summarize(samples: Sequence[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def bench_queries(path: Path, reps: int, warmup: int) -> dict[str, tuple[float, float]]:
    """Median/p95 of (a) the floor, (b) the GROUP BY and (c) the whole agenda, interleaved."""
    store = Store.open(path, create=False)
    raw = sqlite3.connect(path)
    try:

        def floor() -> None:
            raw.execute(FLOOR_SQL).fetchall()

        def group_by() -> None:
            raw.execute(GROUP_BY_SQL).fetchall()

        def agenda() -> None:
            store.agenda(TODAY)

        cases: dict[str, Callable[[], None]] = {
            "floor": floor,
            "group_by": group_by,
            "agenda": agenda,
        }
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for round_number in range(warmup + reps):
            for name, run in cases.items():
                started = time.perf_counter()
                run()
                elapsed = time.perf_counter() - started
                if round_number >= warmup:
                    samples[name].append(elapsed)
        agenda_now = store.agenda(TODAY)
        print(
            f"  agenda: {len(agenda_now.items)} items, {agenda_now.checkins_due} check-ins due",
            flush=True,
        )
        return {name: summarize(values) for name, values in samples.items()}
    finally:
        raw.close()
        store.close()


def interaction_rows(network: Network) -> list[tuple[Any, ...]]:
    """The network's interactions encoded as the store stores them."""
    return [codec.interaction_values(row) for row in network.interactions]


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def fresh_db(path: Path, contact_ids: Sequence[int]) -> None:
    """A new store file with the contacts in place and no FTS triggers (as load_network)."""
    remove_db(path)
    Store.open(path).close()
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.executemany(
        "INSERT INTO contacts (id, display_name, circle, preferred_channel, cadence_days,"
        " next_due_on) VALUES (?, ?, 'active', 'email', 30, '2026-01-01')",
        ((cid, f"c{cid}") for cid in contact_ids),
    )
    conn.commit()
    conn.close()


def open_like_store(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    return conn


def insert_executemany(path: Path, rows: list[tuple[Any, ...]]) -> float:
    conn = open_like_store(path)
    marks = ", ".join("?" for _ in codec.INTERACTION_COLUMNS)
    sql = f"INSERT INTO interactions ({', '.join(codec.INTERACTION_COLUMNS)}) VALUES ({marks})"
    started = time.perf_counter()
    with conn:
        conn.executemany(sql, rows)
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def insert_all_atomic(path: Path, rows: list[tuple[Any, ...]]) -> float:
    """sqlite-utils done right: insert_all of header + tuples, big batches, in db.atomic()."""
    db = sqlite_utils.Database(open_like_store(path))

    def with_header() -> Iterator[Sequence[Any]]:
        yield list(codec.INTERACTION_COLUMNS)
        yield from rows

    started = time.perf_counter()
    with db.atomic():
        db.table("interactions").insert_all(with_header(), batch_size=INSERT_ALL_BATCH)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def insert_default(path: Path, rows: list[tuple[Any, ...]]) -> float:
    """The slow way: insert_all of dicts with the default batch, outside a transaction."""
    db = sqlite_utils.Database(open_like_store(path))
    columns = codec.INTERACTION_COLUMNS
    started = time.perf_counter()
    db.table("interactions").insert_all(dict(zip(columns, row, strict=True)) for row in rows)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def bench_bulk(directory: Path, rows_count: int, reps: int) -> dict[str, float]:
    """Median seconds of each bulk path over `reps` interleaved runs on fresh files.

    (d), (e) and (f) insert the same pre-encoded interaction rows into the interactions table
    of a store file whose contacts are already there; `load_network` loads the whole network
    those rows came from into an empty store (encoding, contacts, dates... and the FTS index
    included), so it does strictly more work than the others.
    """
    network = generate_network(TODAY, contacts=max(1, rows_count // 20), interactions=rows_count)
    contact_ids = [contact.id for contact in network.contacts]
    rows = interaction_rows(network)
    path = directory / "bulk-scratch.db"

    def load_network(path: Path, rows: list[tuple[Any, ...]]) -> float:
        remove_db(path)
        store = Store.open(path)
        started = time.perf_counter()
        store.load_network(network)
        elapsed = time.perf_counter() - started
        store.close()
        return elapsed

    cases: dict[str, Callable[[Path, list[tuple[Any, ...]]], float]] = {
        "executemany": insert_executemany,
        "insert_all_atomic": insert_all_atomic,
        "load_network": load_network,
        "default": insert_default,
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(reps):
        for name, run in cases.items():
            fresh_db(path, contact_ids)
            gc.collect()
            samples[name].append(run(path, rows))
    remove_db(path)
    return {name: statistics.median(values) for name, values in samples.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(".bench-cache"),
        help="where demo databases are cached (default .bench-cache)",
    )
    parser.add_argument(
        "--sizes", default="10k,100k", help="comma-separated: 10k, 100k or CONTACTSxINTERACTIONS"
    )
    parser.add_argument("--reps", type=int, default=200, help="query repetitions (default 200)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--bulk-rows",
        type=int,
        default=200_000,
        help="interaction rows per bulk insert run (default 200,000)",
    )
    parser.add_argument("--bulk-reps", type=int, default=3)
    parser.add_argument("--no-bulk", action="store_true", help="skip the bulk insert runs")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    sizes = [parse_size(text.strip()) for text in args.sizes.split(",") if text.strip()]

    print(
        f"# nurture-tui store benchmark — Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}, {os.cpu_count()} CPUs\n",
        flush=True,
    )
    results: list[tuple[str, dict[str, tuple[float, float]]]] = []
    for label, contacts, interactions in sizes:
        path = ensure_db(args.dir, label, contacts, interactions)
        print(
            f"timing queries on {label} ({contacts:,} contacts / {interactions:,} "
            f"interactions), {args.reps} rounds...",
            flush=True,
        )
        results.append(
            (f"{contacts:,} / {interactions:,}", bench_queries(path, args.reps, args.warmup))
        )

    print("\n## Agenda vs. its floor and the naive GROUP BY (ms, median / p95)\n")
    print(
        "| contacts / interactions | (a) floor: indexed last touch | (b) GROUP BY max() "
        "| (c) whole agenda | agenda / floor | GROUP BY / agenda "
        f"| agenda < {AGENDA_TARGET_MS:g} ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for size, timing in results:
        floor, group_by, agenda = timing["floor"], timing["group_by"], timing["agenda"]
        print(
            f"| {size} | {floor[0]:.3f} / {floor[1]:.3f} | {group_by[0]:.1f} / {group_by[1]:.1f} "
            f"| {agenda[0]:.2f} / {agenda[1]:.2f} | {agenda[0] / floor[0]:.1f}x "
            f"| {group_by[0] / agenda[0]:.1f}x "
            f"| {'yes' if agenda[0] < AGENDA_TARGET_MS else 'NO'} |"
        )

    if not args.no_bulk:
        print(
            f"\ntiming bulk inserts of {args.bulk_rows:,} interaction rows, "
            f"{args.bulk_reps} interleaved runs each...",
            flush=True,
        )
        bulk = bench_bulk(args.dir, args.bulk_rows, args.bulk_reps)
        base = bulk["executemany"]
        print(f"\n## Bulk insert of {args.bulk_rows:,} interaction rows (median seconds)\n")
        print("| path | seconds | rows/s | vs executemany |")
        print("|---|---|---|---|")
        rows = [
            ("(d) sqlite3 `executemany`, one transaction", bulk["executemany"]),
            (
                f"(e) sqlite-utils `insert_all(batch_size={INSERT_ALL_BATCH})` in `db.atomic()`",
                bulk["insert_all_atomic"],
            ),
            (
                "(e') `Store.load_network` of the whole network (+ contacts, dates, FTS)",
                bulk["load_network"],
            ),
            ("(f) `insert_all` of dicts, default batch, no transaction", bulk["default"]),
        ]
        for name, seconds in rows:
            print(
                f"| {name} | {seconds:.2f} | {args.bulk_rows / seconds:,.0f} "
                f"| {seconds / base:.2f}x |"
            )
        for name, key in (
            ("insert_all in db.atomic()", "insert_all_atomic"),
            ("Store.load_network", "load_network"),
        ):
            ratio = bulk[key] / base
            verdict = "met" if ratio < BULK_TARGET_RATIO else "NOT met"
            print(f"\n{name}: {ratio:.2f}x executemany (target < {BULK_TARGET_RATIO}x: {verdict})")
        print(f"\nthe default insert_all (no transaction) is {bulk['default'] / base:.1f}x.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
