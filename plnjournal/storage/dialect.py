"""SQLite connections: the pragmas every connection gets, write transactions that take the
lock up front (waiting while another program writes), and the plain DB-API connection under a
session that the light reads use.

Raw SQL lives in ``storage`` (``search``: FTS5; ``sqlite_file`` and ``sqlite_open``: checks
and counts on plain sqlite3; ``bulk``: import inserts; the migrations) and in two core readers
(``core.journal.days``, ``core.journal.recent``), which read over plain sqlite3 so the window
shows the day before SQLAlchemy has loaded. Everything else goes through the ORM.
"""

from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING, cast

from plnjournal.storage.cipher import dbapi

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Durability: WAL with synchronous=FULL makes every commit reach the disk before it returns,
# and lets the window read while the command line writes. See docs/reliability.md.
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
)
BUSY_TIMEOUT_MS = 10_000
# How long a write waits, in all, for another program's write to finish before giving up.
WRITE_PATIENCE_S = 60.0
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def apply_pragmas(
    dbapi_connection: sqlite3.Connection, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> None:
    """Set up a new connection (the engine calls this on each): durability, foreign keys, and
    how long a statement waits for another program's lock."""
    cur = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cur.execute(pragma)
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cur.close()


def begin_write_if_needed(dbapi_connection: sqlite3.Connection, statement: str) -> None:
    """Start a write transaction with ``BEGIN IMMEDIATE`` before the first write in it.

    sqlite3 would start it lazily with a plain BEGIN; taking the write lock up front means
    nothing inside the transaction can fail with "database is locked" later. SQLite waits
    ``busy_timeout`` for the lock; past that we retry (the transaction has not begun, so a
    retry is always safe) until ``WRITE_PATIENCE_S`` is spent.
    """
    if dbapi_connection.in_transaction:
        return
    if not statement.lstrip()[:7].upper().startswith(_WRITES):
        return
    deadline = time.monotonic() + WRITE_PATIENCE_S
    pause = 0.05
    while True:
        try:
            dbapi_connection.execute("BEGIN IMMEDIATE")
            return
        except dbapi.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def raw_connection(session: Session) -> sqlite3.Connection:
    """The DB-API connection under an SQLAlchemy session, inside the same transaction."""
    driver = session.connection().connection.driver_connection
    # SQLAlchemy types the driver's connection as Any; the engine (``db.make_engine``) is
    # always pysqlite, whose connections are sqlite3's.
    return cast(sqlite3.Connection, driver)


def dbapi_connection(conn_or_session: sqlite3.Connection | Session) -> sqlite3.Connection:
    """A plain DB-API connection as it is, or the one under an SQLAlchemy session (inside its
    transaction): the light reads (search, stats, the window's day) accept either."""
    if isinstance(conn_or_session, dbapi.Connection):  # sqlite3's or SQLCipher's
        return cast(sqlite3.Connection, conn_or_session)
    return raw_connection(cast("Session", conn_or_session))
