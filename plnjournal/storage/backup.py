"""Consistent copies of the journal with SQLite's online backup API, never a file copy.

Backups live in ``backups/`` beside the journal and are named
``<stem>-YYYYMMDD-HHMMSS-<reason>.sqlite3``; the name alone says when and why, so listing
and rotation never open a file. Rotation (``prune_backups``) runs after every backup:

* ``daily`` backups (the first start of each day): the newest of each of the last 7 days,
  of each of the last 4 weeks and of each of the last 12 months that have one;
* backups made before a migration, restore or import (``before-…``): the 5 newest of each kind;
* ``manual`` backups (``plnjournal backup``, "Back up now"): never deleted automatically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from plnjournal.errors import PlnError, StorageError
from plnjournal.paths import backup_dir, private_file_beside
from plnjournal.storage.cipher import connect, dbapi
from plnjournal.storage.keys import copy_key_file, is_encrypted, key_file
from plnjournal.storage.sqlite_open import open_readonly

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_PER_EVENT = 5

DAILY = "daily"
MANUAL = "manual"

_SAFE = re.compile(r"[^a-z0-9-]+")
_REASON_LABELS = {
    DAILY: "Daily",
    MANUAL: "Made by hand",
    "before-restore": "Before a restore",
    "before-migration": "Before an upgrade",
    "before-feedback-import": "Before a feedback import",
    "before-journal-import": "Before a journal import",
}


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, described from its name (no need to open it)."""

    path: Path
    made_at: dt.datetime
    reason: str
    size: int

    @property
    def kind(self) -> str:
        """``daily``, ``manual``, or the event it preceded (``before-feedback-import``, …)."""
        if self.reason in (DAILY, MANUAL):
            return self.reason
        base = re.sub(r"-from-.*$", "", self.reason)  # before-migration-from-0001
        return re.sub(r"-\d+$", "", base)  # a same-second duplicate's counter

    @property
    def label(self) -> str:
        """What a person calls this backup ("Before a feedback import")."""
        return _REASON_LABELS.get(self.kind, self.kind.replace("-", " ").capitalize())


def format_size(size: int) -> str:
    """Sizes as people read them: 812 KB, 7.3 MB."""
    if size < 1000:
        return f"{size} B"
    scaled = float(size)
    for unit in ("KB", "MB", "GB"):
        scaled /= 1000
        if scaled < 1000 or unit == "GB":
            return f"{scaled:.0f} {unit}" if scaled >= 100 else f"{scaled:.1f} {unit}"
    return f"{size} B"  # pragma: no cover - the loop always returns


def _name_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"-(\d{8})-(\d{6})-([a-z0-9][a-z0-9-]*)\.sqlite3")


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable: on POSIX the folder entry itself must reach the disk."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_failure(src: Path, dest: Path, exc: BaseException) -> StorageError:
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return StorageError(
            f"could not back up {src} to {dest}: the disk is full; the journal itself is unchanged"
        )
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return StorageError(
            f"could not back up {src} to {dest}: {dest.parent} is read-only; "
            "the journal itself is unchanged"
        )
    return StorageError(f"could not back up {src} to {dest}: {exc}")


def copy_database(src: Path, dest: Path) -> Path:
    """Copy ``src`` to ``dest`` consistently, even while another process writes to ``src``.

    The copy is a standalone file (rollback-journal mode, no ``-wal`` beside it), written to
    a new private file beside it (``.NAME.<random>.part``, 0600) and renamed, so a backup is
    either whole or absent, even after a crash.

    An encrypted journal's copy is encrypted with the same data key, and its key file goes
    beside it (written first), so the backup opens with the journal's passphrase on its own.
    """
    tmp: Path | None = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = private_file_beside(dest, ".part")  # new, 0600: never a planted link
        source = open_readonly(src)  # also from a read-only folder or medium
        try:
            if is_encrypted(src):
                copy_key_file(src, dest)
            target = connect(tmp, key_from=src)
            try:
                source.backup(target)
                # The copied header still says WAL; a backup should open on its own.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        tmp.replace(dest)
        _fsync_dir(dest.parent)
    except dbapi.Error + (OSError, PlnError) as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
                tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
                if not dest.exists():
                    key_file(dest).unlink(missing_ok=True)
        if isinstance(exc, PlnError):  # a locked journal, a key file that cannot be written
            raise
        raise _copy_failure(src, dest, exc) from exc
    return dest


