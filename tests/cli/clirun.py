"""A tiny driver for `nurture-tui` in tests: a fresh database and a fixed day per test."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tui.cli import cli

TODAY = "2026-11-26"


@dataclass
class Outcome:
    """What a user sees from one run: exit code, stdout, stderr."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Nurture:
    """Runs `nurture-tui --db <db> --today <day> ARGS...` in-process."""

    db: Path

    def __call__(self, *args: str, today: str = TODAY, ok: bool = True) -> Outcome:
        result = CliRunner().invoke(
            cli, ["--db", str(self.db), "--today", today, *args], catch_exceptions=False
        )
        outcome = Outcome(result.exit_code, result.stdout, result.stderr)
        if ok:
            assert outcome.exit_code == 0, (args, outcome)
        return outcome

    def fails(self, *args: str, today: str = TODAY) -> Outcome:
        """Run a command that must be refused: exit 2, one line on stderr, no traceback."""
        outcome = self(*args, today=today, ok=False)
        assert outcome.exit_code == 2, (args, outcome)
        assert "Traceback" not in outcome.stderr
        assert outcome.stderr.startswith("nurture-tui: error: "), outcome.stderr
        return outcome

    def due(self, today: str = TODAY) -> list[dict[str, Any]]:
        """Every agenda item on `today` (`due --json --all`)."""
        items: list[dict[str, Any]] = self("due", "--json", "--all", today=today).json()["items"]
        return items

    def due_for(self, name: str, today: str = TODAY) -> list[dict[str, Any]]:
        """The agenda items about one person."""
        return [item for item in self.due(today) if item["name"] == name]

    def kinds_for(self, name: str, today: str = TODAY) -> list[str]:
        return [item["kind"] for item in self.due_for(name, today)]
