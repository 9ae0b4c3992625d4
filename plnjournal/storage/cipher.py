"""The one place that opens a journal file: SQLCipher keyed with the journal's data key when the
journal is encrypted, plain sqlite3 otherwise.

Every connection of storage (the readers, the engine, backups, restores, checks) and of quick
capture comes from ``connect``. SQLCipher's errors are not sqlite3's classes, so code that
catches a database error catches ``dbapi.Error`` (and its kin), which grow SQLCipher's classes
the first time an encrypted journal is opened.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from plnjournal.errors import JournalLocked
from plnjournal.lazy import lazy_module
from plnjournal.storage.keys import is_encrypted, pragma_key, registered_key

if TYPE_CHECKING:
    import sqlcipher3.dbapi2 as sqlcipher
else:
    # A plain journal never loads SQLCipher (docs/performance.md, "Where the start-up
    # deferrals are"): only a journal with a key file does.
    sqlcipher = lazy_module("sqlcipher3.dbapi2")


class dbapi:
    """The DB-API classes of both drivers; SQLCipher's join when it is first loaded."""

    Error: tuple[type[Exception], ...] = (sqlite3.Error,)
    DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
    OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
    IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
    Connection: tuple[type[Any], ...] = (sqlite3.Connection,)

    @classmethod
    def exactly_database_error(cls, exc: BaseException) -> bool:
        """``exc`` is a DatabaseError itself (damage), not one of its kinds (a constraint)."""
        return type(exc) in cls.DatabaseError


_learned = threading.Lock()


def _learn_sqlcipher() -> None:
    if sqlcipher.Error in dbapi.Error:
        return
    with _learned:
        if sqlcipher.Error in dbapi.Error:
            return
        # Quiet: SQLCipher logs each failed page decryption to stderr; the user hears of a
        # wrong key once, as our own message.
        probe = sqlcipher.connect(":memory:")
        probe.execute("PRAGMA cipher_log_level = NONE")
        probe.close()
        dbapi.DatabaseError = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
        dbapi.OperationalError = (sqlite3.OperationalError, sqlcipher.OperationalError)
        dbapi.IntegrityError = (sqlite3.IntegrityError, sqlcipher.IntegrityError)
        dbapi.Connection = (sqlite3.Connection, sqlcipher.Connection)
        dbapi.Error = (sqlite3.Error, sqlcipher.Error)


def sqlite_uri(path: Path, **params: str) -> str:
    """A ``file:`` URI for ``path`` that survives ``?``, ``#`` and ``%`` in folder names."""
    uri = Path(os.path.abspath(path)).as_uri()
    if params:
        uri += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return uri


def connect(
    path: Path,
    *,
    key_from: Path | None = None,
    timeout: float = 5.0,
    check_same_thread: bool = True,
    **uri_params: str,
) -> sqlite3.Connection:
    """A connection to the journal file at ``path`` (``uri_params``: ``mode``, ``immutable``).

    ``key_from``: the journal whose key opens ``path`` — for a new file that becomes a copy of
    it (a backup, a restore's staged copy). An encrypted journal whose key this process was
    not given raises ``JournalLocked``, never SQLite's "not a database".
    """
    journal = key_from or path
    target = sqlite_uri(path, **uri_params) if uri_params else str(path)
    if not is_encrypted(journal):
        return sqlite3.connect(
            target, uri=bool(uri_params), timeout=timeout, check_same_thread=check_same_thread
        )
    return connect_encrypted(
        target,
        key_for(journal),
        uri=bool(uri_params),
        timeout=timeout,
        check_same_thread=check_same_thread,
    )


def key_for(journal: Path) -> bytearray:
    """The data key this process holds for ``journal``, or ``JournalLocked``."""
    key = registered_key(journal)
    if key is None:
        raise JournalLocked(f"{journal}: the journal is encrypted and has not been unlocked")
    return key


def connect_encrypted(
    target: str,
    data_key: bytes | bytearray | None,
    *,
    uri: bool = False,
    timeout: float = 5.0,
    check_same_thread: bool = True,
    isolation_level: str | None = "",
) -> sqlite3.Connection:
    """An SQLCipher connection keyed with ``data_key`` (a new file there is made encrypted);
    None: a plain file opened by SQLCipher, to convert it (``sqlcipher_export``)."""
    _learn_sqlcipher()
    conn = sqlcipher.connect(
        target,
        uri=uri,
        timeout=timeout,
        check_same_thread=check_same_thread,
        isolation_level=isolation_level,
    )
    if data_key is not None:
        conn.execute(pragma_key(data_key))
    # The same DB-API as sqlite3's; typed as sqlite3's so every caller stays one type.
    return cast(sqlite3.Connection, conn)
