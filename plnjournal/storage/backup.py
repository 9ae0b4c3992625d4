"""Consistent copies of the journal with SQLite's online backup API, never a file copy."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from plnjournal.errors import StorageError
from plnjournal.paths import backup_dir

_SAFE = re.compile(r"[^a-z0-9-]+")


def copy_database(src: Path, dest: Path) -> Path:
    """Copy ``src`` to ``dest`` consistently, even while another process writes to ``src``."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        tmp.replace(dest)  # atomic: a backup file is either whole or absent
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"could not back up {src} to {dest}: {exc}") from exc
    return dest


def make_backup(db_path: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    """A timestamped backup in the journal's backup folder, named for why it was made."""
    now = now or dt.datetime.now()
    tag = _SAFE.sub("-", reason.lower()).strip("-") or "manual"
    stem = db_path.stem
    name = f"{stem}-{now:%Y%m%d-%H%M%S}-{tag}.sqlite3"
    dest = backup_dir(db_path) / name
    n = 1
    while dest.exists():
        n += 1
        dest = backup_dir(db_path) / f"{stem}-{now:%Y%m%d-%H%M%S}-{tag}-{n}.sqlite3"
    return copy_database(db_path, dest)


def list_backups(db_path: Path) -> list[Path]:
    """This journal's backups, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_path.stem}-*.sqlite3") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)