def make_backup(db_path: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    """A timestamped backup in the journal's backup folder, named for why it was made.

    Old backups are rotated afterwards (see the module docstring); a failure to rotate is
    logged, never raised, so it cannot stop the import or migration that asked for the backup.
    """
    now = now or dt.datetime.now()
    tag = _SAFE.sub("-", reason.lower()).strip("-") or MANUAL
    stem = db_path.stem
    folder = backup_dir(db_path)
    dest = folder / f"{stem}-{now:%Y%m%d-%H%M%S}-{tag}.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{stem}-{now:%Y%m%d-%H%M%S}-{tag}-{n}.sqlite3"
    copy_database(db_path, dest)
    log.info("backed up %s to %s (%s)", db_path, dest, tag)
    try:
        prune_backups(db_path)
    except OSError as exc:
        log.warning("could not rotate the backups in %s: %s", folder, exc)
    return dest


def backup_infos(db_path: Path) -> list[BackupInfo]:
    """This journal's backups, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(db_path.stem)
    found = []
    for path in folder.iterdir():
        m = pattern.fullmatch(path.name)
        if not m:
            continue
        try:
            made_at = dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        if path.is_file():
            found.append(BackupInfo(path, made_at, m.group(3), size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def list_backups(db_path: Path) -> list[Path]:
    """This journal's backup files, newest first."""
    return [b.path for b in backup_infos(db_path)]


def daily_backup_due(db_path: Path, *, now: dt.datetime | None = None) -> bool:
    """Whether today's daily backup is still to be made: the newest daily backup's date, read
    from the names alone (quick capture asks it before writing on plain sqlite3)."""
    now = now or dt.datetime.now()
    for info in backup_infos(db_path):
        if info.kind == DAILY:
            return info.made_at.date() < now.date()
    return True


def daily_backup(db_path: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Back up the journal once a day: the cheap check is the newest daily backup's date.

    A journal with nothing in it yet (no reflection, no skill) is not backed up.
    """
    now = now or dt.datetime.now()
    if not daily_backup_due(db_path, now=now) or not _has_content(db_path):
        return None
    return make_backup(db_path, DAILY, now=now)


def _has_content(db_path: Path) -> bool:
    try:
        conn = open_readonly(db_path)
    except dbapi.Error:
        return True  # let the backup itself say what is wrong
    try:
        row = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM skills)"
        ).fetchone()
        return bool(row[0])
    except dbapi.Error:
        return True
    finally:
        conn.close()


def backups_to_keep(backups: list[BackupInfo]) -> set[Path]:
    """The rotation policy as a pure function of the backups (newest first)."""
    keep: set[Path] = set()
    dailies = [b for b in backups if b.kind == DAILY]
    for count, period in (
        (KEEP_DAILY, lambda d: d.date()),
        (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda d: (d.year, d.month)),
    ):
        seen: set[object] = set()
        for b in dailies:
            key = period(b.made_at)
            if key not in seen:
                seen.add(key)
                keep.add(b.path)
                if len(seen) == count:
                    break
    per_event: dict[str, int] = {}
    for b in backups:
        if b.kind == DAILY:
            continue
        if b.kind == MANUAL:
            keep.add(b.path)
            continue
        per_event[b.kind] = per_event.get(b.kind, 0) + 1
        if per_event[b.kind] <= KEEP_PER_EVENT:
            keep.add(b.path)
    return keep


def prune_backups(db_path: Path) -> list[Path]:
    """Delete the backups the rotation no longer keeps; return what was deleted."""
    backups = backup_infos(db_path)
    keep = backups_to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            key_file(b.path).unlink(missing_ok=True)
            removed.append(b.path)
            log.info("rotated out old backup %s", b.path)
    # A ".part" left by a crash mid-backup is never a backup; clear out old ones (a fresh one
    # may be another process's backup in progress).
    stale = dt.datetime.now().timestamp() - 3600
    folder = backup_dir(db_path)
    parts = [*folder.glob(f".{db_path.stem}-*.part"), *folder.glob(f"{db_path.stem}-*.part")]
    for part in parts:
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < stale:
                part.unlink()
    return removed
