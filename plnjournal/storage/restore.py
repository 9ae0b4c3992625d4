"""Putting a backup back in place of the journal, atomically and reversibly.

A restore never loses the journal it replaces: a sound journal is backed up first
(``before-restore``), a damaged one is kept beside it as ``<name>.damaged-<time>``. The
backup's content goes in as ONE SQLite transaction (the online backup API writing into the live
file), so a crash leaves either the old journal or the restored one, and a window that has the
journal open sees the restored content on its next read instead of a file swapped under it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from plnjournal.errors import DatabaseDamaged, PlnError, StorageError
from plnjournal.paths import private_file_beside
from plnjournal.storage.backup import _fsync_dir, make_backup
from plnjournal.storage.backup_check import verify_backup
from plnjournal.storage.cipher import connect, dbapi
from plnjournal.storage.db import open_database
from plnjournal.storage.keys import copy_key_file, is_encrypted, journal_id, key_file
from plnjournal.storage.sqlite_file import check_file, describe_sqlite_error, read_revision
from plnjournal.storage.sqlite_open import HEAD_REVISION

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did, for the message the user sees."""

    backup: Path
    saved: Path | None  # the journal as it was, backed up first
    damaged_kept: Path | None  # a damaged journal, moved aside rather than backed up
    migrated_from: str | None  # the backup's older schema, upgraded after restoring


def restore_backup(db_path: Path, backup: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Put ``backup`` in place of the journal at ``db_path`` (which may be missing or damaged)."""
    now = now or dt.datetime.now()
    backup = Path(backup)
    if backup.exists() and db_path.exists() and backup.resolve() == db_path.resolve():
        raise StorageError(f"{backup}: is the journal itself, not a backup of it")
    revision = verify_backup(backup)
    _same_key(backup, db_path)
    with contextlib.suppress(DatabaseDamaged):  # a damaged journal is moved aside later
        check_file(db_path, create=True)  # a folder given as the journal is said so
    staged: Path | None = None
    damaged_kept = None
    try:
        staged = _stage(backup, db_path)
        # What goes in is the private copy: checked again, so a backup swapped after its
        # check (a shared folder) never brings in what the check refused.
        if (changed := _changed_since_check(staged, revision)) is not None:
            raise DatabaseDamaged(
                f"{backup}: changed while it was being restored ({changed}); not restored"
            )
        sound, saved = _save_current(db_path, now)
        if sound:
            _write_into_live(staged, db_path)
        else:
            damaged_kept = _replace_file(staged, db_path, now)
    except dbapi.Error + (OSError,) as exc:
        raise describe_sqlite_error(exc, db_path) from exc
    finally:
        if staged is not None:
            key_file(staged).unlink(missing_ok=True)
            staged.unlink(missing_ok=True)
            staged.with_name(staged.name + "-journal").unlink(missing_ok=True)
    log.info(
        "restored %s from %s (saved: %s, damaged kept: %s)", db_path, backup, saved, damaged_kept
    )
    migrated_from = None
    if revision != HEAD_REVISION:
        open_database(db_path).close()  # upgrades, after its own backup
        migrated_from = revision
    return RestoreResult(backup, saved, damaged_kept, migrated_from)


def _same_key(backup: Path, db_path: Path) -> None:
    """A backup goes into the live journal page by page, so both must be plain or both
    encrypted with the same data key (a journal's own backups always are)."""
    live = db_path.exists() and db_path.stat().st_size > 0
    if not live or (not is_encrypted(backup) and not is_encrypted(db_path)):
        return
    if is_encrypted(backup) and is_encrypted(db_path):
        live_id = journal_id(db_path)
        if live_id is None or journal_id(backup) == live_id:
            return  # the same key (or a damaged key file: replaced as a damaged journal)
    raise StorageError(
        f"{backup}: was made when the journal was "
        + ("encrypted with another key" if is_encrypted(backup) else "not encrypted")
        + "; it cannot be put into the journal as it is now (nothing was changed)",
        exit_code=2,
    )


def _changed_since_check(staged: Path, revision: str) -> str | None:
    """What the staged copy's own check finds that the backup's did not; None when nothing."""
    try:
        again = verify_backup(staged)
    except PlnError as exc:
        return exc.message
    return None if again == revision else f"now at schema {again}"


def _save_current(db_path: Path, now: dt.datetime) -> tuple[bool, Path | None]:
    """Back up a sound journal; report a damaged or missing one (it is moved aside later)."""
    try:
        has_data = check_file(db_path, create=True)
        if has_data:
            read_revision(db_path)
    except DatabaseDamaged:
        return False, None
    if not has_data:
        return False, None
    return True, make_backup(db_path, "before-restore", now=now)


def _stage(backup: Path, db_path: Path) -> Path:
    """A private copy of the backup beside the journal (same disk, so it can be renamed in),
    in a new file of its own (``private_file_beside``: never a file or link already there)."""
    staged = private_file_beside(db_path, ".restoring")
    try:
        if is_encrypted(backup):  # the copy opens as the backup does, with its key file
            copy_key_file(backup, staged)
        src = connect(backup, mode="ro", immutable="1")
        try:
            dest = connect(staged, key_from=backup)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        finally:
            src.close()
    except BaseException:
        key_file(staged).unlink(missing_ok=True)
        staged.unlink(missing_ok=True)
        raise
    return staged


def _write_into_live(staged: Path, db_path: Path) -> None:
    """Copy ``staged`` into the live journal as one transaction of the journal itself."""
    dest = connect(db_path, timeout=30)
    try:
        dest.execute("PRAGMA busy_timeout=30000")
        page_size = dest.execute("PRAGMA page_size").fetchone()[0]
        src = connect(staged)
        try:
            if src.execute("PRAGMA page_size").fetchone()[0] != page_size:
                # A WAL journal only accepts pages of its own size: convert the copy first.
                src.execute(f"PRAGMA page_size={int(page_size)}")
                src.execute("VACUUM")
            src.backup(dest)
        finally:
            src.close()
    finally:
        dest.close()


def _replace_file(staged: Path, db_path: Path, now: dt.datetime) -> Path | None:
    """Swap the file itself: keep a damaged journal (and its -wal/-shm) aside, rename in."""
    kept = None
    if db_path.exists():
        kept = db_path.with_name(f"{db_path.name}.damaged-{now:%Y%m%d-%H%M%S}")
        try:
            os.link(db_path, kept)  # the damaged file stays reachable at every instant
        except OSError:
            shutil.copy2(db_path, kept)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            # Never let the old write-ahead log be replayed into the restored file.
            side.replace(kept.with_name(kept.name + suffix) if kept else side.with_suffix(".old"))
    with staged.open("rb+") as fh:
        os.fsync(fh.fileno())
    # An encrypted backup's key file comes with it, first, unless the journal's own is for the
    # same key (it may hold a newer passphrase).
    if is_encrypted(staged) and journal_id(db_path) != journal_id(staged):
        copy_key_file(staged, db_path)
    staged.replace(db_path)
    with contextlib.suppress(OSError):
        _fsync_dir(db_path.parent)
    return kept
