"""Import benchmark: 10,000 vCards into an empty database, against stock vobject parsing them.

Run on demand (not part of the test suite):

    .venv/bin/python tests/bench/bench_import.py --contacts 10000 --reps 3

The file is our own vCard 4.0 export of a demo network (names, emails, phones, birthdays,
notes, our X- properties), so every card parses with stock vobject too. Interleaved per
round, each on a fresh empty database:

- floor: `vobject.readComponents` over the file, reading every card's FN (no cleaning, no
  matching, no writing): what any vCard importer in Python must pay;
- dry run: our import with `--dry-run` (tolerant reading + matching, no write);
- import: the whole import (tolerant reading, matching, one transaction with the FTS index);
- again: importing the same file a second time (everyone matched, nothing written).

Prints a markdown table for README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pendulum  # noqa: E402
import vobject  # noqa: E402
from pendulum import Date  # noqa: E402

from data.demo import write_demo  # noqa: E402
from data.interchange.importer import import_file  # noqa: E402
from data.interchange.vcard_write import write_vcards  # noqa: E402
from data.store import Store  # noqa: E402

TODAY = Date(2026, 11, 26)
NOW = pendulum.datetime(2026, 11, 26, 9)


def make_file(directory: Path, contacts: int) -> Path:
    demo = directory / "demo.db"
    write_demo(demo, TODAY, contacts=contacts, interactions=contacts)
    with Store.open(demo) as store:
        text = write_vcards(store)
    path = directory / "contacts.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def floor(path: Path) -> int:
    return sum(1 for card in vobject.readComponents(path.read_text()) if card.fn.value)


def run_import(path: Path, db: Path, *, dry_run: bool = False, twice: bool = False) -> int:
    with Store.open(db) as store:
        report = import_file(store, path, today=TODAY, now=NOW, daily_budget=5, dry_run=dry_run)
        if twice:
            report = import_file(store, path, today=TODAY, now=NOW, daily_budget=5)
            return len(report.unchanged)
        return len(report.added)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        path = make_file(directory, args.contacts)
        size_mib = path.stat().st_size / 2**20
        timings: dict[str, list[float]] = {"floor": [], "dry run": [], "import": [], "again": []}
        second_runs: list[float] = []
        for rep in range(args.reps):
            dry_db, real_db = directory / f"dry{rep}.db", directory / f"real{rep}.db"
            cases: dict[str, Callable[[], int]] = {
                "floor": lambda: floor(path),
                "dry run": lambda db=dry_db: run_import(path, db, dry_run=True),  # type: ignore[misc]
                "import": lambda db=real_db: run_import(path, db),  # type: ignore[misc]
            }
            for name, case in cases.items():
                start = time.perf_counter()
                count = case()
                timings[name].append(time.perf_counter() - start)
                print(f"round {rep + 1}: {name}: {timings[name][-1]:.2f} s ({count})", flush=True)
            start = time.perf_counter()
            run_import(path, directory / f"twice{rep}.db", twice=True)
            second_runs.append(time.perf_counter() - start - timings["import"][-1])
        timings["again"] = [max(value, 0.0) for value in second_runs]
    base = statistics.median(timings["floor"])
    print(f"\n{args.contacts:,} vCards, {size_mib:.1f} MiB, median of {args.reps}:\n")
    print("| step | seconds | vs stock vobject parse |")
    print("|---|---|---|")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {median / base:.2f}x |")


if __name__ == "__main__":
    main()
