"""Set up, then check, tests/e2e/ssh_hangup_during_import.scenario (an SSH link dropped mid-import).

    .venv/bin/python -m tests.resilience.ssh_import_check prepare   # database + 3,000 cards
    .venv/bin/python -m tests.resilience.ssh_import_check verify    # after the hangup

`verify` exits 1 unless the file is sound, the draft typed in the composer was kept, and the
import is all or nothing (as many people as before, or before + everyone the preview listed).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import pendulum

from data.interchange.importer import import_file
from data.store import Store
from tests.resilience.dbcheck import check_contacts, check_file, count_contacts
from tests.resilience.seed import TODAY, build_small_network, write_cards

DB = Path("/tmp/nurture-e2e-import.db")
CARDS = Path("/tmp/nurture-e2e-import.vcf")
PLAN = Path("/tmp/nurture-e2e-import.json")
SENTENCE = "PS: how did the Porto race go?"
CARD_COUNT = 3000


def prepare() -> None:
    for path in (DB, Path(f"{DB}-wal"), Path(f"{DB}-shm"), CARDS, PLAN):
        path.unlink(missing_ok=True)
    build_small_network(DB)
    with tempfile.TemporaryDirectory() as folder:
        shutil.move(write_cards(Path(folder), CARD_COUNT), CARDS)
    with Store.open(DB) as store:
        now = pendulum.datetime(TODAY.year, TODAY.month, TODAY.day, 12)
        report = import_file(store, CARDS, today=TODAY, now=now, daily_budget=5, dry_run=True)
    plan = {"before": count_contacts(DB), "added": len(report.added)}
    PLAN.write_text(json.dumps(plan))
    print(f"prepared {DB} ({plan['before']} people) and {CARDS} (adds {plan['added']})")


def verify() -> None:
    plan = json.loads(PLAN.read_text())
    check_file(DB)
    check_contacts(DB)
    count = count_contacts(DB)
    before, added = plan["before"], plan["added"]
    assert count in (before, before + added), f"{count - before} of {added} people imported"
    with Store.open(DB) as store:
        drafts = [store.get_draft(contact_id) for contact_id, _ in store.contact_names()]
    bodies = [draft.body for draft in drafts if draft is not None]
    assert any(body.rstrip().endswith(SENTENCE) for body in bodies), bodies
    outcome = "nothing imported" if count == before else f"all {added} imported"
    print(f"verified: integrity ok, draft kept, {outcome}")


if __name__ == "__main__":
    {"prepare": prepare, "verify": verify}[sys.argv[1]]()
