"""Checking and reading the journal file with plain sqlite3, without importing SQLAlchemy.

Read-only commands (stats, search) run on this alone, which keeps them fast to start.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.errors import DatabaseDamaged, DatabaseTooNew, PlnError, StorageError
from plnjournal.lazy import lazy_module
from plnjournal.storage.cipher import dbapi
from plnjournal.storage.keys import is_encrypted
from plnjournal.storage.schema import one_line, read_objects, schema_message, schema_problems
from plnjournal.storage.sqlite_open import (
    HEAD_REVISION,
    REVISIONS,
    SQLITE_MAGIC,
    lenient_text,
    open_readonly,
    quick_check_problems,
)

if TYPE_CHECKING:
    from plnjournal.storage import backup_check
else:
    # Only a damaged journal needs the backups' advice: keeps storage.backup (and logging) off
    # the quick commands' start (docs/performance.md, "Where the start-up deferrals are").
    backup_check = lazy_module("plnjournal.storage.backup_check")


def damaged(path: Path, what: str, *, exit_code: int | None = None) -> DatabaseDamaged:
    """A damaged-journal error that names the newest sound backup (the file is left alone);
    ``exit_code`` 2 when the file was never a journal (bad input, not a failure)."""
    advice, good = backup_check.damaged_advice(path)
    return DatabaseDamaged(
        f"{path}: {what}; {advice}", path=path, good_backup=good, exit_code=exit_code
    )


def describe_sqlite_error(exc: BaseException, path: Path) -> StorageError:
    """Turn an SQLite error into a message the user can act on."""
    text = str(getattr(exc, "orig", exc) or exc).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            f"{path}: the journal is busy (locked by another program); try again in a moment"
        )
    if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
        return read_only_problem(path) or StorageError(
            f"{path}: the journal cannot be written (the file or folder is read-only)"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError(f"{path}: the disk is full; free some space, nothing was changed")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return damaged(path, "the journal file is damaged or is not a PLN Journal database")
    if "unable to open" in text:
        return read_only_problem(path) or StorageError(f"{path}: the journal file cannot be opened")
    return StorageError(f"{path}: database error: {first_line(getattr(exc, 'orig', exc))}")


def first_line(exc: BaseException, limit: int = 200) -> str:
    """The error's own first line, shortened: never the statement or its values that a
    database library may add on the lines after (issue 18, finding 7)."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_only_problem(path: Path) -> StorageError | None:
    """Which of the file or its folder is read-only, said so the user knows what to change."""
    if path.parent.exists() and not os.access(path.parent, os.W_OK):
        return StorageError(
            f"{path}: the folder {path.parent} is read-only, and PLN Journal writes beside "
            "the journal (its -wal and -shm files); make the folder writable or copy the "
            "journal to one that is (nothing was changed)"
        )
    if path.exists() and not os.access(path, os.W_OK):
        return StorageError(
            f"{path}: the journal file is read-only; make it writable to change the journal "
            "(nothing was changed)"
        )
    return None


def check_file(path: Path, create: bool) -> bool:
    """Check the path is usable; return True when the file already holds data."""
    if path.is_dir():
        raise StorageError(
            f"{path}: is a folder, not a journal file; give a file name", exit_code=2
        )
    if not path.exists():
        if not create:
            raise StorageError(f"{path}: no journal there")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"{path.parent}: cannot create the journal's folder: {exc.strerror}"
            ) from exc
        if not os.access(path.parent, os.W_OK):
            raise StorageError(
                f"{path.parent}: the folder is read-only; cannot create a journal there"
            )
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the journal file: {exc.strerror}") from exc
    if not head:
        return False
    if head != SQLITE_MAGIC:
        if is_encrypted(path):  # SQLCipher's pages, its key file beside it
            return True
        raise damaged(path, "is not a PLN Journal database (not an SQLite file)", exit_code=2)
    return True


