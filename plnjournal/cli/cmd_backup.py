"""Backup commands: backup, backups, restore."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from plnjournal.cli.args import output_path
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json
from plnjournal.errors import StorageError
from plnjournal.paths import backup_dir
from plnjournal.storage.backup import MANUAL, backup_infos, copy_database, format_size, make_backup
from plnjournal.storage.backup_check import verify_backup
from plnjournal.storage.restore import restore_backup
from plnjournal.storage.sqlite_file import check_file


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    """A copy to keep or carry away; made from the checked journal, so a damaged file is
    refused rather than saved as a backup, and never over an existing file."""
    db = ctx.db(
        create=False
    )  # checks the file first: a damaged journal is never copied as a "backup"
    if args.dest is None:
        dest = make_backup(db.path, MANUAL)
    else:
        name = f"{db.path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}-{MANUAL}.sqlite3"
        dest = output_path(
            args.dest, default_name=name, force=False, overwrite=False, what="backup"
        )
        copy_database(db.path, dest)
    info(f"Backed up {db.path} to {dest} ({format_size(dest.stat().st_size)}).")
    return 0


def cmd_backups(args: argparse.Namespace, ctx: Context) -> int:
    """What ``restore`` can be given; works on a journal too damaged to open, since the
    backups are what would save it."""
    check_file(ctx.db_path, create=True)  # a folder given as the journal is said so
    backups = backup_infos(ctx.db_path)
    if args.json:
        print_json(
            [
                {
                    "path": str(b.path),
                    "made_at": b.made_at.isoformat(),
                    "kind": b.kind,
                    "size": b.size,
                }
                for b in backups
            ]
        )
        return 0
    folder = backup_dir(ctx.db_path)
    if not backups:
        info(f"No backups yet in {folder}. 'plnjournal backup' makes one now.")
        return 0
    info(f"Backups of {ctx.db_path} in {folder}:")
    for b in backups:
        info(f"  {b.made_at:%Y-%m-%d %H:%M}  {b.label:<26} {format_size(b.size):>8}  {b.path.name}")
    return 0


def resolve_backup(arg: str, db_path: Path) -> Path:
    """A backup given as a path, or as a bare file name from the journal's backups folder."""
    path = Path(arg).expanduser()
    if not path.exists() and path.name == arg:
        in_folder = backup_dir(db_path) / arg
        if in_folder.exists():
            return in_folder
    return path


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    """Put a backup back, asking first on a terminal; the backup is verified before the
    question and the journal as it is now is kept, so a restore can itself be undone."""
    db_path = ctx.db_path
    if db_path.is_dir():
        raise StorageError(
            f"{db_path}: is a folder, not a journal file; give a file name", exit_code=2
        )
    backup = resolve_backup(args.backup, db_path)
    ctx.ensure_unlocked()
    ctx.ensure_unlocked(backup)  # a backup of the journal opens with the same key
    verify_backup(backup)  # before asking: never offer to restore a damaged backup
    if not args.yes and sys.stdin.isatty():
        answer = input(
            f"Replace the journal {db_path} with the backup {backup.name}? "
            "The journal as it is now is backed up first. [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            info("Nothing was restored: the journal is as it was.")
            return 1  # not done, as asked: no error, but not a success a script could trust
    result = restore_backup(db_path, backup)
    info(f"Restored {db_path} from {backup}.")
    if result.saved is not None:
        info(f"The journal as it was is backed up in {result.saved}.")
    if result.damaged_kept is not None:
        info(f"The damaged journal was kept, untouched, as {result.damaged_kept}.")
    if result.migrated_from is not None:
        info(f"The backup was from an older version (schema {result.migrated_from}); upgraded.")
    return 0
