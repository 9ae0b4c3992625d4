"""Converting a journal file between plain SQLite and SQLCipher, in place and verified, and
leaving nothing of the old file readable where Python can reach it.

A conversion writes a new private file beside the journal with ``sqlcipher_export`` while it
holds the journal's write lock, checks the copy (integrity, every table's row count), and
renames it over the journal: a crash at any point leaves the old file or the new one. The old
plaintext is kept reachable by a hard link until the new file is in place, then overwritten
and removed (``shred``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from plnjournal.errors import StorageError
from plnjournal.paths import private_file_beside
from plnjournal.storage.backup import _fsync_dir
from plnjournal.storage.cipher import connect_encrypted, dbapi
from plnjournal.storage.keys import key_file, pragma_key

log = logging.getLogger(__name__)

# The old plaintext, reachable under this name only while an encryption swaps the files.
PLAINTEXT_LEFTOVER = ".plaintext-old"
_CHUNK = 1 << 20


def leftover(path: Path) -> Path:
    """Where an encryption keeps the old plaintext of ``path`` until it is overwritten."""
    return path.with_name(path.name + PLAINTEXT_LEFTOVER)


def shred(path: Path) -> None:
    """Overwrite a file's bytes with zeros, sync, and remove it (and its -wal and -shm).

    On a copy-on-write file system or an SSD the old blocks may survive elsewhere on the disk;
    docs/privacy.md says so. A missing file is no error."""
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            size = name.stat().st_size
        except FileNotFoundError:
            continue
        with name.open("r+b") as fh:
            left = size
            zeros = bytes(min(_CHUNK, max(size, 1)))
            while left > 0:
                fh.write(zeros[: min(left, len(zeros))])
                left -= min(left, len(zeros))
            fh.flush()
            os.fsync(fh.fileno())
        name.unlink()


def convert(path: Path, source_key: bytearray | None, target_key: bytearray | None) -> None:
    """Rewrite the SQLite file at ``path`` from ``source_key`` to ``target_key`` (None: plain),
    verified, swapped in by a rename; the old file is shredded after (when it was plaintext).

    The caller writes the key file the new file needs before (encrypting) or removes it after
    (decrypting): a plain header always wins (``keys.is_encrypted``)."""
    new = private_file_beside(path, ".converting")
    try:
        with _sole_connection(path, source_key) as conn:
            key = "''" if target_key is None else f"\"x'{bytes(target_key).hex()}'\""
            conn.execute(f"ATTACH DATABASE ? AS converted KEY {key}", (str(new),))
            try:
                conn.execute("BEGIN IMMEDIATE")  # nobody writes while we copy
                conn.execute("SELECT sqlcipher_export('converted')")
                problem = _compare(conn)
                conn.execute("COMMIT")
            finally:
                with contextlib.suppress(*dbapi.Error):
                    conn.execute("DETACH DATABASE converted")
            if problem is not None:
                raise StorageError(
                    f"{path}: the converted copy did not match the journal ({problem}); "
                    "the journal was left as it is"
                )
            _verify_alone(new, target_key)
            with new.open("rb+") as fh:
                os.fsync(fh.fileno())
            conn.execute("BEGIN IMMEDIATE")  # still nobody writes, until the new file is in
            old = leftover(path)
            old.unlink(missing_ok=True)
            os.link(path, old)  # the old file stays reachable until the new one is in place
            os.replace(new, path)
            _fsync_dir(path.parent)
            conn.execute("ROLLBACK")
    except BaseException:
        for name in (new, new.with_name(new.name + "-journal")):
            name.unlink(missing_ok=True)
        raise
    if source_key is None:
        shred(leftover(path))
    else:
        leftover(path).unlink(missing_ok=True)


@contextlib.contextmanager
def _sole_connection(path: Path, data_key: bytearray | None) -> Iterator[sqlite3.Connection]:
    """The only connection to the file: its write-ahead log folded in and switched off (so
    no -wal or -shm of the old file is left to be replayed into the new one), which SQLite
    allows only when no other process has it open. Connections of this process are not seen
    (POSIX locks are per process): the caller closes its own first."""
    conn = connect_encrypted(str(path), data_key, timeout=2, isolation_level=None)
    try:
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except dbapi.OperationalError as exc:
            if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                raise
            mode = None
        if mode is None or str(mode).lower() != "delete":
            raise StorageError(
                f"{path}: the journal is open in another program (the window?); close it "
                "and try again (nothing was changed)"
            )
        conn.execute("PRAGMA busy_timeout=30000")
        yield conn
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection, schema: str) -> list[str]:
    rows = conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _compare(conn: sqlite3.Connection) -> str | None:
    """What differs between the journal (``main``) and its copy (``converted``): the tables,
    or a table's row count; None when they match. A full-text index is compared by the tables
    that hold it (its virtual table is not readable in the copy until it is opened anew)."""
    tables = _tables(conn, "main")
    if tables != _tables(conn, "converted"):
        return "not the same tables"
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        a = conn.execute(f"SELECT count(*) FROM main.{quoted}").fetchone()[0]
        b = conn.execute(f"SELECT count(*) FROM converted.{quoted}").fetchone()[0]
        if a != b:
            return f"{table}: {a} rows, the copy {b}"
    return None


def _verify_alone(new: Path, data_key: bytearray | None) -> None:
    """The copy opens on its own with its key and passes SQLite's integrity check."""
    conn = connect_encrypted(str(new), data_key)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()
    if problems != ["ok"]:
        raise StorageError(
            f"{new}: the converted copy failed its integrity check ({problems[0]}); "
            "the journal was left as it is"
        )


def encrypt_file(path: Path, data_key: bytearray) -> None:
    """Encrypt a plain file that nothing else has open (a backup) in place, under ``data_key``;
    its key file must already be beside it."""
    if not key_file(path).exists():
        raise StorageError(f"{path}: no key file beside it; not encrypted")
    convert(path, None, data_key)


def reads_with(path: Path, data_key: bytearray) -> bool:
    """Whether ``data_key`` opens the SQLCipher file at ``path``."""
    try:
        conn = connect_encrypted(str(path), data_key)
    except dbapi.Error:
        return False
    try:
        conn.execute(pragma_key(data_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except dbapi.Error:
        return False
    finally:
        conn.close()
