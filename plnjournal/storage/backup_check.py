"""Checking backups: whole, and a PLN Journal this version can open; and, for a damaged
journal, which of its backups is the newest sound one (what the damaged-journal message names).
"""

from __future__ import annotations

from pathlib import Path

from plnjournal.errors import DatabaseDamaged, DatabaseTooNew, PlnError, StorageError
from plnjournal.storage.backup import BackupInfo, backup_infos
from plnjournal.storage.cipher import connect, dbapi
from plnjournal.storage.keys import is_encrypted
from plnjournal.storage.schema import check_schema, one_line
from plnjournal.storage.sqlite_open import REVISIONS, SQLITE_MAGIC, lenient_text


def verify_backup(path: Path, *, quick: bool = False) -> str:
    """Check a backup is whole, a PLN Journal this version can open, and holds nothing PLN
    Journal does not make (storage/schema.py); return its revision."""
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a backup file")
    if not path.exists():
        raise StorageError(f"{path}: no such backup ('plnjournal backups' lists them)", exit_code=2)
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the backup: {exc.strerror}") from exc
    if head != SQLITE_MAGIC and not is_encrypted(path):
        raise DatabaseDamaged(
            f"{path}: is not a PLN Journal backup (not an SQLite file)", exit_code=2
        )
    try:
        # immutable: a backup is never written, so read it without locks or -wal/-shm files.
        conn = lenient_text(connect(path, mode="ro", immutable="1"))
        try:
            check = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
            problems = [r[0] for r in conn.execute(check).fetchall()]
            if problems != ["ok"]:
                raise DatabaseDamaged(f"{path}: the backup is damaged ({one_line(problems[0])})")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
            # Its triggers would run in the live journal: nothing PLN Journal does not make.
            foreign = check_schema(conn, row[0]) if row and row[0] in REVISIONS else None
        finally:
            conn.close()
    except dbapi.Error + (UnicodeDecodeError,) as exc:
        # SQLite's message about a damaged schema quotes its bytes, which need not be UTF-8.
        raise DatabaseDamaged(f"{path}: the backup cannot be read ({_said(exc)})") from exc
    if row is None:
        raise DatabaseDamaged(f"{path}: is an SQLite file but not a PLN Journal backup")
    revision: str = row[0]
    if foreign is not None:
        raise DatabaseDamaged(f"{path}: {foreign}; not restored")
    if revision not in REVISIONS:
        raise DatabaseTooNew(
            f"{path}: the backup was written by a newer version of PLN Journal "
            f"(schema {one_line(revision, 20)}); update PLN Journal to restore it"
        )
    return revision


def _said(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "its schema is damaged: SQLite's description of it is not text"
    return one_line(exc)


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest of this journal's backups that passes SQLite's quick check."""
    for info in backup_infos(db_path):
        try:
            verify_backup(info.path, quick=True)
        except PlnError:
            continue
        return info
    return None


def damaged_advice(db_path: Path) -> tuple[str, BackupInfo | None]:
    """What to tell the user about a damaged journal: keep it, and which backup to restore."""
    try:
        good = newest_good_backup(db_path)
    except OSError:
        good = None
    if good is None:
        return "it was left as it is; no sound backup of it was found", None
    return (
        f"it was left as it is; the newest sound backup is {good.path} "
        f"(made {good.made_at:%Y-%m-%d %H:%M})",
        good,
    )
