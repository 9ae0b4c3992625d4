"""Opening the journal file: pragmas, refusals with clear messages, nothing damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plnjournal.errors import DatabaseDamaged, DatabaseTooNew, StorageError
from plnjournal.storage.db import HEAD_REVISION, REVISIONS, open_database


def test_new_journal_is_at_head_with_durable_settings(db) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert (
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == HEAD_REVISION
        )


def test_revisions_match_the_alembic_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option(
        "script_location", str(Path(__file__).parents[2] / "plnjournal/storage/migrations")
    )
    script = ScriptDirectory.from_config(cfg)
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == REVISIONS


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        open_database(tmp_path)


def test_file_that_is_not_a_database_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my precious notes\n")
    with pytest.raises(DatabaseDamaged, match="not a PLN Journal database"):
        open_database(path)
    assert path.read_text() == "my precious notes\n"


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseDamaged, match="not a PLN Journal database"):
        open_database(path)


def test_newer_version_is_refused_and_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_damaged_file_is_refused_not_repaired(db_path: Path, teaching_db) -> None:
    teaching_db.close()
    data = bytearray(db_path.read_bytes())
    # Scribble over the pages after the header: the file still looks like SQLite.
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = 0xA5
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        open_database(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "journal.sqlite3"
    open_database(path).close()
    assert path.exists()


def _scribble_near_the_end(path: Path) -> bytes:
    """Damage pages of reflections only: the schema still reads, only a whole-file check
    (or reading those reflections) finds the damage."""
    data = bytearray(path.read_bytes())
    for i in range(len(data) - 4096 * 3, len(data) - 4096 * 2):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    return bytes(data)


def _journal_of_300_days(db_path: Path) -> None:
    import datetime as dt

    from plnjournal.core.journal.entries import add_entry

    db = open_database(db_path)
    with db.session() as s:
        for i in range(300):
            day = dt.date(2026, 1, 1) + dt.timedelta(days=i)
            add_entry(s, entry_date=day, title=f"day {i}", body="word " * 200)
    db.close()


def test_a_check_started_earlier_stands_for_the_open_check(db_path: Path) -> None:
    from plnjournal.storage.sqlite_file import QuickCheck, read_revision

    _journal_of_300_days(db_path)
    sound = QuickCheck.start(db_path)
    open_database(db_path, quick_check=sound).close()

    damaged = _scribble_near_the_end(db_path)
    assert read_revision(db_path, check=False)[0] is not None  # the schema still reads
    with pytest.raises(DatabaseDamaged, match="damaged"):
        open_database(db_path, quick_check=QuickCheck.start(db_path))
    assert db_path.read_bytes() == damaged
    assert QuickCheck.start(db_path.parent / "missing.sqlite3") is None
