"""Opening the journal: checks, automatic migration (after a backup), sessions.

Opening an up-to-date journal needs neither Alembic nor SQLAlchemy: the checks run on plain
sqlite3, and the engine is made on first use (``db.engine``, ``db.session()``). So the window
can show the day (read with ``db.reading()``) while SQLAlchemy loads on a worker thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.errors import DatabaseTooNew, PlnError, StorageError
from plnjournal.lazy import lazy_module
from plnjournal.storage import dialect
from plnjournal.storage.backup import daily_backup as backup_once_a_day
from plnjournal.storage.backup import make_backup
from plnjournal.storage.cipher import connect, dbapi, key_for
from plnjournal.storage.keys import is_encrypted
from plnjournal.storage.schema import one_line
from plnjournal.storage.sqlite_file import (
    QuickCheck,
    check_file,
    damaged,
    describe_sqlite_error,
    read_only_problem,
    read_revision,
)
from plnjournal.storage.sqlite_open import HEAD_REVISION, REVISIONS, open_readonly

if TYPE_CHECKING:
    import alembic.command as alembic_command
    import alembic.config as alembic_config
    import sqlalchemy
    import sqlalchemy.event as sa_event
    import sqlalchemy.exc as sa_exc
    import sqlalchemy.orm as sa_orm
    from sqlalchemy.engine import Connection, Engine, ExecutionContext
    from sqlalchemy.orm import Session, sessionmaker
    from sqlalchemy.pool import ConnectionPoolEntry
else:
    # Off the window's first paint and the quick commands: an up-to-date journal opens on
    # plain sqlite3, SQLAlchemy loads when the engine is first made and Alembic only when a
    # journal must be created or upgraded (docs/performance.md, "Where the start-up
    # deferrals are, and what each saves").
    alembic_command = lazy_module("alembic.command")
    alembic_config = lazy_module("alembic.config")
    sqlalchemy = lazy_module("sqlalchemy")
    sa_event = lazy_module("sqlalchemy.event")
    sa_exc = lazy_module("sqlalchemy.exc")
    sa_orm = lazy_module("sqlalchemy.orm")

log = logging.getLogger(__name__)


class Database:
    """An open journal: one engine, and sessions that commit or roll back as a whole.

    The engine (and with it SQLAlchemy) is made on first use, from any thread; plain
    read-only sqlite3 connections (``reading()``) serve what the window shows first.
    """

    def __init__(
        self, path: Path, engine: Engine | None = None, *, read_only: bool = False
    ) -> None:
        self.path = path
        self._engine = engine
        # Opened read-only (a read-only file or folder, for a command that only reads or
        # copies it): a write fails with the read-only message.
        self.read_only = read_only
        self._sessionmaker: sessionmaker[Session] | None = None
        self._lock = threading.Lock()
        self._local = threading.local()  # this thread's read-only connection
        self._readers: list[sqlite3.Connection] = []
        # Things the user should hear about that did not stop the journal opening (a daily
        # backup that could not be written); the front ends show them.
        self.warnings: list[str] = []

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (importing SQLAlchemy) the first time it is asked for."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = make_engine(self.path, read_only=self.read_only)
        return self._engine

    @property
    def _sessions(self) -> sessionmaker[Session]:
        if self._sessionmaker is None:
            engine = self.engine
            with self._lock:
                if self._sessionmaker is None:
                    self._sessionmaker = sa_orm.sessionmaker(engine, expire_on_commit=False)
        return self._sessionmaker

    def orm_ready(self) -> bool:
        """True once sessions can start without importing SQLAlchemy first."""
        return self._sessionmaker is not None

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
        except sa_exc.DBAPIError as exc:
            session.rollback()
            raise describe_sqlite_error(exc, self.path) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A plain read-only sqlite3 connection (one per thread, kept open): reads that must
        not wait for SQLAlchemy, such as the day the window shows first. Each query sees
        everything committed before it."""
        conn = getattr(self._local, "conn", None)
        try:
            if conn is None:
                conn = open_readonly(self.path)
                conn.execute(f"PRAGMA busy_timeout={dialect.BUSY_TIMEOUT_MS}")
                self._local.conn = conn
                with self._lock:
                    self._readers.append(conn)
            yield conn
        except dbapi.Error as exc:
            raise describe_sqlite_error(exc, self.path) from exc

    def close(self) -> None:
        """Close every thread's reader and the engine; a reader another thread still holds closes when collected."""
        with self._lock:
            readers, self._readers = self._readers, []
            self._local = threading.local()
        for conn in readers:
            with contextlib.suppress(*dbapi.Error):  # another thread's: closed when collected
                conn.close()
        if self._engine is not None:
            self._engine.dispose()

    def forget_engine(self) -> None:
        """Close every connection and drop the engine too (the window's app lock): an encrypted
        journal's engine holds its key in its URL. The next use makes them afresh, once the
        journal is unlocked again."""
        self.close()
        with self._lock:
            self._engine = None
            self._sessionmaker = None


