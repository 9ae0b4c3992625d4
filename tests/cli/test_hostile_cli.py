"""Hostile environments through the command line: one clear line, and no damage.

Disk full on a real small disk, a read-only folder and file, a newer version, a folder.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from plnjournal.storage.backup import copy_database
from plnjournal.storage.db import Database
from tests.cli.conftest import Cli
from tests.storage.child import integrity, titles
from tests.storage.hostile import read_only, small_disk

BIG = "A long reflection. " * 5000  # ~95 KB


def test_a_full_disk_fills_up_cleanly(cli: Cli, teaching_db: Database, tmp_path: Path) -> None:
    teaching_db.close()
    with small_disk(tmp_path / "disk", 1600) as disk:
        path = Path(shutil.copy(teaching_db.path, disk / "journal.sqlite3"))
        added, failure = 0, None
        for i in range(40):
            r = cli("add", "--title", f"entry {i}", BIG, db=path)
            if r.code != 0:
                failure = r
                break
            added += 1
        assert failure is not None, "the disk never filled up"
        assert "disk is full" in failure.err and "Traceback" not in failure.err
        assert len(failure.err.strip().splitlines()) <= 2  # the error (and a backup warning)
        assert integrity(path) == ["ok"]
        assert titles(path) == [f"entry {i}" for i in range(added)]
        # A backup onto the full disk fails cleanly too, leaving no partial file behind.
        r = cli("backup", str(disk / "copy.sqlite3"), db=path)
        assert r.code == 1 and "disk is full" in r.err
        assert not list(disk.glob("copy.sqlite3*"))


def test_a_read_only_folder_can_be_read_not_written(
    cli: Cli, demo_db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = copy_database(demo_db.path, folder / "journal.sqlite3")
    before = path.read_bytes()
    with read_only(folder):
        r = cli("add", "Will not fit.", db=path)
        assert r.code == 1 and f"the folder {folder} is read-only" in r.err
        assert "Traceback" not in r.err
        stats = cli("stats", "--json", db=path)
        assert stats.code == 0 and stats.json()["entries"] > 200
        assert cli("search", "lesson", db=path).code == 0
        r = cli("restore", str(path), "--yes", db=tmp_path / "elsewhere.sqlite3")
        assert r.code == 0  # a backup on a read-only medium restores fine elsewhere
        r = cli("backup", db=path)
        assert r.code == 1 and "read-only" in r.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["journal.sqlite3"]


def test_a_read_only_journal_file(cli: Cli, teaching_db: Database) -> None:
    cli("add", "Written while writable.", db=teaching_db.path)
    teaching_db.close()
    path = teaching_db.path
    before = path.read_bytes()
    with read_only(path):
        r = cli("add", "Not now.", db=path)
        assert r.code == 1 and "the journal file is read-only" in r.err
        assert cli("stats", "--json", db=path).json()["entries"] == 1
    assert path.read_bytes() == before
    assert integrity(path) == ["ok"]


def test_a_newer_version_is_refused_by_every_command(cli: Cli, db_path: Path) -> None:
    cli("add", "Mine.")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    for args in (["add", "x"], ["stats"], ["search", "x"], ["backup"]):
        r = cli(*args)
        assert r.code == 1 and "newer version of PLN Journal" in r.err, args
        assert len(r.err.strip().splitlines()) == 1
    assert db_path.read_bytes() == before


def test_a_folder_given_as_the_journal(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "journals"
    folder.mkdir()
    for args in (["add", "x"], ["stats"], ["backup"], ["backups"], ["restore", "x", "--yes"]):
        r = cli(*args, db=folder)
        assert r.code == 2 and "is a folder" in r.err, (args, r.err)
    assert list(folder.iterdir()) == []


def test_a_read_command_reports_sqlite_errors_on_the_file_but_not_bugs(tmp_path: Path) -> None:
    """Read commands skip the whole-file check; what SQLite says about the file while they
    read is still one clear line, while a programming error stays a bug."""
    import sqlite3

    from plnjournal.cli.context import Context

    ctx = Context(db_arg=str(tmp_path / "journal.sqlite3"))
    damaged = ctx.storage_problem(sqlite3.DatabaseError("database disk image is malformed"))
    assert damaged is not None and "damaged" in damaged.message
    busy = ctx.storage_problem(sqlite3.OperationalError("database is locked"))
    assert busy is not None and "busy" in busy.message
    assert ctx.storage_problem(sqlite3.ProgrammingError("Incorrect number of bindings")) is None
    assert ctx.storage_problem(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert ctx.storage_problem(ValueError("not SQLite")) is None
