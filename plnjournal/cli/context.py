"""What a command needs from its surroundings: the journal, opened once and only if used."""

from __future__ import annotations

import contextlib
import shlex
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from plnjournal.cli.output import print_warning
from plnjournal.cli.passphrase import current_secret
from plnjournal.errors import DatabaseDamaged, InputError, PlnError
from plnjournal.lazy import lazy_module
from plnjournal.paths import resolve_db_path
from plnjournal.storage.cipher import dbapi
from plnjournal.storage.keys import is_encrypted
from plnjournal.storage.sqlite_file import connect_readonly, describe_sqlite_error

if TYPE_CHECKING:
    from plnjournal.storage import db as storage_db
    from plnjournal.storage import encryption
    from plnjournal.storage.backup import BackupInfo
    from plnjournal.storage.db import Database
else:
    # Opening the journal for writing: keeps storage.db off search, show and stats, which
    # read over a plain connection (docs/performance.md, "The command line's start").
    storage_db = lazy_module("plnjournal.storage.db")
    # Only an encrypted journal needs its keys unwrapped (same place, "Encrypted journals").
    encryption = lazy_module("plnjournal.storage.encryption")


class Context:
    """One command's surroundings: which journal, and the connections it opened, closed
    once by ``main`` whatever happens."""

    def __init__(self, db_arg: str | None = None, debug: bool = False) -> None:
        self.db_arg = db_arg
        self.debug = debug
        self._db: Database | None = None
        self._reader: sqlite3.Connection | None = None

    @property
    def db_path(self) -> Path:
        """The journal's file: ``--db``, else ``$PLNJOURNAL_DB``, else the user data folder."""
        if self.db_arg is not None and not self.db_arg.strip():
            raise InputError("--db: an empty path; give the journal's file name")
        return resolve_db_path(self.db_arg)

    def journal_files(self) -> list[Path]:
        """The journal's file and SQLite's files beside it, as they exist now."""
        try:
            path = self.db_path
        except PlnError:
            return []
        names = [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]
        return [p for p in names if p.exists()]

    def db(self, *, create: bool = True) -> Database:
        """The journal, opened for writing; ``create=False`` (commands that only read or copy
        it) refuses a missing or empty file rather than making a journal of it, and reads a
        read-only journal rather than refusing it (a write then says it is read-only)."""
        if self._db is None:
            if not create:
                self._require_journal()
            elif self.db_arg and not self.db_path.parent.is_dir():
                # A mistyped --db never makes a tree of folders.
                raise InputError(
                    f"--db: {self.db_path.parent}: no such folder; create it first "
                    "(nothing was created)"
                )
            self.ensure_unlocked()

            with self._damage_advice():
                self._db = storage_db.open_database(
                    self.db_path, create=create, daily_backup=True, read_only_ok=not create
                )
            for warning in self._db.warnings:
                print_warning(warning)
        return self._db

    def ensure_unlocked(self, path: Path | None = None) -> None:
        """An encrypted journal's key (or a backup's: ``path``), before anything opens it:
        from the OS keyring when the user chose to remember it, else the passphrase
        (``cli.passphrase``). A plain journal costs one missing-file check."""
        path = path or self.db_path
        if not is_encrypted(path) or encryption.is_unlocked(path):
            return
        if encryption.unlock_from_keyring(path):
            return
        encryption.unlock(path, current_secret(path))

    def require_journal(self) -> None:
        """Refuse, in one line, a journal that is not there (nothing is created)."""
        self._require_journal()

    def _require_journal(self) -> None:
        path = self.db_path
        if path.exists():
            return
        if self.db_arg:
            raise InputError(
                f"no journal at {path}; nothing was created (check the path, or start a "
                "journal there by opening the window on it)"
            )
        raise InputError(
            f"no journal yet at {path}; nothing was created (open the window or run "
            "'plnjournal demo' to start one)"
        )

    @contextlib.contextmanager
    def _damage_advice(self) -> Iterator[None]:
        """A damaged journal's message ends with the exact command that restores it."""
        try:
            yield
        except DatabaseDamaged as exc:
            if exc.good_backup is None:
                raise
            db = f"--db {shlex.quote(str(self.db_path))} " if self.db_arg else ""
            backup = cast("BackupInfo", exc.good_backup).path
            command = f"plnjournal {db}restore {shlex.quote(str(backup))}"
            raise DatabaseDamaged(
                f"{exc.message}; restore it with: {command}",
                path=exc.path,
                good_backup=exc.good_backup,
            ) from exc

    def storage_problem(self, exc: BaseException) -> PlnError | None:
        """The user's message for an SQLite error a read command met on its plain connection
        (a damaged page, a locked file, a full disk), with the restore advice; None for
        anything else — a misused statement or a broken constraint is a bug, not the file."""
        if not (isinstance(exc, dbapi.OperationalError) or dbapi.exactly_database_error(exc)):
            return None
        try:
            with self._damage_advice():
                raise describe_sqlite_error(exc, self.db_path) from exc
        except PlnError as problem:
            return problem

    def reader(self) -> sqlite3.Connection:
        """A read-only DB-API connection for fast read commands; falls back to opening the
        journal fully (migrating it) when it is not up to date. Never creates a journal."""
        if self._reader is None:
            self._require_journal()  # a read never creates a journal
            self.ensure_unlocked()
            with self._damage_advice():
                conn = connect_readonly(self.db_path)
            if conn is None:
                self.db(create=False)
                conn = connect_readonly(self.db_path)
                assert conn is not None, "opened (and migrated) just now: it is up to date"
            self._reader = conn
        return self._reader

    def close(self) -> None:
        """Close what the command opened; ``main`` calls it after every command."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._db is not None:
            self._db.close()
            self._db = None