def make_engine(
    path: Path, *, busy_timeout_ms: int | None = None, read_only: bool = False
) -> Engine:
    """An engine whose connections get the journal's pragmas and take the write lock up front;
    ``read_only``: connections that only read (``open_readonly``), for a read-only file."""
    if busy_timeout_ms is None:
        busy_timeout_ms = dialect.BUSY_TIMEOUT_MS
    timeout = busy_timeout_ms
    # An error's text never carries the statement's values: they are the user's words
    # (a private reflection's body), and errors reach the terminal and the log.
    if is_encrypted(path):
        engine = _encrypted_engine(path, timeout / 1000, read_only=read_only)
    elif read_only:
        engine = sqlalchemy.create_engine(
            f"sqlite:///{path}",
            creator=lambda: open_readonly(path, any_thread=True),
            hide_parameters=True,
        )
    else:
        engine = sqlalchemy.create_engine(
            f"sqlite:///{path}",
            connect_args={"timeout": busy_timeout_ms / 1000},
            hide_parameters=True,
        )

    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        if read_only:  # journal mode and durability are the writer's to set
            dbapi_connection.execute("PRAGMA foreign_keys=ON")
            dbapi_connection.execute(f"PRAGMA busy_timeout={int(timeout)}")
        else:
            dialect.apply_pragmas(dbapi_connection, busy_timeout_ms=timeout)

    @sa_event.listens_for(engine, "before_cursor_execute")
    def _before_write(
        _conn: Connection,
        cursor: sqlite3.Cursor,
        statement: str,
        _params: object,
        _context: ExecutionContext | None,
        _many: bool,
    ) -> None:
        # Take the write lock when a transaction first writes, waiting (and retrying) while
        # another program writes, so a busy journal never fails with "database is locked".
        dialect.begin_write_if_needed(cursor.connection, statement)

    return engine


def _encrypted_engine(path: Path, timeout_s: float, *, read_only: bool) -> Engine:
    """An engine over SQLCipher connections (``cipher.connect``). SQLAlchemy's pysqlcipher
    dialect wraps SQLCipher's errors as it wraps sqlite3's (an import's IntegrityError stays
    one); it keys each new connection from the URL's password, so that is the same raw key
    the connection already has (an empty one would be refused). The pool is the plain
    journal's (the dialect's own keeps one connection per thread for ever)."""
    raw_key = f"x'{bytes(key_for(path)).hex()}'"
    url = sqlalchemy.engine.URL.create("sqlite+pysqlcipher", password=raw_key, database=str(path))

    def creator() -> sqlite3.Connection:
        if read_only:
            return open_readonly(path, any_thread=True)
        return connect(path, timeout=timeout_s, check_same_thread=False)

    return sqlalchemy.create_engine(
        url, creator=creator, poolclass=sqlalchemy.pool.QueuePool, hide_parameters=True
    )


def migrate(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema with Alembic (loaded only when a journal needs it: it is slow to
    import)."""
    cfg = alembic_config.Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        alembic_command.upgrade(cfg, target)


def open_database(
    path: str | os.PathLike[str],
    *,
    create: bool = True,
    backup_before_migrate: bool = True,
    daily_backup: bool = False,
    quick_check: QuickCheck | None = None,
    read_only_ok: bool = False,
) -> Database:
    """Open (and create or upgrade) the journal at ``path``.

    A file from a newer version is refused; an older one is backed up, then upgraded. The
    front ends pass ``daily_backup=True``: the first start of each day backs the journal up
    (after the quick check, so a damaged file never pushes a sound backup out of rotation).

    ``create=False`` (commands that only read or copy the journal) never makes a journal: a
    missing, empty (0 bytes) or schema-less file is refused, untouched. ``read_only_ok``: a
    read-only file or folder is opened for reading (no daily backup) instead of refused.
    """
    path = Path(path)
    has_data = check_file(path, create)
    if has_data:
        tighten_modes(path)
    revision: str | None = None
    if has_data:
        revision, has_tables = read_revision(path, check=quick_check is None)
        if quick_check is not None:
            quick_check.verdict()
        if revision is None and has_tables:
            raise damaged(path, "is an SQLite file but not a PLN Journal database")
        if revision is not None and revision not in REVISIONS:
            raise DatabaseTooNew(
                f"{path}: was written by a newer version of PLN Journal "
                f"(schema {one_line(revision, 20)}); "
                "update PLN Journal to open it"
            )
    if not create and revision is None:
        raise StorageError(
            f"{path}: is empty, not a journal; it was left as it is (nothing was created: "
            "open the window on it, or add a reflection, to start a journal there)"
        )
    read_only = False
    if has_data and (problem := read_only_problem(path)) is not None:
        if not read_only_ok or revision != HEAD_REVISION:
            raise problem  # said now, not at the first save (reads work without opening)
        read_only = True
    engine = None
    if revision != HEAD_REVISION:  # new or older: SQLAlchemy and Alembic are needed now
        engine = make_engine(path)
        try:
            if revision is not None and backup_before_migrate:
                saved = make_backup(path, f"before-migration-from-{revision}")
                log.info("backed up %s to %s before migrating", path, saved)
            migrate(engine)
        except PlnError:
            engine.dispose()
            raise
        except dbapi.Error + (sa_exc.SQLAlchemyError,) as exc:
            engine.dispose()
            raise describe_sqlite_error(exc, path) from exc
    database = Database(path, engine, read_only=read_only)
    if daily_backup and has_data and not read_only:
        try:
            backup_once_a_day(path)
        except PlnError as exc:  # a backup problem must not lock the user out of the journal
            log.info("daily backup skipped: %s", exc)
            database.warnings.append(f"today's automatic backup was not made: {exc.message}")
    return database


def tighten_modes(path: Path) -> None:
    """A journal made before the app kept its files private (0644, readable by everyone on
    the machine) becomes the user's own, with SQLite's files beside it; best effort (a file
    of someone else's, or a read-only place, is left as it is)."""
    if os.name != "posix":
        return
    for name in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        try:
            st = name.stat()
            if st.st_uid == os.getuid() and st.st_mode & 0o077:
                name.chmod(st.st_mode & 0o700)
        except OSError:
            continue
