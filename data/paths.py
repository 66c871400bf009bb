"""Where the database lives: `--db`, else `NURTURE_DB`, else the platform data dir.

The demo database lives elsewhere (the cache dir) so `--demo` can never touch a person's
own network.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "nurture-tui"
DB_ENV = "NURTURE_DB"
DEMO_DB_ENV = "NURTURE_DEMO_DB"
DB_FILENAME = "nurture.db"
DEMO_DB_FILENAME = "demo.db"


def resolve_db_path(cli_path: str | None, env: Mapping[str, str]) -> Path:
    """The database path the user asked for: `--db`, then `$NURTURE_DB`, then the default."""
    if cli_path:
        return Path(cli_path).expanduser()
    from_env = env.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_data_path(APP_NAME) / DB_FILENAME


def demo_db_path(env: Mapping[str, str]) -> Path:
    """The demo database: `$NURTURE_DEMO_DB`, else a file in the cache dir, apart from real data."""
    from_env = env.get(DEMO_DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_cache_path(APP_NAME) / DEMO_DB_FILENAME
