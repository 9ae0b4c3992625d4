"""Opening the journal: checks, automatic migration (after a backup), sessions.

Alembic is imported only when the file's revision is not current, so opening an up-to-date
journal stays fast.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from plnjournal.errors import DatabaseTooNew, PlnError
from plnjournal.storage import dialect
from plnjournal.storage.sqlite_file import (
    HEAD_REVISION,
    REVISIONS,
    check_file,
    damaged,
    describe_sqlite_error,
    read_only_problem,
    read_revision,
)

log = logging.getLogger(__name__)


class Database:
    """An open journal: one engine, and sessions that commit or roll back as a whole."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        # Things the user should hear about that did not stop the journal opening (a daily
        # backup that could not be written); the front ends show them.
        self.warnings: list[str] = []
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: everything inside commits together or not at all."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except PlnError:
            session.rollback()
            raise
        except DBAPIError as exc:
            session.rollback()
            raise describe_sqlite_error(exc, self.path) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def make_engine(path: Path, *, busy_timeout_ms: int | None = None) -> Engine:
    if busy_timeout_ms is None:
        busy_timeout_ms = dialect.BUSY_TIMEOUT_MS
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dialect.apply_pragmas(dbapi_connection, busy_timeout_ms=busy_timeout_ms)

    @event.listens_for(engine, "before_cursor_execute")
    def _before_write(_conn, cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        # Take the write lock when a transaction first writes, waiting (and retrying) while
        # another program writes, so a busy journal never fails with "database is locked".
        dialect.begin_write_if_needed(cursor.connection, statement)

    return engine


def migrate(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema with Alembic (imported here only, as it is slow to import)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def open_database(
    path: str | os.PathLike,
    *,
    create: bool = True,
    backup_before_migrate: bool = True,
    daily_backup: bool = False,
) -> Database:
    """Open (and create or upgrade) the journal at ``path``.

    A file from a newer version is refused; an older one is backed up, then upgraded. The
    front ends pass ``daily_backup=True``: the first start of each day backs the journal up
    (after the quick check, so a damaged file never pushes a sound backup out of rotation).
    """
    path = Path(path)
    has_data = check_file(path, create)
    revision: str | None = None
    if has_data:
        revision, has_tables = read_revision(path)
        if revision is None and has_tables:
            raise damaged(path, "is an SQLite file but not a PLN Journal database")
        if revision is not None and revision not in REVISIONS:
            raise DatabaseTooNew(
                f"{path}: was written by a newer version of PLN Journal (schema {revision}); "
                "update PLN Journal to open it"
            )
        if (problem := read_only_problem(path)) is not None:
            raise problem  # said now, not at the first save (reads work without opening)
    engine = make_engine(path)
    try:
        if revision != HEAD_REVISION:
            if revision is not None and backup_before_migrate:
                from plnjournal.storage.backup import make_backup

                saved = make_backup(path, f"before-migration-from-{revision}")
                log.info("backed up %s to %s before migrating", path, saved)
            migrate(engine)
    except PlnError:
        engine.dispose()
        raise
    except (SQLAlchemyError, sqlite3.Error) as exc:
        engine.dispose()
        raise describe_sqlite_error(exc, path) from exc
    database = Database(path, engine)
    if daily_backup and has_data:
        from plnjournal.storage.backup import daily_backup as backup_once_a_day

        try:
            backup_once_a_day(path)
        except PlnError as exc:  # a backup problem must not lock the user out of the journal
            log.info("daily backup skipped: %s", exc)
            database.warnings.append(f"today's automatic backup was not made: {exc.message}")
    return database
