"""Import people from a file: name it, see what would happen, then confirm.

Reading, matching and writing run in a worker thread with a progress bar, so a 10,000-card
file never freezes the screen. The preview is a dry run of the very same import; the real
run plans again against the database as it is then (another session may have written).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Log, ProgressBar, Static
from textual.worker import get_current_worker

from tui.render import safe_text
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from data.interchange.importer import ImportReport
    from tui.app import NurtureApp

HINT = (
    "A vCard (.vcf) or a CSV from Google, LinkedIn, Outlook or Thunderbird. Enter shows what "
    "would be added, merged and rejected; nothing is written until you press ctrl+s."
)
_SUFFIXES = (".vcf", ".vcard", ".csv")
_SEARCHED = (Path("."), Path("~/Downloads"), Path("~"))


def candidate_files(limit: int = 200) -> list[str]:
    """Contact files near at hand (here, Downloads, home), for the path field's suggestions."""
    found: list[str] = []
    for folder in _SEARCHED:
        try:
            entries = sorted(os.scandir(folder.expanduser()), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.casefold().endswith(_SUFFIXES) and entry.is_file():
                shown = str(folder / entry.name) if str(folder) != "." else entry.name
                if shown not in found:
                    found.append(shown)
            if len(found) >= limit:
                return found
    return found


def report_lines(report: ImportReport) -> list[str]:
    """The report as plain lines for the log: one per person, marked by what happens."""
    lines = []
    for mark, entries in (("+", report.added), ("~", report.merged), ("=", report.unchanged)):
        for entry in entries:
            detail = f"  {entry.detail}" if entry.detail else ""
            lines.append(f"{mark} line {entry.line:<6} {entry.name}{detail}")
    lines.extend(f"! line {r.line:<6} {r.reason}" for r in report.rejected)
    return [safe_text(line) for line in lines]


def summary(report: ImportReport) -> str:
    """One line: how many added, merged, already here and rejected (or would be)."""
    verbs = ("would add", "would merge") if report.dry_run else ("added", "merged")
    return (
        f"{verbs[0]} {len(report.added)} · {verbs[1]} {len(report.merged)} · "
        f"{len(report.unchanged)} already here · {len(report.rejected)} rejected"
    )


class ImportScreen(Screen[bool]):
    """Dismisses with True when people were imported (callers reload), else False."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="import.back"),
        Binding("ctrl+s", "confirm", "Import", id="import.confirm", tooltip="Write the import"),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self._initial_path = path
        self._previewed: tuple[Path, ImportReport] | None = None
        self._busy = False
        self._imported = False

    @property
    def nurture(self) -> NurtureApp:
        return cast("NurtureApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Static("Import people", id="import-title", markup=False)
            yield Input(
                self._initial_path,
                placeholder="path to a .vcf or .csv file",
                id="import-path",
                suggester=SuggestFromList(candidate_files(), case_sensitive=False),
            )
            yield Static(HINT, id="import-hint", markup=False)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status", markup=False)
            yield Log(id="import-report", highlight=False, auto_scroll=False)
        yield KeyFooter(show_command_palette=True)

    def on_mount(self) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#import-path", Input).focus()

    # --- actions ------------------------------------------------------------------------
    @on(Input.Submitted, "#import-path")
    def preview(self) -> None:
        path = self._path()
        if path is None or self._busy:
            return
        self._previewed = None
        self._start(path, dry_run=True)

    def action_confirm(self) -> None:
        if self._busy:
            return
        path = self._path()
        if path is None:
            return
        if self._previewed is None or self._previewed[0] != path:
            self._status("Press enter first to see what this file would do.")
            return
        self._start(path, dry_run=False)

    def action_back(self) -> None:
        if self._busy:
            self._status("Still working: the import finishes (or changes nothing) in a moment.")
            return
        self.dismiss(self._imported)

    # --- the work -----------------------------------------------------------------------
    def _path(self) -> Path | None:
        text = self.query_one("#import-path", Input).value.strip()
        if not text:
            self._status("Type the path of a file to import.")
            return None
        return Path(text).expanduser()

    def _start(self, path: Path, *, dry_run: bool) -> None:
        self._busy = True
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#import-report", Log).clear()
        self._status(f"Reading {path.name}…")
        self._run(path, dry_run)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, path: Path, dry_run: bool) -> None:
        from data.interchange.importer import import_file
        from data.interchange.records import UnreadableFile
        from data.store import StoreError

        worker = get_current_worker()
        app = self.nurture

        def progress(done: int, total: int | None, what: str) -> None:
            if not worker.is_cancelled:
                app.call_from_thread(self._progress, done, total, what)

        try:
            report = import_file(
                app.store,
                path,
                today=app.today,
                now=app.now(),
                daily_budget=app.daily_budget,
                dry_run=dry_run,
                progress=progress,
            )
        except (UnreadableFile, StoreError, ValueError, OSError) as error:
            app.call_from_thread(self._failed, str(error))
            return
        app.call_from_thread(self._finished, path, report)

    def _progress(self, done: int, total: int | None, what: str) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=total, progress=done)
        self._status(f"{what} {done:,}/{total:,}" if total else f"{what}…")

    def _failed(self, message: str) -> None:
        self._busy = False
        self.query_one("#import-progress", ProgressBar).display = False
        self._status(f"Cannot import: {message}")

    def _finished(self, path: Path, report: ImportReport) -> None:
        self._busy = False
        self.query_one("#import-progress", ProgressBar).display = False
        log = self.query_one("#import-report", Log)
        log.clear()
        log.write_lines(report_lines(report))
        log.scroll_home(animate=False)
        if report.dry_run:
            self._previewed = (path, report)
            action = "ctrl+s to import" if report.added or report.merged else "nothing to import"
            self._status(f"{safe_text(path.name)}: {summary(report)}. {action}.")
            return
        self._previewed = None
        self._imported = self._imported or bool(report.added or report.merged)
        self._status(f"Imported {safe_text(path.name)}: {summary(report)}. u on the agenda undoes.")
        self.notify(f"Imported {safe_text(path.name)}: {summary(report)}.", markup=False)

    def _status(self, text: str) -> None:
        self.query_one("#import-status", Static).update(text)
