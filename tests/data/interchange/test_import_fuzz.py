"""Whatever file a person points the importer at: a report or one clear error, never a crash.

The readers are fuzzed on their own (test_vcard_read_fuzz, test_csv_read_fuzz); this runs the
whole import — read, match, merge, write — on random and mutated files into a real database
that already holds people, and checks the database stays whole.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import Date

from core.models import Contact
from data.interchange.importer import import_file
from data.interchange.records import UnreadableFile
from data.store import Store

TODAY = Date(2026, 11, 26)
NOW = pendulum.datetime(2026, 11, 26, 9)
FIXTURES = Path(__file__).parents[2] / "fixtures"
SAMPLES = sorted((FIXTURES / "vcard").glob("*.vcf")) + sorted((FIXTURES / "csv").glob("*.csv"))
_counter = itertools.count()


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    sample = draw(st.sampled_from(SAMPLES))
    data = bytearray(sample.read_bytes())
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        if action == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return sample.suffix, bytes(data)


files = st.one_of(
    mutated_files(),
    st.tuples(st.sampled_from([".vcf", ".csv", ".txt"]), st.binary(max_size=400)),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(file=files)
def test_any_file_gives_a_report_or_one_clear_error(
    tmp_path: Path, file: tuple[str, bytes]
) -> None:
    suffix, data = file
    number = next(_counter)
    source = tmp_path / f"input{number}{suffix}"
    source.write_bytes(data)
    with Store.open(tmp_path / f"db{number}.db") as store:
        store.add_contacts(
            [Contact(id=0, display_name="Ana Lima", emails=("ana@example.com",))],
            today=TODAY,
            daily_budget=5,
        )
        try:
            report = import_file(store, source, today=TODAY, now=NOW, daily_budget=5)
        except UnreadableFile as error:
            assert str(error)
            assert store.count_contacts() == 1
        else:
            lines = [e.line for e in (*report.added, *report.merged, *report.unchanged)]
            assert all(line >= 1 for line in lines)
            assert all(r.reason and r.line >= 1 for r in report.rejected)
            assert store.count_contacts(include_archived=True) == 1 + len(report.added)
        (verdict,) = store.conn.execute("PRAGMA integrity_check").fetchone()
        assert verdict == "ok"
