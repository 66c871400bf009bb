"""Two SSH logins on one database: both triage and write, nobody sees "database is locked".

Real processes writing at once, the way two sessions would: each commits its own changes
while the other is mid-transaction, and every write lands.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from core.models import Circle, Contact
from data.store import Store
from tests.tui.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
ROUNDS = 120

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[3])
    import pendulum
    from pathlib import Path
    from pendulum import Date
    from core.models import Interaction
    from data.store import Store

    store = Store.open(Path(sys.argv[1]))
    me = int(sys.argv[2])
    ids = [contact_id for contact_id, _ in store.contact_names()]
    today = Date(2026, 11, 26)
    for n in range({rounds}):
        contact_id = ids[(me * 7 + n) % len(ids)]
        store.log_interaction(
            Interaction(id=0, contact_id=contact_id, occurred_at=pendulum.now("UTC"),
                        summary=f"writer {{me}} round {{n}}"),
            today=today,
        )
        store.add_note(contact_id, f"note {{me}}.{{n}}", now=pendulum.now("UTC"))
        if n % 4 == 3:
            store.undo()  # takes back this writer's interaction: notes are not undoable
        store.agenda(today)
    store.close()
    print("done")
    """
).format(rounds=ROUNDS)


def test_several_sessions_write_at_once_and_every_write_lands(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    with Store.open(db) as store:
        store.add_contacts(
            [Contact(id=0, display_name=f"Person {i}", circle=Circle.CLOSE) for i in range(30)],
            today=TODAY,
            daily_budget=5,
        )
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    processes = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), str(me), str(ROOT)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in range(WRITERS)
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"
    with Store.open(db) as store:
        notes = store.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
        interactions = store.conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
        assert notes == WRITERS * ROUNDS
        undone = WRITERS * (ROUNDS // 4)
        assert interactions == WRITERS * ROUNDS - undone
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
