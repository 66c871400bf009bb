"""The `nurture-tui` entry point: straight to the app when there is nothing else to parse.

Bare `nurture-tui [--db PATH] [--today DATE]` on a terminal is what people type many times a
day, over SSH: it skips click (and the CLI module) to reach the first frame sooner. Anything
else (a command, --demo, --help, a bad option) goes to the full CLI in `tui.cli`, which also
gives every error its clear one-line message.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pendulum import Date, DateTime

    from data.store import Store

_VALUED = {"--db": "db", "--today": "today"}
APP_PAGE_CACHE_KIB = 64
# Where zoneinfo looks for the system's time-zone files unless Python was built otherwise:
# CPython's configure default, which Linux distributions and macOS builds keep.
STANDARD_TZPATH = "/usr/share/zoneinfo:/usr/lib/zoneinfo:/usr/share/lib/zoneinfo:/etc/zoneinfo"


def bare_launch_options(argv: Sequence[str]) -> dict[str, str] | None:
    """The --db/--today values when argv holds nothing else, else None (use the full CLI)."""
    options: dict[str, str] = {}
    items = list(argv)
    while items:
        item = items.pop(0)
        name, equals, value = item.partition("=")
        if name not in _VALUED or _VALUED[name] in options:
            return None
        if not equals:
            if not items:
                return None
            value = items.pop(0)
        options[_VALUED[name]] = value
    return options


def daily_budget_of(store: Store) -> int:
    """The check-ins a day to aim for (setting `daily_budget`), defaulting sensibly."""
    from core.budget import DEFAULT_DAILY_BUDGET

    stored = store.get_setting("daily_budget")
    try:
        return max(1, int(stored)) if stored is not None else DEFAULT_DAILY_BUDGET
    except ValueError:
        return DEFAULT_DAILY_BUDGET


def run_app(store: Store, *, today: Date, now: Callable[[], DateTime]) -> int:
    """Run the full-screen app on an open store; returns its exit code."""
    from tui.app import NurtureApp

    # A session reads a few pages per keystroke, which the OS caches anyway; SQLite's
    # default 2 MiB page cache would only add that much to the app's memory. 64 KiB costs
    # the agenda under 0.1 ms at 10,000 and 100,000 contacts.
    store.conn.execute(f"PRAGMA cache_size = {-APP_PAGE_CACHE_KIB:d}")
    app = NurtureApp(store, today=today, now=now, daily_budget=daily_budget_of(store))
    app.run()
    return app.return_code or 0


def _fast(options: dict[str, str]) -> int | None:
    """Launch without click; None when something needs the full CLI's handling."""
    import pendulum

    from data.paths import resolve_db_path
    from data.store import Store, StoreError
    from tui.cli_input import parse_iso_day, user_today

    try:
        real_today, _, zone = user_today(os.environ.get("NURTURE_TZ"))
        today = parse_iso_day(options["today"]) if "today" in options else real_today
        store = Store.open(resolve_db_path(options.get("db"), os.environ), zone=zone)
    except (ValueError, StoreError, OSError):
        return None

    def now() -> DateTime:
        current = pendulum.now(zone)
        return (
            current
            if today == current.date()
            else current.set(year=today.year, month=today.month, day=today.day)
        )

    try:
        return run_app(store, today=today, now=now)
    finally:
        store.close()


def defer_dateutil_parser() -> None:
    """Load dateutil's parser on first use instead of when pendulum is imported.

    pendulum imports it for its fallback parser of free-form dates, which nurture never
    calls (it reads and takes ISO dates only): at start-up it costs ~10 ms and 1 MiB
    (dateutil.tz, tempfile, ctypes...). A lazy module is the stdlib's own recipe: the
    first attribute anyone reads loads the real parser, so nothing else changes.
    """
    name = "dateutil.parser"
    if name in sys.modules:
        return
    import importlib.util

    spec = importlib.util.find_spec(name)  # imports the small `dateutil` package only
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    # `from dateutil import parser` reads the package attribute; without it the
    # package's __getattr__ would import (and so load) the module at once.
    sys.modules["dateutil"].parser = module  # type: ignore[attr-defined]


def import_zoneinfo_sparing_sysconfig() -> None:
    """Import zoneinfo with the standard search path, not the one sysconfig would read.

    As it is imported, zoneinfo asks sysconfig for its search path, which loads Python's whole
    build configuration (~900 names: 0.7 MiB of the session, with the string table it makes
    grow) for one string that is the standard path on every usual build. zoneinfo's own
    PYTHONTZPATH gives it that path instead, set for this import only (no child process
    sees it) and never over a user's own. A system keeping its zones elsewhere still gets
    them from the tzdata package, where zoneinfo looks after its search path.
    """
    if "zoneinfo" in sys.modules or "PYTHONTZPATH" in os.environ or os.name != "posix":
        return
    os.environ["PYTHONTZPATH"] = STANDARD_TZPATH
    try:
        import zoneinfo  # noqa: F401 - imported for its side effect: the search path is set
    finally:
        del os.environ["PYTHONTZPATH"]


def main() -> None:
    """Console-script entry point."""
    defer_dateutil_parser()
    import_zoneinfo_sparing_sysconfig()
    options = bare_launch_options(sys.argv[1:])
    if options is not None and sys.stdin.isatty() and sys.stdout.isatty():
        # Start-up only allocates what the session keeps; collecting it over and over
        # before the first frame costs more than anything else we do then. The app
        # freezes it and turns the collector back on once that frame is up.
        gc.disable()
        code = _fast(options)
        if code is not None:
            sys.exit(code)
        gc.enable()
    from tui.cli import main as cli_main

    cli_main()
