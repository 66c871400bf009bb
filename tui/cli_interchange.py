"""`import`, `export`, `restore` and `backup`: files in and out, on the command line.

The same functions the TUI's import screen calls (data.interchange). Progress goes to stderr
only when it is a terminal, so scripts and `--json` see nothing but the report.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from core.models import Circle
from data.interchange.csv_read import CSV_FIELDS
from tui.cli import CliError, Session, _json_out, _out, cli, json_option, pass_session
from tui.cli_input import parse_choice
from tui.render import safe_text

EXPORT_FORMATS = ("vcard", "csv", "json", "ics")
_SUFFIX_FORMATS = {
    ".vcf": "vcard",
    ".vcard": "vcard",
    ".csv": "csv",
    ".json": "json",
    ".ics": "ics",
}
_REPORT_SHOWN = 20  # entries listed per section before "… and N more"


class _ProgressLine:
    """A single self-overwriting status line on a terminal's stderr; silent otherwise."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int | None, what: str) -> None:
        if not self.live:
            return
        text = f"{what} {done:,}/{total:,}" if total else f"{what}…"
        click.echo(f"\r\x1b[2K{text}", err=True, nl=False)
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\x1b[2K", err=True, nl=False)


def _parse_mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip().casefold()
        if not sep or not column.strip():
            raise CliError(f"--map takes FIELD=COLUMN, got {pair!r}")
        if field not in CSV_FIELDS:
            raise CliError(f"--map: unknown field {field!r}: use one of {', '.join(CSV_FIELDS)}")
        mapping[field] = column.strip()
    return mapping


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["vcard", "csv", "google", "linkedin", "outlook", "thunderbird"]),
    help="What the file is (default: recognised from its content).",
)
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help=f"For a CSV: which column holds a field ({', '.join(CSV_FIELDS)}). Repeatable.",
)
@click.option("--circle", help="Circle for new people (default: network).")
@click.option("--dry-run", is_flag=True, help="Show what would be added, merged and rejected.")
@json_option
@pass_session
def import_command(
    session: Session,
    file: Path,
    file_format: str | None,
    mappings: tuple[str, ...],
    circle: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import people from a vCard (.vcf) or CSV file (Google, LinkedIn, Outlook, Thunderbird).

    Someone already here (same email or phone, or the same name) is merged, not added twice.
    New people get first check-ins spread by the daily budget. All or nothing: undo with
    `nurture-tui undo`.
    """
    from data.interchange.importer import DEFAULT_CIRCLE, import_file
    from data.interchange.records import UnreadableFile

    chosen_circle = (
        DEFAULT_CIRCLE if circle is None else parse_choice(Circle, circle, what="circle")
    )
    mapping = _parse_mapping(mappings) or None
    store = session.store()
    progress = _ProgressLine()
    try:
        report = import_file(
            store,
            file,
            today=session.today,
            now=session.now,
            daily_budget=session.daily_budget(),
            file_format=file_format,
            mapping=mapping,
            circle=chosen_circle,
            dry_run=dry_run,
            progress=progress,
        )
    except UnreadableFile as error:
        raise CliError(str(error)) from None
    finally:
        progress.clear()
    if as_json:
        _json_out(report.as_json())
        return
    verb = ("would add", "would merge") if dry_run else ("added", "merged")
    _out(
        f"{'Dry run of' if dry_run else 'Imported'} {safe_text(file.name)} ({report.format}):"
        f" {verb[0]} {len(report.added)}, {verb[1]} {len(report.merged)},"
        f" {len(report.unchanged)} already here, {len(report.rejected)} rejected."
    )
    sections = [("merged", report.merged), ("already here", report.unchanged)]
    if dry_run:
        sections.insert(0, ("new", report.added))
    for title, entries in sections:
        _print_section(title, [(e.line, f"{e.name}  {e.detail}".rstrip()) for e in entries])
    _print_section("rejected", [(r.line, r.reason) for r in report.rejected])
    if dry_run:
        _out("Nothing was written (dry run).")
    elif report.added or report.merged:
        _out("Undo with: nurture-tui undo")


def _print_section(title: str, rows: list[tuple[int, str]]) -> None:
    if not rows:
        return
    _out(f"{title}:")
    for line, text in rows[:_REPORT_SHOWN]:
        _out(f"  line {line:<6} {safe_text(text)}")
    if len(rows) > _REPORT_SHOWN:
        _out(f"  … and {len(rows) - _REPORT_SHOWN} more (--json lists them all)")


@cli.command("export")
@click.option(
    "--format", "file_format", type=click.Choice(EXPORT_FORMATS), help="Default: from -o."
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path),
    help="File to write (atomically); default: standard output.",
)
@click.option(
    "--vcard-version",
    type=click.Choice(["4.0", "3.0"]),
    default="4.0",
    show_default=True,
    help="vCard version (3.0 for older address books).",
)
@pass_session
def export_command(
    session: Session, file_format: str | None, output: Path | None, vcard_version: str
) -> None:
    """Export everyone: vCard, CSV, iCalendar (birthdays, check-ins, promises) or full JSON.

    JSON holds everything and `nurture-tui restore` reads it back into an empty database.
    """
    if file_format is None:
        file_format = _SUFFIX_FORMATS.get(output.suffix.casefold()) if output else None
        if file_format is None:
            raise CliError(f"say which format: --format {'|'.join(EXPORT_FORMATS)}")
    store = session.store(create=False)
    if file_format == "vcard":
        from data.interchange.vcard_write import write_vcards

        text = write_vcards(store, version=vcard_version)
    elif file_format == "csv":
        from data.interchange.csv_write import write_csv

        text = write_csv(store)
    elif file_format == "ics":
        from data.interchange.ics_write import write_ics

        text = write_ics(store, today=session.today)
    else:
        from data.interchange.json_io import export_json

        text = export_json(store)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from data.interchange.files import ExportError, write_text

    try:
        write_text(output, text)
    except ExportError as error:
        raise CliError(str(error)) from None
    _out(f"Wrote {safe_text(output)} ({file_format}).")


@cli.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@pass_session
def restore_command(session: Session, file: Path) -> None:
    """Restore a JSON export (`export --format json`) into an empty database."""
    from data.interchange.json_io import restore_json

    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliError(f"{file} is not a JSON export (not UTF-8 text)") from None
    except OSError as error:
        raise CliError(f"cannot read {file}: {error.strerror or error}") from None
    report = restore_json(session.store(), text)
    counts = ", ".join(f"{count} {table}" for table, count in report.counts.items() if count)
    _out(f"Restored {safe_text(file.name)}: {counts or 'nothing'}.")


@cli.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@pass_session
def backup_command(session: Session, path: Path) -> None:
    """Copy the database to PATH (a file, or a directory), safe while the app runs."""
    from data.interchange.files import ExportError, backup

    try:
        written = backup(session.store(create=False), path)
    except ExportError as error:
        raise CliError(str(error)) from None
    _out(f"Backed up to {safe_text(written)}.")