def read_revision(path: Path, *, check: bool = True) -> tuple[str | None, bool]:
    """The file's schema revision and whether it holds anything, read with plain sqlite3;
    with ``check``, after SQLite's quick check of the whole file (its cost grows with the
    file: docs/performance.md, "Before and after (session 2)").

    A journal at a revision this version knows must hold exactly the schema PLN Journal makes
    (storage/schema.py): a trigger, view, table or index from elsewhere would act in it, so
    such a file is refused like a damaged one (kept as it is, its newest sound backup named).
    """
    try:
        conn = lenient_text(open_readonly(path))
    except dbapi.Error as exc:
        raise describe_sqlite_error(exc, path) from exc
    try:
        objects = read_objects(conn)
        if check and (problems := quick_check_problems(conn)):
            raise damaged(path, f"the journal file is damaged ({one_line(problems[0])})")
        if not any(kind == "table" and name == "alembic_version" for kind, name, _t, _s in objects):
            return None, bool(objects)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        if revision in REVISIONS and (foreign := schema_problems(objects, revision)):
            raise damaged(
                path,
                f"{schema_message(foreign)}, so it was not opened (another program changed it)",
            )
        return revision, True
    except dbapi.Error as exc:
        raise describe_sqlite_error(exc, path) from exc
    except UnicodeDecodeError as exc:  # SQLite's words about a damaged schema, not UTF-8
        raise damaged(path, "the journal file is damaged (its schema is not text)") from exc
    finally:
        conn.close()


class QuickCheck:
    """The whole-file quick check, run on a thread of its own while the caller does other work.

    SQLite lets other Python threads run while it reads, so the window's start can import Qt
    and build the window meanwhile (the check grows with the file: docs/performance.md) and
    ask for the verdict before anything is written. ``start`` returns None
    when there is nothing to check yet (no file, or an empty one).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._problems: list[str] = []
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, path: Path) -> QuickCheck | None:
        """Start the check, or None when there is nothing to check yet."""
        try:
            if path.stat().st_size == 0 or not path.is_file():
                return None
        except OSError:
            return None
        return cls(path)

    def _run(self) -> None:
        try:
            conn = lenient_text(open_readonly(self.path))
            try:
                self._problems = quick_check_problems(conn)
            finally:
                conn.close()
        except dbapi.Error as exc:
            self._error = exc
        except PlnError as exc:  # locked: said at the verdict, as the opening says it
            self._error = exc
        except UnicodeDecodeError:  # SQLite's words about a damaged schema, not UTF-8
            self._problems = ["its schema is not text"]

    def verdict(self) -> None:
        """Wait for the check; raise what it found, as ``read_revision``'s own check does."""
        self._thread.join()
        if isinstance(self._error, PlnError):
            raise self._error
        if self._error is not None:
            raise describe_sqlite_error(self._error, self.path) from self._error
        if self._problems:
            raise damaged(self.path, f"the journal file is damaged ({one_line(self._problems[0])})")


def connect_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to an up-to-date journal, or None when it must be opened fully
    (missing, empty, or needing a migration).

    No whole-file quick check here: a read command writes nothing and backs nothing up, and
    the check cost more than the search itself on a large journal. Damage the command meets
    is reported as SQLite finds it, with the same message (``cli.context.storage_problem``);
    opening the journal to write still checks the whole file first.
    """
    if not check_file(path, create=True):
        return None
    revision, has_tables = read_revision(path, check=False)
    if revision is None and has_tables:
        raise damaged(path, "is an SQLite file but not a PLN Journal database")
    if revision is not None and revision not in REVISIONS:
        raise DatabaseTooNew(
            f"{path}: was written by a newer version of PLN Journal "
            f"(schema {one_line(revision, 20)}); "
            "update PLN Journal to open it"
        )
    if revision != HEAD_REVISION:
        return None
    try:
        conn = open_readonly(path)
        conn.execute("PRAGMA busy_timeout=10000")
    except dbapi.Error as exc:
        raise describe_sqlite_error(exc, path) from exc
    return conn


def journal_counts(conn: sqlite3.Connection) -> dict[str, int | str | None]:
    """Counts of the journal's main tables and its first and last entry dates."""
    out: dict[str, int | str | None] = {}
    for key, table in (
        ("entries", "entries"),
        ("skills", "skills"),
        ("ratings", "ratings"),
        ("feedback_items", "feedback_items"),
        ("commitments", "commitments"),
    ):
        out[key] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    first, last = conn.execute("SELECT min(entry_date), max(entry_date) FROM entries").fetchone()
    out["first_entry"] = first
    out["last_entry"] = last
    return out
