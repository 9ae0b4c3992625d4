"""Where the app keeps its files; one place, overridable for tests and by the user."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    import platformdirs
else:
    # Off the quick commands (search, show, stats) when the journal is named by --db,
    # PLNJOURNAL_DB or PLNJOURNAL_HOME: no platform folder is asked for then
    # (docs/performance.md, "Where the start-up deferrals are, and what each saves").
    platformdirs = lazy_module("platformdirs")

APP_NAME = "plnjournal"
DB_FILENAME = "journal.sqlite3"


def data_dir() -> Path:
    """The user's data folder (``PLNJOURNAL_HOME`` overrides, e.g. for tests)."""
    override = os.environ.get("PLNJOURNAL_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the log file goes (under ``PLNJOURNAL_HOME`` in tests)."""
    override = os.environ.get("PLNJOURNAL_HOME")
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def backup_dir(db_path: Path) -> Path:
    """Backups live beside the database they protect, so a moved journal keeps them."""
    return db_path.parent / "backups"


def default_db_path() -> Path:
    """The journal used when none is named."""
    return data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` wins over ``PLNJOURNAL_DB``, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("PLNJOURNAL_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def user_reflection_models_dir() -> Path:
    """Where the user's own reflection models are read from."""
    return data_dir() / "reflection_models"
