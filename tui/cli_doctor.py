"""`nurture-tui doctor`: check the database file and say, in words, what to do about it.

The checks live in `data.doctor` and only read: the database is opened read-only and never
migrated, repaired or created. Exit status 0 when nothing is wrong (warnings included), 1 when
something is, 2 for a mistake on the command line.
"""

from __future__ import annotations

import click

from tui.cli import Session, _json_out, _out, cli, json_option, pass_session
from tui.render import safe_text

EXIT_PROBLEM = 1
_LEVEL_WIDTH = 8  # "problem" and a space


@cli.command("doctor")
@click.option("--quick", is_flag=True, help="Only the fast checks (skip the full integrity check).")
@json_option
@pass_session
def doctor_command(session: Session, quick: bool, as_json: bool) -> None:
    """Check the database file: that it is sound, current, private, and has room to grow.

    Read-only: it never changes, upgrades or creates the file. Exits 1 when it finds a problem.
    """
    from data.doctor import Level, diagnose, worst

    path = session.db_path()
    findings = diagnose(path, thorough=not quick)
    verdict = worst(findings)
    if as_json:
        _json_out(
            {
                "db": str(path),
                "status": verdict.value,
                "findings": [
                    {
                        "level": finding.level.value,
                        "check": finding.check,
                        "what": finding.what,
                        "advice": finding.advice,
                    }
                    for finding in findings
                ],
            }
        )
    else:
        _out(f"Checking {safe_text(path)}")
        for finding in findings:
            level = f"{finding.level.value:<{_LEVEL_WIDTH}}"
            _out(f"  {level}{finding.check}: {safe_text(finding.what)}")
            if finding.advice:
                _out(f"  {'':<{_LEVEL_WIDTH}}→ {safe_text(finding.advice)}")
        problems = sum(1 for finding in findings if finding.level is Level.PROBLEM)
        warnings = sum(1 for finding in findings if finding.level is Level.WARN)
        if problems:
            _out(f"{problems} problem{'s' if problems != 1 else ''}: see the advice above.")
        elif warnings:
            _out(f"Healthy, with {warnings} thing{'s' if warnings != 1 else ''} to look at.")
        else:
            _out("All good.")
    if verdict is Level.PROBLEM:
        click.get_current_context().exit(EXIT_PROBLEM)
