"""What a journal file is (its header, the schema revisions this version knows) and how to open
one read-only with plain sqlite3: the lowest piece of storage, which the file checks, the
backups and the restore all build on (so none of them has to import another to get it).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from plnjournal.storage.cipher import connect, dbapi
from plnjournal.storage.cipher import sqlite_uri as sqlite_uri  # where callers found it
from plnjournal.storage.keys import SQLITE_MAGIC as SQLITE_MAGIC

# Every revision this version knows, oldest first. A file at a revision not listed here was
# written by a newer PLN Journal. tests/storage/test_migrations.py keeps this in step with
# the Alembic scripts.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
HEAD_REVISION = REVISIONS[-1]


def open_readonly(path: Path, *, any_thread: bool = False) -> sqlite3.Connection:
    """A read-only connection, which also works in a read-only folder.

    SQLite needs a ``-shm`` file beside a WAL journal even to read it, and cannot create one
    in a read-only folder. When no write-ahead log is pending there (nobody can be writing to
    such a folder), the file is read as it stands (``immutable``). ``any_thread``: for a
    connection pool that hands it to other threads (one at a time).
    """
    same = not any_thread
    conn = connect(path, mode="ro", timeout=10, check_same_thread=same)
    try:
        _first_read(conn)
        return conn
    except UnicodeDecodeError as exc:
        # SQLite's message about a damaged schema quotes its bytes, which need not be UTF-8:
        # said as the damage it is, so every caller reports it like any other.
        conn.close()
        raise sqlite3.DatabaseError(
            "database disk image is malformed (its schema is not text)"
        ) from exc
    except dbapi.OperationalError:
        conn.close()
        wal = path.with_name(path.name + "-wal")
        if os.access(path.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
            raise
    return connect(path, mode="ro", immutable="1", check_same_thread=same)


FIRST_READ_TRIES = 6


def _first_read(conn: sqlite3.Connection) -> None:
    """Read the schema once, again after a pause when SQLite says "locked" at once: a
    read-only connection cannot wait out a writer resetting the write-ahead log's index
    (SQLite does not ask the busy handler then; seen with a writer in a loop)."""
    for attempt in range(FIRST_READ_TRIES):
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return
        except dbapi.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or attempt == FIRST_READ_TRIES - 1:
                raise
        time.sleep(0.02 * 2**attempt)


def _lenient(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def lenient_text(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Read text that is not UTF-8 with replacement characters instead of failing: for the
    checks, which read a file's own words about itself (names in its schema, what its
    integrity check says), and a damaged or crafted file may hold any bytes there."""
    conn.text_factory = _lenient
    return conn


def quick_check_problems(conn: sqlite3.Connection) -> list[str]:
    """What the whole-file check at opening finds; empty when the file is sound.

    A plain journal gets SQLite's quick check. An encrypted one gets SQLCipher's page check
    instead: every page's authentication code is verified, so any changed byte is found, for
    about a quarter of the quick check's time (docs/performance.md, "Encrypted journals"),
    which an encrypted start cannot hide behind Qt's loading as a plain one does (the key comes
    first). What it does not see is a file whose pages are each whole but disagree with one
    another (a lost write); the backups' check (backup_check.py) reads the structure before a
    backup is restored or offered.
    """
    if not isinstance(conn, sqlite3.Connection):  # SQLCipher's own connection class
        return [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if problems == ["ok"] else problems
